package org.flam.text.minilm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.flam.api.FlamProperties;
import org.flam.api.spi.TextEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * all-MiniLM-L6-v2 sentence features: 384-d, mean pooled over tokens, L2-normalised
 * (texts longer than 510 tokens are split and averaged by the library).
 *
 * <p>The model loads in the background from activation on (overlapping the numerics
 * backend's start); the first {@link #encode} waits for it. Features are cached in an LRU
 * map, so repeated queries and captions cost nothing.
 */
@Component(service = TextEncoder.class, configurationPid = MiniLmTextEncoder.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = FlamProperties.NAME + "=" + MiniLmTextEncoder.NAME)
@Designate(ocd = MiniLmTextEncoderConfiguration.class)
public final class MiniLmTextEncoder implements TextEncoder {

    static final String PID = "org.flam.text.minilm";
    /** {@code flam.name} of this encoder. */
    public static final String NAME = "minilm";
    /** Feature size of all-MiniLM-L6-v2. */
    public static final int DIMENSION = 384;
    /** Identifies the packaged model build in the cache folder name. */
    static final String MODEL_VERSION = "langchain4j-1.19.0-beta29";

    private static final long CLOSE_WAIT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmTextEncoder.class);

    private final LruCache cache;
    private final ExecutorService workers;
    private final CompletableFuture<Model> model;

    @Activate
    public MiniLmTextEncoder(MiniLmTextEncoderConfiguration config) {
        this(config.cacheSize(), config.threads(),
                config.modelCacheDir().isBlank() ? ModelFiles.defaultCacheDir() : Path.of(config.modelCacheDir()),
                name -> ModelFiles.open(MiniLmTextEncoder.class.getClassLoader(), name));
    }

    /**
     * Without OSGi (tests, benchmarks).
     *
     * @param resources opens {@code model/<file>} resources, null when absent
     */
    MiniLmTextEncoder(int cacheSize, int threads, Path cacheDir, Function<String, InputStream> resources) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.cache = new LruCache(cacheSize);
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flam-minilm");
            t.setDaemon(true);
            return t;
        });
        ClassLoader loader = MiniLmTextEncoder.class.getClassLoader();
        this.model = CompletableFuture.supplyAsync(() -> Model.load(cacheDir, resources, threads, workers, loader),
                workers);
    }

    @Deactivate
    void close() {
        // Let a load in progress finish before the bundle (whose jar it reads) goes away;
        // then release the native session.
        try {
            model.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).close();
        } catch (ExecutionException e) {
            // the load failed: nothing to close
        } catch (TimeoutException e) {
            LOG.warn("MiniLM still loading after {} s at shutdown", CLOSE_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[][] encode(List<String> texts) {
        TextEncoder.requireTexts(texts);
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            float[] cached = cache.get(text);
            if (cached != null) {
                out[i] = cached.clone();
            } else {
                missing.computeIfAbsent(text, k -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing.keySet());
            List<float[]> features = model().embed(todo);
            for (int j = 0; j < todo.size(); j++) {
                float[] f = features.get(j);
                cache.put(todo.get(j), f);
                for (int i : missing.get(todo.get(j))) {
                    out[i] = f.clone();
                }
            }
        }
        return out;
    }

    /** Cache statistics: entries, hits, misses. */
    long[] cacheStats() {
        return new long[] {cache.size(), cache.hits(), cache.misses()};
    }

    private Model model() {
        try {
            return model.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The MiniLM model failed to load: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The loaded ONNX session and tokenizer. */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;
        private final OrtSession session;

        private Model(OnnxBertBiEncoder encoder, OrtSession session, ExecutorService workers) {
            super(workers);
            this.encoder = encoder;
            this.session = session;
        }

        static Model load(Path cacheDir, Function<String, InputStream> resources, int threads,
                ExecutorService workers, ClassLoader loader) {
            long start = System.nanoTime();
            // ONNX Runtime and the DJL tokenizer find their natives through the thread's
            // context class loader: inside OSGi that must be this bundle's loader.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Path modelFile = ModelFiles.materialize(cacheDir, resources, MODEL_VERSION, ModelFiles.MODEL);
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                OrtSession session = env.createSession(modelFile.toString(), options);
                OnnxBertBiEncoder encoder;
                try (InputStream tokenizer = Files.newInputStream(
                        ModelFiles.materialize(cacheDir, resources, MODEL_VERSION, ModelFiles.TOKENIZER))) {
                    encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
                }
                LOG.debug("MiniLM loaded from {} in {} ms", modelFile, (System.nanoTime() - start) / 1_000_000);
                return new Model(encoder, session, workers);
            } catch (IOException | OrtException e) {
                throw new CompletionException(new IOException("cannot load all-MiniLM-L6-v2 (cache " + cacheDir
                        + "): " + e.getMessage(), e));
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        List<float[]> embed(List<String> texts) {
            List<TextSegment> segments = new ArrayList<>(texts.size());
            for (String t : texts) {
                segments.add(TextSegment.from(t));
            }
            var embeddings = embedAll(segments).content();
            List<float[]> out = new ArrayList<>(embeddings.size());
            embeddings.forEach(e -> out.add(e.vector()));
            return out;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        void close() {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing the ONNX session failed", e);
            }
        }
    }
}
