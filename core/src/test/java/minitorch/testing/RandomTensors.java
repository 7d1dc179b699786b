package minitorch.testing;

import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.SimpleOps;
import minitorch.ops.UnaryOp;

/** Tensors of uniform random values, for checking the fast kernels against SimpleOps and for timing them. */
public final class RandomTensors {
    private RandomTensors() {}

    /** A row-major tensor of {@code shape} with values uniform in [-1, 1) drawn from {@code r}. */
    public static TensorData uniform(ElementType dtype, Random r, int... shape) {
        TensorData t = TensorData.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, r.nextDouble() * 2 - 1);
        }
        return t;
    }

    /** A row-major copy of {@code t} (any strides), for giving a fast kernel and SimpleOps the same starting values. */
    public static TensorData copy(TensorData t) {
        TensorData c = TensorData.zeros(t.elementType(), t.shape());
        SimpleOps.INSTANCE.map(UnaryOp.ID, t, c);
        return c;
    }
}
