package org.flam.train.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.flam.api.spi.Augmenter;
import org.flam.api.spi.TextEncoder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the batch of a step as a pure function of (seed, step), so a resumed run sees the
 * batches an uninterrupted one would have seen.
 *
 * <p>Per clip slot, from one generator seeded by (seed, step): caption-audio pairs take the
 * first {@code round(pairFraction × B)} slots when the data has pairs, mixtures the rest, each
 * drawn uniformly with replacement. Each caption is replaced by one of its tags with
 * probability {@code tagReplacement} (SPEC §5); two captions of a clip that become the same
 * text have their frame labels OR-ed. The batch's texts are deduplicated in order of first use
 * into {@code K = slots × B} slots: a text of another clip is a negative at every frame. Each
 * clip's augmenters get their own generator derived from the same stream.
 */
final class BatchBuilder {

    private final TrainingData data;
    private final TextEncoder textEncoder;
    private final List<Augmenter> augmenters;
    /** Whether any augmenter needs the waveform (then clips are decoded at every use). */
    private final boolean waveformAugmenters;
    private final int batchSize;
    private final int textSlots;
    private final double pairFraction;
    private final double tagReplacement;
    private final Map<String, float[]> textCache = new ConcurrentHashMap<>();
    /** Examples whose audio failed to decode, skipped from then on. */
    private final java.util.Set<String> corrupt = ConcurrentHashMap.newKeySet();

    BatchBuilder(TrainingData data, TextEncoder textEncoder, List<Augmenter> augmenters, int batchSize,
            int textSlotsPerClip, double pairFraction, double tagReplacement) {
        this.data = data;
        this.textEncoder = textEncoder;
        this.augmenters = List.copyOf(augmenters);
        this.waveformAugmenters = augmenters.stream().anyMatch(a -> a.domain() == Augmenter.Domain.WAVEFORM);
        this.batchSize = batchSize;
        this.textSlots = textSlotsPerClip * batchSize;
        this.pairFraction = data.pairs().isEmpty() ? 0 : data.mixtures().isEmpty() ? 1 : pairFraction;
        this.tagReplacement = tagReplacement;
    }

    int textSlots() {
        return textSlots;
    }

    /** Encodes every text the data can put in a batch, in batches, reporting progress. */
    void warmTextCache(java.util.function.IntConsumer progress) {
        List<String> all = new ArrayList<>(data.vocabulary());
        int chunk = 256;
        for (int i = 0; i < all.size(); i += chunk) {
            List<String> part = all.subList(i, Math.min(all.size(), i + chunk));
            float[][] f = textEncoder.encode(part);
            for (int j = 0; j < part.size(); j++) {
                textCache.put(part.get(j), f[j]);
            }
            progress.accept(Math.min(all.size(), i + chunk));
        }
    }

