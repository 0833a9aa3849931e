package org.flam.api.command;

import java.io.PrintStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One {@code flam <name>} command, registered as a service with the property
 * {@link org.flam.api.FlamProperties#COMMAND flam.command}{@code =<name>}.
 *
 * <p>The launcher calls {@link #run} on the main thread with the arguments after the
 * command name and exits the JVM with the returned status.
 */
@ConsumerType
public interface Command {

    /** Exit status for success. */
    int OK = 0;
    /** Exit status for a usage error (bad arguments). */
    int USAGE = 2;

    /** One line shown by {@code flam help}. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args arguments after the command name, never null
     * @param out  where results go (standard output)
     * @param err  where progress, warnings and errors go (standard error)
     * @return the process exit status: {@link #OK}, {@link #USAGE} or another non-zero value
     * @throws Exception on failure; the launcher prints its message and exits with status 1
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
