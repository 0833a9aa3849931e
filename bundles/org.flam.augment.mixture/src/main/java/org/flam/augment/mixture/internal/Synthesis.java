package org.flam.augment.mixture.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.flam.api.AudioClip;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.Mixture;
import org.flam.api.SoundEvent;
import org.flam.audio.io.AudioFileException;

/**
 * Mixture synthesis of SPEC §4, step by step, for one split. Thread-safe; every random draw
 * comes from {@link Seeds#random(long, long)}, in a fixed order:
 * <ol>
 * <li><b>Background</b>: a recording of the split at least one clip long, uniformly, and a
 * uniform excerpt of it (looped if its decoding is shorter than its stated duration); if the
 * split has none, generated noise of a uniformly drawn colour ({@link GeneratedBackground}).
 * It is scaled to an RMS level {@code L_B} drawn uniformly from
 * {@code [minBackgroundDbfs, maxBackgroundDbfs]}.</li>
 * <li><b>Events</b>: {@code n} uniform in {@code [minEvents, maxEvents]}; for each, a recording
 * of the split uniformly (repeats allowed), a uniform excerpt of one clip if it is longer, then
 * <ul>
 * <li>its shape: split with {@code splitProbability} into 2..{@code maxSegments} consecutive
 * segments of at least {@code minSegmentSeconds} (cut points uniform), repeated with
 * {@code repeatProbability} {@code minRepeats..maxRepeats} times (fewer when they do not fit),
 * otherwise single;</li>
 * <li>its loudness offset {@code o} uniform in {@code [minOffsetDb, maxOffsetDb]};</li>
 * <li>its start times: the parts in order, at least {@code minPartGapSeconds} apart, uniform
 * over all such placements inside the clip; up to {@code placementAttempts} tries to keep at
 * most {@code maxConcurrentEvents} parts sounding at once, else the event is dropped (so
 * {@code n} is an upper bound).</li>
 * </ul></li>
 * <li><b>Mixing</b>: each part gets a linear fade-in and fade-out of {@code fadeSeconds}
 * (half the part at most); the event's gain makes
 * {@code 20 log10(rms(event parts) / rms(background)) = o} exactly; everything is summed in
 * double precision and, if the absolute peak exceeds {@code peakLimit}, the whole mixture is
 * scaled down to that peak (never clipped, so relative levels survive).</li>
 * <li><b>Labels</b>: per event, {@link LoudnessLabeller} activity at the label rate,
 * {@link Smoothing}, events with the same caption OR-ed into one column, then
 * {@link Pooling} onto the encoder's grid.</li>
 * </ol>
 * The mixture's events are its placed parts (before loudness correction), labelled with the
 * recording's caption text, sorted by onset; label columns follow the events' order.
 */
final class Synthesis {

    /** Rendering result: the mixture and the events as placed (shape, offset, parts). */
    record Rendered(Mixture mixture, List<PlacedEvent> events) {
    }

    private record Pools(Corpus corpus, Split split, List<CorpusEntry> events, List<CorpusEntry> backgrounds) {
    }

    private record Bed(Mixture.Background background, double[] samples) {
    }

    private static final System.Logger LOG = System.getLogger(Synthesis.class.getName());

    private final MixtureParameters p;
    /** Paths of event recordings found corrupt, each reported once (threads share this). */
    private final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    private final RecordingLoader loader;
    private final LoudnessLabeller labeller;
    private final Smoothing smoothing;
    /** The pools of the last (corpus, split): a corpus is usually used for many mixtures. */
    private volatile Pools lastPools;

    Synthesis(MixtureParameters parameters, RecordingLoader loader) {
        this.p = parameters;
        this.loader = loader;
        int labelFrames = new FrameGrid(p.labelRate(), 0).covering(p.clipSeconds()).frameCount();
        this.labeller = new LoudnessLabeller(p.sampleRate(), p.labelRate(), p.windowSeconds(), labelFrames,
                p.inactiveThresholdDb(), p.silenceFloorDbfs());
        this.smoothing = new Smoothing(p.fillGapFrames(), p.minRunFrames(), p.minEventFrames());
    }

