package org.flam.api.graph.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float64 reference arrays written by a script under a bundle's {@code src/test/python}:
 * {@code name shape values...} lines, shape {@code scalar} or {@code d0,d1,...}, {@code #}
 * comments; and the element-wise comparison the tests make against them.
 */
public final class ReferenceArrays {

    private final Map<String, INDArray> arrays;

    /** Reads {@code resource}, relative to {@code anchor}'s package like {@link Class#getResourceAsStream}. */
    public ReferenceArrays(Class<?> anchor, String resource) {
        this.arrays = read(anchor, resource);
    }

    /** The arrays of {@code resource} by name, in file order. */
    public static Map<String, INDArray> read(Class<?> anchor, String resource) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
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
        return arrays;
    }

    /** A fresh copy of the array {@code name}. */
    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no array " + name + " in the reference");
        }
        return a.dup();
    }

    /** The array {@code name} as a scalar. */
    public double scalar(String name) {
        return get(name).getDouble(0);
    }

    /**
     * Asserts equal shapes and {@code |actual - expected| <= tol (1 + |expected|)} element-wise.
     *
     * @throws AssertionError naming {@code what} and the first differing element
     */
    public static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError(what + " shape: expected " + Arrays.toString(expected.shape()) + ", got "
                    + Arrays.toString(actual.shape()));
        }
        double[] e = expected.ravel().toDoubleVector();
        double[] a = actual.ravel().toDoubleVector();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i])))) {
                throw new AssertionError(what + "[" + i + "]: expected " + e[i] + ", got " + a[i]);
            }
        }
    }
}
