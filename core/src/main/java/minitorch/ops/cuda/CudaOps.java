package minitorch.ops.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import minitorch.layout.DoubleStorage;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.Shapes;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.SimpleOps;
import minitorch.ops.TensorOps;
import minitorch.ops.UnaryOp;

/**
 * The GPU backend: tensors live in device memory ({@link CudaStorage}) and every op is a CUDA kernel
 * generated for its op, dtype and dimension count ({@link CudaCodegen}), compiled once and cached.
 * Before a launch the host broadcasts (stride 0) and coalesces the views ({@link Layout}); shapes
 * and strides travel by value in the launch parameters, so an op costs one launch and no copies.
 *
 * <p>All work goes to the legacy default stream, which orders every launch and copy: a block the
 * caching allocator hands out again is only written after earlier kernels that used it finished.
 * Inputs on the host are uploaded for the call (slow, but correct); convolutions run on the host
 * (see {@link #conv1d}).
 */
public final class CudaOps implements TensorOps {
    private static volatile CudaOps instance;

    private final CudaRuntime runtime;
    private final Map<String, KernelModule> modules = new ConcurrentHashMap<>();

    CudaOps(CudaRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The backend on this machine's GPU; throws {@link CudaUnavailableException} with the reason
     * (no driver, no GPU, no compiler) when it cannot run here.
     */
    public static CudaOps instance() {
        CudaOps result = instance;
        if (result == null) {
            synchronized (CudaOps.class) {
                if (instance == null) {
                    instance = new CudaOps(CudaRuntime.get());
                }
                result = instance;
            }
        }
        return result;
    }

    /** Empty when CUDA can run here; otherwise why not (for skipping GPU tests with a visible reason). */
    public static Optional<String> unavailableReason() {
        try {
            CudaRuntime.get();
            return Optional.empty();
        } catch (CudaException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Device, compute capability, driver and compiler, in one line. */
    public String describe() { return runtime.describe(); }

    /** Waits for every launched kernel (copies to the host already do). */
    public void synchronize() { runtime.synchronize(); }

    /** Returns cached device blocks to the driver (they are otherwise kept for reuse). */
    public void emptyCache() { runtime.allocator.emptyCache(); }

    CudaRuntime runtime() { return runtime; }

    @Override public String name() { return "cuda"; }

    @Override
    public Storage allocate(ElementType dtype, int size) {
        return CudaStorage.zeros(runtime, dtype, size);
    }

    @Override
    public Storage adopt(Storage source) {
        return source instanceof CudaStorage ? source : CudaStorage.copyOf(runtime, source);
    }

    // ---- elementwise --------------------------------------------------------------------------------

    @Override
    public void map(UnaryOp op, TensorData in, TensorData out) {
        int[] shape = out.shape();
        int[] inStrides = Shapes.broadcastStrides("map", in, shape); // checked even when there is nothing to do
        if (out.size() == 0) {
            return;
        }
        Layout layout = Layout.coalesce(shape, out.strides(), inStrides);
        ElementType dtype = out.elementType();
        KernelModule module = module(CudaCodegen.mapModule(op, dtype), () -> CudaCodegen.map(op, dtype));
        try (Operands operands = new Operands()) {
            long o = operands.output(out), a = operands.input(in, dtype);
            launchElementwise(module, layout, o, a);
        }
    }

    @Override
    public void zip(BinaryOp op, TensorData a, TensorData b, TensorData out) {
        int[] shape = out.shape();
        int[] aStrides = Shapes.broadcastStrides("zip", a, shape), bStrides = Shapes.broadcastStrides("zip", b, shape);
        if (out.size() == 0) {
            return;
        }
        Layout layout = Layout.coalesce(shape, out.strides(), aStrides, bStrides);
        ElementType dtype = out.elementType();
        KernelModule module = module(CudaCodegen.zipModule(op, dtype), () -> CudaCodegen.zip(op, dtype));
        try (Operands operands = new Operands()) {
            long o = operands.output(out), pa = operands.input(a, dtype), pb = operands.input(b, dtype);
            launchElementwise(module, layout, o, pa, pb);
        }
    }

    /** The flat kernel when every operand is contiguous and unbroadcast, else the indexed variant. */
    private void launchElementwise(KernelModule module, Layout layout, long... pointers) {
        int size = layout.size();
        List<Object> args = new ArrayList<>();
        for (long p : pointers) {
            args.add(p);
        }
        args.add(size);
        String kernel;
        if (layout.isFlat()) {
            kernel = module.name() + "_flat";
        } else {
            kernel = module.name() + "_" + CudaCodegen.indexedVariant(layout.dims());
            addLayout(args, layout);
        }
        runtime.launch(module, kernel, LaunchGeometry.elementwise(size), args.toArray());
    }

    /** {@code [nd,] shape, strides...} as the indexed kernels take them (structs of ints, padded for ndany). */
    private static void addLayout(List<Object> args, Layout layout) {
        int n = CudaCodegen.structDims(layout.dims());
        if (layout.dims() > CudaCodegen.SPECIALISED_DIMS) {
            args.add(layout.dims());
        }
        args.add(Arrays.copyOf(layout.shape(), n));
        for (int[] strides : layout.strides()) {
            args.add(Arrays.copyOf(strides, n));
        }
    }

    // ---- reduce -------------------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, TensorData in, int dim, TensorData out) {
        Shapes.checkReduce("reduce", in.shape(), dim, out.shape());
        int outputs = out.size();
        if (outputs == 0) {
            return;
        }
        int len = in.shape(dim), stride = in.stride(dim);
        Layout layout = Layout.coalesce(remove(in.shape(), dim), remove(out.strides(), dim), remove(in.strides(), dim));
        ElementType dtype = out.elementType();
        KernelModule module = module(CudaCodegen.reduceModule(op, dtype), () -> CudaCodegen.reduce(op, dtype));
        boolean perBlock = LaunchGeometry.blockPerOutput(outputs, len, stride);
        String kernel = module.name() + (perBlock ? "_block_" : "_thread_") + CudaCodegen.indexedVariant(layout.dims());
        try (Operands operands = new Operands()) {
            List<Object> args = new ArrayList<>();
            args.add(operands.output(out));
            args.add(operands.input(in, dtype));
            args.add(outputs);
            addLayout(args, layout);
            args.add(len);
            args.add(stride);
            args.add(dtype == ElementType.FLOAT32 ? (Object) (float) op.start : (Object) op.start);
            runtime.launch(module, kernel, LaunchGeometry.reduce(outputs, len, stride), args.toArray());
        }
    }

    private static int[] remove(int[] values, int index) {
        int[] out = new int[values.length - 1];
        System.arraycopy(values, 0, out, 0, index);
        System.arraycopy(values, index + 1, out, index, values.length - index - 1);
        return out;
    }

    // ---- matmul -------------------------------------------------------------------------------------

    @Override
    public void matmul(TensorData a, TensorData b, TensorData out) {
        Shapes.checkMatmul("matmul", a.shape(), b.shape(), out.shape());
        int nd = out.dims();
        int n = a.shape(nd - 2), k = a.shape(nd - 1), m = b.shape(nd - 1);
        if (out.size() == 0) {
            return;
        }
        int[] batchShape = Arrays.copyOf(out.shape(), nd - 2);
        Layout batch = Layout.coalesce(batchShape,
                Shapes.broadcastStrides("matmul", Arrays.copyOf(a.shape(), nd - 2), Arrays.copyOf(a.strides(), nd - 2), batchShape),
                Shapes.broadcastStrides("matmul", Arrays.copyOf(b.shape(), nd - 2), Arrays.copyOf(b.strides(), nd - 2), batchShape),
                Arrays.copyOf(out.strides(), nd - 2));
        ElementType dtype = out.elementType();
        KernelModule module = module(CudaCodegen.matmulModule(dtype), () -> CudaCodegen.matmul(dtype));
        try (Operands operands = new Operands()) {
            long po = operands.output(out), pa = operands.input(a, dtype), pb = operands.input(b, dtype);
            runtime.launch(module, module.name(), LaunchGeometry.matmul(n, m, batch.size()), po, pa, pb, n, m, k,
                    a.stride(nd - 2), a.stride(nd - 1), b.stride(nd - 2), b.stride(nd - 1),
                    out.stride(nd - 2), out.stride(nd - 1), batch.size(), batchStruct(batch));
        }
    }

    /** {@code struct Batch { int nd; int shape[30]; int a[30]; int b[30]; int out[30]; }} as ints. */
    static int[] batchStruct(Layout batch) {
        int max = CudaCodegen.MM_BATCH_DIMS;
        if (batch.dims() > max) {
            throw new IllegalArgumentException("cuda matmul: more than " + max + " batch dimensions");
        }
        int[] struct = new int[1 + 4 * max];
        struct[0] = batch.dims();
        System.arraycopy(batch.shape(), 0, struct, 1, batch.dims());
        for (int o = 0; o < 3; o++) {
            System.arraycopy(batch.strides()[o], 0, struct, 1 + (o + 1) * max, batch.dims());
        }
        return struct;
    }

    // ---- convolution ----------------------------------------------------------------------------------

    /**
     * Correct but not fast: copies input and weight to the host, runs the reference loops, and copies
     * the result back into {@code out}. (There are no CUDA convolution kernels yet.)
     */
    @Override
    public void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        TensorData result = TensorData.zeros(out.elementType(), out.shape());
        SimpleOps.INSTANCE.conv1d(onHost(input), onHost(weight), result, reverse);
        copyInto(result, out);
    }

    /** As {@link #conv1d}: a host round trip through the reference loops. */
    @Override
    public void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        TensorData result = TensorData.zeros(out.elementType(), out.shape());
        SimpleOps.INSTANCE.conv2d(onHost(input), onHost(weight), result, reverse);
        copyInto(result, out);
    }

