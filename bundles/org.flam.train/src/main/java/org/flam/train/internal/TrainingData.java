package org.flam.train.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.api.FrameScores;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.audio.frontend.LogMelFrontEnd;
import org.flam.audio.frontend.LogMelSpec;
import org.flam.audio.io.AudioReader;
import org.flam.data.corpus.CorpusIndex;
import org.flam.data.corpus.CorpusSplit;
import org.flam.metrics.SedFiles;
import org.flam.model.ModelDirectory;

import jakarta.json.JsonObject;

/**
 * The examples of a training run, read once. The data is either
 * <ul>
 * <li>a {@code flam synth} directory: its fixed frame-labelled mixtures, recurring across
 *     steps; or</li>
 * <li>a corpus ({@code corpus.tsv}, or a folder holding one): <b>fresh mixtures</b>, a new one
 *     for every clip slot of every step, synthesized from the corpus's training side
 *     ({@link #trainingCorpus()}) by the trainer's {@code MixtureSynthesizer} (SPEC §4).</li>
 * </ul>
 * With a corpus (the data itself, or the {@code corpus} the mixtures were made from) there are
 * also caption-audio pairs (the training side's event recordings, each with its caption) and a
 * {@link Vocabulary} of captions, paraphrases, tags and label groups. The training side is
 * {@link CorpusSplit#isTraining}: neither the recording's path nor its label group held out.
 *
 * <p>Audio is decoded at the encoder's sample rate, cut or zero-padded to one clip, and turned
 * into log-mel spectrograms by the encoder's front end; spectrograms are cached up to a memory
 * bound, since examples recur across steps and decoding costs more than a training step's
 * share of the encoder.
 */
final class TrainingData {

    /**
     * One example.
     *
     * @param id     mixture id or corpus path
     * @param audio  its audio file
     * @param texts  its captions, distinct
     * @param labels {@code [texts][F]} frame labels in {@code [0, 1]}, or null for a
     *               caption-audio pair (no frame labels: global losses only)
     */
    record Example(String id, Path audio, List<String> texts, float[][] labels) {
        boolean labelled() {
            return labels != null;
        }
    }

    private final List<Example> mixtures;
    private final List<Example> pairs;
    private final Vocabulary vocabulary;
    private final Corpus trainingCorpus;
    private final AudioEncoderSpec spec;
    private final LogMelFrontEnd frontEnd;
    private final String manifestSha256;
    private final Map<String, float[][]> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long cacheLimitBytes;

    /**
     * @param mixtures       fixed mixtures; empty with fresh ones
     * @param trainingCorpus the corpus's training side, the source of fresh mixtures, or null
     *                       for fixed mixtures only
     */
    TrainingData(List<Example> mixtures, List<Example> pairs, Vocabulary vocabulary, Corpus trainingCorpus,
            AudioEncoderSpec spec, String manifestSha256, long cacheLimitBytes) {
        if (mixtures.isEmpty() && pairs.isEmpty() && trainingCorpus == null) {
            throw new IllegalArgumentException("no training examples");
        }
        if (trainingCorpus != null && trainingCorpus.events().isEmpty()) {
            throw new IllegalArgumentException("the corpus's training side has no event recording to make mixtures of");
        }
        this.mixtures = List.copyOf(mixtures);
        this.pairs = List.copyOf(pairs);
        this.vocabulary = vocabulary;
        this.trainingCorpus = trainingCorpus;
        this.spec = spec;
        this.frontEnd = new LogMelFrontEnd(new LogMelSpec(spec.sampleRate(), spec.window(), spec.hop(),
                spec.mels(), spec.fminHz(), spec.fmaxHz()));
        this.manifestSha256 = manifestSha256;
        this.cacheLimitBytes = cacheLimitBytes;
    }

