package org.flam.data.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;

/**
 * Reads and writes a corpus index: a UTF-8 tab-separated file with one line per recording.
 *
 * <pre>
 * # root=/home/me/.cache/flam/corpus-src          (optional first line)
 * path	caption	tags	duration	kind	source	licence	paraphrases	group
 * hedgewars-data/sounds/explosion.ogg	the sound of explosion	explosion,sounds	1.25	event	hedgewars-data	GPL-2	an explosion|explosion sound	explosion
 * </pre>
 *
 * <ul>
 * <li>The corpus root is the folder of the index file, unless the first line is the comment
 * {@code # root=<absolute path>}. Other lines starting with {@code #} before the header are
 * comments.</li>
 * <li>The header line is exactly {@value #HEADER_TEXT} (tab-separated), or, in files written
 * before paraphrases and label groups existed, {@value #HEADER_TEXT_7}; every line has as many
 * columns as its header. A 7-column line reads as a recording without paraphrases whose label
 * group is its caption text.</li>
 * <li>{@code path}: relative to the root, {@code /}-separated; {@code tags}: comma-separated,
 * may be empty; {@code duration}: seconds, finite, {@code > 0}; {@code kind}: {@code event} or
 * {@code background}; {@code paraphrases}: {@code |}-separated, may be empty (so a paraphrase
 * cannot hold a {@code |}); {@code group}: not blank.</li>
 * <li>Blank lines are ignored. Line order is entry order (synthesis draws entries by index).</li>
 * </ul>
 */
public final class CorpusIndex {

    /** The header line, with its tabs shown as spaces. */
    public static final String HEADER_TEXT = "path caption tags duration kind source licence paraphrases group";

    /** The header of files without paraphrases and groups, still read, with its tabs shown as spaces. */
    public static final String HEADER_TEXT_7 = "path caption tags duration kind source licence";

    private static final String HEADER = HEADER_TEXT.replace(' ', '\t');
    private static final String HEADER_7 = HEADER_TEXT_7.replace(' ', '\t');
    private static final String ROOT_PREFIX = "# root=";
    private static final int COLUMNS = 9;
    private static final int COLUMNS_7 = 7;

    private CorpusIndex() {
    }

