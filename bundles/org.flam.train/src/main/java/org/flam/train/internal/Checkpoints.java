package org.flam.train.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.flam.api.ModelManifest;
import org.flam.data.corpus.CorpusIndex;
import org.flam.model.ModelDirectory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Checkpoints of a run under {@code MODEL/checkpoints/step-NNNNNNNN/}: {@code weights.bin}
 * (every parameter by name), {@code adam.bin} (the optimiser's moments), {@code manifest.json}
 * and {@code state.json} (step, configuration hash, loss terms and the SHA-256 of both binary
 * files).
 *
 * <p>A checkpoint is written into a hidden {@code .step-NNNNNNNN.partial} directory, every file
 * forced to disk, and renamed into place in one atomic step, so a run killed at any moment
 * leaves complete checkpoints and at most one partial directory, which the next write
 * removes. Reading takes the newest checkpoint whose files match their recorded hashes and
 * skips (with a warning) any that do not.
 */
final class Checkpoints {

    static final String WEIGHTS = "weights.bin";
    static final String ADAM = "adam.bin";
    static final String STATE = "state.json";

    private final Path dir;
    private final int keep;

    /** A checkpoint read back. */
    record Loaded(long step, Path dir, String configurationHash, Map<String, Double> lossTerms) {
    }

    Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    Path directory() {
        return dir;
    }

    /** Writes the checkpoint of {@code step} atomically and prunes older ones beyond {@code keep}. */
    void write(long step, Map<String, INDArray> parameters, Adam adam, ModelManifest manifest,
            String configurationHash, Map<String, Double> lossTerms) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("step-%08d", step);
        Path partial = dir.resolve("." + name + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        ModelDirectory.writeAtomically(partial.resolve(WEIGHTS), out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            writeArrays(data, parameters);
            data.flush();
        });
        ModelDirectory.writeAtomically(partial.resolve(ADAM), out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            adam.write(data);
            data.flush();
        });
        ModelDirectory.writeManifest(partial.resolve(ModelDirectory.MANIFEST), manifest);
        JsonObjectBuilder terms = Json.createObjectBuilder();
        lossTerms.forEach(terms::add);
        JsonObject state = Json.createObjectBuilder()
                .add("step", step)
                .add("configurationHash", configurationHash)
                .add("lossTerms", terms)
                .add("sha256", Json.createObjectBuilder()
                        .add(WEIGHTS, CorpusIndex.sha256(partial.resolve(WEIGHTS)))
                        .add(ADAM, CorpusIndex.sha256(partial.resolve(ADAM))))
                .build();
        ModelDirectory.writeAtomically(partial.resolve(STATE), ModelDirectory.toJson(state));
        Path target = dir.resolve(name);
        deleteTree(target);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target);
        }
        List<Path> all = complete();
        for (int i = keep; i < all.size(); i++) {
            deleteTree(all.get(i));
        }
    }

    /** Checkpoint directories, newest first (by step in the name). */
    private List<Path> complete() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}") && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
    }

    /** Whether any checkpoint directory exists (valid or not). */
    boolean any() throws IOException {
        return !complete().isEmpty();
    }

    /** The newest valid checkpoint, skipping damaged ones with a warning to {@code warn}. */
    Optional<Loaded> latest(Consumer<String> warn) throws IOException {
        for (Path p : complete()) {
            try {
                JsonObject state = ModelDirectory.readObject(p.resolve(STATE));
                JsonObject sha = state.getJsonObject("sha256");
                for (String f : List.of(WEIGHTS, ADAM)) {
                    String actual = CorpusIndex.sha256(p.resolve(f));
                    if (!actual.equals(sha.getString(f))) {
                        throw new IOException(f + " does not match its recorded SHA-256");
                    }
                }
                Map<String, Double> terms = new LinkedHashMap<>();
                state.getJsonObject("lossTerms").forEach((k, v) -> terms.put(k,
                        ((jakarta.json.JsonNumber) v).doubleValue()));
                return Optional.of(new Loaded(state.getJsonNumber("step").longValueExact(), p,
                        state.getString("configurationHash"), terms));
            } catch (IOException | RuntimeException e) {
                warn.accept("skipping damaged checkpoint " + p + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Writes named arrays: count, then name and array each. */
    static void writeArrays(DataOutputStream out, Map<String, INDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), out);
        }
    }

    /** Reads what {@link #writeArrays} wrote. */
    static Map<String, INDArray> readArrays(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            int n = data.readInt();
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = data.readUTF();
                out.put(name, Nd4j.read(data));
            }
            return out;
        }
    }

    /** Restores the optimiser from a checkpoint. */
    static void readAdam(Path checkpoint, Adam adam, List<String> parameters) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(checkpoint.resolve(ADAM)), 1 << 16)) {
            adam.read(new DataInputStream(in), parameters);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
