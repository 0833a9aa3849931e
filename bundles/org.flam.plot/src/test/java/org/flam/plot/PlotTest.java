package org.flam.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.flam.api.Detection;
import org.flam.api.FrameGrid;
import org.flam.api.SoundEvent;
import org.flam.plot.internal.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    @TempDir
    Path dir;

    private static LineChart chart() {
        return LineChart.builder().title("F1 against threshold").xLabel("threshold").yLabel("F1")
                .xRange(0, 1).yRange(0, 1)
                .series("flat", new double[] {0, 1}, new double[] {0.5, 0.5})
                .steps("stairs", new double[] {0, 0.5, 1}, new double[] {0.1, 0.9, 0.9})
                .verticalLine(0.25, "t = 0.25").horizontalLine(0.75, "")
                .build();
    }

    @Test
    void lineChartIsAPngOfTheRequestedSizeWithSeriesWhereTheyAre() throws Exception {
        Path png = dir.resolve("sub/chart.png");
        chart().writePng(png, 1200, 800);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
        double[] p = chart().pixel(0.7, 0.5, 1200, 800);
        assertEquals(Palette.series(0).getRGB() & 0xffffff, rgb(image, p), "flat series at y = 0.5");
        double[] q = chart().pixel(0.8, 0.9, 1200, 800);
        assertEquals(Palette.series(1).getRGB() & 0xffffff, rgb(image, q), "staircase holds 0.9 after x = 0.5");
        double[] stair = chart().pixel(0.4, 0.1, 1200, 800);
        assertEquals(Palette.series(1).getRGB() & 0xffffff, rgb(image, stair), "staircase holds 0.1 before x = 0.5");
        double[] empty = chart().pixel(0.7, 0.3, 1200, 800);
        assertEquals(0xffffff, rgb(image, empty), "nothing drawn there");
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        chart().writePng(a, 600, 400);
        chart().writePng(b, 600, 400);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        plot(true).writePng(a, 600, 400);
        plot(true).writePng(b, 600, 400);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void autoRangesCoverTheData() {
        LineChart c = LineChart.builder().series("s", new double[] {2, 4}, new double[] {-1, 3}).build();
        double[] lo = c.pixel(2, -1, 800, 600);
        double[] hi = c.pixel(4, 3, 800, 600);
        assertTrue(lo[0] < hi[0] && lo[1] > hi[1]);
        BufferedImage single = LineChart.builder().series("one", new double[] {1}, new double[] {1}).build()
                .render(300, 200);
        assertEquals(300, single.getWidth());
    }

    @Test
    void badLineChartInputIsExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Series("s", new double[] {0, 1}, new double[] {0})).getMessage()
                .contains("same length, got 2 and 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Series("s", new double[] {0, 1}, new double[] {0, Double.NaN})).getMessage()
                .contains("series 's': y[1] must be finite, got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Series("s", new double[] {Double.POSITIVE_INFINITY}, new double[] {0})).getMessage()
                .contains("x[0] must be finite"));
        assertThrows(IllegalArgumentException.class, () -> LineChart.builder().xRange(1, 1));
        assertThrows(IllegalArgumentException.class, () -> LineChart.builder().verticalLine(Double.NaN, ""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> chart().render(100, 8000)).getMessage()
                .contains("100x8000"));
    }

    private static DetectionPlot plot(boolean withSpectrogram) {
        int frames = 32;
        float[][] p = new float[2][frames];
        for (int f = 0; f < frames; f++) {
            p[0][f] = f >= 8 && f < 16 ? 0.9f : 0.1f;
            p[1][f] = f >= 20 ? 0.8f : 0.05f;
        }
        Detection d = new Detection(List.of("dog barking", "glass shatters"), FrameGrid.ofClip(frames, 10.0), p,
                List.of(new SoundEvent(2.5, 5.0, "dog barking"), new SoundEvent(6.25, 10.0, "glass shatters")));
        DetectionPlot.Builder b = DetectionPlot.builder().title("example.wav").detection(d).threshold(0.5);
        if (withSpectrogram) {
            float[][] mel = new float[64][1000];
            for (int m = 0; m < 64; m++) {
                for (int f = 0; f < 1000; f++) {
                    mel[m][f] = (float) (-80 + 80 * ((m + f) % 50) / 50.0);
                }
            }
            b.spectrogram(mel, 0.01);
        }
        return b.build();
    }

    @Test
    void detectionPlotShowsEventsCurvesAndSpectrogram() throws Exception {
        DetectionPlot plot = plot(true);
        Path png = dir.resolve("detection.png");
        plot.writePng(png, 1200, 800);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
        DetectionPlot.Layout l = plot.layout(1200, 800);
        int dog = Palette.series(0).getRGB() & 0xffffff;
        int glass = Palette.series(1).getRGB() & 0xffffff;
        assertEquals(dog, rgb(image, l.x(3.75), l.rowCentre(0)), "inside the dog's event bar");
        assertEquals(glass, rgb(image, l.x(8.0), l.rowCentre(1)), "inside the glass event bar");
        assertNotEquals(dog, rgb(image, l.x(8.0), l.rowCentre(0)), "no dog event at 8 s");
        assertEquals(dog, rgb(image, l.x(3.75), l.curveY(0.9)), "dog curve at 0.9 during its event");
        assertEquals(glass, rgb(image, l.x(8.0), l.curveY(0.8)), "glass curve at 0.8 after 6.25 s");
        int spec = rgb(image, l.x(5.0), l.spectrogram().getCenterY());
        assertNotEquals(0xffffff, spec, "spectrogram coloured");
        assertTrue(l.spectrogram().getMaxY() < l.curves().getY() && l.curves().getMaxY() < l.bars().getY(),
                "spectrogram above curves above bars");
    }

    @Test
    void detectionPlotWithoutSpectrogramHasNoSpectrogramPanel() {
        DetectionPlot plot = plot(false);
        assertEquals(null, plot.layout(800, 600).spectrogram());
        BufferedImage image = plot.render(800, 600);
        DetectionPlot.Layout l = plot.layout(800, 600);
        assertEquals(Palette.series(1).getRGB() & 0xffffff, rgb(image, l.x(9.0), l.rowCentre(1)));
    }

    @Test
    void badDetectionPlotInputIsExplained() {
        List<String> q = List.of("a", "b");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder()
                .probabilities(q, new float[][] {{0.1f, 0.2f}, {0.1f}}, 0.1)).getMessage()
                .contains("row 1 has 1 values, row 0 has 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder()
                .probabilities(q, new float[][] {{0.1f}}, 0.1)).getMessage().contains("with 2 rows, got 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder()
                .probabilities(q, new float[][] {{0.1f}, {Float.NaN}}, 0.1)).getMessage()
                .contains("probabilities[1][0] (query \"b\") must be in [0, 1], got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder()
                .spectrogram(new float[][] {{0f, Float.NaN}}, 0.01)).getMessage()
                .contains("spectrogram[0][1] must be finite dB, got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder()
                .probabilities(q, new float[][] {{0.1f}, {0.2f}}, 0)).getMessage().contains("frameSeconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder()
                .probabilities(q, new float[][] {{0.1f}, {0.2f}}, 0.1)
                .events(List.of(new SoundEvent(0, 1, "c"))).build()).getMessage()
                .contains("\"c\", which is not one of the queries"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder().build()).getMessage()
                .contains("needs probabilities"));
        assertThrows(IllegalArgumentException.class, () -> DetectionPlot.builder().threshold(Double.NaN));
    }

    private static int rgb(BufferedImage image, double[] p) {
        return rgb(image, p[0], p[1]);
    }

    private static int rgb(BufferedImage image, double x, double y) {
        return image.getRGB((int) Math.floor(x), (int) Math.floor(y)) & 0xffffff;
    }
}
