package org.flam.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;

/**
 * Readers and writers for the files sound event detection evaluation uses (UTF-8,
 * tab-separated, one row per line):
 * <ul>
 * <li>events (ground truth or detections), DCASE TSV: {@code filename onset offset event_label},
 * times in seconds;</li>
 * <li>durations: {@code filename duration}, seconds;</li>
 * <li>frame scores, one file per audio file as {@code sed_scores_eval} writes them: a header
 * {@code onset offset <label>...} and one row per frame.</li>
 * </ul>
 *
 * <p>File names are kept exactly as written in the {@code filename} column (with their audio
 * extension, as {@code psds_eval} keys them); they are the keys every
 * {@link org.flam.api.spi.Metric} matches across scores, ground truth and durations.
 *
 * <p>Every malformed row fails with an {@link IOException} whose message starts with
 * {@code <path>:<line>:} (lines count from 1, the header included).
 */
public final class SedFiles {

    private static final List<String> EVENT_COLUMNS = List.of("filename", "onset", "offset", "event_label");
    private static final List<String> DURATION_COLUMNS = List.of("filename", "duration");
    /*
     * Largest deviation, in seconds, of a score row's onset/offset from the uniform grid that
     * FrameScores holds: sed_scores_eval evaluates times rounded to 6 decimals, so tables
     * written with 6 decimals (e.g. 0.3125 s frames, or 1/3 s as 0.333333) must be accepted.
     */
    private static final double GRID_TOLERANCE_SECONDS = 1e-6;

    private SedFiles() {
    }

