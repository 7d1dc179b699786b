package minitorch.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import minitorch.module.Parameter;
import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;

/**
 * Plain stochastic gradient descent: {@code p <- p - lr * dL/dp}, then the gradient is cleared, so derivatives do
 * not carry over into the next step (the original replaces each value with a fresh leaf, which has none). A
 * scalar gets a new value; a tensor is updated in place, as {@code torch.optim.SGD} does ({@link TensorBackend#sgd}):
 * in one fused pass on FAST, else through one scratch tensor per parameter kept between steps. A fresh leaf cost
 * two weight-sized allocations per step, a tenth of a split/H=500 training epoch (docs/performance-log.md).
 */
public final class SGD extends Optimizer {
    private final double lr;
    /** Per parameter, the scratch tensor of its steps (null until a backend that composes the step asks for one). */
    private final List<Tensor> scratch;

    /**
     * @throws IllegalArgumentException if {@code lr} is not a positive number
     */
    public SGD(List<? extends Parameter<?>> parameters, double lr) {
        super(parameters);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("SGD: learning rate must be a positive number, got " + lr);
        }
        this.lr = lr;
        this.scratch = new ArrayList<>(Collections.nCopies(parameters.size(), null));
    }

    /** SGD with the original's default learning rate, 1.0. */
    public SGD(List<? extends Parameter<?>> parameters) { this(parameters, 1.0); }

    public double learningRate() { return lr; }

    @Override
    public void zeroGrad() {
        for (Parameter<?> p : parameters) {
            switch (p.value()) {
                case Scalar s -> s.zeroGrad();
                case Tensor t -> t.zeroGrad();
                default -> throw unsupported(p);
            }
        }
    }

    @Override
    public void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter<?> p = parameters.get(i);
            switch (p.value()) {
                case Scalar s -> {
                    if (s.derivative() != null) {
                        cast(p, Scalar.class).update(new Scalar(s.data() - lr * s.derivative()));
                    }
                }
                case Tensor t -> {
                    if (t.grad() != null) {
                        int at = i;
                        TensorBackend.sgd(t, t.grad(), lr, () -> scratch(at, t));
                        t.zeroGrad();
                    }
                }
                default -> throw unsupported(p);
            }
        }
    }

    /** Parameter {@code i}'s scratch tensor for {@code value}: made at its first step, remade if the value changes shape, dtype or backend. */
    private Tensor scratch(int i, Tensor value) {
        Tensor s = scratch.get(i);
        if (s == null || !Arrays.equals(s.shape(), value.shape()) || s.dtype() != value.dtype()
                || s.backend() != value.backend()) {
            s = Tensor.zeros(value.backend(), value.dtype(), value.shape());
            scratch.set(i, s);
        }
        return s;
    }

    private static IllegalArgumentException unsupported(Parameter<?> p) {
        return new IllegalArgumentException("SGD: cannot train a parameter holding "
                + p.value().getClass().getName() + (p.name() == null ? "" : " (" + p.name() + ")"));
    }

    /** A parameter whose value was just checked to be a {@code type}. */
    @SuppressWarnings("unchecked")
    private static <V> Parameter<V> cast(Parameter<?> p, Class<V> type) {
        assert type.isInstance(p.value());
        return (Parameter<V>) p;
    }
}