    MixtureParameters parameters() {
        return p;
    }

    /** The name of mixture {@code index}, e.g. {@code train_s42_000017}. */
    static String id(Split split, long seed, long index) {
        return String.format(Locale.ROOT, "%s_s%d_%06d", split.name().toLowerCase(Locale.ROOT), seed, index);
    }

    /**
     * Synthesizes mixture {@code index} of {@code seed} from the recordings of {@code split}.
     *
     * @throws IOException              if a recording cannot be read
     * @throws IllegalArgumentException if {@code index < 0}, {@code grid} does not cover the clip
     *                                  to within one frame, or the split has no event
     */
    Rendered render(Corpus corpus, long seed, long index, FrameGrid grid, Split split) throws IOException {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (Math.abs(grid.durationSeconds() - p.clipSeconds()) > grid.frameSeconds()) {
            throw new IllegalArgumentException("grid " + grid + " covers " + grid.durationSeconds()
                    + " s, not the clip's " + p.clipSeconds() + " s to within one frame");
        }
        Pools pools = pools(corpus, split);
        if (pools.events().isEmpty()) {
            throw new IllegalArgumentException("the corpus has no event recording in split " + split
                    + " (" + corpus.events().size() + " events in all, held-out fraction " + p.heldoutFraction()
                    + ", zero-shot group fraction " + p.zeroShotGroupFraction() + ")");
        }
        SplittableRandom random = Seeds.random(seed, index);
        int n = p.clipSamples();

        Bed bed = background(corpus, pools.backgrounds(), random);
        double backgroundDbfs = uniform(random, p.minBackgroundDbfs(), p.maxBackgroundDbfs());
        double backgroundRms = Math.pow(10, backgroundDbfs / 20);
        double[] mix = new double[n];
        addScaled(bed.samples(), 0, backgroundRms, mix);

        int target = p.minEvents() + random.nextInt(p.maxEvents() - p.minEvents() + 1);
        Placement placement = new Placement(p.maxConcurrentEvents());
        List<PlacedEvent> placed = new ArrayList<>();
        for (int e = 0; e < target; e++) {
            CorpusEntry entry = pools.events().get(random.nextInt(pools.events().size()));
            float[] source = loadEvent(corpus, entry);
            PlacedEvent event = source == null ? null : place(entry, source, backgroundRms, placement, random);
            if (event != null) {
                placed.add(event);
                for (int q = 0; q < event.parts().length; q++) {
                    addScaled(event.parts()[q], event.starts()[q], event.gain(), mix);
                }
            }
        }

        String id = id(split, seed, index);
        AudioClip audio = new AudioClip(id, limitPeak(mix), p.sampleRate());
        List<SoundEvent> events = events(id, placed);
        return new Rendered(new Mixture(audio, events, labels(placed, events, grid), bed.background(), seed, index),
                List.copyOf(placed));
    }

    /**
     * The event's samples, or null if its file is corrupt: a damaged recording in a corpus of
     * thousands must not stop a long synthesis run. The event is then dropped as an unplaceable
     * one is; corruption is a property of the file, so the result stays a function of (corpus,
     * seed, index). Each such file is reported once.
     */
    private float[] loadEvent(Corpus corpus, CorpusEntry entry) throws IOException {
        try {
            return loader.load(corpus, entry, p.sampleRate());
        } catch (AudioFileException e) {
            if (corrupt.add(entry.path())) {
                LOG.log(System.Logger.Level.WARNING, "skipping event recording " + corpus.resolve(entry)
                        + " wherever it is drawn: " + e.getMessage());
            }
            return null;
        }
    }

