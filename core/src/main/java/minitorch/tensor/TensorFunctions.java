package minitorch.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import minitorch.autodiff.Context;
import minitorch.backend.Backend;
import minitorch.layout.IndexingError;
import minitorch.layout.Shapes;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;

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
        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorBackend.map(UnaryOp.NEG, in[0]); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.map(UnaryOp.NEG, grad)};
        }
    }

    /** 1/x; d/dx = -1/x². */
    public static final class Inv extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.map(UnaryOp.INV, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.zip(BinaryOp.INV_BACK, ctx.saved(0), grad)};
        }
    }

    /** a + b, broadcasting. */
    public static final class Add extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorBackend.zip(BinaryOp.ADD, in[0], in[1]); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad, grad}; }
    }

    /** a * b, broadcasting; d/da = b, d/db = a. */
    public static final class Mul extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return TensorBackend.zip(BinaryOp.MUL, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            return new Tensor[] {TensorBackend.zip(BinaryOp.MUL, grad, b), TensorBackend.zip(BinaryOp.MUL, grad, a)};
        }
    }

    /** σ(x), stable for both signs; d/dx = σ(x)(1 - σ(x)). */
    public static final class Sigmoid extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.map(UnaryOp.SIGMOID, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.zip(BinaryOp.SIGMOID_BACK, ctx.saved(0), grad)};
        }
    }

    /** max(x, 0); d/dx = 1 where x > 0. */
    public static final class ReLU extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.map(UnaryOp.RELU, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.zip(BinaryOp.RELU_BACK, ctx.saved(0), grad)};
        }
    }

    /** ln x; d/dx = 1/x. */
    public static final class Log extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.map(UnaryOp.LOG, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.zip(BinaryOp.LOG_BACK, ctx.saved(0), grad)};
        }
    }

    /** e^x; d/dx = e^x, the saved output. */
    public static final class Exp extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            Tensor out = TensorBackend.map(UnaryOp.EXP, in[0]);
            ctx.saveForBackward(out);
            return out;
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.zip(BinaryOp.MUL, grad, ctx.saved(0))};
        }
    }

    /** √x; d/dx = 1/(2√x). */
    public static final class Sqrt extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.map(UnaryOp.SQRT, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {TensorBackend.zip(BinaryOp.SQRT_BACK, ctx.saved(0), grad)};
        }
    }

    /** x^p for a fixed exponent p; d/dx = p·x^(p-1) (and 0 for p = 0, also at x = 0). */
    public static final class Pow extends TensorFunction {
        private final double exponent;

        public Pow(double exponent) { this.exponent = exponent; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.zip(BinaryOp.POW, in[0], TensorBackend.scalarLike(in[0], exponent));
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0);
            if (exponent == 0) {
                return new Tensor[] {TensorBackend.zip(BinaryOp.MUL, grad, TensorBackend.scalarLike(grad, 0))};
            }
            Tensor slope = TensorBackend.zip(BinaryOp.MUL, TensorBackend.zip(BinaryOp.POW, x, TensorBackend.scalarLike(x, exponent - 1)),
                    TensorBackend.scalarLike(x, exponent));
            return new Tensor[] {TensorBackend.zip(BinaryOp.MUL, grad, slope)};
        }
    }

    /**
     * A user's Java function on every element (the original's {@code tensor_map(fn)}); differentiable
     * when its derivative {@code df} is given: d/dx = df(x).
     */
    public static final class MapFunction extends TensorFunction {
        private final DoubleUnaryOperator f;
        private final DoubleUnaryOperator df;

        public MapFunction(DoubleUnaryOperator f, DoubleUnaryOperator df) {
            this.f = java.util.Objects.requireNonNull(f, "map: function");
            this.df = df;
        }

        @Override public String name() { return "map"; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return TensorBackend.mapFunction(f, in[0]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            if (df == null) {
                throw new IllegalArgumentException("map: backward through a function given without its derivative;"
                        + " use map(f, df), or detach() the input");
            }
            return new Tensor[] {TensorBackend.zipFunction((x, g) -> df.applyAsDouble(x) * g, ctx.saved(0), grad)};
        }
    }

    /**
     * A user's Java function of two broadcast tensors; differentiable when both partial derivatives
     * are given: d/da = dfda(a, b), d/db = dfdb(a, b), each in the broadcast shape (the engine sums them back).
     */
    public static final class ZipFunction extends TensorFunction {
        private final DoubleBinaryOperator f;
        private final DoubleBinaryOperator dfda;
        private final DoubleBinaryOperator dfdb;

        public ZipFunction(DoubleBinaryOperator f, DoubleBinaryOperator dfda, DoubleBinaryOperator dfdb) {
            this.f = java.util.Objects.requireNonNull(f, "zip: function");
            if ((dfda == null) != (dfdb == null)) {
                throw new IllegalArgumentException("zip: give both partial derivatives or neither");
            }
            this.dfda = dfda;
            this.dfdb = dfdb;
        }

        @Override public String name() { return "zip"; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return TensorBackend.zipFunction(f, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            if (dfda == null) {
                throw new IllegalArgumentException("zip: backward through a function given without its derivatives;"
                        + " use zip(other, f, dfda, dfdb), or detach() the inputs");
            }
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            return new Tensor[] {
                TensorBackend.zip(BinaryOp.MUL, grad, TensorBackend.zipFunction(dfda, a, b)),
                TensorBackend.zip(BinaryOp.MUL, grad, TensorBackend.zipFunction(dfdb, a, b))
            };
        }
    }

    /** Sum along one dimension, kept as size 1; the derivative is the output's, copied along that dimension. */
    public static final class Sum extends TensorFunction {
        private final int dim;

        public Sum(int dim) { this.dim = dim; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward((Object) in[0].shape());
            return TensorBackend.reduce(ReduceOp.SUM, in[0], dim);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] shape = ctx.saved(0);
            return new Tensor[] {TensorBackend.broadcastTo(grad, shape)};
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
            Tensor anyZero = TensorBackend.reduce(ReduceOp.MAX, TensorBackend.zip(BinaryOp.EQ, in[0], zero), dim);
            return TensorBackend.zip(BinaryOp.EQ, anyZero, zero);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {zerosLike(grad, ctx.saved(0))};
        }
    }

    /** a < b as 1.0/0.0, broadcasting; zero derivatives. */
    public static final class LT extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].shape(), in[1].shape());
            return TensorBackend.zip(BinaryOp.LT, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return zeroDerivatives(ctx, grad); }
    }

    /** a == b as 1.0/0.0, broadcasting; zero derivatives. */
    public static final class EQ extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].shape(), in[1].shape());
            return TensorBackend.zip(BinaryOp.EQ, in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return zeroDerivatives(ctx, grad); }
    }

    /** |a - b| < 1e-2 as 1.0/0.0, broadcasting; zero derivatives. */
    public static final class IsClose extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0].shape(), in[1].shape());
            return TensorBackend.zip(BinaryOp.IS_CLOSE, in[0], in[1]);
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

    /**
     * A stride-0 view that repeats size-1 (or new leading) dimensions to {@code shape} without copying;
     * the derivative, in the expanded shape, is summed back by the engine as for any broadcast.
     */
    public static final class Expand extends TensorFunction {
        private final int[] shape;

        public Expand(int... shape) { this.shape = shape.clone(); }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            TensorData data = in[0].data();
            int[] own = data.shape();
            int lead = shape.length - own.length;
            int[] target = shape.clone();
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == -1 && d < lead) {
                    throw new IndexingError("expand: size -1 is not allowed for the new leading dimension " + d
                            + " in " + Arrays.toString(shape));
                }
                if (shape[d] == -1 && d >= lead) {
                    target[d] = own[d - lead]; // -1 keeps the tensor's own size
                }
            }
            int[] strides = Shapes.broadcastStrides("expand", own, data.strides(), target);
            return Tensor.fromData(new TensorData(data.storage(), target, strides), in[0].backend());
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad}; }
    }

    /** A view with a size-1 dimension inserted at {@code dim}; the derivative drops it again. */
    public static final class Unsqueeze extends TensorFunction {
        private final int dim;

        public Unsqueeze(int dim) { this.dim = dim; }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            TensorData data = in[0].data();
            if (dim < 0 || dim > data.dims()) {
                throw new IndexingError("unsqueeze: dim " + dim + " out of range for shape " + Arrays.toString(data.shape())
                        + " (0 to " + data.dims() + ")");
            }
            int[] shape = insert(data.shape(), dim, 1);
            // any stride is valid for a size-1 dimension; this one keeps row-major tensors row-major
            int stride = dim < data.dims() ? data.stride(dim) * data.shape(dim) : 1;
            return Tensor.fromData(new TensorData(data.storage(), shape, insert(data.strides(), dim, stride)), in[0].backend());
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            TensorData data = grad.data();
            return new Tensor[] {Tensor.fromData(new TensorData(data.storage(), remove(data.shape(), dim),
                    remove(data.strides(), dim)), grad.backend())};
        }
    }

    /**
     * The diagonal of two equal-sized dimensions as a view: dimension {@code second} is dropped and
     * {@code first} steps along both at once (stride sum). The derivative is written onto the diagonal
     * of zeros. Einsum uses it for a label repeated in one operand.
     */
    static final class Diagonal extends TensorFunction {
        private final int first;
        private final int second;

        Diagonal(int first, int second) {
            this.first = first;
            this.second = second;
        }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward((Object) in[0].shape());
            return Tensor.fromData(diagonalView(in[0].data(), first, second), in[0].backend());
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] shape = ctx.saved(0);
            Tensor out = TensorBackend.zeros(grad.backend(), grad.dtype(), shape);
            grad.backend().ops().map(UnaryOp.ID, grad.data(), diagonalView(out.data(), first, second));
            return new Tensor[] {out};
        }

        private static TensorData diagonalView(TensorData data, int first, int second) {
            if (first >= second || data.shape(first) != data.shape(second)) {
                throw new IndexingError("diagonal: dimensions " + first + " and " + second + " of shape "
                        + Arrays.toString(data.shape()) + " must differ, in order, and have one size");
            }
            int[] strides = data.strides();
            strides[first] += strides[second];
            return new TensorData(data.storage(), remove(data.shape(), second), remove(strides, second));
        }
    }

    private static int[] insert(int[] values, int at, int value) {
        int[] out = new int[values.length + 1];
        System.arraycopy(values, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(values, at, out, at + 1, values.length - at);
        return out;
    }

    private static int[] remove(int[] values, int at) {
        int[] out = new int[values.length - 1];
        System.arraycopy(values, 0, out, 0, at);
        System.arraycopy(values, at + 1, out, at, values.length - at - 1);
        return out;
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
            Tensor g = grad.data().isContiguous() ? grad : TensorBackend.map(UnaryOp.ID, grad);
            return new Tensor[] {Tensor.fromData(g.data().view(original), g.backend())};
        }
    }

    /** A contiguous copy; the derivative passes through. */
    public static final class Copy extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorBackend.map(UnaryOp.ID, in[0]); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad}; }
    }

    /**
     * Batched matrix product; d/dA = grad @ Bᵀ and d/dB = Aᵀ @ grad (summed over broadcast batch
     * dimensions by the engine).
     */
    public static final class MatMul extends TensorFunction {
        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return TensorBackend.matmul(in[0], in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            return new Tensor[] {
                TensorBackend.matmul(grad, TensorBackend.transpose(b, b.dims() - 2, b.dims() - 1)),
                TensorBackend.matmul(TensorBackend.transpose(a, a.dims() - 2, a.dims() - 1), grad)
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

        @Override protected Tensor forward(Context ctx, Tensor... in) { return TensorBackend.cast(in[0], target); }

        @Override protected Tensor[] backward(Context ctx, Tensor grad) { return new Tensor[] {grad}; }
    }

    private static Tensor[] zeroDerivatives(Context ctx, Tensor grad) {
        return new Tensor[] {zerosLike(grad, ctx.saved(0)), zerosLike(grad, ctx.saved(1))};
    }

    private static Tensor zerosLike(Tensor grad, int[] shape) {
        return TensorBackend.zeros(grad.backend(), grad.dtype(), shape);
    }

}
