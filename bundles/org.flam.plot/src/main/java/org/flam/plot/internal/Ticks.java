package org.flam.plot.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, labels without float noise. */
public final class Ticks {

    private Ticks() {
    }

    /** A tick: its value and its label. */
    public record Tick(double value, String label) {
    }

    /**
     * About {@code target} ticks covering {@code [min, max]} (only those inside it).
     *
     * @throws IllegalArgumentException if the range is not finite or {@code max <= min}
     */
    public static List<Tick> of(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("axis range must be finite with max > min, got [" + min + ", " + max + "]");
        }
        double step = niceStep((max - min) / Math.max(1, target));
        BigDecimal s = new BigDecimal(Double.toString(step));
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        List<Tick> ticks = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            BigDecimal v = s.multiply(BigDecimal.valueOf(i));
            String label = v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
            ticks.add(new Tick(v.doubleValue(), label));
        }
        return ticks;
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return Double.parseDouble(new BigDecimal(nice).multiply(new BigDecimal(Double.toString(p))).toString());
    }
}
