package org.flam.audio.cnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.flam.api.graph.GraphOps;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link GraphOps#relu}, which this encoder uses, against max(x, 0) and its subgradient, by hand. */
class GraphOpsReluTest {

    @Test
    void reluHasTheValuesAndGradientOfMaxXZero() {
        double[] x = {-2.5, -1e-30, 0.0, 1e-30, 0.75, 3.0};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            SameDiff sd = SameDiff.create();
            sd.setEnableCache(false);
            SDVariable v = sd.var("x", Nd4j.createFromArray(x).castTo(type));
            // weights make each entry's gradient distinct: d/dx_i Σ w_i relu(x_i) = w_i [x_i > 0]
            double[] w = {1, 2, 3, 4, 5, 6};
            SDVariable y = GraphOps.relu(v);
            SDVariable loss = y.mul(sd.constant(Nd4j.createFromArray(w).castTo(type))).sum();
            sd.setLossVariables(loss);
            INDArray out = sd.output(Map.of(), y.name()).get(y.name());
            INDArray grad = sd.calculateGradients(Map.of(), "x").get("x");
            assertEquals(type, out.dataType());
            for (int i = 0; i < x.length; i++) {
                float tolerance = type == DataType.FLOAT ? 1e-37f : 0f;
                assertEquals(Math.max(x[i], 0.0), out.getDouble(i), tolerance, "value at " + x[i]);
                assertEquals(x[i] > 0 ? w[i] : 0.0, grad.getDouble(i), 0.0, "gradient at " + x[i]);
            }
        }
    }
}
