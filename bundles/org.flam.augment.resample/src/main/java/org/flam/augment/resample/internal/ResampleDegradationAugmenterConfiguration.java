package org.flam.augment.resample.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the resample degradation (PID {@code org.flam.augment.resample}). */
@ObjectClassDefinition(name = "FLAM resample degradation",
        description = "Down-samples a share of clips to a lower rate and back up to their own rate, removing "
                + "content above the lower Nyquist frequency (SPEC 5).")
public @interface ResampleDegradationAugmenterConfiguration {

    @AttributeDefinition(name = "Probability",
            description = "Share of clips degraded, in [0, 1]; the paper degrades 30 % of clips.", min = "0", max = "1")
    double probability() default 0.3;

    @AttributeDefinition(name = "Rates",
            description = "Intermediate sample rates in Hz, one chosen uniformly per degraded clip among those below "
                    + "the clip's own rate (a clip with none left is not degraded). The paper uses 16 and 32 kHz.",
            min = "1")
    int[] rates() default {16_000, 32_000};

    @AttributeDefinition(name = "Service name", description = "flam.name of this augmenter.")
    String flam_name() default ResampleDegradationAugmenter.NAME;
}
