package minitorch.bench.cuda;

import java.util.Locale;
import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;
import minitorch.ops.cuda.CudaOps;

/**
 * GPU numbers for docs/PERFORMANCE.md, measured through the public backend SPI exactly as tensors
 * use it: FP32 matmul GFLOP/s, elementwise and reduce GB/s, and the host cost of one small op
 * (argument marshalling + cuLaunchKernel). It needs only minitorch-core on the class path, so it
 * runs on the accelerator machine from a carried runtime. Compare with bench/cuda/torch_peer.py,
 * which times the same operations with PyTorch (TF32 off) in the same session.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp core-classes:bench-classes
 * minitorch.bench.cuda.CudaBench [sizes...]} (default sizes 1024 4096).
 */
public final class CudaBench {
    private CudaBench() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1024, 4096} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        CudaOps cuda;
        try {
            cuda = CudaOps.instance();
        } catch (IllegalStateException unavailable) {
            System.err.println("CudaBench: " + unavailable.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("# CudaBench on " + cuda.describe());
        System.out.println("| operation | size | dtype | time (ms) | rate |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            for (ElementType dtype : new ElementType[] {ElementType.FLOAT32, ElementType.FLOAT64}) {
                TensorData a = random(cuda, dtype, 1, n, n), b = random(cuda, dtype, 1, n, n);
                TensorData c = zeros(cuda, dtype, 1, n, n);
                double s = time(cuda, () -> cuda.matmul(a, b, c), n >= 4096 ? 5 : 20);
                row("matmul", n + "x" + n + "x" + n, dtype, s, 2.0 * n * n * n / s / 1e9, "GFLOP/s");
            }
            ElementType dtype = ElementType.FLOAT32;
            TensorData x = random(cuda, dtype, n, n), y = random(cuda, dtype, n, n), z = zeros(cuda, dtype, n, n);
            long bytes = (long) n * n * dtype.byteSize();
            double copy = time(cuda, () -> cuda.map(UnaryOp.ID, x, z), 20);
            row("map id (copy)", n + "x" + n, dtype, copy, 2.0 * bytes / copy / 1e9, "GB/s");
            double exp = time(cuda, () -> cuda.map(UnaryOp.EXP, x, z), 20);
            row("map exp", n + "x" + n, dtype, exp, 2.0 * bytes / exp / 1e9, "GB/s");
            double add = time(cuda, () -> cuda.zip(BinaryOp.ADD, x, y, z), 20);
            row("zip add", n + "x" + n, dtype, add, 3.0 * bytes / add / 1e9, "GB/s");
            TensorData column = random(cuda, dtype, n, 1);
            double bcast = time(cuda, () -> cuda.zip(BinaryOp.ADD, x, column, z), 20);
            row("zip add (broadcast column)", n + "x" + n, dtype, bcast, 2.0 * bytes / bcast / 1e9, "GB/s");
            TensorData transposed = x.permute(1, 0);
            double perm = time(cuda, () -> cuda.map(UnaryOp.ID, transposed, z), 20);
            row("map id (transposed input)", n + "x" + n, dtype, perm, 2.0 * bytes / perm / 1e9, "GB/s");
            TensorData rows = zeros(cuda, dtype, n, 1), cols = zeros(cuda, dtype, 1, n);
            double sumRows = time(cuda, () -> cuda.reduce(ReduceOp.SUM, x, 1, rows), 20);
            row("sum dim 1", n + "x" + n, dtype, sumRows, bytes / sumRows / 1e9, "GB/s");
            double sumCols = time(cuda, () -> cuda.reduce(ReduceOp.SUM, x, 0, cols), 20);
            row("sum dim 0", n + "x" + n, dtype, sumCols, bytes / sumCols / 1e9, "GB/s");
            TensorData flat = x.view(n * n), one = zeros(cuda, dtype, 1);
            double sumAll = time(cuda, () -> cuda.reduce(ReduceOp.SUM, flat, 0, one), 20);
            row("sum all", n + "x" + n, dtype, sumAll, bytes / sumAll / 1e9, "GB/s");
        }
        TensorData tiny = random(cuda, ElementType.FLOAT32, 1), tinyOut = zeros(cuda, ElementType.FLOAT32, 1);
        int calls = 20_000;
        double perCall = time(cuda, () -> {
            for (int i = 0; i < calls; i++) {
                cuda.map(UnaryOp.NEG, tiny, tinyOut);
            }
        }, 3) / calls;
        row("map neg, 1 element (per op: marshal + launch)", "1", ElementType.FLOAT32, perCall, perCall * 1e6, "us/op");
    }

    private static void row(String op, String size, ElementType dtype, double seconds, double rate, String unit) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.4f | %.1f %s |%n", op, size,
                dtype == ElementType.FLOAT32 ? "float32" : "float64", seconds * 1e3, rate, unit);
    }

    /** Mean seconds per run after one warm-up run (which also compiles the kernel). */
    private static double time(CudaOps cuda, Runnable op, int runs) {
        op.run();
        cuda.synchronize();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            op.run();
        }
        cuda.synchronize();
        return (System.nanoTime() - start) / 1e9 / runs;
    }

    private static TensorData random(CudaOps cuda, ElementType dtype, int... shape) {
        Random random = new Random(7);
        Storage host = dtype.allocateHost(TensorData.checkedSize(shape, "bench"));
        for (int i = 0; i < host.size(); i++) {
            host.set(i, random.nextDouble() - 0.5);
        }
        return TensorData.contiguous(cuda.adopt(host), shape);
    }

    private static TensorData zeros(CudaOps cuda, ElementType dtype, int... shape) {
        return TensorData.contiguous(cuda.allocate(dtype, TensorData.checkedSize(shape, "bench")), shape);
    }
}
