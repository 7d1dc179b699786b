package minitorch.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import minitorch.autodiff.Autodiff;
import minitorch.autodiff.Context;
import minitorch.autodiff.Variable;
import minitorch.backend.Backend;
import minitorch.layout.IndexingError;
import minitorch.layout.Shapes;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;
import minitorch.tensor.TensorFunctions.Add;
import minitorch.tensor.TensorFunctions.All;
import minitorch.tensor.TensorFunctions.Copy;
import minitorch.tensor.TensorFunctions.EQ;
import minitorch.tensor.TensorFunctions.Exp;
import minitorch.tensor.TensorFunctions.Expand;
import minitorch.tensor.TensorFunctions.Inv;
import minitorch.tensor.TensorFunctions.IsClose;
import minitorch.tensor.TensorFunctions.LT;
import minitorch.tensor.TensorFunctions.Log;
import minitorch.tensor.TensorFunctions.MapFunction;
import minitorch.tensor.TensorFunctions.MatMul;
import minitorch.tensor.TensorFunctions.Mul;
import minitorch.tensor.TensorFunctions.Neg;
import minitorch.tensor.TensorFunctions.Permute;
import minitorch.tensor.TensorFunctions.Pow;
import minitorch.tensor.TensorFunctions.ReLU;
import minitorch.tensor.TensorFunctions.Sigmoid;
import minitorch.tensor.TensorFunctions.Sqrt;
import minitorch.tensor.TensorFunctions.Sum;
import minitorch.tensor.TensorFunctions.ToBackend;
import minitorch.tensor.TensorFunctions.ToDType;
import minitorch.tensor.TensorFunctions.Unsqueeze;
import minitorch.tensor.TensorFunctions.View;
import minitorch.tensor.TensorFunctions.ZipFunction;

/**
 * A multidimensional array with automatic differentiation (Module 2): strided {@link TensorData}
 * on a {@link Backend}, plus the history of the {@link TensorFunction} that produced it.
 *
 * <p>Every operation returns a new tensor and never changes its inputs; views ({@link #permute},
 * {@link #view}, {@link #detach}) share storage. As in Torch, a tensor created by the user is a leaf
 * that collects a gradient only if {@link #requiresGrad(boolean) requiresGrad(true)} was set; a result
 * requires a gradient when any input does (unless a {@link #noGrad()} block is open), and
 * {@link #backward()} fills {@link #grad()} of every leaf that requires one.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
 * Tensor y = x.mul(x).sum();          // shape [1]
 * y.backward();
 * x.grad();                           // 2x
 * }</pre>
 */
public final class Tensor implements Variable<Tensor> {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static volatile Backend defaultBackend = Backend.SIMPLE;
    private static volatile DType defaultDType = DType.FLOAT64;
    private static final Random LIBRARY_RANDOM = new Random();

    /** How a non-leaf was made: the function, what its forward saved, and its inputs. */
    private record History(TensorFunction function, Context context, List<Tensor> inputs) {}

    private final long id = NEXT_ID.incrementAndGet();
    private final TensorData data;
    private final Backend backend;
    private final History history;
    private boolean requiresGrad;
    private Tensor grad;

    private Tensor(TensorData data, Backend backend, History history) {
        this.data = Objects.requireNonNull(data, "data");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.history = history;
        this.requiresGrad = history != null;
    }

    // ---- defaults and the library's random numbers ------------------------------------------------

    /** The backend of factories that name none; {@link Backend#SIMPLE} unless changed. */
    public static Backend defaultBackend() { return defaultBackend; }

    public static void setDefaultBackend(Backend backend) { defaultBackend = Objects.requireNonNull(backend); }

    /** The dtype of factories that name none; {@link DType#FLOAT64} unless changed. */
    public static DType defaultDType() { return defaultDType; }

    public static void setDefaultDType(DType dtype) { defaultDType = Objects.requireNonNull(dtype); }

    /** Seeds the generator behind {@link #rand(int...)}, so runs repeat. */
    public static void manualSeed(long seed) {
        synchronized (LIBRARY_RANDOM) {
            LIBRARY_RANDOM.setSeed(seed);
        }
    }

    /** Opens a block in which no history is recorded on this thread; close it (try-with-resources) to end it. */
    public static NoGrad noGrad() { return new NoGrad(); }

    /** False inside a {@link #noGrad()} block on this thread. */
    public static boolean isGradEnabled() { return NoGrad.gradEnabled(); }

