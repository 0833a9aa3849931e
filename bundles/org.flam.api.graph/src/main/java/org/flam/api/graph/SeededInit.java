package org.flam.api.graph;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial weights that depend only on a seed and the variable's name: each variable draws from
 * its own {@code java.util.Random} seeded by {@link #seedFor(long, String)}, so the same seed
 * gives the same weights whatever the order in which a graph is built, the backend, the
 * number of threads or anything else that used ND4J's global generator before. Every
 * trainable graph builder of the project initialises through it, from the seed in its
 * configuration (which a training job's configuration sets).
 */
public final class SeededInit {

    private SeededInit() {
    }

    /**
     * A 64-bit seed from a seed and a variable name: {@code seed * 0x9E3779B97F4A7C15 +
     * name.hashCode()} through the SplitMix64 finaliser.
     */
    public static long seedFor(long seed, String name) {
        long z = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Normal values {@code std * nextGaussian()}, in row-major order of {@code shape}.
     *
     * @param seed  the builder's seed
     * @param name  the variable's full name
     * @param std   standard deviation
     * @param type  data type of the result
     * @param shape shape of the result
     */
    public static INDArray normal(long seed, String name, double std, DataType type, long... shape) {
        Random random = new Random(seedFor(seed, name));
        double[] values = new double[count(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return Nd4j.createFromArray(values).castTo(type).reshape(shape);
    }

    /**
     * Uniform values on {@code [-bound, bound)}: {@code (2 nextDouble() - 1) bound}, in
     * row-major order of {@code shape}.
     *
     * @param seed  the builder's seed
     * @param name  the variable's full name
     * @param bound half-width
     * @param type  data type of the result
     * @param shape shape of the result
     */
    public static INDArray uniform(long seed, String name, double bound, DataType type, long... shape) {
        Random random = new Random(seedFor(seed, name));
        double[] values = new double[count(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return Nd4j.createFromArray(values).castTo(type).reshape(shape);
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return Math.toIntExact(n);
    }
}
