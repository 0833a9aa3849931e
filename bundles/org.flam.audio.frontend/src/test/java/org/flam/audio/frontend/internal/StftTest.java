package org.flam.audio.frontend.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StftTest {

    @Test
    void periodicHannByHand() {
        // 0.5 - 0.5 cos(2 pi n / 8): n = 0..7, not symmetric (w[8] would be 0 again).
        double r = Math.sqrt(0.5);
        assertArrayEquals(new double[] {0, 0.5 - 0.5 * r, 0.5, 0.5 + 0.5 * r, 1, 0.5 + 0.5 * r, 0.5, 0.5 - 0.5 * r},
                Stft.periodicHann(8), 1e-15);
    }

    @Test
    void reflectPaddingDoesNotRepeatTheEdge() {
        // torch.nn.functional.pad([0, 1, 2, 3, 4], (2, 2), mode="reflect") = [2, 1, 0, 1, 2, 3, 4, 3, 2]
        int[] expected = {2, 1, 0, 1, 2, 3, 4, 3, 2};
        for (int i = -2; i <= 6; i++) {
            assertEquals(expected[i + 2], Stft.reflect(i, 5));
        }
    }

    @Test
    void aCosineOnABinGivesTheHannMainLobe() {
        // x_n = cos(2 pi 4 n / 64): a periodic Hann window turns bin 4 into (N/4)^2 = 256 at
        // bin 4 and (N/8)^2 = 64 at bins 3 and 5, zero elsewhere (to rounding).
        int n = 64;
        float[] x = new float[640];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(2 * Math.PI * 4 * i / n);
        }
        double[] expected = new double[n / 2 + 1];
        expected[3] = 64;
        expected[4] = 256;
        expected[5] = 64;
        int[] frames = {0};
        new Stft(n, 16).powerSpectra(x, (t, power) -> {
            // Reflection at sample 0, a peak of the cosine, continues the cosine; at the other end
            // (sample 639) it does not, so only frames that stay inside the signal there are checked.
            if (t * 16 + 32 <= 640) {
                assertArrayEquals(expected, power, 1e-3, "frame " + t);
            }
            frames[0]++;
        });
        assertEquals(1 + 640 / 16, frames[0]);
    }
}