    // ---- factories ---------------------------------------------------------------------------------

    /** A tensor of {@code shape} holding {@code data} in row-major order, on the default backend and dtype. */
    public static Tensor of(double[] data, int... shape) { return of(defaultBackend, defaultDType, data, shape); }

    /** A 1-D tensor. */
    public static Tensor of(double... data) { return of(data, data.length); }

    /**
     * A tensor of {@code shape} holding {@code data} in row-major order on {@code backend} with {@code dtype}.
     *
     * @throws IndexingError if the number of values does not match the shape
     */
    public static Tensor of(Backend backend, DType dtype, double[] data, int... shape) {
        int size = TensorData.checkedSize(shape, "of");
        if (data.length != size) {
            throw new IndexingError("of: " + data.length + " values do not fill shape " + Arrays.toString(shape)
                    + " (" + size + " elements)");
        }
        Storage host = dtype.allocateHost(size);
        for (int i = 0; i < size; i++) {
            host.set(i, data[i]);
        }
        return new Tensor(TensorData.contiguous(backend.ops().adopt(host), shape), backend, null);
    }

    public static Tensor zeros(int... shape) { return zeros(defaultBackend, defaultDType, shape); }

    public static Tensor zeros(Backend backend, DType dtype, int... shape) {
        return TensorBackend.zeros(backend, dtype, shape);
    }

    public static Tensor ones(int... shape) { return ones(defaultBackend, defaultDType, shape); }

    public static Tensor ones(Backend backend, DType dtype, int... shape) { return full(backend, dtype, 1.0, shape); }

    /** A tensor of {@code shape} with every element {@code value}. */
    public static Tensor full(Backend backend, DType dtype, double value, int... shape) {
        double[] values = new double[TensorData.checkedSize(shape, "full")];
        Arrays.fill(values, value);
        return of(backend, dtype, values, shape);
    }

    /** Uniform values in [0, 1) from the library's generator (see {@link #manualSeed}). */
    public static Tensor rand(int... shape) {
        synchronized (LIBRARY_RANDOM) {
            return rand(LIBRARY_RANDOM, defaultBackend, defaultDType, shape);
        }
    }

    /** Uniform values in [0, 1) from {@code random} (e.g. a {@link Random}), drawn in row-major order. */
    public static Tensor rand(RandomGenerator random, int... shape) {
        return rand(random, defaultBackend, defaultDType, shape);
    }

    /** Uniform values in [0, 1) from {@code random}, drawn in row-major order, on {@code backend} with {@code dtype}. */
    public static Tensor rand(RandomGenerator random, Backend backend, DType dtype, int... shape) {
        double[] values = new double[TensorData.checkedSize(shape, "rand")];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return of(backend, dtype, values, shape);
    }

    /** Standard normal values (mean 0, variance 1) from the library's generator (see {@link #manualSeed}). */
    public static Tensor randn(int... shape) {
        synchronized (LIBRARY_RANDOM) {
            return randn(LIBRARY_RANDOM, defaultBackend, defaultDType, shape);
        }
    }

    /** Standard normal values from {@code random} ({@link RandomGenerator#nextGaussian()}), drawn in row-major order. */
    public static Tensor randn(RandomGenerator random, int... shape) {
        return randn(random, defaultBackend, defaultDType, shape);
    }

    /** Standard normal values from {@code random}, drawn in row-major order, on {@code backend} with {@code dtype}. */
    public static Tensor randn(RandomGenerator random, Backend backend, DType dtype, int... shape) {
        double[] values = new double[TensorData.checkedSize(shape, "randn")];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return of(backend, dtype, values, shape);
    }

    /** Wraps kernel output (or a view) as a tensor without history; used by functions and nn code. */
    public static Tensor fromData(TensorData data, Backend backend) { return new Tensor(data, backend, null); }

    static Tensor withHistory(Tensor out, TensorFunction function, Context ctx, Tensor[] inputs) {
        return new Tensor(out.data, out.backend, new History(function, ctx, List.of(inputs)));
    }

    // ---- properties ---------------------------------------------------------------------------------

    /** The strided layout and storage; kernels and nn functions compute on it. */
    public TensorData data() { return data; }

    public int[] shape() { return data.shape(); }

    public int shape(int dim) { return data.shape(dim); }

    public int dims() { return data.dims(); }

    public int size() { return data.size(); }

    public Backend backend() { return backend; }

