package org.flam.data.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;

/**
 * The two held-out rules of the corpus, both stable, seed-independent hashes.
 *
 * <ul>
 * <li><b>Held-out recordings</b> (the paper's "Held-out" protocol, §5.1): decided by a
 * recording's path alone. {@code u = (first 8 bytes of SHA-256(UTF-8 path), big-endian,
 * unsigned) / 2^64}, and the recording is held out iff {@code u < heldoutFraction}.</li>
 * <li><b>Zero-shot label groups</b>: decided by a recording's {@linkplain CorpusEntry#group()
 * label group} alone. {@code g = unit("group:" + group)} (the same hash of another string, so the
 * two rules are independent), and every recording of the group is held out iff
 * {@code g < zeroShotGroupFraction}. A caption, its synonyms and its paraphrases share one
 * group, so no wording of a held-out concept is ever trained on: a test on these groups asks
 * for sounds the model has never heard named.</li>
 * </ul>
 *
 * <p>A recording is <b>training</b> data only if neither its path nor its group is held out
 * ({@link #isTraining}). Both sides are disjoint by construction, stable when the corpus grows
 * or is reordered (a recording or a group never changes side), and independent of any seed,
 * so runs with different seeds share one test set. Mixture synthesis and the trainer's
 * caption-audio pairs use these rules, so no held-out recording or group reaches training.
 */
public final class CorpusSplit {

    /**
     * The default fraction of label groups held out for zero-shot tests: the smallest round
     * fraction at which the corpus that {@code runtime/setup-corpus.sh} builds holds out at least
     * {@value #MIN_ZERO_SHOT_TEXTS} distinct captions and paraphrases that no training recording
     * carries (measured in the module's README).
     */
    public static final double ZERO_SHOT_GROUP_FRACTION = 0.05;

    /** How many distinct held-out texts a zero-shot test set should have at least. */
    public static final int MIN_ZERO_SHOT_TEXTS = 60;

    private static final String GROUP_PREFIX = "group:";

    private CorpusSplit() {
    }

    /** Whether the recording at corpus path {@code path} is held out at {@code heldoutFraction}. */
    public static boolean isHeldout(String path, double heldoutFraction) {
        return unit(path) < heldoutFraction;
    }

    /** Whether label group {@code group} is held out whole at {@code zeroShotGroupFraction}. */
    public static boolean isZeroShotGroup(String group, double zeroShotGroupFraction) {
        return groupUnit(group) < zeroShotGroupFraction;
    }

    /** Whether {@code entry}'s label group is held out at {@code zeroShotGroupFraction}. */
    public static boolean isZeroShot(CorpusEntry entry, double zeroShotGroupFraction) {
        return isZeroShotGroup(entry.group(), zeroShotGroupFraction);
    }

    /**
     * Whether {@code entry} may be trained on: neither its path is held out at
     * {@code heldoutFraction} nor its label group at {@code zeroShotGroupFraction}.
     */
    public static boolean isTraining(CorpusEntry entry, double heldoutFraction, double zeroShotGroupFraction) {
        return !isHeldout(entry.path(), heldoutFraction) && !isZeroShot(entry, zeroShotGroupFraction);
    }

    /** The path's position {@code u} in {@code [0, 1)}. */
    public static double unit(String path) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        // The top 53 bits as a double in [0, 1): exact, and monotone in the unsigned value.
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The label group's position {@code g = unit("group:" + group)} in {@code [0, 1)}. */
    public static double groupUnit(String group) {
        return unit(GROUP_PREFIX + Objects.requireNonNull(group, "group"));
    }

    /**
     * What a zero-shot split holds out.
     *
     * @param zeroShotGroupFraction the fraction of label groups held out
     * @param groups                the held-out label groups, sorted
     * @param texts                 distinct captions and paraphrases of held-out recordings that
     *                              no training recording carries, sorted
     * @param recordings            recordings in held-out groups
     * @param seconds               their total duration, seconds
     */
    public record ZeroShot(double zeroShotGroupFraction, List<String> groups, List<String> texts, int recordings,
            double seconds) {

        public ZeroShot {
            groups = List.copyOf(groups);
            texts = List.copyOf(texts);
        }
    }

    /**
     * The zero-shot split of {@code corpus} at {@code zeroShotGroupFraction}: its groups, its
     * texts that training never sees (texts of held-out recordings, less every text of a
     * {@linkplain #isTraining training} recording at {@code heldoutFraction}), its recordings and
     * hours.
     */
    public static ZeroShot zeroShot(Corpus corpus, double heldoutFraction, double zeroShotGroupFraction) {
        Set<String> groups = new HashSet<>();
        Set<String> texts = new HashSet<>();
        Set<String> trained = new HashSet<>();
        int recordings = 0;
        double seconds = 0;
        for (CorpusEntry e : corpus.entries()) {
            if (isZeroShot(e, zeroShotGroupFraction)) {
                groups.add(e.group());
                texts.addAll(e.texts());
                recordings++;
                seconds += e.durationSeconds();
            } else if (!isHeldout(e.path(), heldoutFraction)) {
                trained.addAll(e.texts());
            }
        }
        texts.removeAll(trained);
        return new ZeroShot(zeroShotGroupFraction, groups.stream().sorted().toList(), texts.stream().sorted().toList(),
                recordings, seconds);
    }

    /**
     * The smallest fraction of label groups whose zero-shot split holds out at least
     * {@code minTexts} texts that training never sees ({@link #zeroShot}): the groups are taken
     * in order of {@link #groupUnit}, and the result lies just above the last one needed, so
     * {@code zeroShot(corpus, heldoutFraction, result)} holds exactly those groups.
     *
     * @return the fraction, in {@code (0, 1]}; 1 if even every group together holds fewer texts
     */
    public static double fractionFor(Corpus corpus, double heldoutFraction, int minTexts) {
        Map<String, List<CorpusEntry>> byGroup = new TreeMap<>();
        for (CorpusEntry e : corpus.entries()) {
            byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
        }
        List<String> order = new ArrayList<>(byGroup.keySet());
        order.sort(Comparator.comparingDouble(CorpusSplit::groupUnit));
        // Texts of recordings that stay in training at each step: those of groups not yet held out.
        Map<String, Integer> trainedCount = new java.util.HashMap<>();
        for (CorpusEntry e : corpus.entries()) {
            if (!isHeldout(e.path(), heldoutFraction)) {
                for (String t : e.texts()) {
                    trainedCount.merge(t, 1, Integer::sum);
                }
            }
        }
        Set<String> held = new LinkedHashSet<>();
        for (String g : order) {
            for (CorpusEntry e : byGroup.get(g)) {
                held.addAll(e.texts());
                if (!isHeldout(e.path(), heldoutFraction)) {
                    for (String t : e.texts()) {
                        trainedCount.merge(t, -1, Integer::sum);
                    }
                }
            }
            long unseen = held.stream().filter(t -> trainedCount.getOrDefault(t, 0) <= 0).count();
            if (unseen >= minTexts) {
                return Math.min(1.0, Math.nextUp(groupUnit(g)));
            }
        }
        return 1.0;
    }
}
