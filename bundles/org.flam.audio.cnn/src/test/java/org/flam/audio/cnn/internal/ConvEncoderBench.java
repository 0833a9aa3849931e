package org.flam.audio.cnn.internal;

import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Training-step time of the default encoder (64 mels x 1001 frames -> 32 x 256, float32) with a
 * heads-free dummy loss {@code mean((out - target)^2)} and Adam, at batch 16 and 32; prints the
 * parameter count. Usage: {@code ConvEncoderBench [steps]} (default 10 timed steps after 3
 * warm-up steps). Run with {@code OMP_NUM_THREADS=1} ({@code bench/cnn-train-step.sh}).
 */
public final class ConvEncoderBench {

    private ConvEncoderBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ConvAudioEncoder enc = new ConvAudioEncoder(ConvAudioEncoder.DEFAULT_SPEC, ConvAudioEncoder.DEFAULT_STEM_CHANNELS,
                ConvAudioEncoder.DEFAULT_CHANNELS, ConvAudioEncoder.DEFAULT_CONTEXT_BLOCKS,
                ConvAudioEncoder.DEFAULT_INPUT_OFFSET_DB, ConvAudioEncoder.DEFAULT_INPUT_SCALE_DB, 0);
        System.out.printf("java cnn encoder: %d parameters, %d stages, context +-%.3f s%n", enc.parameterCount(),
                enc.stages(), enc.contextSeconds());
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        SDVariable in = sd.placeHolder("logMel", DataType.FLOAT, -1, 64, 1001);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, 32, 256);
        SDVariable diff = enc.build(sd, in).sub(target);
        sd.setLossVariables(diff.mul(diff).mean());
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping("logMel").dataSetLabelMapping("target").build());
        for (int batch : new int[] {16, 32}) {
            Nd4j.getRandom().setSeed(batch);
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 64, 1001).muli(100).subi(100);
            INDArray y = Nd4j.randn(DataType.FLOAT, batch, 32, 256);
            DataSet ds = new DataSet(x, y);
            for (int i = 0; i < 3; i++) {
                sd.fit(ds);
            }
            long before = resetPeak();
            double[] ms = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                sd.fit(ds);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(ms);
            double mean = java.util.Arrays.stream(ms).average().orElse(0);
            long t0 = System.nanoTime();
            sd.output(Map.of("logMel", x), ConvAudioEncoder.OUTPUT);
            double inf = (System.nanoTime() - t0) / 1e6;
            long peak = peakKb();
            System.out.printf("java batch %d: train step median %.1f ms, mean %.1f ms, min %.1f ms; forward only %.1f ms;"
                    + " peak %.0f MiB above the resident set before the steps%n",
                    batch, ms[steps / 2], mean, ms[0], inf, (peak - before) / 1024.0);
        }
    }

    /**
     * Resets the kernel's peak resident set ({@code VmHWM}) through {@code /proc/self/clear_refs}
     * and returns the current resident set in KiB; Linux only, 0 elsewhere.
     */
    private static long resetPeak() {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/self/clear_refs"), "5");
            return status("VmRSS");
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Peak resident set since the last reset, KiB. */
    private static long peakKb() {
        return status("VmHWM");
    }

    private static long status(String key) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return 0;
    }
}
