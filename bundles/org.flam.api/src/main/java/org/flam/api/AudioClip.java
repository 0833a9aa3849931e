package org.flam.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A mono recording: samples in {@code [-1, 1]} at a sample rate, with a name that identifies
 * it in reports and label files (the {@code filename} column of DCASE TSV).
 *
 * <p>The record owns its samples: the constructor copies the given array and
 * {@link #samples()} returns a new copy on every call, so neither side can change the other's
 * data. Where the copy matters (long recordings, inner loops), use {@link #sample(int)} or
 * {@link #copyTo(int, float[], int, int)}.
 *
 * <p>Any sample rate is allowed; consumers resample to what their encoder needs
 * ({@code AudioEncoderSpec.sampleRate()}, 48 kHz for the reference encoder, SPEC §1).
 *
 * @param id         name of the clip, e.g. a file name without directory; TSV-safe (no tab or
 *                   line break), not blank
 * @param samples    mono samples, each finite and in {@code [-1, 1]}; length may be 0
 * @param sampleRate samples per second (Hz), {@code > 0}
 */
public record AudioClip(String id, float[] samples, int sampleRate) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if {@code id} or {@code samples} is null
     * @throws IllegalArgumentException if {@code id} is blank or holds a tab or line break,
     *                                  {@code sampleRate <= 0}, or a sample is NaN, infinite
     *                                  or outside {@code [-1, 1]} (a decoder or mixer that
     *                                  produced it has a bug that would otherwise surface as
     *                                  clipped, distorted features much later)
     */
    public AudioClip {
        Checks.tsvCell(id, "id");
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0 Hz, got " + sampleRate);
        }
        samples = samples.clone();
        for (int i = 0; i < samples.length; i++) {
            float s = samples[i];
            if (!(s >= -1f && s <= 1f)) {
                throw new IllegalArgumentException(
                        "samples[" + i + "] must be finite and in [-1, 1], got " + s);
            }
        }
    }

    /** Returns a new copy of the samples, {@code float[sampleCount()]}, owned by the caller. */
    @Override
    public float[] samples() {
        return samples.clone();
    }

    /** Number of samples. */
    public int sampleCount() {
        return samples.length;
    }

    /** Sample {@code i}, {@code 0 <= i < sampleCount()}, without copying the array. */
    public float sample(int i) {
        return samples[i];
    }

    /**
     * Copies {@code length} samples starting at {@code from} into {@code dest} at
     * {@code destPos}, as {@link System#arraycopy} does (and with its exceptions).
     */
    public void copyTo(int from, float[] dest, int destPos, int length) {
        System.arraycopy(samples, from, dest, destPos, length);
    }

    /** Duration in seconds: {@code sampleCount() / sampleRate()}. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** Equal when id, sample rate and every sample are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip other
                && id.equals(other.id)
                && sampleRate == other.sampleRate
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sampleRate, Arrays.hashCode(samples));
    }

    /** Id, rate and duration; never the samples (they can be millions). */
    @Override
    public String toString() {
        return "AudioClip[id=" + id + ", sampleRate=" + sampleRate + " Hz, samples="
                + samples.length + " (" + durationSeconds() + " s)]";
    }
}
