package minitorch.ops.fast;

import static minitorch.testing.RandomTensors.uniform;

import java.util.Arrays;
import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.UnaryOp;

/**
 * Not a test: the measurement behind FastOps's single-thread thresholds ({@code grain}). For
 * each size it times the op on one thread and split over two (the threshold forced either way) and
 * prints both, so the crossover can be read off. Run from the repository root after
 * {@code ./mvnw -q -pl core test-compile}:
 * <pre>java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes minitorch.ops.fast.FastTuning</pre>
 * Wall-clock medians of many short repetitions; on a shared machine run it more than once.
 *
 * <p>With the argument {@code gflops} it instead measures the one-thread matmul kernel by the
 * thread's own CPU time (so other processes on a shared machine do not count), best of 16 runs;
 * further arguments choose the dtypes and sizes ({@code gflops f32,f64 256,512,1024}, the default).
 *
 * <p>With the argument {@code narrow} it times MNIST's first-layer product, 50000×784 @ 784×10, on one
 * thread by the thread's CPU time, best of 15, in both dtypes.
 *
 * <p>With the argument {@code tile} it times the float32 micro-kernel alone on packed panels in L1.
 *
 * <p>With the argument {@code first} it times the first six 1024² float32 products of a fresh JVM, each with the
 * JVM's uptime when it started (run it with {@code -XX:+PrintCompilation} to see when each kernel is compiled).
 *
 * <p>With the argument {@code fewrows} it times a training step's three products for a mini-batch of 10 rows
 * through a 500×500 layer: forward ({@code x @ W}, which {@link FloatMatmul#fewRows} takes), backward ({@code grad @ Wᵀ},
 * {@link FloatMatmul#dotRows}) and the weight's gradient ({@code xᵀ @ grad}, depth 10, {@link FloatMatmul#direct}).
 *
 * <p>With the argument {@code clock} it estimates the core's clock from a chain of dependent fused multiply-adds
 * (4 cycles each on Zen 3 and on Intel since Skylake), which gives the peak beside which the kernels are judged.
 *
 * <p>With the argument {@code sharing} it tells a slow clock from a shared core: for 25 s (after 3 s for the JIT) it
 * alternates 0.1 s of the float32 micro-kernel in L1 (throughput: issue slots and FMA pipes) with a dependent FMA
 * chain (latency: the clock), then prints the kernel's rate and the clock by deciles of the kernel's rate. A clock
 * that stays put while the kernel's rate moves means another thread (a host's hyperthread) takes the core's throughput.
 *
 * <p>With the argument {@code loops} it measures why FloatElementwise's per-op loops are generated
 * (KernelGenerator) rather than one generic loop taking the op's vector expression as a lambda: it
 * times, on one thread over an L2-resident row, the generated loop, the generic loop called with each
 * op in turn, and a per-op method that calls the generic loop with its op as a constant.
 */
public final class FastTuning {
    private FastTuning() {}

    public static void main(String[] args) {
        switch (args.length > 0 ? args[0] : "thresholds") {
            case "gflops" -> gflops(args.length > 1 ? args[1] : "f32,f64", args.length > 2 ? args[2] : "256,512,1024");
            case "narrow" -> narrow();
            case "tile" -> tile();
            case "first" -> first();
            case "clock" -> clock();
            case "sharing" -> sharing();
            case "fewrows" -> fewRows();
            case "loops" -> loops();
            default -> thresholds();
        }
    }

    /** Without arguments: the grain thresholds, elementwise and matmul time per call on 1 and 2 threads. */
    private static void thresholds() {
        FastOps fast = FastOps.instance();
        FastOps.setThreads(2);
        Random r = new Random(0);
        System.out.println("elementwise: ns per call, 1 thread vs 2 threads (median of 21 runs of >= 20 ms)");
        for (int n : new int[] {4096, 8192, 16384, 32768, 65536, 131072, 262144}) {
            TensorData a = uniform(ElementType.FLOAT32, r, n), b = uniform(ElementType.FLOAT32, r, n), out = TensorData.zeros(ElementType.FLOAT32, n);
            Runnable add = () -> fast.zip(BinaryOp.ADD, a, b, out);
            Runnable exp = () -> fast.map(UnaryOp.EXP, a, out);
            System.out.printf("  n=%7d  zip ADD f32 %9.0f / %9.0f   map EXP f32 %9.0f / %9.0f%n", n,
                    elementwise(add, Integer.MAX_VALUE), elementwise(add, 1),
                    elementwise(exp, Integer.MAX_VALUE), elementwise(exp, 1));
        }
        System.out.println("matmul f64 (n,n)@(n,n): ns per call, 1 thread vs 2 threads");
        for (int n : new int[] {32, 48, 64, 80, 96, 128, 160}) {
            TensorData a = uniform(ElementType.FLOAT64, r, 1, n, n), b = uniform(ElementType.FLOAT64, r, 1, n, n);
            TensorData out = TensorData.zeros(ElementType.FLOAT64, 1, n, n);
            Runnable mm = () -> fast.matmul(a, b, out);
            System.out.printf("  n=%4d (%8d multiply-adds)  %9.0f / %9.0f%n", n, (long) n * n * n,
                    matmul(mm, Long.MAX_VALUE), matmul(mm, 1));
        }
    }

