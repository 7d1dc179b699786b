package minitorch.nn;

import java.util.Arrays;
import minitorch.autodiff.Context;
import minitorch.backend.Backend;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;
import minitorch.tensor.TensorFunction;

/**
 * A trainable lookup table: row {@code i} of {@code weights} (vocabulary, dimension) is the vector
 * of word {@code i}; index -1 gives a zero row (padding). The derivative of a row is the sum of the
 * output derivatives at every position that looked it up.
 */
public final class Embedding extends Module {
    private final Parameter<Tensor> weights;

    /** A table starting from {@code initial} (vocabulary, dimension), e.g. pre-trained vectors. */
    public Embedding(Tensor initial) {
        if (initial.dims() != 2) {
            throw new IllegalArgumentException("Embedding: initial table " + Arrays.toString(initial.shape())
                    + " must be 2-D (vocabulary, dimension)");
        }
        weights = addParameter("weights", initial.detach().requiresGrad(true));
    }

    public Parameter<Tensor> weights() { return weights; }

    /** indices (batch, length) of word numbers (or -1) to (batch, length, dimension). */
    public Tensor forward(int[][] indices) {
        return lookup(weights.value(), indices);
    }

    /** The rows of {@code table} at {@code indices} (batch, length), differentiable in the table. */
    public static Tensor lookup(Tensor table, int[][] indices) {
        return new Lookup(indices).apply(table);
    }

    /** The gather and its scatter-add backward, element by element through the storage interface. */
    private static final class Lookup extends TensorFunction {
        private final int[][] indices;

        Lookup(int[][] indices) { this.indices = indices; }

        @Override
        public String name() { return "embedding"; }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor table = in[0];
            int vocabulary = table.shape(0), d = table.shape(1), length = indices.length == 0 ? 0 : indices[0].length;
            ctx.saveForBackward((Object) table.shape(), table.dtype(), table.backend());
            Tensor out = TensorBackend.zeros(table.backend(), table.dtype(), indices.length, length, d);
            TensorData t = table.data();
            Storage o = out.data().storage();
            for (int b = 0; b < indices.length; b++) {
                if (indices[b].length != length) {
                    throw new IllegalArgumentException("embedding: row " + b + " has " + indices[b].length
                            + " indices, row 0 has " + length);
                }
                for (int p = 0; p < length; p++) {
                    int word = indices[b][p];
                    if (word < -1 || word >= vocabulary) {
                        throw new IllegalArgumentException("embedding: index " + word + " at [" + b + ", " + p
                                + "] is outside the vocabulary of " + vocabulary);
                    }
                    if (word >= 0) {
                        for (int k = 0; k < d; k++) {
                            o.set((b * length + p) * d + k, t.storage().get(word * t.stride(0) + k * t.stride(1)));
                        }
                    }
                }
            }
            return out;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] shape = ctx.saved(0);
            DType dtype = ctx.saved(1);
            Backend backend = ctx.saved(2);
            Tensor table = TensorBackend.zeros(backend, dtype, shape);
            Storage g = table.data().storage();
            TensorData in = grad.data();
            int d = shape[1];
            for (int b = 0; b < indices.length; b++) {
                for (int p = 0; p < indices[b].length; p++) {
                    int word = indices[b][p];
                    if (word >= 0) {
                        for (int k = 0; k < d; k++) {
                            int pos = word * d + k;
                            g.set(pos, g.get(pos) + in.storage().get(b * in.stride(0) + p * in.stride(1) + k * in.stride(2)));
                        }
                    }
                }
            }
            return new Tensor[] {table};
        }
    }
}
