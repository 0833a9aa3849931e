package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.api.FrameGrid;
import org.flam.api.Mixture;
import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component: SPEC defaults, the contract, real files through the production loader. */
class FlamMixtureSynthesizerTest {

    @Test
    void defaultsAreTheSpecsConstants() {
        MixtureParameters p = MixtureParameters.defaults();
        assertEquals(10.0, p.clipSeconds());
        assertEquals(3, p.maxConcurrentEvents());
        assertEquals(0.1, p.splitProbability());
        assertEquals(0.1, p.repeatProbability());
        assertEquals(0.5, p.minSegmentSeconds());
        assertEquals(0.01, p.fadeSeconds());
        assertEquals(50.0, p.labelRate());
        assertEquals(0.05, p.windowSeconds());
        assertEquals(10, p.fillGapFrames());
        assertEquals(2, p.minRunFrames());
        assertEquals(10, p.minEventFrames());
        assertEquals(Pooling.MAX, p.pooling());
        FlamMixtureSynthesizer component = new FlamMixtureSynthesizer(MixtureParameters.configuration(Map.of()));
        assertEquals(48_000, component.sampleRate());
        assertEquals(10.0, component.clipSeconds());
        assertSame(Split.TRAIN, component.split());
    }

    /** Two WAV files decoded by AudioReader (at another rate than written), behind the cache. */
    @Test
    void synthesizesFromFilesOnDisk(@TempDir Path root) throws IOException {
        WavWriter.write(root.resolve("bark.wav"), TestCorpus.sine(700, 1.5, 0.5, 44_100), 44_100, WavWriter.Encoding.PCM_16);
        WavWriter.write(root.resolve("street.wav"), TestCorpus.noise(11.0, 0.2, 44_100, 3), 44_100, WavWriter.Encoding.PCM_16);
        Corpus corpus = new Corpus(root, List.of(
                new CorpusEntry("bark.wav", Caption.of("a dog barks"), 1.5, CorpusEntry.Kind.EVENT, "test", "CC0-1.0"),
                new CorpusEntry("street.wav", Caption.of("street ambiance"), 11.0, CorpusEntry.Kind.BACKGROUND, "test", "CC0-1.0")));
        FlamMixtureSynthesizer component = new FlamMixtureSynthesizer(MixtureParameters.configuration(
                Map.of("heldoutFraction", 0.0, "sampleRate", 32_000)));
        FrameGrid grid = FrameGrid.ofClip(32, 10.0);
        Mixture m = component.synthesize(corpus, 1, 0, grid);
        assertEquals(320_000, m.audio().sampleCount());
        assertEquals(32_000, m.audio().sampleRate());
        assertEquals(grid, m.frameLabels().grid());
        assertEquals("street.wav", m.background().entry().path());
        assertTrue(m.events().stream().allMatch(e -> e.label().equals("a dog barks")));
        assertEquals(m, component.synthesize(corpus, 1, 0, grid));

        Corpus missing = new Corpus(root.resolve("nowhere"), corpus.entries());
        assertThrows(AudioFileException.class, () -> component.synthesize(missing, 1, 0, grid));
    }

    @Test
    void cacheKeepsRecentRecordingsWithinItsSampleBudget() throws IOException {
        TestCorpus source = TestCorpus.standard(3, 0);
        Corpus corpus = source.corpus();
        CachingLoader cache = new CachingLoader(source, 100_000);
        List<CorpusEntry> e = corpus.events();
        // Event lengths at 32 kHz: 0.6 s = 19 200, 0.97 s = 31 040, 1.34 s = 42 880 samples.
        cache.load(corpus, e.get(0), 32_000);
        cache.load(corpus, e.get(1), 32_000);
        cache.load(corpus, e.get(0), 32_000);
        assertEquals(2, source.loads.get(), "second read of e0 is a hit");
        cache.load(corpus, e.get(2), 32_000);
        assertEquals(19_200 + 31_040 + 42_880, cache.heldSamples());
        cache.load(corpus, e.get(0), 48_000); // 28 800 more: over budget, evicts e1 (least recent)
        assertEquals(19_200 + 42_880 + 28_800, cache.heldSamples());
        cache.load(corpus, e.get(1), 32_000);
        assertEquals(5, source.loads.get(), "e1 was evicted and decoded again");
    }
}
