package org.flam.audio.htsat.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flam.api.graph.testing.ReferenceArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Test resources written by {@code src/test/python/htsat_reference.py}. */
final class Reference {

    private Reference() {
    }

    private static BufferedReader open(String resource) {
        InputStream in = Reference.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** {@code name shape values...} lines (shape {@code scalar} or {@code d0,d1,...}) as float64 arrays. */
    static Map<String, INDArray> arrays(String resource) {
        return ReferenceArrays.read(Reference.class, resource);
    }

    /** {@code key value} lines. */
    static Map<String, String> properties(String resource) {
        Map<String, String> map = new LinkedHashMap<>();
        try (BufferedReader reader = open(resource)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split("\\s+");
                    map.put(f[0], f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
