package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flam.api.Corpus;
import org.flam.api.FrameGrid;
import org.flam.api.Mixture;
import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

/** The rules of SPEC §4 on whole mixtures, over many seeds. */
class SynthesisTest {

    private static final FrameGrid GRID = FrameGrid.ofClip(32, 10.0);

    private static Synthesis synthesis(TestCorpus corpus, Map<String, ?> overrides) {
        return new Synthesis(MixtureParameters.of(MixtureParameters.configuration(overrides)), corpus);
    }

    /**
     * Every frame position is positive about as often: with events only inside the clip the
     * first and last frames are positive about a third as often as the middle ones (0.30 and 0.31 measured) (a model then
     * learns to suppress its window edges); with the default edge-crossing events the edge
     * frames are within 25 % of the middle's rate. Also: an edge-crossing event is cut, not
     * faded, at the edge.
     */
    @Test
    void edgeFramesArePositiveAboutAsOftenAsMidClipFrames() throws IOException {
        TestCorpus source = TestCorpus.standard(30, 4);
        Corpus corpus = source.corpus();
        Map<String, Object> common = Map.of("heldoutFraction", 0.0, "sampleRate", 16_000, "zeroShotGroupFraction", 0.0);
        Map<String, Object> inside = new java.util.HashMap<>(common);
        inside.put("edgeProbability", 0.0);
        double[] withEdges = edgeToMidRatios(synthesis(source, common), corpus);
        double[] without = edgeToMidRatios(synthesis(source, inside), corpus);
        assertTrue(without[0] < 0.7 && without[1] < 0.7, "inside only: edge/mid " + Arrays.toString(without));
        assertTrue(withEdges[0] > 0.75 && withEdges[1] > 0.75, "with edge events: edge/mid " + Arrays.toString(withEdges));
        assertTrue(withEdges[0] < 1.25 && withEdges[1] < 1.25, "with edge events: edge/mid " + Arrays.toString(withEdges));
    }

    /** Positive rate of frames {0, 1} and {30, 31} over that of frames 8-23, over 400 mixtures. */
    private static double[] edgeToMidRatios(Synthesis s, Corpus corpus) throws IOException {
        double[] positive = new double[32];
        double columns = 0;
        for (long i = 0; i < 400; i++) {
            Mixture m = s.render(corpus, 21, i, GRID, Split.TRAIN).mixture();
            for (String label : m.frameLabels().labels()) {
                float[] z = m.frameLabels().column(label);
                for (int f = 0; f < 32; f++) {
                    positive[f] += z[f];
                }
                columns++;
            }
        }
        double mid = 0;
        for (int f = 8; f < 24; f++) {
            mid += positive[f] / 16;
        }
        return new double[] {(positive[0] + positive[1]) / 2 / mid, (positive[30] + positive[31]) / 2 / mid};
    }

    @Test
    void neverMoreThanThreeEventsAtOnce() throws IOException {
        TestCorpus source = TestCorpus.standard(30, 4);
        Corpus corpus = source.corpus();
        // Many long events per mixture, so the limit is reached and tested.
        Synthesis s = synthesis(source, Map.of("minEvents", 8, "maxEvents", 8, "heldoutFraction", 0.0, "sampleRate", 32_000));
        int reachedThree = 0;
        for (long i = 0; i < 100; i++) {
            Mixture m = s.render(corpus, 11, i, GRID, Split.TRAIN).mixture();
            int depth = maxDepth(m.events());
            assertTrue(depth <= 3, "mixture " + i + " has " + depth + " events at once");
            reachedThree += depth == 3 ? 1 : 0;
        }
        assertTrue(reachedThree > 60, "the limit should often be reached, was in " + reachedThree);
    }

    /** Most events of the list sounding at one time (half-open intervals). */
    private static int maxDepth(List<SoundEvent> events) {
        int max = 0;
        for (SoundEvent e : events) {
            int n = 0;
            for (SoundEvent o : events) {
                n += o.onset() <= e.onset() && e.onset() < o.offset() ? 1 : 0;
            }
            max = Math.max(max, n);
        }
        return max;
    }

