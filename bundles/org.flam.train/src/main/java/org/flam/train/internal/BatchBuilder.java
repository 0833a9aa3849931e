package org.flam.train.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.flam.api.FrameScores;
import org.flam.api.Mixture;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.spi.Augmenter;
import org.flam.api.spi.MixtureSynthesizer;
import org.flam.api.spi.TextEncoder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the batch of a step as a pure function of (seed, step), so a resumed run sees the
 * batches an uninterrupted one would have seen.
 *
 * <p><b>Clips.</b> Per clip slot, from one generator seeded by (seed, step): caption-audio
 * pairs take the first {@code round(pairFraction × B)} slots when the data has pairs, mixtures
 * the rest. Fixed mixtures and pairs are drawn uniformly with replacement; a fresh mixture is
 * number {@code (step - 1) B + i} of the synthesizer's sequence for the run's seed, so every
 * slot of every step is a new one (SPEC §4). Each clip's augmenters get their own generator
 * derived from the same stream.
 *
 * <p><b>Texts shown.</b> Each event's caption is replaced by one of its tags with probability
 * {@code tagReplacement} (SPEC §5), else by one of its wordings (the caption or a paraphrase,
 * uniformly), so a recording is seen under all its captions.
 *
 * <p><b>Text slots.</b> The shown texts, deduplicated in order of first use, take the first of
 * the {@code K = slots × B} slots. With vocabulary negatives the remaining slots are filled
 * with texts no clip of the batch is described by (see {@link Vocabulary#describes}): a
 * fraction {@code hardNegativeFraction} of them drawn among the nearest texts (cosine of their
 * text features) of a shown text, the rest uniformly from the negative vocabulary; a text whose
 * label group or wording belongs to any clip of the batch (its events or its background) is
 * never drawn. Without them the remaining slots stay padding.
 *
 * <p><b>Labels.</b> Text {@code k} is positive for clip {@code i} at the frames of every event of
 * clip {@code i} it describes (OR-ed) and at every frame if it describes the clip's background;
 * it then belongs to the clip ({@link Batch#ownership()}). So a caption, its paraphrases, its
 * tags and its synonyms (same label group) are never negatives of each other, whichever clip
 * brought them into the batch; any other text is a negative at every frame.
 */
final class BatchBuilder {

    /** Nearest texts kept per text for hard negatives. */
    static final int NEIGHBOURS = 16;

    private final TrainingData data;
    private final Vocabulary vocabulary;
    private final TextEncoder textEncoder;
    private final MixtureSynthesizer synthesizer;
    private final List<Augmenter> augmenters;
    /** Whether any augmenter needs the waveform (then clips are decoded at every use). */
    private final boolean waveformAugmenters;
    private final int batchSize;
    private final int textSlots;
    private final double pairFraction;
    private final double tagReplacement;
    private final boolean vocabularyNegatives;
    private final double hardNegativeFraction;
    private final Map<String, float[]> textCache = new ConcurrentHashMap<>();
    /** Text to its nearest negative-vocabulary texts of other groups, once the cache is warm. */
    private volatile Map<String, String[]> neighbours = Map.of();
    /** Examples whose audio failed to decode, skipped from then on. */
    private final java.util.Set<String> corrupt = ConcurrentHashMap.newKeySet();

    /**
     * @param synthesizer makes the fresh mixtures when {@code data.freshMixtures()}; may be null
     *                    otherwise
     */
    BatchBuilder(TrainingData data, TextEncoder textEncoder, MixtureSynthesizer synthesizer,
            List<Augmenter> augmenters, int batchSize, int textSlotsPerClip, double pairFraction,
            double tagReplacement, boolean vocabularyNegatives, double hardNegativeFraction) {
        this.data = data;
        this.vocabulary = data.vocabulary();
        this.textEncoder = textEncoder;
        this.synthesizer = synthesizer;
        if (data.freshMixtures()) {
            if (synthesizer == null) {
                throw new IllegalArgumentException("fresh mixtures from a corpus need a MixtureSynthesizer "
                        + "(synthesizer.target); none is bound");
            }
            AudioEncoderSpec spec = data.spec();
            if (synthesizer.sampleRate() != spec.sampleRate()
                    || Math.abs(synthesizer.clipSeconds() - spec.clipSeconds()) > 1e-9) {
                throw new IllegalArgumentException("the synthesizer makes " + synthesizer.clipSeconds() + " s at "
                        + synthesizer.sampleRate() + " Hz but the encoder reads " + spec.clipSeconds() + " s at "
                        + spec.sampleRate() + " Hz: configure the synthesizer's sampleRate and clipSeconds to match");
            }
        }
        this.augmenters = List.copyOf(augmenters);
        this.waveformAugmenters = augmenters.stream().anyMatch(a -> a.domain() == Augmenter.Domain.WAVEFORM);
        this.batchSize = batchSize;
        this.textSlots = textSlotsPerClip * batchSize;
        boolean mixtures = data.freshMixtures() || !data.mixtures().isEmpty();
        this.pairFraction = data.pairs().isEmpty() ? 0 : !mixtures ? 1 : pairFraction;
        this.tagReplacement = tagReplacement;
        this.vocabularyNegatives = vocabularyNegatives;
        if (!(hardNegativeFraction >= 0 && hardNegativeFraction <= 1)) {
            throw new IllegalArgumentException("hardNegativeFraction must be in [0, 1], got " + hardNegativeFraction);
        }
        this.hardNegativeFraction = hardNegativeFraction;
    }

    int textSlots() {
        return textSlots;
    }

    /**
     * Encodes every text the data can put in a batch, in batches, reporting progress, then finds
     * each text's nearest texts for hard negatives.
     */
    void warmTextCache(java.util.function.IntConsumer progress) {
        List<String> all = new ArrayList<>(vocabulary.all());
        int chunk = 256;
        for (int i = 0; i < all.size(); i += chunk) {
            List<String> part = all.subList(i, Math.min(all.size(), i + chunk));
            float[][] f = textEncoder.encode(part);
            for (int j = 0; j < part.size(); j++) {
                textCache.put(part.get(j), f[j]);
            }
            progress.accept(Math.min(all.size(), i + chunk));
        }
        if (vocabularyNegatives && hardNegativeFraction > 0) {
            neighbours = HardNegatives.nearest(all, vocabulary.negatives(), textCache, vocabulary, NEIGHBOURS);
        }
    }

    /** Generator of step {@code step} of a run seeded with {@code seed}. */
    static SplittableRandom random(long seed, long step) {
        return new SplittableRandom(mix(mix(seed) + 0x9E3779B97F4A7C15L * (step + 1)));
    }

    /** Seed of the fresh-mixture sequence of a run seeded with {@code seed}. */
    static long mixtureSeed(long seed) {
        return mix(seed ^ 0x632BE59BD9B4E019L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * One clip as the text slots see it.
     *
     * @param captions   its events' captions (one per label column), or the pair's caption
     * @param labels     {@code [captions][F]} frame labels, or null for a pair
     * @param background the background's caption, or null (pairs, fixed mixtures, generated noise)
     * @param shown      the texts it brings into the batch, one per caption
     */
    private record Clip(float[][] logMel, List<String> captions, float[][] labels, String background,
            List<String> shown) {
        boolean labelled() {
            return labels != null;
        }
    }

    Batch build(long seed, long step) throws IOException {
        SplittableRandom random = random(seed, step);
        int nPairs = (int) Math.round(batchSize * pairFraction);
        int frames = data.spec().framesPerClip();
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            Clip clip;
            if (i >= nPairs && data.freshMixtures()) {
                clip = freshMixture((step - 1) * batchSize + i, mixtureSeed(seed), random.nextLong());
            } else {
                clip = recorded(i < nPairs ? data.pairs() : data.mixtures(), random);
            }
            List<String> shown = new ArrayList<>();
            for (String caption : clip.captions()) {
                List<String> tags = vocabulary.tags(caption);
                List<String> wordings = vocabulary.wordings(caption);
                if (!tags.isEmpty() && random.nextDouble() < tagReplacement) {
                    shown.add(tags.get(random.nextInt(tags.size())));
                } else {
                    shown.add(wordings.size() == 1 ? wordings.get(0) : wordings.get(random.nextInt(wordings.size())));
                }
            }
            clips.add(new Clip(clip.logMel(), clip.captions(), clip.labels(), clip.background(), shown));
        }

        Map<String, Integer> slot = new LinkedHashMap<>();
        int dropped = 0;
        for (Clip c : clips) {
            for (String text : c.shown()) {
                if (!slot.containsKey(text)) {
                    if (slot.size() < textSlots) {
                        slot.put(text, slot.size());
                    } else {
                        dropped++;
                    }
                }
            }
        }
        if (vocabularyNegatives) {
            fillWithNegatives(slot, clips, random);
        }
        int mels = data.spec().mels();
        int time = data.spec().melFrames();
        float[] logMel = new float[batchSize * mels * time];
        float[] labels = new float[batchSize * frames * textSlots];
        float[] clipMask = new float[batchSize];
        float[] labelled = new float[batchSize];
        float[] textMask = new float[textSlots];
        float[] ownership = new float[batchSize * textSlots];
        List<String> texts = new ArrayList<>(slot.keySet());
        for (int i = 0; i < batchSize; i++) {
            Clip c = clips.get(i);
            for (int m = 0; m < mels; m++) {
                System.arraycopy(c.logMel()[m], 0, logMel, (i * mels + m) * time, time);
            }
            clipMask[i] = 1;
            labelled[i] = c.labelled() ? 1 : 0;
            for (int k = 0; k < texts.size(); k++) {
                String text = texts.get(k);
                boolean owns = false;
                for (int t = 0; t < c.captions().size(); t++) {
                    if (!vocabulary.describes(text, c.captions().get(t))) {
                        continue;
                    }
                    owns = true;
                    if (c.labelled()) {
                        float[] l = c.labels()[t];
                        for (int f = 0; f < frames; f++) {
                            int at = (i * frames + f) * textSlots + k;
                            labels[at] = Math.max(labels[at], l[f]);
                        }
                    }
                }
                if (c.background() != null && vocabulary.describes(text, c.background())) {
                    // the background sounds throughout the clip
                    owns = true;
                    for (int f = 0; f < frames; f++) {
                        labels[(i * frames + f) * textSlots + k] = 1;
                    }
                }
                if (owns) {
                    ownership[i * textSlots + k] = 1;
                }
            }
        }
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
                List.copyOf(texts), clips.stream().map(Clip::captions).toList(),
                clips.stream().map(c -> c.background() == null ? "" : c.background()).toList(), nPairs, dropped);
    }

    /** A fixed mixture or a pair, drawn uniformly; a corrupt recording is replaced by the next draw. */
    private Clip recorded(List<TrainingData.Example> pool, SplittableRandom random) throws IOException {
        // The batch stays a function of (seed, step), since corruption is a property of the file.
        for (int attempt = 0;; attempt++) {
            TrainingData.Example e = pool.get(random.nextInt(pool.size()));
            long clipSeed = random.nextLong();
            if (corrupt.contains(e.id())) {
                continue;
            }
            try {
                return new Clip(spectrogram(e, clipSeed), e.texts(), e.labels(), null, List.of());
            } catch (org.flam.audio.io.AudioFileException bad) {
                if (corrupt.add(e.id())) {
                    System.err.println("train: skipping " + e.audio() + ": " + bad.getMessage());
                }
                if (attempt > 1000) {
                    throw bad;
                }
            }
        }
    }

    /**
     * Fresh mixture number {@code index} of the run's sequence, through the augmenters. A
     * damaged recording is the synthesizer's to skip (it drops a damaged event and redraws a
     * damaged background, so the mixture stays a function of (seed, index)); an unreadable one
     * (a missing file, a wrong corpus root) fails the batch.
     */
    private Clip freshMixture(long index, long mixtureSeed, long clipSeed) throws IOException {
        Mixture m = synthesizer.synthesize(data.trainingCorpus(), mixtureSeed, index, data.spec().frameGrid());
        SplittableRandom random = new SplittableRandom(clipSeed);
        org.flam.api.AudioClip clip = m.audio();
        float[] samples = clip.samples().length == data.spec().samplesPerClip() ? clip.samples()
                : Arrays.copyOf(clip.samples(), data.spec().samplesPerClip());
        if (waveformAugmenters) {
            clip = new org.flam.api.AudioClip(clip.id(), samples, clip.sampleRate());
            for (Augmenter a : augmenters) {
                if (a.domain() == Augmenter.Domain.WAVEFORM) {
                    clip = a.augmentWaveform(clip, random.split());
                }
            }
            samples = clip.samples();
        }
        float[][] spec = logMelAugmented(data.logMel(samples), random);
        FrameScores z = m.frameLabels();
        float[][] labels = new float[z.labels().size()][];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = z.column(z.labels().get(k));
        }
        String background = m.background().generated() ? null : m.background().entry().caption().text();
        return new Clip(spec, z.labels(), labels, background, List.of());
    }

    /**
     * Fills the free text slots with negatives of every clip (see the class comment), drawing
     * from {@code random}; stops early if the vocabulary runs out of admissible texts.
     */
    private void fillWithNegatives(Map<String, Integer> slot, List<Clip> clips, SplittableRandom random) {
        List<String> pool = vocabulary.negatives();
        int free = textSlots - slot.size();
        if (free <= 0 || pool.isEmpty()) {
            return;
        }
        Set<String> describedTexts = new HashSet<>();
        Set<String> describedGroups = new HashSet<>();
        for (Clip c : clips) {
            List<String> described = new ArrayList<>(c.captions());
            if (c.background() != null) {
                described.add(c.background());
            }
            for (String caption : described) {
                describedTexts.addAll(vocabulary.positives(caption));
                describedGroups.addAll(vocabulary.groups(caption));
            }
        }
        List<String> shown = new ArrayList<>(slot.keySet());
        int hard = (int) Math.round(free * hardNegativeFraction);
        Map<String, String[]> near = neighbours;
        for (int attempt = 0, added = 0; added < hard && attempt < 20 * hard && !shown.isEmpty(); attempt++) {
            String[] candidates = near.get(shown.get(random.nextInt(shown.size())));
            if (candidates != null && candidates.length > 0
                    && admit(candidates[random.nextInt(candidates.length)], slot, describedTexts, describedGroups)) {
                added++;
            }
        }
        for (int attempt = 0; slot.size() < textSlots && attempt < 50 * free; attempt++) {
            admit(pool.get(random.nextInt(pool.size())), slot, describedTexts, describedGroups);
        }
    }

    private boolean admit(String text, Map<String, Integer> slot, Set<String> describedTexts,
            Set<String> describedGroups) {
        if (slot.containsKey(text) || describedTexts.contains(text)) {
            return false;
        }
        for (String g : vocabulary.groups(text)) {
            if (describedGroups.contains(g)) {
                return false;
            }
        }
        slot.put(text, slot.size());
        return true;
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
        return logMelAugmented(spec, random);
    }

    /** {@code spec} through the log-mel augmenters, in order (a cached spectrogram is not modified). */
    private float[][] logMelAugmented(float[][] spec, SplittableRandom random) {
        for (Augmenter a : augmenters) {
            if (a.domain() == Augmenter.Domain.LOG_MEL) {
                spec = a.augmentLogMel(spec, random.split());
            }
        }
        return spec;
    }
}
