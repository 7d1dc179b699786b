package minitorch.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import minitorch.backend.Backend;
import minitorch.layout.TensorData;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Gradient checking by central difference (the original's {@code grad_check}, but at EVERY index of
 * every input rather than one sampled index). The analytic gradient of {@code f(inputs).sum()} comes
 * from backward on the inputs as given (so permuted and broadcast layouts are exercised); the
 * numeric one from float64 evaluations at x ± ε.
 *
 * <p>Central differences are meaningless where f jumps (lt/gt/eq at a tie, max at a tie): there the
 * estimate at ε and at ε/2 disagree with each other. A mismatch is therefore only reported when the
 * two numeric estimates agree, i.e. when f is differentiable at the point and backward is wrong.
 */
public final class GradCheck {
    private GradCheck() {}

    public static final double EPSILON = 1e-6;
    public static final double TOLERANCE = 1e-2;

    /** Fails with a message naming the input, index and both derivatives if any derivative disagrees. */
    public static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        check("f", f, inputs);
    }

    public static void check(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        check(name, TOLERANCE, f, inputs);
    }

    /** As {@link #check(String, Function, Tensor...)} with a relative-and-absolute tolerance of one's own. */
    public static void check(String name, double tolerance, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor input : inputs) {
            if (input.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("GradCheck needs float64 inputs, got " + input.dtype());
            }
            leaves.add(input.detach().requiresGrad(true));
        }
        f.apply(leaves).sum().backward();

        for (int arg = 0; arg < inputs.length; arg++) {
            Tensor x = leaves.get(arg);
            Tensor grad = x.grad();
            if (grad != null && !Arrays.equals(grad.shape(), x.shape())) {
                throw new AssertionError(name + ": gradient of input " + arg + " has shape "
                        + Arrays.toString(grad.shape()) + ", input has " + Arrays.toString(x.shape()));
            }
            double[] values = x.toDoubleArray();
            int[] index = new int[x.dims()];
            for (int ordinal = 0; ordinal < values.length; ordinal++) {
                TensorData.toIndex(ordinal, x.shape(), index);
                double numeric = centralDifference(f, leaves, arg, values, ordinal, EPSILON);
                double analytic = grad == null ? 0.0 : grad.get(index);
                if (!close(analytic, numeric, tolerance)
                        && close(numeric, centralDifference(f, leaves, arg, values, ordinal, EPSILON / 2), tolerance)) {
                    throw new AssertionError(name + ": d/d input " + arg + " at " + Arrays.toString(index)
                            + " analytic " + analytic + " but central difference " + numeric
                            + "\ninputs: " + Arrays.toString(inputs));
                }
            }
        }
    }

    private static boolean close(double actual, double expected, double tolerance) {
        return Math.abs(actual - expected) <= tolerance + tolerance * Math.abs(expected);
    }

    private static double centralDifference(Function<List<Tensor>, Tensor> f, List<Tensor> leaves, int arg,
            double[] values, int ordinal, double epsilon) {
        return (evaluate(f, leaves, arg, values, ordinal, epsilon)
                - evaluate(f, leaves, arg, values, ordinal, -epsilon)) / (2 * epsilon);
    }

    /** A float64 leaf of {@code shape} with values in [-1, 1); stored transposed (non-contiguous) if asked. */
    public static Tensor random(Random random, Backend backend, boolean permuted, int... shape) {
        double[] values = new double[TensorData.checkedSize(shape, "random")];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() * 2 - 1;
        }
        return leaf(values, backend, permuted, shape);
    }

    /** A leaf showing {@code values} in row-major order of {@code shape}; stored with reversed dimensions when permuted. */
    public static Tensor leaf(double[] values, Backend backend, boolean permuted, int... shape) {
        Tensor contiguous = Tensor.of(backend, DType.FLOAT64, values, shape);
        if (!permuted) {
            return contiguous.requiresGrad(true);
        }
        int n = shape.length;
        int[] reverse = new int[n];
        for (int i = 0; i < n; i++) {
            reverse[i] = n - 1 - i;
        }
        // Materialise the transpose, then view it transposed back: same values, reversed strides.
        Tensor transposed = contiguous.permute(reverse).contiguous();
        return Tensor.fromData(transposed.data().permute(reverse), backend).requiresGrad(true);
    }

    /** f(...).sum() with element {@code ordinal} of input {@code arg} moved by {@code delta}. */
    private static double evaluate(Function<List<Tensor>, Tensor> f, List<Tensor> leaves, int arg, double[] values,
            int ordinal, double delta) {
        double[] moved = values.clone();
        moved[ordinal] += delta;
        List<Tensor> args = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            Tensor leaf = leaves.get(i);
            args.add(i == arg ? Tensor.of(leaf.backend(), leaf.dtype(), moved, leaf.shape()) : leaf.detach());
        }
        try (var g = Tensor.noGrad()) {
            return f.apply(args).sum().item();
        }
    }
}