    private Pools pools(Corpus corpus, Split split) {
        Pools cached = lastPools;
        if (cached != null && cached.corpus() == corpus && cached.split() == split) {
            return cached;
        }
        List<CorpusEntry> events = new ArrayList<>();
        List<CorpusEntry> backgrounds = new ArrayList<>();
        for (CorpusEntry entry : corpus.entries()) {
            if (!split.draws(entry, p.heldoutFraction(), p.zeroShotGroupFraction())) {
                continue;
            }
            if (entry.kind() == CorpusEntry.Kind.EVENT) {
                events.add(entry);
            } else if (entry.durationSeconds() >= p.clipSeconds()) {
                backgrounds.add(entry);
            }
        }
        Pools computed = new Pools(corpus, split, List.copyOf(events), List.copyOf(backgrounds));
        lastPools = computed;
        return computed;
    }

    /** Draws of a background before falling back to generated noise when every one is corrupt. */
    private static final int MAX_BACKGROUND_DRAWS = 20;

    private Bed background(Corpus corpus, List<CorpusEntry> backgrounds, SplittableRandom random) throws IOException {
        int n = p.clipSamples();
        if (backgrounds.isEmpty()) {
            NoiseColour colour = p.noiseColours().get(random.nextInt(p.noiseColours().size()));
            return new Bed(new Mixture.Background(GeneratedBackground.entry(colour, p.clipSeconds()), 0),
                    ColouredNoise.generate(colour, n, p.sampleRate(), random.split()));
        }
        // A damaged background is replaced by the next draw from the same stream, as a damaged
        // event is dropped (an unreadable file still fails the mixture): corruption is a property of the file, so the mixture stays a
        // function of (corpus, seed, index); with every draw corrupt, generated noise.
        CorpusEntry entry = null;
        float[] source = null;
        for (int attempt = 0; source == null; attempt++) {
            if (attempt == MAX_BACKGROUND_DRAWS) {
                return background(corpus, List.of(), random);
            }
            entry = backgrounds.get(random.nextInt(backgrounds.size()));
            try {
                source = loader.load(corpus, entry, p.sampleRate());
            } catch (AudioFileException e) {
                if (e.reason() == AudioFileException.Reason.UNREADABLE) {
                    throw e; // a missing file or a wrong corpus root is no property of the recording
                }
                if (corrupt.add(entry.path())) {
                    LOG.log(System.Logger.Level.WARNING, "skipping background recording " + corpus.resolve(entry)
                            + " wherever it is drawn: " + e.getMessage());
                }
            }
        }
        if (source.length == 0) {
            throw new IOException("background " + corpus.resolve(entry) + " decodes to no samples");
        }
        // Within what both the decoding and the corpus's stated duration cover, so the
        // Background record's start is inside the recording it names.
        int usable = (int) Math.min(source.length, Math.floor(entry.durationSeconds() * p.sampleRate()));
        int start = usable > n ? random.nextInt(usable - n + 1) : 0;
        double[] bed = new double[n];
        for (int i = 0; i < n; i++) {
            bed[i] = source[(start + i) % source.length];
        }
        double rms = rms(bed);
        if (rms > 0) {
            for (int i = 0; i < n; i++) {
                bed[i] /= rms;
            }
        }
        return new Bed(new Mixture.Background(entry, start / (double) p.sampleRate()), bed);
    }

