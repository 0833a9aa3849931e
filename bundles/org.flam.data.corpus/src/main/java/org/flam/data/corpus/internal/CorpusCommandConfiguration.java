package org.flam.data.corpus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@code flam corpus} (PID {@code org.flam.data.corpus}). */
@ObjectClassDefinition(name = "FLAM corpus command",
        description = "Builds the corpus index from folders of recordings, one folder per Debian package.")
public @interface CorpusCommandConfiguration {

    @AttributeDefinition(name = "Copyright folder",
            description = "Folder holding <package>/copyright files, whose License: fields give each source's licence.")
    String docDir() default "/usr/share/doc";

    @AttributeDefinition(name = "Shortest recording",
            description = "Recordings shorter than this many seconds are left out (clicks too short to label).",
            min = "0")
    double minSeconds() default CorpusCommand.DEFAULT_MIN_SECONDS;
}
