package minitorch.tensor;

import java.util.Arrays;
import minitorch.autodiff.Context;
import minitorch.backend.Backend;

/**
 * A differentiable tensor function (the original's {@code Function}): {@link #forward} computes the
 * result from detached inputs, {@link #backward} turns the derivative of the output into one
 * derivative per input. {@link #apply} glues them into the graph: it records the function, its
 * context and its inputs on the result when some input requires a gradient and grad mode is on.
 *
 * <p>Subclasses hold their non-tensor arguments (a dimension, a permutation) in fields, and use the
 * {@link Context} for what the backward pass needs from the forward pass. Both passes compute with
 * {@link TensorBackend} (or other functions' results) on tensors without history. A backward may
 * return a derivative whose shape merely broadcasts with the input's (for example the broadcast
 * shape of a zip): the engine sums it back to the input's shape and dtype. It may return
 * {@code null} for an input that gets no derivative.
 *
 * <pre>{@code
 * final class Square extends TensorFunction {
 *     protected Tensor forward(Context ctx, Tensor... in) {
 *         ctx.saveForBackward(in[0]);
 *         return TensorBackend.zip(BinaryOp.MUL, in[0], in[0]);
 *     }
 *     protected Tensor[] backward(Context ctx, Tensor grad) {
 *         Tensor x = ctx.saved(0);
 *         return new Tensor[] {TensorBackend.zip(BinaryOp.MUL, grad, TensorBackend.zip(BinaryOp.ADD, x, x))};
 *     }
 * }
 * Tensor y = new Square().apply(x);
 * }</pre>
 */
public abstract class TensorFunction {

    /** The function's name in messages; the class name by default. */
    public String name() { return getClass().getSimpleName(); }

    /** Computes the result from inputs that carry no history. The result must be a new tensor or a view. */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /** One derivative per input (null for none), given the derivative of the output. */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /**
     * Runs the function on {@code inputs}, recording history on the result if any input requires a
     * gradient and no {@link NoGrad} block is open.
     *
     * @throws IllegalArgumentException if the inputs live on different backends
     */
    public final Tensor apply(Tensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(name() + ": needs at least one input tensor");
        }
        Backend backend = inputs[0].backend();
        boolean needGrad = false;
        Tensor[] raw = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].backend() != backend) {
                throw new IllegalArgumentException(name() + ": tensors on different backends " + backend + " and "
                        + inputs[i].backend() + "; move one with to(Backend)");
            }
            needGrad |= inputs[i].requiresGrad();
            raw[i] = inputs[i].detach();
        }
        needGrad &= NoGrad.gradEnabled();
        Context ctx = new Context(!needGrad);
        Tensor out = forward(ctx, raw);
        if (out == null) {
            throw new IllegalStateException(name() + ".forward returned null");
        }
        return needGrad ? Tensor.withHistory(out, this, ctx, inputs.clone()) : out.detach();
    }

    /** Called by the engine: checks that backward gave one derivative per input. */
    final Tensor[] runBackward(Context ctx, Tensor gradOutput, int inputCount) {
        Tensor[] grads = backward(ctx, gradOutput);
        if (grads == null || grads.length != inputCount) {
            throw new IllegalStateException(name() + ".backward returned "
                    + (grads == null ? "null" : grads.length + " derivatives " + Arrays.toString(grads))
                    + " for " + inputCount + " inputs");
        }
        return grads;
    }
}
