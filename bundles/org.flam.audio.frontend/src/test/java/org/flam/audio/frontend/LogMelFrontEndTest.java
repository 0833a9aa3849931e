package org.flam.audio.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flam.api.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogMelFrontEndTest {

    static final LogMelSpec HTSAT_32K = new LogMelSpec(32_000, 1024, 320, 64, 50, 14_000);
    static final LogMelSpec WHISPER_16K = new LogMelSpec(16_000, 400, 160, 80, 0, 8_000);

    /**
     * Java vs torchaudio 0.13.1 in float64 (make_reference.py). The FFT here is float32, whose
     * rounding error is about 1e-7 of a frame's energy, so the error in dB grows as a band lies
     * further below its frame's energy. Bands at -60 dB or above match to 0.002 dB (measured
     * at most 0.0009). Bands below hold leakage up to 120 dB under the frame's energy (a chirp's
     * leakage into bands it has not reached, or above f_max), where rounding shows at a tenth of
     * a dB: 0.2 dB (measured at most 0.123). torchaudio's own float32 path is off from its
     * float64 path by up to 0.095 dB on the same signals. Floor values (-100 dB) came out identical.
     */
    @ParameterizedTest
    @CsvSource({
        "ref48k,     sine1k, 24000",
        "ref48k,     chirp,  24000",
        "ref48k,     clicks, 24000",
        "ref48k,     noise,  24001",
        "htsat32k,   chirp,  16000",
        "whisper16k, chirp,  8000",
    })
    void matchesTorchaudio(String set, String signal, int samples) {
        LogMelSpec spec = switch (set) {
            case "ref48k" -> LogMelSpec.REFERENCE;
            case "htsat32k" -> HTSAT_32K;
            default -> WHISPER_16K;
        };
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(spec);
        float[][] actual = frontEnd.compute(ReferenceData.signal(signal, spec.sampleRate(), samples));
        float[][] expected = ReferenceData.matrix(set + "_" + signal + ".f32", spec.mels(), 51);
        assertEquals(spec.mels(), actual.length);
        double loud = 0;
        double quiet = 0;
        for (int m = 0; m < expected.length; m++) {
            assertEquals(51, actual[m].length);
            for (int t = 0; t < 51; t++) {
                double d = Math.abs(actual[m][t] - expected[m][t]);
                if (expected[m][t] >= -60) {
                    loud = Math.max(loud, d);
                } else {
                    quiet = Math.max(quiet, d);
                }
            }
        }
        assertTrue(loud <= 2e-3, "max |diff| where ref >= -60 dB: " + loud);
        assertTrue(quiet <= 0.2, "max |diff| where ref < -60 dB: " + quiet);
    }

    @Test
    void tenSecondsAtTheReferenceRateGive1001Frames() {
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(LogMelSpec.REFERENCE);
        assertEquals(1001, frontEnd.frames(480_000));
        float[][] out = frontEnd.compute(new float[480_000]);
        assertEquals(64, out.length);
        assertEquals(1001, out[0].length);
        assertEquals(-100f, out[63][1000], "silence is the floor, 10 log10(1e-10)");
        assertEquals(1, frontEnd.frames(0));
        assertEquals(2, frontEnd.frames(480));
        assertEquals(1, frontEnd.frames(479));
    }

    @Test
    void aPureTonePeaksInTheBandWhoseCentreIsNearest() {
        // 3 kHz lies in the log part of the Slaney scale: mel(3000) = 15 + 27 ln(3) / ln(6.4)
        // = 30.979. Band m's centre is edge m + 1 of 66 edges equally spaced from mel(50) = 0.75
        // to mel(14000) = 15 + 27 ln(14) / ln(6.4) = 53.385, i.e. 0.75 + 0.80977 (m + 1):
        // band 36 is centred at 30.712 (0.27 mel away), band 37 at 31.521 (0.54 mel away).
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(LogMelSpec.REFERENCE);
        float[] x = new float[48_000];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (0.5 * Math.sin(2 * Math.PI * 3000 * n / 48_000.0));
        }
        float[][] out = frontEnd.compute(x);
        int peak = 0;
        for (int m = 1; m < out.length; m++) {
            if (out[m][50] > out[peak][50]) {
                peak = m;
            }
        }
        assertEquals(36, peak);
    }

    @Test
    void parametersArePerEncoder() {
        LogMelFrontEnd at32 = new LogMelFrontEnd(HTSAT_32K);
        LogMelFrontEnd at16 = new LogMelFrontEnd(WHISPER_16K);
        assertEquals(1001, at32.frames(320_000));
        assertEquals(1001, at16.frames(160_000));
        assertEquals(80, at16.compute(new float[16_000]).length);
        assertEquals(100.0, HTSAT_32K.framesPerSecond());
        assertEquals(201, WHISPER_16K.frequencyBins());
    }

    @Test
    void clipsMustBeAtTheSpecRate() {
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(LogMelSpec.REFERENCE);
        float[] x = ReferenceData.signal("noise", 48_000, 4800);
        assertArrayEquals(frontEnd.compute(x), frontEnd.compute(new AudioClip("a", x, 48_000)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> frontEnd.compute(new AudioClip("b", x, 32_000)));
        assertTrue(e.getMessage().contains("32000 Hz"), e.getMessage());
    }

    @Test
    void inputIsNotModifiedAndTooShortInputIsRejected() {
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(LogMelSpec.REFERENCE);
        float[] x = ReferenceData.signal("chirp", 48_000, 2000);
        float[] copy = x.clone();
        frontEnd.compute(x);
        assertArrayEquals(copy, x);
        assertEquals(2, frontEnd.compute(new float[513])[0].length, "513 = 1024 / 2 + 1 is the minimum");
        assertThrows(IllegalArgumentException.class, () -> frontEnd.compute(new float[512]));
    }

    @Test
    void concurrentCallsGiveTheSameResult() throws Exception {
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(LogMelSpec.REFERENCE);
        float[] x = ReferenceData.signal("noise", 48_000, 48_000);
        float[][] expected = frontEnd.compute(x);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] runs = new Future<?>[8];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = pool.submit(() -> frontEnd.compute(x));
            }
            for (Future<?> run : runs) {
                assertArrayEquals(expected, (float[][]) run.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void specValidation() {
        assertEquals(new LogMelSpec(48_000, 1024, 480, 64, 50, 14_000, 1e-10), LogMelSpec.REFERENCE);
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(0, 1024, 480, 64, 50, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(48_000, 1023, 480, 64, 50, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(48_000, 1024, 0, 64, 50, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(48_000, 1024, 480, 0, 50, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(48_000, 1024, 480, 64, -1, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(48_000, 1024, 480, 64, 50, 50));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(16_000, 1024, 480, 64, 50, 14_000));
        assertThrows(IllegalArgumentException.class, () -> new LogMelSpec(48_000, 1024, 480, 64, 50, 14_000, 0));
        assertThrows(IllegalArgumentException.class, () -> LogMelSpec.REFERENCE.frames(-1));
    }
}
