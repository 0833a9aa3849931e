package org.flam.augment.specaugment.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.flam.api.FlamProperties;
import org.flam.api.spi.Augmenter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * SpecAugment frequency masking (Park et al., 2019, §2): {@code stripes} times, a width
 * {@code f} is drawn uniformly from {@code 0 .. maxWidth} mel bins and a start {@code f0}
 * uniformly from {@code 0 .. mels - f}, and bins {@code f0 .. f0 + f - 1} of every frame are
 * set to the fill value. Stripes are drawn independently and may overlap, as in SpecAugment.
 *
 * <p>The fill value is the mean of the input spectrogram (over all bins and frames, in dB).
 * SpecAugment masks with zero after normalising each spectrogram to zero mean, i.e. with the
 * mean; on un-normalised dB values a constant such as 0 dB or the -100 dB floor would instead
 * be a loud or a silent stripe, an artefact far outside the clip's range that the model
 * could learn to spot, while the mean removes the band's information without adding any.
 *
 * <p>Randomness: exactly two draws per stripe from the given generator
 * ({@code nextInt(maxWidth' + 1)} then {@code nextInt(mels - f + 1)}, with
 * {@code maxWidth' = min(maxWidth, mels)}), so equal generator states give equal masks.
 * Holds no mutable state; never modifies its input.
 */
@Component(service = Augmenter.class, configurationPid = FrequencyMaskingAugmenter.PID,
        property = FlamProperties.NAME + "=" + FrequencyMaskingAugmenter.NAME)
@Designate(ocd = FrequencyMaskingAugmenterConfiguration.class)
public final class FrequencyMaskingAugmenter implements Augmenter {

    static final String PID = "org.flam.augment.specaugment";
    /** {@code flam.name} of this augmenter. */
    public static final String NAME = "specaugment";

    private final int stripes;
    private final int maxWidth;

    @Activate
    public FrequencyMaskingAugmenter(FrequencyMaskingAugmenterConfiguration config) {
        this(config.stripes(), config.maxWidth());
    }

    /**
     * @param stripes  number of frequency masks per spectrogram, {@code >= 0}
     * @param maxWidth largest mask width in mel bins, {@code >= 0} (capped at the number of
     *                 mels of each input)
     */
    FrequencyMaskingAugmenter(int stripes, int maxWidth) {
        if (stripes < 0) {
            throw new IllegalArgumentException("stripes must be >= 0, got " + stripes);
        }
        if (maxWidth < 0) {
            throw new IllegalArgumentException("maxWidth must be >= 0, got " + maxWidth);
        }
        this.stripes = stripes;
        this.maxWidth = maxWidth;
    }

    @Override
    public Domain domain() {
        return Domain.LOG_MEL;
    }

    /**
     * Masks {@code stripes} bands of {@code logMel}.
     *
     * @param logMel {@code float[mels][time]} in dB, rectangular; not modified
     * @return a new {@code float[mels][time]}: the input with masked bins set to its mean
     *         (a plain copy when there are no stripes, no width, or no frames)
     * @throws IllegalArgumentException if {@code logMel} is not rectangular
     */
    @Override
    public float[][] augmentLogMel(float[][] logMel, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        float[][] out = copyRectangular(logMel);
        int mels = out.length;
        int frames = mels == 0 ? 0 : out[0].length;
        int widest = Math.min(maxWidth, mels);
        if (stripes == 0 || widest == 0 || frames == 0) {
            return out;
        }
        float fill = mean(out);
        for (int s = 0; s < stripes; s++) {
            int width = random.nextInt(widest + 1);
            int start = random.nextInt(mels - width + 1);
            for (int m = start; m < start + width; m++) {
                Arrays.fill(out[m], fill);
            }
        }
        return out;
    }

    private static float[][] copyRectangular(float[][] logMel) {
        Objects.requireNonNull(logMel, "logMel");
        float[][] copy = new float[logMel.length][];
        for (int m = 0; m < logMel.length; m++) {
            float[] row = Objects.requireNonNull(logMel[m], "logMel[" + m + "]");
            if (row.length != logMel[0].length) {
                throw new IllegalArgumentException("logMel must be rectangular [mels][time]: row " + m + " has "
                        + row.length + " frames, row 0 has " + logMel[0].length);
            }
            copy[m] = row.clone();
        }
        return copy;
    }

    /** Mean over all entries, accumulated in double (a 64 x 1001 sum in float loses digits). */
    private static float mean(float[][] x) {
        double sum = 0;
        for (float[] row : x) {
            for (float v : row) {
                sum += v;
            }
        }
        return (float) (sum / ((double) x.length * x[0].length));
    }
}
