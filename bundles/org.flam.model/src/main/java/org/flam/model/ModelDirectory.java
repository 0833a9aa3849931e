package org.flam.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.ModelManifest;
import org.flam.api.graph.AudioEncoderSpec;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

/**
 * A trained model directory (DESIGN.md):
 *
 * <pre>
 * MODEL/manifest.json   bundles, component configurations, seed, data hash ({@link ModelManifest})
 * MODEL/model.json      encoder spec, embedding size, text encoder, needed bundles ({@link ModelDescription})
 * MODEL/model.sd        the SameDiff graph with its weights
 * MODEL/SHA256SUMS      SHA-256 of the three files, in the format of {@code sha256sum} (verify: {@code sha256sum -c SHA256SUMS})
 * </pre>
 *
 * <p>Every file is written atomically: to a temporary file in the same directory, forced to
 * disk, then renamed over the target, so a reader sees the old file or the new one, never a
 * half-written one.
 *
 * @param path the directory
 */
public record ModelDirectory(Path path) {

    /** File name of the manifest. */
    public static final String MANIFEST = "manifest.json";
    /** File name of the description. */
    public static final String DESCRIPTION = "model.json";
    /** File name of the graph with weights ({@code SameDiff.save(file, false)}). */
    public static final String GRAPH = "model.sd";
    /**
     * File name of the checksums: one line {@code <64 hex digits><two spaces><file name>} per
     * model file, what GNU {@code sha256sum} writes and {@code sha256sum -c} checks.
     */
    public static final String CHECKSUMS = "SHA256SUMS";
    /** The files the checksums cover, in the order written. */
    private static final List<String> CHECKED = List.of(GRAPH, DESCRIPTION, MANIFEST);

    /** Validates. */
    public ModelDirectory {
        Objects.requireNonNull(path, "path");
    }

    /** {@code path/manifest.json}. */
    public Path manifestFile() {
        return path.resolve(MANIFEST);
    }

    /** {@code path/model.json}. */
    public Path descriptionFile() {
        return path.resolve(DESCRIPTION);
    }

    /** {@code path/model.sd}. */
    public Path graphFile() {
        return path.resolve(GRAPH);
    }

    /** {@code path/SHA256SUMS}. */
    public Path checksumsFile() {
        return path.resolve(CHECKSUMS);
    }

