package org.flam.audio.cnn.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.flam.api.FlamProperties;
import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.graph.GraphOps;
import org.flam.api.graph.SeededInit;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The CPU default audio encoder {@code g_a} (SPEC §1): 1-D convolutions over time with the mel
 * bins as input channels (10-30x faster than 2-D convolutions with ND4J on CPU, FIELD-NOTES).
 *
 * <p>Layers, for {@code T = melFrames} input frames, {@code N = samplesPerClip / hop} hops per
 * clip (1000 by default), {@code n = max(1, round(log2(N / F)))} stages and {@code T' = F 2^n}:
 * <ol>
 * <li>resampling to {@code T'} frames by a constant matrix {@code [T, T']}: frame {@code j} of
 *     the result covers {@code [j, j+1) clip / T'} seconds and is a triangle-weighted mean of
 *     the log-mel frames around its centre (log-mel frame {@code t} is centred at
 *     {@code t hop / sampleRate} s), half-width {@code max(1, N / T')} hops (see
 *     {@link #resample} for how it is computed);</li>
 * <li>{@code x' = (x + offset) / scale}, fixed ({@code (x + 50) / 50} by default);</li>
 * <li>{@code n} stages at {@code T' / 2^i} frames: {@code h = down_i(in)}, a kernel-2 stride-2
 *     convolution (no overlap, so unit {@code u} of stage {@code i} depends on resampled frames
 *     {@code [u 2^i, (u+1) 2^i)} only), then {@code h = h + res_i(relu(h))}, a kernel-3
 *     convolution; {@code in} is {@code x'} for stage 1 and {@code relu(h)} after;</li>
 * <li>{@code contextBlocks} residual blocks {@code h = h + ctx_j(relu(h))}, kernel 3, dilation
 *     {@code 2^j}, at {@code F} frames;</li>
 * <li>{@code proj(relu(h))}, a 1x1 convolution to {@code H}, then layer norm over channels
 *     (learnable γ, β), transposed to {@code [B, F, H]}.</li>
 * </ol>
 *
 * <p><b>Alignment.</b> Without the kernel-3 convolutions output frame {@code f} depends exactly on
 * the resampled frames of {@code [f, f+1) clip / F} seconds. The kernel-3 convolutions (zero
 * padded, symmetric) widen the receptive field by {@link #contextResampledFrames()} resampled
 * frames on each side, and the resampling by at most {@code max(1, N / T')} hops: the field is
 * centred on the frame's interval. No normalisation depends on the batch (no BatchNorm).
 *
 * <p>Weights are drawn from {@code java.util.Random} seeded by the configured seed and the
 * variable's name (He normal for convolutions after a ReLU, LeCun normal for the first one,
 * residual branches scaled by 1/2, biases 0), so the same seed gives the same weights in any
 * graph. Variables take the input's data type (float32 in training, float64 in gradient
 * tests).
 *
 * <p>No per-mel input affine {@code γ_m x + β_m}: the first layer is a convolution without
 * padding, which is linear in its input, so such an affine is absorbed exactly into its
 * weights and bias; it added no function, only a broadcast multiply whose backward was the
 * slowest op of the training step (models trained with it, such as the first default model,
 * still load: a model directory carries its own graph).
 */
@Component(service = AudioEncoder.class, configurationPid = ConvAudioEncoder.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = FlamProperties.NAME + "=" + ConvAudioEncoder.NAME)
@Designate(ocd = ConvAudioEncoderConfiguration.class)
public final class ConvAudioEncoder implements AudioEncoder {

    static final String PID = "org.flam.audio.cnn";
    /** {@code flam.name} of this encoder. */
    public static final String NAME = "cnn";

    static final int DEFAULT_SAMPLE_RATE = 16_000;
    static final int DEFAULT_WINDOW = 512;
    static final int DEFAULT_HOP = 160;
    static final int DEFAULT_MELS = 64;
    static final double DEFAULT_FMIN_HZ = 50.0;
    static final double DEFAULT_FMAX_HZ = 8_000.0;
    static final double DEFAULT_CLIP_SECONDS = 10.0;
    static final int DEFAULT_FRAMES_PER_CLIP = 32;
    static final int DEFAULT_FEATURE_SIZE = 256;
    static final int DEFAULT_STEM_CHANNELS = 64;
    static final int DEFAULT_CHANNELS = 128;
    static final int DEFAULT_CONTEXT_BLOCKS = 3;
    static final double DEFAULT_INPUT_OFFSET_DB = 50.0;
    static final double DEFAULT_INPUT_SCALE_DB = 50.0;

    /** Name of the output variable, {@code audio_encoder/frames}. */
    public static final String OUTPUT = SCOPE + "/frames";

    /** The default spec: 16 kHz, window 512, hop 160, 64 mels 50-8000 Hz, 10 s, F = 32, H = 256. */
    public static final AudioEncoderSpec DEFAULT_SPEC = new AudioEncoderSpec(DEFAULT_SAMPLE_RATE,
            DEFAULT_WINDOW, DEFAULT_HOP, DEFAULT_MELS, DEFAULT_FMIN_HZ, DEFAULT_FMAX_HZ,
            DEFAULT_CLIP_SECONDS, DEFAULT_FRAMES_PER_CLIP, DEFAULT_FEATURE_SIZE);

    private final AudioEncoderSpec spec;
    private final int stemChannels;
    private final int channels;
    private final int contextBlocks;
    private final double inputOffsetDb;
    private final double inputScaleDb;
    private final long seed;
    private final int stages;

    @Activate
    public ConvAudioEncoder(ConvAudioEncoderConfiguration c) {
        this(new AudioEncoderSpec(c.sampleRate(), c.window(), c.hop(), c.mels(), c.fminHz(), c.fmaxHz(),
                c.clipSeconds(), c.framesPerClip(), c.featureSize()), c.stemChannels(), c.channels(),
                c.contextBlocks(), c.inputOffsetDb(), c.inputScaleDb(), c.seed());
    }

    /**
     * @throws IllegalArgumentException if a size is out of range or {@code F} is too large for
     *                                  one stride-2 stage
     */
    ConvAudioEncoder(AudioEncoderSpec spec, int stemChannels, int channels, int contextBlocks,
            double inputOffsetDb, double inputScaleDb, long seed) {
        this.spec = spec;
        if (stemChannels <= 0 || channels <= 0) {
            throw new IllegalArgumentException("stemChannels and channels must be > 0, got "
                    + stemChannels + ", " + channels);
        }
        if (contextBlocks < 0 || contextBlocks > 16) {
            throw new IllegalArgumentException("contextBlocks must be in [0, 16], got " + contextBlocks);
        }
        if (!Double.isFinite(inputOffsetDb) || !(inputScaleDb > 0) || Double.isInfinite(inputScaleDb)) {
            throw new IllegalArgumentException("inputOffsetDb must be finite and inputScaleDb finite and > 0, got "
                    + inputOffsetDb + ", " + inputScaleDb);
        }
        this.stemChannels = stemChannels;
        this.channels = channels;
        this.contextBlocks = contextBlocks;
        this.inputOffsetDb = inputOffsetDb;
        this.inputScaleDb = inputScaleDb;
        this.seed = seed;
        int hops = hopsPerClip(spec);
        long n = Math.round(Math.log((double) hops / spec.framesPerClip()) / Math.log(2));
        if (n < 1) {
            throw new IllegalArgumentException("framesPerClip " + spec.framesPerClip() + " is too large for "
                    + hops + " log-mel hops per clip: at most " + (int) (hops / Math.sqrt(2)));
        }
        if (n > 20) {
            throw new IllegalArgumentException("framesPerClip " + spec.framesPerClip() + " is too small");
        }
        this.stages = (int) n;
    }

    /** The same encoder with another initialisation seed (for a trainer that owns the seed). */
    public ConvAudioEncoder withSeed(long newSeed) {
        return new ConvAudioEncoder(spec, stemChannels, channels, contextBlocks, inputOffsetDb, inputScaleDb, newSeed);
    }

    /** The initialisation seed. */
    public long seed() {
        return seed;
    }

    @Override
    public AudioEncoderSpec spec() {
        return spec;
    }

    /** Number of stride-2 stages {@code n}. */
    int stages() {
        return stages;
    }

    /** Frames {@code T' = F 2^n} after resampling. */
    int resampledFrames() {
        return spec.framesPerClip() << stages;
    }

    /**
     * One-sided widening of the receptive field by the kernel-3 convolutions, in resampled
     * frames: {@code Σ_{i=1..n} 2^i} (stage residuals) {@code + (2^c - 1) 2^n} (context blocks).
     */
    int contextResampledFrames() {
        return ((1 << (stages + 1)) - 2) + ((1 << contextBlocks) - 1) * (1 << stages);
    }

    /** One-sided context in seconds (resampling kernel excluded). */
    double contextSeconds() {
        return contextResampledFrames() * spec.clipSeconds() / resampledFrames();
    }

    /** Number of trainable parameters. */
    long parameterCount() {
        long mels = spec.mels();
        long count = 0;
        long in = mels;
        for (int i = 1; i <= stages; i++) {
            long out = stageChannels(i);
            count += 2 * in * out + out; // down
            count += 3 * out * out + out; // residual
            in = out;
        }
        count += contextBlocks * (3L * in * in + in);
        count += in * spec.featureSize() + spec.featureSize(); // projection
        count += 2L * spec.featureSize(); // layer norm
        return count;
    }

    private int stageChannels(int stage) {
        return stage == 1 && stages > 1 ? stemChannels : channels;
    }

    private static int hopsPerClip(AudioEncoderSpec spec) {
        return spec.samplesPerClip() / spec.hop();
    }

    /**
     * The constant resampling matrix {@code [melFrames, T']}: column {@code j} holds the
     * weights (summing to 1) of the log-mel frames that make resampled frame {@code j}.
     */
    double[][] resamplingMatrix() {
        int t = spec.melFrames();
        int tp = resampledFrames();
        double hops = hopsPerClip(spec);
        double step = hops / tp; // hops per resampled frame
        double halfWidth = Math.max(1.0, step);
        double[][] r = new double[t][tp];
        for (int j = 0; j < tp; j++) {
            double centre = (j + 0.5) * step; // in hops = log-mel frame index
            double sum = 0;
            for (int i = 0; i < t; i++) {
                double w = Math.max(0.0, 1.0 - Math.abs(i - centre) / halfWidth);
                r[i][j] = w;
                sum += w;
            }
            for (int i = 0; i < t; i++) {
                r[i][j] /= sum;
            }
        }
        return r;
    }

    /**
     * Splits the banded resampling matrix into taps: tap {@code k} of column {@code j} is the
     * {@code k}-th non-zero row of the column (index and weight), or a zero weight.
     */
    static void bandedTaps(double[][] r, List<int[]> taps, List<double[]> weights) {
        int rows = r.length;
        int cols = r[0].length;
        int[] first = new int[cols];
        int width = 0;
        for (int j = 0; j < cols; j++) {
            int lo = -1;
            int hi = -1;
            for (int i = 0; i < rows; i++) {
                if (r[i][j] != 0) {
                    if (lo < 0) {
                        lo = i;
                    }
                    hi = i;
                }
            }
            first[j] = lo;
            width = Math.max(width, hi - lo + 1);
        }
        for (int k = 0; k < width; k++) {
            int[] idx = new int[cols];
            double[] w = new double[cols];
            for (int j = 0; j < cols; j++) {
                int i = Math.min(first[j] + k, rows - 1);
                idx[j] = i;
                w[j] = first[j] + k < rows ? r[i][j] : 0.0;
            }
            taps.add(idx);
            weights.add(w);
        }
    }

    @Override
    public SDVariable build(SameDiff sd, SDVariable logMel) {
        DataType type = logMel.dataType();
        int mels = spec.mels();
        int t = spec.melFrames();
        int f = spec.framesPerClip();
        int tp = resampledFrames();
        long[] shape = logMel.getShape();
        if (shape != null && (shape.length != 3 || (shape[1] >= 0 && shape[1] != mels) || (shape[2] >= 0 && shape[2] != t))) {
            throw new IllegalArgumentException("logMel must be [B, " + mels + ", " + t + "], got "
                    + java.util.Arrays.toString(shape));
        }
        Weights w = new Weights(sd, type);
        try (NameScope scope = sd.withNameScope(SCOPE)) {
            SDVariable x = resample(sd, logMel, type); // [B, mels, T']
            x = x.add(inputOffsetDb).div(inputScaleDb);

            SDVariable h = x;
            int in = mels;
            for (int i = 1; i <= stages; i++) {
                int out = stageChannels(i);
                String p = SCOPE + "/stage" + i;
                SDVariable input = i == 1 ? h : GraphOps.relu(h);
                // LeCun normal on the (signed) normalised input, He normal after a ReLU
                h = conv(sd, w, p + "/down", input, in, out, 2, 2, 1, 0, i == 1 ? 1.0 : 2.0, 1.0);
                h = h.add(conv(sd, w, p + "/res", GraphOps.relu(h), out, out, 3, 1, 1, 1, 2.0, 0.5));
                in = out;
            }
            for (int j = 0; j < contextBlocks; j++) {
                int d = 1 << j;
                h = h.add(dilatedConv(sd, w, SCOPE + "/context" + (j + 1), GraphOps.relu(h), in, d, f));
            }
            int hs = spec.featureSize();
            h = conv(sd, w, SCOPE + "/proj", GraphOps.relu(h), in, hs, 1, 1, 1, 0, 2.0, 1.0); // [B, H, F]
            // layer norm over channels
            SDVariable mean = h.mean(true, 1);
            SDVariable centred = h.sub(mean);
            SDVariable var = centred.mul(centred).mean(true, 1);
            SDVariable normed = centred.div(sd.math.sqrt(var.add(1e-5)));
            SDVariable lnGamma = w.constantVar(SCOPE + "/norm/gamma", 1.0, hs);
            SDVariable lnBeta = w.constantVar(SCOPE + "/norm/beta", 0.0, hs);
            normed = normed.mul(lnGamma.reshape(1, hs, 1)).add(lnBeta.reshape(1, hs, 1));
            return sd.permute(OUTPUT, normed, 0, 2, 1); // [B, F, H]
        }
    }

    /**
     * {@code x R}: the log-mel {@code [B, mels, T]} resampled to {@code [B, mels, T']} by the
     * constant matrix {@link #resamplingMatrix()}, computed without forming the dense product
     * (2 GFLOP per batch of 16 at the defaults).
     *
     * <p>The matrix is periodic: shifting an output frame by {@code P' = T'/g} frames shifts its
     * centre by {@code P = N/g} hops, {@code g = gcd(N, T')} (8 at the defaults: 128 frames per
     * 125 hops). So output block {@code b} of {@code P'} frames is one small matrix {@code M
     * [P + E, P']} applied to the input rows {@code [lo + bP, lo + bP + P + E)}: the block's
     * own {@code P} rows, a reshape of the input, plus {@code E} rows of the next block, taken
     * by strided slices. One matrix product of {@code [B·mels·g, P + E] × [P + E, P']}: 0.26
     * GFLOP at the defaults, and no gather (which cost more than the whole encoder's forward
     * convolutions). Where the blocks' matrices differ (edge truncation) or the rows run past
     * the input, the banded taps are gathered instead ({@link #resampleByGather}).
     */
    SDVariable resample(SameDiff sd, SDVariable logMel, DataType type) {
        double[][] r = resamplingMatrix();
        BlockResampling blocks = BlockResampling.of(r, hopsPerClip(spec));
        if (blocks == null) {
            return resampleByGather(sd, logMel, type, r);
        }
        int mels = spec.mels();
        int g = blocks.blocks();
        int p = blocks.rowsPerBlock();
        int lo = blocks.firstRow();
        // [B, mels, g·P] -> [B, mels, g, P]: each block's own rows
        SDVariable own = sd.stridedSlice(logMel, new long[] {0, 0, lo}, new long[] {0, 0, lo + (long) g * p},
                new long[] {1, 1, 1}, 0b011, 0b011, 0, 0, 0).reshape(-1, mels, g, p);
        SDVariable[] parts = new SDVariable[1 + blocks.extraRows()];
        parts[0] = own;
        for (int e = 0; e < blocks.extraRows(); e++) {
            // row lo + (b+1)P + e of every block b: [B, mels, g] -> [B, mels, g, 1]
            long begin = lo + p + e;
            SDVariable next = sd.stridedSlice(logMel, new long[] {0, 0, begin},
                    new long[] {0, 0, begin + (long) (g - 1) * p + 1}, new long[] {1, 1, p}, 0b011, 0b011, 0, 0, 0);
            parts[1 + e] = sd.expandDims(next, 3);
        }
        SDVariable windows = parts.length == 1 ? own : sd.concat(3, parts); // [B, mels, g, P + E]
        SDVariable m = sd.constant(SCOPE + "/resample/block",
                Nd4j.create(blocks.matrix()).castTo(type)); // [P + E, P']
        SDVariable out = windows.reshape(-1, p + blocks.extraRows()).mmul(m); // [B·mels·g, P']
        return out.reshape(-1, mels, resampledFrames());
    }

    /** {@code x R} as a sum of a few gathered, weighted copies of the input (the matrix is banded). */
    SDVariable resampleByGather(SameDiff sd, SDVariable logMel, DataType type, double[][] r) {
        int mels = spec.mels();
        int tp = resampledFrames();
        List<int[]> taps = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        bandedTaps(r, taps, weights);
        // one gather (several gathers broke SameDiff M2.1's gradient construction: duplicate
        // variable name "transposeConcat"), [B, mels, width * T'] -> [B, mels, width, T']
        int width = taps.size();
        int[] allIdx = new int[width * tp];
        double[] allW = new double[width * tp];
        for (int k = 0; k < width; k++) {
            System.arraycopy(taps.get(k), 0, allIdx, k * tp, tp);
            System.arraycopy(weights.get(k), 0, allW, k * tp, tp);
        }
        SDVariable idx = sd.constant(SCOPE + "/resample/index", Nd4j.createFromArray(allIdx));
        SDVariable wk = sd.constant(SCOPE + "/resample/weight",
                Nd4j.createFromArray(allW).castTo(type).reshape(1, 1, width, tp));
        return sd.gather(logMel, idx, 2).reshape(-1, mels, width, tp).mul(wk).sum(2);
    }

    /**
     * A 1-D convolution, NCW, weights {@code [k, in, out]} (SameDiff's layout), bias {@code [out]},
     * zero padding {@code pad} on both sides.
     */
    private SDVariable conv(SameDiff sd, Weights w, String prefix, SDVariable x, int in, int out, int k,
            int stride, int dilation, int pad, double gain, double scale) {
        double std = scale * Math.sqrt(gain / (k * in));
        SDVariable weights = w.normal(prefix + "/W", std, k, in, out);
        SDVariable bias = w.constantVar(prefix + "/b", 0.0, out);
        return sd.cnn.conv1d(x, weights, bias,
                new Conv1DConfig(k, stride, pad, dilation, Conv1DConfig.NCW, PaddingMode.VALID));
    }

    /**
     * A kernel-3 convolution with dilation {@code d} and zero padding {@code d} on both sides,
     * {@code [B, c, frames] -> [B, c, frames]}, as a 1x1 convolution over the three shifted
     * copies {@code x[t-d], x[t], x[t+d]} stacked on the channel axis. Same weights
     * {@code [3, c, c]} and result as {@code conv1d} with dilation {@code d}, which fails in
     * float32 in ND4J 1.0.0-M2.1 with oneDNN ("could not create a descriptor for a dilated
     * convolution forward propagation primitive").
     */
    private SDVariable dilatedConv(SameDiff sd, Weights w, String prefix, SDVariable x, int c, int d, int frames) {
        if (d == 1) {
            return conv(sd, w, prefix, x, c, c, 3, 1, 1, 1, 2.0, 0.5);
        }
        double std = 0.5 * Math.sqrt(2.0 / (3 * c));
        SDVariable weights = w.normal(prefix + "/W", std, 3, c, c);
        SDVariable bias = w.constantVar(prefix + "/b", 0.0, c);
        return dilatedConv3(sd, x, weights, bias, c, d, frames);
    }

    /** {@code conv1d(x, weights [3, c, c], bias)} with dilation and padding {@code d}, from a pad, slices and a 1x1 convolution. */
    static SDVariable dilatedConv3(SameDiff sd, SDVariable x, SDVariable weights, SDVariable bias, int c, int d,
            int frames) {
        SDVariable padded = sd.nn.pad(x, sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {d, d}})),
                org.nd4j.enums.PadMode.CONSTANT, 0.0);
        SDVariable[] taps = new SDVariable[3];
        for (int k = 0; k < 3; k++) {
            taps[k] = padded.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(k * d, k * d + frames));
        }
        SDVariable stacked = sd.concat(1, taps); // [B, 3c, frames], channel k*c + i = x[t + (k-1)d] channel i
        return sd.cnn.conv1d(stacked, weights.reshape(1, 3 * c, c), bias,
                new Conv1DConfig(1, 1, 0, 1, Conv1DConfig.NCW, PaddingMode.VALID));
    }

    /** Creates variables with full names (SameDiff M2.1 does not scope {@code sd.var}). */
    private final class Weights {
        private final SameDiff sd;
        private final DataType type;

        Weights(SameDiff sd, DataType type) {
            this.sd = sd;
            this.type = type;
        }

        SDVariable normal(String name, double std, long... shape) {
            return sd.var(name, SeededInit.normal(seed, name, std, type, shape));
        }

        SDVariable constantVar(String name, double value, long... shape) {
            return sd.var(name, Nd4j.valueArrayOf(shape, value, type));
        }
    }


    /** Names of the trainable variables this encoder creates, in build order. */
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= stages; i++) {
            for (String part : new String[] {"down", "res"}) {
                names.add(SCOPE + "/stage" + i + "/" + part + "/W");
                names.add(SCOPE + "/stage" + i + "/" + part + "/b");
            }
        }
        for (int j = 1; j <= contextBlocks; j++) {
            names.add(SCOPE + "/context" + j + "/W");
            names.add(SCOPE + "/context" + j + "/b");
        }
        names.add(SCOPE + "/proj/W");
        names.add(SCOPE + "/proj/b");
        names.add(SCOPE + "/norm/gamma");
        names.add(SCOPE + "/norm/beta");
        return Collections.unmodifiableList(names);
    }
}
