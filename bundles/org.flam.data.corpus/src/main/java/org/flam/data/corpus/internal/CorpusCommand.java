package org.flam.data.corpus.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.flam.data.corpus.CorpusIndex;
import org.flam.data.corpus.CorpusSplit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code flam corpus --out FILE [--from DIR] [--source NAME=DIR]... [--root DIR]}: builds the
 * corpus index and writes it atomically, then prints a summary (per source: hours, recordings,
 * events, backgrounds, distinct captions, captions with paraphrases, label groups; the zero-shot
 * split's size; and why recordings were left out). Progress goes to standard
 * error.
 *
 * <ul>
 * <li>{@code --from DIR}: every sub-folder of DIR is a source named by its folder (a Debian
 * package name), in name order, hidden folders aside; the corpus root defaults to DIR.</li>
 * <li>{@code --source NAME=DIR}: one source; may repeat; added after those of {@code --from}.</li>
 * <li>{@code --root DIR}: the corpus root (entries' paths are relative to it); defaults to the
 * {@code --from} folder, else the deepest folder holding every source.</li>
 * </ul>
 *
 * <p>Also runs without OSGi ({@link #main}), with the default configuration, so that
 * {@code runtime/setup-corpus.sh} can build a corpus from the module's class path.
 */
@Component(service = Command.class, configurationPid = CorpusCommand.PID,
        property = FlamProperties.COMMAND + "=corpus")
@Designate(ocd = CorpusCommandConfiguration.class)
public final class CorpusCommand implements Command {

    static final String PID = "org.flam.data.corpus";
    static final double DEFAULT_MIN_SECONDS = 0.05;
    /** The held-out fraction the summary's zero-shot line assumes: the mixture synthesizer's default. */
    static final double HELDOUT_FRACTION = 0.05;
    static final String USAGE_TEXT = "corpus --out FILE [--from DIR] [--source NAME=DIR]... [--licence NAME=LICENCE]... [--root DIR]";

    private final Path docDir;
    private final double minSeconds;

    @Activate
    public CorpusCommand(CorpusCommandConfiguration config) {
        this(Path.of(config.docDir()), config.minSeconds());
    }

    CorpusCommand(Path docDir, double minSeconds) {
        this.docDir = docDir;
        this.minSeconds = minSeconds;
    }

    @Override
    public String summary() {
        return "build the corpus index from folders of recordings: " + USAGE_TEXT;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Path output = null;
        Path from = null;
        Path root = null;
        List<CorpusBuilder.Source> named = new ArrayList<>();
        Map<String, String> licences = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--out" -> output = Path.of(value(args, ++i, a));
                case "--from" -> from = Path.of(value(args, ++i, a));
                case "--root" -> root = Path.of(value(args, ++i, a));
                case "--source" -> {
                    String v = value(args, ++i, a);
                    int eq = v.indexOf('=');
                    if (eq <= 0 || eq == v.length() - 1) {
                        throw new IllegalArgumentException("--source needs NAME=DIR, got \"" + v + "\"");
                    }
                    named.add(new CorpusBuilder.Source(v.substring(0, eq), Path.of(v.substring(eq + 1))));
                }
                case "--licence" -> {
                    String v = value(args, ++i, a);
                    int eq = v.indexOf('=');
                    if (eq <= 0 || eq == v.length() - 1) {
                        throw new IllegalArgumentException("--licence needs NAME=LICENCE, got \"" + v + "\"");
                    }
                    licences.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (output == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        List<CorpusBuilder.Source> sources = new ArrayList<>();
        if (from != null) {
            sources.addAll(sourcesIn(from));
        }
        sources.addAll(named);
        for (String name : licences.keySet()) {
            if (sources.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("--licence names no source: " + name);
            }
        }
        sources.replaceAll(s -> new CorpusBuilder.Source(s.name(), s.dir(), licences.get(s.name())));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sources: give --from DIR or --source NAME=DIR");
        }
        if (root == null) {
            root = from != null ? from : commonFolder(sources);
        }
        CorpusBuilder.Result result = new CorpusBuilder(docDir, minSeconds, err::println).build(root, sources);
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        CorpusIndex.write(result.corpus(), output);
        printSummary(result, output, out);
        return OK;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static List<CorpusBuilder.Source> sourcesIn(Path from) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException("--from " + from + " is not a folder");
        }
        try (Stream<Path> list = Files.list(from)) {
            // Hidden folders are not sources (setup-corpus.sh keeps unpacked packages in .debs/).
            return list.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(p -> new CorpusBuilder.Source(p.getFileName().toString(), p))
                    .toList();
        }
    }

    /** The deepest folder that holds every source folder. */
    static Path commonFolder(List<CorpusBuilder.Source> sources) {
        Path common = sources.get(0).dir().toAbsolutePath().normalize();
        for (CorpusBuilder.Source s : sources) {
            Path dir = s.dir().toAbsolutePath().normalize();
            while (!dir.startsWith(common)) {
                common = common.getParent();
            }
        }
        // A single source is its own root only if its name should not appear in paths: keep
        // the source folder's name in every path, so entries say where they come from.
        return sources.size() == 1 && common.getParent() != null ? common.getParent() : common;
    }

    private static void printSummary(CorpusBuilder.Result r, Path output, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "wrote %s (sha256 %s)%n", output, CorpusIndex.sha256(output));
        String row = "%-28s %7s %7s %7s %6s %8s %7s %7s  %s%n";
        out.printf(Locale.ROOT, row, "source", "hours", "clips", "events", "bgs", "captions", "+para", "groups",
                "licence");
        for (Map.Entry<String, CorpusBuilder.Stats> e : r.bySource().entrySet()) {
            printRow(out, e.getKey(), e.getValue(), r.licences().get(e.getKey()));
        }
        CorpusBuilder.Stats t = r.total();
        printRow(out, "total", t, "");
        double backgroundHours = r.corpus().backgrounds().stream().mapToDouble(e -> e.durationSeconds()).sum() / 3600;
        out.printf(Locale.ROOT, "backgrounds: %d clips, %.3f h%n", t.backgrounds(), backgroundHours);
        out.println("(captions: distinct captions; +para: distinct captions and paraphrases together;"
                + " groups: distinct label groups)");
        double h = HELDOUT_FRACTION;
        double z = CorpusSplit.ZERO_SHOT_GROUP_FRACTION;
        CorpusSplit.ZeroShot zs = CorpusSplit.zeroShot(r.corpus(), h, z);
        out.printf(Locale.ROOT, "zero-shot split at group fraction %s (held-out fraction %s): %d groups, %d captions"
                + " and paraphrases never trained on, %d recordings, %.3f h%n", z, h, zs.groups().size(),
                zs.texts().size(), zs.recordings(), zs.seconds() / 3600);
        out.printf(Locale.ROOT, "  smallest group fraction holding out %d such texts: %.4f%n",
                CorpusSplit.MIN_ZERO_SHOT_TEXTS, CorpusSplit.fractionFor(r.corpus(), h, CorpusSplit.MIN_ZERO_SHOT_TEXTS));
        out.println("  groups: " + String.join(", ", zs.groups()));
        out.println("left out:");
        t.excluded().forEach((why, n) -> out.printf(Locale.ROOT, "  %7d  %s%n", n, why));
    }

    private static void printRow(PrintStream out, String name, CorpusBuilder.Stats s, String licence) {
        out.printf(Locale.ROOT, "%-28s %7.3f %7d %7d %6d %8d %7d %7d  %s%n", name, s.seconds() / 3600, s.clips(),
                s.events(), s.backgrounds(), s.labels(), s.texts(), s.groups(), licence);
    }
}
