package org.flam.augment.mixture.internal;

import org.flam.data.corpus.CorpusSplit;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the mixture synthesizer (PID {@code org.flam.augment.mixture}): every
 * constant of SPEC §4, with the SPEC's values (or, where the paper left a blank, this bundle's
 * choice, said in the description) as defaults.
 */
@ObjectClassDefinition(name = "FLAM mixture synthesizer",
        description = "SPEC 4: 10 s mixtures of one background and randomly placed, split, repeated, loudness-offset events; "
                + "labels corrected by A-weighted RMS at 50 Hz, smoothed, pooled to the encoder's frame grid.")
public @interface FlamMixtureSynthesizerConfiguration {

    @AttributeDefinition(name = "Service name", description = "flam.name of this synthesizer.")
    String flam_name() default FlamMixtureSynthesizer.NAME;

    @AttributeDefinition(name = "Split", description = "Which recordings synthesize() draws from: TRAIN; HELDOUT "
            + "(recordings never used in TRAIN, of label groups TRAIN does use: the Held-out test set); or ZEROSHOT "
            + "(events of label groups TRAIN never uses, over HELDOUT's backgrounds: the zero-shot test set).")
    Split split() default Split.TRAIN;

    @AttributeDefinition(name = "Held-out fraction", description = "Fraction of recordings (events and backgrounds alike) "
            + "in the HELDOUT split, chosen by a hash of each recording's path. The paper held out about 1 % of 1.1 M; "
            + "a smaller corpus needs a larger fraction for a useful test set.", min = "0", max = "1")
    double heldoutFraction() default 0.05;

    @AttributeDefinition(name = "Zero-shot group fraction", description = "Fraction of label groups (sound concepts: a "
            + "caption, its synonyms and paraphrases) held out whole for the ZEROSHOT split, chosen by a hash of each "
            + "group key; TRAIN uses none of their recordings. The default holds out at least 60 captions of the "
            + "corpus runtime/setup-corpus.sh builds; 0 holds out none.", min = "0", max = "1")
    double zeroShotGroupFraction() default CorpusSplit.ZERO_SHOT_GROUP_FRACTION;

    @AttributeDefinition(name = "Sample rate", description = "Sample rate of the mixtures, Hz (recordings are resampled to it).",
            min = "8000")
    int sampleRate() default 48_000;

    @AttributeDefinition(name = "Clip length", description = "Length of every mixture, seconds.", min = "0.5")
    double clipSeconds() default 10.0;

    @AttributeDefinition(name = "Fewest events", description = "Fewest events drawn per mixture (uniform between fewest and most; "
            + "an event that finds no place within the concurrency limit is dropped). The paper does not say; 1-4 is this bundle's choice.",
            min = "0")
    int minEvents() default 1;

    @AttributeDefinition(name = "Most events", description = "Most events drawn per mixture.", min = "0")
    int maxEvents() default 4;

    @AttributeDefinition(name = "Most concurrent events", description = "At most this many event parts sound at once (SPEC: 3).",
            min = "1")
    int maxConcurrentEvents() default 3;

    @AttributeDefinition(name = "Placement attempts", description = "Random start times tried per event before it is dropped "
            + "for breaking the concurrency limit.", min = "1")
    int placementAttempts() default 20;

    @AttributeDefinition(name = "Split probability", description = "Probability that an event is split into segments (SPEC: 0.1).",
            min = "0", max = "1")
    double splitProbability() default 0.1;

    @AttributeDefinition(name = "Most segments", description = "A split event becomes 2 to this many segments (uniform), "
            + "fewer if it is too short for each to reach the minimum segment length.", min = "2")
    int maxSegments() default 3;

    @AttributeDefinition(name = "Minimum segment length", description = "Every segment of a split event lasts at least this, seconds (SPEC: 0.5).",
            min = "0")
    double minSegmentSeconds() default 0.5;

    @AttributeDefinition(name = "Repeat probability", description = "Probability that an event is repeated (SPEC: another 0.1; "
            + "split and repeat exclude each other, so the two probabilities sum to at most 1).", min = "0", max = "1")
    double repeatProbability() default 0.1;

    @AttributeDefinition(name = "Fewest repetitions", description = "A repeated event sounds this many times or more "
            + "(occurrences, including the first).", min = "2")
    int minRepeats() default 2;

    @AttributeDefinition(name = "Most repetitions", description = "A repeated event sounds at most this many times, "
            + "fewer if they do not fit in the clip.", min = "2")
    int maxRepeats() default 4;

    @AttributeDefinition(name = "Minimum gap between parts", description = "Seconds of silence at least between the segments or "
            + "repetitions of one event, in time order. At least the 200 ms that smoothing rule 1 fills, so the parts stay distinct in the labels.",
            min = "0")
    double minPartGapSeconds() default 0.25;

