package minitorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorData;

/**
 * Gradient checks by central difference in float64: the derivative of sum(f(inputs)) that backward
 * computes must match (f(x + e) - f(x - e)) / 2e for every element of every input.
 */
final class GradCheck {
    static final double EPSILON = 1e-6;
    static final double TOLERANCE = 1e-4;

    private GradCheck() {}

    /** A float64 leaf of {@code shape} with values in [-1, 1); permuted (non-contiguous storage) if asked. */
    static Tensor random(Random r, Backend backend, boolean permuted, int... shape) {
        double[] values = new double[TensorData.checkedSize(shape, "random")];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextDouble() * 2 - 1;
        }
        return leaf(values, backend, permuted, shape);
    }

    /** A leaf holding {@code values} in row-major order of {@code shape}; stored reversed when permuted. */
    static Tensor leaf(double[] values, Backend backend, boolean permuted, int... shape) {
        if (!permuted) {
            return Tensor.of(backend, DType.FLOAT64, values, shape).requiresGrad(true);
        }
        int n = shape.length;
        int[] reversed = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = shape[n - 1 - i];
            order[i] = n - 1 - i;
        }
        // Build the transposed layout so that permuting it back shows `values` in row-major order.
        double[] stored = new double[values.length];
        int[] index = new int[n];
        int[] revIndex = new int[n];
        int[] revStrides = TensorData.stridesFromShape(reversed);
        for (int i = 0; i < values.length; i++) {
            TensorData.toIndex(i, shape, index);
            for (int d = 0; d < n; d++) {
                revIndex[d] = index[n - 1 - d];
            }
            stored[TensorData.indexToPosition(revIndex, revStrides)] = values[i];
        }
        Tensor t = Tensor.of(backend, DType.FLOAT64, stored, reversed);
        return Tensor.fromData(t.data().permute(order), backend).requiresGrad(true);
    }

    static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor out = f.apply(inputs).sum();
        out.backward();
        for (int a = 0; a < inputs.length; a++) {
            Tensor x = inputs[a];
            assertNotNull(x.grad(), "input " + a + " received no gradient");
            double[] values = x.toDoubleArray();
            double[] analytic = x.grad().toDoubleArray();
            int[] shape = x.shape();
            for (int i = 0; i < values.length; i++) {
                double[] up = values.clone();
                double[] down = values.clone();
                up[i] += EPSILON;
                down[i] -= EPSILON;
                double numeric = (evaluate(f, inputs, a, up, shape) - evaluate(f, inputs, a, down, shape)) / (2 * EPSILON);
                final int element = i, arg = a;
                assertEquals(numeric, analytic[i], TOLERANCE * (1 + Math.abs(numeric)),
                        () -> "d/d input " + arg + " element " + element + " of shape " + Arrays.toString(shape)
                                + " on " + x.backend());
            }
        }
    }

    private static double evaluate(Function<Tensor[], Tensor> f, Tensor[] inputs, int arg, double[] values, int[] shape) {
        Tensor[] args = inputs.clone();
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].detach();
        }
        args[arg] = Tensor.of(inputs[arg].backend(), DType.FLOAT64, values, shape);
        return f.apply(args).sum().item();
    }
}
