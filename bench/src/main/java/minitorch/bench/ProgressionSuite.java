package minitorch.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import minitorch.backend.Backend;
import minitorch.data.Mnist;
import minitorch.kernels.Timed;
import minitorch.kernels.VectorKernels;
import minitorch.ops.cuda.CudaOps;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * {@code minitorch bench --suite progression}: fast.ai's "matrix multiplication from the foundations"
 * steps, on its shapes: MNIST rows (784 pixels in [0, 1]) times a 784×10 randn weight matrix, first for
 * 5 rows, then for the 50,000 training rows. Each step computes the same product a different way;
 * the harness times them interleaved, and each row shows the time, GFLOP/s, the speed-up over the
 * table's first step, and whether the result agrees with float64 loops over the same inputs.
 *
 * <p>The rows are MNIST training images 50,000–50,004 (fast.ai's {@code x_valid[:5]}) and 0–49,999
 * ({@code x_train}) when the data directory has them, else seeded random values in [0, 1). The weights
 * are {@code Tensor.randn} from {@code new Random(1)} (not torch's generator, so not the notebook's
 * numbers). NumPy's row runs in its own process on the bench's deterministic inputs of the same shape
 * (its pipe takes no data), and is checked against float64 loops over those.
 */
final class ProgressionSuite {
    static final int PIXELS = 784, CLASSES = 10;

    private final Harness harness;
    private final PrintStream out;
    private final NumpyPeer numpy;
    private final int threads;
    private final boolean best;
    private final double warmupSeconds;

    /**
     * @param warmupSeconds each step's own warm-up before the harness's: at least this long and 20 calls
     *                      ({@link Timed#warmUp}); on a loaded machine C2 needs seconds for the Vector API code
     */
    ProgressionSuite(Harness harness, PrintStream out, NumpyPeer numpy, int threads, boolean best, double warmupSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.harness = harness;
        this.out = out;
        this.numpy = numpy;
        this.threads = threads;
        this.best = best;
    }

    /** The two inputs of one table and where they came from. */
    record Inputs(float[] a, float[] b, int rows, String source) {
        double[] reference() { return referenceProduct(a, b, rows); }
    }

    /** Runs the small and the large table. */
    void run(Path dataDir, int smallRows, int largeRows) throws Exception {
        double[] w = Tensor.randn(new Random(1), Backend.SIMPLE, DType.FLOAT32, PIXELS, CLASSES).toDoubleArray();
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) weights[i] = (float) w[i];
        Mnist mnist = loadMnist(dataDir);
        for (int rows : new int[] {smallRows, largeRows}) {
            Inputs in = mnist != null && 50_000 + smallRows <= mnist.count()
                    ? new Inputs(pixels(mnist, rows == smallRows ? 50_000 : 0, rows), weights, rows,
                            String.format(Locale.ROOT, "MNIST training images %,d–%,d", rows == smallRows ? 50_000 : 0,
                                    (rows == smallRows ? 50_000 : 0) + rows - 1))
                    : new Inputs(randomPixels(rows), weights, rows, "seeded random pixels (no MNIST in the data directory)");
            table(in, rows == smallRows);
        }
    }

    private void table(Inputs in, boolean small) throws Exception {
        out.printf(Locale.ROOT, "%n### progression: %d×%d @ %d×%d (%s; threads %d, %s; load average before: %s)%n%n",
                in.rows(), PIXELS, PIXELS, CLASSES, in.source(), threads, best ? "best" : "median", Machine.loadAverage());
        Workload w = new Workload(Workload.Kind.MATMUL, "matmul", DType.FLOAT32, new int[] {1, in.rows(), PIXELS},
                new int[] {1, PIXELS, CLASSES}, -1);
        double[] reference = in.reference();
        List<Step> steps = steps(in, small);
        List<Peer> peers = new ArrayList<>(steps);
        if (numpy != null) peers.add(numpy);
        Harness.Row row = harness.run(w, peers);
        // speed-ups are over the first step that ran (the naive Tensor.get loops when they did)
        String baseline = null;
        for (Step s : steps) {
            Harness.Cell c = row.cells().get(s.name());
            if (baseline == null && c != null && c.measured()) baseline = s.name();
        }
        out.println("| step | time | GFLOP/s | × " + (baseline == null ? "first step" : baseline) + " | agree |");
        out.println("|---|---|---|---|---|");
        Harness.Cell first = baseline == null ? null : row.cells().get(baseline);
        double[] hashReference = numpy == null ? null
                : Peer.checksums(referenceProduct(Workload.inputFloats(0, (long) in.rows() * PIXELS),
                        Workload.inputFloats(1, (long) PIXELS * CLASSES), in.rows()));
        for (Peer p : peers) {
            Harness.Cell c = row.cells().get(p.name());
            String name = p == numpy ? "NumPy matmul (OpenBLAS; the bench's inputs, same shape)" : p.name();
            if (c == null || !c.measured()) {
                out.printf("| %s | n/a (%s) | | | |%n", name, c == null ? "not run" : c.note());
                continue;
            }
            double seconds = best ? c.min() : c.median();
            String speedup = first != null && first.measured()
                    ? String.format(Locale.ROOT, "%.3g", (best ? first.min() : first.median()) / seconds) : "–";
            double[] expected = p == numpy ? hashReference : Peer.checksums(reference);
            out.printf(Locale.ROOT, "| %s | %s | %.3g | %s | %s |%n", name, time(seconds), w.score(seconds), speedup,
                    agrees(expected, c.checksums()));
        }
        out.printf("%nload average after: %s%n", Machine.loadAverage());
    }

    /** "yes" when the checksums match within float32 rounding, relative to the weighted sum of |output|. */
    static String agrees(double[] expected, double[] actual) {
        double scale = Math.max(Math.abs(expected[1]), Double.MIN_NORMAL);
        double dev = Math.max(Math.abs(actual[0] - expected[0]), Math.abs(actual[1] - expected[1])) / scale;
        return dev <= 1e-3 ? "yes" : String.format(Locale.ROOT, "NO (off %.1e)", dev);
    }

    static String time(double seconds) {
        return seconds >= 1 ? String.format(Locale.ROOT, "%.2f s", seconds)
                : seconds >= 1e-3 ? String.format(Locale.ROOT, "%.3g ms", seconds * 1e3)
                : String.format(Locale.ROOT, "%.3g µs", seconds * 1e6);
    }

    // ---- the steps -----------------------------------------------------------------------------

    /**
     * One way to compute the product. Steps whose cost is per output element through tensors are
     * only run on small inputs (fast.ai runs them on 5 rows only, too).
     */
    final class Step implements Peer {
        private final String name;
        private final int maxRows;
        private final String unavailable;
        private final Supplier<Supplier<double[]>> prepare;

        Step(String name, int maxRows, Supplier<Supplier<double[]>> prepare) {
            this(name, maxRows, null, prepare);
        }

        Step(String name, int maxRows, String unavailable, Supplier<Supplier<double[]>> prepare) {
            this.name = name;
            this.maxRows = maxRows;
            this.unavailable = unavailable;
            this.prepare = prepare;
        }

        @Override public String name() { return name; }

        @Override
        public String unsupported(Workload w) {
            if (unavailable != null) return unavailable;
            return w.shapeA()[1] > maxRows ? "run on small inputs only, as in fast.ai" : null;
        }

        @Override
        public Prepared prepare(Workload w) {
            Supplier<double[]> call = prepare.get();
            // until C2 has compiled it (the harness's one second of warm-up is not enough on a loaded machine)
            Timed.warmUp(call, 20, warmupSeconds);
            double[][] last = new double[1][];
            return new Prepared() {
                @Override
                public double time(int reps) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) last[0] = call.get();
                    return (System.nanoTime() - t0) * 1e-9;
                }

                @Override
                public double[] checksums() { return Peer.checksums(last[0]); }
            };
        }
    }

    List<Step> steps(Inputs in, boolean small) {
        int n = in.rows();
        float[] a = in.a(), b = in.b();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("naive loops, Tensor.get", 100, () -> {
            Tensor ta = tensor(Backend.SIMPLE, a, n, PIXELS), tb = tensor(Backend.SIMPLE, b, PIXELS, CLASSES);
            return () -> naiveGet(ta, tb);
        }));
        if (small) {
            // Prepared before any other step runs this loop: the one call timed here is its first in this JVM.
            steps.add(new Step("naive loops, float[] (first call: interpreter)", Integer.MAX_VALUE, () -> {
                long t0 = System.nanoTime();
                double[] result = naiveArrays(a, b, n);
                long first = System.nanoTime() - t0;
                return () -> {
                    long until = System.nanoTime() + first;   // replays the first call's duration
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    return result;
                };
            }));
        }
        steps.add(new Step("naive loops, float[] (JIT-compiled)", Integer.MAX_VALUE, () -> () -> naiveArrays(a, b, n)));
        steps.add(new Step("row·column SIMD dot per output", Integer.MAX_VALUE, () -> {
            float[][] rows = split(a, n, PIXELS), columns = split(transpose(b, PIXELS, CLASSES), CLASSES, PIXELS);
            return () -> {
                double[] c = new double[n * CLASSES];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < CLASSES; j++) c[i * CLASSES + j] = VectorKernels.dot(rows[i], columns[j]);
                }
                return c;
            };
        }));
        steps.add(new Step("elementwise (a[i,:] * b[:,j]).sum()", 100, () -> {
            List<Tensor> rows = tensors(split(a, n, PIXELS)), columns = tensors(split(transpose(b, PIXELS, CLASSES), CLASSES, PIXELS));
            return () -> {
                double[] c = new double[n * CLASSES];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < CLASSES; j++) c[i * CLASSES + j] = rows.get(i).mul(columns.get(j)).sum().item();
                }
                return c;
            };
        }));
        steps.add(new Step("broadcasting (a[i,:,None] * b).sum(0) per row", Integer.MAX_VALUE, () -> {
            List<Tensor> rows = tensors(split(a, n, PIXELS));
            Tensor tb = tensor(Backend.FAST, b, PIXELS, CLASSES);
            return () -> {
                double[] c = new double[n * CLASSES];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(rows.get(i).unsqueeze(1).mul(tb).sum(0).toDoubleArray(), 0, c, i * CLASSES, CLASSES);
                }
                return c;
            };
        }));
        steps.add(new Step("einsum(\"ik,kj->ij\") (FAST)", Integer.MAX_VALUE, () -> {
            Tensor ta = tensor(Backend.FAST, a, n, PIXELS), tb = tensor(Backend.FAST, b, PIXELS, CLASSES);
            return () -> Tensor.einsum("ik,kj->ij", ta, tb).toDoubleArray();
        }));
        steps.add(new Step("FAST matmul", Integer.MAX_VALUE, () -> {
            Tensor ta = tensor(Backend.FAST, a, n, PIXELS), tb = tensor(Backend.FAST, b, PIXELS, CLASSES);
            return () -> ta.matmul(tb).toDoubleArray();
        }));
        steps.add(new Step("EJML CommonOps" + (threads > 1 ? "_MT" : "") + "_FDRM.mult", Integer.MAX_VALUE, () -> {
            FMatrixRMaj ma = FMatrixRMaj.wrap(n, PIXELS, a), mb = FMatrixRMaj.wrap(PIXELS, CLASSES, b);
            FMatrixRMaj mc = new FMatrixRMaj(n, CLASSES);
            return () -> {
                if (threads > 1) CommonOps_MT_FDRM.mult(ma, mb, mc);
                else CommonOps_FDRM.mult(ma, mb, mc);
                double[] c = new double[n * CLASSES];
                for (int i = 0; i < c.length; i++) c[i] = mc.data[i];
                return c;
            };
        }));
        // the reason's first clause ("cuda: no NVIDIA driver"), not the list of paths tried
        String noGpu = CudaOps.unavailableReason().map(r -> r.split(" \\(|: [a-z]+\\.so")[0]).orElse(null);
        steps.add(new Step("GPU: CUDA backend matmul, with copy back", Integer.MAX_VALUE, noGpu, () -> {
            Tensor ta = tensor(Backend.FAST, a, n, PIXELS).to(Backend.CUDA), tb = tensor(Backend.FAST, b, PIXELS, CLASSES).to(Backend.CUDA);
            return () -> ta.matmul(tb).toDoubleArray();
        }));
        return steps;
    }

    /** fast.ai's first version: three loops, every element read through the tensor's indexing. */
    static double[] naiveGet(Tensor a, Tensor b) {
        int n = a.shape(0), k = a.shape(1), m = b.shape(1);
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                for (int p = 0; p < k; p++) c[i * m + j] += a.get(i, p) * b.get(p, j);
            }
        }
        return c;
    }

    /** The same three loops on primitive arrays (the JIT's counterpart of fast.ai's numba step). */
    static double[] naiveArrays(float[] a, float[] b, int n) {
        double[] c = new double[n * CLASSES];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < CLASSES; j++) {
                float sum = 0;
                for (int p = 0; p < PIXELS; p++) sum += a[i * PIXELS + p] * b[p * CLASSES + j];
                c[i * CLASSES + j] = sum;
            }
        }
        return c;
    }

    /** The float64 product the agree column compares with. */
    static double[] referenceProduct(float[] a, float[] b, int n) {
        double[] c = new double[n * CLASSES];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < PIXELS; p++) {
                double x = a[i * PIXELS + p];
                for (int j = 0; j < CLASSES; j++) c[i * CLASSES + j] += x * b[p * CLASSES + j];
            }
        }
        return c;
    }

    // ---- inputs --------------------------------------------------------------------------------

    private Mnist loadMnist(Path dataDir) {
        if (dataDir == null || !Files.exists(dataDir.resolve(Mnist.Split.TRAIN.imagesFile()))) {
            out.println("- progression: no MNIST training images under " + dataDir + "; using seeded random pixels");
            return null;
        }
        return Mnist.load(dataDir, Mnist.Split.TRAIN);
    }

    private static float[] pixels(Mnist mnist, int from, int rows) {
        float[] a = new float[rows * PIXELS];
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < PIXELS; p++) a[i * PIXELS + p] = mnist.pixel(from + i, p / mnist.cols(), p % mnist.cols()) / 255f;
        }
        return a;
    }

    private static float[] randomPixels(int rows) {
        Random r = new Random(rows);
        float[] a = new float[rows * PIXELS];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        return a;
    }

    private static Tensor tensor(Backend backend, float[] values, int rows, int cols) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return Tensor.of(backend, DType.FLOAT32, d, rows, cols);
    }

    private static List<Tensor> tensors(float[][] rows) {
        List<Tensor> list = new ArrayList<>(rows.length);
        for (float[] r : rows) list.add(tensor(Backend.FAST, r, 1, r.length).view(r.length));
        return list;
    }

    private static float[][] split(float[] values, int rows, int cols) {
        float[][] out = new float[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(values, i * cols, out[i], 0, cols);
        return out;
    }

    private static float[] transpose(float[] values, int rows, int cols) {
        float[] t = new float[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) t[j * rows + i] = values[i * cols + j];
        }
        return t;
    }
}
