package org.flam.plot.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** What every chart shares: image and graphics set-up, fonts, text, dashed strokes, PNG output. */
public final class Canvas {

    /** Largest side in pixels (a guard against a typo allocating gigabytes). */
    public static final int MAX_SIDE = 10_000;
    /** Smallest side in pixels that leaves room for axes and labels. */
    public static final int MIN_SIDE = 200;

    public static final Color AXIS = new Color(0x333333);
    public static final Color GRID = new Color(0xe6e6e6);
    public static final Color REFERENCE = new Color(0x555555);

    private Canvas() {
    }

    /**
     * A white RGB image of the given size.
     *
     * @throws IllegalArgumentException if a side is outside {@code [MIN_SIDE, MAX_SIDE]}
     */
    public static BufferedImage image(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image size must be within " + MIN_SIDE + " to " + MAX_SIDE
                    + " pixels per side, got " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Anti-aliased graphics with deterministic rendering hints (no fractional metrics). */
    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return g;
    }

    /** The logical sans-serif font at a size scaled to the image (14 px at 800 px height). */
    public static Font font(int height, float base, boolean bold) {
        float size = Math.max(9f, base * height / 800f);
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    /** A solid stroke. */
    public static Stroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }

    /** A dashed stroke. */
    public static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f * width, 4f * width}, 0f);
    }

    /** Draws {@code text} with its centre at {@code x} and its baseline at {@code y}. */
    public static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (x - m.stringWidth(text) / 2.0), (float) y);
    }

    /** Draws {@code text} ending at {@code x}, vertically centred on {@code y}. */
    public static void rightAligned(Graphics2D g, String text, double x, double y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (x - m.stringWidth(text)), (float) (y + (m.getAscent() - m.getDescent()) / 2.0));
    }

    /** Draws {@code text} rotated by -90 degrees, centred on {@code (x, y)}. */
    public static void vertical(Graphics2D g, String text, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        centred(g, text, 0, g.getFontMetrics().getAscent() / 2.0);
        g.setTransform(saved);
    }

    /** {@code text} cut to at most {@code maxWidth} pixels, with an ellipsis if cut. */
    public static String fit(Graphics2D g, String text, int maxWidth) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(text) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && m.stringWidth(cut + "…") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /**
     * Writes {@code image} as PNG, atomically (a temporary file beside it, then a move), creating
     * parent directories. The PNG writer adds no time stamp, so equal pixels give equal bytes.
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not Files.createTempFile: its owner-only permissions would stay on the chart.
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
            if (!writers.hasNext()) {
                throw new IOException("this JDK has no PNG image writer");
            }
            ImageWriter writer = writers.next();
            try (OutputStream raw = Files.newOutputStream(tmp);
                    ImageOutputStream out = ImageIO.createImageOutputStream(raw)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), null);
            } finally {
                writer.dispose();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Fails with {@code what[i] is NaN/infinite} unless every value is finite. */
    public static void finite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] must be finite, got " + values[i]);
            }
        }
    }
}
