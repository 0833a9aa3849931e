package org.flam.augment.resample.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.flam.api.AudioClip;
import org.flam.api.FlamProperties;
import org.flam.api.spi.Augmenter;
import org.flam.audio.io.Resampler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The SPEC §5 bandwidth degradation: with probability {@code probability} a clip is
 * down-sampled to one of {@code rates} (chosen uniformly) and back up to its own rate, so
 * it keeps its rate and length but loses everything above the lower rate's Nyquist frequency,
 * as a recording made or stored at that rate would. Both conversions are
 * {@link Resampler#resample(float[], int, int)} (band-limited, linear phase, no delay), so
 * the degraded clip stays time-aligned with its frame labels.
 *
 * <p>Randomness, all from the given generator: one {@code nextDouble()} decides whether to
 * apply ({@code < probability}); if so, one {@code nextInt(k)} picks among the {@code k}
 * configured rates below the clip's own rate. If there is none (a clip already at 16 kHz),
 * the clip is returned unchanged: up-sampling is no degradation.
 *
 * <p>Output samples: the up-sampled signal is cut to the input length (the round trip may
 * add a sample or two). If the band-limiting overshoots beyond {@code [-1, 1]} (Gibbs ringing
 * at sharp transients), the whole clip is scaled down by its peak rather than clipped: clipping
 * would put back harmonics above the lower Nyquist frequency, the very content this
 * degradation removes.
 *
 * <p>Holds no mutable state; never modifies its input.
 */
@Component(service = Augmenter.class, configurationPid = ResampleDegradationAugmenter.PID,
        property = FlamProperties.NAME + "=" + ResampleDegradationAugmenter.NAME)
@Designate(ocd = ResampleDegradationAugmenterConfiguration.class)
public final class ResampleDegradationAugmenter implements Augmenter {

    static final String PID = "org.flam.augment.resample";
    /** {@code flam.name} of this augmenter. */
    public static final String NAME = "resample-degradation";

    private final double probability;
    private final int[] rates;

    @Activate
    public ResampleDegradationAugmenter(ResampleDegradationAugmenterConfiguration config) {
        this(config.probability(), config.rates());
    }

    /**
     * @param probability share of clips degraded, in {@code [0, 1]}
     * @param rates       intermediate rates in Hz to choose from, each {@code > 0}, at least one
     */
    ResampleDegradationAugmenter(double probability, int[] rates) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        Objects.requireNonNull(rates, "rates");
        if (rates.length == 0) {
            throw new IllegalArgumentException("rates must name at least one sample rate");
        }
        for (int rate : rates) {
            if (rate <= 0) {
                throw new IllegalArgumentException("rates must be > 0 Hz, got " + Arrays.toString(rates));
            }
        }
        this.probability = probability;
        this.rates = rates.clone();
    }

    @Override
    public Domain domain() {
        return Domain.WAVEFORM;
    }

    /**
     * Degrades the clip or returns it.
     *
     * @return {@code clip} itself when not applied; otherwise a new clip with the same id, rate
     *         and sample count, band-limited to half the chosen rate
     */
    @Override
    public AudioClip augmentWaveform(AudioClip clip, RandomGenerator random) {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(random, "random");
        int rate = pickRate(clip.sampleRate(), random);
        if (rate == 0) {
            return clip;
        }
        float[] x = clip.samples();
        float[] y = Resampler.resample(Resampler.resample(x, clip.sampleRate(), rate), rate, clip.sampleRate());
        y = Arrays.copyOf(y, x.length);
        scaleIntoUnitRange(y);
        return new AudioClip(clip.id(), y, clip.sampleRate());
    }

    /**
     * Draws whether to degrade a clip at {@code clipRate} Hz, and to which rate.
     *
     * @return the intermediate rate in Hz, or 0 for "leave the clip as it is"
     */
    int pickRate(int clipRate, RandomGenerator random) {
        if (random.nextDouble() >= probability) {
            return 0;
        }
        int[] lower = Arrays.stream(rates).filter(r -> r < clipRate).toArray();
        return lower.length == 0 ? 0 : lower[random.nextInt(lower.length)];
    }

    private static void scaleIntoUnitRange(float[] y) {
        float peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 1) {
            for (int i = 0; i < y.length; i++) {
                // Division can round a peak sample to just above 1; the clamp only catches that.
                y[i] = Math.max(-1f, Math.min(1f, y[i] / peak));
            }
        }
    }
}
