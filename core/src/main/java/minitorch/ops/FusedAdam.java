package minitorch.ops;

import minitorch.layout.TensorData;

/**
 * An optional capability a backend ({@link TensorOps}) may offer: one Adam step as a single fused
 * kernel. The tensor layer uses it when the backend implements it and otherwise composes the same
 * step from map and zip ({@link ComposedAdam}), so an optimizer is never part of the kernel
 * interface itself.
 */
public interface FusedAdam {

    /**
     * One Adam step in place: {@code param}, {@code m} and {@code v} are overwritten as
     * {@link AdamUpdate} says, from {@code grad}. All four have the same shape (any strides).
     */
    void adam(TensorData param, TensorData grad, TensorData m, TensorData v, AdamUpdate u);
}
