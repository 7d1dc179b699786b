package minitorch.bench;

import java.util.Locale;

/**
 * Whether a peer's training losses are the reference's: every loss finite, and each of the first
 * {@link #COMPARED_STEPS} within the model's tolerance of the float64 reference's loss at the same step.
 *
 * <p>Only the first steps are compared because float32 and float64 training are the same computation only
 * for a while: Adam divides each gradient by √v, so the rounding of small gradients becomes whole steps,
 * and on the suites' repeated batches (the loss falls from 2.3 towards 0.05) the trajectories part. For
 * the mnist suite FAST float32 was measured 1.1e-5 from float64 after 25 steps, 3.1e-3 after 100, 0.66
 * after 325 (PyTorch float32: 9.3e-8, 4.5e-6, 0.31; {@link LossDrift} prints these); a wrong kernel, by
 * contrast, is off from the first step.
 */
final class LossAgreement {
    /** How many leading steps are compared with the reference. */
    static final int COMPARED_STEPS = 16;

    private LossAgreement() {}

    /**
     * The largest relative deviation |loss − reference| / |reference| that still agrees at step s,
     * {@code initial + perStep · s}: float32 rounding of one forward pass, plus what the same rounding adds
     * to the weights at every update. The error analysis it comes from is printed under the table, so the
     * bound is read beside the verdict.
     */
    record Tolerance(double initial, double perStep, String derivation) {
        double allowed(int step) {
            return initial + perStep * step;
        }

        String describe() {
            return String.format(Locale.ROOT, "tolerance %.0e + %.0e × step, relative: %s", initial, perStep, derivation);
        }
    }

    /**
     * "yes (max 2.1e-06)" with the largest deviation seen over the compared steps, or "NO: ..." naming the
     * first step whose loss is not finite or is outside the tolerance. {@code reference} holds the
     * reference's losses for the first steps (as many as are to be compared).
     */
    static String check(double[] reference, double[] losses, Tolerance tolerance) {
        int compared = Math.min(reference.length, COMPARED_STEPS);
        if (losses.length < compared) {
            return "NO: " + losses.length + " losses for " + compared + " reference steps";
        }
        double worst = 0;
        for (int s = 0; s < losses.length; s++) {
            if (!Double.isFinite(losses[s])) return "NO: loss " + losses[s] + " at step " + s;
            if (s >= compared) continue;
            double dev = deviation(losses[s], reference[s]);
            if (!(dev <= tolerance.allowed(s))) {
                return String.format(Locale.ROOT, "NO: off %.1e at step %d (%.6f vs %.6f)", dev, s, losses[s], reference[s]);
            }
            worst = Math.max(worst, dev);
        }
        return String.format(Locale.ROOT, "yes (max %.1e)", worst);
    }

    /** |loss − reference| / |reference|. */
    static double deviation(double loss, double reference) {
        return Math.abs(loss - reference) / Math.max(Math.abs(reference), Double.MIN_NORMAL);
    }

    /** Whether a verdict of {@link #check} is an agreement. */
    static boolean agrees(String verdict) {
        return verdict.startsWith("yes");
    }
}
