package org.flam.augment.mixture.internal;

import java.io.IOException;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;

/**
 * Decoded samples of a corpus recording: the one place synthesis touches files, so that tests
 * and benchmarks can feed sounds from memory.
 */
@FunctionalInterface
interface RecordingLoader {

    /**
     * The mono samples of {@code entry} of {@code corpus} at {@code sampleRate} Hz, in
     * {@code [-1, 1]}. The returned array may be shared (cached): callers must not modify it.
     *
     * @throws IOException if the recording cannot be read
     */
    float[] load(Corpus corpus, CorpusEntry entry, int sampleRate) throws IOException;
}