    private static TensorData onHost(TensorData t) {
        Storage host = t.storage() instanceof CudaStorage device ? device.toHost() : t.storage();
        return new TensorData(host, t.shape(), t.strides());
    }

    /** Writes a contiguous host result into {@code out}'s view (any strides) with the identity map kernel. */
    private void copyInto(TensorData contiguousHost, TensorData out) {
        try (CudaStorage staged = CudaStorage.copyOf(runtime, contiguousHost.storage())) {
            map(UnaryOp.ID, TensorData.contiguous(staged, out.shape()), out);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    KernelModule module(String name, Supplier<KernelModule> generate) {
        return modules.computeIfAbsent(name, n -> generate.get());
    }

    /**
     * Device pointers for a launch. Device storages of the right dtype are used in place; anything
     * else (host storage, another dtype) is staged in a temporary device copy for the call, and a
     * staged output is copied back into its storage afterwards.
     */
    private final class Operands implements AutoCloseable {
        private final List<CudaStorage> staged = new ArrayList<>();
        private final List<Runnable> writeBacks = new ArrayList<>();

        long input(TensorData t, ElementType dtype) {
            Storage s = t.storage();
            if (s instanceof CudaStorage device && device.elementType() == dtype) {
                return device.pointer();
            }
            CudaStorage copy = CudaStorage.zeros(runtime, dtype, s.size());
            staged.add(copy);
            copy.upload(s);
            return copy.pointer();
        }

        long output(TensorData t) {
            Storage s = t.storage();
            if (s instanceof CudaStorage device) {
                return device.pointer();
            }
            CudaStorage copy = CudaStorage.copyOf(runtime, s);
            staged.add(copy);
            writeBacks.add(() -> writeBack(copy, s));
            return copy.pointer();
        }

        @Override
        public void close() {
            try {
                writeBacks.forEach(Runnable::run);
            } finally {
                staged.forEach(CudaStorage::close);
            }
        }
    }

    private static void writeBack(CudaStorage device, Storage host) {
        switch (host) {
            case DoubleStorage d -> System.arraycopy(device.toDoubleArray(), 0, d.array(), 0, d.array().length);
            case FloatStorage f ->
                    System.arraycopy(((FloatStorage) device.toHost()).array(), 0, f.array(), 0, f.array().length);
            default -> {
                double[] values = device.toDoubleArray();
                for (int i = 0; i < values.length; i++) {
                    host.set(i, values[i]);
                }
            }
        }
    }
}
