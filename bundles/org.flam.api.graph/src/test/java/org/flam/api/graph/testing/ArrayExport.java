package org.flam.api.graph.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named float32 arrays written for another program (the PyTorch side of
 * {@code bench/side-by-side.sh}): one raw little-endian float32 file per array, row-major
 * (C order), and {@code index.json} {@code {"arrays": {name: {"file", "shape"}}, "meta": {...}}}.
 * numpy reads an array as {@code np.fromfile(file, "<f4").reshape(shape)}. A benchmark helper,
 * not product code; shared by the benchmarks of the graph-builder bundles (a test fixture).
 */
public final class ArrayExport {

    private final Path dir;
    private final Map<String, Object[]> arrays = new LinkedHashMap<>();

    public ArrayExport(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Writes {@code a} (any type, cast to float32) as {@code name}. */
    public void put(String name, INDArray a) throws IOException {
        try (INDArray f = a.castTo(DataType.FLOAT).dup('c')) {
            put(name, f.reshape(f.length()).toFloatVector(), f.shape());
        }
    }

    /** Writes {@code values} (row-major) with {@code shape} as {@code name}. */
    public void put(String name, float[] values, long... shape) throws IOException {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("array " + name + " written twice");
        }
        String file = String.format(Locale.ROOT, "a%04d.f32", arrays.size());
        ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(values);
        try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
            out.write(bb.array());
        }
        arrays.put(name, new Object[] {file, shape});
    }

    /** Writes {@code index.json} with the arrays so far and {@code meta}. */
    public void finish(Map<String, ?> meta) throws IOException {
        StringBuilder s = new StringBuilder("{\"arrays\": {");
        boolean first = true;
        for (Map.Entry<String, Object[]> e : arrays.entrySet()) {
            s.append(first ? "\n  " : ",\n  ");
            first = false;
            quote(s, e.getKey());
            s.append(": {\"file\": ");
            quote(s, (String) e.getValue()[0]);
            s.append(", \"shape\": ");
            json(s, e.getValue()[1]);
            s.append('}');
        }
        s.append("},\n\"meta\": ");
        json(s, meta);
        s.append("}\n");
        Files.writeString(dir.resolve("index.json"), s, StandardCharsets.UTF_8);
    }

    /** A small JSON writer: maps, lists, numbers (NaN as null), strings, booleans, long[] and double[]. */
    public static StringBuilder json(StringBuilder s, Object v) {
        if (v == null) {
            s.append("null");
        } else if (v instanceof Map<?, ?> m) {
            s.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    s.append(", ");
                }
                first = false;
                quote(s, String.valueOf(e.getKey()));
                s.append(": ");
                json(s, e.getValue());
            }
            s.append('}');
        } else if (v instanceof List<?> l) {
            s.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    s.append(", ");
                }
                json(s, l.get(i));
            }
            s.append(']');
        } else if (v instanceof long[] a) {
            s.append('[');
            for (int i = 0; i < a.length; i++) {
                s.append(i > 0 ? ", " : "").append(a[i]);
            }
            s.append(']');
        } else if (v instanceof double[] a) {
            s.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    s.append(", ");
                }
                json(s, a[i]);
            }
            s.append(']');
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            s.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v);
        } else {
            quote(s, v.toString());
        }
        return s;
    }

    private static void quote(StringBuilder s, String text) {
        s.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
