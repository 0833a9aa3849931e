package org.flam.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.flam.api.Detection;
import org.flam.api.SoundEvent;
import org.flam.plot.internal.Canvas;
import org.flam.plot.internal.Palette;
import org.flam.plot.internal.Ticks;

/**
 * What a detector said about one recording, in one picture: the log-mel spectrogram as a heat
 * map on top (optional), below it one probability curve per query over time with the
 * threshold as a dashed line, and at the bottom the detected events as coloured bars, one row
 * per query; a legend names the queries. Query {@code k} has colour {@code k} of a fixed
 * palette in the curves, the bars and the legend.
 *
 * <pre>{@code
 * DetectionPlot.builder()
 *         .title("dog.wav")
 *         .spectrogram(logMelDb, 0.01)          // float[mels][frames], 10 ms hop
 *         .detection(detection)                 // queries, probabilities, grid, events
 *         .threshold(0.5)
 *         .build()
 *         .writePng(Path.of("dog.png"), 1200, 800);
 * }</pre>
 *
 * <p>The spectrogram is coloured with viridis over its top 80 dB (values below
 * {@code max - 80} dB are the darkest colour). Immutable and thread-safe; rendering is
 * deterministic.
 */
public final class DetectionPlot {

    /** Dynamic range of the spectrogram's colour scale, dB. */
    static final double DYNAMIC_RANGE_DB = 80;

    private final String title;
    private final float[][] spectrogram;
    private final double spectrogramFrameSeconds;
    private final List<String> queries;
    private final float[][] probabilities;
    private final double frameSeconds;
    private final double threshold;
    private final List<SoundEvent> events;
    private final double duration;
    private final float dbMax;

