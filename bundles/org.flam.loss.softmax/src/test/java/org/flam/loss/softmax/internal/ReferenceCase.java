package org.flam.loss.softmax.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float64 arrays written by a script under {@code src/test/python} ({@code name shape values}
 * lines, shape {@code scalar} or {@code d0,d1}), and the checks shared by the tests.
 */
final class ReferenceCase {

    private final Map<String, INDArray> arrays = new HashMap<>();

    ReferenceCase(String resource) {
        try (InputStream in = ReferenceCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                double[] values = Arrays.stream(f, 2, f.length).mapToDouble(Double::parseDouble).toArray();
                long[] shape = f[1].equals("scalar") ? new long[0]
                        : Arrays.stream(f[1].split(",")).mapToLong(Long::parseLong).toArray();
                arrays.put(f[0], Nd4j.create(values, shape, DataType.DOUBLE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the array {@code name}. */
    INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no array " + name + " in the reference");
        }
        return a.dup();
    }

    double scalar(String name) {
        return get(name).getDouble(0);
    }

    /** Asserts {@code |actual - expected| <= tol (1 + |expected|)} element-wise. */
    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + " shape");
        double[] e = expected.ravel().toDoubleVector();
        double[] a = actual.ravel().toDoubleVector();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i])),
                    what + "[" + i + "]: expected " + e[i] + ", got " + a[i]);
        }
    }

    /**
     * Central finite differences in double precision, {@code (L(v + h) - L(v - h)) / 2h} for
     * every element of every variable in {@code gradients}, checked against those gradients.
     */
    static void assertFiniteDifferences(SameDiff sd, Map<String, INDArray> placeholders, String loss,
            Map<String, INDArray> gradients) {
        double h = 1e-6;
        for (Map.Entry<String, INDArray> g : gradients.entrySet()) {
            INDArray value = sd.getVariable(g.getKey()).getArr();
            for (long i = 0; i < value.length(); i++) {
                double v = value.getDouble(i);
                value.putScalar(i, v + h);
                double plus = sd.output(placeholders, loss).get(loss).getDouble(0);
                value.putScalar(i, v - h);
                double minus = sd.output(placeholders, loss).get(loss).getDouble(0);
                value.putScalar(i, v);
                double numeric = (plus - minus) / (2 * h);
                double analytic = g.getValue().getDouble(i);
                assertTrue(Math.abs(numeric - analytic) <= 1e-6 * (1 + Math.abs(analytic)),
                        "d" + loss + "/d" + g.getKey() + "[" + i + "]: finite difference " + numeric
                                + ", gradient " + analytic);
            }
        }
    }
}