    @AttributeDefinition(name = "Edge probability", description = "Probability that a single (unsplit, unrepeated) event "
            + "crosses an edge of the clip: it starts before the clip or ends after it, only its part inside is mixed, "
            + "without a fade where the edge cuts it, and a uniform 10-90 % of it is inside. Real recordings cut sounds "
            + "at every window edge; without this the first and last frames of training clips are positive less often "
            + "than the middle ones (about a third as often) and a sound never reaches an edge still sounding; 0.4 makes the edge "
            + "frames about as often positive as the middle ones (SynthesisTest).", min = "0", max = "1")
    double edgeProbability() default 0.4;

    @AttributeDefinition(name = "Lowest loudness offset", description = "Lower end of the uniform per-event loudness offset, dB: "
            + "event RMS (over its parts, after fades) relative to the background RMS (over the clip). The paper's range is lost; "
            + "-5..+15 dB is this bundle's choice: mostly clearly audible, some hard.")
    double minOffsetDb() default -5.0;

    @AttributeDefinition(name = "Highest loudness offset", description = "Upper end of the loudness offset, dB.")
    double maxOffsetDb() default 15.0;

    @AttributeDefinition(name = "Lowest background level", description = "Lower end of the uniform background RMS level, dBFS: "
            + "each background excerpt is scaled to a drawn level, so quiet and loud recordings (and generated noise) give "
            + "a controlled range of mixture levels.", max = "0")
    double minBackgroundDbfs() default -40.0;

    @AttributeDefinition(name = "Highest background level", description = "Upper end of the background RMS level, dBFS.", max = "0")
    double maxBackgroundDbfs() default -20.0;

    @AttributeDefinition(name = "Fade length", description = "Linear fade-in and fade-out on every event part, seconds (SPEC: 0.01).",
            min = "0")
    double fadeSeconds() default 0.01;

    @AttributeDefinition(name = "Peak limit", description = "A mixture whose absolute peak exceeds this is scaled down as a whole "
            + "to this peak (levels between background and events, and labels, are kept); never clipped.", min = "0.01", max = "1")
    double peakLimit() default 0.99;

    @AttributeDefinition(name = "Label rate", description = "Frames per second of the loudness labels before pooling (SPEC: 50).",
            min = "1")
    double labelRate() default 50.0;

    @AttributeDefinition(name = "RMS window", description = "A-weighted RMS window, seconds, centred on each label frame "
            + "(SPEC: 2400 samples at 48 kHz = 0.05 s).", min = "0.001")
    double windowSeconds() default 0.05;

    @AttributeDefinition(name = "Inactive threshold", description = "A label frame is inactive when its A-weighted level is more "
            + "than this many dB below the event's loudest frame (a negative number).", max = "0")
    double inactiveThresholdDb() default -30.0;

    @AttributeDefinition(name = "Silence floor", description = "A label frame is inactive when its A-weighted level is below this, "
            + "dBFS, measured on the recording before its gain: catches digital silence.", max = "0")
    double silenceFloorDbfs() default -100.0;

    @AttributeDefinition(name = "Gap filling", description = "Smoothing rule 1: inactive runs shorter than this many label "
            + "frames between active frames become active (SPEC: 10 = 200 ms).", min = "0")
    int fillGapFrames() default 10;

    @AttributeDefinition(name = "Shortest run", description = "Smoothing rule 2: active runs shorter than this many label frames "
            + "are removed (SPEC: 2 = 40 ms) ...", min = "0")
    int minRunFrames() default 2;

    @AttributeDefinition(name = "Rule 2 event size", description = "... if the event has more than this many active label frames "
            + "in total (SPEC: 10 = 200 ms).", min = "0")
    int minEventFrames() default 10;

    @AttributeDefinition(name = "Pooling", description = "How label frames become encoder-frame labels: MAX (1 if the event is "
            + "active anywhere in the frame; binary, as the paper's labels) or FRACTION (the active fraction of the frame).")
    Pooling pooling() default Pooling.MAX;

    @AttributeDefinition(name = "Noise colours", description = "Colours of the generated noise used as background when no "
            + "corpus background of the split is at least one clip long; one drawn uniformly per mixture.")
    NoiseColour[] noiseColours() default {NoiseColour.WHITE, NoiseColour.PINK, NoiseColour.BROWN};

    @AttributeDefinition(name = "Cache size", description = "Decoded recordings kept in memory, MiB (least recently used go first). "
            + "Does not change any mixture.", min = "0")
    int cacheMegabytes() default 512;
}
