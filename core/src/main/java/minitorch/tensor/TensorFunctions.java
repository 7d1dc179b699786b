package minitorch.tensor;

import minitorch.autodiff.Context;
import minitorch.backend.Backend;
import minitorch.backend.BinaryOp;
import minitorch.backend.ReduceOp;
import minitorch.backend.UnaryOp;

/**
 * The primitive differentiable tensor functions (the original's {@code tensor_functions.py}). Every
 * other {@link Tensor} operation is derived from these: sub is add of neg, div is mul of inv, mean
 * is sum times a constant, gt is lt with swapped arguments.
 *
 * <p>Backward passes may return derivatives in the broadcast shape of the output; the engine sums
 * them back to each input's shape ({@link Tensor#chainRule}).
 */
public final class TensorFunctions {
    private TensorFunctions() {}

    /** -x. */
    public static final class Neg extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorOps.map(UnaryOp.NEG, in[0]); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorOps.map(UnaryOp.NEG, grad)};
        }
    }

    /** 1/x; d/dx = -1/x². */
    public static final class Inv extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorOps.map(UnaryOp.INV, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorOps.zip(BinaryOp.INV_BACK, ctx.saved(0), grad)};
        }
    }

    /** a + b, broadcasting. */
    public static final class Add extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorOps.zip(BinaryOp.ADD, in[0], in[1]); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad, grad}; }
    }

    /** a * b, broadcasting; d/da = b, d/db = a. */
    public static final class Mul extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return TensorOps.zip(BinaryOp.MUL, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            return new Tensor[] {TensorOps.zip(BinaryOp.MUL, grad, b), TensorOps.zip(BinaryOp.MUL, grad, a)};
        }
    }

    /** σ(x), stable for both signs; d/dx = σ(x)(1 - σ(x)). */
    public static final class Sigmoid extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorOps.map(UnaryOp.SIGMOID, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorOps.zip(BinaryOp.SIGMOID_BACK, ctx.saved(0), grad)};
        }
    }

    /** max(x, 0); d/dx = 1 where x > 0. */
    public static final class ReLU extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorOps.map(UnaryOp.RELU, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorOps.zip(BinaryOp.RELU_BACK, ctx.saved(0), grad)};
        }
    }

    /** ln x; d/dx = 1/x. */
    public static final class Log extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorOps.map(UnaryOp.LOG, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorOps.zip(BinaryOp.LOG_BACK, ctx.saved(0), grad)};
        }
    }

    /** e^x; d/dx = e^x, the saved output. */
    public static final class Exp extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            Tensor out = TensorOps.map(UnaryOp.EXP, in[0]);
            ctx.saveForBackward(out);
            return out;
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorOps.zip(BinaryOp.MUL, grad, ctx.saved(0))};
        }
    }

    /** Sum along one dimension, kept as size 1; the derivative is the output's, copied along that dimension. */
    public static final class Sum extends TensorFunction {
        private final int dim;

        public Sum(int dim) { this.dim = dim; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward((Object) in[0].shape());
            return TensorOps.reduce(ReduceOp.SUM, in[0], dim);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] shape = ctx.saved(0);
            return new Tensor[] {TensorOps.broadcastTo(grad, shape)};
        }
    }

    /** 1.0 where every element along {@code dim} is non-zero, else 0.0; not differentiable (zero derivative). */
    public static final class All extends TensorFunction {
        private final int dim;

        public All(int dim) { this.dim = dim; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward((Object) in[0].shape());
            Tensor zero = Tensor.full(in[0].backend(), in[0].dtype(), 0.0, 1);
            // is-zero flags, then "any zero" as their max, then its negation.
            Tensor anyZero = TensorOps.reduce(ReduceOp.MAX, TensorOps.zip(BinaryOp.EQ, in[0], zero), dim);
            return TensorOps.zip(BinaryOp.EQ, anyZero, zero);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {zerosLike(grad, ctx.saved(0))};
        }
    }

    /** a < b as 1.0/0.0, broadcasting; zero derivatives. */
    public static final class LT extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].shape(), in[1].shape());
            return TensorOps.zip(BinaryOp.LT, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return zeroDerivatives(ctx, grad); }
    }

    /** a == b as 1.0/0.0, broadcasting; zero derivatives. */
    public static final class EQ extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].shape(), in[1].shape());
            return TensorOps.zip(BinaryOp.EQ, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return zeroDerivatives(ctx, grad); }
    }

    /** |a - b| < 1e-2 as 1.0/0.0, broadcasting; zero derivatives. */
    public static final class IsClose extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].shape(), in[1].shape());
            return TensorOps.zip(BinaryOp.IS_CLOSE, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return zeroDerivatives(ctx, grad); }
    }

    /** Reorders dimensions without copying; the derivative is permuted back by the inverse order. */
    public static final class Permute extends TensorFunction {
        private final int[] order;

        public Permute(int... order) { this.order = order.clone(); }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            return Tensor.fromData(in[0].data().permute(order), in[0].backend());
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] inverse = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                inverse[order[i]] = i;
            }
            return new Tensor[] {Tensor.fromData(grad.data().permute(inverse), grad.backend())};
        }
    }

    /** The same contiguous storage under another shape; the derivative is viewed back. */
    public static final class View extends TensorFunction {
        private final int[] shape;

        public View(int... shape) { this.shape = shape.clone(); }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward((Object) in[0].shape());
            return Tensor.fromData(in[0].data().view(shape), in[0].backend());
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] original = ctx.saved(0);
            Tensor g = grad.data().isContiguous() ? grad : TensorOps.map(UnaryOp.ID, grad);
            return new Tensor[] {Tensor.fromData(g.data().view(original), g.backend())};
        }
    }

    /** A contiguous copy; the derivative passes through. */
    public static final class Copy extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorOps.map(UnaryOp.ID, in[0]); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad}; }
    }

    /**
     * Batched matrix product; d/dA = grad @ Bᵀ and d/dB = Aᵀ @ grad (summed over broadcast batch
     * dimensions by the engine).
     */
    public static final class MatMul extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return TensorOps.matmul(in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            return new Tensor[] {
                TensorOps.matmul(grad, TensorOps.transpose(b, b.dims() - 2, b.dims() - 1)),
                TensorOps.matmul(TensorOps.transpose(a, a.dims() - 2, a.dims() - 1), grad)
            };
        }
    }

    /** Moves a tensor to another backend; the derivative moves back. */
    public static final class ToBackend extends TensorFunction {
        private final Backend target;

        public ToBackend(Backend target) { this.target = target; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].backend());
            TensorData data = in[0].data();
            return Tensor.fromData(new TensorData(target.ops().adopt(data.storage()), data.shape(), data.strides()), target);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Backend source = ctx.saved(0);
            TensorData data = grad.data();
            return new Tensor[] {
                Tensor.fromData(new TensorData(source.ops().adopt(data.storage()), data.shape(), data.strides()), source)
            };
        }
    }

    /** Converts the element type; the derivative converts back (the engine does that for every input). */
    public static final class ToDType extends TensorFunction {
        private final DType target;

        public ToDType(DType target) { this.target = target; }

        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorOps.cast(in[0], target); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad}; }
    }

    private static Tensor[] zeroDerivatives(Context ctx, Tensor grad) {
        return new Tensor[] {zerosLike(grad, ctx.saved(0)), zerosLike(grad, ctx.saved(1))};
    }

    private static Tensor zerosLike(Tensor grad, int[] shape) {
        return TensorOps.zeros(grad.backend(), grad.dtype(), shape);
    }

}
