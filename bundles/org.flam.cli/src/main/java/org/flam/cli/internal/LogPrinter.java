package org.flam.cli.internal;

import java.io.PrintStream;
import java.util.Collections;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Prints OSGi log entries at or above the configured level to standard error, so that
 * warnings of the framework, SCR and the Configurator reach the user, and their debug
 * chatter does not (without a LogService the Configurator prints everything to stdout).
 */
@Component(immediate = true, configurationPid = "org.flam.cli.log")
@Designate(ocd = LogPrinterConfiguration.class)
public final class LogPrinter implements LogListener {

    private final LogLevel threshold;
    private final PrintStream err;

    @Activate
    public LogPrinter(LogPrinterConfiguration config) {
        this(LogLevel.valueOf(config.level().trim().toUpperCase(java.util.Locale.ROOT)), System.err);
    }

    LogPrinter(LogLevel threshold, PrintStream err) {
        this.threshold = threshold;
        this.err = err;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReader(LogReaderService reader) {
        // Entries logged before we were listening (bundles start before this one) are in the
        // reader's history, newest first: print them oldest first.
        List<LogEntry> earlier = Collections.list(reader.getLog());
        Collections.reverse(earlier);
        earlier.forEach(this::logged);
        reader.addLogListener(this);
    }

    void removeReader(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!threshold.implies(entry.getLogLevel())) {
            return;
        }
        String source = entry.getBundle() != null ? entry.getBundle().getSymbolicName() : "framework";
        Throwable e = entry.getException();
        err.printf("[%s] %s: %s%s%n", entry.getLogLevel(), source, entry.getMessage(),
                e == null ? "" : " (" + e + ")");
    }
}
