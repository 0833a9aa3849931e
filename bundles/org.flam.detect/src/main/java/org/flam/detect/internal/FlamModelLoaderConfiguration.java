package org.flam.detect.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the model loader (PID {@code org.flam.detect}). */
@ObjectClassDefinition(name = "FLAM model loader and detector",
        description = "Opens model directories as detectors and runs them on recordings of any length.")
public @interface FlamModelLoaderConfiguration {

    @AttributeDefinition(name = "Default model", description = "Model directory used when none is given. A relative path is resolved against the system property flam.home (the repository, set by the flam launcher), else the working directory.")
    String defaultModel() default "models/default";

    @AttributeDefinition(name = "Window overlap", description = "Overlap of consecutive clip-length windows on long recordings, as a fraction of the clip (0.5: windows every half clip). Frames are taken from the window in which they are most central.", min = "0", max = "0.95")
    double windowOverlap() default 0.5;

    @AttributeDefinition(name = "Windows per batch", description = "Windows run through the encoder in one call; larger batches amortise per-call overhead, at the cost of memory.", min = "1")
    int windowBatch() default 16;

    @AttributeDefinition(name = "Text cache", description = "Query embeddings (e, s, b) kept per loaded model, by text.", min = "1")
    int textCacheSize() default 4096;
}