    /** Cuts, levels and places one event, or returns null where it finds no place. */
    private PlacedEvent place(CorpusEntry entry, float[] source, double backgroundRms, Placement placement,
            SplittableRandom random) {
        int n = p.clipSamples();
        int length = Math.min(source.length, n);
        if (length == 0) {
            return null;
        }
        int from = source.length > n ? random.nextInt(source.length - n + 1) : 0;
        double u = random.nextDouble();
        PlacedEvent.Shape shape = PlacedEvent.Shape.SINGLE;
        int[][] segments = {{0, length}};
        int gap = p.samples(p.minPartGapSeconds());
        if (u < p.splitProbability()) {
            int minSegment = Math.max(1, p.samples(p.minSegmentSeconds()));
            int m = Math.min(2 + random.nextInt(p.maxSegments() - 1), length / minSegment);
            while (m >= 2 && length + (long) (m - 1) * gap > n) {
                m--;
            }
            if (m >= 2) {
                shape = PlacedEvent.Shape.SPLIT;
                segments = cut(length, m, minSegment, random);
            }
        } else if (u < p.splitProbability() + p.repeatProbability()) {
            int r = p.minRepeats() + random.nextInt(p.maxRepeats() - p.minRepeats() + 1);
            r = (int) Math.min(r, (n + (long) gap) / (length + (long) gap));
            if (r >= 2) {
                shape = PlacedEvent.Shape.REPEATED;
                segments = new int[r][];
                Arrays.fill(segments, new int[] {0, length});
            }
        }
        double offsetDb = uniform(random, p.minOffsetDb(), p.maxOffsetDb());
        if (shape == PlacedEvent.Shape.SINGLE && p.edgeProbability() > 0 && random.nextDouble() < p.edgeProbability()
                && length >= 10) {
            return placeAcrossEdge(entry, source, from, length, offsetDb, backgroundRms, placement, random);
        }

        int[] lengths = Arrays.stream(segments).mapToInt(s -> s[1]).toArray();
        int[] starts = null;
        for (int attempt = 0; attempt < p.placementAttempts() && starts == null; attempt++) {
            int[] candidate = starts(lengths, gap, random);
            if (placement.fits(candidate, lengths)) {
                starts = candidate;
            }
        }
        if (starts == null) {
            return null;
        }
        placement.add(starts, lengths);

        float[][] parts = new float[segments.length][];
        double energy = 0;
        long count = 0;
        for (int q = 0; q < parts.length; q++) {
            parts[q] = Arrays.copyOfRange(source, from + segments[q][0], from + segments[q][0] + segments[q][1]);
            Fades.apply(parts[q], p.samples(p.fadeSeconds()));
            for (float x : parts[q]) {
                energy += (double) x * x;
            }
            count += parts[q].length;
        }
        double rms = Math.sqrt(energy / count);
        double gain = rms > 0 ? backgroundRms * Math.pow(10, offsetDb / 20) / rms : 1;
        return new PlacedEvent(entry, shape, offsetDb, gain, parts, starts);
    }

    /**
     * A single event crossing the start or the end of the clip (each with probability 1/2): a
     * uniform 10-90 % of its {@code length} samples is inside and mixed, faded only at its end
     * inside the clip, since the edge cuts a sound that goes on; null where it finds no place.
     */
    private PlacedEvent placeAcrossEdge(CorpusEntry entry, float[] source, int from, int length, double offsetDb,
            double backgroundRms, Placement placement, SplittableRandom random) {
        int n = p.clipSamples();
        boolean atStart = random.nextBoolean();
        int visible = (int) Math.round(length * uniform(random, 0.1, 0.9));
        visible = Math.max(1, Math.min(visible, Math.min(length - 1, n)));
        int start = atStart ? 0 : n - visible;
        int[] starts = {start};
        int[] lengths = {visible};
        if (!placement.fits(starts, lengths)) {
            return null;
        }
        placement.add(starts, lengths);
        int offset = atStart ? from + length - visible : from;
        float[] part = Arrays.copyOfRange(source, offset, offset + visible);
        int fade = Math.min(p.samples(p.fadeSeconds()), visible / 2);
        for (int i = 0; i < fade; i++) {
            float g = (float) i / fade;
            part[atStart ? visible - 1 - i : i] *= g;
        }
        double energy = 0;
        for (float x : part) {
            energy += (double) x * x;
        }
        double rms = Math.sqrt(energy / visible);
        double gain = rms > 0 ? backgroundRms * Math.pow(10, offsetDb / 20) / rms : 1;
        return new PlacedEvent(entry, PlacedEvent.Shape.SINGLE, offsetDb, gain, new float[][] {part}, starts);
    }

