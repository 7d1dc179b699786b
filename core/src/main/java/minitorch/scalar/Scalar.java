package minitorch.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import minitorch.autodiff.Autodiff;
import minitorch.autodiff.Variable;

/**
 * A real number that remembers how it was computed, so that {@link #backward()} can fill in the derivative
 * of a result with respect to every leaf it depends on. Module 1 of MiniTorch.
 *
 * <p>Three kinds: a <em>leaf</em> ({@code new Scalar(2.0)}) collects a derivative; a <em>result</em> of a
 * {@link ScalarFunction} carries a {@link ScalarHistory}; a <em>constant</em> ({@link #constant}) has no
 * history at all and nothing flows into it. As in the original, a plain {@code double} given to an
 * operation becomes a leaf, so {@code x.mul(10.0)} also yields a derivative for the 10.
 */
public final class Scalar implements Variable<Double> {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final double data;
    private final ScalarHistory history; // null for a constant
    private final long uniqueId;
    private String name;
    private Double derivative;

    /** A leaf holding {@code value}. */
    public Scalar(double value) { this(value, ScalarHistory.LEAF); }

    /** A scalar with the given history ({@code null} makes a constant). */
    public Scalar(double value, ScalarHistory history) {
        this.data = value;
        this.history = history;
        this.uniqueId = NEXT_ID.incrementAndGet();
        this.name = String.valueOf(uniqueId);
    }

    /** A constant: no history, never receives a derivative. */
    public static Scalar constant(double value) { return new Scalar(value, null); }

    public double data() { return data; }

    /** The derivative accumulated by backward, or {@code null} if none has reached this leaf yet. */
    public Double derivative() { return derivative; }

    /** Forgets the accumulated derivative (what the original's {@code zero_grad} does). */
    public void zeroGrad() { derivative = null; }

    /** The history, or {@code null} for a constant. */
    public ScalarHistory history() { return history; }

    public String name() { return name; }

    public void setName(String name) { this.name = name; }

    // ---- arithmetic: every operation is one of the ScalarFunctions or built from them -------------

    public Scalar add(Scalar b) { return ScalarFunctions.ADD.apply(this, b); }

    public Scalar add(double b) { return add(new Scalar(b)); }

    /** a - b = a + (-b). */
    public Scalar sub(Scalar b) { return add(b.neg()); }

    public Scalar sub(double b) { return sub(new Scalar(b)); }

    public Scalar mul(Scalar b) { return ScalarFunctions.MUL.apply(this, b); }

    public Scalar mul(double b) { return mul(new Scalar(b)); }

    /** a / b = a * (1 / b). */
    public Scalar div(Scalar b) { return mul(b.inv()); }

    public Scalar div(double b) { return div(new Scalar(b)); }

    public Scalar inv() { return ScalarFunctions.INV.apply(this); }

    public Scalar neg() { return ScalarFunctions.NEG.apply(this); }

    public Scalar log() { return ScalarFunctions.LOG.apply(this); }

    public Scalar exp() { return ScalarFunctions.EXP.apply(this); }

    public Scalar sigmoid() { return ScalarFunctions.SIGMOID.apply(this); }

    public Scalar relu() { return ScalarFunctions.RELU.apply(this); }

    /** 1.0 if this &lt; b else 0.0. */
    public Scalar lt(Scalar b) { return ScalarFunctions.LT.apply(this, b); }

    public Scalar lt(double b) { return lt(new Scalar(b)); }

    /** 1.0 if this &gt; b else 0.0, computed as b &lt; this. */
    public Scalar gt(Scalar b) { return ScalarFunctions.LT.apply(b, this); }

    public Scalar gt(double b) { return gt(new Scalar(b)); }

    /** 1.0 if this == b else 0.0 (a new Scalar; {@link #equals} stays identity). */
    public Scalar eq(Scalar b) { return ScalarFunctions.EQ.apply(this, b); }

    public Scalar eq(double b) { return eq(new Scalar(b)); }

    // ---- backpropagation ----------------------------------------------------------------------------

    /** Fills in the derivative of this scalar with respect to every leaf it depends on. */
    public void backward() { backward(1.0); }

    /** Backpropagates {@code dOutput}, the derivative of some final output with respect to this scalar. */
    public void backward(double dOutput) {
        if (isConstant()) { // nothing to differentiate; silently doing nothing would hide the mistake
            throw new IllegalArgumentException("backward: " + this + " is a constant (made with Scalar.constant, or only from constants), "
                    + "which has no derivative; make the inputs with new Scalar(value)");
        }
        Autodiff.backpropagate(this, dOutput);
    }

    @Override
    public long uniqueId() { return uniqueId; }

    @Override
    public boolean isLeaf() { return history != null && history.lastFunction() == null; }

    @Override
    public boolean isConstant() { return history == null; }

    @Override
    public List<Scalar> parents() { return history == null ? List.of() : history.inputs(); }

    /** Runs the producing function's backward and pairs each non-constant input with its derivative. */
    @Override
    public List<Derivative<Double>> chainRule(Double dOutput) {
        if (history == null || history.lastFunction() == null) {
            throw new IllegalStateException("chainRule: Scalar " + name + " was not produced by a function");
        }
        double[] d = history.lastFunction().derivatives(history.context(), dOutput);
        List<Derivative<Double>> out = new ArrayList<>(d.length);
        for (int i = 0; i < d.length; i++) {
            Scalar input = history.inputs().get(i);
            if (!input.isConstant()) {
                out.add(new Derivative<>(input, d[i]));
            }
        }
        return out;
    }

    @Override
    public void accumulateDerivative(Double d) {
        if (!isLeaf()) {
            throw new IllegalStateException("accumulateDerivative: Scalar " + name + " is not a leaf");
        }
        derivative = derivative == null ? d : derivative + d;
    }

    @Override
    public Double addDerivatives(Double a, Double b) { return a + b; }

    @Override
    public String toString() { return "Scalar(" + data + ")"; }
}
