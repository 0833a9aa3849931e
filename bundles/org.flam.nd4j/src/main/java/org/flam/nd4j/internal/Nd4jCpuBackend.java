package org.flam.nd4j.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.flam.api.BackendInfo;
import org.flam.api.FlamProperties;
import org.flam.api.graph.GraphBackend;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J CPU backend: initialises ND4J inside this bundle and is the single place where
 * SameDiff graphs are created and loaded, always with the execution cache disabled.
 */
@Component(service = GraphBackend.class, property = FlamProperties.NAME + "=" + Nd4jCpuBackend.NAME)
@Designate(ocd = Nd4jCpuBackendConfiguration.class)
public final class Nd4jCpuBackend implements GraphBackend {

    /** {@code flam.name} of this backend. */
    public static final String NAME = "nd4j-cpu";

    static final String JAVACPP_CACHE_DIR = "org.bytedeco.javacpp.cachedir";

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jCpuBackend.class);

    /** Replaced when the thread count is reconfigured. */
    private volatile BackendInfo info;

    @Activate
    public Nd4jCpuBackend(Nd4jCpuBackendConfiguration config) {
        this(config.threads(), config.nativeCacheDir(), Nd4jCpuBackend.class.getClassLoader());
    }

    /**
     * Initialises ND4J without OSGi (unit tests, benchmarks).
     *
     * @param threads        OpenMP threads, 0 for ND4J's default
     * @param nativeCacheDir where JavaCPP unpacks natives; empty or null for its default
     * @param loader         the class loader that sees ND4J's backend and ServiceLoader files
     */
    Nd4jCpuBackend(int threads, String nativeCacheDir, ClassLoader loader) {
        this.info = Nd4jInitializer.initialize(threads, nativeCacheDir, loader);
    }

    /**
     * The thread count changes at once (without this method DS would reactivate the
     * component, which cannot re-initialise ND4J anyway); the native cache directory is only
     * read when JavaCPP first loads the natives, so a new one waits for the next start.
     */
    @Modified
    void modified(Nd4jCpuBackendConfiguration config) {
        if (config.threads() > 0 && config.threads() != info.threads()) {
            info = Nd4jInitializer.setThreads(config.threads());
        }
        String dir = config.nativeCacheDir();
        if (!dir.isBlank() && !dir.equals(System.getProperty(JAVACPP_CACHE_DIR))) {
            LOG.warn("ND4J natives stay in {} until the next start (configured: {})",
                    System.getProperty(JAVACPP_CACHE_DIR), dir);
        }
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public SameDiff newGraph() {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        return sd;
    }

    @Override
    public SameDiff load(Path file, boolean loadUpdaterState) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No saved SameDiff graph at " + file);
        }
        SameDiff sd;
        try {
            sd = withNd4jContext(() -> SameDiff.load(file.toFile(), loadUpdaterState));
        } catch (RuntimeException e) {
            throw new IOException("Not a SameDiff graph: " + file + " (" + e.getMessage() + ")", e);
        }
        // SameDiff.load creates a fresh instance with the cache on again.
        sd.setEnableCache(false);
        return sd;
    }

    private static <T> T withNd4jContext(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Nd4jCpuBackend.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** One-time, JVM-wide ND4J initialisation. */
    static final class Nd4jInitializer {

        private static BackendInfo initialized;

        private Nd4jInitializer() {
        }

        static synchronized BackendInfo initialize(int threads, String nativeCacheDir, ClassLoader loader) {
            if (initialized != null) {
                return initialized;
            }
            if (nativeCacheDir != null && !nativeCacheDir.isBlank()) {
                // JavaCPP reads this when it first loads a native library, which happens below.
                System.setProperty(JAVACPP_CACHE_DIR, nativeCacheDir);
            }
            // ND4J finds its backend and ServiceLoader files through a class loader it captures
            // once; inside OSGi that must be this bundle's loader, not the framework's.
            ND4JClassLoading.setNd4jClassloader(loader);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                long start = System.nanoTime();
                Nd4j.getExecutioner(); // loads the backend and its natives, which the thread settings need
                if (threads > 0) {
                    applyThreads(threads);
                }
                initialized = describe(Nd4j.getExecutioner().getEnvironmentInformation());
                LOG.debug("ND4J initialised in {} ms: {}", (System.nanoTime() - start) / 1_000_000, initialized);
                return initialized;
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        /** Changes the OpenMP thread count of the running backend; returns the new description. */
        static synchronized BackendInfo setThreads(int threads) {
            applyThreads(threads);
            initialized = describe(Nd4j.getExecutioner().getEnvironmentInformation());
            return initialized;
        }

        /** OpenMP threads of libnd4j's own loops, and the threads OpenBLAS uses for matrix products. */
        private static void applyThreads(int threads) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
        }

        private static BackendInfo describe(Properties env) {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("nd4j", mavenVersion("org.nd4j", "nd4j-api"));
            versions.put("javacpp", mavenVersion("org.bytedeco", "javacpp"));
            versions.put("openblas", mavenVersion("org.bytedeco", "openblas"));
            versions.put("blas", String.valueOf(env.getOrDefault("blas.vendor", "unknown")));
            String cores = String.valueOf(env.getOrDefault("cores", Runtime.getRuntime().availableProcessors()));
            String device = System.getProperty("os.arch") + ", " + cores + " cores"
                    + ", oneDNN, natives in " + nativeCacheDir();
            int ompThreads = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
            return new BackendInfo(NAME, device, Math.max(1, ompThreads), versions);
        }

        private static String nativeCacheDir() {
            String dir = System.getProperty(JAVACPP_CACHE_DIR);
            return dir != null ? dir : Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString();
        }

        /** The version recorded in an embedded jar's Maven metadata (the jars carry no OSGi version). */
        private static String mavenVersion(String groupId, String artifactId) {
            String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
            try (var in = Nd4j.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return "unknown";
                }
                Properties pom = new Properties();
                pom.load(in);
                return pom.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