    /** The name of the function that produced this tensor ("Mul", "Sum"), or null for a leaf: a graph's label. */
    public String functionName() { return history == null ? null : history.function().name(); }

    public DType dtype() { return DType.of(data.elementType()); }

    /** The only element of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IndexingError("item: tensor of shape " + Arrays.toString(shape()) + " has " + size()
                    + " elements, not 1");
        }
        return data.storage().get(data.position(new int[dims()]));
    }

    /** The element at {@code index}. */
    public double get(int... index) { return data.get(index); }

    /** Every element in row-major order of the shape, as float64 on the host. */
    public double[] toDoubleArray() { return hostData().toDoubleArray(); }

    /** The original's {@code to_string} layout, e.g. {@code "\n[\n\t[1.00 2.00]\n\t[3.00 4.00]]"}. */
    @Override
    public String toString() { return hostData().toString(); }

    private TensorData hostData() {
        Storage storage = data.storage();
        return storage.isHost() ? data
                : new TensorData(Backend.SIMPLE.ops().adopt(storage), data.shape(), data.strides());
    }

    // ---- arithmetic (derived ops are built from the primitives, micrograd style) ---------------------

    public Tensor add(Tensor b) { return new Add().apply(this, b); }

    public Tensor add(double b) { return add(constant(b)); }

    public Tensor sub(Tensor b) { return add(b.neg()); }

    public Tensor sub(double b) { return add(-b); }

    public Tensor mul(Tensor b) { return new Mul().apply(this, b); }

    public Tensor mul(double b) { return mul(constant(b)); }

    public Tensor div(Tensor b) { return mul(b.inv()); }

    public Tensor div(double b) { return mul(1.0 / b); }

    public Tensor neg() { return new Neg().apply(this); }

    public Tensor inv() { return new Inv().apply(this); }

    public Tensor log() { return new Log().apply(this); }

    public Tensor exp() { return new Exp().apply(this); }

    public Tensor sigmoid() { return new Sigmoid().apply(this); }

    public Tensor relu() { return new ReLU().apply(this); }

    /** The square root of every element (NaN below 0). */
    public Tensor sqrt() { return new Sqrt().apply(this); }

    /** Every element raised to {@code exponent}. */
    public Tensor pow(double exponent) { return new Pow(exponent).apply(this); }

    // ---- user functions (the original's tensor_map / tensor_zip with any function) -------------------

    /** {@code f} on every element, not differentiable (backward through it fails; see {@link #map(DoubleUnaryOperator, DoubleUnaryOperator)}). */
    public Tensor map(DoubleUnaryOperator f) { return new MapFunction(f, null).apply(this); }

    /** {@code f} on every element, differentiable with derivative {@code df}: {@code x.map(Math::sin, Math::cos)}. */
    public Tensor map(DoubleUnaryOperator f, DoubleUnaryOperator df) { return new MapFunction(f, df).apply(this); }

    /** {@code f(a, b)} elementwise on the broadcast of this and {@code other}, not differentiable. */
    public Tensor zip(Tensor other, DoubleBinaryOperator f) { return new ZipFunction(f, null, null).apply(this, other); }

    /**
     * {@code f(a, b)} elementwise on the broadcast of this and {@code other}, differentiable with the partial
     * derivatives {@code dfda(a, b)} and {@code dfdb(a, b)}.
     */
    public Tensor zip(Tensor other, DoubleBinaryOperator f, DoubleBinaryOperator dfda, DoubleBinaryOperator dfdb) {
        return new ZipFunction(f, dfda, dfdb).apply(this, other);
    }

    // ---- comparisons: 1.0 / 0.0, broadcasting, no gradient -------------------------------------------

    public Tensor lt(Tensor b) { return new LT().apply(this, b); }

    public Tensor lt(double b) { return lt(constant(b)); }

    public Tensor gt(Tensor b) { return b.lt(this); }

    public Tensor gt(double b) { return constant(b).lt(this); }

    public Tensor eq(Tensor b) { return new EQ().apply(this, b); }

    public Tensor eq(double b) { return eq(constant(b)); }

    /** 1.0 where |a - b| < 1e-2. */
    public Tensor isClose(Tensor b) { return new IsClose().apply(this, b); }

    // ---- reductions: the reduced dimension stays, with size 1 ---------------------------------------

    /** The sum of every element, shape [1]. */
    public Tensor sum() { return flatten().sum(0); }