    /**
     * Reads a DCASE TSV event table. The header is optional: when the first non-blank line
     * names the columns ({@code filename}, {@code onset}, {@code offset}, {@code event_label},
     * in any order, other columns ignored) they are taken from it, else the order is
     * {@code filename onset offset event_label}. Blank lines are skipped.
     *
     * <p>A row with a file name and nothing else (or empty onset, offset and label cells, as
     * DCASE ground truth writes a file without events) lists that file with an empty event
     * list; a file with neither events nor such a row does not appear at all, so a caller who
     * needs every evaluated file takes them from the durations table. Each event carries its
     * file name.
     *
     * @return file name to its events in file order; files in order of first appearance
     * @throws IOException if the file cannot be read or a row is malformed (wrong number of
     *                     cells, a time that is not a number, {@code offset <= onset},
     *                     {@code onset < 0}, a blank label)
     */
    public static Map<String, List<SoundEvent>> readEvents(Path dcaseTsv) throws IOException {
        Map<String, List<SoundEvent>> events = new LinkedHashMap<>();
        Table table = Table.read(dcaseTsv, EVENT_COLUMNS);
        for (Row row : table.rows) {
            String filename = row.cell(0);
            if (filename.isEmpty()) {
                throw row.error("empty filename");
            }
            List<SoundEvent> list = events.computeIfAbsent(filename, f -> new ArrayList<>());
            if (row.cell(1).isEmpty() && row.cell(2).isEmpty() && row.cell(3).isEmpty()) {
                continue;
            }
            double onset = row.number(1, "onset");
            double offset = row.number(2, "offset");
            try {
                list.add(new SoundEvent(filename, onset, offset, row.cell(3)));
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
        }
        return events;
    }

    /**
     * Reads a durations table {@code filename duration} (seconds; header optional, as for
     * {@link #readEvents}). A file listed twice with the same duration is kept once (DCASE
     * metadata repeats rows); with different durations it is an error.
     *
     * @return file name to duration in seconds, in file order
     * @throws IOException if the file cannot be read, a row is malformed, a duration is not
     *                     finite and {@code >= 0}, or a file has two durations
     */
    public static Map<String, Double> readDurations(Path tsv) throws IOException {
        Map<String, Double> durations = new LinkedHashMap<>();
        for (Row row : Table.read(tsv, DURATION_COLUMNS).rows) {
            String filename = row.cell(0);
            if (filename.isEmpty()) {
                throw row.error("empty filename");
            }
            double duration = row.number(1, "duration");
            if (!(duration >= 0) || Double.isInfinite(duration)) {
                throw row.error("duration must be finite and >= 0 s, got " + duration);
            }
            Double before = durations.putIfAbsent(filename, duration);
            if (before != null && before != duration) {
                throw row.error("file " + filename + " listed with durations " + before + " and " + duration);
            }
        }
        return durations;
    }

    /**
     * Reads one frame score table: header {@code onset offset <label>...} (required: it names
     * the labels), then one row per frame. Frames must be gapless, start at 0 and have equal
     * lengths (within 1e-6 s, the time precision of {@code sed_scores_eval}), since
     * {@link FrameScores} holds a uniform {@link FrameGrid}; the rate is the frame count over
     * the last offset.
     *
     * @throws IOException if the file cannot be read, the header is missing or repeats a
     *                     label, a row has the wrong number of cells or a non-finite number,
     *                     or the frames are not a uniform grid from 0 (the message names the
     *                     first offending line)
     */
    public static FrameScores readScores(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int headerLine = 0;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            throw new IOException(file + ":1: empty score table (a header onset offset <label>... is required)");
        }
        String[] header = lines.get(headerLine).split("\t", -1);
        if (header.length < 3 || !header[0].trim().equals("onset") || !header[1].trim().equals("offset")) {
            throw new IOException(file + ":" + (headerLine + 1)
                    + ": header must be onset<TAB>offset<TAB><label>..., got " + lines.get(headerLine));
        }
        List<String> labels = new ArrayList<>();
        for (int k = 2; k < header.length; k++) {
            labels.add(header[k].trim());
        }
        List<double[]> times = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Row row = new Row(file, i + 1, lines.get(i).split("\t", -1));
            if (row.cells.length != header.length) {
                throw row.error("expected " + header.length + " cells, got " + row.cells.length);
            }
            times.add(new double[] {row.number(0, "onset"), row.number(1, "offset")});
            float[] scores = new float[labels.size()];
            for (int k = 0; k < scores.length; k++) {
                scores[k] = (float) row.number(k + 2, "score of " + labels.get(k));
            }
            rows.add(scores);
            lineNumbers.add(i + 1);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ":" + (headerLine + 1) + ": no frames");
        }
        double end = times.get(times.size() - 1)[1];
        if (!(end > 0)) {
            throw new IOException(file + ":" + lineNumbers.get(lineNumbers.size() - 1)
                    + ": last offset must be > 0 s, got " + end);
        }
        FrameGrid grid = new FrameGrid(rows.size() / end, rows.size());
        for (int f = 0; f < rows.size(); f++) {
            double[] t = times.get(f);
            if (Math.abs(t[0] - grid.onset(f)) > GRID_TOLERANCE_SECONDS
                    || Math.abs(t[1] - grid.offset(f)) > GRID_TOLERANCE_SECONDS) {
                throw new IOException(file + ":" + lineNumbers.get(f) + ": frame " + f + " is [" + t[0] + ", " + t[1]
                        + ") s but a gapless uniform grid from 0 s with " + rows.size() + " frames up to " + end
                        + " s needs [" + grid.onset(f) + ", " + grid.offset(f) + ")");
            }
        }
        try {
            return new FrameScores(grid, labels, rows.toArray(new float[0][]));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + (headerLine + 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every {@code *.tsv} file of a directory with {@link #readScores(Path)} (a method of
     * its own name: Java cannot overload {@code readScores(Path)} on the return type); the key is
     * the file name without {@code .tsv}, so the scores of audio file {@code a.wav} are in
     * {@code a.wav.tsv} (name score files after the ground truth's {@code filename} column;
     * {@code sed_scores_eval} names them after the audio id without extension, which matches
     * when the ground truth lists ids without extension too). Other files and subdirectories
     * are ignored.
     *
     * @return file name to scores, sorted by file name
     * @throws IOException if the directory or a table cannot be read or a table is malformed
     */
    public static Map<String, FrameScores> readScoreDirectory(Path dir) throws IOException {
        Map<String, FrameScores> scores = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".tsv"))
                    .sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            scores.put(name.substring(0, name.length() - ".tsv".length()), readScores(file));
        }
        return scores;
    }

    /**
     * Writes a DCASE TSV event table with a header. Events are written per file in map order,
     * each event's time as Java writes a double (exact round trip); a file with an empty list
     * is written as a row with the file name and empty cells (as DCASE ground truth lists files
     * without events), so {@link #readEvents} gives it back. The events' own filename fields
     * are ignored: the map key is written.
     */
    public static void writeEvents(Path dcaseTsv, Map<String, List<SoundEvent>> events) throws IOException {
        Objects.requireNonNull(events, "events");
        try (BufferedWriter out = Files.newBufferedWriter(dcaseTsv, StandardCharsets.UTF_8)) {
            out.write(String.join("\t", EVENT_COLUMNS));
            out.write('\n');
            for (Map.Entry<String, List<SoundEvent>> file : events.entrySet()) {
                if (file.getValue().isEmpty()) {
                    out.write(file.getKey() + "\t\t\t\n");
                }
                for (SoundEvent e : file.getValue()) {
                    out.write(file.getKey() + "\t" + e.onset() + "\t" + e.offset() + "\t" + e.label() + "\n");
                }
            }
        }
    }

    /**
     * Writes one score table as {@code sed_scores_eval} reads it: header
     * {@code onset offset <label>...}, then per frame its onset and offset in seconds (from the
     * grid) and its scores (exact float round trip).
     */
    public static void writeScores(Path file, FrameScores scores) throws IOException {
        Objects.requireNonNull(scores, "scores");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("onset\toffset\t" + String.join("\t", scores.labels()));
            out.write('\n');
            FrameGrid grid = scores.grid();
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < scores.frameCount(); f++) {
                line.setLength(0);
                line.append(grid.onset(f)).append('\t').append(grid.offset(f));
                for (int k = 0; k < scores.labels().size(); k++) {
                    line.append('\t').append(scores.score(f, k));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    /**
     * Writes one score table per file into {@code dir} (created if missing) as
     * {@code <file name>.tsv}, the layout {@link #readScoreDirectory(Path)} reads back.
     *
     * @throws IOException if a file name holds a path separator or a file cannot be written
     */
    public static void writeScoreDirectory(Path dir, Map<String, FrameScores> scores) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, FrameScores> file : scores.entrySet()) {
            String name = file.getKey();
            if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw new IOException("file name " + name + " cannot name a score file in " + dir);
            }
            writeScores(dir.resolve(name + ".tsv"), file.getValue());
        }
    }

    /** A table's rows, with the cells reordered into the expected columns. */
    private record Table(List<Row> rows) {

        /**
         * Reads {@code path}; the first non-blank line is a header if it holds every expected
         * column name, and then decides the column order; otherwise it is data in the expected
         * order. A row may be shorter than the columns only by trailing empty cells.
         */
        static Table read(Path path, List<String> columns) throws IOException {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            int[] index = null;
            boolean positional = false;
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                Row row = new Row(path, i + 1, lines.get(i).split("\t", -1));
                if (index == null) {
                    index = headerIndex(row.cells, columns);
                    if (index != null) {
                        continue;
                    }
                    positional = true;
                    index = new int[columns.size()];
                    Arrays.setAll(index, c -> c);
                }
                rows.add(new Row(path, i + 1, pick(row, index, positional)));
            }
            return new Table(rows);
        }

        private static int[] headerIndex(String[] cells, List<String> columns) {
            List<String> names = Arrays.stream(cells).map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            int[] index = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                index[c] = names.indexOf(columns.get(c));
                if (index[c] < 0) {
                    return null;
                }
            }
            return index;
        }

        /**
         * The expected columns of {@code row}; missing trailing cells read as empty. Without a
         * header a non-empty cell beyond the expected columns is an error (a shifted row);
         * with one, columns the header does not ask for are ignored.
         */
        private static String[] pick(Row row, int[] index, boolean positional) throws IOException {
            if (positional) {
                for (int c = index.length; c < row.cells.length; c++) {
                    if (!row.cells[c].isBlank()) {
                        throw row.error("expected " + index.length + " cells, got " + row.cells.length);
                    }
                }
            }
            String[] picked = new String[index.length];
            for (int c = 0; c < index.length; c++) {
                picked[c] = index[c] < row.cells.length ? row.cells[index[c]].trim() : "";
            }
            return picked;
        }
    }

    /** One data row: its file and line for error messages, and its cells. */
    private record Row(Path path, int line, String[] cells) {

        String cell(int c) {
            return cells[c];
        }

        double number(int c, String what) throws IOException {
            String text = cells[c].trim();
            try {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw error(what + " must be finite, got " + text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(what + " is not a number: \"" + text + "\"");
            }
        }

        IOException error(String message) {
            return new IOException(path + ":" + line + ": " + message);
        }
    }
}
