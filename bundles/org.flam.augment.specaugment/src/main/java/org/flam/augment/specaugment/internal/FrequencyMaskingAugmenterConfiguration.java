package org.flam.augment.specaugment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SpecAugment frequency-masking augmenter (PID {@code org.flam.augment.specaugment}). */
@ObjectClassDefinition(name = "FLAM SpecAugment frequency masking",
        description = "Sets randomly placed bands of mel bins of a log-mel spectrogram to the spectrogram's mean "
                + "(SpecAugment frequency masks).")
public @interface FrequencyMaskingAugmenterConfiguration {

    @AttributeDefinition(name = "Stripes",
            description = "Number of frequency masks per spectrogram; they are drawn independently and may overlap. "
                    + "0 turns the augmenter into a copy.", min = "0")
    int stripes() default 2;

    @AttributeDefinition(name = "Maximum width",
            description = "Largest mask width in mel bins (SpecAugment's F); each width is uniform in 0..maxWidth, "
                    + "capped at the number of mel bins.", min = "0")
    int maxWidth() default 8;

    @AttributeDefinition(name = "Service name", description = "flam.name of this augmenter.")
    String flam_name() default FrequencyMaskingAugmenter.NAME;
}
