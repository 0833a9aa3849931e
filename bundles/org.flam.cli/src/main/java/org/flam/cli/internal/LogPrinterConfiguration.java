package org.flam.cli.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the log printer (PID {@code org.flam.cli.log}). */
@ObjectClassDefinition(name = "FLAM log printer",
        description = "Prints OSGi log entries (framework, SCR, Configurator) to standard error.")
public @interface LogPrinterConfiguration {

    @AttributeDefinition(name = "Level",
            description = "Least severe level printed: AUDIT, ERROR, WARN, INFO, DEBUG or TRACE.")
    String level() default "WARN";
}
