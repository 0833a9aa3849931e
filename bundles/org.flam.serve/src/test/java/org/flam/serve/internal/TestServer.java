package org.flam.serve.internal;

import java.net.URI;
import java.util.EnumSet;
import java.util.Map;

import javax.servlet.DispatcherType;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletHolder;
import org.flam.api.detect.ModelLoader;

/**
 * The bundle's servlets on an embedded Jetty (the Jetty 9.4 line that Felix HTTP 4.2 embeds),
 * mapped as ServeComponent maps them on the HTTP Whiteboard, without OSGi.
 */
final class TestServer implements AutoCloseable {

    final DetectionEngine engine;
    private final Server server;

    TestServer(Limits limits, ModelLoader loader) throws Exception {
        engine = new DetectionEngine(limits);
        if (loader != null) {
            engine.setModelLoader(loader, Map.of("flam.name", "fake", "service.id", 1L));
        }
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new GuardFilter("detect.example.org")), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new DetectServlet(engine)), "/api/detect");
        context.addServlet(new ServletHolder(new HealthServlet(engine)), "/api/health");
        context.addServlet(new ServletHolder(new InfoServlet(engine, () -> Map.of("spi.TextEncoder", "hashing (test)"))),
                "/api/info");
        context.addServlet(new ServletHolder(new UiServlet()), "/");
        server.setHandler(context);
        server.start();
    }

    URI uri(String path) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        engine.close();
    }
}
