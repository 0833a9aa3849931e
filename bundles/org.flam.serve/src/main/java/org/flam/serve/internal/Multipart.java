package org.flam.serve.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578): part headers, then each part's
 * body copied to a sink without buffering the whole request. Written here rather than taken
 * from the servlet container so that limits, error messages and where a file lands are the
 * same in every container, and nothing is written outside the configured upload folder.
 */
final class Multipart {

    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean finished;
    private boolean started;
    private boolean pendingBody;

    /** One part's headers. */
    record Part(String name, String filename, String contentType) {
        boolean isFile() {
            return filename != null;
        }
    }

    Multipart(InputStream in, String boundary) {
        // A body starts with "--boundary"; prefixing CRLF makes every delimiter "\r\n--boundary".
        this.in = new SequenceInputStream(new ByteArrayInputStream(new byte[] {'\r', '\n'}), in);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
    }

    /**
     * The boundary of a {@code multipart/form-data} content type.
     *
     * @throws ApiException 400 if there is none
     */
    static String boundary(String contentType) throws ApiException {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw new ApiException(400, "bad-multipart", "multipart/form-data request without a valid boundary parameter");
    }

    /** The next part's headers, or null after the last part. */
    Part next() throws IOException, ApiException {
        if (finished) {
            return null;
        }
        if (!skipToDelimiter()) {
            finished = true;
            throw new ApiException(400, "bad-multipart", "multipart body ends before its closing boundary");
        }
        int a = read();
        int b = read();
        if (a == '-' && b == '-') {
            finished = true;
            return null;
        }
        // Transport padding (spaces, tabs) may precede the CRLF.
        while (a == ' ' || a == '\t') {
            a = b;
            b = read();
        }
        if (a != '\r' || b != '\n') {
            throw new ApiException(400, "bad-multipart", "malformed multipart boundary line");
        }
        String name = null;
        String filename = null;
        String type = null;
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new ApiException(400, "bad-multipart", "multipart part headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                name = param(value, "name");
                filename = param(value, "filename");
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw new ApiException(400, "bad-multipart", "a multipart part has no Content-Disposition name");
        }
        pendingBody = true;
        return new Part(name, filename, type);
    }

    /**
     * Copies the current part's body to {@code out}.
     *
     * @param max most bytes accepted
     * @return bytes copied
     * @throws ApiException 413 if the body is longer than {@code max}; 400 if the request ends early
     */
    long copyBody(OutputStream out, long max, String what) throws IOException, ApiException {
        pendingBody = false;
        long n = 0;
        while (true) {
            fill(delimiter.length);
            int found = indexOf(pos, lim);
            int end = found >= 0 ? found : Math.max(pos, lim - delimiter.length + 1);
            if (found < 0 && lim - pos < delimiter.length) {
                throw new ApiException(400, "bad-multipart", "multipart body ends inside " + what);
            }
            int len = end - pos;
            n += len;
            if (n > max) {
                throw new ApiException(413, "upload-too-large", what + " is larger than the limit of " + max + " bytes");
            }
            if (out != null) {
                out.write(buf, pos, len);
            }
            pos = end;
            if (found >= 0) {
                pos += delimiter.length;
                return n;
            }
        }
    }

    /** A small text field's value, UTF-8. */
    String text(long max, String what) throws IOException, ApiException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copyBody(bytes, max, what);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Skips the preamble, or the rest of a part whose body was not read. */
    private boolean skipToDelimiter() throws IOException {
        if (pendingBody || !started) {
            pendingBody = false;
            started = true;
            try {
                copyBody(null, Long.MAX_VALUE, "a multipart part");
                return true;
            } catch (ApiException e) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int from, int to) {
        outer:
        for (int i = from; i <= to - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Ensures at least {@code want} bytes are buffered, unless the input ends. */
    private void fill(int want) throws IOException {
        if (lim - pos >= want) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < want || lim < BUFFER / 2) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return;
            }
            lim += r;
            if (lim >= want && in.available() <= 0) {
                return;
            }
        }
    }

    private int read() throws IOException {
        fill(1);
        return pos < lim ? buf[pos++] & 0xff : -1;
    }

    private String readLine() throws IOException, ApiException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = read();
            if (c < 0) {
                throw new ApiException(400, "bad-multipart", "multipart body ends inside part headers");
            }
            if (c == '\r') {
                int d = read();
                if (d == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(c);
                c = d;
                if (c < 0) {
                    continue;
                }
            }
            line.write(c);
            if (line.size() > MAX_HEADER_BYTES) {
                throw new ApiException(400, "bad-multipart", "multipart header line too long");
            }
        }
    }

    /** A parameter of a Content-Disposition value, e.g. {@code name} or {@code filename}. */
    static String param(String value, String key) {
        int i = 0;
        String lower = value.toLowerCase(Locale.ROOT);
        while (true) {
            i = lower.indexOf(key + "=", i);
            if (i < 0) {
                return null;
            }
            char before = i == 0 ? ';' : lower.charAt(i - 1);
            if (before == ';' || before == ' ' || before == '\t') {
                break;
            }
            i += key.length();
        }
        int start = i + key.length() + 1;
        if (start < value.length() && value.charAt(start) == '"') {
            StringBuilder sb = new StringBuilder();
            for (int j = start + 1; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '\\' && j + 1 < value.length() && value.charAt(j + 1) == '"') {
                    // only an escaped quote: browsers send Windows paths with plain backslashes
                    sb.append(value.charAt(++j));
                } else if (c == '"') {
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        int end = value.indexOf(';', start);
        return value.substring(start, end < 0 ? value.length() : end).strip();
    }
}
