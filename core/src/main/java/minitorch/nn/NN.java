package minitorch.nn;

import java.util.Arrays;
import java.util.Random;
import minitorch.layout.Shapes;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;

/**
 * The network layers of Module 4 as functions on tensors (the original's {@code nn.py} and
 * {@code fast_conv.py}): convolution, pooling, max/argmax, softmax, log-softmax and dropout. All
 * are differentiable; convolution and max are {@link minitorch.tensor.TensorFunction}s with their
 * own backward, the rest are built from tensor operations so autograd derives theirs.
 */
public final class NN {
    private NN() {}

    /**
     * 1-D convolution: input (batch, in, width), weight (out, in, k) gives (batch, out, width), the
     * window anchored left and reading zeros past the right edge: {@code out[b,o,t] = sum_c sum_k
     * in[b,c,t+k] w[o,c,k]}. So [0,1,2,3] with [1,2,3] gives [8, 14, 8, 3].
     */
    public static Tensor conv1d(Tensor input, Tensor weight) {
        Convolution f = new Convolution(1);
        f.check(input, weight);
        return f.apply(input, weight);
    }

    /** 2-D convolution: input (batch, in, h, w), weight (out, in, kh, kw) gives (batch, out, h, w), anchored top-left. */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        Convolution f = new Convolution(2);
        f.check(input, weight);
        return f.apply(input, weight);
    }

    /**
     * Cuts (batch, channel, height, width) into kh x kw windows: (batch, channel, height/kh,
     * width/kw, kh*kw), the last axis running over each window row by row.
     */
    public static Tensor tile(Tensor input, int kh, int kw) {
        Tensor w = windows("tile", input, kh, kw);
        return w.permute(0, 1, 2, 4, 3, 5).contiguous().view(w.shape(0), w.shape(1), w.shape(2), w.shape(4), kh * kw);
    }

    /** Mean over each kh x kw window: (batch, channel, height/kh, width/kw). */
    public static Tensor avgpool2d(Tensor input, int kh, int kw) {
        Tensor windows = windows("avgpool2d", input, kh, kw);
        return windows.sum(3).sum(5).mul(1.0 / (kh * kw)).view(pooledShape(windows));
    }

    /** Maximum over each kh x kw window: (batch, channel, height/kh, width/kw). */
    public static Tensor maxpool2d(Tensor input, int kh, int kw) {
        Tensor windows = windows("maxpool2d", input, kh, kw);
        return max(max(windows, 3), 5).view(pooledShape(windows));
    }

    /**
     * The pooling windows without moving any data: (batch, channel, height/kh, kh, width/kw, kw), a
     * view of the row-major input in which window (y, x) is [.., y, :, x, :]. Pooling reduces over
     * dim 3 first (whole rows of the input at once, so the loops run along rows width long) and then
     * over dim 5; {@link #tile} gathers the same windows into one axis, which costs a copy.
     */
    private static Tensor windows(String operation, Tensor input, int kh, int kw) {
        if (input.dims() != 4) {
            throw new IllegalArgumentException(operation + ": input " + Arrays.toString(input.shape())
                    + " must be 4-D (batch, channel, height, width)");
        }
        int batch = input.shape(0), channels = input.shape(1), height = input.shape(2), width = input.shape(3);
        if (kh <= 0 || kw <= 0 || height % kh != 0 || width % kw != 0) {
            throw new IllegalArgumentException(operation + ": kernel " + kh + "x" + kw + " must divide height and width of "
                    + Arrays.toString(input.shape()));
        }
        return input.contiguous().view(batch, channels, height / kh, kh, width / kw, kw);
    }

    private static int[] pooledShape(Tensor windows) {
        return new int[] {windows.shape(0), windows.shape(1), windows.shape(2), windows.shape(4)};
    }

    /** Maximum along {@code dim}, kept as size 1; the derivative goes to the maximum's position. */
    public static Tensor max(Tensor input, int dim) {
        return new Max(checkNonEmptyDim("max", input, dim)).apply(input);
    }

    /** 1.0 where an element is the maximum along {@code dim}, else 0.0 (ties give several 1s, as in the original). Constant. */
    public static Tensor argmax(Tensor input, int dim) {
        checkNonEmptyDim("argmax", input, dim);
        return TensorBackend.zip(BinaryOp.EQ, input, TensorBackend.reduce(ReduceOp.MAX, input, dim));
    }

    /** e^x / sum e^x along {@code dim}, computed as e^(x-m) with m the maximum so that nothing overflows. */
    public static Tensor softmax(Tensor input, int dim) {
        Tensor e = input.sub(shift("softmax", input, dim)).exp();
        return e.div(e.sum(dim));
    }

    /**
     * log softmax: x - log sum e^x along {@code dim}, by the log-sum-exp trick
     * x - (m + log sum e^(x-m)), which stays finite for large |x|.
     */
    public static Tensor logsoftmax(Tensor input, int dim) {
        Tensor shifted = input.sub(shift("logsoftmax", input, dim));
        return shifted.sub(shifted.exp().sum(dim).log());
    }

    /** The maximum along dim as a constant: subtracting any constant leaves softmax and its derivative unchanged. */
    private static Tensor shift(String operation, Tensor input, int dim) {
        checkDim(operation, input, dim);
        return TensorBackend.reduce(ReduceOp.MAX, input, dim);
    }

    /**
     * Dropout with the library's generator ({@link Tensor#manualSeed}); see
     * {@link #dropout(Tensor, double, boolean, Random)}.
     */
    public static Tensor dropout(Tensor input, double rate, boolean ignore) {
        return dropout(input, rate, ignore, null);
    }

    /**
     * Zeroes each element with probability {@code rate} and scales the survivors by 1/(1-rate)
     * ("inverted" dropout, as Torch does), so the expected value is unchanged and evaluation needs
     * no rescaling. The original MiniTorch does not rescale; with rescaling the same trained weights
     * work with dropout off. {@code rate} 0 or {@code ignore} (evaluation) returns the input itself;
     * rate 1 gives zeros. {@code random} null means the library's generator.
     *
     * @throws IllegalArgumentException if rate is not in [0, 1]
     */
    public static Tensor dropout(Tensor input, double rate, boolean ignore, Random random) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1], got " + rate);
        }
        if (ignore || rate == 0) {
            return input;
        }
        if (rate == 1) {
            return input.mul(0.0);
        }
        Tensor uniform = random == null ? Tensor.rand(input.shape()) : Tensor.rand(random, input.backend(), input.dtype(), input.shape());
        if (uniform.backend() != input.backend()) {
            uniform = uniform.to(input.backend());
        }
        if (uniform.dtype() != input.dtype()) {
            uniform = uniform.to(input.dtype());
        }
        // 1 where rate < u (probability 1 - rate), times 1/(1-rate): one constant multiplier.
        Tensor keep = TensorBackend.zip(BinaryOp.LT, Tensor.full(input.backend(), input.dtype(), rate, 1), uniform);
        Tensor scale = TensorBackend.zip(BinaryOp.MUL, keep, Tensor.full(input.backend(), input.dtype(), 1.0 / (1 - rate), 1));
        return input.mul(scale);
    }

    private static int checkDim(String operation, Tensor input, int dim) { return Shapes.checkDim(operation, dim, input.shape()); }

    /** A maximum of no elements does not exist (the reduction would give -infinity). */
    private static int checkNonEmptyDim(String operation, Tensor input, int dim) {
        checkDim(operation, input, dim);
        if (input.shape(dim) == 0) {
            throw new IllegalArgumentException(operation + ": dim " + dim + " of shape " + Arrays.toString(input.shape())
                    + " is empty; a maximum needs at least one element");
        }
        return dim;
    }
}
