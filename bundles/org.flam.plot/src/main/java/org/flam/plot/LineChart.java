package org.flam.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.flam.plot.internal.Canvas;
import org.flam.plot.internal.Palette;
import org.flam.plot.internal.Ticks;

/**
 * A line chart: named series (straight segments or a staircase), axis labels, ticks with a
 * light grid, a legend to the right of the plot, and optional dashed vertical and horizontal
 * reference lines. Series {@code i} has colour {@code i} of a fixed palette, so charts of the
 * same data look the same.
 *
 * <pre>{@code
 * LineChart.builder()
 *         .title("PSD-ROC").xLabel("eFPR (1/h)").yLabel("eTPR")
 *         .xRange(0, 100).yRange(0, 1)
 *         .steps("open vocabulary", efpr, etpr)
 *         .horizontalLine(0.5, "half")
 *         .build()
 *         .writePng(Path.of("psd-roc.png"), 1200, 800);
 * }</pre>
 *
 * <p>Immutable and thread-safe; rendering is deterministic (same input and size, same pixels).
 */
public final class LineChart {

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final List<Boolean> stepped;
    private final List<Reference> vertical;
    private final List<Reference> horizontal;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /** A dashed reference line at {@code value} with an optional label (empty for none). */
    private record Reference(double value, String label) {
    }