    @Test
    void sameSeedAndIndexGiveTheSameMixtureWhateverCameBeforeAndOnAnyThread() throws Exception {
        TestCorpus source = TestCorpus.standard(20, 3);
        Corpus corpus = source.corpus();
        Map<String, ?> config = Map.of("heldoutFraction", 0.0, "splitProbability", 0.3, "repeatProbability", 0.3);
        Synthesis a = synthesis(source, config);
        List<Mixture> forward = new ArrayList<>();
        for (long i = 0; i < 6; i++) {
            forward.add(a.render(corpus, 5, i, GRID, Split.TRAIN).mixture());
        }
        // A fresh instance, the reverse order, four threads at once.
        Synthesis b = synthesis(source, config);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Mixture>> futures = new ArrayList<>();
            for (long i = 5; i >= 0; i--) {
                long index = i;
                futures.add(pool.submit(() -> b.render(corpus, 5, index, GRID, Split.TRAIN).mixture()));
            }
            for (int k = 0; k < 6; k++) {
                Mixture m = futures.get(k).get();
                assertEquals(forward.get(5 - k), m, "index " + (5 - k));
                assertEquals(forward.get(5 - k).events(), m.events());
                assertEquals(forward.get(5 - k).background(), m.background());
            }
        } finally {
            pool.shutdownNow();
        }
        Mixture other = a.render(corpus, 5, 6, GRID, Split.TRAIN).mixture();
        assertFalse(Arrays.equals(forward.get(0).audio().samples(), other.audio().samples()));
        Mixture otherSeed = a.render(corpus, 6, 0, GRID, Split.TRAIN).mixture();
        assertFalse(Arrays.equals(forward.get(0).audio().samples(), otherSeed.audio().samples()));
        assertNotEquals(forward.get(0).audio().id(), other.audio().id());
    }

    @Test
    void trainAndHeldOutShareNoEventRecordingAndNoBackground() throws IOException {
        TestCorpus source = TestCorpus.standard(60, 20);
        Corpus corpus = source.corpus();
        // Without zero-shot groups TRAIN and HELDOUT are the path rule (ZeroShotSplitTest covers the groups).
        Synthesis s = synthesis(source, Map.of("heldoutFraction", 0.3, "zeroShotGroupFraction", 0.0, "maxEvents", 5,
                "sampleRate", 32_000));
        Map<Split, Set<String>> used = new HashMap<>();
        for (Split split : List.of(Split.TRAIN, Split.HELDOUT)) {
            Set<String> paths = new HashSet<>();
            for (long i = 0; i < 60; i++) {
                Synthesis.Rendered r = s.render(corpus, 1, i, GRID, split);
                r.events().forEach(e -> paths.add(e.entry().path()));
                assertFalse(r.mixture().background().generated());
                paths.add(r.mixture().background().entry().path());
                r.events().forEach(e -> assertEquals(split, Split.of(e.entry().path(), 0.3)));
            }
            used.put(split, paths);
        }
        assertTrue(used.get(Split.HELDOUT).size() > 10, "held-out recordings used: " + used.get(Split.HELDOUT));
        assertTrue(used.get(Split.TRAIN).size() > 30, "train recordings used: " + used.get(Split.TRAIN).size());
        Set<String> both = new HashSet<>(used.get(Split.TRAIN));
        both.retainAll(used.get(Split.HELDOUT));
        assertEquals(Set.of(), both);
    }

    @Test
    void withoutAFittingBackgroundTheBedIsGeneratedNoiseAndSaysSo() throws IOException {
        // The only "background" is 4 s long: it does not fit a 10 s clip.
        TestCorpus source = TestCorpus.standard(5, 0)
                .background("ambiance/short.wav", "short ambiance", 4.0, rate -> TestCorpus.noise(4.0, 0.1, rate, 1));
        Synthesis s = synthesis(source, Map.of("heldoutFraction", 0.0, "minEvents", 0, "maxEvents", 0,
                "minBackgroundDbfs", -20.0, "maxBackgroundDbfs", -20.0));
        Set<String> colours = new HashSet<>();
        for (long i = 0; i < 12; i++) {
            Mixture m = s.render(source.corpus(), 3, i, GRID, Split.TRAIN).mixture();
            assertTrue(m.background().generated());
            assertTrue(m.background().entry().path().matches("generated/(white|pink|brown)-noise"));
            assertEquals(0.0, m.background().startSeconds());
            colours.add(m.background().entry().caption().text());
            // A -20 dBFS bed: RMS 0.1.
            assertEquals(0.1, rms(m.audio().samples(), 0, m.audio().sampleCount()), 1e-4);
        }
        assertEquals(Set.of("white noise", "pink noise", "brown noise"), colours);
    }

    /**
     * Background: a 100 Hz sine; the one event: a 3 kHz sine. The event's gain and the
     * background's are measured back from the mixture by projecting it on each source
     * waveform (the two are orthogonal over whole periods), so the test does not trust the
     * gain the synthesis computed.
     */
    @Test
    void eachEventSitsAtItsDrawnOffsetFromTheBackground() throws IOException {
        int rate = 32_000;
        TestCorpus source = new TestCorpus()
                .event("events/tone.wav", "high tone", 1.0, r -> TestCorpus.sine(3000, 1.0, 0.5, r))
                .background("ambiance/hum.wav", "hum ambiance", 10.0, r -> TestCorpus.sine(100, 10.0, 0.3, r));
        Synthesis s = synthesis(source, Map.of("sampleRate", rate, "heldoutFraction", 0.0, "minEvents", 1,
                "maxEvents", 1, "splitProbability", 0.0, "repeatProbability", 0.0));
        float[] bed = TestCorpus.sine(100, 10.0, 0.3, rate);
        Set<Long> distinctOffsets = new HashSet<>();
        for (long i = 0; i < 20; i++) {
            Synthesis.Rendered r = s.render(source.corpus(), 9, i, GRID, Split.TRAIN);
            float[] mix = r.mixture().audio().samples();
            PlacedEvent e = r.events().get(0);
            float[] part = e.parts()[0];
            double eventScale = project(mix, e.starts()[0], part);
            double bedScale = project(mix, 0, bed);
            double measured = 20 * Math.log10(eventScale * rms(part, 0, part.length) / (bedScale * rms(bed, 0, bed.length)));
            assertEquals(e.offsetDb(), measured, 0.05, "mixture " + i);
            assertTrue(e.offsetDb() >= -5 && e.offsetDb() <= 15, "offset " + e.offsetDb());
            distinctOffsets.add(Math.round(e.offsetDb()));
        }
        assertTrue(distinctOffsets.size() > 8, "offsets should spread over the range: " + distinctOffsets);
    }

    /** Least-squares scale of {@code x} in {@code mix[at, at + x.length)}. */
    private static double project(float[] mix, int at, float[] x) {
        double xy = 0;
        double xx = 0;
        for (int i = 0; i < x.length; i++) {
            xy += (double) mix[at + i] * x[i];
            xx += (double) x[i] * x[i];
        }
        return xy / xx;
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void everyPartFadesInAndOutOver10Milliseconds() throws IOException {
        int rate = 48_000;
        // Silent background and a constant (DC) event: the mixture is the faded part, scaled.
        TestCorpus source = new TestCorpus()
                .event("events/dc.wav", "steady hum", 1.0, r -> constant(1.0, 0.5, r))
                .background("ambiance/silence.wav", "silent ambiance", 10.0, r -> new float[10 * r]);
        Synthesis s = synthesis(source, Map.of("heldoutFraction", 0.0, "minEvents", 1, "maxEvents", 1,
                "splitProbability", 0.5, "repeatProbability", 0.5));
        int fade = 480;
        for (long i = 0; i < 6; i++) {
            Synthesis.Rendered r = s.render(source.corpus(), 2, i, GRID, Split.TRAIN);
            float[] mix = r.mixture().audio().samples();
            PlacedEvent e = r.events().get(0);
            assertTrue(e.parts().length >= 2, "split or repeated, so fades are inside the recording too");
            for (int q = 0; q < e.parts().length; q++) {
                int start = e.starts()[q];
                int end = e.end(q);
                double full = mix[start + fade];
                assertTrue(full > 0);
                for (int k = 0; k < fade; k++) {
                    assertEquals(k / (double) fade, mix[start + k] / full, 1e-5, "fade-in sample " + k);
                    assertEquals(k / (double) fade, mix[end - 1 - k] / full, 1e-5, "fade-out sample " + k);
                }
                assertEquals(full, mix[(start + end) / 2], 1e-6);
                assertEquals(0f, mix[start - 1]);
                assertEquals(0f, mix[end]);
            }
        }
    }

    private static float[] constant(double seconds, double value, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        Arrays.fill(x, (float) value);
        return x;
    }

    @Test
    void tenPercentSplitIntoHalfSecondSegmentsTenPercentRepeated() throws IOException {
        TestCorpus source = new TestCorpus();
        for (int i = 0; i < 10; i++) {
            double seconds = 1.0 + 0.1 * i;
            double f = 400 + 50 * i;
            source.event("events/t" + i + ".wav", "tone " + i, seconds, r -> TestCorpus.sine(f, seconds, 0.5, r));
        }
        source.background("ambiance/b.wav", "an ambiance", 10.0, r -> TestCorpus.noise(10.0, 0.1, r, 4));
        Synthesis s = synthesis(source, Map.of("heldoutFraction", 0.0, "minEvents", 1, "maxEvents", 1,
                "sampleRate", 32_000));
        Map<PlacedEvent.Shape, Integer> shapes = new HashMap<>();
        int n = 1500;
        for (long i = 0; i < n; i++) {
            PlacedEvent e = s.render(source.corpus(), 8, i, GRID, Split.TRAIN).events().get(0);
            shapes.merge(e.shape(), 1, Integer::sum);
            int parts = e.parts().length;
            switch (e.shape()) {
                case SINGLE -> assertEquals(1, parts);
                case SPLIT -> {
                    assertTrue(parts >= 2 && parts <= 3, "segments " + parts);
                    int total = 0;
                    for (float[] p : e.parts()) {
                        assertTrue(p.length >= 16_000, "segment of " + p.length + " samples < 0.5 s");
                        total += p.length;
                    }
                    assertEquals(Math.round(e.entry().durationSeconds() * 32_000), total, "segments cover the event");
                }
                case REPEATED -> {
                    assertTrue(parts >= 2 && parts <= 4, "repetitions " + parts);
                    for (float[] p : e.parts()) {
                        assertEquals(e.parts()[0].length, p.length);
                    }
                }
            }
            for (int q = 1; q < parts; q++) {
                assertTrue(e.starts()[q] - e.end(q - 1) >= 8_000, "parts at least 0.25 s apart, in order");
            }
        }
        // Binomial(1500, 0.1): sd 11.6; 4 sd.
        assertEquals(150, shapes.get(PlacedEvent.Shape.SPLIT), 47);
        assertEquals(150, shapes.get(PlacedEvent.Shape.REPEATED), 47);
    }

    @Test
    void labelsFollowTheEventAndLoudMixturesAreScaledNotClipped() throws IOException {
        TestCorpus source = new TestCorpus()
                .event("events/tone.wav", "a steady tone", 2.0, r -> TestCorpus.sine(1000, 2.0, 0.9, r))
                .background("ambiance/b.wav", "an ambiance", 10.0, r -> TestCorpus.noise(10.0, 0.5, r, 4));
        Synthesis s = synthesis(source, Map.of("heldoutFraction", 0.0, "minEvents", 1, "maxEvents", 1,
                "splitProbability", 0.0, "repeatProbability", 0.0, "minBackgroundDbfs", -3.0, "maxBackgroundDbfs", -3.0,
                "minOffsetDb", 10.0, "maxOffsetDb", 10.0));
        Mixture m = s.render(source.corpus(), 1, 0, GRID, Split.TRAIN).mixture();
        double peak = 0;
        for (float x : m.audio().samples()) {
            peak = Math.max(peak, Math.abs(x));
        }
        assertEquals(0.99, peak, 1e-6, "scaled down to the peak limit");
        SoundEvent e = m.events().get(0);
        assertEquals(List.of("a steady tone"), m.frameLabels().labels());
        float[] z = m.frameLabels().column("a steady tone");
        for (int f = 0; f < GRID.frameCount(); f++) {
            double a = GRID.onset(f);
            double b = GRID.offset(f);
            if (a >= e.onset() && b <= e.offset()) {
                assertEquals(1f, z[f], "frame " + f + " inside the event");
            } else if (b <= e.onset() - 0.03 || a >= e.offset() + 0.03) {
                assertEquals(0f, z[f], "frame " + f + " clear of the event");
            }
        }
    }

    @Test
    void rejectsWhatTheContractRejects() {
        TestCorpus source = TestCorpus.standard(3, 1);
        Synthesis s = synthesis(source, Map.of("heldoutFraction", 0.0));
        Corpus corpus = source.corpus();
        assertThrows(IllegalArgumentException.class, () -> s.render(corpus, 1, -1, GRID, Split.TRAIN));
        assertThrows(IllegalArgumentException.class, () -> s.render(corpus, 1, 0, FrameGrid.ofClip(32, 5.0), Split.TRAIN));
        // Every recording is in TRAIN: HELDOUT has no event.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.render(corpus, 1, 0, GRID, Split.HELDOUT));
        assertTrue(e.getMessage().contains("no event"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MixtureParameters.of(MixtureParameters.configuration(Map.of("splitProbability", 0.6, "repeatProbability", 0.6))));
        assertThrows(IllegalArgumentException.class, () -> MixtureParameters.configuration(Map.of("noSuchThing", 1)));
    }

    @Test
    void aCorruptEventRecordingIsDroppedNotFatal() throws IOException {
        TestCorpus source = TestCorpus.standard(3, 2);
        Corpus corpus = source.corpus();
        String bad = corpus.events().get(0).path();
        RecordingLoader failing = (c, entry, rate) -> {
            if (entry.path().equals(bad)) {
                throw new org.flam.audio.io.AudioFileException(c.resolve(entry),
                        org.flam.audio.io.AudioFileException.Reason.CORRUPT, "undecodable packet");
            }
            return source.load(c, entry, rate);
        };
        Synthesis s = new Synthesis(MixtureParameters.of(MixtureParameters.configuration(
                Map.of("minEvents", 4, "maxEvents", 4, "heldoutFraction", 0.0, "sampleRate", 32_000))), failing);
        int withoutBad = 0;
        for (long i = 0; i < 20; i++) {
            Mixture m = s.render(corpus, 5, i, GRID, Split.TRAIN).mixture();
            String badCaption = corpus.events().get(0).caption().text();
            assertTrue(m.events().stream().noneMatch(e -> e.label().equals(badCaption)
                    && corpus.events().stream().filter(x -> x.caption().text().equals(badCaption)).count() == 1),
                    "mixture " + i + " holds the corrupt recording's event");
            withoutBad += m.events().isEmpty() ? 0 : 1;
            // Deterministic: the same index renders the same mixture again.
            assertEquals(m.events(), s.render(corpus, 5, i, GRID, Split.TRAIN).mixture().events());
        }
        assertTrue(withoutBad == 20, "every mixture keeps its other events");
    }
}
