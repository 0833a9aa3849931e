package org.flam.itests;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny SameDiff graph with a closed form, run inside OSGi (PlatformIT) and outside
 * (TinyGraphTest): {@code y = tanh(x W + b)}, {@code L = ½ Σ y²}, in double precision.
 *
 * <p>Closed form: with {@code g = y (1 - y²)} (dL/dz), {@code dL/dW = xᵀ g} and
 * {@code dL/db = Σ_rows g}.
 */
final class TinyGraph {

    static final double[][] X = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}};
    static final double[][] W = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    static final double[] B = {0.05, -0.1};

    private TinyGraph() {
    }

    /** Runs the graph on {@code sd}; returns loss, y (flattened), dW and db (flattened). */
    static Map<String, double[]> run(SameDiff sd) {
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 2, 3);
        SDVariable w = sd.var("W", Nd4j.createFromArray(W));
        SDVariable b = sd.var("b", Nd4j.createFromArray(B));
        SDVariable y = sd.math.tanh("y", x.mmul(w).add(b));
        SDVariable loss = y.mul(y).sum().mul(0.5).rename("loss");
        sd.setLossVariables(loss);
        Map<String, INDArray> in = Map.of("x", Nd4j.createFromArray(X));
        Map<String, INDArray> out = sd.output(in, "loss", "y");
        Map<String, INDArray> grads = sd.calculateGradients(in, "W", "b");
        Map<String, double[]> r = new LinkedHashMap<>();
        r.put("loss", new double[] {out.get("loss").getDouble(0)});
        r.put("y", out.get("y").ravel().toDoubleVector());
        r.put("dW", grads.get("W").ravel().toDoubleVector());
        r.put("db", grads.get("b").ravel().toDoubleVector());
        return r;
    }

    /** The same quantities computed by hand from the closed form, in plain Java. */
    static Map<String, double[]> closedForm() {
        double[][] y = new double[2][2];
        double loss = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double z = B[j];
                for (int k = 0; k < 3; k++) {
                    z += X[i][k] * W[k][j];
                }
                y[i][j] = Math.tanh(z);
                loss += 0.5 * y[i][j] * y[i][j];
            }
        }
        double[] dW = new double[6];
        double[] db = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double g = y[i][j] * (1 - y[i][j] * y[i][j]);
                db[j] += g;
                for (int k = 0; k < 3; k++) {
                    dW[k * 2 + j] += X[i][k] * g;
                }
            }
        }
        Map<String, double[]> r = new LinkedHashMap<>();
        r.put("loss", new double[] {loss});
        r.put("y", new double[] {y[0][0], y[0][1], y[1][0], y[1][1]});
        r.put("dW", dW);
        r.put("db", db);
        return r;
    }
}