    /**
     * Reads the data: a mixtures directory (fixed mixtures; with {@code corpusTsv} also pairs
     * and the vocabulary), or a corpus (fresh mixtures, pairs and vocabulary; {@code corpusTsv}
     * must then be null or the same file).
     *
     * @param data                  a {@code flam synth} directory, a {@code corpus.tsv} or a
     *                              folder holding one
     * @param heldoutFraction       for a corpus: the held-out recording fraction (a mixtures
     *                              directory states its own)
     * @param zeroShotGroupFraction for a corpus: the held-out label-group fraction (likewise)
     * @throws IOException              if a file is missing or malformed (the message names it)
     * @throws IllegalArgumentException if the mixtures' frame grid does not match the encoder's
     */
    static TrainingData open(Path data, Path corpusTsv, AudioEncoderSpec spec, long cacheLimitBytes,
            double heldoutFraction, double zeroShotGroupFraction) throws IOException {
        Path manifest = data.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            return openMixtures(data, corpusTsv, spec, cacheLimitBytes);
        }
        Path corpusFile = Files.isDirectory(data) ? data.resolve("corpus.tsv") : data;
        if (!Files.isRegularFile(corpusFile)) {
            throw new IOException(data + " is neither a mixtures directory (no manifest.json) nor a corpus (no "
                    + "corpus.tsv): give a corpus for fresh mixtures (runtime/setup-corpus.sh builds one) or make "
                    + "fixed ones with flam synth --corpus CORPUS --out " + data + " --frames " + spec.framesPerClip());
        }
        if (corpusTsv != null && !Files.isSameFile(corpusTsv, corpusFile)) {
            throw new IllegalArgumentException("the data is the corpus " + corpusFile + " but the trainer's corpus is "
                    + corpusTsv + ": with fresh mixtures leave corpus empty or give the same file");
        }
        Corpus corpus = CorpusIndex.read(corpusFile);
        Corpus training = trainingSide(corpus, heldoutFraction, zeroShotGroupFraction);
        return new TrainingData(List.of(), pairs(training), Vocabulary.of(training.entries(), List.of()), training,
                spec, CorpusIndex.sha256(corpusFile), cacheLimitBytes);
    }

    private static TrainingData openMixtures(Path mixturesDir, Path corpusTsv, AudioEncoderSpec spec,
            long cacheLimitBytes) throws IOException {
        Path manifest = mixturesDir.resolve("manifest.json");
        JsonObject m = ModelDirectory.readObject(manifest);
        JsonObject parameters = m.getJsonObject("parameters");
        double heldoutFraction = parameters.getJsonNumber("heldoutFraction").doubleValue();
        double zeroShotGroupFraction = parameters.containsKey("zeroShotGroupFraction")
                ? parameters.getJsonNumber("zeroShotGroupFraction").doubleValue() : 0.0;
        int frames = m.getJsonObject("grid").getInt("frameCount");
        if (frames % spec.framesPerClip() != 0) {
            throw new IllegalArgumentException(mixturesDir + " has " + frames + " label frames per clip, which do not "
                    + "pool to the encoder's " + spec.framesPerClip() + "; synthesize with --frames " + spec.framesPerClip());
        }
        List<Example> mixtures = new ArrayList<>();
        Set<String> captions = new LinkedHashSet<>();
        Path audioDir = mixturesDir.resolve("audio");
        try (Stream<Path> files = Files.list(audioDir)) {
            for (Path wav : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                String name = wav.getFileName().toString();
                String id = name.substring(0, name.length() - 4);
                Path labels = mixturesDir.resolve("frames").resolve(id + ".tsv");
                if (!Files.isRegularFile(labels)) {
                    continue; // a mixture whose writing was interrupted; synth completes it on a rerun
                }
                FrameScores scores = SedFiles.readScores(labels);
                float[][] columns = new float[scores.labels().size()][];
                for (int k = 0; k < columns.length; k++) {
                    columns[k] = maxPool(scores.column(scores.labels().get(k)), spec.framesPerClip());
                }
                mixtures.add(new Example(id, wav, scores.labels(), columns));
                captions.addAll(scores.labels());
            }
        }
        if (mixtures.isEmpty()) {
            throw new IOException(mixturesDir + " holds no complete mixture (audio/ID.wav with frames/ID.tsv)");
        }
        List<Example> pairs = List.of();
        List<CorpusEntry> training = List.of();
        if (corpusTsv != null) {
            Corpus side = trainingSide(CorpusIndex.read(corpusTsv), heldoutFraction, zeroShotGroupFraction);
            pairs = pairs(side);
            training = side.entries();
        }
        return new TrainingData(mixtures, pairs, Vocabulary.of(training, captions), null, spec,
                CorpusIndex.sha256(manifest), cacheLimitBytes);
    }

    /** The corpus restricted to {@link CorpusSplit#isTraining} recordings, in corpus order. */
    static Corpus trainingSide(Corpus corpus, double heldoutFraction, double zeroShotGroupFraction) {
        List<CorpusEntry> kept = corpus.entries().stream()
                .filter(e -> CorpusSplit.isTraining(e, heldoutFraction, zeroShotGroupFraction)).toList();
        return new Corpus(corpus.root(), kept);
    }

    /** Caption-audio pairs: every event recording of the training side with its caption. */
    private static List<Example> pairs(Corpus training) {
        List<Example> pairs = new ArrayList<>();
        for (CorpusEntry e : training.events()) {
            pairs.add(new Example(e.path(), training.resolve(e), List.of(e.caption().text()), null));
        }
        return pairs;
    }

    /** Max-pools {@code values} (length a multiple of {@code frames}) to {@code frames} values. */
    static float[] maxPool(float[] values, int frames) {
        if (values.length == frames) {
            return values;
        }
        int r = values.length / frames;
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            float max = 0;
            for (int j = 0; j < r; j++) {
                max = Math.max(max, values[f * r + j]);
            }
            out[f] = max;
        }
        return out;
    }

    List<Example> mixtures() {
        return mixtures;
    }

    List<Example> pairs() {
        return pairs;
    }

    /** Captions, paraphrases, tags and label groups of the training texts. */
    Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Whether every mixture is synthesized fresh from {@link #trainingCorpus()}. */
    boolean freshMixtures() {
        return trainingCorpus != null;
    }

    /** The corpus's training side, or null with fixed mixtures. */
    Corpus trainingCorpus() {
        return trainingCorpus;
    }

    /** SHA-256 of the mixtures' manifest or of the corpus file: the data hash of the model manifest. */
    String manifestSha256() {
        return manifestSha256;
    }

    AudioEncoderSpec spec() {
        return spec;
    }

    /** The example's samples at the encoder's rate, exactly one clip (cut or zero-padded). */
    float[] samples(Example e) throws IOException {
        float[] s = AudioReader.read(e.audio(), spec.sampleRate()).samples();
        return s.length == spec.samplesPerClip() ? s : Arrays.copyOf(s, spec.samplesPerClip());
    }

    /** Log-mel {@code [mels][melFrames]} of samples by the encoder's front end. */
    float[][] logMel(float[] samples) {
        return frontEnd.compute(samples);
    }

    /** The example's log-mel spectrogram; the caller must not modify it (it may be cached). */
    float[][] logMel(Example e) throws IOException {
        float[][] hit = cache.get(e.id());
        if (hit != null) {
            return hit;
        }
        float[][] computed = logMel(samples(e));
        long bytes = (long) computed.length * computed[0].length * Float.BYTES;
        if (cachedBytes.addAndGet(bytes) <= cacheLimitBytes) {
            cache.putIfAbsent(e.id(), computed);
        } else {
            cachedBytes.addAndGet(-bytes);
        }
        return computed;
    }
}
