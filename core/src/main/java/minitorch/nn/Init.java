package minitorch.nn;

import java.util.random.RandomGenerator;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/** Seeded parameter initialisation. */
public final class Init {
    /** The original scripts' RParam: 0.1 * (rand - 0.5), i.e. uniform in [-0.05, 0.05). */
    public static final double ORIGINAL_BOUND = 0.05;

    private Init() {}

    /** Uniform in [-bound, bound) from {@code random}, a leaf that requires a gradient. */
    public static Tensor uniform(RandomGenerator random, Backend backend, DType dtype, double bound, int... shape) {
        Tensor u = Tensor.rand(random, Backend.SIMPLE, DType.FLOAT64, shape);
        double[] values = u.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = (values[i] - 0.5) * 2 * bound;
        }
        return Tensor.of(backend, dtype, values, shape).requiresGrad(true);
    }

    /** Torch's default bound for a layer with {@code fanIn} inputs: 1/sqrt(fanIn). */
    public static double torchBound(int fanIn) { return 1 / Math.sqrt(fanIn); }
}
