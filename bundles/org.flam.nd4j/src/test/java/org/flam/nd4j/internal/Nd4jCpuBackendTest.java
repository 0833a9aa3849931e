package org.flam.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.flam.api.BackendInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jCpuBackendTest {

    /** Every test draws its random inputs from ND4J's generator seeded the same way: no luck involved. */
    @org.junit.jupiter.api.BeforeEach
    void seedTheRandomInputs() {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(20_261_203L);
    }

    private static Nd4jCpuBackend backend;

    @BeforeAll
    static void start() {
        backend = new Nd4jCpuBackend(1, "", Nd4jCpuBackendTest.class.getClassLoader());
    }

    @Test
    void reportsTheCpuBackendAndTheEmbeddedVersions() {
        BackendInfo info = backend.info();
        assertEquals("nd4j-cpu", info.name());
        assertEquals("1.0.0-M2.1", info.versions().get("nd4j"));
        assertEquals("1.5.7", info.versions().get("javacpp"));
        assertEquals(1, info.threads(), "the configured OpenMP thread count");
        assertTrue(info.device().contains("cores"), info.device());
    }

    @Test
    void theThreadCountCanBeReconfiguredWhileRunning() {
        try {
            assertEquals(2, Nd4jCpuBackend.Nd4jInitializer.setThreads(2).threads());
        } finally {
            assertEquals(1, Nd4jCpuBackend.Nd4jInitializer.setThreads(1).threads());
        }
    }

    @Test
    void newGraphsHaveTheExecutionCacheDisabled() {
        // The cache returned alternating values for identical inputs in 1.0.0-M2.1.
        assertFalse(backend.newGraph().isEnableCache());
    }

    @Test
    void aGraphRepeatsItsOutputExactlyForTheSameInput() {
        SameDiff sd = backend.newGraph();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        SDVariable w = sd.var("w", Nd4j.createFromArray(new float[][] {
                {-1f, 0.5f, 0.2f}, {0.3f, -0.7f, 0.9f}, {0.1f, 0.4f, -0.6f}, {0.8f, -0.2f, 0.05f}}));
        sd.nn.softmax("y", sd.math.tanh(x.mmul(w)), 1);
        INDArray in = Nd4j.createFromArray(new float[][] {{0f, 0.1f, 0.2f, 0.3f}, {0.4f, 0.5f, 0.6f, 0.7f}});
        INDArray first = sd.output(Map.of("x", in), "y").get("y").dup();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, sd.output(Map.of("x", in), "y").get("y"), "run " + i);
        }
    }

    @Test
    void saveAndLoadGiveIdenticalOutputsAndKeepTheCacheOff(@TempDir Path dir) throws IOException {
        SameDiff sd = backend.newGraph();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 2));
        x.mmul("y", w);
        INDArray in = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray expected = sd.output(Map.of("x", in), "y").get("y");

        Path file = dir.resolve("graph.sd");
        sd.save(file.toFile(), false);
        SameDiff loaded = backend.load(file, false);

        assertFalse(loaded.isEnableCache());
        assertArrayEquals(expected.ravel().toFloatVector(),
                loaded.output(Map.of("x", in), "y").get("y").ravel().toFloatVector());
    }

    @Test
    void loadingSomethingElseIsAClearError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.sd");
        IOException e = assertThrows(IOException.class, () -> backend.load(missing, false));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path junk = Files.writeString(dir.resolve("junk.sd"), "not a graph");
        IOException e2 = assertThrows(IOException.class, () -> backend.load(junk, false));
        assertTrue(e2.getMessage().contains(junk.toString()), e2.getMessage());
    }
}
