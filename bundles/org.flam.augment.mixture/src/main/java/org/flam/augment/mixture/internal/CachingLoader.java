package org.flam.augment.mixture.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;

/**
 * A least-recently-used cache of decoded recordings in front of another loader, bounded by
 * the total number of samples it holds: the same events and backgrounds recur across
 * mixtures, and decoding plus resampling costs far more than mixing.
 *
 * <p>Keyed by the resolved file and the sample rate. Thread-safe; two threads missing the same
 * recording at once may both decode it (the cache lock is not held while decoding, so one slow
 * file does not stall every other thread), and the later result replaces the earlier one.
 * A recording larger than the whole budget is returned but not kept.
 */
final class CachingLoader implements RecordingLoader {

    private record Key(Path file, int sampleRate) {
    }

    private final RecordingLoader delegate;
    private final long maxSamples;
    private final LinkedHashMap<Key, float[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long heldSamples;

    /**
     * @param delegate   the loader that decodes
     * @param maxSamples most samples held in total ({@code 4 * maxSamples} bytes), {@code >= 0}
     */
    CachingLoader(RecordingLoader delegate, long maxSamples) {
        this.delegate = delegate;
        this.maxSamples = maxSamples;
    }

    @Override
    public float[] load(Corpus corpus, CorpusEntry entry, int sampleRate) throws IOException {
        Key key = new Key(corpus.resolve(entry).toAbsolutePath().normalize(), sampleRate);
        synchronized (cache) {
            float[] hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        float[] samples = delegate.load(corpus, entry, sampleRate);
        if (samples.length <= maxSamples) {
            synchronized (cache) {
                float[] previous = cache.put(key, samples);
                heldSamples += samples.length - (previous == null ? 0 : previous.length);
                Iterator<Map.Entry<Key, float[]>> eldest = cache.entrySet().iterator();
                while (heldSamples > maxSamples) {
                    heldSamples -= eldest.next().getValue().length;
                    eldest.remove();
                }
            }
        }
        return samples;
    }

    /** Samples held now. */
    long heldSamples() {
        synchronized (cache) {
            return heldSamples;
        }
    }
}
