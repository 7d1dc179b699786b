package minitorch.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import minitorch.backend.Backend;
import minitorch.layout.Shapes;
import minitorch.layout.TensorData;
import minitorch.ops.AdamUpdate;
import minitorch.ops.BinaryOp;
import minitorch.ops.ComposedAdam;
import minitorch.ops.ComposedSgd;
import minitorch.ops.FusedAdam;
import minitorch.ops.FusedSgd;
import minitorch.ops.ReduceOp;
import minitorch.ops.TensorOps;
import minitorch.ops.UnaryOp;

/**
 * The raw kernels on tensors, without autograd: each computes its output's shape and dtype,
 * allocates the output on the inputs' backend, and lets the backend fill it. {@link TensorFunction}s
 * are written with these; results are constants (no history). Backends never allocate outputs
 * themselves, so this is the one place that decides shapes.
 */
public final class TensorBackend {
    private TensorBackend() {}

    /** A zeroed contiguous tensor allocated by {@code backend}. */
    public static Tensor zeros(Backend backend, DType dtype, int... shape) {
        int size = TensorData.checkedSize(shape, "zeros");
        return Tensor.fromData(TensorData.contiguous(backend.ops().allocate(dtype.elementType(), size), shape), backend);
    }

    /** {@code op} on every element; same shape and dtype. */
    public static Tensor map(UnaryOp op, Tensor a) {
        Tensor out = zeros(a.backend(), a.dtype(), a.shape());
        a.backend().ops().map(op, a.data(), out.data());
        return out;
    }

    /** A contiguous copy of {@code a} broadcast to {@code shape} (the original's id_map into a bigger tensor). */
    public static Tensor broadcastTo(Tensor a, int... shape) {
        Shapes.requireBroadcastsTo("broadcastTo", a.shape(), shape);
        Tensor out = zeros(a.backend(), a.dtype(), shape);
        a.backend().ops().map(UnaryOp.ID, a.data(), out.data());
        return out;
    }

    /** {@code op} elementwise on the broadcast of a and b; the narrower dtype is promoted first. */
    public static Tensor zip(BinaryOp op, Tensor a, Tensor b) {
        String operation = op.name().toLowerCase(java.util.Locale.ROOT);
        requireSameBackend(operation, a, b);
        DType dtype = DType.promote(a.dtype(), b.dtype());
        a = cast(a, dtype);
        b = cast(b, dtype);
        Tensor out = zeros(a.backend(), dtype, Shapes.broadcast(operation, a.shape(), b.shape()));
        a.backend().ops().zip(op, a.data(), b.data(), out.data());
        return out;
    }

    /** A Java function on every element (the backend's {@code mapFunction}); same shape and dtype. */
    public static Tensor mapFunction(DoubleUnaryOperator f, Tensor a) {
        Tensor out = zeros(a.backend(), a.dtype(), a.shape());
        a.backend().ops().mapFunction(f, a.data(), out.data());
        return out;
    }

    /** A Java function elementwise on the broadcast of a and b, as {@link #zip} does for a {@link BinaryOp}. */
    public static Tensor zipFunction(DoubleBinaryOperator f, Tensor a, Tensor b) {
        requireSameBackend("zip", a, b);
        DType dtype = DType.promote(a.dtype(), b.dtype());
        a = cast(a, dtype);
        b = cast(b, dtype);
        Tensor out = zeros(a.backend(), dtype, Shapes.broadcast("zip", a.shape(), b.shape()));
        a.backend().ops().zipFunction(f, a.data(), b.data(), out.data());
        return out;
    }

    /** A one-element tensor of {@code value} with a's backend and dtype, which zip broadcasts against anything. */
    static Tensor scalarLike(Tensor a, double value) {
        Tensor out = zeros(a.backend(), a.dtype(), 1);
        out.data().storage().set(0, value);
        return out;
    }

    /**
     * One Adam step in place on {@code param}, {@code m} and {@code v} (see {@link AdamUpdate}): by the
     * backend's fused kernel when it offers one ({@link FusedAdam}), else composed from its map and zip
     * ({@link ComposedAdam}). The gradient is cast to the parameter's dtype; all four must have one
     * shape and live on one backend, the moments must have the parameter's dtype, and the three written
     * in place must not be broadcast views.
     */
    public static void adam(Tensor param, Tensor grad, Tensor m, Tensor v, AdamUpdate update) {
        for (Tensor t : new Tensor[] {grad, m, v}) {
            requireSameBackend("adam", param, t);
            if (!Arrays.equals(t.shape(), param.shape())) {
                throw new IllegalArgumentException("adam: parameter " + Arrays.toString(param.shape())
                        + ", gradient " + Arrays.toString(grad.shape()) + " and moments " + Arrays.toString(m.shape())
                        + ", " + Arrays.toString(v.shape()) + " must have one shape");
            }
        }
        for (Tensor t : new Tensor[] {param, m, v}) {
            requireWritable("adam", t);
        }
        if (m.dtype() != param.dtype() || v.dtype() != param.dtype()) {
            throw new IllegalArgumentException("adam: moments (" + m.dtype() + ", " + v.dtype()
                    + ") must have the parameter's dtype, " + param.dtype());
        }
        TensorData g = cast(grad, param.dtype()).data();
        TensorOps ops = param.backend().ops();
        if (ops instanceof FusedAdam fused) {
            fused.adam(param.data(), g, m.data(), v.data(), update);
        } else {
            ComposedAdam.step(ops, param.data(), g, m.data(), v.data(), update);
        }
    }

