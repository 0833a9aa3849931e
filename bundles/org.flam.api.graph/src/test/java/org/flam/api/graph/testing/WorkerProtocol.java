package org.flam.api.graph.testing;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The line protocol of the benchmark workers that {@code bench/side-by-side.sh} drives: one
 * command per line on standard input ({@code NAME ARG...}), one answer per command on the real
 * standard output as {@code @@ JSON} ({@link ArrayExport#json}); {@code quit} ends the worker.
 * Other output (ND4J's, a library's) may interleave: the driver reads only {@code @@} lines.
 * A benchmark helper shared by the graph-builder bundles' benchmarks, not product code.
 */
public final class WorkerProtocol {

    /** A command: its arguments (after the name) to the fields of its answer. */
    @FunctionalInterface
    public interface Command {
        Map<String, ?> run(String[] args) throws Exception;
    }

    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    /** Sends one answer line, whatever {@code System.out} is set to meanwhile. */
    public void answer(Map<String, ?> fields) {
        out.println("@@ " + ArrayExport.json(new StringBuilder(), fields));
    }

    /** Answers commands until {@code quit} or the end of input, then exits the JVM. */
    public void serve(Map<String, Command> commands) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("quit")) {
                answer(Map.of("bye", true));
                break;
            }
            Command c = commands.get(words[0]);
            String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
            answer(c == null ? Map.of("error", "unknown command " + line) : c.run(args));
        }
        System.exit(0);
    }
}
