package org.flam.train.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.testing.PlainGraphBackend;
import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.flam.loss.flam.internal.FrameWiseLogitAdjustedLoss;
import org.flam.loss.flam.internal.FrameWiseLogitAdjustedLossAccess;
import org.flam.loss.flam.internal.FrameWiseLogitAdjustedLossConfiguration;
import org.flam.model.ModelDescription;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Peak memory and time of the FLAM frame-wise loss terms and their gradients with respect to
 * the loss inputs (float32, B = 16 clips, F = 32 frames, D = 512) for K = 160, 640, 2560,
 * 10240 real text slots:
 * <ul>
 * <li>chunked: the trainer's execution-level {@link ChunkedLoss} with 160 texts per chunk
 * (SPEC §2.4), the loss as the trainer gets it by default
 * ({@link FrameWiseLogitAdjustedLossAccess#create(double)}, in-graph chunk size 128);</li>
 * <li>unchunked: the loss built once over all K in one graph (in-graph chunk size K, one
 * piece), gradients by {@code calculateGradientsAndOutputs} w.r.t. a, e, s, b.</li>
 * </ul>
 * Peak = the process's peak resident set ({@code VmHWM}, reset through
 * {@code /proc/self/clear_refs}) minus the resident set just before the step; inputs, feeds
 * and gradient accumulators are allocated beforehand and not counted. Before each step
 * {@code malloc_trim(0)} (through JNA) returns the native memory that glibc keeps after
 * earlier steps, as the bench runs with {@code MALLOC_MMAP_MAX_=0} and a 1 GiB trim
 * threshold like {@code runtime/flam}, so freed memory would otherwise stay resident and be
 * reused without showing in the peak. Linux/glibc only. Also checks that both variants give
 * the same terms and gradient of e.
 *
 * <p>Usage: {@code [rounds] [in-graph chunk size of the chunked variant's loss, 0 = default]}.
 */
public final class ChunkedLossMemoryBench {

    private static final int B = 16;
    private static final int F = 32;
    private static final int D = 512;
    private static final int CHUNK = 160;
    private static final DataType T = DataType.FLOAT;

    private ChunkedLossMemoryBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int inGraph = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        System.out.printf("B=%d F=%d D=%d float32, all K texts real; chunked = ChunkedLoss, %d texts per chunk "
                + "(loss in-graph chunk size %s); unchunked = one graph over all K.%n", B, F, D, CHUNK,
                inGraph > 0 ? String.valueOf(inGraph) : "default 128");
        System.out.printf("Peak = MiB above the pre-step resident set; min over %d rounds after one warm-up.%n", rounds);
        System.out.println("K\t[B,F,K] MiB\tchunked MiB\tunchunked MiB\tchunked ms\tunchunked ms"
                + "\tterms rel.diff\tgrad e rel.diff");
        for (int k : new int[] {160, 640, 2560, 10240}) {
            Inputs in = new Inputs(k);
            Result chunked = chunked(in, inGraph, rounds);
            Result whole = unchunked(in, rounds);
            double termDiff = 0;
            for (Map.Entry<String, Double> t : whole.terms.entrySet()) {
                double c = chunked.terms.get(t.getKey());
                termDiff = Math.max(termDiff, Math.abs(c - t.getValue()) / Math.max(Math.abs(t.getValue()), 1e-30));
            }
            double gradDiff = chunked.gradE.sub(whole.gradE).amaxNumber().doubleValue()
                    / Math.max(whole.gradE.amaxNumber().doubleValue(), 1e-30);
            double tensor = 4.0 * B * F * k / (1 << 20);
            System.out.printf("%d\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f\t%.1e\t%.1e%n", k, tensor, chunked.peak, whole.peak,
                    chunked.millis, whole.millis, termDiff, gradDiff);
            System.out.flush();
        }
        System.out.println("terms rel.diff = max over terms |chunked - unchunked| / |unchunked|; "
                + "grad e rel.diff = max |chunked - unchunked| / max |unchunked| over the [K, D] gradient of e.");
    }

    /** The model outputs and feeds of one batch with {@code k} real texts, fixed seed. */
    private static final class Inputs {
        final int k;
        final Map<String, INDArray> forward = new HashMap<>();
        final Map<String, INDArray> feeds = new HashMap<>();

        Inputs(int k) {
            this.k = k;
            Nd4j.getRandom().setSeed(1234 + k);
            forward.put(ModelDescription.FRAME_EMBEDDINGS, Nd4j.rand(T, B, F, D).subi(0.5).divi(Math.sqrt(D)));
            forward.put(ModelDescription.GLOBAL_EMBEDDINGS, Nd4j.rand(T, B, D).subi(0.5).divi(Math.sqrt(D)));
            forward.put(ModelDescription.TEXT_EMBEDDINGS, Nd4j.rand(T, k, D).subi(0.5).divi(Math.sqrt(D)));
            forward.put(ModelDescription.LOGIT_SCALE, Nd4j.rand(T, k).muli(10).addi(5));
            forward.put(ModelDescription.LOGIT_BIAS, Nd4j.rand(T, k).subi(9));
            feeds.put(Batch.FRAME_LABELS, Nd4j.rand(T, B, F, k).lt(0.1).castTo(T));
            feeds.put(Batch.LABELLED_MASK, Nd4j.ones(T, B));
            feeds.put(Batch.CLIP_MASK, Nd4j.ones(T, B));
            feeds.put(Batch.TEXT_MASK, Nd4j.ones(T, k));
            // Each clip owns K / B consecutive text slots.
            INDArray ownership = Nd4j.zeros(T, B, k);
            for (int j = 0; j < k; j++) {
                ownership.putScalar(new long[] {(long) j * B / k, j}, 1.0);
            }
            feeds.put(Batch.OWNERSHIP, ownership);
        }
    }

    private record Result(double peak, double millis, Map<String, Double> terms, INDArray gradE) {
    }

    private static Result chunked(Inputs in, int inGraph, int rounds) throws IOException {
        Loss loss = inGraph > 0 ? flam(inGraph) : FrameWiseLogitAdjustedLossAccess.create(200.0);
        ChunkedLoss chunked = new ChunkedLoss(backend(), loss, CHUNK, T);
        Map<String, INDArray> upstream = new HashMap<>();
        for (Map.Entry<String, INDArray> o : in.forward.entrySet()) {
            upstream.put(o.getKey(), Nd4j.zeros(T, o.getValue().shape()));
        }
        Map<String, Double> terms = chunked.accumulate(in.forward, in.feeds, upstream);
        double peak = Double.MAX_VALUE;
        double millis = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            for (INDArray u : upstream.values()) {
                u.assign(0);
            }
            long before = reset();
            long start = System.nanoTime();
            terms = chunked.accumulate(in.forward, in.feeds, upstream);
            millis = Math.min(millis, (System.nanoTime() - start) / 1e6);
            peak = Math.min(peak, (status("VmHWM:") - before) / 1024.0);
        }
        return new Result(peak, millis, terms, upstream.get(ModelDescription.TEXT_EMBEDDINGS).dup());
    }

    private static Result unchunked(Inputs in, int rounds) throws IOException {
        int k = in.k;
        SameDiff sd = backend().newGraph();
        SDVariable a = sd.var("a", in.forward.get(ModelDescription.FRAME_EMBEDDINGS).dup());
        SDVariable e = sd.var("e", in.forward.get(ModelDescription.TEXT_EMBEDDINGS).dup());
        SDVariable s = sd.var("s", in.forward.get(ModelDescription.LOGIT_SCALE).dup());
        SDVariable bias = sd.var("b", in.forward.get(ModelDescription.LOGIT_BIAS).dup());
        SDVariable labels = sd.placeHolder("z", T, B, F, k);
        SDVariable clipMask = sd.placeHolder("m", T, B);
        SDVariable textMask = sd.placeHolder("t", T, k);
        Map<String, SDVariable> t = flam(k).build(sd,
                new LossInputs(a, null, e, s, bias, labels, clipMask, textMask, null));
        List<String> names = new ArrayList<>(t.keySet());
        List<String> outputs = new ArrayList<>();
        SDVariable total = null;
        for (String n : names) {
            outputs.add(t.get(n).name());
            total = total == null ? t.get(n) : total.add(t.get(n));
        }
        sd.identity("total", total);
        sd.setLossVariables("total");
        // As ChunkedLoss: the frame-wise loss sees the labelled-clip mask.
        Map<String, INDArray> ph = Map.of("z", in.feeds.get(Batch.FRAME_LABELS),
                "m", in.feeds.get(Batch.LABELLED_MASK), "t", in.feeds.get(Batch.TEXT_MASK));
        OutAndGrad og = quietly(() -> sd.calculateGradientsAndOutputs(ph, outputs, List.of("a", "e", "s", "b")));
        double peak = Double.MAX_VALUE;
        double millis = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            og = null;
            long before = reset();
            long start = System.nanoTime();
            og = sd.calculateGradientsAndOutputs(ph, outputs, List.of("a", "e", "s", "b"));
            millis = Math.min(millis, (System.nanoTime() - start) / 1e6);
            peak = Math.min(peak, (status("VmHWM:") - before) / 1024.0);
        }
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            terms.put(names.get(i), og.getOutputs().get(outputs.get(i)).getDouble(0));
        }
        return new Result(peak, millis, terms, og.getGradients().get("e").dup());
    }

    /** The FLAM loss (lambda_SED 200) with {@code chunkSize} texts per in-graph chunk. */
    private static Loss flam(int chunkSize) {
        return new FrameWiseLogitAdjustedLoss(new FrameWiseLogitAdjustedLossConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FrameWiseLogitAdjustedLossConfiguration.class;
            }

            @Override
            public double lambdaSed() {
                return 200.0;
            }

            @Override
            public int chunkSize() {
                return chunkSize;
            }

            @Override
            public int textSlotsPerClip() {
                return 5;
            }

            @Override
            public String flam_name() {
                return FrameWiseLogitAdjustedLoss.NAME;
            }
        });
    }

    /** As TinyModel's backend: plain SameDiff graphs with the cache off. */
    private static GraphBackend backend() {
        return new PlainGraphBackend();
    }

    private interface Step<V> {
        V run();
    }

    /** Runs {@code step} with System.out muted (SameDiff prints each op when it first differentiates). */
    private static <V> V quietly(Step<V> step) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return step.run();
        } finally {
            System.setOut(out);
        }
    }

    /**
     * Collects garbage, gives freed native memory back to the system ({@code malloc_trim(0)}),
     * resets the peak resident set and returns the resident set in KiB.
     */
    private static long reset() throws IOException {
        System.gc();
        System.gc();
        try {
            // ND4J frees collected arrays' native memory from a reference-queue thread.
            Thread.sleep(200);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        com.sun.jna.NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0});
        Files.writeString(Paths.get("/proc/self/clear_refs"), "5");
        return status("VmRSS:");
    }

    /** A /proc/self/status field in KiB. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }
}
