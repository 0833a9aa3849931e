package org.flam.train.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs a graph's first gradient computation with standard output silenced: SameDiff 1.0.0-M2.1
 * prints a line per op to {@code System.out} while it builds a gradient function, which would
 * bury the command's own output. Later calls on the same graph print nothing and run as they are.
 */
final class FirstGradient {

    private boolean done;

    <T> T run(Supplier<T> work) {
        if (done) {
            return work.get();
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return work.get();
        } finally {
            System.setOut(out);
            done = true;
        }
    }
}
