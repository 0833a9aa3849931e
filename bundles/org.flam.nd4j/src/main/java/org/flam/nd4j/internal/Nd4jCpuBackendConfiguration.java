package org.flam.nd4j.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the ND4J CPU backend (PID {@code org.flam.nd4j}).
 *
 * <p>Both settings are read once, when ND4J is first initialised in this JVM; changing them
 * later takes effect at the next start (the component logs a warning).
 */
@ObjectClassDefinition(name = "FLAM ND4J CPU backend",
        description = "ND4J/SameDiff on the CPU with the oneDNN native build.")
public @interface Nd4jCpuBackendConfiguration {

    @AttributeDefinition(name = "Threads",
            description = "OpenMP threads ND4J uses for one op. 0 keeps ND4J's default (one per core, "
                    + "or OMP_NUM_THREADS). On a shared 2-core machine one thread measured 2-3x faster than two.",
            min = "0")
    int threads() default 0;

    @AttributeDefinition(name = "Native cache directory",
            description = "Where JavaCPP unpacks the native libraries (about 400 MB). Empty keeps "
                    + "JavaCPP's default, ~/.javacpp/cache, or the system property org.bytedeco.javacpp.cachedir.",
            required = false)
    String nativeCacheDir() default "";

    @AttributeDefinition(name = "Service name", description = "flam.name of this backend.")
    String flam_name() default Nd4jCpuBackend.NAME;
}
