package org.flam.serve.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FrameGrid;
import org.flam.api.ModelManifest;
import org.flam.api.SampleStream;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.audio.io.WavWriter;

/** A deterministic detector and loader for tests, and test audio. */
final class Fakes {

    static final double FPS = 10;

    private Fakes() {
    }

    /**
     * Loudness as probability, the same for every query: frame RMS / 0.1, clipped to [0, 1],
     * at 10 frames per second; events are the runs at or above the threshold.
     */
    static final class LoudnessDetector implements Detector {
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate; // when set, detect waits for it
        volatile boolean ignoresInterrupts; // when set, a cancelled detection keeps waiting (a stuck worker)

        @Override
        public Detection detect(AudioClip audio, List<String> queries, DetectionOptions options) {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                boolean interrupted = false;
                while (true) {
                    try {
                        g.await(30, TimeUnit.SECONDS);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        if (!ignoresInterrupts) {
                            break;
                        }
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            FrameGrid grid = new FrameGrid(FPS, 0).covering(audio.durationSeconds());
            float[] p = new float[grid.frameCount()];
            int per = (int) Math.round(audio.sampleRate() / FPS);
            for (int f = 0; f < p.length; f++) {
                double sum = 0;
                int n = 0;
                for (int i = f * per; i < Math.min(audio.sampleCount(), (f + 1) * per); i++, n++) {
                    sum += audio.sample(i) * audio.sample(i);
                }
                p[f] = n == 0 ? 0 : (float) Math.min(1, Math.sqrt(sum / n) / 0.1);
            }
            float[][] probabilities = new float[queries.size()][];
            List<SoundEvent> events = new ArrayList<>();
            for (int k = 0; k < queries.size(); k++) {
                probabilities[k] = p.clone();
                int start = -1;
                for (int f = 0; f <= p.length; f++) {
                    boolean on = f < p.length && p[f] >= options.threshold();
                    if (on && start < 0) {
                        start = f;
                    } else if (!on && start >= 0) {
                        events.add(new SoundEvent(grid.onset(start), grid.offset(f - 1), queries.get(k)));
                        start = -1;
                    }
                }
            }
            return new Detection(queries, grid, probabilities, events);
        }

        @Override
        public Detection detect(String id, SampleStream audio, List<String> queries, DetectionOptions o) {
            throw new UnsupportedOperationException("this fake detects clips only; the code under test passes clips");
        }

        @Override
        public ModelManifest model() {
            return new ModelManifest(List.of(new ModelManifest.BundleRef("org.flam.fake", "0.1.0")),
                    Map.of("org.flam.fake", Map.of("fps", 10)), 7, "c0ffee", Instant.parse("2026-01-01T00:00:00Z"),
                    "fake loudness detector");
        }
    }

    static final class Loader implements ModelLoader {
        final Detector detector;

        Loader(Detector detector) {
            this.detector = detector;
        }

        @Override
        public Detector load(Path modelDirectory) throws IOException {
            throw new IOException("not in tests");
        }

        @Override
        public Detector loadDefault() {
            return detector;
        }
    }

    /** {@code seconds} of quiet noise at 16 kHz with a 1 kHz tone (amplitude 0.5) from 3 s to 5 s. */
    static float[] beep(double seconds) {
        int rate = 16_000;
        float[] s = new float[(int) (seconds * rate)];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            s[i] = (float) ((r.nextDouble() - 0.5) * 0.002 + (t >= 3 && t < 5 ? 0.5 * Math.sin(2 * Math.PI * 1000 * t) : 0));
        }
        return s;
    }

    /** Writes {@link #beep} as a 16-bit WAV file. */
    static Path beepWav(Path file, double seconds) throws IOException {
        WavWriter.write(file, beep(seconds), 16_000, WavWriter.Encoding.PCM_16);
        return file;
    }
}
