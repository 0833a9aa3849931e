package org.flam.train.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * The examples of a training run, read once: the frame-labelled mixtures of a {@code flam synth}
 * directory and, with a corpus, caption-audio pairs (the corpus's event recordings outside the
 * held-out split, each with its caption) and the tags of every caption.
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
    private final Map<String, List<String>> tags;
    private final AudioEncoderSpec spec;
    private final LogMelFrontEnd frontEnd;
    private final String manifestSha256;
    private final Map<String, float[][]> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long cacheLimitBytes;

    TrainingData(List<Example> mixtures, List<Example> pairs, Map<String, List<String>> tags,
            AudioEncoderSpec spec, String manifestSha256, long cacheLimitBytes) {
        if (mixtures.isEmpty() && pairs.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        this.mixtures = List.copyOf(mixtures);
        this.pairs = List.copyOf(pairs);
        this.tags = Map.copyOf(tags);
        this.spec = spec;
        this.frontEnd = new LogMelFrontEnd(new LogMelSpec(spec.sampleRate(), spec.window(), spec.hop(),
                spec.mels(), spec.fminHz(), spec.fmaxHz()));
        this.manifestSha256 = manifestSha256;
        this.cacheLimitBytes = cacheLimitBytes;
    }

    /**
     * Reads a mixtures directory and, if {@code corpusTsv} is not null, its corpus.
     *
     * @throws IOException              if a file is missing or malformed (the message names it)
     * @throws IllegalArgumentException if the mixtures' frame grid does not match the encoder's
     */
    static TrainingData open(Path mixturesDir, Path corpusTsv, AudioEncoderSpec spec, long cacheLimitBytes)
            throws IOException {
        Path manifest = mixturesDir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(mixturesDir + " is not a mixtures directory (no manifest.json): make one with "
                    + "flam synth --corpus CORPUS --out " + mixturesDir + " --count N --frames " + spec.framesPerClip());
        }
        JsonObject m = ModelDirectory.readObject(manifest);
        double heldoutFraction = m.getJsonObject("parameters").getJsonNumber("heldoutFraction").doubleValue();
        int frames = m.getJsonObject("grid").getInt("frameCount");
        if (frames % spec.framesPerClip() != 0) {
            throw new IllegalArgumentException(mixturesDir + " has " + frames + " label frames per clip, which do not "
                    + "pool to the encoder's " + spec.framesPerClip() + "; synthesize with --frames " + spec.framesPerClip());
        }
        List<Example> mixtures = new ArrayList<>();
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
            }
        }
        if (mixtures.isEmpty()) {
            throw new IOException(mixturesDir + " holds no complete mixture (audio/ID.wav with frames/ID.tsv)");
        }
        List<Example> pairs = new ArrayList<>();
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        if (corpusTsv != null) {
            Corpus corpus = CorpusIndex.read(corpusTsv);
            for (CorpusEntry e : corpus.entries()) {
                tags.computeIfAbsent(e.caption().text(), c -> new LinkedHashSet<>()).addAll(e.caption().tags());
                if (e.kind() == CorpusEntry.Kind.EVENT && !CorpusSplit.isHeldout(e.path(), heldoutFraction)) {
                    pairs.add(new Example(e.path(), corpus.resolve(e), List.of(e.caption().text()), null));
                }
            }
        }
        Map<String, List<String>> tagLists = new LinkedHashMap<>();
        tags.forEach((caption, t) -> {
            List<String> clean = t.stream().filter(x -> !x.isBlank() && !x.equals(caption)).toList();
            if (!clean.isEmpty()) {
                tagLists.put(caption, clean);
            }
        });
        return new TrainingData(mixtures, pairs, tagLists, spec, CorpusIndex.sha256(manifest), cacheLimitBytes);
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

    /** Tags of a caption, excluding the caption itself; empty if none. */
    List<String> tags(String caption) {
        return tags.getOrDefault(caption, Collections.emptyList());
    }

    /** Every text a batch can hold: captions and tags. */
    Set<String> vocabulary() {
        Set<String> all = new LinkedHashSet<>();
        for (Example e : mixtures) {
            all.addAll(e.texts());
        }
        for (Example e : pairs) {
            all.addAll(e.texts());
        }
        tags.values().forEach(all::addAll);
        return all;
    }

    /** SHA-256 of the mixtures' manifest: the data hash of the model manifest. */
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
