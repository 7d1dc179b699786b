package minitorch.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;
import minitorch.tensor.DType;

/**
 * PyTorch (libtorch, CPU) through DJL. libtorch comes from the pytorch-native-cpu jar on the class
 * path and is unpacked to DJL's cache on first use; {@link #start} sets {@code ai.djl.offline} so DJL
 * never tries the network. Each call allocates its result tensor (DJL has no {@code out=}); it is
 * closed at once so native memory stays flat.
 */
public final class TorchPeer implements Peer {
    private final NDManager manager;

    private TorchPeer(NDManager manager) {
        this.manager = manager;
    }

    /** Loads libtorch with {@code threads} intra-op threads, or returns null with the reason in {@code why[0]}. */
    public static TorchPeer start(int threads, String[] why) {
        configure(threads);
        try {
            Engine engine = Engine.getEngine("PyTorch");
            return new TorchPeer(engine.newBaseManager(Device.cpu()));
        } catch (Throwable e) { // UnsatisfiedLinkError, EngineException: report, keep the other peers
            why[0] = "torch (DJL) unavailable: " + e;
            return null;
        }
    }

    /** Thread counts and offline mode must be set before DJL loads the engine. */
    public static void configure(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * "PyTorch 2.7.1 via DJL 0.35.1, built with [OPENMP, MKL, MKLDNN]", and the environment variables that
     * choose libtorch's CPU kernels where any is set (they change what is measured).
     */
    public static String describe() {
        Engine engine = Engine.getEngine("PyTorch");
        StringBuilder s = new StringBuilder("PyTorch " + engine.getVersion() + " via DJL " + Engine.getDjlVersion()
                + ", built with " + JniUtils.getFeatures());
        for (String variable : KERNEL_CHOICE) {
            String value = System.getenv(variable);
            if (value != null) s.append(", ").append(variable).append('=').append(value);
        }
        return s.toString();
    }

    /** Variables read by libtorch (ATen's SIMD level), oneDNN and MKL when they pick CPU kernels. */
    private static final java.util.List<String> KERNEL_CHOICE = java.util.List.of("ATEN_CPU_CAPABILITY",
            "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS", "MKL_DEBUG_CPU_TYPE");

    /**
     * Zeroes a parameter's gradient, as optimizer.zero_grad() does (DJL accumulates gradients across
     * backward calls). Not {@code g.subi(g)}: that leaves a NaN or infinity of one step in every later one.
     */
    static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    @Override
    public String name() {
        return "torch";
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public Prepared prepare(Workload w) {
        NDManager scope = manager.newSubManager();
        NDArray a = input(scope, w, 0, w.shapeA());
        NDArray b = w.shapeB() == null ? null : input(scope, w, 1, w.shapeB());
        Supplier<NDArray> call = switch (w.kind()) {
            case MATMUL -> () -> a.matMul(b);
            case MAP -> switch (w.op()) {
                case "relu" -> () -> Activation.relu(a);
                case "exp" -> a::exp;
                case "sigmoid" -> () -> Activation.sigmoid(a);
                default -> throw new IllegalArgumentException("no torch map for '" + w.op() + "'");
            };
            case ZIP -> () -> a.add(b);
            case REDUCE -> () -> a.sum(new int[] {w.dim()}, true);
        };
        return new Prepared() {
            private NDArray last;

            @Override
            public double time(int reps) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    NDArray result = call.get();
                    if (last != null) last.close();
                    last = result;
                }
                return (System.nanoTime() - t0) * 1e-9;
            }

            @Override
            public double[] checksums() {
                return w.dtype() == DType.FLOAT32 ? Peer.checksums(last.toFloatArray())
                        : Peer.checksums(last.toDoubleArray());
            }

            @Override
            public void close() {
                scope.close();
            }
        };
    }

    static NDArray input(NDManager m, Workload w, int which, int[] shape) {
        long size = Workload.size(shape);
        Shape s = new Shape(java.util.Arrays.stream(shape).asLongStream().toArray());
        return w.dtype() == DType.FLOAT32 ? m.create(Workload.inputFloats(which, size), s)
                : m.create(Workload.inputArray(which, size), s);
    }

    static DataType dataType(DType d) {
        return d == DType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    @Override
    public void close() {
        manager.close();
    }
}
