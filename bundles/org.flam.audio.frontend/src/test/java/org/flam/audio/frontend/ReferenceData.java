package org.flam.audio.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The test signals of {@code src/test/python/make_reference.py}, evaluated by the same
 * formulas in the same order of operations (double precision, then rounded to float), and
 * the reference files it wrote: little-endian float32, row-major, no header.
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** A signal of make_reference.py by name: sine1k, chirp, clicks or noise. */
    public static float[] signal(String name, int sampleRate, int length) {
        float[] x = new float[length];
        long s = 12345;
        for (int n = 0; n < length; n++) {
            double v;
            switch (name) {
                case "sine1k" -> v = 0.5 * Math.sin(2 * Math.PI * 1000.0 * n / sampleRate);
                case "chirp" -> {
                    double f0 = 50.0;
                    double f1 = 0.45 * sampleRate;
                    double t = (double) n / sampleRate;
                    double bigT = (double) length / sampleRate;
                    v = 0.5 * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * bigT)));
                }
                case "clicks" -> v = n % 4800 == 100 ? 1.0 : 0.0;
                case "noise" -> {
                    s = (1664525L * s + 1013904223L) & 0xFFFF_FFFFL;
                    v = 0.5 * (s / 4294967296.0 * 2 - 1);
                }
                default -> throw new IllegalArgumentException(name);
            }
            x[n] = (float) v;
        }
        return x;
    }

    /** A reference file as {@code float[rows][cols]}. */
    public static float[][] matrix(String file, int rows, int cols) {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/org/flam/audio/frontend/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + file);
            }
            byte[] bytes = in.readAllBytes();
            if (bytes.length != 4 * rows * cols) {
                throw new IllegalStateException(file + " has " + bytes.length + " bytes, expected " + rows + " x "
                        + cols + " float32");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[][] m = new float[rows][cols];
            for (float[] row : m) {
                buffer.asFloatBuffer().get(row);
                buffer.position(buffer.position() + 4 * cols);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
