package org.flam.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.api.command.Command;
import org.flam.audio.io.WavWriter;
import org.flam.data.corpus.CorpusIndex;
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
 * The data assembly (features/synth) in a running Felix framework: its bundles start, and
 * {@code flam corpus} then {@code flam synth} turn a folder of sounds the test makes into
 * labelled mixtures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SynthAssemblyIT {

    private static final int RATE = 48_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return Assembly.options("synth");
    }

    @Test
    public void everyBundleIsActiveAndNoNumericsBackendIsInside() {
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            assertEquals(b.getSymbolicName(), fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState());
            names.add(b.getSymbolicName());
        }
        assertTrue(names.toString(), names.containsAll(List.of("org.flam.audio.io", "org.flam.data.corpus",
                "org.flam.augment.mixture", "org.flam.cli", "org.flam.features.synth")));
        assertTrue("the data assembly carries no ND4J", !names.contains("org.flam.nd4j"));
    }

    @Test
    public void corpusThenSynthMakeLabelledMixturesFromAFolderOfSounds() throws Exception {
        Path work = Files.createTempDirectory("flam-synth-it");
        Path sounds = Files.createDirectories(work.resolve("sounds").resolve("animals"));
        WavWriter.write(sounds.resolve("dog_bark_01.wav"), tone(600, 1.2), RATE, WavWriter.Encoding.PCM_16);
        WavWriter.write(sounds.resolve("cow_moo.wav"), tone(200, 2.0), RATE, WavWriter.Encoding.PCM_16);

        Path tsv = work.resolve("corpus.tsv");
        String corpusOut = run("corpus", "--out", tsv.toString(), "--source", "itest=" + work.resolve("sounds"),
                "--licence", "itest=CC0-1.0");
        assertTrue(corpusOut, Files.isRegularFile(tsv));
        Corpus corpus = CorpusIndex.read(tsv);
        assertEquals(corpus.entries().toString(), 2, corpus.entries().size());

        // No background recording in this corpus: the mixtures get generated noise beds.
        Path out = work.resolve("mixtures");
        run("synth", "--corpus", tsv.toString(), "--out", out.toString(), "--count", "2", "--seed", "3");
        try (Stream<Path> wavs = Files.list(out.resolve("audio"))) {
            assertEquals(2, wavs.count());
        }
        String events = Files.readString(out.resolve("events.tsv"));
        assertTrue(events, events.startsWith("filename\tonset\toffset\tevent_label\n"));
        assertTrue(events, events.contains("train_s3_000000.wav"));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains(CorpusIndex.sha256(tsv)));
    }

    private String run(String name, String... args) throws Exception {
        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Command.class.getName() + ")(flam.command=" + name + "))"), null);
        tracker.open();
        Command command = tracker.waitForService(60_000);
        assertNotNull("no command " + name, command);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(Command.OK, command.run(List.of(args), print, print));
        tracker.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static float[] tone(double hz, double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }
}
