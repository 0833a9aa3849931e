package org.flam.detect.internal;

/**
 * How a recording of any length is cut into the encoder's clip-length windows and how the
 * windows' frame outputs are stitched back into one grid.
 *
 * <p>The encoder takes clips of {@code L} samples and gives {@code F} frames of
 * {@code s = L / F} samples each. Windows start every {@code h} frames ({@code h = F/2} by
 * default: 50 % overlap), so window {@code w} covers global frames
 * {@code [w h, w h + F)}; the last window is zero-padded past the end of the recording. The
 * recording's grid has {@code ceil(N / s)} frames of the encoder's rate.
 *
 * <p>Stitching is deterministic: global frame {@code j} takes its value from the covering
 * window in which it lies closest to the centre (frame index {@code (F - 1) / 2}), the earlier
 * window on a tie. Frames near a window's edge see the least context (and the last window's
 * tail sees zero padding), so the most central copy is the best estimate; choosing one copy
 * rather than averaging keeps every output value one the model produced.
 *
 * @param samples        recording length {@code N} in samples at the encoder's rate
 * @param clipSamples    {@code L}
 * @param framesPerClip  {@code F}
 * @param hopFrames      {@code h}, {@code 1 <= h <= F}
 */
record Windows(long samples, int clipSamples, int framesPerClip, int hopFrames) {

    Windows {
        if (samples < 0 || clipSamples <= 0 || framesPerClip <= 0 || clipSamples % framesPerClip != 0) {
            throw new IllegalArgumentException("need samples >= 0 and clipSamples a positive multiple of framesPerClip, got "
                    + samples + ", " + clipSamples + ", " + framesPerClip);
        }
        if (hopFrames < 1 || hopFrames > framesPerClip) {
            throw new IllegalArgumentException("hopFrames must be in [1, " + framesPerClip + "], got " + hopFrames);
        }
    }

    /** Samples per output frame, {@code L / F}. */
    int frameSamples() {
        return clipSamples / framesPerClip;
    }

    /** Frames of the recording's grid, {@code ceil(N / s)}, at least 1. */
    int frames() {
        return (int) Math.max(1, (samples + frameSamples() - 1) / frameSamples());
    }

    /** Number of windows: enough for the last window to reach the last frame. */
    int count() {
        int frames = frames();
        if (frames <= framesPerClip) {
            return 1;
        }
        return (frames - framesPerClip + hopFrames - 1) / hopFrames + 1;
    }

    /** First sample of window {@code w}. */
    long start(int w) {
        return (long) w * hopFrames * frameSamples();
    }

    /**
     * For every global frame {@code j}, the window it is taken from and its frame index in that
     * window: {@code int[frames()][2]}.
     */
    int[][] sources() {
        int frames = frames();
        int windows = count();
        double centre = (framesPerClip - 1) / 2.0;
        int[][] src = new int[frames][];
        for (int j = 0; j < frames; j++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            int last = Math.min(windows - 1, j / hopFrames);
            for (int w = Math.max(0, (j - framesPerClip) / hopFrames); w <= last; w++) {
                int f = j - w * hopFrames;
                if (f < 0 || f >= framesPerClip) {
                    continue;
                }
                double d = Math.abs(f - centre);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = w;
                }
            }
            src[j] = new int[] {best, j - best * hopFrames};
        }
        return src;
    }
}