    private DetectionPlot(Builder b) {
        if (b.probabilities == null) {
            throw new IllegalArgumentException("a detection plot needs probabilities (probabilities(...) or detection(...))");
        }
        title = b.title;
        spectrogram = b.spectrogram;
        spectrogramFrameSeconds = b.spectrogramFrameSeconds;
        queries = b.queries;
        probabilities = b.probabilities;
        frameSeconds = b.frameSeconds;
        threshold = b.threshold;
        events = List.copyOf(b.events);
        for (int i = 0; i < events.size(); i++) {
            if (!queries.contains(events.get(i).label())) {
                throw new IllegalArgumentException("events[" + i + "] has label \"" + events.get(i).label()
                        + "\", which is not one of the queries " + queries);
            }
        }
        double d = probabilities[0].length * frameSeconds;
        if (spectrogram != null) {
            d = Math.max(d, spectrogram[0].length * spectrogramFrameSeconds);
        }
        for (SoundEvent e : events) {
            d = Math.max(d, e.offset());
        }
        duration = d > 0 ? d : 1;
        float mx = Float.NEGATIVE_INFINITY;
        if (spectrogram != null) {
            for (float[] row : spectrogram) {
                for (float v : row) {
                    mx = Math.max(mx, v);
                }
            }
        }
        dbMax = mx;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The queries, in colour order. */
    public List<String> queries() {
        return queries;
    }

    /**
     * Draws the plot.
     *
     * @throws IllegalArgumentException if a side is outside 200 to 10,000 pixels
     */
    public BufferedImage render(int width, int height) {
        BufferedImage image = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(image);
        try {
            draw(g, image, layout(g, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Draws the plot and writes it as PNG (atomically, creating parent directories).
     *
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException as for {@link #render}
     */
    public void writePng(Path file, int width, int height) throws IOException {
        Canvas.writePng(render(width, height), file);
    }

    /** Layout of an image of the given size (package-private, for tests). */
    Layout layout(int width, int height) {
        BufferedImage scratch = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(scratch);
        try {
            return layout(g, width, height);
        } finally {
            g.dispose();
        }
    }

    /** Where the panels are; {@code spectrogram} is null without one. */
    record Layout(int width, int height, double s, Rectangle2D spectrogram, Rectangle2D curves, Rectangle2D bars,
            double legendX, double duration, int rows) {

        double x(double seconds) {
            return curves.getX() + seconds / duration * curves.getWidth();
        }

        double curveY(double p) {
            return curves.getMaxY() - p * curves.getHeight();
        }

        /** Vertical centre of query {@code k}'s row of event bars. */
        double rowCentre(int k) {
            return bars.getY() + (k + 0.5) * bars.getHeight() / rows;
        }
    }

    private Layout layout(Graphics2D g, int width, int height) {
        double s = Math.min(height / 800.0, width / 1200.0 * 1.5);
        g.setFont(Canvas.font(height, 16, false));
        FontMetrics m = g.getFontMetrics();
        int text = 0;
        for (String q : queries) {
            text = Math.max(text, m.stringWidth(q));
        }
        double legendWidth = Math.min(width * 0.3, text + 50 * s);
        double left = 90 * s;
        double right = 25 * s + legendWidth;
        double top = (title.isEmpty() ? 20 : 55) * s;
        double bottom = 70 * s;
        double gap = 14 * s;
        double w = width - left - right;
        double h = height - top - bottom;
        Rectangle2D spec = null;
        double y = top;
        double barsHeight = Math.min(0.3, 0.06 * queries.size() + 0.04) * h;
        if (spectrogram != null) {
            double sh = (h - barsHeight - 2 * gap) * 0.5;
            spec = new Rectangle2D.Double(left, y, w, sh);
            y += sh + gap;
        }
        double ch = top + h - barsHeight - gap - y;
        Rectangle2D curves = new Rectangle2D.Double(left, y, w, ch);
        Rectangle2D bars = new Rectangle2D.Double(left, y + ch + gap, w, barsHeight);
        return new Layout(width, height, s, spec, curves, bars, left + w + 20 * s, duration, queries.size());
    }

    private void draw(Graphics2D g, BufferedImage image, Layout l) {
        g.setFont(Canvas.font(l.height(), 14, false));
        FontMetrics m = g.getFontMetrics();
        List<Ticks.Tick> timeTicks = Ticks.of(0, l.duration(), 10);
        // spectrogram
        if (l.spectrogram() != null) {
            Rectangle2D r = l.spectrogram();
            int x0 = (int) Math.round(r.getX());
            int x1 = (int) Math.round(r.getMaxX());
            int y0 = (int) Math.round(r.getY());
            int y1 = (int) Math.round(r.getMaxY());
            int mels = spectrogram.length;
            int frames = spectrogram[0].length;
            for (int px = x0; px < x1; px++) {
                double t = (px + 0.5 - r.getX()) / r.getWidth() * l.duration();
                int f = (int) Math.floor(t / spectrogramFrameSeconds);
                for (int py = y0; py < y1; py++) {
                    int rgb = 0xffffff;
                    if (f >= 0 && f < frames) {
                        int mel = (int) Math.floor((r.getMaxY() - (py + 0.5)) / r.getHeight() * mels);
                        mel = Math.max(0, Math.min(mels - 1, mel));
                        rgb = Palette.viridis((spectrogram[mel][f] - (dbMax - DYNAMIC_RANGE_DB)) / DYNAMIC_RANGE_DB);
                    }
                    image.setRGB(px, py, rgb);
                }
            }
            frame(g, l, r);
            g.setColor(Canvas.AXIS);
            for (Ticks.Tick t : Ticks.of(0, mels, 4)) {
                double y = r.getMaxY() - t.value() / mels * r.getHeight();
                g.draw(new Line2D.Double(r.getX() - 6 * l.s(), y, r.getX(), y));
                Canvas.rightAligned(g, t.label(), r.getX() - 9 * l.s(), y);
            }
            Canvas.vertical(g, "mel bin", 24 * l.s(), r.getCenterY());
            timeTicks(g, l, r, timeTicks, false);
        }
        // probability curves
        Rectangle2D c = l.curves();
        for (Ticks.Tick t : Ticks.of(0, 1, 4)) {
            double y = l.curveY(t.value());
            g.setColor(Canvas.GRID);
            g.setStroke(Canvas.solid(1f));
            g.draw(new Line2D.Double(c.getX(), y, c.getMaxX(), y));
            g.setColor(Canvas.AXIS);
            g.draw(new Line2D.Double(c.getX() - 6 * l.s(), y, c.getX(), y));
            Canvas.rightAligned(g, t.label(), c.getX() - 9 * l.s(), y);
        }
        timeTicks(g, l, c, timeTicks, true);
        java.awt.Shape clip = g.getClip();
        g.clip(c);
        g.setColor(Canvas.REFERENCE);
        g.setStroke(Canvas.dashed((float) (1.5 * l.s())));
        double ty = l.curveY(threshold);
        g.draw(new Line2D.Double(c.getX(), ty, c.getMaxX(), ty));
        Canvas.rightAligned(g, "threshold " + Ticks.of(0, 1, 100).stream()
                .filter(t -> Math.abs(t.value() - threshold) < 1e-9).map(Ticks.Tick::label).findFirst()
                .orElse(String.valueOf(threshold)), c.getMaxX() - 5 * l.s(), ty - 5 * l.s() - m.getAscent() / 2.0);
        for (int k = 0; k < queries.size(); k++) {
            g.setColor(Palette.series(k));
            g.setStroke(Canvas.solid((float) (2.5 * l.s())));
            float[] p = probabilities[k];
            Path2D.Double path = new Path2D.Double();
            for (int f = 0; f < p.length; f++) {
                double x = l.x((f + 0.5) * frameSeconds);
                double y = l.curveY(p[f]);
                if (f == 0) {
                    path.moveTo(l.x(0), y);
                }
                path.lineTo(x, y);
                if (f == p.length - 1) {
                    path.lineTo(l.x(p.length * frameSeconds), y);
                }
            }
            g.draw(path);
        }
        g.setClip(clip);
        frame(g, l, c);
        g.setColor(Canvas.AXIS);
        Canvas.vertical(g, "probability", 24 * l.s(), c.getCenterY());
        // event bars
        Rectangle2D b = l.bars();
        double rowHeight = b.getHeight() / queries.size();
        g.setColor(new Color(0xf4f4f4));
        g.fill(b);
        for (Ticks.Tick t : timeTicks) {
            double x = l.x(t.value());
            g.setColor(Canvas.GRID);
            g.setStroke(Canvas.solid(1f));
            g.draw(new Line2D.Double(x, b.getY(), x, b.getMaxY()));
        }
        for (SoundEvent e : events) {
            int k = queries.indexOf(e.label());
            double y = b.getY() + k * rowHeight + rowHeight * 0.15;
            double x0 = l.x(e.onset());
            double x1 = Math.max(l.x(e.offset()), x0 + 1);
            g.setColor(Palette.series(k));
            g.fill(new Rectangle2D.Double(x0, y, x1 - x0, rowHeight * 0.7));
        }
        frame(g, l, b);
        g.setColor(Canvas.AXIS);
        Canvas.rightAligned(g, "events", b.getX() - 9 * l.s(), b.getCenterY());
        timeTicks(g, l, b, timeTicks, false);
        g.setFont(Canvas.font(l.height(), 16, false));
        Canvas.centred(g, "time (s)", b.getCenterX(), l.height() - 18 * l.s());
        if (!title.isEmpty()) {
            g.setFont(Canvas.font(l.height(), 20, true));
            Canvas.centred(g, title, l.width() / 2.0, 36 * l.s());
        }
        // legend
        g.setFont(Canvas.font(l.height(), 16, false));
        FontMetrics lm = g.getFontMetrics();
        double y = c.getY() + lm.getHeight() / 2.0;
        int textWidth = (int) Math.max(10, l.width() - l.legendX() - 45 * l.s());
        for (int k = 0; k < queries.size(); k++) {
            g.setColor(Palette.series(k));
            g.fill(new Rectangle2D.Double(l.legendX(), y - 7 * l.s(), 25 * l.s(), 14 * l.s()));
            g.setColor(Canvas.AXIS);
            g.drawString(Canvas.fit(g, queries.get(k), textWidth), (float) (l.legendX() + 32 * l.s()),
                    (float) (y + (lm.getAscent() - lm.getDescent()) / 2.0));
            y += lm.getHeight() * 1.4;
        }
    }

    private static void frame(Graphics2D g, Layout l, Rectangle2D r) {
        g.setColor(Canvas.AXIS);
        g.setStroke(Canvas.solid((float) Math.max(1, l.s())));
        g.draw(r);
    }

    private void timeTicks(Graphics2D g, Layout l, Rectangle2D r, List<Ticks.Tick> ticks, boolean grid) {
        FontMetrics m = g.getFontMetrics();
        boolean labels = r == l.bars();
        for (Ticks.Tick t : ticks) {
            double x = l.x(t.value());
            if (grid) {
                g.setColor(Canvas.GRID);
                g.setStroke(Canvas.solid(1f));
                g.draw(new Line2D.Double(x, r.getY(), x, r.getMaxY()));
            }
            g.setColor(Canvas.AXIS);
            g.setStroke(Canvas.solid(1f));
            g.draw(new Line2D.Double(x, r.getMaxY(), x, r.getMaxY() + 5 * l.s()));
            if (labels) {
                Canvas.centred(g, t.label(), x, r.getMaxY() + 8 * l.s() + m.getAscent());
            }
        }
    }

    /** Collects a plot's parts; {@link #build} validates the whole. Not thread-safe. */
    public static final class Builder {
        private String title = "";
        private float[][] spectrogram;
        private double spectrogramFrameSeconds;
        private List<String> queries;
        private float[][] probabilities;
        private double frameSeconds;
        private double threshold = 0.5;
        private List<SoundEvent> events = List.of();

        private Builder() {
        }

        /** Title above the plot; empty (the default) for none. */
        public Builder title(String text) {
            title = Objects.requireNonNull(text, "title");
            return this;
        }

        /**
         * The log-mel spectrogram, {@code float[mels][frames]} in dB (mel 0 at the bottom),
         * frame {@code f} covering {@code [f, f + 1) · frameSeconds}.
         *
         * @throws IllegalArgumentException if it is empty or ragged, a value is NaN or
         *                                  infinite, or {@code frameSeconds} is not finite and
         *                                  positive
         */
        public Builder spectrogram(float[][] logMelDb, double frameSeconds) {
            spectrogram = matrix(logMelDb, "spectrogram", "float[mels][frames]", -1);
            for (int i = 0; i < spectrogram.length; i++) {
                for (int f = 0; f < spectrogram[i].length; f++) {
                    if (!Float.isFinite(spectrogram[i][f])) {
                        throw new IllegalArgumentException("spectrogram[" + i + "][" + f + "] must be finite dB, got "
                                + spectrogram[i][f]);
                    }
                }
            }
            spectrogramFrameSeconds = positive(frameSeconds, "spectrogram frameSeconds");
            return this;
        }

        /**
         * The probabilities, {@code float[K][F]} (row {@code k} is {@code queries[k]} over
         * time), frame {@code f} covering {@code [f, f + 1) · frameSeconds}.
         *
         * @throws IllegalArgumentException if queries are empty, blank or repeat, the matrix is
         *                                  not {@code [K][F]} with {@code F >= 1}, a value is
         *                                  NaN or outside {@code [0, 1]}, or
         *                                  {@code frameSeconds} is not finite and positive
         */
        public Builder probabilities(List<String> queryTexts, float[][] values, double frameSeconds) {
            List<String> q = List.copyOf(queryTexts);
            if (q.isEmpty()) {
                throw new IllegalArgumentException("at least one query is needed");
            }
            for (String s : q) {
                if (s.isBlank()) {
                    throw new IllegalArgumentException("queries must not be blank");
                }
            }
            if (q.stream().distinct().count() != q.size()) {
                throw new IllegalArgumentException("queries must be distinct, got " + q);
            }
            float[][] p = matrix(values, "probabilities", "float[K][F]", q.size());
            for (int k = 0; k < p.length; k++) {
                for (int f = 0; f < p[k].length; f++) {
                    if (!(p[k][f] >= 0 && p[k][f] <= 1)) {
                        throw new IllegalArgumentException("probabilities[" + k + "][" + f + "] (query \"" + q.get(k)
                                + "\") must be in [0, 1], got " + p[k][f]);
                    }
                }
            }
            this.frameSeconds = positive(frameSeconds, "frameSeconds");
            queries = q;
            probabilities = p;
            return this;
        }

        /** Queries, probabilities, frame length and events of a detector's result. */
        public Builder detection(Detection detection) {
            probabilities(detection.queries(), detection.probabilities(), detection.grid().frameSeconds());
            return events(detection.events());
        }

        /** Detected events; each label must be one of the queries (checked by {@link #build}). */
        public Builder events(List<SoundEvent> detected) {
            events = List.copyOf(detected);
            return this;
        }

        /**
         * The decision threshold, drawn dashed (default 0.5).
         *
         * @throws IllegalArgumentException unless in {@code [0, 1]}
         */
        public Builder threshold(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + value);
            }
            threshold = value;
            return this;
        }

        /**
         * The plot.
         *
         * @throws IllegalArgumentException if no probabilities were given or an event's label
         *                                  is not a query
         */
        public DetectionPlot build() {
            return new DetectionPlot(this);
        }

        private static double positive(double v, String what) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
            }
            return v;
        }

        private static float[][] matrix(float[][] m, String what, String shape, int rows) {
            Objects.requireNonNull(m, what);
            if (m.length == 0 || (rows >= 0 && m.length != rows)) {
                throw new IllegalArgumentException(what + " must be " + shape + " with "
                        + (rows >= 0 ? rows : "at least one") + " rows, got " + m.length);
            }
            float[][] copy = new float[m.length][];
            for (int i = 0; i < m.length; i++) {
                Objects.requireNonNull(m[i], what + "[" + i + "]");
                if (m[i].length == 0 || m[i].length != m[0].length) {
                    throw new IllegalArgumentException(what + " must be " + shape + " with equal, non-empty rows; row "
                            + i + " has " + m[i].length + " values, row 0 has " + m[0].length);
                }
                copy[i] = m[i].clone();
            }
            return copy;
        }
    }
}
