package org.flam.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.flam.api.FlamProperties;
import org.flam.api.spi.TextEncoder;
import org.junit.jupiter.api.Test;

class EmbedCommandTest {

    /** Feature i of text t is t.length() + i: easy to check by hand. */
    private static final TextEncoder LENGTHS = new TextEncoder() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[][] encode(List<String> texts) {
            float[][] f = new float[texts.size()][];
            for (int i = 0; i < f.length; i++) {
                f[i] = new float[] {texts.get(i).length(), texts.get(i).length() + 1};
            }
            return f;
        }
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void tsvNamesTheBoundEncoderAndGivesOneRowPerText() {
        EmbedCommand cmd = bound("lengths");
        assertEquals(0, cmd.run(List.of("dog", "a\tb"), print, print));
        assertEquals("# encoder=lengths dimension=2\ndog\t3.0\t4.0\na b\t3.0\t4.0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonEscapesTexts() {
        EmbedCommand cmd = bound("lengths");
        cmd.run(List.of("--format", "json", "say \"hi\""), print, print);
        assertEquals("{\"encoder\":\"lengths\",\"dimension\":2,\"features\":[{\"text\":\"say \\\"hi\\\"\",\"vector\":[8.0,9.0]}]}\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rebindingSwitchesTheEncoderInPlace() {
        EmbedCommand cmd = bound("lengths");
        TextEncoder zeros = new TextEncoder() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public float[][] encode(List<String> texts) {
                return new float[texts.size()][1];
            }
        };
        cmd.bindTextEncoder(zeros, Map.of(FlamProperties.NAME, "zeros"));
        cmd.unbindTextEncoder(LENGTHS);
        cmd.run(List.of("x"), print, print);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("# encoder=zeros dimension=1"));
    }

    @Test
    void badArgumentsAreExplained() {
        EmbedCommand cmd = bound("lengths");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of(), print, print))
                .getMessage().contains("at least one text"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("--format", "xml", "a"), print, print))
                .getMessage().contains("xml"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("--frmat", "a"), print, print))
                .getMessage().contains("--frmat"));
    }

    private static EmbedCommand bound(String name) {
        EmbedCommand cmd = new EmbedCommand();
        cmd.bindTextEncoder(LENGTHS, Map.of(FlamProperties.NAME, name));
        return cmd;
    }
}
