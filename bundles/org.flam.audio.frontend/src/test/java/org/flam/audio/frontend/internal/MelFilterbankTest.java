package org.flam.audio.frontend.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flam.audio.frontend.ReferenceData;
import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    @Test
    void slaneyScaleByHand() {
        // Linear below 1 kHz at 3 mels per 200 Hz; above, 27 mels per factor 6.4.
        assertEquals(0.75, MelFilterbank.hzToMel(50), 1e-12);
        assertEquals(15.0, MelFilterbank.hzToMel(1000), 1e-12);
        assertEquals(42.0, MelFilterbank.hzToMel(6400), 1e-12);
        assertEquals(6400.0, MelFilterbank.melToHz(42), 1e-9);
        for (double hz : new double[] {0, 50, 999.9, 1000, 3000, 14_000, 24_000}) {
            assertEquals(hz, MelFilterbank.melToHz(MelFilterbank.hzToMel(hz)), 1e-9);
        }
    }

    /**
     * Against {@code torchaudio.functional.melscale_fbanks(513, 50, 14000, 64, 48000,
     * norm="slaney", mel_scale="slaney")} in float64 (make_reference.py), stored as float32:
     * a relative error of 2^-24 from storage, so 1e-6 relative plus 1e-12 absolute.
     */
    @Test
    void matchesTorchaudioMelscaleFbanks() {
        MelFilterbank fb = new MelFilterbank(513, 48_000, 64, 50, 14_000);
        float[][] expected = ReferenceData.matrix("fbank_ref48k.f32", 513, 64);
        for (int k = 0; k < 513; k++) {
            for (int m = 0; m < 64; m++) {
                assertEquals(expected[k][m], fb.weight(k, m), 1e-6 * Math.abs(expected[k][m]) + 1e-12,
                        "fb[" + k + "][" + m + "]");
            }
        }
    }

    @Test
    void filtersAreTrianglesOfUnitAreaInHz() {
        // 8193 bins over 0-24 kHz (2.93 Hz apart) resolve even the narrowest triangle (~80 Hz),
        // so the Riemann sum of each filter approximates its area, 1 by Slaney normalisation.
        MelFilterbank fb = new MelFilterbank(8193, 48_000, 64, 50, 14_000);
        double binHz = 24_000.0 / 8192;
        for (int m = 0; m < 64; m++) {
            double area = 0;
            for (int k = 0; k < 8193; k++) {
                area += fb.weight(k, m) * binHz;
            }
            assertEquals(1.0, area, 0.01, "area of filter " + m);
        }
        double[] power = new double[8193];
        power[100] = 2;
        assertEquals(2 * fb.weight(100, 0), fb.apply(0, power), 0);
        assertTrue(fb.weight(8192, 63) == 0, "nothing above f_max");
    }
}
