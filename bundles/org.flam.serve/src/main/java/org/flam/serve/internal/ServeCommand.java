package org.flam.serve.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code flam serve [--port N]}: prints the URL of the running service and blocks until the
 * process is stopped (Ctrl-C). The HTTP port is Felix HTTP's configuration
 * ({@code org.apache.felix.http}, property {@code org.osgi.service.http.port}, set in the
 * assembly's Configurator JSON); {@code --port} changes it through ConfigurationAdmin
 * before the URL is printed.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=serve")
public final class ServeCommand implements Command {

    static final String USAGE_LINE = "serve [--port N]";
    static final String HTTP_PID = "org.apache.felix.http";
    static final String PORT = "org.osgi.service.http.port";
    private static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";

    private final BundleContext context;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    @Activate
    public ServeCommand(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    void deactivate() {
        stopped.countDown();
    }

    @Override
    public String summary() {
        return "serve detection over HTTP (API and web UI) until stopped: " + USAGE_LINE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Integer port = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--port") && i + 1 < args.size()) {
                port = parsePort(args.get(++i));
            } else if (a.startsWith("--port=")) {
                port = parsePort(a.substring("--port=".length()));
            } else {
                err.println("usage: flam " + USAGE_LINE);
                return USAGE;
            }
        }
        if (port != null) {
            setPort(port);
        }
        String url = awaitUrl(port, 30_000);
        if (url == null) {
            err.println("serve: no HTTP endpoint came up within 30 s (is org.apache.felix.http.jetty in the "
                    + "assembly, and the port free?)");
            return 1;
        }
        out.println("FLAM serving at " + url + "  (API: " + url + "api/detect, " + url + "api/health, " + url
                + "api/info)");
        err.println("serve: press Ctrl-C to stop");
        out.flush();
        stopped.await();
        return OK;
    }

    private static int parsePort(String v) {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--port must be a TCP port 0-65535, got \"" + v + "\"");
    }

    private void setPort(int port) throws IOException {
        ConfigurationAdmin ca = configurationAdmin;
        if (ca == null) {
            throw new IllegalStateException("--port needs ConfigurationAdmin, which this assembly lacks; set "
                    + PORT + " in the assembly's configuration instead");
        }
        Configuration c = ca.getConfiguration(HTTP_PID, "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put(PORT, port);
        c.update(props);
    }

    /**
     * The service's URL, from the HTTP runtime's {@code osgi.http.endpoint} property, with the
     * host made {@code localhost} when Jetty listens on every interface or on the loopback.
     */
    private String awaitUrl(Integer port, long millis) throws InterruptedException, InvalidSyntaxException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            ServiceReference<?>[] refs = context.getServiceReferences(RUNTIME, null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    for (String endpoint : endpoints(ref.getProperty("osgi.http.endpoint"))) {
                        String url = localUrl(endpoint);
                        if (url != null && (port == null || port == 0 || url.contains(":" + port + "/"))) {
                            return url;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    static List<String> endpoints(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] a) {
            return List.of(a);
        }
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** {@code http://host:port/} as a browser on this machine opens it. */
    static String localUrl(String endpoint) {
        java.net.URI u;
        try {
            u = java.net.URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (u.getPort() <= 0 || u.getScheme() == null) {
            return null;
        }
        String host = u.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("127.0.0.1") || host.startsWith("[")) {
            host = "localhost";
        }
        String path = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath();
        return u.getScheme() + "://" + host + ":" + u.getPort() + (path.endsWith("/") ? path : path + "/");
    }
}
