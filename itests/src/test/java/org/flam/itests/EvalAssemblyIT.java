package org.flam.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.inject.Inject;

import org.flam.api.command.Command;
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
import org.osgi.util.tracker.ServiceTracker;

/**
 * The evaluation assembly (features/eval) in a running Felix framework: {@code flam eval
 * scores} finds every metric service and scores a small case whose values are known.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class EvalAssemblyIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return Assembly.options("eval");
    }

    @Test
    public void everyBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            assertEquals(b.getSymbolicName(), fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState());
        }
    }

    @Test
    public void evalScoresRunsEveryMetricOnAPerfectSystem() throws Exception {
        // One 4 s file, 1 s frames; a dog barks in frames 1-2 and the scores say exactly that.
        Path work = Files.createTempDirectory("flam-eval-it");
        Path scores = Files.createDirectories(work.resolve("scores"));
        Files.writeString(scores.resolve("a.wav.tsv"),
                "onset\toffset\tdog\n0.0\t1.0\t0.0\n1.0\t2.0\t0.9\n2.0\t3.0\t0.8\n3.0\t4.0\t0.1\n");
        Path truth = Files.writeString(work.resolve("gt.tsv"), "filename\tonset\toffset\tevent_label\na.wav\t1.0\t3.0\tdog\n");
        Path durations = Files.writeString(work.resolve("durations.tsv"), "filename\tduration\na.wav\t4.0\n");

        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Command.class.getName() + ")(flam.command=eval))"), null);
        tracker.open();
        Command eval = tracker.waitForService(60_000);
        assertNotNull("no eval command", eval);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(Command.OK, eval.run(List.of("scores", "--scores", scores.toString(), "--ground-truth",
                truth.toString(), "--durations", durations.toString(), "--median", "1"), out, out));
        tracker.close();

        String json = bytes.toString(StandardCharsets.UTF_8);
        for (String metric : List.of("psds", "auroc", "mpauc", "f1-segment", "f1-collar", "spearman")) {
            assertTrue(metric + " missing: " + json, json.contains("\"" + metric + "\": {"));
        }
        // Scores separate the dog frames perfectly: every segment ranks right.
        assertTrue(json, json.contains("\"auroc\": 1.0"));
        assertTrue(json, json.contains("\"f1-segment\": 1.0"));
    }
}