    private static void narrow() {
        FastOps fast = FastOps.instance();
        FastOps.setThreads(1);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Random r = new Random(0);
        for (ElementType dtype : ElementType.values()) {
            TensorData a = uniform(dtype, r, 1, 50000, 784), b = uniform(dtype, r, 1, 784, 10);
            TensorData out = TensorData.zeros(dtype, 1, 50000, 10);
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 15; rep++) {
                long cpu = mx.getCurrentThreadCpuTime();
                fast.matmul(a, b, out);
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - cpu) / 1e6);
            }
            System.out.printf("matmul %s 50000x784 @ 784x10, 1 thread: %.1f ms (thread CPU time, best of 15)%n", dtype, best);
        }
    }

    private static void gflops(String dtypes, String sizes) {
        FastOps fast = FastOps.instance();
        FastOps.setThreads(1);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Random r = new Random(0);
        for (ElementType dtype : ElementType.values()) {
            if (!dtypes.contains(dtype == ElementType.FLOAT32 ? "f32" : "f64")) {
                continue;
            }
            for (int n : Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray()) {
                TensorData a = uniform(dtype, r, 1, n, n), b = uniform(dtype, r, 1, n, n);
                TensorData out = TensorData.zeros(dtype, 1, n, n);
                double best = 0;
                for (int rep = 0; rep < 16; rep++) {
                    long cpu = mx.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    int calls = 0;
                    while (System.nanoTime() - wall < 200_000_000L) {
                        fast.matmul(a, b, out);
                        calls++;
                    }
                    double seconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9 / calls;
                    best = Math.max(best, 2.0 * n * n * n / seconds / 1e9);
                }
                System.out.printf("matmul %s %dx%d @ %dx%d, 1 thread: %.1f GFLOP/s (thread CPU time, best of 16)%n",
                        dtype, n, n, n, n, best);
            }
        }
    }

    /**
     * The float32 micro-kernel alone ({@link FloatMatmul#kernel6x2} on AVX2, kernel6x4 on 32 registers): one
     * MR×NR tile over KC-deep packed panels that stay in L1, by thread CPU time, median and best of 16 runs of 0.2 s;
     * what the kernel can do when it never waits on memory, beside which a whole product's rate is judged.
     */
    private static void tile() {
        TileInL1 tile = new TileInL1();
        double[] rates = new double[16];
        for (int rep = 0; rep < rates.length; rep++) {
            rates[rep] = tile.gflops(200_000_000L);
        }
        Arrays.sort(rates);
        // the median too: on a core shared with another tenant's hyperthread the best is the rare quiet moment
        System.out.printf("micro-kernel float32 %dx%d tile, depth %d, panels in L1, 1 thread: %.1f GFLOP/s median, %.1f best "
                + "(thread CPU time, 16 runs of 0.2 s)%n", FloatMatmul.MR, FloatMatmul.NR, FloatMatmul.KC,
                rates[rates.length / 2], rates[rates.length - 1]);
    }

    /** One MR×NR tile of the float32 micro-kernel over KC-deep packed panels small enough to stay in L1. */
    private static final class TileInL1 {
        private final int kc = FloatMatmul.KC, nr = FloatMatmul.NR;
        private final float[] ap = new float[FloatMatmul.AS * kc], bp = new float[kc * nr], c = new float[FloatMatmul.MR * nr];

        TileInL1() {
            Random r = new Random(0);
            for (int i = 0; i < ap.length; i++) {
                ap[i] = r.nextFloat();
            }
            for (int i = 0; i < bp.length; i++) {
                bp[i] = r.nextFloat();
            }
        }

        /** Runs the kernel for about {@code nanos} of wall time; its rate by this thread's CPU time. */
        double gflops(long nanos) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu = mx.getCurrentThreadCpuTime(), wall = System.nanoTime();
            long calls = 0;
            while (System.nanoTime() - wall < nanos) {
                if (FloatMatmul.WIDE_REGISTER_FILE) {
                    FloatMatmul.kernel6x4(kc, ap, 0, bp, 0, c, 0, nr);
                } else {
                    FloatMatmul.kernel6x2(kc, ap, 0, bp, 0, c, 0, nr);
                }
                calls++;
            }
            return 2.0 * FloatMatmul.MR * nr * kc * calls / (mx.getCurrentThreadCpuTime() - cpu);
        }
    }

    private static void first() {
        var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
        FastOps fast = FastOps.instance();
        FastOps.setThreads(1);
        Random r = new Random(0);
        int n = 1024;
        TensorData a = uniform(ElementType.FLOAT32, r, 1, n, n), b = uniform(ElementType.FLOAT32, r, 1, n, n);
        TensorData out = TensorData.zeros(ElementType.FLOAT32, 1, n, n);
        for (int call = 1; call <= 6; call++) {
            long uptime = runtime.getUptime(), start = System.nanoTime();
            fast.matmul(a, b, out);
            System.out.printf("matmul float32 1024x1024, 1 thread, call %d: started %d ms after the JVM, took %.1f ms%n",
                    call, uptime, (System.nanoTime() - start) / 1e6);
        }
    }

    private static void fewRows() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        FastOps fast = FastOps.instance();
        FastOps.setThreads(1);
        Random r = new Random(0);
        for (ElementType dtype : ElementType.values()) {
            TensorData x = uniform(dtype, r, 1, 10, 500), w = uniform(dtype, r, 1, 500, 500);
            TensorData out = TensorData.zeros(dtype, 1, 10, 500);
            TensorData gradW = TensorData.zeros(dtype, 1, 500, 500);
            // a training step's three products: x @ W (forward), grad @ Wᵀ and xᵀ @ grad (backward)
            String[] names = {"10x500 @ 500x500", "10x500 @ (500x500)T", "(10x500)T @ 10x500"};
            TensorData[][] operands = {{x, w, out}, {x, w.permute(0, 2, 1), out}, {x.permute(0, 2, 1), x, gradW}};
            for (int q = 0; q < names.length; q++) {
                TensorData[] o = operands[q];
                double best = Double.MAX_VALUE;
                for (int rep = 0; rep < 40; rep++) {
                    long cpu = mx.getCurrentThreadCpuTime(), wall = System.nanoTime();
                    int calls = 0;
                    while (System.nanoTime() - wall < 50_000_000L) {
                        fast.matmul(o[0], o[1], o[2]);
                        calls++;
                    }
                    best = Math.min(best, (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / calls);
                }
                System.out.printf("matmul %s %s, 1 thread: %.1f us (thread CPU time, best of 40)%n", dtype, names[q], best);
            }
        }
    }

    private static void clock() {
        for (int round = 0; round < 5; round++) {
            double ghz = fmaChainGhz(200_000_000);
            System.out.printf("dependent fma: %.3f ns each, so about %.2f GHz at 4 cycles per fma (thread CPU time)%n", 4 / ghz, ghz);
        }
    }

    /** Keeps the FMA chains' results alive, so that C2 does not drop the chains. */
    private static double chainSink;

    /** The core's clock from a chain of {@code n} dependent FMAs (4 cycles each), by this thread's CPU time. */
    private static double fmaChainGhz(int n) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double acc = 0.5;
        long cpu = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            acc = Math.fma(acc, 1.0000001, 0.25);
        }
        long used = mx.getCurrentThreadCpuTime() - cpu;
        chainSink += acc;
        return 4.0 * n / used;
    }

    private static void sharing() {
        TileInL1 tile = new TileInL1();
        java.util.List<double[]> pairs = new java.util.ArrayList<>(); // {kernel GFLOP/s, clock GHz}
        long start = System.nanoTime();
        while (System.nanoTime() - start < 28_000_000_000L) {
            double gflops = tile.gflops(100_000_000L);
            double ghz = fmaChainGhz(5_000_000);
            if (System.nanoTime() - start > 3_000_000_000L) { // after the JIT's compiles
                pairs.add(new double[] {gflops, ghz});
            }
        }
        pairs.sort(java.util.Comparator.comparingDouble(p -> p[0]));
        System.out.printf("micro-kernel %dx%d in L1 beside a dependent FMA chain, %d pairs of 0.1 s, by deciles of the kernel's rate:%n",
                FloatMatmul.MR, FloatMatmul.NR, pairs.size());
        for (int d = 0; d < 10; d++) {
            int from = d * pairs.size() / 10, to = (d + 1) * pairs.size() / 10;
            double g = 0, h = 0;
            for (int i = from; i < to; i++) {
                g += pairs.get(i)[0];
                h += pairs.get(i)[1];
            }
            System.out.printf("  decile %d: kernel %5.1f GFLOP/s, clock %.2f GHz%n", d + 1, g / (to - from), h / (to - from));
        }
    }

    private static double elementwise(Runnable op, int grain) {
        int saved = FastOps.grain;
        FastOps.grain = grain;
        try {
            return median(op);
        } finally {
            FastOps.grain = saved;
        }
    }

    private static double matmul(Runnable op, long grain) {
        long saved = FastMatmul.grain;
        FastMatmul.grain = grain;
        try {
            return median(op);
        } finally {
            FastMatmul.grain = saved;
        }
    }

    private static double median(Runnable op) {
        for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) {
            op.run(); // warm up (C2 compiles the Vector API loops)
        }
        double[] perCall = new double[21];
        for (int rep = 0; rep < perCall.length; rep++) {
            long start = System.nanoTime();
            int calls = 0;
            while (System.nanoTime() - start < 20_000_000L) {
                op.run();
                calls++;
            }
            perCall[rep] = (System.nanoTime() - start) / (double) calls;
        }
        Arrays.sort(perCall);
        return perCall[perCall.length / 2];
    }


    // ---- loops: generated per-op loops against one generic loop ----------------------------------

    /** An op's vector expression as a function: what a generic loop would take. */
    private interface VectorExpression {
        jdk.incubator.vector.FloatVector apply(jdk.incubator.vector.FloatVector x);
    }

    private static final jdk.incubator.vector.VectorSpecies<Float> S = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
    private static final VectorExpression RELU = x -> jdk.incubator.vector.FloatVector.zero(S).blend(x, x.compare(jdk.incubator.vector.VectorOperators.GT, 0));
    private static final VectorExpression NEG = jdk.incubator.vector.FloatVector::neg;
    private static final VectorExpression EXP = x -> x.lanewise(jdk.incubator.vector.VectorOperators.EXP);
    private static final VectorExpression SQRT = x -> x.lanewise(jdk.incubator.vector.VectorOperators.SQRT);

    private static void genericLoop(VectorExpression op, float[] in, float[] out, int n) {
        for (int i = 0, bound = S.loopBound(n); i < bound; i += S.length()) {
            op.apply(jdk.incubator.vector.FloatVector.fromArray(S, in, i)).intoArray(out, i);
        }
    }

    private static void reluGeneric(float[] in, float[] out, int n) { genericLoop(RELU, in, out, n); }

    private static void negGeneric(float[] in, float[] out, int n) { genericLoop(NEG, in, out, n); }

    private static void expGeneric(float[] in, float[] out, int n) { genericLoop(EXP, in, out, n); }

    private static void sqrtGeneric(float[] in, float[] out, int n) { genericLoop(SQRT, in, out, n); }

    private static void loops() {
        int n = 1 << 16;
        float[] in = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = (float) Math.sin(i);
        }
        UnaryOp[] ops = {UnaryOp.RELU, UnaryOp.NEG, UnaryOp.EXP, UnaryOp.SQRT};
        VectorExpression[] lambdas = {RELU, NEG, EXP, SQRT};
        Runnable[] perOp = {() -> reluGeneric(in, out, n), () -> negGeneric(in, out, n),
                () -> expGeneric(in, out, n), () -> sqrtGeneric(in, out, n)};
        double[][] best = new double[3][ops.length];
        for (double[] row : best) {
            Arrays.fill(row, Double.MAX_VALUE);
        }
        for (int round = 0; round < 30; round++) {
            for (int k = 0; k < ops.length; k++) {
                UnaryOp op = ops[k];
                VectorExpression lambda = lambdas[k];
                best[0][k] = Math.min(best[0][k], nsPerElement(() -> FloatElementwise.mapDense(op, in, 0, out, 0, n), n));
                best[1][k] = Math.min(best[1][k], nsPerElement(() -> genericLoop(lambda, in, out, n), n));
                best[2][k] = Math.min(best[2][k], nsPerElement(perOp[k], n));
            }
        }
        System.out.println("map f32, one thread, 65536 elements: ns per element (best of 30 rounds)");
        for (int k = 0; k < ops.length; k++) {
            System.out.printf("  %-5s generated loop %.3f   generic loop + lambda %.3f (%.1f×)   per-op method calling the generic loop %.3f (%.1f×)%n",
                    ops[k], best[0][k], best[1][k], best[1][k] / best[0][k], best[2][k], best[2][k] / best[0][k]);
        }
    }

    private static double nsPerElement(Runnable call, int n) {
        long t0 = System.nanoTime();
        for (int r = 0; r < 200; r++) {
            call.run();
        }
        return (System.nanoTime() - t0) / 200.0 / n;
    }
}
