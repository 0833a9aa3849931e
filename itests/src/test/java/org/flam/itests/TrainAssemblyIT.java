package org.flam.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.inject.Inject;

import org.flam.api.train.Trainer;
import org.flam.api.train.TrainingRequest;
import org.flam.api.train.TrainingResult;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The training assembly (features/train) in a running Felix framework: one assembly trains a
 * few steps with each of the three losses, switched by one configuration value
 * ({@code losses.target}), the same trainer bundle and code every time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class TrainAssemblyIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return Assembly.options("train");
    }

    @Test
    public void everyBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            assertEquals(b.getSymbolicName(), fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState());
        }
    }

    @Test
    public void eachLossTrainsBySwitchingOneConfigurationValue() throws Exception {
        Path work = Files.createTempDirectory("flam-train-it");
        Path data = mixtures(work.resolve("data"), 4);
        Bundle trainerBundle = null;
        Map<String, Set<String>> expected = Map.of("softmax", Set.of("global"), "siglip", Set.of("global"),
                "flam", Set.of("sed", "prior"));
        for (String loss : List.of("softmax", "siglip", "flam")) {
            String job = UUID.randomUUID().toString();
            Configuration c = configurationAdmin.getConfiguration("org.flam.train", "?");
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("losses.target", "(flam.name=" + loss + ")");
            d.put("corpus", "");
            d.put("warmupSteps", 1);
            d.put("flam.job", job);
            c.update(d);
            ServiceTracker<Trainer, Trainer> tracker = new ServiceTracker<>(context,
                    context.createFilter("(&(objectClass=" + Trainer.class.getName() + ")(flam.job=" + job + "))"), null);
            tracker.open();
            Trainer trainer = tracker.waitForService(120_000);
            assertNotNull("no trainer configured for " + loss, trainer);
            Bundle b = FrameworkUtil.getBundle(trainer.getClass());
            if (trainerBundle == null) {
                trainerBundle = b;
            }
            assertSame("the same trainer bundle for every loss", trainerBundle, b);
            TrainingResult r = trainer.train(new TrainingRequest(data, work.resolve("model-" + loss), null, 1, 2, 2,
                    false), p -> { });
            tracker.close();
            assertEquals(2, r.steps());
            assertEquals(loss, expected.get(loss), new TreeSet<>(r.finalLossTerms().keySet()));
            r.finalLossTerms().values().forEach(v -> assertTrue(loss + " " + v, Double.isFinite(v)));
            assertTrue(Files.isRegularFile(work.resolve("model-" + loss).resolve("model.sd")));
            String manifest = Files.readString(work.resolve("model-" + loss).resolve("manifest.json"));
            assertTrue(manifest, manifest.contains("\"org.flam.loss." + loss + "\""));
        }
    }

    /** A mixtures directory of 10 s clips at 16 kHz with one labelled tone each, 32 frames. */
    private static Path mixtures(Path dir, int count) throws IOException {
        Files.createDirectories(dir.resolve("audio"));
        Files.createDirectories(dir.resolve("frames"));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"flam-mixtures/1\", \"grid\": "
                + "{\"framesPerSecond\": 3.2, \"frameCount\": 32}, \"parameters\": {\"heldoutFraction\": 0.0}}\n");
        String[] labels = {"a beep", "a low hum"};
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "mix_%03d", i);
            int frame = 4 * i;
            short[] pcm = new short[160_000];
            for (int n = 0; n < pcm.length; n++) {
                boolean on = n / 5000 >= frame && n / 5000 < frame + 6;
                double f = i % 2 == 0 ? 1500 : 200;
                pcm[n] = (short) ((on ? 0.4 * Math.sin(2 * Math.PI * f * n / 16000) : 0) * 32767 + (n % 7 - 3));
            }
            wav(dir.resolve("audio").resolve(id + ".wav"), pcm, 16000);
            List<String> lines = new ArrayList<>();
            lines.add("onset\toffset\t" + labels[i % 2]);
            for (int f = 0; f < 32; f++) {
                lines.add((f * 0.3125) + "\t" + ((f + 1) * 0.3125) + "\t" + (f >= frame && f < frame + 6 ? "1.0" : "0.0"));
            }
            Files.write(dir.resolve("frames").resolve(id + ".tsv"), lines);
        }
        return dir;
    }

    private static void wav(Path file, short[] pcm, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * pcm.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * pcm.length);
        for (short s : pcm) {
            b.putShort(s);
        }
        Files.write(file, b.array());
    }
}
