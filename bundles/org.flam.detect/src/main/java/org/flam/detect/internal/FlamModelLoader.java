package org.flam.detect.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.flam.api.FlamProperties;
import org.flam.api.ModelManifest;
import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.api.graph.GraphBackend;
import org.flam.api.spi.TextEncoder;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link ModelLoader}: checks a model directory's needs against the assembly, then loads
 * its graph. Loaded models are cached by directory.
 *
 * <p>Checks, in order, each failing with a message that names what is missing: the directory
 * holds {@code model.json}, {@code manifest.json} and {@code model.sd}; every bundle in
 * {@code model.json}'s {@code requires} is installed (bundles the manifest records in another
 * version are reported as a warning, not an error); a {@link TextEncoder} with the model's
 * {@code flam.name} is registered and has the model's feature size.
 */
@Component(service = ModelLoader.class, configurationPid = FlamModelLoader.PID)
@Designate(ocd = FlamModelLoaderConfiguration.class)
public final class FlamModelLoader implements ModelLoader {

    static final String PID = "org.flam.detect";

    private final FlamModelLoaderConfiguration config;
    private final GraphBackend backend;
    private final List<Map.Entry<Map<String, Object>, TextEncoder>> textEncoders;
    private final Map<String, String> installed;
    private final Map<Path, FlamDetector> loaded = new ConcurrentHashMap<>();
    private final Consumer<String> warnings;

    @Activate
    public FlamModelLoader(FlamModelLoaderConfiguration config, BundleContext context, @Reference GraphBackend backend,
            @Reference(name = "textEncoders", service = TextEncoder.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policyOption = ReferencePolicyOption.GREEDY) List<Map.Entry<Map<String, Object>, TextEncoder>> textEncoders,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this(config, backend, textEncoders, installedBundles(context), logger::warn);
    }

    /**
     * @param warnings where warnings go (the OSGi log service in a framework: the user's
     *                 terminal or a product's log, as the assembly routes it)
     */
    FlamModelLoader(FlamModelLoaderConfiguration config, GraphBackend backend,
            List<Map.Entry<Map<String, Object>, TextEncoder>> textEncoders, Map<String, String> installed,
            Consumer<String> warnings) {
        this.warnings = warnings;
        this.config = config;
        this.backend = backend;
        this.textEncoders = List.copyOf(textEncoders);
        this.installed = Map.copyOf(installed);
    }

    private static Map<String, String> installedBundles(BundleContext context) {
        Map<String, String> m = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null) {
                m.put(b.getSymbolicName(), b.getVersion().toString());
            }
        }
        return m;
    }

    @Override
    public Detector loadDefault() throws IOException {
        String configured = config.defaultModel();
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("no default model is configured (org.flam.detect defaultModel)");
        }
        Path p = Path.of(configured);
        if (!p.isAbsolute()) {
            String home = System.getProperty("flam.home");
            p = (home != null ? Path.of(home) : Path.of("")).resolve(p);
        }
        return load(p);
    }

    @Override
    public Detector load(Path modelDirectory) throws IOException {
        Path key = modelDirectory.toAbsolutePath().normalize();
        FlamDetector cached = loaded.get(key);
        if (cached != null) {
            return cached;
        }
        FlamDetector d = open(key);
        FlamDetector raced = loaded.putIfAbsent(key, d);
        return raced != null ? raced : d;
    }

    /**
     * The graph's inputs against the description: {@code log_mel [?, mels, melFrames]} and
     * {@code text_features [?, textDimension]}, so an edited {@code model.json} (say 128 mels
     * for a 64-mel graph) fails here instead of feeding the graph features it was not made for.
     */
    static void checkShapes(Path dir, SameDiff graph, ModelDescription description) {
        var spec = description.encoderSpec();
        checkShape(dir, graph, ModelDescription.LOG_MEL, new long[] {-1, spec.mels(), spec.melFrames()},
                "mels and time frames of the encoder spec");
        checkShape(dir, graph, ModelDescription.TEXT_FEATURES, new long[] {-1, description.textDimension()},
                "the text encoder's dimension");
    }

    private static void checkShape(Path dir, SameDiff graph, String input, long[] described, String what) {
        if (!graph.hasVariable(input)) {
            throw new IllegalStateException("the model " + dir + " has no graph input " + input);
        }
        long[] shape = graph.getVariable(input).getShape();
        boolean ok = shape != null && shape.length == described.length;
        for (int i = 1; ok && i < described.length; i++) {
            ok = shape[i] == described[i];
        }
        if (!ok) {
            throw new IllegalStateException("the model " + dir + " does not match its " + ModelDirectory.DESCRIPTION
                    + ": the graph's " + input + " is " + java.util.Arrays.toString(shape) + ", the description ("
                    + what + ") says " + java.util.Arrays.toString(described) + " (-1: any)");
        }
    }

    /** Loads without the cache. */
    FlamDetector open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no such model directory");
        }
        ModelDirectory model = new ModelDirectory(dir);
        // Before anything is parsed: a flipped byte in the weights would otherwise load
        // silently and detect other events.
        if (!model.verifyChecksums()) {
            warnings.accept("the model " + dir + " has no " + ModelDirectory.CHECKSUMS
                    + ": its files cannot be verified (write one with: sha256sum model.sd model.json manifest.json > "
                    + ModelDirectory.CHECKSUMS + ")");
        }
        ModelDescription description = model.readDescription();
        ModelManifest manifest = model.readManifest();
        List<String> missing = new ArrayList<>();
        for (String bsn : description.requires()) {
            if (!installed.containsKey(bsn)) {
                String version = manifest.bundle(bsn).map(ModelManifest.BundleRef::version).orElse("any version");
                missing.add(bsn + " " + version);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the model " + dir + " needs bundles this assembly lacks: "
                    + String.join(", ", missing) + " (add them to the assembly's .bndrun)");
        }
        List<String> mismatched = manifest.versionMismatches(installed);
        if (!mismatched.isEmpty()) {
            warnings.accept("the model " + dir + " was trained with other versions of " + mismatched);
        }
        TextEncoder text = textEncoders.stream()
                .filter(e -> description.textEncoder().equals(String.valueOf(e.getKey().get(FlamProperties.NAME))))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model " + dir + " needs the text encoder flam.name="
                        + description.textEncoder() + ", which is not running in this assembly (available: "
                        + textEncoders.stream().map(e -> String.valueOf(e.getKey().get(FlamProperties.NAME))).toList()
                        + ")"));
        if (text.dimension() != description.textDimension()) {
            throw new IllegalStateException("the model " + dir + " takes " + description.textDimension()
                    + "-dimensional text features but the text encoder " + description.textEncoder() + " gives "
                    + text.dimension());
        }
        if (!Files.isRegularFile(model.graphFile())) {
            throw new java.nio.file.NoSuchFileException(model.graphFile().toString(), null, "the model's graph is missing");
        }
        SameDiff graph = backend.load(model.graphFile(), false);
        checkShapes(dir, graph, description);
        return new FlamDetector(graph, description, manifest, text, config.windowOverlap(), config.windowBatch(),
                config.textCacheSize());
    }
}
