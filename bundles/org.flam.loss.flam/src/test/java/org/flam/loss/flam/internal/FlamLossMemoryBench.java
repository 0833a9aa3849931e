package org.flam.loss.flam.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Peak memory of one training step's loss and gradients (float32, B = 16 clips, F = 32 frames,
 * D = 512) for K = 160, 640, 2560, 10240 texts, chunked (160 texts per chunk) and unchunked.
 * Peak = the process's peak resident set ({@code VmHWM}, reset through
 * {@code /proc/self/clear_refs}) minus the resident set just before the step, so the inputs,
 * allocated beforehand, are not counted. Linux only. Usage: {@code [rounds]}.
 */
public final class FlamLossMemoryBench {

    private FlamLossMemoryBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int b = 16;
        int f = 32;
        int d = 512;
        int chunk = 160;
        System.out.printf("B=%d F=%d D=%d float32; MiB above the pre-step resident set (min of %d rounds)%n",
                b, f, d, rounds);
        System.out.println("K\tlabels+logits MiB\tchunked(" + chunk + ") MiB\tunchunked MiB\tms chunked\tms unchunked");
        for (int k : new int[] {160, 640, 2560, 10240}) {
            double[] chunked = step(b, f, d, k, chunk, rounds);
            double[] whole = step(b, f, d, k, k, rounds);
            double tensor = 4.0 * b * f * k / (1 << 20);
            System.out.printf("%d\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f%n", k, tensor, chunked[0], whole[0],
                    chunked[1], whole[1]);
        }
    }

    /** {peak MiB, milliseconds}, the minimum over the rounds after one warm-up. */
    private static double[] step(int b, int f, int d, int k, int chunk, int rounds) throws IOException {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        SDVariable a = sd.var("a", Nd4j.rand(DataType.FLOAT, b, f, d).subi(0.5).divi(Math.sqrt(d)));
        SDVariable e = sd.var("e", Nd4j.rand(DataType.FLOAT, k, d).subi(0.5).divi(Math.sqrt(d)));
        SDVariable s = sd.var("s", Nd4j.valueArrayOf(new long[] {k}, 10f));
        SDVariable bias = sd.var("b", Nd4j.valueArrayOf(new long[] {k}, -8f));
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, b, f, k);
        SDVariable m = sd.placeHolder("m", DataType.FLOAT, b);
        SDVariable t = sd.placeHolder("t", DataType.FLOAT, k);
        Map<String, SDVariable> terms = new FrameWiseLogitAdjustedLoss(200, chunk, 5)
                .build(sd, new LossInputs(a, null, e, s, bias, z, m, t, null));
        terms.get(Loss.SED).add("total", terms.get(Loss.PRIOR));
        sd.setLossVariables("total");
        INDArray labels = Nd4j.rand(DataType.FLOAT, b, f, k).lt(0.02).castTo(DataType.FLOAT);
        Map<String, INDArray> ph = Map.of("z", labels, "m", Nd4j.ones(DataType.FLOAT, b),
                "t", Nd4j.ones(DataType.FLOAT, k));
        sd.calculateGradients(ph, "a", "e", "s", "b");
        double peak = Double.MAX_VALUE;
        double millis = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            System.gc();
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            long before = status("VmRSS:");
            long start = System.nanoTime();
            sd.calculateGradients(ph, "a", "e", "s", "b");
            millis = Math.min(millis, (System.nanoTime() - start) / 1e6);
            peak = Math.min(peak, (status("VmHWM:") - before) / 1024.0);
        }
        return new double[] {peak, millis};
    }

    /** A /proc/self/status field in KiB. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }
}
