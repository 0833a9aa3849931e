package org.flam.text.hashing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the hashing text encoder (PID {@code org.flam.text.hashing}). */
@ObjectClassDefinition(name = "FLAM hashing text encoder",
        description = "Signed feature hashing (FNV-1a 64) of lower-cased words and word bigrams, L2-normalised.")
public @interface HashingTextEncoderConfiguration {

    @AttributeDefinition(name = "Dimension", description = "Feature size H_t (number of hash buckets).", min = "1")
    int dimension() default 256;

    @AttributeDefinition(name = "Service name", description = "flam.name of this text encoder.")
    String flam_name() default HashingTextEncoder.NAME;
}
