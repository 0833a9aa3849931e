package org.flam.augment.mixture.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * The validated constants of synthesis: everything that decides a mixture besides
 * (corpus, seed, index, split, grid). Times in seconds, levels in dB, rates in Hz; see
 * {@link FlamMixtureSynthesizerConfiguration} for each one's meaning and default.
 */
record MixtureParameters(int sampleRate, double clipSeconds, double heldoutFraction, double zeroShotGroupFraction,
        int minEvents, int maxEvents, int maxConcurrentEvents, int placementAttempts,
        double splitProbability, int maxSegments, double minSegmentSeconds,
        double repeatProbability, int minRepeats, int maxRepeats, double minPartGapSeconds,
        double edgeProbability, double minOffsetDb, double maxOffsetDb, double minBackgroundDbfs, double maxBackgroundDbfs,
        double fadeSeconds, double peakLimit,
        double labelRate, double windowSeconds, double inactiveThresholdDb, double silenceFloorDbfs,
        int fillGapFrames, int minRunFrames, int minEventFrames,
        Pooling pooling, List<NoiseColour> noiseColours) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the first constant out of range
     */
    MixtureParameters {
        require(sampleRate >= 8000, "sampleRate must be >= 8000 Hz, got " + sampleRate);
        require(clipSeconds >= 0.5 && clipSeconds <= 600, "clipSeconds must be in [0.5, 600] s, got " + clipSeconds);
        require(heldoutFraction >= 0 && heldoutFraction <= 1, "heldoutFraction must be in [0, 1], got " + heldoutFraction);
        require(zeroShotGroupFraction >= 0 && zeroShotGroupFraction <= 1,
                "zeroShotGroupFraction must be in [0, 1], got " + zeroShotGroupFraction);
        require(minEvents >= 0 && maxEvents >= minEvents, "need 0 <= minEvents <= maxEvents, got " + minEvents + ", " + maxEvents);
        require(maxConcurrentEvents >= 1, "maxConcurrentEvents must be >= 1, got " + maxConcurrentEvents);
        require(placementAttempts >= 1, "placementAttempts must be >= 1, got " + placementAttempts);
        require(splitProbability >= 0 && repeatProbability >= 0 && splitProbability + repeatProbability <= 1,
                "split and repeat probabilities must be >= 0 and sum to <= 1, got " + splitProbability + ", " + repeatProbability);
        require(maxSegments >= 2, "maxSegments must be >= 2, got " + maxSegments);
        require(minSegmentSeconds >= 0, "minSegmentSeconds must be >= 0 s, got " + minSegmentSeconds);
        require(minRepeats >= 2 && maxRepeats >= minRepeats, "need 2 <= minRepeats <= maxRepeats, got " + minRepeats + ", " + maxRepeats);
        require(minPartGapSeconds >= 0, "minPartGapSeconds must be >= 0 s, got " + minPartGapSeconds);
        require(edgeProbability >= 0 && edgeProbability <= 1, "edgeProbability must be in [0, 1], got " + edgeProbability);
        require(Double.isFinite(minOffsetDb) && maxOffsetDb >= minOffsetDb && Double.isFinite(maxOffsetDb),
                "need finite minOffsetDb <= maxOffsetDb, got " + minOffsetDb + ", " + maxOffsetDb);
        require(minBackgroundDbfs > -200 && maxBackgroundDbfs >= minBackgroundDbfs && maxBackgroundDbfs <= 0,
                "need -200 < minBackgroundDbfs <= maxBackgroundDbfs <= 0 dBFS, got " + minBackgroundDbfs + ", " + maxBackgroundDbfs);
        require(fadeSeconds >= 0, "fadeSeconds must be >= 0 s, got " + fadeSeconds);
        require(peakLimit > 0 && peakLimit <= 1, "peakLimit must be in (0, 1], got " + peakLimit);
        require(labelRate > 0 && Double.isFinite(labelRate), "labelRate must be > 0 Hz, got " + labelRate);
        require(windowSeconds > 0 && Double.isFinite(windowSeconds), "windowSeconds must be > 0 s, got " + windowSeconds);
        require(inactiveThresholdDb <= 0, "inactiveThresholdDb must be <= 0 dB, got " + inactiveThresholdDb);
        require(silenceFloorDbfs <= 0, "silenceFloorDbfs must be <= 0 dBFS, got " + silenceFloorDbfs);
        require(fillGapFrames >= 0 && minRunFrames >= 0 && minEventFrames >= 0,
                "smoothing frame counts must be >= 0, got " + fillGapFrames + ", " + minRunFrames + ", " + minEventFrames);
        require(pooling != null, "pooling must be set");
        noiseColours = List.copyOf(noiseColours);
        require(!noiseColours.isEmpty(), "noiseColours must name at least one colour");
    }

    /** The parameters of a configuration. */
    static MixtureParameters of(FlamMixtureSynthesizerConfiguration c) {
        return new MixtureParameters(c.sampleRate(), c.clipSeconds(), c.heldoutFraction(), c.zeroShotGroupFraction(),
                c.minEvents(), c.maxEvents(), c.maxConcurrentEvents(), c.placementAttempts(),
                c.splitProbability(), c.maxSegments(), c.minSegmentSeconds(),
                c.repeatProbability(), c.minRepeats(), c.maxRepeats(), c.minPartGapSeconds(),
                c.edgeProbability(), c.minOffsetDb(), c.maxOffsetDb(), c.minBackgroundDbfs(), c.maxBackgroundDbfs(),
                c.fadeSeconds(), c.peakLimit(),
                c.labelRate(), c.windowSeconds(), c.inactiveThresholdDb(), c.silenceFloorDbfs(),
                c.fillGapFrames(), c.minRunFrames(), c.minEventFrames(),
                c.pooling(), List.of(c.noiseColours()));
    }

    /** The SPEC defaults. */
    static MixtureParameters defaults() {
        return of(configuration(Map.of()));
    }

    /**
     * A configuration outside OSGi: each attribute from {@code overrides} (by method name,
     * e.g. {@code "maxEvents" -> 1}) or else its declared default. For tests, benchmarks and
     * callers that build a synthesizer without Declarative Services.
     */
    static FlamMixtureSynthesizerConfiguration configuration(Map<String, ?> overrides) {
        for (String name : overrides.keySet()) {
            try {
                FlamMixtureSynthesizerConfiguration.class.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("no configuration attribute " + name, e);
            }
        }
        return (FlamMixtureSynthesizerConfiguration) Proxy.newProxyInstance(
                FlamMixtureSynthesizerConfiguration.class.getClassLoader(),
                new Class<?>[] {FlamMixtureSynthesizerConfiguration.class},
                (proxy, method, args) -> value(method, overrides));
    }

    private static Object value(Method method, Map<String, ?> overrides) {
        if (overrides.containsKey(method.getName())) {
            return overrides.get(method.getName());
        }
        if (method.getDefaultValue() == null) {
            throw new UnsupportedOperationException(method.getName());
        }
        return method.getDefaultValue();
    }

    /** Samples per mixture, {@code round(clipSeconds * sampleRate)}. */
    int clipSamples() {
        return samples(clipSeconds);
    }

    /** {@code round(seconds * sampleRate)}. */
    int samples(double seconds) {
        return (int) Math.round(seconds * sampleRate);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
