package minitorch.ops;

import minitorch.layout.TensorData;

/**
 * An optional capability a backend ({@link TensorOps}) may offer: one SGD step as a single fused pass.
 * The tensor layer uses it when the backend implements it and otherwise composes the step from zip
 * ({@link ComposedSgd}), as for {@link FusedAdam}.
 */
public interface FusedSgd {

    /**
     * {@code param ← param + (−rate)·grad} in place, with the composed step's two roundings (the scaled
     * gradient rounded to the dtype, then the sum; never a fused multiply-add), so both give the same bits.
     * Both have one shape (any strides) and one dtype.
     */
    void sgd(TensorData param, TensorData grad, double rate);
}
