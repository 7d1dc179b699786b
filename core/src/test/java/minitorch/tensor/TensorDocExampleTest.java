package minitorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Keeps the example in docs/TENSORS.md honest: it must print exactly what the guide shows. */
class TensorDocExampleTest {

    @Test
    void theGuidesExamplePrintsWhatTheGuideShows() {
        StringBuilder out = new StringBuilder();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {0.5, -1, 2}, 3).requiresGrad(true);
        Tensor y = x.mul(w).sum(1);
        out.append("y =").append(y).append('\n');
        y.sum().backward();
        out.append("x.grad =").append(x.grad()).append('\n');
        out.append("w.grad =").append(w.grad()).append('\n');
        out.append("x @ xT =").append(x.matmul(x.permute(1, 0))).append('\n');
        assertEquals("""
                y =
                [
                \t[4.50]
                \t[9.00]]
                x.grad =
                [
                \t[0.50 -1.00 2.00]
                \t[0.50 -1.00 2.00]]
                w.grad =
                [5.00 7.00 9.00]
                x @ xT =
                [
                \t[14.00 32.00]
                \t[32.00 77.00]]
                """, out.toString());
    }
}
