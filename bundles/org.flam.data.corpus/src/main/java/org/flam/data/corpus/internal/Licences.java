package org.flam.data.corpus.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The licence of a Debian package, from its {@code /usr/share/doc/<package>/copyright}.
 *
 * <p>In a machine-readable copyright file (DEP-5) every {@code Files:} paragraph has a
 * {@code License:} field whose first line is the licence's short name. Game data packages
 * list fonts, maps and code beside the sounds, so not every paragraph matters: the result is
 * the licence of {@code Files: *} followed by those of the paragraphs whose file patterns name
 * sounds ({@link #SOUND_HINTS}), distinct, in file order, joined with {@code " or "} (each
 * recording is under one of them; the copyright file says which). Without such paragraphs it
 * is every content paragraph's licence. Paragraphs for {@code debian/*} only are skipped: they
 * license the packaging, not the sounds.
 */
public final class Licences {

    /** Words in a {@code Files:} pattern that say it covers recordings. */
    static final List<String> SOUND_HINTS = List.of("sound", "sfx", "audio", "voice", "sample", ".ogg", ".wav",
            ".flac", ".mp3");

    private Licences() {
    }

    /**
     * The licence short names of a copyright file, or null if it has no {@code License:}
     * field in a {@code Files:} paragraph (not machine-readable).
     *
     * @throws IOException if it cannot be read
     */
    public static String ofCopyright(Path copyright) throws IOException {
        return parse(Files.readString(copyright, StandardCharsets.UTF_8));
    }

    /** {@link #ofCopyright} on the file's text. */
    static String parse(String text) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> sounds = new LinkedHashSet<>();
        StringBuilder files = null;
        boolean inFiles = false;
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                files = null; // a paragraph ends
                inFiles = false;
            } else if (startsWithField(line, "Files")) {
                files = new StringBuilder(value(line));
                inFiles = true;
            } else if (inFiles && Character.isWhitespace(line.charAt(0))) {
                files.append(' ').append(line.strip()); // a continuation line of the patterns
            } else {
                inFiles = false;
                if (startsWithField(line, "License") && files != null && !packagingOnly(files.toString())) {
                    String name = value(line);
                    String patterns = files.toString().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty()) {
                        all.add(name);
                        if (patterns.equals("*") || SOUND_HINTS.stream().anyMatch(patterns::contains)) {
                            sounds.add(name);
                        }
                    }
                }
            }
        }
        Set<String> names = sounds.isEmpty() ? all : sounds;
        return names.isEmpty() ? null : String.join(" or ", names);
    }

    private static boolean packagingOnly(String files) {
        for (String glob : files.split("\\s+")) {
            if (!glob.startsWith("debian/")) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithField(String line, String field) {
        return line.regionMatches(true, 0, field + ":", 0, field.length() + 1);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip().replace('\t', ' ');
    }
}
