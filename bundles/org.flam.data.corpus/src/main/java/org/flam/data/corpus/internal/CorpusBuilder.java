package org.flam.data.corpus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioInfo;
import org.flam.audio.io.AudioReader;
import org.flam.audio.io.AudioStream;
import org.flam.data.corpus.CorpusIndex;

/**
 * Builds a {@link Corpus} from source folders: walks each folder (following links, files in
 * path order, so the result is the same on every run), labels each recording with
 * {@link Labeller} under its source's {@link SourceRule}, measures its duration, drops
 * exact duplicates (same SHA-256 of the bytes; the first in source and path order is kept)
 * and records the source package and its licence.
 */
public final class CorpusBuilder {

    /** File name endings read as recordings (lower case). */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "ogg", "oga", "flac", "mp3");

    private static final int PROGRESS_EVERY = 500;

    /**
     * One source: a package name (which picks its rule and its copyright file) and its folder.
     *
     * @param name    the Debian package, e.g. {@code hedgewars-data}, or any name for a folder
     *                of one's own
     * @param dir     the folder holding its recordings; must lie inside the corpus root
     * @param licence the licence of its recordings, or null to take it from the rule or the
     *                package's copyright file
     */
    public record Source(String name, Path dir, String licence) {
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dir, "dir");
        }

        /** A source whose licence comes from its rule or its package's copyright file. */
        public Source(String name, Path dir) {
            this(name, dir, null);
        }
    }

    /**
     * Counts for one source, or for the whole corpus.
     *
     * @param clips       recordings kept
     * @param events      of which events
     * @param backgrounds of which backgrounds
     * @param seconds     their total duration, seconds
     * @param labels      distinct captions
     * @param texts       distinct captions and paraphrases together
     * @param groups      distinct label groups
     * @param excluded    recordings left out, by reason
     */
    public record Stats(int clips, int events, int backgrounds, double seconds, int labels, int texts, int groups,
            Map<String, Integer> excluded) {
    }

    /**
     * What a build made.
     *
     * @param corpus   the corpus
     * @param licences the licence recorded for each source
     * @param bySource counts per source, in source order
     * @param total    counts over all sources
     */
    public record Result(Corpus corpus, Map<String, String> licences, Map<String, Stats> bySource, Stats total) {
    }

    private final Path docDir;
    private final double minSeconds;
    private final Consumer<String> progress;

    /**
     * @param docDir     where {@code <package>/copyright} files are, normally {@code /usr/share/doc}
     * @param minSeconds recordings shorter than this (seconds) are left out
     * @param progress   receives one line now and then during long work
     */
    public CorpusBuilder(Path docDir, double minSeconds, Consumer<String> progress) {
        this.docDir = Objects.requireNonNull(docDir, "docDir");
        if (!(minSeconds >= 0)) {
            throw new IllegalArgumentException("minSeconds must be >= 0, got " + minSeconds);
        }
        this.minSeconds = minSeconds;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Builds the corpus.
     *
     * @param root    the corpus root; every source folder must lie inside it
     * @param sources the sources, in the order their entries appear
     * @throws IOException              if a folder cannot be walked, or a source has no licence
     *                                  (none in its rule and no machine-readable copyright file)
     * @throws IllegalArgumentException if a source is reserved for evaluation, named twice, or
     *                                  outside the root
     */
    public Result build(Path root, List<Source> sources) throws IOException {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        List<CorpusEntry> entries = new ArrayList<>();
        Map<String, String> licences = new LinkedHashMap<>();
        Map<String, Stats> bySource = new LinkedHashMap<>();
        Map<String, String> firstPathOfHash = new HashMap<>();
        Map<String, Integer> excludedTotal = new TreeMap<>();
        for (Source source : sources) {
            SourceRule rule = SourceRules.forName(source.name());
            if (licences.containsKey(source.name())) {
                throw new IllegalArgumentException("source " + source.name() + " is named twice");
            }
            Path dir = source.dir().toAbsolutePath().normalize();
            if (!dir.startsWith(absoluteRoot)) {
                throw new IllegalArgumentException("source " + source.name() + " folder " + dir
                        + " is not inside the corpus root " + absoluteRoot);
            }
            String licence = licence(source, rule, dir);
            licences.put(source.name(), licence);
            List<CorpusEntry> kept = new ArrayList<>();
            Map<String, Integer> excluded = new TreeMap<>();
            List<Path> files = recordings(dir);
            progress.accept(source.name() + ": " + files.size() + " recordings in " + dir);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String relative = slashes(dir.relativize(file));
                String corpusPath = slashes(absoluteRoot.relativize(file));
                String why = consider(rule, licence, file, relative, corpusPath, firstPathOfHash, kept);
                if (why != null) {
                    excluded.merge(why, 1, Integer::sum);
                }
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    progress.accept(source.name() + ": " + (i + 1) + "/" + files.size() + " read, " + kept.size()
                            + " kept");
                }
            }
            entries.addAll(kept);
            excluded.forEach((k, v) -> excludedTotal.merge(k, v, Integer::sum));
            Stats stats = stats(kept, excluded);
            bySource.put(source.name(), stats);
            progress.accept(String.format(Locale.ROOT, "%s: %d kept (%.2f h), %d left out", source.name(),
                    stats.clips(), stats.seconds() / 3600, files.size() - stats.clips()));
        }
        return new Result(new Corpus(absoluteRoot, entries), licences, bySource, stats(entries, excludedTotal));
    }

    /** Labels, measures and deduplicates one file; adds it to {@code kept} or says why not. */
    private String consider(SourceRule rule, String licence, Path file, String relative, String corpusPath,
            Map<String, String> firstPathOfHash, List<CorpusEntry> kept) throws IOException {
        String early = Labeller.excludedByPath(rule, relative);
        if (early != null) {
            return early;
        }
        double seconds;
        try {
            seconds = durationSeconds(file);
        } catch (AudioFileException e) {
            progress.accept("skipped " + e.getMessage());
            return "unreadable: " + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (!(seconds >= minSeconds) || !(seconds > 0)) {
            return "shorter than " + minSeconds + " s";
        }
        Labeller.Decision d = Labeller.decide(rule, relative, tuxPaintText(rule, file), seconds);
        if (d.isExcluded()) {
            return d.excluded();
        }
        String previous = firstPathOfHash.putIfAbsent(CorpusIndex.sha256(file), corpusPath);
        if (previous != null) {
            return "duplicate (same bytes as an earlier recording)";
        }
        kept.add(new CorpusEntry(corpusPath, d.caption(), seconds, d.kind(), rule.name(), licence, d.paraphrases(),
                d.group()));
        return null;
    }

    /**
     * The source's licence: given with the source, else the rule's, else from a {@code copyright}
     * file staged in the source folder (packages unpacked rather than installed), else from
     * {@code <docDir>/<package>/copyright}.
     */
    private String licence(Source source, SourceRule rule, Path dir) throws IOException {
        if (source.licence() != null) {
            return source.licence();
        }
        if (rule.licence() != null) {
            return rule.licence();
        }
        Path copyright = Files.isRegularFile(dir.resolve("copyright")) ? dir.resolve("copyright")
                : docDir.resolve(rule.name()).resolve("copyright");
        String licence = Files.isRegularFile(copyright) ? Licences.ofCopyright(copyright) : null;
        if (licence == null) {
            throw new IOException("no licence for source " + rule.name() + ": " + copyright
                    + " is missing or has no License: field in a Files: paragraph, and its rule names none (give one with --licence NAME=LICENCE)");
        }
        return licence;
    }

    /**
     * Duration in seconds, rounded to microseconds: from the header, or by decoding at the
     * native rate when the header does not say (some Ogg and MP3 files).
     */
    static double durationSeconds(Path file) throws AudioFileException {
        AudioInfo info = AudioReader.probe(file);
        double seconds = info.durationSeconds();
        if (Double.isNaN(seconds)) {
            long frames = 0;
            float[] buffer = new float[1 << 16];
            try (AudioStream stream = AudioReader.open(file, info.sampleRate())) {
                for (int n = stream.read(buffer, 0, buffer.length); n >= 0; n = stream.read(buffer, 0, buffer.length)) {
                    frames += n;
                }
            }
            seconds = (double) frames / info.sampleRate();
        }
        return Math.round(seconds * 1e6) / 1e6;
    }

    private static List<Path> recordings(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("source folder " + dir + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> AUDIO_EXTENSIONS.contains(extension(p)) && Files.isRegularFile(p))
                    .sorted((a, b) -> slashes(a).compareTo(slashes(b)))
                    .toList();
        }
    }

    /** The Tux Paint description beside a recording ({@code <stem>.txt}), or null. */
    private static String tuxPaintText(SourceRule rule, Path file) throws IOException {
        if (!rule.tuxPaintText()) {
            return null;
        }
        String name = file.getFileName().toString();
        Path txt = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".txt");
        if (!Files.isRegularFile(txt)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(txt);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Older stamp descriptions are Latin-1.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Stats stats(List<CorpusEntry> entries, Map<String, Integer> excluded) {
        int events = 0;
        double seconds = 0;
        Set<String> labels = new TreeSet<>();
        Set<String> texts = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (CorpusEntry e : entries) {
            events += e.kind() == CorpusEntry.Kind.EVENT ? 1 : 0;
            seconds += e.durationSeconds();
            labels.add(e.caption().text());
            texts.addAll(e.texts());
            groups.add(e.group());
        }
        return new Stats(entries.size(), events, entries.size() - events, seconds, labels.size(), texts.size(),
                groups.size(), Collections.unmodifiableMap(new TreeMap<>(excluded)));
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String slashes(Path p) {
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
