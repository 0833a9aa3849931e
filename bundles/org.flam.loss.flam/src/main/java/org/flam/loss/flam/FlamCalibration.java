package org.flam.loss.flam;

/**
 * Calibrated frame outputs of a model trained with the logit-adjusted frame-wise loss
 * (SPEC §3, paper Eq. 6-8). Training makes the per-text bias {@code b} approximate the
 * log-odds of a positive frame for that text, so the raw probability
 * {@code p = σ(s <a,e> + b)} carries the text's training-data prior; these functions remove
 * it, giving outputs whose decision boundary is 0.5 for every text.
 *
 * <p>Arguments per frame and text: {@code scale} is {@code s(y) > 0} (already exponentiated),
 * {@code cosine} is {@code <a_f, e_y>} of the L2-normalised embeddings, {@code bias} is
 * {@code b(y)}. Computed in double precision with overflow-free sigmoids.
 */
public final class FlamCalibration {

    private FlamCalibration() {
    }

    /**
     * The unbiased output {@code out = p / (p + σ(b))} with {@code p = σ(s·cos + b)}.
     *
     * @return a value in {@code (0, 1)}
     */
    public static double unbiased(double scale, double cosine, double bias) {
        double p = sigmoid(scale * cosine + bias);
        return p / (p + sigmoid(bias));
    }

    /**
     * The approximate output {@code σ(s·cos)}, valid when {@code b ≪ 0} (then
     * {@code p/(p+σ(b)) ≈ e^{s·cos+b} / (e^{s·cos+b} + e^b)}).
     *
     * @return a value in {@code (0, 1)}
     */
    public static double approximate(double scale, double cosine) {
        return sigmoid(scale * cosine);
    }

    /** {@code 1 / (1 + e^{-x})}, evaluated so that {@code e^{|x|}} never overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
