package minitorch.backend;

import minitorch.tensor.TensorData;

/** PLACEHOLDER: plain-loop convolutions (being written; see issue 6). */
final class ReferenceConvolution {
    private ReferenceConvolution() {}
    static void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) { throw new UnsupportedOperationException("not yet"); }
    static void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) { throw new UnsupportedOperationException("not yet"); }
}
