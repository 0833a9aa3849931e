package org.flam.serve.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.Filter;
import javax.servlet.Servlet;

import org.flam.api.FlamProperties;
import org.flam.api.detect.ModelLoader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The HTTP detection service: registers its servlets with the OSGi HTTP Whiteboard (default
 * servlet context): {@code /api/detect}, {@code /api/health}, {@code /api/info} and the UI at
 * {@code /}. Starts with the defaults when not configured; a new configuration re-registers
 * everything. The model loader is optional and dynamic, so the service answers (health says
 * why detection is unavailable) in an assembly without a detection runtime.
 */
@Component(service = {}, configurationPid = ServeComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = ServeConfiguration.class)
public final class ServeComponent {

    static final String PID = "org.flam.serve";
    /** Whiteboard servlet name prefix; {@code flam serve} looks for these. */
    static final String NAME_PREFIX = "org.flam.serve.";
    private static final String DEFAULT_CONTEXT = "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "="
            + HttpWhiteboardConstants.HTTP_WHITEBOARD_DEFAULT_CONTEXT_NAME + ")";

    private final DetectionEngine engine;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public ServeComponent(BundleContext context, ServeConfiguration config) throws IOException {
        this.engine = new DetectionEngine(Limits.of(config));
        synchronized (this) {
            if (pendingLoader != null) {
                engine.setModelLoader(pendingLoader, pendingProperties);
            }
        }
        Hashtable<String, Object> filter = new Hashtable<>();
        filter.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN, "/*");
        filter.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME, NAME_PREFIX + "guard");
        filter.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, DEFAULT_CONTEXT);
        registrations.add(context.registerService(Filter.class, new GuardFilter(config.allowedHosts()), filter));
        register(context, "detect", "/api/detect", new DetectServlet(engine));
        register(context, "health", "/api/health", new HealthServlet(engine));
        register(context, "info", "/api/info", new InfoServlet(engine, () -> implementations(context)));
        register(context, "ui", "/", new UiServlet());
    }

    private ModelLoader pendingLoader;
    private Map<String, Object> pendingProperties;

    @Reference(name = "modelLoader", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindModelLoader(ModelLoader loader, Map<String, Object> properties) {
        // DS may bind before the constructor has created the engine (field is still null then).
        pendingLoader = loader;
        pendingProperties = properties;
        if (engine != null) {
            engine.setModelLoader(loader, properties);
        }
    }

    synchronized void unbindModelLoader(ModelLoader loader) {
        if (pendingLoader == loader) {
            pendingLoader = null;
            pendingProperties = null;
            if (engine != null) {
                engine.setModelLoader(null, null);
            }
        }
    }

    private void register(BundleContext context, String name, String pattern, Servlet servlet) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, NAME_PREFIX + name);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, DEFAULT_CONTEXT);
        registrations.add(context.registerService(Servlet.class, servlet, props));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        registrations.clear();
        engine.close();
    }

    /** Every FLAM plug-in service of the framework: type to "name (bundle)", comma-separated. */
    static Map<String, String> implementations(BundleContext context) {
        Map<String, String> byType = new TreeMap<>();
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + FlamProperties.NAME + "=*)");
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    for (String type : (String[]) ref.getProperty("objectClass")) {
                        if (type.startsWith("org.flam.api.") && !type.startsWith("org.flam.api.command.")) {
                            String impl = ref.getProperty(FlamProperties.NAME) + " ("
                                    + ref.getBundle().getSymbolicName() + ")";
                            byType.merge(type.substring("org.flam.api.".length()), impl, (a, b) -> a + ", " + b);
                        }
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // no services to list
        }
        return byType;
    }
}
