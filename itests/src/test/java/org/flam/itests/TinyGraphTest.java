package org.flam.itests;

import static org.junit.Assert.assertArrayEquals;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import org.junit.Test;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The outside-OSGi half: runs {@link TinyGraph} on the plain class path, checks it against the
 * closed form and writes the values for PlatformIT to compare with the inside-OSGi run.
 */
public class TinyGraphTest {

    @Test
    public void tinyGraphMatchesTheClosedFormOutsideOsgi() throws IOException {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        Map<String, double[]> outside = TinyGraph.run(sd);
        Map<String, double[]> expected = TinyGraph.closedForm();
        for (String key : expected.keySet()) {
            assertArrayEquals(key, expected.get(key), outside.get(key), 1e-12);
        }
        Properties p = new Properties();
        outside.forEach((k, v) -> p.setProperty(k, Arrays.toString(v)));
        Path file = Path.of("target", "tiny-graph-outside.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "TinyGraph values computed outside OSGi by TinyGraphTest");
        }
    }
}