    public Tensor sum(int dim) { return new Sum(checkDim("sum", dim)).apply(this); }

    /** The mean of every element, shape [1]. */
    public Tensor mean() { return sum().div(size()); }

    public Tensor mean(int dim) {
        int d = checkDim("mean", dim);
        return sum(d).div(shape(d));
    }

    /** 1.0 if every element is non-zero, shape [1]. */
    public Tensor all() { return flatten().all(0); }

    /** 1.0 where every element along {@code dim} is non-zero. */
    public Tensor all(int dim) { return new All(checkDim("all", dim)).apply(this); }

    // ---- views and layout --------------------------------------------------------------------------

    /** The same storage with dimensions reordered: new dimension i is old dimension order[i]. */
    public Tensor permute(int... order) { return new Permute(order).apply(this); }

    /** The same storage under another shape; needs a contiguous tensor (call {@link #contiguous()} first). */
    public Tensor view(int... shape) { return new View(shape).apply(this); }

    /**
     * A view repeating size-1 dimensions (and adding leading ones) to {@code shape} without copying: the
     * repeated dimensions get stride 0. {@code -1} keeps a dimension's size. As Torch's {@code expand}.
     */
    public Tensor expand(int... shape) { return new Expand(shape).apply(this); }

    /** A view with a new size-1 dimension at {@code dim} (0 to dims()): (3) unsqueezed at 1 is (3, 1). */
    public Tensor unsqueeze(int dim) { return new Unsqueeze(dim).apply(this); }

    /** This tensor if its layout is row-major, else a row-major copy. */
    public Tensor contiguous() { return data.isContiguous() ? this : new Copy().apply(this); }

    /**
     * Matrix product over the last two dimensions, batch dimensions broadcast: (n, k) @ (k, m) gives
     * (n, m); (D, n, k) @ (1, k, m) gives (D, n, m).
     */
    public Tensor matmul(Tensor b) { return new MatMul().apply(this, b); }

    /**
     * Einstein summation over explicit labels, e.g. {@code einsum("ik,kj->ij", a, b)} (matmul),
     * {@code "bik,bkj->bij"} (batched), {@code "ii->i"} (diagonal), {@code "i,i->"} (dot, shape [1]),
     * {@code "bij->bi"} (sum). A label repeated in one operand takes the diagonal; labels missing from the
     * output are summed; contractions run on the backend's matmul. Differentiable.
     *
     * @throws IndexingError naming the equation and the operand for an unknown output label, a wrong
     *     number of operands or dimensions, or a label with two sizes
     */
    public static Tensor einsum(String equation, Tensor... operands) { return Einsum.einsum(equation, operands); }

    /** This tensor on {@code backend} (itself if already there); gradients flow back. */
    public Tensor to(Backend target) { return target == backend ? this : new ToBackend(target).apply(this); }

    /** This tensor with element type {@code dtype} (itself if already so); gradients flow back. */
    public Tensor to(DType target) { return target == dtype() ? this : new ToDType(target).apply(this); }

    private Tensor flatten() { return contiguous().view(size()); }

    private Tensor constant(double value) { return full(backend, dtype(), value, 1); }

    private int checkDim(String operation, int dim) { return Shapes.checkDim(operation, dim, shape()); }

    // ---- autograd ----------------------------------------------------------------------------------

    /**
     * Marks a leaf as collecting (or not) a gradient, like Torch's {@code requires_grad_}; returns this.
     *
     * @throws IllegalArgumentException when switching off a result of a function (use {@link #detach()})
     */
    public Tensor requiresGrad(boolean value) {
        if (history != null && !value) {
            throw new IllegalArgumentException("requiresGrad(false): tensor of shape " + Arrays.toString(shape())
                    + " is the result of " + history.function().name() + "; use detach() instead");
        }
        requiresGrad = value;
        return this;
    }

    /** True for a leaf marked with requiresGrad(true) and for every result computed from one. */
    public boolean requiresGrad() { return requiresGrad; }

    /** The accumulated gradient of a leaf; null until a backward pass reaches it. */
    public Tensor grad() { return grad; }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() { grad = null; }

    /** The same data with no history and no gradient requirement. */
    public Tensor detach() { return new Tensor(data, backend, null); }

    /** Backpropagates from a one-element tensor, as if its derivative were 1. */
    public void backward() {
        if (size() != 1) {
            throw new IllegalArgumentException("backward: tensor of shape " + Arrays.toString(shape())
                    + " is not a single element; pass the output's gradient with backward(gradOut)");
        }
        backward(ones(backend, dtype(), shape()));
    }

