package org.flam.audio.htsat.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed of HTSAT-tiny (float32) on this CPU: forward, and forward + backward (gradients of every
 * variable for {@code loss = Σ h ⊙ r}), at batch 1 and 4; median of {@code runs} after one warm-up.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:&lt;test class path&gt; \
 *     org.flam.audio.htsat.internal.HtsatBench [runs=3] [batches=1,4]
 * </pre>
 */
public final class HtsatBench {

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] batches = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 4};
        Nd4j.getRandom().setSeed(1);
        HtsatAudioEncoder enc = new HtsatAudioEncoder();
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 64, 1001);
        SDVariable h = enc.build(sd, x);
        String loss = h.mul(sd.constant("r", Nd4j.randn(DataType.FLOAT, 32, 768))).sum().name();
        sd.setLossVariables(loss);
        List<String> vars = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        System.out.printf("HTSAT-tiny, float32, OMP_NUM_THREADS=%s, %d variables%n", System.getenv("OMP_NUM_THREADS"),
                vars.size());
        for (int b : batches) {
            Map<String, INDArray> ph = Map.of("x", Nd4j.randn(DataType.FLOAT, b, 64, 1001).muli(20).subi(40));
            double fwd = median(runs, () -> sd.output(ph, h.name()));
            double bwd = median(runs, () -> sd.calculateGradients(ph, vars));
            System.out.printf("batch %d: forward %.2f s (%.2f s/clip), forward+backward %.2f s (%.2f s/clip)%n",
                    b, fwd, fwd / b, bwd, bwd / b);
        }
    }

    private static double median(int runs, Runnable r) {
        r.run(); // warm-up
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }
}
