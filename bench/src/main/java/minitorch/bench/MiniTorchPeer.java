package minitorch.bench;

import minitorch.backend.Backend;
import minitorch.layout.DoubleStorage;
import minitorch.layout.FloatStorage;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.TensorOps;
import minitorch.ops.UnaryOp;

/**
 * A MiniTorch backend's kernels called directly (the layer below autodiff): inputs and the output are
 * allocated once, so a call measures the kernel alone, as NumPy's {@code out=} does.
 */
public final class MiniTorchPeer implements Peer {
    private final Backend backend;
    private final long maxFlops;

    /**
     * @param maxFlops work above which this peer is skipped (SimpleOps's plain loops would take
     *                 minutes on a 2048² matmul); Long.MAX_VALUE for no limit
     */
    public MiniTorchPeer(Backend backend, long maxFlops) {
        this.backend = backend;
        this.maxFlops = maxFlops;
    }

    @Override
    public String name() {
        return backend.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String unsupported(Workload w) {
        return w.flops() > maxFlops ? "skipped: " + String.format("%.1g", w.flops()) + " flops > limit" : null;
    }

    @Override
    public Prepared prepare(Workload w) {
        Kernel kernel = kernel(backend, w);
        return new Prepared() {
            @Override
            public double time(int reps) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) kernel.call().run();
                return (System.nanoTime() - t0) * 1e-9;
            }

            @Override
            public double[] checksums() {
                return Peer.checksums(kernel.out().storage().toDoubleArray());
            }
        };
    }

    /** A workload bound to a backend: the call that runs it and the output it writes (JMH uses it too). */
    public record Kernel(Runnable call, TensorData out) {}

    public static Kernel kernel(Backend backend, Workload w) {
        TensorOps ops = backend.ops();
        TensorData a = input(ops, w, 0, w.shapeA());
        TensorData b = w.shapeB() == null ? null : input(ops, w, 1, w.shapeB());
        TensorData out = TensorData.contiguous(ops.allocate(w.dtype().elementType(), Math.toIntExact(Workload.size(w.shapeOut()))),
                w.shapeOut());
        Runnable call = switch (w.kind()) {
            case MATMUL -> () -> ops.matmul(a, b, out);
            case MAP -> {
                UnaryOp op = switch (w.op()) {
                    case "relu" -> UnaryOp.RELU;
                    case "exp" -> UnaryOp.EXP;
                    case "sigmoid" -> UnaryOp.SIGMOID;
                    default -> throw new IllegalArgumentException("no MiniTorch map for '" + w.op() + "'");
                };
                yield () -> ops.map(op, a, out);
            }
            case ZIP -> () -> ops.zip(BinaryOp.ADD, a, b, out);
            case REDUCE -> () -> ops.reduce(ReduceOp.SUM, a, w.dim(), out);
        };
        return new Kernel(call, out);
    }

    /** Input {@code which} of the workload, filled with {@link Workload#input} in row-major order. */
    static TensorData input(TensorOps ops, Workload w, int which, int[] shape) {
        int size = Math.toIntExact(Workload.size(shape));
        Storage host = switch (w.dtype()) {
            case FLOAT32 -> new FloatStorage(Workload.inputFloats(which, size));
            case FLOAT64 -> new DoubleStorage(Workload.inputArray(which, size));
        };
        Storage storage;
        try {
            storage = ops.adopt(host);
        } catch (UnsupportedOperationException notYet) {
            storage = host; // CPU backends compute on host arrays directly
        }
        return TensorData.contiguous(storage, shape);
    }
}
