package minitorch.ops;

import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * One Adam step ({@link AdamUpdate}) written with a backend's map and zip alone, so every backend
 * has it (about a dozen passes over the data). A backend that offers {@link FusedAdam} does it in
 * one pass instead, and is checked against this.
 */
public final class ComposedAdam {
    private ComposedAdam() {}

    /** Overwrites {@code param}, {@code m} and {@code v} in place; all four have one shape (any strides). */
    public static void step(TensorOps ops, TensorData param, TensorData grad, TensorData m, TensorData v, AdamUpdate u) {
        ElementType dtype = param.elementType();
        int[] shape = param.shape();
        TensorData g = TensorData.contiguous(ops.allocate(dtype, param.size()), shape);
        TensorData t = TensorData.contiguous(ops.allocate(dtype, param.size()), shape);
        ops.map(UnaryOp.ID, grad, g);
        // m ← beta1·m + (1 − beta1)·g
        ops.zip(BinaryOp.MUL, m, constant(ops, dtype, u.beta1()), m);
        ops.zip(BinaryOp.MUL, g, constant(ops, dtype, 1 - u.beta1()), t);
        ops.zip(BinaryOp.ADD, m, t, m);
        // v ← beta2·v + (1 − beta2)·g²
        ops.zip(BinaryOp.MUL, v, constant(ops, dtype, u.beta2()), v);
        ops.zip(BinaryOp.MUL, g, g, t);
        ops.zip(BinaryOp.MUL, t, constant(ops, dtype, 1 - u.beta2()), t);
        ops.zip(BinaryOp.ADD, v, t, v);
        // t ← 1 / (√(v / correction2) + eps), the square root as exp(log(x) / 2) (log 0 = -inf gives 0)
        ops.zip(BinaryOp.MUL, v, constant(ops, dtype, 1 / u.correction2()), t);
        ops.map(UnaryOp.LOG, t, t);
        ops.zip(BinaryOp.MUL, t, constant(ops, dtype, 0.5), t);
        ops.map(UnaryOp.EXP, t, t);
        ops.zip(BinaryOp.ADD, t, constant(ops, dtype, u.eps()), t);
        ops.map(UnaryOp.INV, t, t);
        // p ← p − stepSize · m · t
        ops.zip(BinaryOp.MUL, t, m, t);
        ops.zip(BinaryOp.MUL, t, constant(ops, dtype, -u.stepSize()), t);
        ops.zip(BinaryOp.ADD, param, t, param);
    }

    /** A one-element tensor of {@code value} on the backend, broadcast by zip against any shape. */
    static TensorData constant(TensorOps ops, ElementType dtype, double value) {
        Storage s = ops.allocate(dtype, 1);
        s.set(0, value);
        return TensorData.contiguous(s, 1);
    }
}
