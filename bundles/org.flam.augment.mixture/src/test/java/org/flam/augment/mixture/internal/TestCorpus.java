package org.flam.augment.mixture.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;

/**
 * A corpus of synthetic recordings held in memory: each entry's samples come from a function
 * of the sample rate, so the same recording exists at 32 and 48 kHz, and no file is read.
 */
final class TestCorpus implements RecordingLoader {

    private final List<CorpusEntry> entries = new ArrayList<>();
    private final Map<String, IntFunction<float[]>> sounds = new HashMap<>();
    final AtomicInteger loads = new AtomicInteger();

    /** Adds an event: {@code sound} at each rate, caption {@code caption}. */
    TestCorpus event(String path, String caption, double seconds, IntFunction<float[]> sound) {
        return add(path, caption, seconds, CorpusEntry.Kind.EVENT, sound);
    }

    TestCorpus background(String path, String caption, double seconds, IntFunction<float[]> sound) {
        return add(path, caption, seconds, CorpusEntry.Kind.BACKGROUND, sound);
    }

    private TestCorpus add(String path, String caption, double seconds, CorpusEntry.Kind kind, IntFunction<float[]> sound) {
        entries.add(new CorpusEntry(path, Caption.of(caption), seconds, kind, "test", "CC0-1.0"));
        sounds.put(path, sound);
        return this;
    }

    /** Gives every entry the label group {@code group.apply(entry)} (entries are made with their caption as group). */
    TestCorpus regroup(java.util.function.Function<CorpusEntry, String> group) {
        entries.replaceAll(e -> e.withParaphrases(e.paraphrases(), group.apply(e)));
        return this;
    }

    Corpus corpus() {
        return new Corpus(Path.of("/nonexistent-corpus"), entries);
    }

    @Override
    public float[] load(Corpus corpus, CorpusEntry entry, int sampleRate) {
        loads.incrementAndGet();
        return sounds.get(entry.path()).apply(sampleRate);
    }

    /**
     * The standard test corpus: {@code events} sine events (frequencies 300 Hz + 97 Hz * i,
     * lengths 0.6 to 3.3 s, with their own 1 kHz-free captions) and {@code backgrounds} 12 s
     * white-noise backgrounds.
     */
    static TestCorpus standard(int events, int backgrounds) {
        TestCorpus c = new TestCorpus();
        for (int i = 0; i < events; i++) {
            double f = 300 + 97 * i;
            double seconds = 0.6 + (i * 0.37) % 2.7;
            c.event(String.format("events/e%03d.wav", i), "tone number " + i, seconds,
                    rate -> sine(f, seconds, 0.5, rate));
        }
        for (int i = 0; i < backgrounds; i++) {
            long seed = i;
            c.background(String.format("ambiance/b%03d.wav", i), "ambiance number " + i, 12.0,
                    rate -> noise(12.0, 0.1, rate, seed));
        }
        return c;
    }

    /** {@code amplitude * sin(2 pi f t)} for {@code seconds}. */
    static float[] sine(double f, double seconds, double amplitude, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * f * i / rate));
        }
        return x;
    }

    /** Uniform white noise in {@code [-amplitude, amplitude]}. */
    static float[] noise(double seconds, double amplitude, int rate, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * (2 * r.nextDouble() - 1));
        }
        return x;
    }
}
