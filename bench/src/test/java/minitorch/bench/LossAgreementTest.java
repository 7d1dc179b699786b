package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossAgreementTest {
    private static final LossAgreement.Tolerance TOLERANCE = new LossAgreement.Tolerance(1e-5, 1e-6, "test");
    private static final double[] REFERENCE = {2.0, 1.5, 1.0};

    @Test
    void lossesWithinTheToleranceAgreeAndTheLargestDeviationIsShown() {
        String verdict = LossAgreement.check(REFERENCE, new double[] {2.0 * (1 + 5e-6), 1.5, 1.0 * (1 - 1.1e-5)}, TOLERANCE);
        assertTrue(LossAgreement.agrees(verdict), verdict);
        assertEquals("yes (max 1.1e-05)", verdict);
    }

    @Test
    void theToleranceGrowsWithTheStep() {
        // 1.1e-5 is allowed at step 2 (1e-5 + 2e-6) but not at step 0
        assertTrue(LossAgreement.agrees(LossAgreement.check(REFERENCE, new double[] {2.0, 1.5, 1.0 + 1.1e-5}, TOLERANCE)));
        String verdict = LossAgreement.check(REFERENCE, new double[] {2.0 + 2.2e-5, 1.5, 1.0}, TOLERANCE);
        assertEquals("NO: off 1.1e-05 at step 0 (2.000022 vs 2.000000)", verdict);
    }

    @Test
    void aLossThatIsNotFiniteDisagreesWhateverTheTolerance() {
        LossAgreement.Tolerance loose = new LossAgreement.Tolerance(1e9, 0, "anything");
        assertEquals("NO: loss NaN at step 1", LossAgreement.check(REFERENCE, new double[] {2, Double.NaN, 1}, loose));
        assertEquals("NO: loss Infinity at step 2",
                LossAgreement.check(REFERENCE, new double[] {2, 1.5, Double.POSITIVE_INFINITY}, loose));
    }

    @Test
    void onlyTheFirstStepsAreComparedButEveryLossMustBeFinite() {
        int n = LossAgreement.COMPARED_STEPS + 3;
        double[] reference = new double[LossAgreement.COMPARED_STEPS], losses = new double[n];
        java.util.Arrays.fill(reference, 1.0);
        java.util.Arrays.fill(losses, 1.0);
        losses[n - 2] = 5.0; // past the compared steps: trajectories in float32 and float64 part, not a fault
        assertTrue(LossAgreement.agrees(LossAgreement.check(reference, losses, TOLERANCE)));
        losses[n - 1] = Double.NaN;
        assertEquals("NO: loss NaN at step " + (n - 1), LossAgreement.check(reference, losses, TOLERANCE));
    }

    @Test
    void missingStepsDisagree() {
        assertFalse(LossAgreement.agrees(LossAgreement.check(REFERENCE, new double[] {2.0, 1.5}, TOLERANCE)));
    }
}
