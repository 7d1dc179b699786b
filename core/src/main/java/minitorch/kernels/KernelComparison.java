package minitorch.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * TinyTorch's {@code final_performance_test}: every kernel of the lab on one matmul (n×n randn) and
 * one relu (randn elements), each timed, compared with its baseline (speed-up) and checked against it.
 * Each time is the median (and the fastest) of {@code repeats} single calls after
 * {@link Timed#warmUp}: a method's first calls run in the interpreter, and the Vector API's classes
 * only become SIMD instructions once C2 has compiled them.
 */
public final class KernelComparison {
    private KernelComparison() {}

    /**
     * One line of the table: the median and the fastest of the timed calls, and {@code speedup}, the
     * baseline's time over this method's (by the median, or by the fastest with {@link Settings#best}).
     */
    public record Row(String kernel, String method, String dtype, double micros, double bestMicros, double speedup,
                      String check) {}

    /** A kernel's times: median and fastest call, in microseconds. */
    record Times(double median, double best) {}

    /** What to measure and how often. */
    public record Settings(int matmulSize, int reluElements, int block, int workers, int warmups,
                           double warmupSeconds, int repeats, long seed, boolean best) {
        public static final Settings DEFAULT = new Settings(256, 10_000, 32, 4, 20, 3.0, 7, 42, false);
    }

    public static List<Row> run(Settings s) {
        List<Row> rows = new ArrayList<>();
        Random random = new Random(s.seed());
        int n = s.matmulSize();
        Tensor a = Tensor.randn(random, Backend.SIMPLE, DType.FLOAT64, n, n);
        Tensor b = Tensor.randn(random, Backend.SIMPLE, DType.FLOAT64, n, n);
        double[] ad = a.toDoubleArray(), bd = b.toDoubleArray();
        double[] reference = MatmulKernels.baseline(ad, bd, n, n, n);

        String mm = "matmul " + n + "²";
        Times base = measure(s, () -> MatmulKernels.baseline(ad, bd, n, n, n));
        rows.add(row(s, mm, "baseline (triple loop)", "f64", base, base, "reference"));
        double[] blocked = MatmulKernels.blocked(ad, bd, n, n, n, s.block());
        Times t = measure(s, () -> MatmulKernels.blocked(ad, bd, n, n, n, s.block()));
        rows.add(row(s, mm, "cache-blocked (block " + s.block() + ")", "f64", t, base, check(reference, blocked, 1e-10)));
        Tensor af = a.to(Backend.FAST).to(DType.FLOAT32).detach(), bf = b.to(Backend.FAST).to(DType.FLOAT32).detach();
        t = measure(s, () -> af.matmul(bf));
        rows.add(row(s, mm, "FAST backend (packed SIMD, " + minitorch.ops.fast.FastOps.threads() + " threads)",
                "f32", t, base, check(reference, af.matmul(bf).toDoubleArray(), 1e-2)));
        QuantizedTensor qa = QuantizedTensor.quantize(a), qb = QuantizedTensor.quantize(b);
        double sa = qa.scales()[0], sb = qb.scales()[0];
        t = measure(s, () -> Quantization.quantizedMatmul(a, b, sa, sb));
        rows.add(row(s, mm, "quantized (quantize, int8·int8→int32, rescale)", "int8", t, base,
                error(reference, Quantization.quantizedMatmul(a, b, sa, sb).toDoubleArray())));
        byte[] a8 = qa.values(), bt8 = Int8Matmul.transpose(qb.values(), n, n);
        t = measure(s, () -> Int8Matmul.simd(a8, bt8, n, n, n));
        rows.add(row(s, mm, "int8 kernel alone (SIMD, pre-quantized)", "int8", t, base, "as above"));

        float[] x = new float[s.reluElements()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] plain = VectorKernels.reluPlain(x);
        String relu = "relu " + x.length;
        Times rbase = measure(s, () -> VectorKernels.reluPlain(x));
        rows.add(row(s, relu, "plain loop", "f32", rbase, rbase, "reference"));
        t = measure(s, () -> VectorKernels.relu(x));
        rows.add(row(s, relu, "vectorized (" + VectorKernels.LANES + " lanes)", "f32", t, rbase, check(plain, VectorKernels.relu(x))));
        t = measure(s, () -> ParallelKernels.relu(x, s.workers()));
        rows.add(row(s, relu, "parallel (" + s.workers() + " workers, new pool per call)", "f32", t, rbase,
                check(plain, ParallelKernels.relu(x, s.workers()))));
        double[] xd = new double[x.length];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = x[i];
        }
        Tensor xt = Tensor.of(Backend.FAST, DType.FLOAT32, xd, x.length);
        t = measure(s, xt::relu);
        float[] fast = VectorKernels.floats(xt.relu());
        rows.add(row(s, relu, "FAST backend", "f32", t, rbase, check(plain, fast)));
        QuantizedTensor qx = QuantizedTensor.quantize(xt);
        t = measure(s, qx::relu);
        double[] back = qx.relu().dequantize(Backend.SIMPLE).toDoubleArray();
        double[] plainD = new double[plain.length];
        for (int i = 0; i < plain.length; i++) {
            plainD[i] = plain[i];
        }
        rows.add(row(s, relu, "quantized (int8 relu, pre-quantized)", "int8", t, rbase, error(plainD, back)));
        return rows;
    }

    private static Row row(Settings s, String kernel, String method, String dtype, Times t, Times baseline, String check) {
        double speedup = s.best() ? baseline.best() / t.best() : baseline.median() / t.median();
        return new Row(kernel, method, dtype, t.median(), t.best(), speedup, check);
    }

    /** The median and fastest of {@code repeats} timed single calls, in microseconds, after {@link Timed#warmUp}. */
    static Times measure(Settings s, Supplier<?> call) {
        Timed.warmUp(call, s.warmups(), s.warmupSeconds());
        double[] micros = new double[s.repeats()];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = Timed.time(call).micros();
        }
        Arrays.sort(micros);
        return new Times(micros[micros.length / 2], micros[0]);
    }

    /** "ok" when every element is within rtol of the reference (plus rtol·max|reference| for values near 0). */
    private static String check(double[] reference, double[] actual, double rtol) {
        double scale = 0;
        for (double v : reference) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < reference.length; i++) {
            if (!(Math.abs(actual[i] - reference[i]) <= rtol * (Math.abs(reference[i]) + scale * 1e-3))) {
                return String.format(java.util.Locale.ROOT, "FAIL at %d: %.6g vs %.6g", i, actual[i], reference[i]);
            }
        }
        return "ok (rtol " + rtol + ")";
    }

    private static String check(float[] reference, float[] actual) {
        return Arrays.equals(reference, actual) ? "ok (identical)" : "FAIL";
    }

    /** Quantization is approximate: its relative error (‖q − ref‖ / ‖ref‖), flagged above 2%. */
    private static String error(double[] reference, double[] actual) {
        double diff = 0, norm = 0;
        for (int i = 0; i < reference.length; i++) {
            diff += (actual[i] - reference[i]) * (actual[i] - reference[i]);
            norm += reference[i] * reference[i];
        }
        double relative = Math.sqrt(diff / Math.max(norm, Double.MIN_NORMAL));
        return String.format(java.util.Locale.ROOT, "%s (rel. error %.2f%%)", relative <= 0.02 ? "ok" : "FAIL", 100 * relative);
    }
}
