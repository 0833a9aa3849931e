package org.flam.train.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.flam.api.FlamProperties;
import org.flam.api.ModelManifest;
import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.Loss;
import org.flam.api.graph.ModelHeads;
import org.flam.api.spi.Augmenter;
import org.flam.api.spi.MixtureSynthesizer;
import org.flam.api.spi.TextEncoder;
import org.flam.api.train.Trainer;
import org.flam.api.train.TrainingProgress;
import org.flam.api.train.TrainingRequest;
import org.flam.api.train.TrainingResult;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link Trainer}: SPEC §5 on the configured services. See the bundle README for the data
 * layout, the step and the files written.
 */
@Component(service = Trainer.class, configurationPid = FlamTrainer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FlamTrainerConfiguration.class)
public final class FlamTrainer implements Trainer {

    static final String PID = "org.flam.train";
    /** Service properties that say nothing about a component's configuration. */
    private static final List<String> NOT_CONFIGURATION = List.of("objectClass", "service.id", "service.bundleid",
            "service.scope", "component.id", "service.changecount", TrainCommand.JOB);

    private final FlamTrainerConfiguration config;
    private final Map<String, Object> properties;
    private final GraphBackend backend;
    private final Map.Entry<Map<String, Object>, AudioEncoder> encoder;
    private final Map.Entry<Map<String, Object>, ModelHeads> heads;
    private final List<Map.Entry<Map<String, Object>, Loss>> losses;
    private final Map.Entry<Map<String, Object>, TextEncoder> textEncoder;
    private final List<Map.Entry<Map<String, Object>, Augmenter>> augmenters;
    private final Map.Entry<Map<String, Object>, MixtureSynthesizer> synthesizer;

