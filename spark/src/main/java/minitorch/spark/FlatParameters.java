package minitorch.spark;

import java.util.List;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.tensor.Tensor;

/**
 * A model's parameters (and their gradients) as one flat array, in {@link Module#namedParameters()} order:
 * what travels between the driver and the workers. Doubles carry float32 values exactly, so one format
 * serves both dtypes.
 */
final class FlatParameters {
    private FlatParameters() {}

    static int size(Module model) {
        int n = 0;
        for (Tensor t : tensors(model)) {
            n += t.size();
        }
        return n;
    }

    /** Every parameter's values, one after another. */
    static double[] values(Module model) {
        double[] flat = new double[size(model)];
        int at = 0;
        for (Tensor t : tensors(model)) {
            double[] v = t.toDoubleArray();
            System.arraycopy(v, 0, flat, at, v.length);
            at += v.length;
        }
        return flat;
    }

    /** Every parameter's gradient, one after another (zeros where a parameter has none), into {@code flat}. */
    static void gradients(Module model, double[] flat) {
        int at = 0;
        for (Tensor t : tensors(model)) {
            Tensor g = t.grad();
            if (g != null) {
                double[] v = g.toDoubleArray();
                System.arraycopy(v, 0, flat, at, v.length);
            }
            at += t.size();
        }
    }

    /** Replaces every parameter's value by its slice of {@code flat} (a fresh leaf with no gradient). */
    @SuppressWarnings("unchecked")
    static void load(Module model, double[] flat) {
        check(model, flat);
        int at = 0;
        for (Parameter<?> p : model.parameters()) {
            Tensor t = (Tensor) p.value();
            ((Parameter<Tensor>) p).update(Tensor.of(t.backend(), t.dtype(), slice(flat, at, t.size()), t.shape()));
            at += t.size();
        }
    }

    /** Sets every parameter's gradient to its slice of {@code flat} (replacing any gradient it had). */
    static void setGradients(Module model, double[] flat) {
        check(model, flat);
        int at = 0;
        for (Tensor t : tensors(model)) {
            t.zeroGrad();
            t.accumulateDerivative(Tensor.of(t.backend(), t.dtype(), slice(flat, at, t.size()), t.shape()));
            at += t.size();
        }
    }

    /** The gradient arrays carry the loss and correct count after the values: longer is fine, shorter is not. */
    private static void check(Module model, double[] flat) {
        if (flat.length < size(model)) {
            throw new IllegalArgumentException("FlatParameters: " + flat.length + " values for a model of " + size(model));
        }
    }

    private static double[] slice(double[] flat, int from, int n) {
        double[] v = new double[n];
        System.arraycopy(flat, from, v, 0, n);
        return v;
    }

    private static List<Tensor> tensors(Module model) {
        return model.parameters().stream().map(p -> (Tensor) p.value()).toList();
    }
}