    /**
     * One SGD step in place, {@code param ← param + (−lr)·grad} (the same two roundings as
     * {@code param.add(grad.mul(-lr))}): by the backend's fused pass when it offers one ({@link FusedSgd}), else
     * composed from its zip ({@link ComposedSgd}) through a tensor from {@code scratch} (asked for only then: the
     * parameter's shape and dtype, contiguous, on its backend; overwritten with the scaled gradient), so that a
     * caller that keeps it allocates nothing the size of the parameter per step. The gradient is cast to the
     * parameter's dtype; the parameter must not be a broadcast view.
     */
    public static void sgd(Tensor param, Tensor grad, double lr, Supplier<Tensor> scratch) {
        requireSameBackend("sgd", param, grad);
        if (!Arrays.equals(grad.shape(), param.shape())) {
            throw new IllegalArgumentException("sgd: parameter " + Arrays.toString(param.shape()) + " and gradient "
                    + Arrays.toString(grad.shape()) + " must have one shape");
        }
        requireWritable("sgd", param);
        TensorData g = cast(grad, param.dtype()).data();
        TensorOps ops = param.backend().ops();
        if (ops instanceof FusedSgd fused) {
            fused.sgd(param.data(), g, lr);
            return;
        }
        Tensor s = scratch.get();
        requireSameBackend("sgd", param, s);
        if (!Arrays.equals(s.shape(), param.shape()) || s.dtype() != param.dtype() || !s.data().isContiguous()) {
            throw new IllegalArgumentException("sgd: scratch must be contiguous, of the parameter's shape "
                    + Arrays.toString(param.shape()) + " and dtype " + param.dtype() + ", got "
                    + Arrays.toString(s.shape()) + " " + s.dtype());
        }
        ComposedSgd.step(ops, param.data(), g, lr, s.data());
    }

    /** Refuses to write in place into a broadcast view (a stride-0 dimension would take every update at once). */
    private static void requireWritable(String op, Tensor t) {
        for (int d = 0; d < t.dims(); d++) {
            if (t.data().stride(d) == 0 && t.shape(d) > 1) {
                throw new IllegalArgumentException(op + ": cannot update a broadcast view in place (shape "
                        + Arrays.toString(t.shape()) + ", strides " + Arrays.toString(t.data().strides()) + ")");
            }
        }
    }

    /** Folds {@code a} along {@code dim}, which stays as size 1. */
    public static Tensor reduce(ReduceOp op, Tensor a, int dim) {
        int[] shape = a.shape();
        shape[Shapes.checkDim(op.name().toLowerCase(java.util.Locale.ROOT), dim, shape)] = 1;
        Tensor out = zeros(a.backend(), a.dtype(), shape);
        a.backend().ops().reduce(op, a.data(), dim, out.data());
        return out;
    }

    /**
     * Matrix product of the last two dimensions, batch dimensions broadcast: (..., n, k) @ (..., k, m)
     * gives (broadcast batch, n, m). Two 2-D inputs give a 2-D result. The backend's kernel takes
     * same-rank inputs of at least 3 dimensions, so both are padded on the left with size-1 dimensions.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        requireSameBackend("matmul", a, b);
        int[] product = Shapes.matmulShape("matmul", a.shape(), b.shape());
        DType dtype = DType.promote(a.dtype(), b.dtype());
        a = cast(a, dtype);
        b = cast(b, dtype);
        int rank = Math.max(3, product.length);
        int[] outShape = new int[rank];
        Arrays.fill(outShape, 1);
        System.arraycopy(product, 0, outShape, rank - product.length, product.length);
        Tensor out = zeros(a.backend(), dtype, outShape);
        a.backend().ops().matmul(padLeft(a.data(), rank), padLeft(b.data(), rank), out.data());
        if (product.length < rank) {
            return Tensor.fromData(out.data().view(product), out.backend());
        }
        return out;
    }

    /** The same elements as {@code a} with dtype {@code dtype} ({@code a} itself if it already has it). */
    public static Tensor cast(Tensor a, DType dtype) {
        if (a.dtype() == dtype) {
            return a;
        }
        // Backends' kernels work within one dtype, so the conversion goes through the host, element by element.
        return Tensor.of(a.backend(), dtype, a.toDoubleArray(), a.shape()).detach();
    }

    /** A view of {@code a} with dimensions swapped. */
    public static Tensor transpose(Tensor a, int dim1, int dim2) {
        int[] order = new int[a.dims()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[dim1] = dim2;
        order[dim2] = dim1;
        return Tensor.fromData(a.data().permute(order), a.backend());
    }

    /** Left-pads a layout with size-1 dimensions up to {@code rank}; shares the storage. */
    static TensorData padLeft(TensorData data, int rank) {
        int pad = rank - data.dims();
        if (pad == 0) {
            return data;
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        Arrays.fill(shape, 1);
        System.arraycopy(data.shape(), 0, shape, pad, data.dims());
        System.arraycopy(data.strides(), 0, strides, pad, data.dims());
        return new TensorData(data.storage(), shape, strides);
    }

    static void requireSameBackend(String operation, Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(operation + ": tensors on different backends " + a.backend() + " and "
                    + b.backend() + "; move one with to(Backend)");
        }
    }
}
