package minitorch.scalar;

import java.util.Arrays;
import java.util.List;

import minitorch.autodiff.Context;

/**
 * A differentiable function of {@link Scalar}s: a {@code forward} on plain doubles and a {@code backward}
 * that, given the derivative of the final output with respect to this function's output, returns the
 * derivative with respect to each input. {@link #apply} runs forward and records the history that
 * backpropagation later follows. Subclasses are stateless; whatever backward needs is saved in the
 * {@link Context}.
 */
public abstract class ScalarFunction {
    private final int arity;

    protected ScalarFunction(int arity) { this.arity = arity; }

    /** How many inputs the function takes. */
    public final int arity() { return arity; }

    /** The function's name as shown in graphs, e.g. {@code Mul}. */
    public String name() { return getClass().getSimpleName(); }

    /** Computes the output from the input values, saving in {@code ctx} what backward will need. */
    protected abstract double forward(Context ctx, double... inputs);

    /** The derivative of the final output with respect to each input, given {@code dOutput} for this output. */
    protected abstract double[] backward(Context ctx, double dOutput);

    /**
     * Applies the function and records its history. If every input is a constant, nothing can flow back,
     * so the result is a constant too and no graph is kept.
     *
     * @throws IllegalArgumentException if the number of inputs is not the function's arity
     */
    public final Scalar apply(Scalar... inputs) {
        if (inputs.length != arity) {
            throw new IllegalArgumentException(name() + " takes " + arity + " input(s), got " + inputs.length);
        }
        boolean needsHistory = Arrays.stream(inputs).anyMatch(s -> !s.isConstant());
        Context ctx = new Context(!needsHistory);
        double[] values = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].data();
        }
        double out = forward(ctx, values);
        return needsHistory
                ? new Scalar(out, new ScalarHistory(this, ctx, List.of(inputs)))
                : Scalar.constant(out);
    }

    /** Runs backward and checks it gave one derivative per input. */
    final double[] derivatives(Context ctx, double dOutput) {
        double[] d = backward(ctx, dOutput);
        if (d.length != arity) {
            throw new IllegalStateException(name() + ".backward returned " + d.length + " derivatives for "
                    + arity + " inputs");
        }
        return d;
    }

    @Override
    public String toString() { return name(); }

    /** Helper for backward implementations: wraps derivatives in an array. */
    protected static double[] derivatives(double... d) { return d; }
}
