package org.flam.text.minilm.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * Benchmark (not a test): time from nothing to the first "dog barking" features, for the
 * library's own loader (model inflated from its jar into a byte array) and for this bundle's
 * (model copied to a cache folder once, then loaded from the file), alternating in one JVM.
 * Run by bench/minilm-load.sh; prints median milliseconds and their ratio.
 */
public final class MiniLmLoadBench {

    private MiniLmLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path cache = Files.createTempDirectory("minilm-bench");
        ClassLoader cl = MiniLmLoadBench.class.getClassLoader();
        // Warm both code paths once (class loading, ONNX Runtime native extraction, first copy).
        library();
        ours(cache, cl);
        double[] lib = new double[rounds];
        double[] own = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            lib[i] = library();
            own[i] = ours(cache, cl);
        }
        double l = median(lib);
        double o = median(own);
        System.out.printf("MiniLM load to first features, median of %d, same JVM:%n", rounds);
        System.out.printf("  library loader (model inflated from the jar): %7.0f ms%n", l);
        System.out.printf("  org.flam.text.minilm (model file in cache):   %7.0f ms%n", o);
        System.out.printf("  ratio ours / library: %.2f%n", o / l);
    }

    /** What AllMiniLmL6V2EmbeddingModel does: the model read from its jar into memory. */
    private static double library() throws java.io.IOException {
        long t = System.nanoTime();
        ClassLoader jar = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
        OnnxBertBiEncoder encoder;
        try (var model = jar.getResourceAsStream("all-minilm-l6-v2.onnx");
                var tokenizer = jar.getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            encoder = new OnnxBertBiEncoder(model, tokenizer, PoolingMode.MEAN);
        }
        new AbstractInProcessEmbeddingModel(Runnable::run) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }
        }.embed("dog barking");
        return (System.nanoTime() - t) / 1e6;
    }

    private static double ours(Path cache, ClassLoader cl) {
        long t = System.nanoTime();
        MiniLmTextEncoder enc = new MiniLmTextEncoder(0, 1, cache,
                name -> cl.getResourceAsStream(name.substring("model/".length())));
        enc.encode("dog barking");
        double ms = (System.nanoTime() - t) / 1e6;
        enc.close();
        return ms;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
