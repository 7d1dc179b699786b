package minitorch.ops;

import minitorch.layout.TensorData;

/**
 * One SGD step written with a backend's zip alone, so every backend has it: two passes through a
 * scratch tensor. A backend that offers {@link FusedSgd} does it in one pass, checked against this.
 */
public final class ComposedSgd {
    private ComposedSgd() {}

    /**
     * {@code param ← param + (−rate)·grad} in place; {@code scratch} (param's shape and dtype, contiguous)
     * is overwritten with the scaled gradient. All three have one shape.
     */
    public static void step(TensorOps ops, TensorData param, TensorData grad, double rate, TensorData scratch) {
        ops.zip(BinaryOp.MUL, grad, ComposedAdam.constant(ops, param.elementType(), -rate), scratch);
        ops.zip(BinaryOp.ADD, param, scratch, param);
    }
}
