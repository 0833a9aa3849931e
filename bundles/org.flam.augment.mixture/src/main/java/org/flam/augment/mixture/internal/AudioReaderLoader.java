package org.flam.augment.mixture.internal;

import java.io.IOException;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.audio.io.AudioReader;

/** The production loader: decodes {@code corpus.resolve(entry)} to mono at the mixture rate. */
final class AudioReaderLoader implements RecordingLoader {

    @Override
    public float[] load(Corpus corpus, CorpusEntry entry, int sampleRate) throws IOException {
        return AudioReader.read(corpus.resolve(entry), sampleRate).samples();
    }
}
