package org.flam.train.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba) with decoupled weight decay and global-norm gradient clipping, on
 * named parameters updated in place.
 *
 * <p>Per parameter {@code θ} with gradient {@code g} at step {@code t} (1-based) and rate
 * {@code η_t}: {@code g ← g · min(1, c / ||g||)} with {@code ||g||} the L2 norm over all
 * parameters together; {@code m ← β1 m + (1-β1) g}; {@code v ← β2 v + (1-β2) g²};
 * {@code θ ← θ - η_t λ θ - η_t m̂ / (sqrt(v̂) + ε)} with {@code m̂ = m / (1-β1^t)},
 * {@code v̂ = v / (1-β2^t)}. Our own rather than SameDiff's updater so that the state is plain
 * named arrays, written into checkpoints and restored exactly.
 */
final class Adam {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double maxGradientNorm;
    /** Parameter name to {m, v}, in the order of first use (the checkpoint order). */
    private final Map<String, INDArray[]> moments = new LinkedHashMap<>();

    Adam(double beta1, double beta2, double epsilon, double weightDecay, double maxGradientNorm) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon >= 0) || !(weightDecay >= 0) || !(maxGradientNorm >= 0)) {
            throw new IllegalArgumentException("epsilon, weightDecay and maxGradientNorm must be >= 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.maxGradientNorm = maxGradientNorm;
    }

    /**
     * One update of every parameter in {@code gradients}.
     *
     * @param step       the step {@code t}, 1-based (bias correction)
     * @param rate       the learning rate {@code η_t}
     * @param parameters name to array, updated in place
     * @param gradients  name to gradient of the same shape; overwritten (it becomes the step's
     *                   update), so the caller must not read it afterwards
     * @return the global gradient norm before clipping
     */
    double update(long step, double rate, Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        double sq = 0;
        for (INDArray g : gradients.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            throw new ArithmeticException("gradient norm is " + norm + " at step " + step
                    + ": the run diverged (lower the learning rate or raise the warm-up)");
        }
        double clip = maxGradientNorm > 0 && norm > maxGradientNorm ? maxGradientNorm / norm : 1.0;
        // The fused native updater computes, with t = iteration + 1,
        //   m ← β1 m + (1-β1) g,  v ← β2 v + (1-β2) g²,  u = η √(1-β2^t)/(1-β1^t) · m / (√v + ε'),
        // and ours is u = η m̂ / (√v̂ + ε) = η √(1-β2^t)/(1-β1^t) · m / (√v + ε √(1-β2^t)):
        // the same with ε' = ε √(1-β2^t). One native op per parameter instead of a dozen.
        double epsilonT = epsilon * Math.sqrt(1 - Math.pow(beta2, step));
        int iteration = Math.toIntExact(step - 1);
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            INDArray theta = parameters.get(e.getKey());
            if (theta == null) {
                throw new IllegalArgumentException("gradient for unknown parameter " + e.getKey());
            }
            INDArray g = e.getValue();
            if (clip != 1.0) {
                g.muli(clip);
            }
            INDArray[] mv = moments.computeIfAbsent(e.getKey(),
                    k -> new INDArray[] {Nd4j.zerosLike(theta), Nd4j.zerosLike(theta)});
            // In place: the gradient becomes the update u, the moments their new values.
            Nd4j.exec(new AdamUpdater(g, mv[1], mv[0], rate, beta1, beta2, epsilonT, iteration));
            if (weightDecay > 0) {
                theta.muli(1 - rate * weightDecay);
            }
            theta.subi(g);
        }
        return norm;
    }

    /** Writes the moments: count, then per parameter its name, m and v. */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(moments.size());
        for (Map.Entry<String, INDArray[]> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            Nd4j.write(e.getValue()[0], out);
            Nd4j.write(e.getValue()[1], out);
        }
    }

    /** Replaces the moments by those {@link #write} wrote; names must be among {@code known}. */
    void read(DataInputStream in, List<String> known) throws IOException {
        moments.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            INDArray m = Nd4j.read(in);
            INDArray v = Nd4j.read(in);
            if (!known.contains(name)) {
                throw new IOException("optimiser state names parameter " + name + ", which the graph lacks");
            }
            moments.put(name, new INDArray[] {m, v});
        }
    }
}