    /** Generator of step {@code step} of a run seeded with {@code seed}. */
    static SplittableRandom random(long seed, long step) {
        return new SplittableRandom(mix(mix(seed) + 0x9E3779B97F4A7C15L * (step + 1)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    Batch build(long seed, long step) throws IOException {
        SplittableRandom random = random(seed, step);
        int nPairs = (int) Math.round(batchSize * pairFraction);
        int frames = data.spec().framesPerClip();
        List<TrainingData.Example> clips = new ArrayList<>();
        List<Map<String, float[]>> clipTexts = new ArrayList<>();
        long[] clipSeeds = new long[batchSize];
        float[][][] spectrograms = new float[batchSize][][];
        for (int i = 0; i < batchSize; i++) {
            List<TrainingData.Example> pool = i < nPairs ? data.pairs() : data.mixtures();
            TrainingData.Example e;
            // A corrupt recording is replaced by the next draw from the same stream: the batch
            // stays a function of (seed, step), since corruption is a property of the file.
            for (int attempt = 0;; attempt++) {
                e = pool.get(random.nextInt(pool.size()));
                clipSeeds[i] = random.nextLong();
                if (corrupt.contains(e.id())) {
                    continue;
                }
                try {
                    spectrograms[i] = spectrogram(e, clipSeeds[i]);
                    break;
                } catch (org.flam.audio.io.AudioFileException bad) {
                    if (corrupt.add(e.id())) {
                        System.err.println("train: skipping " + e.audio() + ": " + bad.getMessage());
                    }
                    if (attempt > 1000) {
                        throw bad;
                    }
                }
            }
            Map<String, float[]> texts = new LinkedHashMap<>();
            for (int t = 0; t < e.texts().size(); t++) {
                String text = e.texts().get(t);
                List<String> tags = data.tags(text);
                if (!tags.isEmpty() && random.nextDouble() < tagReplacement) {
                    text = tags.get(random.nextInt(tags.size()));
                }
                float[] labels = e.labelled() ? e.labels()[t] : null;
                float[] previous = texts.get(text);
                if (previous != null && labels != null) {
                    float[] or = previous.clone();
                    for (int f = 0; f < or.length; f++) {
                        or[f] = Math.max(or[f], labels[f]);
                    }
                    labels = or;
                }
                texts.put(text, labels);
            }
            clips.add(e);
            clipTexts.add(texts);
        }

        Map<String, Integer> slot = new LinkedHashMap<>();
        int dropped = 0;
        for (Map<String, float[]> texts : clipTexts) {
            for (String text : texts.keySet()) {
                if (!slot.containsKey(text)) {
                    if (slot.size() < textSlots) {
                        slot.put(text, slot.size());
                    } else {
                        dropped++;
                    }
                }
            }
        }
        int mels = data.spec().mels();
        int time = data.spec().melFrames();
        float[] logMel = new float[batchSize * mels * time];
        float[] labels = new float[batchSize * frames * textSlots];
        float[] clipMask = new float[batchSize];
        float[] labelled = new float[batchSize];
        float[] textMask = new float[textSlots];
        float[] ownership = new float[batchSize * textSlots];
        for (int i = 0; i < batchSize; i++) {
            TrainingData.Example e = clips.get(i);
            float[][] spec = spectrograms[i];
            for (int m = 0; m < mels; m++) {
                System.arraycopy(spec[m], 0, logMel, (i * mels + m) * time, time);
            }
            clipMask[i] = 1;
            labelled[i] = e.labelled() ? 1 : 0;
            for (Map.Entry<String, float[]> t : clipTexts.get(i).entrySet()) {
                Integer k = slot.get(t.getKey());
                if (k == null) {
                    continue;
                }
                ownership[i * textSlots + k] = 1;
                float[] l = t.getValue();
                if (l != null) {
                    for (int f = 0; f < frames; f++) {
                        labels[(i * frames + f) * textSlots + k] = l[f];
                    }
                }
            }
        }
        List<String> texts = new ArrayList<>(slot.keySet());
        int dimension = textEncoder.dimension();
        float[] features = new float[textSlots * dimension];
        List<String> missing = texts.stream().filter(t -> !textCache.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            float[][] f = textEncoder.encode(missing);
            for (int j = 0; j < missing.size(); j++) {
                textCache.put(missing.get(j), f[j]);
            }
        }
        for (int k = 0; k < texts.size(); k++) {
            System.arraycopy(textCache.get(texts.get(k)), 0, features, k * dimension, dimension);
            textMask[k] = 1;
        }
        return new Batch(
                Nd4j.create(logMel, new long[] {batchSize, mels, time}, DataType.FLOAT),
                Nd4j.create(features, new long[] {textSlots, dimension}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {batchSize, frames, textSlots}, DataType.FLOAT),
                Nd4j.create(clipMask, new long[] {batchSize}, DataType.FLOAT),
                Nd4j.create(labelled, new long[] {batchSize}, DataType.FLOAT),
                Nd4j.create(textMask, new long[] {textSlots}, DataType.FLOAT),
                Nd4j.create(ownership, new long[] {batchSize, textSlots}, DataType.FLOAT),
                List.copyOf(texts), nPairs, dropped);
    }

    /** The clip's log-mel after its augmenters: waveform ones, then log-mel ones, in order. */
    private float[][] spectrogram(TrainingData.Example e, long clipSeed) throws IOException {
        SplittableRandom random = new SplittableRandom(clipSeed);
        float[][] spec;
        if (waveformAugmenters) {
            org.flam.api.AudioClip clip = new org.flam.api.AudioClip(e.id(), data.samples(e), data.spec().sampleRate());
            for (Augmenter a : augmenters) {
                if (a.domain() == Augmenter.Domain.WAVEFORM) {
                    clip = a.augmentWaveform(clip, random.split());
                }
            }
            spec = data.logMel(clip.samples());
        } else {
            spec = data.logMel(e);
        }
        for (Augmenter a : augmenters) {
            if (a.domain() == Augmenter.Domain.LOG_MEL) {
                spec = a.augmentLogMel(spec, random.split());
            }
        }
        return spec;
    }
}
