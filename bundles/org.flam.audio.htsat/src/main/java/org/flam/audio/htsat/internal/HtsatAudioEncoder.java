package org.flam.audio.htsat.internal;

import java.util.Arrays;

import org.flam.api.FlamProperties;
import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.graph.SeededInit;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * HTSAT (Chen et al., 2022) as LAION-CLAP builds it for HTSAT-tiny, the reference audio encoder
 * of SPEC §1, as a SameDiff graph builder.
 *
 * <pre>
 * log-mel [B, M, T]  (M = 64, T = 1001)
 *  bn0 over mel bins (fixed running statistics: inference-mode BatchNorm, learnable affine)
 *  bicubic stretch of time to S·r frames (S = imageSize 256, r = S / M = 4: 1001 -> 1024)
 *  fold: r chunks of S time frames stacked along frequency -> image [B, S, S]
 *  patch embedding: p x p patches (p = 4), linear to E = 96, LayerNorm -> [B, (S/p)^2, E]
 *  stages i = 0..3: depth[i] Swin blocks (window w = 8, odd blocks shifted by w/2, relative
 *    position bias, GELU MLP of ratio 4), patch merging between stages (2x2 -> 4C -> 2C)
 *  final LayerNorm -> [B, s·s, C]  (s = S / p / 2^3 = 8, C = 768)
 *  rows regrouped as r chunks of s/r frequency rows; mean over those rows -> [B, r·s = 32, C]
 * </pre>
 *
 * <p>The output is the reference's {@code fine_grained_embedding} before its 32-fold repeat:
 * frames of {@code clipSeconds / F} seconds (0.3125 s for the reference). No dropout, attention
 * dropout or drop-path (inference semantics; the reference trains with drop-path 0.1), no
 * SpecAugment or mixup (those are separate augmenters), no classification head
 * ({@code tscam_conv}, {@code head}: unused by FLAM).
 *
 * <p>Variables are named {@code audio_encoder/<reference state-dict name with '/' for '.'>},
 * e.g. {@code audio_encoder/layers/2/blocks/5/attn/qkv/weight}. Linear weights are stored
 * {@code [in, out]} (the transpose of PyTorch's) and the patch-embedding convolution as
 * {@code [p·p, E]}. All take the data type of the input (float32 in training, float64 for
 * gradient checks). bn0's running statistics are constants {@code audio_encoder/bn0/running_mean}
 * and {@code .../running_var}.
 */
@Component(service = AudioEncoder.class, configurationPid = HtsatAudioEncoder.PID,
        property = FlamProperties.NAME + "=" + HtsatAudioEncoder.NAME)
@Designate(ocd = HtsatAudioEncoderConfiguration.class)
public final class HtsatAudioEncoder implements AudioEncoder {

    static final String PID = "org.flam.audio.htsat";
    /** {@code flam.name} of this encoder. */
    public static final String NAME = "htsat";

    private static final double LN_EPS = 1e-5;
    private static final double BN_EPS = 1e-5;
    /** Standard deviation of the (truncated at ±2, i.e. effectively plain) normal init of linear weights. */
    private static final double INIT_STD = 0.02;

    private final AudioEncoderSpec spec;
    private final int imageSize;
    private final int freqRatio;
    private final int patchSize;
    private final int embedDim;
    private final int[] depths;
    private final int[] heads;
    private final int windowSize;
    private final double mlpRatio;
    private final double bnMean;
    private final double bnVariance;
    private final long seed;

    @Activate
    public HtsatAudioEncoder(HtsatAudioEncoderConfiguration c) {
        this(new AudioEncoderSpec(c.sampleRate(), c.stftWindow(), c.hop(), c.mels(), c.fminHz(), c.fmaxHz(),
                c.clipSeconds(), c.framesPerClip(), c.embedDim() << (c.depths().length - 1)), c.imageSize(),
                c.patchSize(), c.depths(), c.heads(), c.windowSize(), c.mlpRatio(), c.bnRunningMean(),
                c.bnRunningVariance(), c.seed());
    }

    /** HTSAT-tiny on {@link AudioEncoderSpec#REFERENCE}, bn0 statistics 0 and 1. */
    HtsatAudioEncoder() {
        this(AudioEncoderSpec.REFERENCE, 256, 4, new int[] {2, 2, 6, 2}, new int[] {4, 8, 16, 32}, 8, 4.0, 0.0, 1.0);
    }

    /**
     * @param spec       front end, clip length, frames per clip and feature size; the last two must
     *                   agree with the geometry
     * @param imageSize  side of the folded image; a multiple of {@code spec.mels()}
     * @param patchSize  patch side and stride
     * @param depths     blocks per stage
     * @param heads      heads per stage
     * @param windowSize attention window side
     * @param mlpRatio   MLP hidden size over channels
     * @param bnMean     initial bn0 running mean
     * @param bnVariance initial bn0 running variance
     * @throws IllegalArgumentException if the geometry does not fit
     */
    HtsatAudioEncoder(AudioEncoderSpec spec, int imageSize, int patchSize, int[] depths, int[] heads,
            int windowSize, double mlpRatio, double bnMean, double bnVariance) {
        this(spec, imageSize, patchSize, depths, heads, windowSize, mlpRatio, bnMean, bnVariance, 0L);
    }

    /**
     * As the constructor above, with the seed of the weight initialisation
     * ({@link SeededInit}: each variable from its own generator seeded by this seed and its
     * name).
     */
    HtsatAudioEncoder(AudioEncoderSpec spec, int imageSize, int patchSize, int[] depths, int[] heads,
            int windowSize, double mlpRatio, double bnMean, double bnVariance, long seed) {
        this.seed = seed;
        this.spec = spec;
        this.imageSize = imageSize;
        this.patchSize = patchSize;
        this.depths = depths.clone();
        this.heads = heads.clone();
        this.windowSize = windowSize;
        this.mlpRatio = mlpRatio;
        this.bnMean = bnMean;
        this.bnVariance = bnVariance;
        this.embedDim = spec.featureSize() >> Math.max(0, depths.length - 1);
        int mels = spec.mels();
        require(imageSize > 0 && imageSize % mels == 0,
                "imageSize must be a positive multiple of mels=" + mels + ", got " + imageSize);
        this.freqRatio = imageSize / mels;
        require(spec.melFrames() <= imageSize * freqRatio, "the clip's " + spec.melFrames()
                + " log-mel frames exceed imageSize * imageSize / mels = " + imageSize * freqRatio);
        require(patchSize > 0 && imageSize % patchSize == 0,
                "patchSize must divide imageSize=" + imageSize + ", got " + patchSize);
        require(depths.length > 0 && depths.length == heads.length, "depths and heads need the same, non-zero"
                + " number of stages, got " + Arrays.toString(depths) + " and " + Arrays.toString(heads));
        require(windowSize > 0, "windowSize must be > 0, got " + windowSize);
        require(mlpRatio > 0 && Double.isFinite(mlpRatio), "mlpRatio must be > 0, got " + mlpRatio);
        require(bnVariance >= 0 && Double.isFinite(bnVariance) && Double.isFinite(bnMean),
                "bn0 statistics must be finite with variance >= 0");
        require(embedDim > 0 && embedDim << (depths.length - 1) == spec.featureSize(), "featureSize "
                + spec.featureSize() + " is not embedDim * 2^(stages - 1)");
        int side = imageSize / patchSize;
        for (int i = 0; i < depths.length; i++) {
            require(depths[i] > 0, "depths must be > 0, got " + Arrays.toString(depths));
            require(heads[i] > 0 && channels(i) % heads[i] == 0, "heads[" + i + "]=" + heads[i]
                    + " must divide the stage's " + channels(i) + " channels");
            require(side % window(side) == 0, "stage " + i + ": window " + window(side)
                    + " does not tile its " + side + "x" + side + " map");
            if (i < depths.length - 1) {
                require(side % 2 == 0, "stage " + i + ": patch merging needs an even map side, got " + side);
                side /= 2;
            }
        }
        require(side % freqRatio == 0, "the final " + side + "x" + side + " map cannot be regrouped into "
                + freqRatio + " time chunks");
        require(freqRatio * side == spec.framesPerClip(), "the geometry gives " + freqRatio * side
                + " frames per clip, not framesPerClip=" + spec.framesPerClip());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private int channels(int stage) {
        return embedDim << stage;
    }

    /** The window a stage uses on its {@code side x side} map: the whole map if not larger. */
    private int window(int side) {
        return Math.min(windowSize, side);
    }

    @Override
    public AudioEncoderSpec spec() {
        return spec;
    }

    @Override
    public SDVariable build(SameDiff sd, SDVariable logMel) {
        DataType type = logMel.dataType();
        Builder b = new Builder(sd, type, seed);
        int mels = spec.mels();
        int frames = spec.melFrames();
        int targetT = imageSize * freqRatio;
        try (NameScope scope = sd.withNameScope(SCOPE)) {
            // bn0 over mel bins, fixed statistics
            SDVariable mean = sd.constant(SCOPE + "/bn0/running_mean", Nd4j.valueArrayOf(new long[] {mels}, bnMean, type));
            SDVariable var = sd.constant(SCOPE + "/bn0/running_var", Nd4j.valueArrayOf(new long[] {mels}, bnVariance, type));
            SDVariable gamma = b.ones("bn0/weight", mels);
            SDVariable beta = b.zeros("bn0/bias", mels);
            SDVariable scale = gamma.div(sd.math.sqrt(var.add(BN_EPS))).reshape(mels, 1);
            SDVariable x = logMel.sub(mean.reshape(mels, 1)).mul(scale).add(beta.reshape(mels, 1)); // [B, M, T]

            // time stretched to imageSize * freqRatio frames (bicubic, align corners)
            if (frames < targetT) {
                INDArray m = Nd4j.create(SwinGeometry.bicubic(frames, targetT)).castTo(type);
                x = sd.mmul(x.reshape(-1, frames), sd.constant(SCOPE + "/time_stretch", m)).reshape(-1, mels, targetT);
            }
            // fold: [B, M, r, S] -> [B, r, M, S] = image [B, S (rows: chunk-major, then mel), S]
            int p = patchSize;
            int grid = imageSize / p;
            SDVariable image = x.reshape(-1, mels, freqRatio, imageSize).permute(0, 2, 1, 3);
            SDVariable patches = image.reshape(-1, grid, p, grid, p).permute(0, 1, 3, 2, 4).reshape(-1, p * p);
            SDVariable peW = b.uniform("patch_embed/proj/weight", 1.0 / Math.sqrt(p * p), p * p, embedDim);
            SDVariable peB = b.uniform("patch_embed/proj/bias", 1.0 / Math.sqrt(p * p), embedDim);
            SDVariable t = sd.mmul(patches, peW).add(peB).reshape(-1, grid * grid, embedDim);
            t = b.layerNorm("patch_embed/norm", t, embedDim);

            int side = grid;
            for (int i = 0; i < depths.length; i++) {
                int c = channels(i);
                for (int j = 0; j < depths[i]; j++) {
                    int w = window(side);
                    int shift = j % 2 == 1 && side > windowSize ? windowSize / 2 : 0;
                    t = block(b, "layers/" + i + "/blocks/" + j, t, side, c, heads[i], w, shift);
                }
                if (i < depths.length - 1) {
                    t = merge(b, "layers/" + i + "/downsample", t, side, c);
                    side /= 2;
                }
            }
            int c = spec.featureSize();
            t = b.layerNorm("norm", t, c); // [B, s*s, C], rows f = chunk * s/r + k
            int perChunk = side / freqRatio;
            SDVariable grouped = t.reshape(-1, freqRatio, perChunk, side, c).mean(2); // [B, r, s, C]
            return grouped.reshape(-1, freqRatio * side, c);
        }
    }

    /** One Swin block on {@code x [B, side*side, c]}: (shifted) window attention and MLP, pre-norm, residual. */
    private SDVariable block(Builder b, String name, SDVariable x, int side, int c, int nHeads, int w, int shift) {
        SameDiff sd = b.sd;
        int n = w * w;
        int nW = (side / w) * (side / w);
        int d = c / nHeads;

        SDVariable y = b.layerNorm(name + "/norm1", x, c).reshape(-1, side, side, c);
        SDVariable windows = partition(sd, y, side, c, w, shift);
        SDVariable qkv = sd.mmul(windows.reshape(-1, c), b.normal(name + "/attn/qkv/weight", c, 3 * c))
                .add(b.zeros(name + "/attn/qkv/bias", 3 * c));
        // [B*nW*N, 3C] -> [3, B*nW, heads, N, d] -> [3, B*nW*heads, N, d]
        SDVariable[] split = sd.unstack(qkv.reshape(-1, n, 3, nHeads, d).permute(2, 0, 3, 1, 4).reshape(3, -1, n, d), 0, 3);
        SDVariable attn = sd.mmul(split[0].mul(1.0 / Math.sqrt(d)), split[1], false, true, false); // [B*nW*heads, N, N]

        SDVariable table = b.normal(name + "/attn/relative_position_bias_table", (2 * w - 1) * (2 * w - 1), nHeads);
        // table rows picked by a one-hot product (Gather's gradient is broken in 1.0.0-M2.1)
        SDVariable bias = sd.mmul(b.relativePositionSelector(w), table) // [N*N, heads]
                .reshape(n, n, nHeads).permute(2, 0, 1); // [heads, N, N]
        if (shift > 0) {
            INDArray mask = Nd4j.create(SwinGeometry.shiftMask(side, w, shift), new long[] {1, nW, 1, n, n}, b.type);
            SDVariable biasAndMask = bias.reshape(1, 1, nHeads, n, n).add(sd.constant(SCOPE + "/" + name + "/attn_mask", mask));
            attn = attn.reshape(-1, nW, nHeads, n, n).add(biasAndMask);
        } else {
            attn = attn.reshape(-1, nHeads, n, n).add(bias.reshape(1, nHeads, n, n));
        }
        attn = sd.nn.softmax(attn, shift > 0 ? 4 : 3).reshape(-1, n, n); // last axis
        SDVariable o = sd.mmul(attn, split[2]) // [B*nW*heads, N, d]
                .reshape(-1, nHeads, n, d).permute(0, 2, 1, 3).reshape(-1, c);
        o = sd.mmul(o, b.normal(name + "/attn/proj/weight", c, c)).add(b.zeros(name + "/attn/proj/bias", c));
        // windows back to the map, roll back by +shift
        o = o.reshape(-1, side / w, w, w * c).permute(0, 2, 1, 3).reshape(-1, side, side, c);
        o = roll(sd, roll(sd, o, 1, side, side - shift), 2, side, side - shift).reshape(-1, side * side, c);
        x = x.add(o);

        int hidden = (int) (c * mlpRatio);
        SDVariable h = b.layerNorm(name + "/norm2", x, c).reshape(-1, c);
        h = sd.mmul(h, b.normal(name + "/mlp/fc1/weight", c, hidden)).add(b.zeros(name + "/mlp/fc1/bias", hidden));
        h = gelu(sd, h);
        h = sd.mmul(h, b.normal(name + "/mlp/fc2/weight", hidden, c)).add(b.zeros(name + "/mlp/fc2/bias", c));
        return x.add(h.reshape(-1, side * side, c));
    }

    /** Patch merging: 2x2 neighbours concatenated (x00, x10, x01, x11), LayerNorm(4C), linear to 2C without bias. */
    private SDVariable merge(Builder b, String name, SDVariable x, int side, int c) {
        int half = side / 2;
        // [B*side/2, a, side/2, b, C] -> [B*side/2, side/2, b, a, C]: channel block b*2 + a as the reference's cat
        SDVariable y = x.reshape(-1, 2, half, 2, c).permute(0, 2, 3, 1, 4).reshape(-1, half * half, 4 * c);
        y = b.layerNorm(name + "/norm", y, 4 * c);
        return b.sd.mmul(y.reshape(-1, 4 * c), b.normal(name + "/reduction/weight", 4 * c, 2 * c))
                .reshape(-1, half * half, 2 * c);
    }

    /**
     * Roll of {@code y [B, side, side, C]} by {@code -shift} on both axes, then its windows
     * {@code [B*nW, N, C]} (windows and tokens row-major): the token order of
     * {@link SwinGeometry#windowOrder}.
     */
    static SDVariable partition(SameDiff sd, SDVariable y, int side, int c, int w, int shift) {
        y = roll(sd, roll(sd, y, 1, side, shift), 2, side, shift);
        return y.reshape(-1, w, side / w, w * c).permute(0, 2, 1, 3).reshape(-1, w * w, c);
    }

    /** {@code torch.roll(x, -shift, axis)} on a rank-4 {@code [B, side, side, C]}: {@code cat(x[shift:], x[:shift])}. */
    private static SDVariable roll(SameDiff sd, SDVariable x, int axis, int side, int shift) {
        if (shift % side == 0) {
            return x;
        }
        int mask = 0b1111 & ~(1 << axis); // every axis but 'axis' taken whole
        long[] strides = {1, 1, 1, 1};
        long[] begin1 = new long[4];
        long[] end1 = new long[4];
        long[] begin2 = new long[4];
        long[] end2 = new long[4];
        begin1[axis] = shift;
        end1[axis] = side;
        end2[axis] = shift;
        return sd.concat(axis, sd.stridedSlice(x, begin1, end1, strides, mask, mask, 0, 0, 0),
                sd.stridedSlice(x, begin2, end2, strides, mask, mask, 0, 0, 0));
    }

    /** Exact GELU, {@code x Φ(x) = x (1 + erf(x / √2)) / 2}, as PyTorch's nn.GELU. */
    private static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(sd.math.erf(x.mul(Math.sqrt(0.5))).add(1.0)).mul(0.5);
    }

    /** Creates the variables, with full names (SameDiff 1.0.0-M2.1 does not scope {@code sd.var}). */
    private static final class Builder {
        final SameDiff sd;
        final DataType type;
        final long seed;

        Builder(SameDiff sd, DataType type, long seed) {
            this.sd = sd;
            this.type = type;
            this.seed = seed;
        }

        private final java.util.Map<Integer, SDVariable> selectors = new java.util.HashMap<>();

        /** One-hot {@code [N*N, (2w-1)^2]} constant: row {@code a*N + b} selects the bias table row of the pair. */
        SDVariable relativePositionSelector(int w) {
            return selectors.computeIfAbsent(w, k -> {
                int[] index = SwinGeometry.relativePositionIndex(w);
                INDArray oneHot = Nd4j.zeros(type, index.length, (2L * w - 1) * (2L * w - 1));
                for (int i = 0; i < index.length; i++) {
                    oneHot.putScalar(i, index[i], 1.0);
                }
                return sd.constant(SCOPE + "/relative_position_selector_" + w, oneHot);
            });
        }

        SDVariable var(String name, INDArray value) {
            return sd.var(SCOPE + "/" + name, value);
        }

        SDVariable ones(String name, long... shape) {
            return var(name, Nd4j.ones(type, shape));
        }

        SDVariable zeros(String name, long... shape) {
            return var(name, Nd4j.zeros(type, shape));
        }

        /** Normal with standard deviation {@link #INIT_STD} (the reference's trunc_normal_ cut at ±2 never bites). */
        SDVariable normal(String name, long... shape) {
            return var(name, SeededInit.normal(seed, SCOPE + "/" + name, INIT_STD, type, shape));
        }

        /** Uniform on {@code [-bound, bound)}: PyTorch's default Conv2d init (bound 1/√fan_in). */
        SDVariable uniform(String name, double bound, long... shape) {
            return var(name, SeededInit.uniform(seed, SCOPE + "/" + name, bound, type, shape));
        }

        /** LayerNorm over the last axis, eps 1e-5, weight 1 and bias 0 at the start. */
        SDVariable layerNorm(String name, SDVariable x, int c) {
            SDVariable mean = x.mean(true, 2); // x is [B, L, c]
            SDVariable centred = x.sub(mean);
            SDVariable var = centred.mul(centred).mean(true, 2);
            return centred.mul(sd.math.rsqrt(var.add(LN_EPS))).mul(ones(name + "/weight", c))
                    .add(zeros(name + "/bias", c));
        }
    }
}
