package org.flam.cli.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The process entry point inside the framework: {@code flam <command> [args]}.
 *
 * <p>bnd's launcher registers the command line as the service property
 * {@code launcher.arguments} and calls this {@code Callable} on the main thread once the
 * bundles are started. Components that need a configuration activate a little later (the
 * Configurator applies it asynchronously), so a command that some component declares is
 * waited for, up to {@link #COMMAND_WAIT_SECONDS}; if it never comes, the reason (missing
 * configuration or unsatisfied reference) is printed.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class FlamMain implements Callable<Integer> {

    static final long COMMAND_WAIT_SECONDS = 120;
    static final long BUNDLE_START_WAIT_SECONDS = 60;
    static final String SHELL_PROPERTY = "flam.shell";

    private final List<String> args;
    private final ServiceComponentRuntime scr;
    /**
     * Commands by name, not yet instantiated: only the command that runs is activated, so
     * {@code flam info} does not start, say, a model that another command needs.
     */
    private final Map<String, ComponentServiceObjects<Command>> commands = new TreeMap<>();
    private final PrintStream out;
    private final PrintStream err;

    /** Set by the debug assemblies: with no command, keep the framework (and its shell) running. */
    private final boolean shell;
    /** The framework, to wait until it has started every bundle; null in unit tests. */
    private final BundleContext context;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Activate
    public FlamMain(BundleContext context,
            @Reference(service = Object.class, target = "(launcher.arguments=*)") Map<String, Object> launcher,
            @Reference ServiceComponentRuntime scr) {
        this(arguments(launcher.get("launcher.arguments")), scr, System.out, System.err,
                Boolean.parseBoolean(context.getProperty(SHELL_PROPERTY)), context);
    }

    FlamMain(List<String> args, ServiceComponentRuntime scr, PrintStream out, PrintStream err, boolean shell,
            BundleContext context) {
        this.args = List.copyOf(args);
        this.scr = scr;
        this.out = out;
        this.err = err;
        this.shell = shell;
        this.context = context;
    }

    @Deactivate
    void deactivate() {
        stopped.countDown();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(ComponentServiceObjects<Command> command, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(FlamProperties.COMMAND));
        synchronized (commands) {
            commands.put(name, command);
            commands.notifyAll();
        }
    }

    void removeCommand(ComponentServiceObjects<Command> command, Map<String, Object> properties) {
        synchronized (commands) {
            commands.remove(String.valueOf(properties.get(FlamProperties.COMMAND)), command);
        }
    }

    @Override
    public Integer call() {
        awaitBundlesStarted();
        if (args.isEmpty() && shell) {
            err.println("flam debug shell: 'help' lists commands, 'scr:list' components, 'stop 0' quits");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Command.OK;
        }
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            awaitDeclaredCommands();
            usage(out);
            return args.isEmpty() ? Command.USAGE : Command.OK;
        }
        String name = args.get(0);
        ComponentServiceObjects<Command> objects = await(name);
        if (objects == null) {
            return Command.USAGE;
        }
        Command command = objects.getService();
        if (command == null) {
            err.println("flam: command '" + name + "' failed to start");
            return 1;
        }
        timing("ready: command '" + name + "' bound");
        // Standard output carries the command's results (JSON, TSV, labels). A library that
        // prints to System.out (jflac on some damaged FLAC files, SameDiff when it first
        // differentiates a graph) must not corrupt them: while the command runs, System.out
        // is the error stream, and only the command's own stream reaches standard output.
        PrintStream systemOut = System.out;
        boolean guard = systemOut == out;
        if (guard) {
            System.setOut(err);
        }
        try {
            return command.run(args.subList(1, args.size()), out, err);
        } catch (IllegalArgumentException e) {
            err.println("flam " + name + ": " + e.getMessage());
            return Command.USAGE;
        } catch (Exception e) {
            err.println("flam " + name + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (Boolean.getBoolean("flam.debug")) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            if (guard) {
                // Whatever a library wrapped around it meanwhile (a thread filter) goes too.
                System.setOut(systemOut);
            }
            timing("command '" + name + "' done");
            objects.ungetService(command);
        }
    }

    /**
     * The launcher calls us as soon as this bundle has started; with start levels the framework
     * is still starting the other bundles of the same level then. Wait until no bundle is
     * still on its way (fragments stay RESOLVED), so every declared command is known.
     */
    private void awaitBundlesStarted() {
        if (context == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUNDLE_START_WAIT_SECONDS);
        List<String> pending = pendingBundles();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pending = pendingBundles();
        }
        if (!pending.isEmpty()) {
            err.println("flam: bundles not started after " + BUNDLE_START_WAIT_SECONDS + " s: " + pending);
        }
    }

    private List<String> pendingBundles() {
        List<String> pending = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                pending.add(b.getSymbolicName());
            }
        }
        return pending;
    }

    /** With -Dflam.timing=true: milliseconds since the JVM started, for start-up benchmarks. */
    private void timing(String what) {
        if (Boolean.getBoolean("flam.timing")) {
            err.printf("[timing] %s at %d ms%n", what, ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    private ComponentServiceObjects<Command> await(String name) {
        List<ComponentDescriptionDTO> declaring = declaring(name);
        if (declaring.isEmpty()) {
            err.println("flam: unknown command '" + name + "'");
            usage(err);
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_WAIT_SECONDS);
        synchronized (commands) {
            while (!commands.containsKey(name)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    err.println("flam: command '" + name + "' is installed but did not start within "
                            + COMMAND_WAIT_SECONDS + " s:");
                    declaring.forEach(d -> err.println("  " + whyNotActive(d)));
                    return null;
                }
                try {
                    commands.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return commands.get(name);
        }
    }

    /** Waits (briefly) until every declared command is registered, so help lists them all. */
    private void awaitDeclaredCommands() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String name : declaredNames()) {
            synchronized (commands) {
                while (!commands.containsKey(name) && System.nanoTime() < deadline) {
                    try {
                        commands.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private List<String> declaredNames() {
        List<String> names = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (Arrays.asList(d.serviceInterfaces).contains(Command.class.getName())
                    && d.properties.get(FlamProperties.COMMAND) != null) {
                names.add(String.valueOf(d.properties.get(FlamProperties.COMMAND)));
            }
        }
        return names;
    }

    private List<ComponentDescriptionDTO> declaring(String name) {
        List<ComponentDescriptionDTO> found = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (Arrays.asList(d.serviceInterfaces).contains(Command.class.getName())
                    && name.equals(String.valueOf(d.properties.get(FlamProperties.COMMAND)))) {
                found.add(d);
            }
        }
        return found;
    }

    private String whyNotActive(ComponentDescriptionDTO d) {
        if (!scr.isComponentEnabled(d)) {
            return d.name + " is disabled";
        }
        var configs = scr.getComponentConfigurationDTOs(d);
        if (configs.isEmpty()) {
            return d.name + " has no configuration (PID " + String.join(", ", d.configurationPid)
                    + "; policy " + d.configurationPolicy + ")";
        }
        StringBuilder why = new StringBuilder(d.name);
        for (ComponentConfigurationDTO c : configs) {
            why.append(" state ").append(state(c.state));
            for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
                why.append("; no ").append(r.name).append(r.target != null ? " matching " + r.target : "");
            }
            if (c.failure != null) {
                why.append("; failed: ").append(c.failure.lines().findFirst().orElse(""));
            }
        }
        return why.toString();
    }

    static String state(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "state " + state;
        };
    }

    private void usage(PrintStream to) {
        to.println("usage: flam <command> [arguments]");
        to.println();
        to.println("commands:");
        synchronized (commands) {
            commands.forEach((name, objects) -> {
                Command c = objects.getService();
                to.printf("  %-10s %s%n", name, c == null ? "(failed to start)" : c.summary());
                if (c != null) {
                    objects.ungetService(c);
                }
            });
        }
        to.println("  help       this list");
    }

    static List<String> arguments(Object value) {
        if (value instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (value == null) {
            return List.of();
        }
        throw new IllegalArgumentException("launcher.arguments is a " + value.getClass().getName() + ", not String[]");
    }
}
