package org.flam.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flam.api.BackendInfo;
import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.flam.api.graph.GraphBackend;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.framework.dto.ServiceReferenceDTO;

/**
 * {@code flam info}: what this assembly is made of: the numerics backend, every FLAM plug-in
 * service with its {@code flam.name}, which implementation each consumer is bound to, and
 * the bundles.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=info")
public final class InfoCommand implements Command {

    /** Interfaces whose implementations are swapped by configuration; listed by package. */
    private static final String API_PREFIX = "org.flam.api.";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GraphBackend backend;

    @Activate
    public InfoCommand(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Override
    public String summary() {
        return "show the assembled bundles, the active implementation of each service and the backend";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws InvalidSyntaxException {
        if (!args.isEmpty()) {
            err.println("usage: flam info");
            return USAGE;
        }
        Bundle framework = context.getBundle(0);
        out.printf("FLAM %s on %s %s, Java %s%n", context.getBundle().getVersion(), framework.getSymbolicName(),
                framework.getVersion(), System.getProperty("java.version"));

        out.println();
        out.println("Backend");
        GraphBackend b = backend;
        if (b == null) {
            out.println("  none (no GraphBackend service in this assembly)");
        } else {
            BackendInfo info = b.info();
            out.printf("  %s: %s; %d thread(s)%n", info.name(), info.device(), info.threads());
            info.versions().forEach((lib, v) -> out.printf("  %-10s %s%n", lib, v));
        }

        out.println();
        out.println("Services (flam.name from bundle)");
        services().forEach((type, impls) -> out.printf("  %-34s %s%n", type, String.join(", ", impls)));

        out.println();
        out.println("Consumers (reference -> bound implementation)");
        for (String line : consumers()) {
            out.println("  " + line);
        }

        out.println();
        Bundle[] bundles = context.getBundles();
        out.println("Bundles (" + bundles.length + ")");
        for (Bundle bundle : bundles) {
            out.printf("  %3d %-11s %s %s%n", bundle.getBundleId(), state(bundle.getState()), bundle.getSymbolicName(),
                    bundle.getVersion());
        }
        return OK;
    }

    /** FLAM service interface (simple name) to its implementations, "name (bundle)". */
    Map<String, List<String>> services() throws InvalidSyntaxException {
        Map<String, List<String>> byType = new TreeMap<>();
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + FlamProperties.NAME + "=*)");
        if (refs == null) {
            return byType;
        }
        for (ServiceReference<?> ref : refs) {
            for (String type : (String[]) ref.getProperty("objectClass")) {
                if (isPlugIn(type)) {
                    byType.computeIfAbsent(type.substring(API_PREFIX.length()), k -> new ArrayList<>())
                            .add(ref.getProperty(FlamProperties.NAME) + " (" + ref.getBundle().getSymbolicName() + ")");
                }
            }
        }
        byType.values().forEach(l -> l.sort(null));
        return byType;
    }

    /** One line per reference of every FLAM component: what it is bound to, or why not. */
    List<String> consumers() {
        List<String> lines = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            boolean flamReference = Arrays.stream(d.references).anyMatch(r -> isPlugIn(r.interfaceName));
            if (!flamReference) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                for (SatisfiedReferenceDTO r : c.satisfiedReferences) {
                    if (!isFlam(d, r.name)) {
                        continue;
                    }
                    List<String> bound = new ArrayList<>();
                    for (ServiceReferenceDTO s : r.boundServices) {
                        bound.add(String.valueOf(s.properties.getOrDefault(FlamProperties.NAME, "service " + s.id)));
                    }
                    lines.add(d.name + "  " + r.name + " -> " + (bound.isEmpty() ? "nothing (optional)" : String.join(", ", bound))
                            + (r.target != null ? "   target " + r.target : ""));
                }
                for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
                    if (isFlam(d, r.name)) {
                        lines.add(d.name + "  " + r.name + " -> UNSATISFIED" + (r.target != null ? "   target " + r.target : ""));
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static boolean isFlam(ComponentDescriptionDTO d, String reference) {
        return Arrays.stream(d.references).anyMatch(r -> r.name.equals(reference) && isPlugIn(r.interfaceName));
    }

    /** A swappable FLAM service: an API interface other than the launcher's own commands. */
    private static boolean isPlugIn(String interfaceName) {
        return interfaceName.startsWith(API_PREFIX) && !interfaceName.startsWith(API_PREFIX + "command.");
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
