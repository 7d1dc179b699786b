package minitorch.optim;

import java.util.List;

import minitorch.module.Parameter;
import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;

/**
 * Plain stochastic gradient descent: {@code p <- p - lr * dL/dp}. As in the original, a step replaces each
 * value with a fresh leaf, so derivatives do not carry over into the next step.
 */
public final class SGD extends Optimizer {
    private final double lr;

    /**
     * @throws IllegalArgumentException if {@code lr} is not a positive number
     */
    public SGD(List<? extends Parameter<?>> parameters, double lr) {
        super(parameters);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("SGD: learning rate must be a positive number, got " + lr);
        }
        this.lr = lr;
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
        for (Parameter<?> p : parameters) {
            switch (p.value()) {
                case Scalar s -> {
                    if (s.derivative() != null) {
                        cast(p, Scalar.class).update(new Scalar(s.data() - lr * s.derivative()));
                    }
                }
                case Tensor t -> {
                    if (t.grad() != null) {
                        // The update itself must not become part of any graph.
                        try (var g = Tensor.noGrad()) {
                            cast(p, Tensor.class).update(t.add(t.grad().mul(-lr))); // two passes (sub would be three: add of a negation)
                        }
                    }
                }
                default -> throw unsupported(p);
            }
        }
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