    /**
     * Writes {@code SHA256SUMS} for the graph, description and manifest as they are now: call
     * it after the last of them is written.
     *
     * @throws IOException if a file is missing or cannot be read
     */
    public void writeChecksums() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String name : CHECKED) {
            b.append(sha256(path.resolve(name))).append("  ").append(name).append('\n');
        }
        writeAtomically(checksumsFile(), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks the model's files against {@code SHA256SUMS}.
     *
     * @return false when there is no {@code SHA256SUMS} (a model written before checksums
     *         were recorded: nothing can be verified); true when every file matches
     * @throws IOException if {@code SHA256SUMS} is malformed or does not cover a model file,
     *                     or a file is missing or differs (the message names the file: it was
     *                     damaged or changed after the model was written)
     */
    public boolean verifyChecksums() throws IOException {
        Path sums = checksumsFile();
        if (!Files.exists(sums)) {
            return false;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        int line = 0;
        for (String l : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            // sha256sum writes "HASH  NAME" (text mode) or "HASH *NAME" (binary mode).
            if (!l.matches("[0-9a-fA-F]{64} [ *].+")) {
                throw new IOException(sums + " line " + line + ": not \"<sha256>  <file>\": " + l);
            }
            expected.put(l.substring(66), l.substring(0, 64).toLowerCase(java.util.Locale.ROOT));
        }
        for (String name : CHECKED) {
            String want = expected.get(name);
            if (want == null) {
                throw new IOException(sums + " has no checksum for " + name);
            }
            Path file = path.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "listed in " + CHECKSUMS + " but missing");
            }
            String got = sha256(file);
            if (!got.equals(want)) {
                throw new IOException(file + " does not match its checksum in " + CHECKSUMS + " (SHA-256 " + got
                        + ", recorded " + want + "): the file was damaged or changed after the model was written");
            }
        }
        return true;
    }

    /** Lower-case hex SHA-256 of a file, read in 1 MiB blocks. */
    static String sha256(Path file) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Whether the three files of a complete model exist. */
    public boolean isComplete() {
        return Files.isRegularFile(manifestFile()) && Files.isRegularFile(descriptionFile())
                && Files.isRegularFile(graphFile());
    }

    /**
     * Reads {@code model.json}.
     *
     * @throws IOException if it is missing (the message says this is no model directory) or
     *                     not a valid description (the message names the file and the problem)
     */
    public ModelDescription readDescription() throws IOException {
        JsonObject o = readObject(descriptionFile());
        String format = o.getString("format", "(none)");
        if (!ModelDescription.FORMAT.equals(format)) {
            throw new IOException(descriptionFile() + ": format '" + format + "', this version reads "
                    + ModelDescription.FORMAT);
        }
        try {
            JsonObject e = o.getJsonObject("encoder");
            JsonObject s = e.getJsonObject("spec");
            AudioEncoderSpec spec = new AudioEncoderSpec(s.getInt("sampleRate"), s.getInt("window"),
                    s.getInt("hop"), s.getInt("mels"), s.getJsonNumber("fminHz").doubleValue(),
                    s.getJsonNumber("fmaxHz").doubleValue(), s.getJsonNumber("clipSeconds").doubleValue(),
                    s.getInt("framesPerClip"), s.getInt("featureSize"));
            JsonObject h = o.getJsonObject("heads");
            JsonObject t = o.getJsonObject("textEncoder");
            return new ModelDescription(o.getString("format"), e.getString("name"), spec,
                    h.getString("name"), h.getInt("embeddingSize"), t.getString("name"),
                    t.getInt("dimension"), strings(o.getJsonArray("losses")),
                    strings(o.getJsonArray("requires")));
        } catch (NullPointerException | ClassCastException | JsonException | IllegalArgumentException ex) {
            throw new IOException(descriptionFile() + ": not a valid model description: " + ex.getMessage(), ex);
        }
    }

    /** Writes {@code model.json} atomically. */
    public void writeDescription(ModelDescription d) throws IOException {
        AudioEncoderSpec s = d.encoderSpec();
        JsonObject o = Json.createObjectBuilder()
                .add("format", d.format())
                .add("encoder", Json.createObjectBuilder().add("name", d.encoder())
                        .add("spec", Json.createObjectBuilder()
                                .add("sampleRate", s.sampleRate()).add("window", s.window())
                                .add("hop", s.hop()).add("mels", s.mels()).add("fminHz", s.fminHz())
                                .add("fmaxHz", s.fmaxHz()).add("clipSeconds", s.clipSeconds())
                                .add("framesPerClip", s.framesPerClip()).add("featureSize", s.featureSize())
                                .add("framesPerSecond", s.framesPerSecond())))
                .add("heads", Json.createObjectBuilder().add("name", d.heads()).add("embeddingSize", d.embeddingSize()))
                .add("textEncoder", Json.createObjectBuilder().add("name", d.textEncoder())
                        .add("dimension", d.textDimension()))
                .add("losses", array(d.losses()))
                .add("requires", array(d.requires()))
                .add("graph", Json.createObjectBuilder().add("file", GRAPH)
                        .add("inputs", Json.createObjectBuilder()
                                .add("logMel", ModelDescription.LOG_MEL + " [W, mels, time] float32 dB")
                                .add("textFeatures", ModelDescription.TEXT_FEATURES + " [K, H_t] float32"))
                        .add("outputs", Json.createObjectBuilder()
                                .add("frameEmbeddings", ModelDescription.FRAME_EMBEDDINGS + " [W, F, D]")
                                .add("globalEmbeddings", ModelDescription.GLOBAL_EMBEDDINGS + " [W, D]")
                                .add("textEmbeddings", ModelDescription.TEXT_EMBEDDINGS + " [K, D]")
                                .add("logitScale", ModelDescription.LOGIT_SCALE + " [K]")
                                .add("logitBias", ModelDescription.LOGIT_BIAS + " [K]")))
                .build();
        writeAtomically(descriptionFile(), toJson(o));
    }

    /** Reads {@code manifest.json}; see {@link #readDescription()} for errors. */
    public ModelManifest readManifest() throws IOException {
        return readManifest(manifestFile());
    }

    /** Writes {@code manifest.json} atomically. */
    public void writeManifest(ModelManifest m) throws IOException {
        writeManifest(manifestFile(), m);
    }

    /** Reads a manifest from any file (checkpoints keep one too). */
    public static ModelManifest readManifest(Path file) throws IOException {
        JsonObject o = readObject(file);
        try {
            List<ModelManifest.BundleRef> bundles = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("bundles")) {
                JsonObject b = v.asJsonObject();
                bundles.add(new ModelManifest.BundleRef(b.getString("symbolicName"), b.getString("version")));
            }
            Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> c : o.getJsonObject("configurations").entrySet()) {
                Map<String, Object> props = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> p : c.getValue().asJsonObject().entrySet()) {
                    props.put(p.getKey(), fromJson(p.getValue()));
                }
                configurations.put(c.getKey(), props);
            }
            return new ModelManifest(bundles, configurations, o.getJsonNumber("seed").longValueExact(),
                    o.getString("dataManifestHash"), Instant.parse(o.getString("createdAt")),
                    o.getString("notes", ""));
        } catch (NullPointerException | ClassCastException | JsonException | IllegalArgumentException
                | ArithmeticException | java.time.format.DateTimeParseException ex) {
            throw new IOException(file + ": not a valid model manifest: " + ex.getMessage(), ex);
        }
    }

    /** Writes a manifest to any file, atomically. */
    public static void writeManifest(Path file, ModelManifest m) throws IOException {
        JsonArrayBuilder bundles = Json.createArrayBuilder();
        for (ModelManifest.BundleRef b : m.bundles()) {
            bundles.add(Json.createObjectBuilder().add("symbolicName", b.symbolicName()).add("version", b.version()));
        }
        JsonObjectBuilder configurations = Json.createObjectBuilder();
        m.configurations().forEach((pid, props) -> {
            JsonObjectBuilder p = Json.createObjectBuilder();
            props.forEach((k, v) -> p.add(k, toJsonValue(v)));
            configurations.add(pid, p);
        });
        JsonObject o = Json.createObjectBuilder()
                .add("bundles", bundles)
                .add("configurations", configurations)
                .add("seed", m.seed())
                .add("dataManifestHash", m.dataManifestHash())
                .add("createdAt", m.createdAt().toString())
                .add("notes", m.notes())
                .build();
        writeAtomically(file, toJson(o));
    }

    /**
     * Writes {@code bytes} to {@code target} atomically: a temporary file beside it, forced to
     * the device, renamed over the target.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, out -> out.write(bytes));
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically from a stream writer (large files such as graphs): a temporary
     * file beside the target, forced to the device, renamed over it. On failure the temporary
     * file is removed and the target is untouched.
     */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stay on the model's files.
        Path tmp = dir.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Pretty-printed UTF-8 JSON with a final newline. */
    public static byte[] toJson(JsonObject o) {
        JsonWriterFactory f = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter w = new StringWriter();
        try (JsonWriter writer = f.createWriter(w)) {
            writer.write(o);
        }
        return (w.toString().strip() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a JSON object from a file, with the file's name in every error. */
    public static JsonObject readObject(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "missing: not a FLAM model directory, or an incomplete one");
        }
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : a) {
            out.add(((JsonString) v).getString());
        }
        return out;
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        values.forEach(b::add);
        return b;
    }

    private static JsonValue toJsonValue(Object v) {
        if (v instanceof String s) {
            return Json.createValue(s);
        } else if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (v instanceof Character c) {
            return Json.createValue(c.toString());
        } else if (v instanceof Double || v instanceof Float) {
            return Json.createValue(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            return Json.createValue(n.longValue());
        } else if (v instanceof Collection<?> c) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            c.forEach(x -> b.add(toJsonValue(x)));
            return b.build();
        }
        throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " to a manifest");
    }

    private static Object fromJson(JsonValue v) {
        switch (v.getValueType()) {
            case STRING:
                return ((JsonString) v).getString();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case NUMBER:
                JsonNumber n = (JsonNumber) v;
                BigDecimal d = n.bigDecimalValue();
                return n.isIntegral() ? (Object) d.longValueExact() : (Object) d.doubleValue();
            case ARRAY:
                List<Object> list = new ArrayList<>();
                v.asJsonArray().forEach(x -> list.add(fromJson(x)));
                return list;
            default:
                throw new IllegalArgumentException("unsupported manifest value " + v);
        }
    }

}
