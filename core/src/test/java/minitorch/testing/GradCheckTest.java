package minitorch.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import minitorch.autodiff.Context;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorFunction;
import org.junit.jupiter.api.Test;

/** The checker itself: it must catch a wrong backward, and must not flag a jump of a piecewise-constant function. */
class GradCheckTest {

    /** x * x with a backward that forgets the factor 2. */
    private static final class WrongSquare extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].mul(in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0);
            return new Tensor[] {grad.mul(x)};
        }
    }

    private static Tensor leaf(double... values) {
        return Tensor.of(Backend.SIMPLE, DType.FLOAT64, values, values.length);
    }

    @Test
    void aWrongBackwardFails() {
        assertThrows(AssertionError.class,
                () -> GradCheck.check("wrong square", in -> new WrongSquare().apply(in.getFirst()), leaf(1.5, -2.0)));
    }

    @Test
    void aRightBackwardPasses() {
        assertDoesNotThrow(() -> GradCheck.check("square", in -> in.getFirst().mul(in.getFirst()), leaf(1.5, -2.0)));
    }

    @Test
    void aComparisonAtATieIsNotAGradientError() {
        // a + 1.2 < b with a + 1.2 == b: the step straddles the jump, so central difference sees 1/(2e).
        assertDoesNotThrow(() -> GradCheck.check("lt at tie",
                in -> in.get(0).add(1.2).lt(in.get(1)), leaf(0.3), leaf(1.5)));
    }
}