    @Activate
    public FlamTrainer(FlamTrainerConfiguration config, Map<String, Object> properties,
            @Reference GraphBackend backend,
            @Reference(name = "encoder", service = AudioEncoder.class) Map.Entry<Map<String, Object>, AudioEncoder> encoder,
            @Reference(name = "heads", service = ModelHeads.class) Map.Entry<Map<String, Object>, ModelHeads> heads,
            @Reference(name = "losses", service = Loss.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
                    policyOption = ReferencePolicyOption.GREEDY) List<Map.Entry<Map<String, Object>, Loss>> losses,
            @Reference(name = "textEncoder", service = TextEncoder.class) Map.Entry<Map<String, Object>, TextEncoder> textEncoder,
            @Reference(name = "augmenters", service = Augmenter.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policyOption = ReferencePolicyOption.GREEDY) List<Map.Entry<Map<String, Object>, Augmenter>> augmenters,
            @Reference(name = "synthesizer", service = MixtureSynthesizer.class,
                    cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Map.Entry<Map<String, Object>, MixtureSynthesizer> synthesizer) {
        this.config = config;
        this.properties = Map.copyOf(properties);
        this.backend = backend;
        this.encoder = encoder;
        this.heads = heads;
        this.losses = List.copyOf(losses);
        this.textEncoder = textEncoder;
        this.augmenters = List.copyOf(augmenters);
        this.synthesizer = synthesizer;
    }

    @Override
    public TrainingResult train(TrainingRequest request, Consumer<TrainingProgress> progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        ModelDirectory model = new ModelDirectory(request.modelDirectory());
        Checkpoints checkpoints = new Checkpoints(request.modelDirectory().resolve("checkpoints"),
                config.keepCheckpoints());
        if (!request.resume() && (model.isComplete() || checkpoints.any())) {
            throw new IllegalArgumentException(request.modelDirectory() + " already holds "
                    + (model.isComplete() ? "a trained model" : "checkpoints")
                    + "; resume it (--resume) or choose another directory");
        }
        Consumer<String> warn = message -> System.err.println("train: " + message);
        AudioEncoder audio = encoder.getValue();
        TextEncoder text = textEncoder.getValue();
        Path corpus = config.corpus().isBlank() ? null : Path.of(config.corpus());
        if (corpus == null) {
            warn.accept("no corpus configured: mixtures only, no caption-audio pairs, no tag replacement");
        }
        TrainingData data = TrainingData.open(request.dataDirectory(), corpus, audio.spec(),
                (long) config.cacheMegabytes() << 20, config.heldoutFraction(), config.zeroShotGroupFraction());
        List<Augmenter> augment = augmenters.stream().map(Map.Entry::getValue).toList();
        BatchBuilder batches = new BatchBuilder(data, text, synthesizer == null ? null : synthesizer.getValue(), augment,
                request.batchSize(), config.textSlotsPerClip(), config.pairFraction(),
                config.tagReplacementProbability(), config.vocabularyNegatives(), config.hardNegativeFraction());
        Vocabulary vocabulary = data.vocabulary();
        warn.accept((data.freshMixtures() ? "fresh mixtures from " + data.trainingCorpus().entries().size()
                + " training recordings" : data.mixtures().size() + " mixtures") + ", " + data.pairs().size()
                + " caption-audio pairs, " + vocabulary.negatives().size() + " captions and paraphrases in "
                + vocabulary.groupCount() + " label groups; encoding " + vocabulary.all().size() + " texts");
        batches.warmTextCache(n -> { });

        List<Loss> lossList = losses.stream().map(Map.Entry::getValue).toList();
        TrainingGraph graph = TrainingGraph.build(backend, audio, heads.getValue(), lossList, batches.textSlots(),
                text.dimension(), config.textChunkSize(), DataType.FLOAT);
        Adam adam = new Adam(config.beta1(), config.beta2(), config.epsilon(), config.weightDecay(),
                config.maxGradientNorm());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(), config.warmupSteps(),
                request.steps(), config.finalLearningRateFraction());
        ModelManifest base = manifest(request, data, "");
        String configurationHash = hash(base.configurations().toString() + "|" + request.seed() + "|"
                + request.batchSize() + "|" + request.steps() + "|" + request.initial().map(Path::toString).orElse(""));

        long step = 0;
        Map<String, INDArray> parameters = graph.parameterArrays();
        if (request.initial().isPresent()) {
            int copied = copyWeights(backend.load(new ModelDirectory(request.initialModel()).graphFile(), false),
                    parameters, warn);
            warn.accept("initialised " + copied + " of " + parameters.size() + " parameters from "
                    + request.initialModel());
        }
        Optional<Checkpoints.Loaded> latest = request.resume() ? checkpoints.latest(warn) : Optional.empty();
        if (request.resume() && latest.isEmpty() && model.isComplete()) {
            // Starting over would silently replace a finished model (e.g. a shipped one whose
            // checkpoints are not kept).
            throw new IllegalArgumentException(request.modelDirectory() + " holds a trained model and no checkpoint "
                    + "to resume from; choose another directory to train again");
        }
        if (request.resume() && latest.isEmpty() && checkpoints.any()) {
            // Starting from step 0 would prune the damaged checkpoints, and with them whatever
            // a person could still recover from them.
            throw new IOException("every checkpoint in " + checkpoints.directory() + " is damaged (see the warnings "
                    + "above); nothing to resume from. Move them away to start this run again from step 0");
        }
        if (latest.isPresent()) {
            Checkpoints.Loaded c = latest.get();
            if (!c.configurationHash().equals(configurationHash)) {
                throw new IllegalArgumentException("checkpoint " + c.dir() + " was written by another configuration, "
                        + "seed, batch size or step count; resuming would not reproduce that run");
            }
            Map<String, INDArray> saved = Checkpoints.readArrays(c.dir().resolve(Checkpoints.WEIGHTS));
            for (Map.Entry<String, INDArray> p : parameters.entrySet()) {
                INDArray s = saved.get(p.getKey());
                if (s == null || !java.util.Arrays.equals(s.shape(), p.getValue().shape())) {
                    throw new IOException("checkpoint " + c.dir() + " lacks parameter " + p.getKey()
                            + " or has another shape for it");
                }
                p.getValue().assign(s);
            }
            Checkpoints.readAdam(c.dir(), adam, graph.parameters());
            step = c.step();
            warn.accept("resuming at step " + step + " from " + c.dir());
        }

        Map<String, Double> lastTerms = latest.map(Checkpoints.Loaded::lossTerms).orElse(Map.of());
        // Batches of the next prefetchThreads steps are built in parallel with the step (each is a
        // pure function of (seed, step), so the order they finish in does not matter).
        int depth = Math.max(1, config.prefetchThreads());
        java.util.concurrent.atomic.AtomicInteger threadNumber = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService prefetch = Executors.newFixedThreadPool(depth, r -> {
            Thread t = new Thread(r, "flam-train-batches-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Deque<long[]> times = new ArrayDeque<>();
        try {
            Deque<Future<Batch>> ahead = new ArrayDeque<>();
            long submitted = step;
            while (submitted < request.steps() && ahead.size() < depth) {
                long b = ++submitted;
                ahead.addLast(prefetch.submit(() -> batches.build(request.seed(), b)));
            }
            while (step < request.steps()) {
                Batch batch = get(ahead.removeFirst());
                long s = step + 1;
                if (submitted < request.steps()) {
                    long b = ++submitted;
                    ahead.addLast(prefetch.submit(() -> batches.build(request.seed(), b)));
                }
                TrainingGraph.Step result = graph.step(batch.feeds());
                for (Map.Entry<String, Double> t : result.terms().entrySet()) {
                    if (!Double.isFinite(t.getValue())) {
                        throw new ArithmeticException("loss term " + t.getKey() + " is " + t.getValue() + " at step " + s
                                + ": the run diverged; the last checkpoint is in " + checkpoints.directory());
                    }
                }
                adam.update(s, schedule.rate(s), parameters, result.gradients());
                // Free the step's native arrays now (see Adam): gradients and the batch.
                release(result.gradients().values());
                release(batch.feeds().values());
                if (config.gcEverySteps() > 0 && s % config.gcEverySteps() == 0) {
                    // SameDiff's per-step intermediates are released only by collection.
                    System.gc();
                }
                step = s;
                lastTerms = result.terms();
                long now = System.nanoTime();
                times.addLast(new long[] {now, step});
                while (times.size() > 20) {
                    times.removeFirst();
                }
                if (step % config.reportEverySteps() == 0 || step == request.steps()
                        || Thread.currentThread().isInterrupted()) {
                    progress.accept(progress(step, request, lastTerms, times));
                }
                // Clear the flag before writing: NIO channels refuse to work on an interrupted thread.
                boolean interrupted = Thread.interrupted();
                if (interrupted || step % config.checkpointEverySteps() == 0 || step == request.steps()) {
                    checkpoints.write(step, parameters, adam, manifest(request, data, "checkpoint at step " + step),
                            configurationHash, lastTerms);
                }
                if (interrupted) {
                    throw new InterruptedException("training interrupted after step " + step + "; checkpoint written to "
                            + checkpoints.directory() + ", continue with --resume");
                }
            }
        } finally {
            prefetch.shutdownNow();
        }

        ModelManifest manifest = manifest(request, data, "trained " + step + " steps, batch " + request.batchSize()
                + ", losses " + lossNames());
        SameDiff sd = graph.graph();
        ModelDirectory.writeAtomically(model.graphFile(), out -> {
            File tmp = File.createTempFile("flam-model", ".sd");
            try {
                sd.save(tmp, false);
                Files.copy(tmp.toPath(), out);
            } finally {
                Files.deleteIfExists(tmp.toPath());
            }
        });
        model.writeDescription(new ModelDescription(ModelDescription.FORMAT, name(encoder), audio.spec(),
                name(heads), heads.getValue().embeddingSize(), name(textEncoder), text.dimension(), lossNames(),
                List.of(bundleOf(backend.getClass()).symbolicName(), bundleOf(text.getClass()).symbolicName())));
        model.writeManifest(manifest);
        model.writeChecksums();
        return new TrainingResult(request.modelDirectory(), manifest, step, lastTerms,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The prepared batch. Waits without giving up on interruption (preparing a batch takes
     * milliseconds) and keeps the interrupt for the step loop, which checkpoints before it stops.
     */
    private static Batch get(Future<Batch> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("preparing a batch failed: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void release(java.util.Collection<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    private static TrainingProgress progress(long step, TrainingRequest request, Map<String, Double> terms,
            Deque<long[]> times) {
        double clipsPerSecond = 0;
        double eta = Double.NaN;
        if (times.size() >= 2) {
            long[] a = times.getFirst();
            long[] b = times.getLast();
            double seconds = (b[0] - a[0]) / 1e9;
            double stepsPerSecond = (b[1] - a[1]) / seconds;
            clipsPerSecond = stepsPerSecond * request.batchSize();
            eta = (request.steps() - step) / stepsPerSecond;
        }
        return new TrainingProgress(step, request.steps(), terms, clipsPerSecond, eta);
    }

    /** Copies arrays of equal name and shape from a loaded graph; returns how many. */
    static int copyWeights(SameDiff from, Map<String, INDArray> to, Consumer<String> warn) {
        int copied = 0;
        for (Map.Entry<String, INDArray> p : to.entrySet()) {
            if (!from.hasVariable(p.getKey()) || from.getArrForVarName(p.getKey()) == null) {
                warn.accept("parameter " + p.getKey() + " is not in the initial model; it keeps its initial value");
                continue;
            }
            INDArray src = from.getArrForVarName(p.getKey());
            if (!java.util.Arrays.equals(src.shape(), p.getValue().shape())) {
                throw new IllegalArgumentException("parameter " + p.getKey() + " has shape "
                        + java.util.Arrays.toString(src.shape()) + " in the initial model but "
                        + java.util.Arrays.toString(p.getValue().shape()) + " here: another architecture");
            }
            p.getValue().assign(src);
            copied++;
        }
        return copied;
    }

    private List<String> lossNames() {
        return losses.stream().map(FlamTrainer::name).toList();
    }

    private static String name(Map.Entry<Map<String, Object>, ?> service) {
        Object n = service.getKey().get(FlamProperties.NAME);
        return n == null ? service.getValue().getClass().getSimpleName() : n.toString();
    }

    /** The manifest: bundles of every participating service, their configurations, data and seed. */
    ModelManifest manifest(TrainingRequest request, TrainingData data, String notes) {
        Map<String, ModelManifest.BundleRef> bundles = new LinkedHashMap<>();
        for (Class<?> c : List.of(FlamTrainer.class, ModelManifest.class, Loss.class, ModelDirectory.class,
                backend.getClass(), encoder.getValue().getClass(), heads.getValue().getClass(),
                textEncoder.getValue().getClass())) {
            ModelManifest.BundleRef b = bundleOf(c);
            bundles.putIfAbsent(b.symbolicName(), b);
        }
        for (Map.Entry<Map<String, Object>, Loss> l : losses) {
            ModelManifest.BundleRef b = bundleOf(l.getValue().getClass());
            bundles.putIfAbsent(b.symbolicName(), b);
        }
        for (Map.Entry<Map<String, Object>, Augmenter> a : augmenters) {
            ModelManifest.BundleRef b = bundleOf(a.getValue().getClass());
            bundles.putIfAbsent(b.symbolicName(), b);
        }
        if (data.freshMixtures() && synthesizer != null) {
            ModelManifest.BundleRef b = bundleOf(synthesizer.getValue().getClass());
            bundles.putIfAbsent(b.symbolicName(), b);
        }
        Map<String, Map<String, Object>> configurations = new TreeMap<>();
        configurations.put(pidOf(properties, PID), configurationOf(properties));
        for (Map.Entry<Map<String, Object>, ?> s : services(data.freshMixtures())) {
            configurations.put(pidOf(s.getKey(), s.getValue().getClass().getName()), configurationOf(s.getKey()));
        }
        Map<String, Object> run = new TreeMap<>();
        run.put("batchSize", request.batchSize());
        run.put("steps", request.steps());
        run.put("data", request.dataDirectory().toAbsolutePath().normalize().toString());
        run.put("freshMixtures", data.freshMixtures());
        run.put("initialModel", request.initial().map(p -> p.toAbsolutePath().normalize().toString()).orElse(""));
        configurations.put("flam.train.request", run);
        return new ModelManifest(new ArrayList<>(bundles.values()), configurations, request.seed(),
                data.manifestSha256(), Instant.now(), notes);
    }

    private List<Map.Entry<Map<String, Object>, ?>> services(boolean freshMixtures) {
        List<Map.Entry<Map<String, Object>, ?>> all = new ArrayList<>();
        all.add(encoder);
        all.add(heads);
        all.addAll(losses);
        all.add(textEncoder);
        all.addAll(augmenters);
        if (freshMixtures && synthesizer != null) {
            all.add(synthesizer);
        }
        return all;
    }

    private static String pidOf(Map<String, Object> props, String fallback) {
        Object pid = props.get("service.pid");
        if (pid == null) {
            pid = props.get("component.name");
        }
        return pid == null ? fallback : pid.toString();
    }

    private static Map<String, Object> configurationOf(Map<String, Object> props) {
        Map<String, Object> c = new TreeMap<>();
        props.forEach((k, v) -> {
            if (!NOT_CONFIGURATION.contains(k) && !k.startsWith(".") && v != null) {
                c.put(k, v.getClass().isArray() ? arrayToList(v) : v);
            }
        });
        return c;
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            l.add(java.lang.reflect.Array.get(array, i));
        }
        return l;
    }

    /** The bundle of a class, or (outside OSGi, in unit tests) a stand-in named after its package. */
    static ModelManifest.BundleRef bundleOf(Class<?> c) {
        Bundle b = FrameworkUtil.getBundle(c);
        if (b != null) {
            return new ModelManifest.BundleRef(b.getSymbolicName(), b.getVersion().toString());
        }
        String pkg = c.getPackageName().replace(".internal", "");
        return new ModelManifest.BundleRef(pkg, "0.0.0.unbundled");
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