    /**
     * Reads an index file.
     *
     * @param tsv the index file
     * @return the corpus, entries in file order, root as described in the class comment
     * @throws IOException if the file cannot be read, or a line is malformed: the message names
     *                     the file, the line number and what is wrong, e.g.
     *                     {@code corpus.tsv:12: duration must be finite and > 0, got "-1"}
     */
    public static Corpus read(Path tsv) throws IOException {
        Path root = tsv.toAbsolutePath().normalize().getParent();
        List<CorpusEntry> entries = new ArrayList<>();
        Map<String, Integer> lineOfPath = new HashMap<>();
        boolean header = false;
        int columns = COLUMNS;
        try (BufferedReader in = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (!header) {
                    if (number == 1 && line.startsWith(ROOT_PREFIX)) {
                        root = parseRoot(tsv, number, line.substring(ROOT_PREFIX.length()));
                    } else if (line.equals(HEADER) || line.equals(HEADER_7)) {
                        header = true;
                        columns = line.equals(HEADER) ? COLUMNS : COLUMNS_7;
                    } else if (!line.startsWith("#")) {
                        throw bad(tsv, number, "expected the header \"" + HEADER_TEXT
                                + "\" (tab-separated), got \"" + shorten(line) + "\"");
                    }
                    continue;
                }
                CorpusEntry entry = parseEntry(tsv, number, line, columns);
                Integer previous = lineOfPath.putIfAbsent(entry.path(), number);
                if (previous != null) {
                    throw bad(tsv, number, "path \"" + entry.path() + "\" repeats line " + previous);
                }
                entries.add(entry);
            }
        }
        if (!header) {
            throw new IOException(tsv + ": no header line \"" + HEADER_TEXT + "\" (tab-separated)");
        }
        return new Corpus(root, entries);
    }

    /**
     * Writes an index file atomically: to a temporary file in the same folder, then renamed
     * over {@code tsv}, so a reader never sees half a file and a failed write leaves the old
     * one. Writes the {@code # root=} line unless the corpus root is the file's folder.
     *
     * @param corpus the corpus
     * @param tsv    the index file; its folder must exist
     * @throws IOException              if it cannot be written
     * @throws IllegalArgumentException if a tag contains a comma (the tag separator) or a
     *                                  paraphrase a {@code |} (the paraphrase separator)
     */
    public static void write(Corpus corpus, Path tsv) throws IOException {
        Objects.requireNonNull(corpus, "corpus");
        Path absolute = tsv.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Path root = corpus.root().toAbsolutePath().normalize();
        StringBuilder text = new StringBuilder();
        if (!root.equals(folder)) {
            text.append(ROOT_PREFIX).append(root).append('\n');
        }
        text.append(HEADER).append('\n');
        for (CorpusEntry e : corpus.entries()) {
            for (String tag : e.caption().tags()) {
                if (tag.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("tag \"" + tag + "\" of " + e.path()
                            + " contains a comma, the tag separator of the index");
                }
            }
            for (String p : e.paraphrases()) {
                if (p.indexOf('|') >= 0) {
                    throw new IllegalArgumentException("paraphrase \"" + p + "\" of " + e.path()
                            + " contains a |, the paraphrase separator of the index");
                }
            }
            text.append(e.path()).append('\t')
                    .append(e.caption().text()).append('\t')
                    .append(String.join(",", e.caption().tags())).append('\t')
                    .append(e.durationSeconds()).append('\t')
                    .append(e.kind().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(e.source()).append('\t')
                    .append(e.licence()).append('\t')
                    .append(String.join("|", e.paraphrases())).append('\t')
                    .append(e.group()).append('\n');
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the index.
        Path temp = folder.resolve("." + absolute.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The SHA-256 of an index file's bytes, as 64 lower-case hex digits: what a trained model's
     * manifest records to name the corpus it was trained on.
     *
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path tsv) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(tsv)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path parseRoot(Path tsv, int number, String value) throws IOException {
        Path root;
        try {
            root = Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw bad(tsv, number, "root is not a path: " + e.getMessage());
        }
        if (value.isBlank() || !root.isAbsolute()) {
            throw bad(tsv, number, "root must be an absolute path, got \"" + value + "\"");
        }
        return root.normalize();
    }

    private static CorpusEntry parseEntry(Path tsv, int number, String line, int columns) throws IOException {
        String[] cells = line.split("\t", -1);
        if (cells.length != columns) {
            throw bad(tsv, number, "expected " + columns + " tab-separated columns ("
                    + (columns == COLUMNS ? HEADER_TEXT : HEADER_TEXT_7) + "), got " + cells.length);
        }
        double duration;
        try {
            duration = Double.parseDouble(cells[3]);
        } catch (NumberFormatException e) {
            throw bad(tsv, number, "duration must be a number of seconds, got \"" + cells[3] + "\"");
        }
        CorpusEntry.Kind kind = switch (cells[4]) {
            case "event" -> CorpusEntry.Kind.EVENT;
            case "background" -> CorpusEntry.Kind.BACKGROUND;
            default -> throw bad(tsv, number, "kind must be event or background, got \"" + cells[4] + "\"");
        };
        List<String> tags = cells[2].isEmpty() ? List.of() : Arrays.asList(cells[2].split(",", -1));
        try {
            CorpusEntry entry = new CorpusEntry(cells[0], new Caption(cells[1], tags), duration, kind, cells[5], cells[6]);
            if (columns == COLUMNS) {
                List<String> paraphrases = cells[7].isEmpty() ? List.of() : Arrays.asList(cells[7].split("\\|", -1));
                entry = entry.withParaphrases(paraphrases, cells[8]);
            }
            return entry;
        } catch (IllegalArgumentException | NullPointerException e) {
            // The value types say which field is wrong and how; add where.
            throw bad(tsv, number, e.getMessage());
        }
    }

    private static IOException bad(Path tsv, int number, String what) {
        return new IOException(tsv + ":" + number + ": " + what);
    }

    private static String shorten(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
