package org.flam.eval.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long loop on standard error: {@code eval model: 12/40 files (30%), 3.1 s,
 * ETA 7.2 s}, for the first item, then at most once a second, and for the last.
 */
final class Progress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final String what;
    private final int total;
    private final long start;
    private long lastPrinted;

    Progress(PrintStream err, LongSupplier nanoTime, String what, int total) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.what = what;
        this.total = total;
        this.start = nanoTime.getAsLong();
        this.lastPrinted = start;
    }

    /** Reports {@code done} of the total items finished. */
    void done(int done) {
        long now = nanoTime.getAsLong();
        if (done != 1 && done != total && now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
        err.println(line(done, elapsed, eta));
    }

    String line(int done, double elapsed, double eta) {
        return String.format(Locale.ROOT, "%s: %d/%d files (%d%%), %s elapsed, ETA %s", what, done, total,
                total == 0 ? 100 : Math.round(100.0 * done / total), duration(elapsed), duration(eta));
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
