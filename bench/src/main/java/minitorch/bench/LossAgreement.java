package minitorch.bench;

import java.util.Locale;

/**
 * Whether a peer's training losses are the reference's, step for step: every loss finite and within the
 * model's tolerance of the float64 reference's loss at the same step.
 */
final class LossAgreement {
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
     * "yes (max 2.1e-06)" with the largest deviation seen, or "NO: ..." naming the first step whose loss is
     * not finite or is outside the tolerance.
     */
    static String check(double[] reference, double[] losses, Tolerance tolerance) {
        if (losses.length != reference.length) {
            return "NO: " + losses.length + " losses for " + reference.length + " reference steps";
        }
        double worst = 0;
        for (int s = 0; s < losses.length; s++) {
            if (!Double.isFinite(losses[s])) return "NO: loss " + losses[s] + " at step " + s;
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