    /** Backpropagates {@code gradOut}, the derivative of some final value with respect to this tensor. */
    public void backward(Tensor gradOut) {
        if (!requiresGrad) {
            throw new IllegalArgumentException("backward: tensor of shape " + Arrays.toString(shape())
                    + " does not require grad (no input was created with requiresGrad(true))");
        }
        if (!Arrays.equals(gradOut.shape(), shape())) {
            throw new IndexingError("backward: gradOut shape " + Arrays.toString(gradOut.shape())
                    + " does not match tensor shape " + Arrays.toString(shape()));
        }
        try (NoGrad g = noGrad()) {
            // a copy: a leaf keeps the first derivative it gets, which must not be the caller's tensor
            Tensor start = TensorBackend.cast(gradOut.detach().to(backend), dtype());
            Autodiff.backpropagate(this, start.data.storage() == gradOut.data.storage() ? TensorBackend.map(UnaryOp.ID, start) : start);
        }
    }

    @Override public long uniqueId() { return id; }

    @Override public boolean isLeaf() { return history == null; }

    @Override public boolean isConstant() { return history == null && !requiresGrad; }

    @Override public List<Tensor> parents() { return history == null ? List.of() : history.inputs(); }

    /**
     * Runs the producing function's backward and pairs each input that needs a gradient with its
     * derivative, summed back over broadcast dimensions to the input's shape and converted to its dtype
     * (the original's {@code expand}).
     */
    @Override
    public List<Derivative<Tensor>> chainRule(Tensor dOutput) {
        if (history == null) {
            throw new IllegalStateException("chainRule: tensor " + id + " has no history");
        }
        List<Tensor> inputs = history.inputs();
        Tensor[] grads = history.function().runBackward(history.context(), dOutput, inputs.size());
        List<Derivative<Tensor>> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor input = inputs.get(i);
            if (input.isConstant() || grads[i] == null) {
                continue;
            }
            result.add(new Derivative<>(input, input.reduceToOwnShape(grads[i], history.function())));
        }
        return result;
    }

    /** Sums a derivative of a broadcast shape back to this tensor's shape (and dtype). */
    private Tensor reduceToOwnShape(Tensor d, TensorFunction function) {
        int[] own = shape();
        int[] shape = d.shape();
        if (!Arrays.equals(shape, own)) {
            int[] target;
            try {
                target = TensorData.shapeBroadcast(own, shape);
            } catch (IndexingError e) {
                throw new IllegalStateException(function.name() + ".backward gave a derivative of shape "
                        + Arrays.toString(shape) + " for an input of shape " + Arrays.toString(own), e);
            }
            if (!Arrays.equals(target, shape)) {
                d = TensorBackend.broadcastTo(d, target);
            }
            int offset = target.length - own.length;
            for (int i = 0; i < target.length; i++) {
                boolean broadcast = i < offset ? target[i] != 1 : own[i - offset] == 1 && target[i] != 1;
                if (broadcast) {
                    d = TensorBackend.reduce(ReduceOp.SUM, d, i);
                }
            }
            if (!d.data.isContiguous()) {
                d = TensorBackend.map(UnaryOp.ID, d);
            }
            d = fromData(d.data.view(own), d.backend);
        }
        return TensorBackend.cast(d, dtype());
    }

    @Override
    public void accumulateDerivative(Tensor d) {
        if (!isLeaf()) {
            throw new IllegalStateException("accumulateDerivative: only leaves collect gradients");
        }
        // The first derivative is kept as it is when contiguous (a strided view is copied, so a gradient is
        // always contiguous). It may be shared (Add passes one gradient to both inputs), which is safe because
        // nothing writes into a gradient: accumulating makes a new tensor, optimizers only read it, and
        // backward(gradOut) starts from a copy of the caller's tensor. Copying it anyway cost a weight-sized
        // allocation and pass per step (a tenth of a split/H=500 epoch, docs/performance-log.md).
        grad = grad == null ? (d.data.isContiguous() ? d : TensorBackend.map(UnaryOp.ID, d))
                : TensorBackend.zip(BinaryOp.ADD, grad, d);
    }

    @Override
    public Tensor addDerivatives(Tensor a, Tensor b) { return TensorBackend.zip(BinaryOp.ADD, a, b); }
}
