package org.flam.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.flam.api.FlamProperties;
import org.flam.api.graph.Loss;
import org.flam.api.graph.testing.ComponentConfigs;
import org.flam.api.train.TrainingProgress;
import org.flam.api.train.TrainingRequest;
import org.flam.api.train.TrainingResult;
import org.flam.loss.flam.internal.FrameWiseLogitAdjustedLossAccess;
import org.flam.loss.siglip.internal.SiglipLossAccess;
import org.flam.loss.softmax.internal.SoftmaxLossAccess;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainer end to end on the tiny model: files, reload, resume, refusal, overfitting. */
class FlamTrainerTest {

    @TempDir
    Path dir;

    private static <S> Map.Entry<Map<String, Object>, S> service(String name, S s) {
        return new AbstractMap.SimpleImmutableEntry<>(Map.of(FlamProperties.NAME, name, "component.name", "test." + name), s);
    }

    private static FlamTrainer trainer(Map<String, Object> config, Loss... losses) {
        return trainer(config, null, losses);
    }

    private static FlamTrainer trainer(Map<String, Object> config, org.flam.api.spi.MixtureSynthesizer synthesizer,
            Loss... losses) {
        List<Map.Entry<Map<String, Object>, Loss>> l = new ArrayList<>();
        for (Loss loss : losses) {
            l.add(service(loss.getClass().getSimpleName(), loss));
        }
        Map<String, Object> c = new HashMap<>(Map.of("warmupSteps", 2, "learningRate", 0.01, "reportEverySteps", 1,
                "checkpointEverySteps", 2));
        c.putAll(config);
        return new FlamTrainer(ComponentConfigs.of(FlamTrainerConfiguration.class, c), Map.of("service.pid", FlamTrainer.PID),
                TinyModel.backend(), service("tiny", TinyModel.encoder()), service("tiny-heads", TinyModel.heads()),
                l, service("hash", TinyModel.textEncoder()), List.of(),
                synthesizer == null ? null : service("flam-mixture", synthesizer));
    }

    private static Loss[] stage2() {
        return new Loss[] {SoftmaxLossAccess.create(), FrameWiseLogitAdjustedLossAccess.create(200.0)};
    }

    @Test
    void writesAModelThatReloadsToTheSameOutputs() throws Exception {
        Path data = TinyModel.mixtures(dir.resolve("data"), 12);
        Path out = dir.resolve("model");
        List<TrainingProgress> reports = new ArrayList<>();
        TrainingResult r = trainer(Map.of(), stage2()).train(new TrainingRequest(data, out, null, 5, 6, 4, false),
                reports::add);
        assertEquals(6, r.steps());
        assertEquals(6, reports.size(), "a report per step at interval 1");
        assertEquals(List.of("global", "prior", "sed"), List.copyOf(reports.get(5).lossTerms().keySet()));
        assertTrue(reports.get(5).clipsPerSecond() > 0);
        ModelDirectory model = new ModelDirectory(out);
        assertTrue(model.isComplete());
        ModelDescription d = model.readDescription();
        assertEquals(TinyModel.SPEC, d.encoderSpec());
        assertEquals(5, model.readManifest().seed());
        assertEquals(64, model.readManifest().dataManifestHash().length());

        // The saved graph answers inference with any number of windows and texts, and equals
        // the final checkpoint's weights run through a freshly built graph.
        SameDiff loaded = TinyModel.backend().load(model.graphFile(), false);
        TrainingGraph fresh = TrainingGraph.build(TinyModel.backend(), TinyModel.encoder(), TinyModel.heads(),
                List.of(stage2()), 20, TinyModel.TEXT_DIM, 0, DataType.FLOAT);
        Path last = out.resolve("checkpoints").resolve("step-00000006");
        Map<String, INDArray> weights = Checkpoints.readArrays(last.resolve(Checkpoints.WEIGHTS));
        fresh.parameterArrays().forEach((k, v) -> v.assign(weights.get(k)));
        BatchBuilder b = new BatchBuilder(TrainingData.open(data, null, TinyModel.SPEC, 1 << 20, 0, 0),
                TinyModel.textEncoder(), null, List.of(), 3, 2, 0, 0, false, 0);
        Batch batch = b.build(1, 1);
        Map<String, INDArray> feed = Map.of(ModelDescription.LOG_MEL, batch.logMel(),
                ModelDescription.TEXT_FEATURES, batch.textFeatures());
        String[] outs = {ModelDescription.FRAME_EMBEDDINGS, ModelDescription.TEXT_EMBEDDINGS,
            ModelDescription.LOGIT_SCALE, ModelDescription.LOGIT_BIAS};
        Map<String, INDArray> a = loaded.output(feed, outs);
        Map<String, INDArray> e = fresh.graph().output(feed, outs);
        for (String o : outs) {
            assertEquals(e.get(o), a.get(o), o);
        }
        assertEquals(3, a.get(ModelDescription.FRAME_EMBEDDINGS).size(0));
    }

