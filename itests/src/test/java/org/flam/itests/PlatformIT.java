package org.flam.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.flam.api.command.Command;
import org.flam.api.graph.GraphBackend;
import org.flam.api.spi.TextEncoder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/** The detection assembly (features/detect) in a running Felix framework. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PlatformIT {

    private static final long TIMEOUT_MS = 120_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return Assembly.options("detect");
    }

    @Test
    public void everyBundleIsActiveAndFragmentsAreResolved() {
        List<String> wrong = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                wrong.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertTrue("bundles not started: " + wrong, wrong.isEmpty());
        Set<String> names = new TreeSet<>();
        Arrays.stream(context.getBundles()).forEach(b -> names.add(b.getSymbolicName()));
        assertTrue(names.toString(), names.containsAll(Set.of("org.flam.api", "org.flam.api.graph", "org.flam.nd4j",
                "org.flam.text.minilm", "org.flam.text.hashing", "org.flam.cli", "org.flam.features.detect")));
    }

    @Test
    public void everyComponentIsActive() throws Exception {
        // What bnd's launcher registers with the command line; FlamMain needs it.
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("launcher.arguments", new String[] {"info"});
        ServiceRegistration<Object> launcher = context.registerService(Object.class, new Object(), props);
        try {
            await(TextEncoder.class, "(flam.name=minilm)"); // the Configurator has applied the assembly's configuration
            ServiceComponentRuntime scr = await(ServiceComponentRuntime.class, null);
            // Delayed components are only SATISFIED until used: get each service once.
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.SATISFIED && d.serviceInterfaces.length > 0) {
                        var refs = context.getServiceReferences(d.serviceInterfaces[0], "(component.id=" + c.id + ")");
                        assertNotNull(d.name + " registered no service", refs);
                        assertNotNull(d.name + " failed to activate", context.getService(refs[0]));
                    }
                }
            }
            Set<String> components = new TreeSet<>();
            List<String> notActive = new ArrayList<>();
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                components.add(d.name);
                var configs = scr.getComponentConfigurationDTOs(d);
                if (configs.isEmpty()) {
                    notActive.add(d.name + " (no configuration)");
                }
                for (ComponentConfigurationDTO c : configs) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE) {
                        notActive.add(d.name + " state " + c.state + " unsatisfied " + Arrays.toString(
                                Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toArray()));
                    }
                }
            }
            assertTrue("components not active: " + notActive, notActive.isEmpty());
            assertTrue(components.toString(), components.containsAll(Set.of(
                    "org.flam.cli.internal.FlamMain", "org.flam.cli.internal.InfoCommand",
                    "org.flam.cli.internal.EmbedCommand", "org.flam.cli.internal.LogPrinter",
                    "org.flam.nd4j.internal.Nd4jCpuBackend", "org.flam.text.minilm.internal.MiniLmTextEncoder",
                    "org.flam.text.hashing.internal.HashingTextEncoder")));
        } finally {
            launcher.unregister();
        }
    }

    @Test
    public void aTinySameDiffGraphGivesTheSameValuesAndGradientsInsideOsgiAsOutside() throws Exception {
        GraphBackend backend = await(GraphBackend.class, null);
        Map<String, double[]> inside = TinyGraph.run(backend.newGraph());
        Map<String, double[]> closedForm = TinyGraph.closedForm();

        Path file = Path.of(System.getProperty("flam.itest.outside", "target/tiny-graph-outside.properties"));
        assertTrue(file + " is written by TinyGraphTest (surefire) before the integration tests", Files.exists(file));
        Properties outside = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            outside.load(r);
        }
        for (String key : closedForm.keySet()) {
            assertArrayEquals(key + " inside vs outside", parse(outside.getProperty(key)), inside.get(key), 0.0);
            assertArrayEquals(key + " inside vs closed form", closedForm.get(key), inside.get(key), 1e-12);
        }
    }

    @Test
    public void miniLmGivesTheReferenceVectorForDogBarking() throws Exception {
        TextEncoder minilm = await(TextEncoder.class, "(flam.name=minilm)");
        float[] v = minilm.encode("dog barking");
        assertEquals(384, v.length);
        // The reference values of the platform issue (langchain4j's model on the class path).
        assertArrayEquals(new float[] {0.003829104f, 0.002625334f, 0.05868675f}, Arrays.copyOf(v, 3), 1e-6f);
    }

    @Test
    public void changingOneConfigurationValueSwitchesTheTextEncoderWithoutRestart() throws Exception {
        Command embed = await(Command.class, "(flam.command=embed)");
        Bundle cli = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("org.flam.cli"))
                .findFirst().orElseThrow();
        long cliModified = cli.getLastModified();
        assertTrue(run(embed, "dog barking").startsWith("# encoder=minilm dimension=384\n"));

        ConfigurationAdmin cm = await(ConfigurationAdmin.class, null);
        org.osgi.service.cm.Configuration config = cm.getConfiguration("org.flam.cli.embed", null);
        Dictionary<String, Object> props = config.getProperties();
        props.put("textEncoder.target", "(flam.name=hashing)");
        config.update(props);
        String switched = awaitOutput(embed, "# encoder=hashing dimension=256\n");
        assertFalse("hashing features differ from MiniLM's", switched.contains("0.003829104"));

        props.put("textEncoder.target", "(flam.name=minilm)");
        config.update(props);
        awaitOutput(embed, "# encoder=minilm dimension=384\n");

        // The same command object served both: the reference was rebound in place,
        // and no bundle was restarted or updated.
        assertSame(embed, await(Command.class, "(flam.command=embed)"));
        assertEquals(Bundle.ACTIVE, cli.getState());
        assertEquals(cliModified, cli.getLastModified());
    }

    private String awaitOutput(Command embed, String prefix) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        String out = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                out = run(embed, "dog barking");
                if (out.startsWith(prefix)) {
                    return out;
                }
            } catch (IllegalStateException rebinding) {
                // between unbind and bind no encoder is bound
            }
            Thread.sleep(50);
        }
        fail("expected output starting " + prefix + " but got " + out);
        return out;
    }

    private static String run(Command command, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(Command.OK, command.run(List.of(args), out, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private <T> T await(Class<T> type, String filter) throws Exception {
        String f = "(objectClass=" + type.getName() + ")";
        if (filter != null) {
            f = "(&" + f + filter + ")";
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(f), null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT_MS);
        assertNotNull("no service " + f + " within " + TIMEOUT_MS + " ms", service);
        return service;
    }

    private static double[] parse(String list) {
        assertNotNull(list);
        String body = list.substring(1, list.length() - 1);
        return Arrays.stream(body.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

}
