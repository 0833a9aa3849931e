package org.flam.plot;

import java.util.Objects;

import org.flam.plot.internal.Canvas;

/**
 * One named line of a {@link LineChart}: points {@code (x[i], y[i])} joined in the given order.
 *
 * <p>The record owns its arrays: the constructor copies them and the accessors return copies.
 *
 * @param name legend text, not blank
 * @param x    x values, finite
 * @param y    y values, finite, as many as {@code x}
 */
public record Series(String name, double[] x, double[] y) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the name is blank, the lengths differ or a value is
     *                                  NaN or infinite
     */
    public Series {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank");
        }
        x = Objects.requireNonNull(x, "x").clone();
        y = Objects.requireNonNull(y, "y").clone();
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x and y must have the same length, got "
                    + x.length + " and " + y.length);
        }
        Canvas.finite(x, "series '" + name + "': x");
        Canvas.finite(y, "series '" + name + "': y");
    }

    /** A copy of the x values. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy of the y values. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    double xAt(int i) {
        return x[i];
    }

    double yAt(int i) {
        return y[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && java.util.Arrays.equals(x, s.x)
                && java.util.Arrays.equals(y, s.y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, java.util.Arrays.hashCode(x), java.util.Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points]";
    }
}