    @Test
    void anInterruptedRunResumesToTheSameWeights() throws Exception {
        Path data = TinyModel.mixtures(dir.resolve("data"), 12);
        Path straight = dir.resolve("straight");
        trainer(Map.of(), stage2()).train(new TrainingRequest(data, straight, null, 9, 6, 4, false), p -> { });

        Path broken = dir.resolve("broken");
        Thread self = Thread.currentThread();
        InterruptedException stop = assertThrows(InterruptedException.class, () -> trainer(Map.of(), stage2())
                .train(new TrainingRequest(data, broken, null, 9, 6, 4, false), p -> {
                    if (p.step() == 3) {
                        self.interrupt(); // what Ctrl-C does to the training thread
                    }
                }));
        assertTrue(stop.getMessage().contains("--resume"), stop.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the trainer consumed the interrupt");
        assertTrue(Files.isDirectory(broken.resolve("checkpoints").resolve("step-00000003")));
        assertFalse(new ModelDirectory(broken).isComplete());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> trainer(Map.of(), stage2())
                .train(new TrainingRequest(data, broken, null, 9, 6, 4, false), p -> { }));
        assertTrue(refused.getMessage().contains("resume"), refused.getMessage());

        trainer(Map.of(), stage2()).train(new TrainingRequest(data, broken, null, 9, 6, 4, true), p -> { });
        Map<String, INDArray> a = Checkpoints.readArrays(straight.resolve("checkpoints/step-00000006/weights.bin"));
        Map<String, INDArray> b = Checkpoints.readArrays(broken.resolve("checkpoints/step-00000006/weights.bin"));
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertEquals(a.get(k), b.get(k), "parameter " + k + " after resume");
        }
        try (Stream<Path> files = Files.list(broken.resolve("checkpoints"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("step-00000004", "step-00000006"), names, "two kept, no partial directory left");
        }
    }

    /**
     * With a corpus as data every clip slot is a fresh mixture, and a run stopped by Ctrl-C and
     * resumed still reaches the uninterrupted run's weights exactly.
     */
    @Test
    void freshMixturesFromACorpusTrainAndResumeExactly() throws Exception {
        Path corpus = TinyModel.corpus(dir.resolve("corpus"));
        Map<String, Object> config = Map.of("heldoutFraction", 0.0, "zeroShotGroupFraction", 0.0);
        Path straight = dir.resolve("straight");
        TrainingResult done = trainer(config, TinyModel.synthesizer(), stage2())
                .train(new TrainingRequest(corpus, straight, null, 4, 5, 4, false), p -> { });
        assertEquals(5, done.steps());
        assertTrue(done.finalLossTerms().get("sed") > 0);
        ModelDirectory model = new ModelDirectory(straight);
        assertEquals(org.flam.data.corpus.CorpusIndex.sha256(corpus), model.readManifest().dataManifestHash(),
                "the data hash is the corpus file's");
        assertTrue(model.readManifest().configurations().containsKey("test.flam-mixture"),
                "the synthesizer's configuration is part of the manifest: "
                        + model.readManifest().configurations().keySet());

        Path broken = dir.resolve("broken");
        Thread self = Thread.currentThread();
        assertThrows(InterruptedException.class, () -> trainer(config, TinyModel.synthesizer(), stage2())
                .train(new TrainingRequest(corpus, broken, null, 4, 5, 4, false), p -> {
                    if (p.step() == 2) {
                        self.interrupt();
                    }
                }));
        trainer(config, TinyModel.synthesizer(), stage2())
                .train(new TrainingRequest(corpus, broken, null, 4, 5, 4, true), p -> { });
        Map<String, INDArray> a = Checkpoints.readArrays(straight.resolve("checkpoints/step-00000005/weights.bin"));
        Map<String, INDArray> b = Checkpoints.readArrays(broken.resolve("checkpoints/step-00000005/weights.bin"));
        for (String k : a.keySet()) {
            assertEquals(a.get(k), b.get(k), "parameter " + k + " after resume");
        }
        IllegalArgumentException noSynthesizer = assertThrows(IllegalArgumentException.class,
                () -> trainer(config, stage2()).train(new TrainingRequest(corpus, dir.resolve("none"), null, 4, 5, 4,
                        false), p -> { }));
        assertTrue(noSynthesizer.getMessage().contains("MixtureSynthesizer"), noSynthesizer.getMessage());
    }

