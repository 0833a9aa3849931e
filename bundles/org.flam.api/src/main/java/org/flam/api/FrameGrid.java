package org.flam.api;

/**
 * The frame rate of frame-wise outputs and labels: gapless frames of equal length starting at
 * time 0, frame {@code f} covering {@code [f / fps, (f + 1) / fps)} seconds.
 *
 * <p>Consumers read the grid from the encoder ({@code AudioEncoderSpec.frameGrid()}) or from
 * the {@link Detection} / {@link FrameScores} they are given, and never assume a rate: the
 * reference encoder has 32 frames per 10 s (3.2 fps, 0.3125 s per frame, SPEC §1), its finer
 * variant 128, a CPU-sized encoder something else, and the loudness labels of synthesized
 * mixtures start at 50 fps (SPEC §4).
 *
 * @param framesPerSecond frames per second, finite, {@code > 0}; need not be an integer
 * @param frameCount      number of frames, {@code >= 0} (0 only for empty audio)
 */
public record FrameGrid(double framesPerSecond, int frameCount) {

    /*
     * Relative tolerance for snapping t * fps to an integer: times computed as f / fps
     * (e.g. 7 / 3.2) do not always multiply back to exactly f, and a plain floor would then
     * put a frame's own onset into the previous frame.
     */
    private static final double SNAP = 1e-9;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code framesPerSecond} is not finite and positive
     *                                  or {@code frameCount < 0}
     */
    public FrameGrid {
        Checks.positive(framesPerSecond, "framesPerSecond");
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount must be >= 0, got " + frameCount);
        }
    }

    /**
     * The grid of an encoder that turns {@code clipSeconds} of audio into
     * {@code framesPerClip} frames: {@code fps = framesPerClip / clipSeconds}. For the
     * reference encoder {@code ofClip(32, 10.0)} gives 3.2 fps.
     *
     * @throws IllegalArgumentException if {@code framesPerClip <= 0} or {@code clipSeconds} is
     *                                  not finite and positive
     */
    public static FrameGrid ofClip(int framesPerClip, double clipSeconds) {
        if (framesPerClip <= 0) {
            throw new IllegalArgumentException("framesPerClip must be > 0, got " + framesPerClip);
        }
        Checks.positive(clipSeconds, "clipSeconds");
        return new FrameGrid(framesPerClip / clipSeconds, framesPerClip);
    }

    /**
     * The grid at this rate with as many frames as it takes to cover {@code seconds}:
     * {@code ceil(seconds * fps)} (snapped, so 10 s at 3.2 fps is exactly 32 frames).
     *
     * @throws IllegalArgumentException if {@code seconds} is negative or not finite
     */
    public FrameGrid covering(double seconds) {
        checkTime(seconds, "seconds");
        double x = seconds * framesPerSecond;
        double nearest = Math.rint(x);
        double frames = Math.abs(x - nearest) <= SNAP * Math.max(1, x) ? nearest : Math.ceil(x);
        if (frames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seconds too long for a frame grid: " + seconds);
        }
        return new FrameGrid(framesPerSecond, (int) frames);
    }

    /** The same rate with another frame count. */
    public FrameGrid withFrameCount(int newFrameCount) {
        return new FrameGrid(framesPerSecond, newFrameCount);
    }

    /** Length of one frame in seconds, {@code 1 / fps}. */
    public double frameSeconds() {
        return 1.0 / framesPerSecond;
    }

    /** Total covered duration in seconds, {@code frameCount / fps}. */
    public double durationSeconds() {
        return frameCount / framesPerSecond;
    }

    /**
     * Start of frame {@code f} in seconds, {@code f / fps}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= f < frameCount}
     */
    public double onset(int f) {
        checkFrame(f);
        return f / framesPerSecond;
    }

    /**
     * End of frame {@code f} in seconds, {@code (f + 1) / fps}; equal to {@code onset(f + 1)}
     * (computed the same way) so that score tables are gapless.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= f < frameCount}
     */
    public double offset(int f) {
        checkFrame(f);
        return (f + 1) / framesPerSecond;
    }

    /**
     * Index of the frame containing time {@code t}: {@code floor(t * fps)}, snapped so that
     * {@code frameAt(onset(f)) == f}. Not clamped: a time at or past
     * {@link #durationSeconds()} gives an index {@code >= frameCount}, which is what an
     * exclusive end index needs (an event ending at {@code offset(f)} covers frames up to
     * {@code frameAt(offset) - 1 = f}, after snapping).
     *
     * @param t seconds, finite, {@code >= 0}
     * @throws IllegalArgumentException if {@code t} is negative or not finite
     */
    public long frameAt(double t) {
        checkTime(t, "t");
        double x = t * framesPerSecond;
        double nearest = Math.rint(x);
        return (long) (Math.abs(x - nearest) <= SNAP * Math.max(1, x) ? nearest : Math.floor(x));
    }

    private void checkFrame(int f) {
        if (f < 0 || f >= frameCount) {
            throw new IndexOutOfBoundsException(
                    "frame " + f + " outside [0, " + frameCount + ") of " + this);
        }
    }

    private static void checkTime(double t, String field) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0 s, got " + t);
        }
    }
}
