package org.flam.serve.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartTest {

    /** Delivers at most 7 bytes per read, so delimiters straddle buffer refills. */
    static InputStream trickle(byte[] b) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 7));
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
    }

    @Test
    void partsAndBinaryBodiesRoundTrip() throws Exception {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        // a near-delimiter inside the data must not end the part
        byte[] near = "\r\n--abc".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(near, 0, data, 1000, near.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("preamble\r\n--abcd\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\ndog ; barks\r\n"
                .getBytes(StandardCharsets.UTF_8));
        body.write("--abcd\r\ncontent-disposition: form-data; name=\"audio\"; filename=\"a \\\"b\\\".wav\"\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
        body.write(data);
        body.write("\r\n--abcd--\r\n".getBytes(StandardCharsets.UTF_8));
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(body.toByteArray()), trickle(body.toByteArray())}) {
            Multipart mp = new Multipart(in, "abcd");
            Multipart.Part q = mp.next();
            assertEquals("query", q.name());
            assertNull(q.filename());
            assertEquals("dog ; barks", mp.text(100, "query"));
            Multipart.Part a = mp.next();
            assertEquals("audio", a.name());
            assertEquals("a \"b\".wav", a.filename());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(data.length, mp.copyBody(out, data.length, "audio"));
            assertArrayEquals(data, out.toByteArray());
            assertNull(mp.next());
        }
    }

    @Test
    void limitsAndDamage() throws Exception {
        byte[] body = "--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nhello world\r\n--b--"
                .getBytes(StandardCharsets.UTF_8);
        Multipart mp = new Multipart(new ByteArrayInputStream(body), "b");
        mp.next();
        assertEquals(413, assertThrows(ApiException.class, () -> mp.text(5, "q")).status());
        Multipart cut = new Multipart(new ByteArrayInputStream(java.util.Arrays.copyOf(body, 50)), "b");
        cut.next();
        assertEquals("bad-multipart", assertThrows(ApiException.class, () -> cut.text(100, "q")).code());
        assertEquals("x y", Multipart.boundary("multipart/form-data; boundary=\"x y\""));
        assertThrows(ApiException.class, () -> Multipart.boundary("multipart/form-data"));
        // a skipped part body (not read by the caller) is passed over
        Multipart skip = new Multipart(new ByteArrayInputStream(body), "b");
        skip.next();
        assertNull(skip.next());
    }

    @Test
    void serveCommandUrls() {
        assertEquals("http://localhost:8080/", ServeCommand.localUrl("http://0.0.0.0:8080/"));
        assertEquals("http://localhost:9000/", ServeCommand.localUrl("http://127.0.0.1:9000"));
        assertEquals("http://10.0.0.5:80/app/", ServeCommand.localUrl("http://10.0.0.5:80/app"));
        assertNull(ServeCommand.localUrl("nonsense"));
    }
}
