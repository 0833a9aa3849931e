package org.flam.text.minilm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MiniLM text encoder (PID {@code org.flam.text.minilm}). */
@ObjectClassDefinition(name = "FLAM MiniLM text encoder",
        description = "all-MiniLM-L6-v2 sentence embeddings (384-d, L2-normalised, mean pooled) on ONNX Runtime.")
public @interface MiniLmTextEncoderConfiguration {

    @AttributeDefinition(name = "Cache size",
            description = "Text features kept in the LRU cache (entries; one entry is 384 floats, about 1.6 kB). "
                    + "0 disables the cache.", min = "0")
    int cacheSize() default 4096;

    @AttributeDefinition(name = "Threads",
            description = "ONNX Runtime intra-op threads per text, and texts encoded in parallel in one batch.",
            min = "1")
    int threads() default 1;

    @AttributeDefinition(name = "Model cache directory",
            description = "Where the 90 MB ONNX model is copied once, so later starts memory-map it instead of "
                    + "inflating it from the bundle. Empty: $XDG_CACHE_HOME/flam/models or ~/.cache/flam/models.",
            required = false)
    String modelCacheDir() default "";

    @AttributeDefinition(name = "Service name", description = "flam.name of this text encoder.")
    String flam_name() default MiniLmTextEncoder.NAME;
}
