package minitorch.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import minitorch.module.Parameter;
import minitorch.ops.AdamUpdate;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;

/**
 * Adam (Kingma and Ba, 2015), as Torch's {@code torch.optim.Adam} with no weight decay: running
 * means of the gradient (m) and of its square (v), bias-corrected, give each element its own step
 * {@code lr * m_hat / (sqrt(v_hat) + eps)}. Works on tensor parameters; the state lives on the
 * parameter's backend, and each step updates the value in place.
 */
public final class Adam extends Optimizer {
    private final double lr, beta1, beta2, eps;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private int steps;

    /** Torch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public Adam(List<? extends Parameter<?>> parameters, double lr) { this(parameters, lr, 0.9, 0.999, 1e-8); }

    /** @throws IllegalArgumentException for a non-positive rate or betas outside [0, 1) */
    public Adam(List<? extends Parameter<?>> parameters, double lr, double beta1, double beta2, double eps) {
        super(parameters);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Adam: learning rate must be a positive number, got " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam: betas must be in [0, 1) and eps positive, got betas (" + beta1
                    + ", " + beta2 + ") eps " + eps);
        }
        for (Parameter<?> p : this.parameters) {
            if (!(p.value() instanceof Tensor)) {
                throw new IllegalArgumentException("Adam: cannot train a parameter holding "
                        + p.value().getClass().getName() + (p.name() == null ? "" : " (" + p.name() + ")"));
            }
            m.add(null);
            v.add(null);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public double learningRate() { return lr; }

    /** Number of steps taken (the bias correction's t). */
    public int steps() { return steps; }

    @Override
    public void zeroGrad() {
        for (Parameter<?> p : parameters) {
            ((Tensor) p.value()).zeroGrad();
        }
    }

    /**
     * One step for every parameter with a gradient, in place on its storage (as torch.optim does)
     * by {@link TensorBackend#adam}: one fused pass on a backend that offers it (FastOps), else map and
     * zip. The gradient is then cleared, as the original's fresh leaf had none.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void step() {
        steps++;
        AdamUpdate update = new AdamUpdate(beta1, beta2, eps, lr / (1 - Math.pow(beta1, steps)), 1 - Math.pow(beta2, steps));
        for (int i = 0; i < parameters.size(); i++) {
            Parameter<Tensor> p = (Parameter<Tensor>) parameters.get(i);
            Tensor value = p.value();
            Tensor grad = value.grad();
            if (grad == null) {
                continue;
            }
            if (m.get(i) == null) {
                m.set(i, Tensor.zeros(value.backend(), value.dtype(), value.shape()));
                v.set(i, Tensor.zeros(value.backend(), value.dtype(), value.shape()));
            }
            TensorBackend.adam(value, grad, m.get(i), v.get(i), update);
            value.zeroGrad();
        }
    }

    /** The running first and second moments of parameter {@code i} (null before its first gradient), for checkpoints. */
    public Tensor[] moments(int i) { return new Tensor[] {m.get(i), v.get(i)}; }

    /** Restores a checkpoint's moments and step count. */
    public void restore(int steps, List<Tensor> firstMoments, List<Tensor> secondMoments) {
        if (firstMoments.size() != parameters.size() || secondMoments.size() != parameters.size()) {
            throw new IllegalArgumentException("Adam.restore: " + firstMoments.size() + " and " + secondMoments.size()
                    + " moments for " + parameters.size() + " parameters");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("Adam.restore: step count must not be negative, got " + steps);
        }
        for (int i = 0; i < parameters.size(); i++) { // moments of another model would corrupt every later step
            int[] shape = ((Tensor) parameters.get(i).value()).shape();
            Tensor first = firstMoments.get(i), second = secondMoments.get(i);
            if ((first == null) != (second == null)
                    || first != null && (!Arrays.equals(first.shape(), shape) || !Arrays.equals(second.shape(), shape))) {
                throw new IllegalArgumentException("Adam.restore: moments of parameter " + i + " have shapes "
                        + (first == null ? "none" : Arrays.toString(first.shape())) + " and "
                        + (second == null ? "none" : Arrays.toString(second.shape())) + ", the parameter "
                        + Arrays.toString(shape));
            }
        }
        this.steps = steps;
        for (int i = 0; i < parameters.size(); i++) {
            m.set(i, firstMoments.get(i));
            v.set(i, secondMoments.get(i));
        }
    }
}
