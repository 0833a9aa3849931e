package org.flam.train.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs a graph's first gradient computation with this thread's standard output dropped:
 * SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to {@code System.out} for every op
 * while it builds a gradient function ({@code SameDiff.createGradFunction}, unconditionally),
 * which would bury a command's own output. Later calls on the same graph print nothing and run
 * as they are.
 *
 * <p>Only the calling thread is silenced: {@code System.out} is wrapped once in a stream that
 * drops the bytes of threads marked quiet and passes every other thread's, so a server or an
 * embedding product keeps its output while a model trains beside it.
 */
final class FirstGradient {

    /** Threads whose standard output is dropped. */
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    private boolean done;

    <T> T run(Supplier<T> work) {
        if (done) {
            return work.get();
        }
        install();
        QUIET.set(true);
        try {
            return work.get();
        } finally {
            QUIET.remove();
            done = true;
        }
    }

    /** Wraps {@code System.out} in a {@link Filtered} stream unless it is one already. */
    static synchronized void install() {
        if (!(System.out instanceof Filtered)) {
            System.setOut(new Filtered(System.out));
        }
    }

    /** {@code System.out} with the quiet threads' bytes dropped. */
    static final class Filtered extends PrintStream {
        Filtered(PrintStream target) {
            // PrintStream writes text through its own encoder to this stream, so filtering here
            // covers print, println, printf and write alike.
            super(new ThreadFilter(target), true);
        }
    }

    /** Passes bytes to the target unless the writing thread is quiet. */
    private static final class ThreadFilter extends FilterOutputStream {
        ThreadFilter(OutputStream target) {
            super(target);
        }

        @Override
        public void write(int b) throws IOException {
            if (!QUIET.get()) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!QUIET.get()) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
