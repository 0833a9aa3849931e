package org.flam.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** Only the thread that differentiates is silenced, and only the first time. */
class FirstGradientTest {

    @Test
    void silencesTheCallingThreadOnlyAndOnlyOnce() throws Exception {
        PrintStream real = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            FirstGradient first = new FirstGradient();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch printed = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                try {
                    inside.await();
                    System.out.println("server line");
                    printed.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            other.start();
            int result = first.run(() -> {
                System.out.println("Added differentiated op matmul");
                inside.countDown();
                try {
                    printed.await(); // the other thread prints while this one is quiet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.printf("Added differentiated op %s%n", "add");
                return 7;
            });
            other.join();
            assertEquals(7, result);
            first.run(() -> {
                System.out.println("second call prints");
                return 0;
            });
            System.out.println("after");
            assertEquals("server line\nsecond call prints\nafter\n",
                    captured.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        } finally {
            System.setOut(real);
        }
    }
}