    /**
     * {@code m} consecutive segments {@code {from, length}} of {@code [0, length)}, each at least
     * {@code minSegment} samples: cut {@code j} at {@code j * minSegment + u_(j)}, the
     * {@code u_(j)} sorted uniform draws from {@code [0, length - m * minSegment]}.
     */
    private static int[][] cut(int length, int m, int minSegment, SplittableRandom random) {
        int free = length - m * minSegment;
        int[] u = new int[m - 1];
        for (int j = 0; j < u.length; j++) {
            u[j] = random.nextInt(free + 1);
        }
        Arrays.sort(u);
        int[][] segments = new int[m][];
        int previous = 0;
        for (int j = 0; j < m; j++) {
            int next = j < m - 1 ? (j + 1) * minSegment + u[j] : length;
            segments[j] = new int[] {previous, next - previous};
            previous = next;
        }
        return segments;
    }

    /**
     * Start samples of parts with {@code lengths}, in order, at least {@code gap} apart, inside
     * the clip: {@code start_j = u_(j) + sum_{i<j} lengths_i + j * gap}, the {@code u_(j)} sorted
     * uniform draws from {@code [0, slack]} (uniform over all such placements).
     */
    private int[] starts(int[] lengths, int gap, SplittableRandom random) {
        long slack = p.clipSamples() - Arrays.stream(lengths).asLongStream().sum() - (long) (lengths.length - 1) * gap;
        int[] u = new int[lengths.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = random.nextInt((int) slack + 1);
        }
        Arrays.sort(u);
        int[] starts = new int[lengths.length];
        long offset = 0;
        for (int j = 0; j < starts.length; j++) {
            starts[j] = (int) (u[j] + offset);
            offset += lengths[j] + (long) gap;
        }
        return starts;
    }

    private List<SoundEvent> events(String id, List<PlacedEvent> placed) {
        double rate = p.sampleRate();
        List<SoundEvent> events = new ArrayList<>();
        for (PlacedEvent e : placed) {
            for (int q = 0; q < e.parts().length; q++) {
                events.add(new SoundEvent(id, e.starts()[q] / rate, e.end(q) / rate, e.label()));
            }
        }
        events.sort(Comparator.comparingDouble(SoundEvent::onset).thenComparing(SoundEvent::label));
        return events;
    }

    private FrameScores labels(List<PlacedEvent> placed, List<SoundEvent> events, FrameGrid grid) {
        Map<String, boolean[]> columns = new LinkedHashMap<>();
        for (SoundEvent e : events) {
            columns.putIfAbsent(e.label(), new boolean[labeller.frameCount()]);
        }
        for (PlacedEvent e : placed) {
            boolean[] active = smoothing.apply(labeller.active(e.parts(), e.starts()));
            boolean[] column = columns.get(e.label());
            for (int j = 0; j < active.length; j++) {
                column[j] |= active[j];
            }
        }
        List<String> labels = new ArrayList<>(columns.keySet());
        float[][] rows = new float[grid.frameCount()][labels.size()];
        for (int k = 0; k < labels.size(); k++) {
            float[] z = p.pooling().pool(columns.get(labels.get(k)), p.labelRate(), grid);
            for (int f = 0; f < z.length; f++) {
                rows[f][k] = z[f];
            }
        }
        return new FrameScores(grid, labels, rows);
    }

    /** The mixture as floats, scaled down as a whole if its peak exceeds the limit. */
    private float[] limitPeak(double[] mix) {
        double peak = 0;
        for (double x : mix) {
            peak = Math.max(peak, Math.abs(x));
        }
        double scale = peak > p.peakLimit() ? p.peakLimit() / peak : 1;
        float[] out = new float[mix.length];
        for (int i = 0; i < mix.length; i++) {
            // The clamp only guards against the last rounding step of the scaled value.
            out[i] = (float) Math.max(-1, Math.min(1, mix[i] * scale));
        }
        return out;
    }

    private static void addScaled(float[] x, int at, double gain, double[] mix) {
        for (int i = 0; i < x.length; i++) {
            mix[at + i] += x[i] * gain;
        }
    }

    private static void addScaled(double[] x, int at, double gain, double[] mix) {
        for (int i = 0; i < x.length; i++) {
            mix[at + i] += x[i] * gain;
        }
    }

    private static double rms(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(sum / x.length);
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low == high ? low : low + (high - low) * random.nextDouble();
    }
}