    private LineChart(Builder b) {
        title = b.title;
        xLabel = b.xLabel;
        yLabel = b.yLabel;
        series = List.copyOf(b.series);
        stepped = List.copyOf(b.stepped);
        vertical = List.copyOf(b.vertical);
        horizontal = List.copyOf(b.horizontal);
        double[] xr = range(b.xMin, b.xMax, true);
        double[] yr = range(b.yMin, b.yMax, false);
        xMin = xr[0];
        xMax = xr[1];
        yMin = yr[0];
        yMax = yr[1];
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The series, in drawing (and legend) order. */
    public List<Series> series() {
        return series;
    }

    /**
     * Draws the chart.
     *
     * @throws IllegalArgumentException if a side is outside 200 to 10,000 pixels
     */
    public BufferedImage render(int width, int height) {
        BufferedImage image = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(image);
        try {
            Layout l = layout(g, width, height);
            draw(g, l);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Draws the chart and writes it as PNG (atomically, creating parent directories).
     *
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException as for {@link #render}
     */
    public void writePng(Path file, int width, int height) throws IOException {
        Canvas.writePng(render(width, height), file);
    }

    /** Pixel centre of data point {@code (x, y)} in an image of the given size (for tests). */
    double[] pixel(double x, double y, int width, int height) {
        BufferedImage scratch = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(scratch);
        try {
            Layout l = layout(g, width, height);
            return new double[] {l.px(x), l.py(y)};
        } finally {
            g.dispose();
        }
    }

    private final class Layout {
        final int width;
        final int height;
        final double s;
        final Rectangle2D plot;
        final double legendX;

        Layout(int width, int height, double s, Rectangle2D plot, double legendX) {
            this.width = width;
            this.height = height;
            this.s = s;
            this.plot = plot;
            this.legendX = legendX;
        }

        double px(double x) {
            return plot.getX() + (x - xMin) / (xMax - xMin) * plot.getWidth();
        }

        double py(double y) {
            return plot.getMaxY() - (y - yMin) / (yMax - yMin) * plot.getHeight();
        }
    }

    private Layout layout(Graphics2D g, int width, int height) {
        double s = Math.min(height / 800.0, width / 1200.0 * 1.5);
        g.setFont(Canvas.font(height, 16, false));
        FontMetrics m = g.getFontMetrics();
        int legendText = 0;
        for (Series sr : series) {
            legendText = Math.max(legendText, m.stringWidth(sr.name()));
        }
        double legendWidth = series.isEmpty() ? 0 : Math.min(width * 0.3, legendText + 50 * s);
        double left = 90 * s;
        double right = 25 * s + legendWidth;
        double top = (title.isEmpty() ? 25 : 60) * s;
        double bottom = 75 * s;
        Rectangle2D plot = new Rectangle2D.Double(left, top, width - left - right, height - top - bottom);
        return new Layout(width, height, s, plot, plot.getMaxX() + 20 * s);
    }

    private void draw(Graphics2D g, Layout l) {
        Rectangle2D p = l.plot;
        Font tickFont = Canvas.font(l.height, 14, false);
        // grid and ticks
        g.setFont(tickFont);
        FontMetrics m = g.getFontMetrics();
        for (Ticks.Tick t : Ticks.of(xMin, xMax, 8)) {
            double x = l.px(t.value());
            g.setColor(Canvas.GRID);
            g.setStroke(Canvas.solid(1f));
            g.draw(new Line2D.Double(x, p.getY(), x, p.getMaxY()));
            g.setColor(Canvas.AXIS);
            g.draw(new Line2D.Double(x, p.getMaxY(), x, p.getMaxY() + 6 * l.s));
            Canvas.centred(g, t.label(), x, p.getMaxY() + 8 * l.s + m.getAscent());
        }
        for (Ticks.Tick t : Ticks.of(yMin, yMax, 6)) {
            double y = l.py(t.value());
            g.setColor(Canvas.GRID);
            g.setStroke(Canvas.solid(1f));
            g.draw(new Line2D.Double(p.getX(), y, p.getMaxX(), y));
            g.setColor(Canvas.AXIS);
            g.draw(new Line2D.Double(p.getX() - 6 * l.s, y, p.getX(), y));
            Canvas.rightAligned(g, t.label(), p.getX() - 9 * l.s, y);
        }
        // axis labels and title
        g.setFont(Canvas.font(l.height, 16, false));
        g.setColor(Canvas.AXIS);
        Canvas.centred(g, xLabel, p.getCenterX(), l.height - 22 * l.s);
        Canvas.vertical(g, yLabel, 24 * l.s, p.getCenterY());
        if (!title.isEmpty()) {
            g.setFont(Canvas.font(l.height, 20, true));
            Canvas.centred(g, title, l.width / 2.0, 38 * l.s);
        }
        // reference lines, then series, clipped to the plot
        java.awt.Shape clip = g.getClip();
        g.clip(p);
        g.setFont(tickFont);
        for (Reference r : vertical) {
            double x = l.px(r.value());
            g.setColor(Canvas.REFERENCE);
            g.setStroke(Canvas.dashed((float) (1.5 * l.s)));
            g.draw(new Line2D.Double(x, p.getY(), x, p.getMaxY()));
            if (!r.label().isEmpty()) {
                g.drawString(r.label(), (float) (x + 5 * l.s), (float) (p.getY() + 5 * l.s + m.getAscent()));
            }
        }
        for (Reference r : horizontal) {
            double y = l.py(r.value());
            g.setColor(Canvas.REFERENCE);
            g.setStroke(Canvas.dashed((float) (1.5 * l.s)));
            g.draw(new Line2D.Double(p.getX(), y, p.getMaxX(), y));
            if (!r.label().isEmpty()) {
                Canvas.rightAligned(g, r.label(), p.getMaxX() - 5 * l.s, y - 5 * l.s - m.getAscent() / 2.0);
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series sr = series.get(i);
            g.setColor(Palette.series(i));
            g.setStroke(Canvas.solid((float) (2.5 * l.s)));
            if (sr.size() == 1) {
                double r = 4 * l.s;
                g.fill(new Ellipse2D.Double(l.px(sr.xAt(0)) - r, l.py(sr.yAt(0)) - r, 2 * r, 2 * r));
                continue;
            }
            Path2D.Double path = new Path2D.Double();
            for (int j = 0; j < sr.size(); j++) {
                double x = l.px(sr.xAt(j));
                double y = l.py(sr.yAt(j));
                if (j == 0) {
                    path.moveTo(x, y);
                } else {
                    if (stepped.get(i)) {
                        path.lineTo(x, l.py(sr.yAt(j - 1)));
                    }
                    path.lineTo(x, y);
                }
            }
            g.draw(path);
        }
        g.setClip(clip);
        // frame
        g.setColor(Canvas.AXIS);
        g.setStroke(Canvas.solid((float) Math.max(1, l.s)));
        g.draw(p);
        // legend
        g.setFont(Canvas.font(l.height, 16, false));
        FontMetrics lm = g.getFontMetrics();
        double y = p.getY() + lm.getHeight() / 2.0;
        int textWidth = (int) (l.width - l.legendX - 45 * l.s);
        for (int i = 0; i < series.size(); i++) {
            g.setColor(Palette.series(i));
            g.setStroke(Canvas.solid((float) (3 * l.s)));
            g.draw(new Line2D.Double(l.legendX, y, l.legendX + 25 * l.s, y));
            g.setColor(Canvas.AXIS);
            g.drawString(Canvas.fit(g, series.get(i).name(), Math.max(10, textWidth)), (float) (l.legendX + 32 * l.s),
                    (float) (y + (lm.getAscent() - lm.getDescent()) / 2.0));
            y += lm.getHeight() * 1.4;
        }
    }

    /** Range from explicit limits (NaN = from the data), padded when degenerate. */
    private double[] range(double min, double max, boolean xAxis) {
        double lo = min;
        double hi = max;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            double dLo = Double.POSITIVE_INFINITY;
            double dHi = Double.NEGATIVE_INFINITY;
            for (Series sr : series) {
                for (int i = 0; i < sr.size(); i++) {
                    double v = xAxis ? sr.xAt(i) : sr.yAt(i);
                    dLo = Math.min(dLo, v);
                    dHi = Math.max(dHi, v);
                }
            }
            for (Reference r : xAxis ? vertical : horizontal) {
                dLo = Math.min(dLo, r.value());
                dHi = Math.max(dHi, r.value());
            }
            if (dLo > dHi) {
                dLo = 0;
                dHi = 1;
            }
            if (Double.isNaN(lo)) {
                lo = dLo;
            }
            if (Double.isNaN(hi)) {
                hi = dHi;
            }
        }
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    /** Collects a chart's parts; {@link #build} validates. Not thread-safe. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "x";
        private String yLabel = "y";
        private final List<Series> series = new ArrayList<>();
        private final List<Boolean> stepped = new ArrayList<>();
        private final List<Reference> vertical = new ArrayList<>();
        private final List<Reference> horizontal = new ArrayList<>();
        private double xMin = Double.NaN;
        private double xMax = Double.NaN;
        private double yMin = Double.NaN;
        private double yMax = Double.NaN;

        private Builder() {
        }

        /** Title above the plot; empty (the default) for none. */
        public Builder title(String text) {
            title = Objects.requireNonNull(text, "title");
            return this;
        }

        /** Label of the x axis (default {@code x}). */
        public Builder xLabel(String text) {
            xLabel = Objects.requireNonNull(text, "xLabel");
            return this;
        }

        /** Label of the y axis (default {@code y}). */
        public Builder yLabel(String text) {
            yLabel = Objects.requireNonNull(text, "yLabel");
            return this;
        }

        /** Adds a series drawn as straight segments between its points. */
        public Builder series(Series s) {
            series.add(Objects.requireNonNull(s, "series"));
            stepped.add(false);
            return this;
        }

        /**
         * Adds a series drawn as straight segments between its points.
         *
         * @throws IllegalArgumentException as {@link Series#Series} does
         */
        public Builder series(String name, double[] x, double[] y) {
            return series(new Series(name, x, y));
        }

        /**
         * Adds a staircase series: {@code y[i]} holds from {@code x[i]} to {@code x[i+1]} (how a
         * PSD-ROC is interpolated).
         *
         * @throws IllegalArgumentException as {@link Series#Series} does
         */
        public Builder steps(String name, double[] x, double[] y) {
            series.add(new Series(name, x, y));
            stepped.add(true);
            return this;
        }

        /**
         * Fixes the x range (otherwise it spans the data and reference lines).
         *
         * @throws IllegalArgumentException unless both are finite and {@code max > min}
         */
        public Builder xRange(double min, double max) {
            check(min, max, "x");
            xMin = min;
            xMax = max;
            return this;
        }

        /**
         * Fixes the y range (otherwise it spans the data and reference lines).
         *
         * @throws IllegalArgumentException unless both are finite and {@code max > min}
         */
        public Builder yRange(double min, double max) {
            check(min, max, "y");
            yMin = min;
            yMax = max;
            return this;
        }

        /**
         * Adds a dashed vertical line at {@code x}, labelled (empty for no label).
         *
         * @throws IllegalArgumentException if {@code x} is not finite
         */
        public Builder verticalLine(double x, String label) {
            vertical.add(new Reference(finite(x, "vertical line"), Objects.requireNonNull(label, "label")));
            return this;
        }

        /**
         * Adds a dashed horizontal line at {@code y}, labelled (empty for no label).
         *
         * @throws IllegalArgumentException if {@code y} is not finite
         */
        public Builder horizontalLine(double y, String label) {
            horizontal.add(new Reference(finite(y, "horizontal line"), Objects.requireNonNull(label, "label")));
            return this;
        }

        /** The chart; the builder may be reused. */
        public LineChart build() {
            return new LineChart(this);
        }

        private static double finite(double v, String what) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be at a finite value, got " + v);
            }
            return v;
        }

        private static void check(double min, double max, String axis) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException(axis + " range must be finite with max > min, got [" + min + ", "
                        + max + "]");
            }
        }
    }

    static Color color(int i) {
        return Palette.series(i);
    }
}
