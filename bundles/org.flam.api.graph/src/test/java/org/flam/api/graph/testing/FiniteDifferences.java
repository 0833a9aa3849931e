package org.flam.api.graph.testing;

import java.util.Map;
import java.util.Random;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences against SameDiff's gradients, in the graph's own precision. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /**
     * Central differences ({@code h = 1e-6}) of {@code loss} against {@code grads} for every
     * variable in {@code grads}; at most {@code maxPerVariable} random entries of each (all
     * entries if the variable is smaller). Build the graph in double precision.
     *
     * @throws AssertionError listing every entry where {@code |fd - g| > tolerance · max(1, |fd|)}
     */
    public static void check(SameDiff sd, Map<String, INDArray> placeholders, String loss,
            Map<String, INDArray> grads, int maxPerVariable, double tolerance) {
        Random random = new Random(42);
        StringBuilder failures = new StringBuilder();
        double h = 1e-6;
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            INDArray param = sd.getVariable(e.getKey()).getArr();
            INDArray grad = e.getValue();
            long n = param.length();
            for (int c = 0; c < Math.min(n, maxPerVariable); c++) {
                long i = n <= maxPerVariable ? c : (long) (random.nextDouble() * n);
                double original = param.getDouble(i);
                param.putScalar(i, original + h);
                double plus = sd.output(placeholders, loss).get(loss).getDouble(0);
                param.putScalar(i, original - h);
                double minus = sd.output(placeholders, loss).get(loss).getDouble(0);
                param.putScalar(i, original);
                double fd = (plus - minus) / (2 * h);
                double g = grad.getDouble(i);
                if (!(Math.abs(fd - g) <= tolerance * Math.max(1.0, Math.abs(fd)))) {
                    failures.append(e.getKey()).append('[').append(i).append("]: finite difference ").append(fd)
                            .append(", gradient ").append(g).append('\n');
                }
            }
        }
        if (failures.length() > 0) {
            throw new AssertionError(failures.toString());
        }
    }
}