    @Test
    void aFinishedModelWithoutCheckpointsIsNotRetrainedOnResume() throws Exception {
        Path data = TinyModel.mixtures(dir.resolve("data"), 8);
        Path out = dir.resolve("done");
        trainer(Map.of(), stage2()).train(new TrainingRequest(data, out, null, 1, 2, 4, false), p -> { });
        Checkpoints.deleteTree(out.resolve("checkpoints"));
        byte[] model = Files.readAllBytes(out.resolve("model.sd"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(Map.of(), stage2())
                .train(new TrainingRequest(data, out, null, 1, 2, 4, true), p -> { }));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
        assertTrue(java.util.Arrays.equals(model, Files.readAllBytes(out.resolve("model.sd"))), "model untouched");
    }

    @Test
    void aDamagedCheckpointIsSkipped() throws Exception {
        Path data = TinyModel.mixtures(dir.resolve("data"), 8);
        Path out = dir.resolve("m");
        Thread self = Thread.currentThread();
        assertThrows(InterruptedException.class, () -> trainer(Map.of(), stage2())
                .train(new TrainingRequest(data, out, null, 1, 6, 4, false), p -> {
                    if (p.step() == 3) {
                        self.interrupt();
                    }
                }));
        Path newest = out.resolve("checkpoints/step-00000003/weights.bin");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 1] ^= 1;
        Files.write(newest, bytes);
        List<String> warnings = new ArrayList<>();
        var latest = new Checkpoints(out.resolve("checkpoints"), 2).latest(warnings::add);
        assertEquals(2, latest.orElseThrow().step(), "falls back to the previous checkpoint");
        assertTrue(warnings.get(0).contains("SHA-256"), warnings.toString());

        // With every checkpoint damaged, --resume refuses and keeps them.
        Path older = out.resolve("checkpoints/step-00000002/weights.bin");
        byte[] old = Files.readAllBytes(older);
        old[old.length - 1] ^= 1;
        Files.write(older, old);
        IOException refused = assertThrows(IOException.class, () -> trainer(Map.of(), stage2())
                .train(new TrainingRequest(data, out, null, 1, 6, 4, true), p -> { }));
        assertTrue(refused.getMessage().contains("every checkpoint") && refused.getMessage().contains("damaged"),
                refused.getMessage());
        assertTrue(Files.exists(newest) && Files.exists(older), "the damaged checkpoints are kept");
    }

    @Test
    void theSameTrainerRunsEachLoss() throws Exception {
        Path data = TinyModel.mixtures(dir.resolve("data"), 8);
        int i = 0;
        for (Loss loss : new Loss[] {SoftmaxLossAccess.create(), SiglipLossAccess.create(),
            FrameWiseLogitAdjustedLossAccess.create(200.0)}) {
            TrainingResult r = trainer(Map.of(), loss).train(new TrainingRequest(data, dir.resolve("l" + i++), null,
                    1, 2, 4, false), p -> { });
            assertFalse(r.finalLossTerms().isEmpty());
            r.finalLossTerms().values().forEach(v -> assertTrue(Double.isFinite(v)));
        }
    }

    @Test
    void overfitsAFixedTinyBatch() throws IOException {
        Path data = TinyModel.mixtures(dir.resolve("data"), 6);
        BatchBuilder builder = new BatchBuilder(TrainingData.open(data, null, TinyModel.SPEC, 1 << 20, 0, 0),
                TinyModel.textEncoder(), null, List.of(), 6, 2, 0, 0, false, 0);
        Batch batch = builder.build(3, 1);
        TrainingGraph graph = TrainingGraph.build(TinyModel.backend(), TinyModel.encoder(), TinyModel.heads(),
                List.of(stage2()), builder.textSlots(), TinyModel.TEXT_DIM, 0, DataType.FLOAT);
        Adam adam = new Adam(0.9, 0.999, 1e-8, 0, 0);
        Map<String, INDArray> params = graph.parameterArrays();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int s = 1; s <= 300; s++) {
            TrainingGraph.Step step = graph.step(batch.feeds());
            double total = step.terms().values().stream().mapToDouble(Double::doubleValue).sum();
            first = s == 1 ? total : first;
            last = total;
            adam.update(s, 0.02, params, step.gradients());
        }
        assertTrue(last < 0.1 * first, "total loss " + first + " -> " + last + " on one fixed batch");
    }
}
