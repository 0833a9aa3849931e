package org.flam.cli.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@code flam embed} (PID {@code org.flam.cli.embed}). */
@ObjectClassDefinition(name = "FLAM embed command",
        description = "Prints the text features of the configured TextEncoder.")
public @interface EmbedCommandConfiguration {

    @AttributeDefinition(name = "Text encoder",
            description = "LDAP filter choosing the TextEncoder by its flam.name, e.g. (flam.name=minilm) or "
                    + "(flam.name=hashing). Changing it rebinds the command at once, without a restart.")
    String textEncoder_target() default EmbedCommand.DEFAULT_TARGET;
}
