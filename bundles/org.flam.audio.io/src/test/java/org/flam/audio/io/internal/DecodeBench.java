package org.flam.audio.io.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.flam.audio.io.AudioInfo;
import org.flam.audio.io.AudioReader;
import org.flam.audio.io.AudioStream;

/**
 * Decode throughput per format (a bench command, not a test; run by bench/decode.sh).
 *
 * <p>Arguments: rounds, then files; the first {@code wav/pcm16} file is the baseline. Each
 * round decodes every file once, in turn, so a noisy shared machine slows all formats alike;
 * the median over rounds is reported as seconds of audio decoded per second and MB of file
 * per second, with ratios to the baseline measured in the same run. Two modes: at the
 * file's own rate (decode and mix to mono) and resampled to 16 kHz. Raw file reading is
 * shown for reference.
 */
public final class DecodeBench {

    private static final int TARGET_RATE = 16000;

    private DecodeBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Path> files = Arrays.stream(args, 1, args.length).map(Path::of).toList();
        List<AudioInfo> infos = new ArrayList<>();
        for (Path f : files) {
            infos.add(AudioReader.probe(f));
        }
        int baseline = -1;
        for (int i = 0; i < infos.size() && baseline < 0; i++) {
            baseline = infos.get(i).format().equals("wav/pcm16") ? i : -1;
        }
        if (baseline < 0) {
            throw new IllegalArgumentException("no wav/pcm16 file among the arguments: it is the baseline");
        }
        double[][] nativeTimes = new double[files.size()][rounds];
        double[][] resampledTimes = new double[files.size()][rounds];
        double[][] rawTimes = new double[files.size()][rounds];
        for (int warm = 0; warm < 2; warm++) { // JIT warm-up, not reported
            for (int i = 0; i < files.size(); i++) {
                decode(files.get(i), infos.get(i).sampleRate());
                decode(files.get(i), TARGET_RATE);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                int rate = infos.get(i).sampleRate();
                rawTimes[i][r] = time(() -> Files.readAllBytes(f).length);
                nativeTimes[i][r] = time(() -> decode(f, rate));
                resampledTimes[i][r] = time(() -> decode(f, TARGET_RATE));
            }
        }
        System.out.printf("decode throughput, median of %d rounds; ratio = audio s/s relative to %s (%s)%n", rounds,
                infos.get(baseline).format(), files.get(baseline).getFileName());
        System.out.printf("%-12s %6s %7s | %-32s | %-32s | %s%n", "format", "audio", "file",
                "native rate, mono", "resampled to 16 kHz, mono", "raw read");
        System.out.printf("%-12s %6s %7s | %10s %9s %9s | %10s %9s %9s | %9s%n", "", "s", "MB",
                "audio s/s", "MB/s", "ratio", "audio s/s", "MB/s", "ratio", "MB/s");
        double baseNative = rate(infos.get(baseline), nativeTimes[baseline]);
        double baseResampled = rate(infos.get(baseline), resampledTimes[baseline]);
        for (int i = 0; i < files.size(); i++) {
            AudioInfo info = infos.get(i);
            double mb = Files.size(files.get(i)) / 1e6;
            double seconds = seconds(info, files.get(i));
            double nat = rate(info, nativeTimes[i]);
            double res = rate(info, resampledTimes[i]);
            System.out.printf("%-12s %6.1f %7.2f | %10.0f %9.1f %9.2f | %10.0f %9.1f %9.2f | %9.0f%n",
                    info.format(), seconds, mb,
                    nat, mb / median(nativeTimes[i]), nat / baseNative,
                    res, mb / median(resampledTimes[i]), res / baseResampled,
                    mb / median(rawTimes[i]));
        }
    }

    /** Decodes the whole file; returns the number of samples (so the work is not optimised away). */
    private static long decode(Path f, int rate) throws Exception {
        float[] buf = new float[8192];
        long n = 0;
        try (AudioStream s = AudioReader.open(f, rate)) {
            int got;
            while ((got = s.read(buf, 0, buf.length)) >= 0) {
                n += got;
            }
        }
        return n;
    }

    /** Seconds of audio in the file (decoded length where the header does not say). */
    private static double seconds(AudioInfo info, Path f) throws Exception {
        return info.frames() >= 0 ? info.durationSeconds() : (double) decode(f, info.sampleRate()) / info.sampleRate();
    }

    private static double rate(AudioInfo info, double[] times) throws Exception {
        return seconds(info, info.file()) / median(times);
    }

    private interface Work {
        long run() throws Exception;
    }

    private static long sink;

    private static double time(Work w) throws Exception {
        long t0 = System.nanoTime();
        sink += w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
