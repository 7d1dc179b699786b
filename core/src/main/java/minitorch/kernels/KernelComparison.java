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
 * Each time is the median of {@code repeats} single calls after {@code warmups} untimed ones (the
 * first calls of a JIT-compiled method run in the interpreter).
 */
public final class KernelComparison {
    private KernelComparison() {}

    /** One line of the table: {@code speedup} is the baseline's time over this method's. */
    public record Row(String kernel, String method, String dtype, double micros, double speedup, String check) {}

    /** What to measure and how often. */
    public record Settings(int matmulSize, int reluElements, int block, int workers, int warmups, int repeats, long seed) {
        public static final Settings DEFAULT = new Settings(256, 10_000, 32, 4, 3, 7, 42);
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
        double base = median(s, () -> MatmulKernels.baseline(ad, bd, n, n, n));
        rows.add(new Row(mm, "baseline (triple loop)", "f64", base, 1, "reference"));
        double[] blocked = MatmulKernels.blocked(ad, bd, n, n, n, s.block());
        double t = median(s, () -> MatmulKernels.blocked(ad, bd, n, n, n, s.block()));
        rows.add(new Row(mm, "cache-blocked (block " + s.block() + ")", "f64", t, base / t, check(reference, blocked, 1e-10)));
        Tensor af = a.to(Backend.FAST).to(DType.FLOAT32).detach(), bf = b.to(Backend.FAST).to(DType.FLOAT32).detach();
        t = median(s, () -> af.matmul(bf));
        rows.add(new Row(mm, "FAST backend (packed SIMD, " + minitorch.backend.fast.FastBackend.threads() + " threads)",
                "f32", t, base / t, check(reference, af.matmul(bf).toDoubleArray(), 1e-2)));
        QuantizedTensor qa = QuantizedTensor.quantize(a), qb = QuantizedTensor.quantize(b);
        double sa = qa.scales()[0], sb = qb.scales()[0];
        t = median(s, () -> Quantization.quantizedMatmul(a, b, sa, sb));
        rows.add(new Row(mm, "quantized (quantize, int8·int8→int32, rescale)", "int8", t, base / t,
                error(reference, Quantization.quantizedMatmul(a, b, sa, sb).toDoubleArray())));
        byte[] a8 = qa.values(), bt8 = Int8Matmul.transpose(qb.values(), n, n);
        t = median(s, () -> Int8Matmul.simd(a8, bt8, n, n, n));
        rows.add(new Row(mm, "int8 kernel alone (SIMD, pre-quantized)", "int8", t, base / t, "as above"));

        float[] x = new float[s.reluElements()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] plain = VectorKernels.reluPlain(x);
        String relu = "relu " + x.length;
        double rbase = median(s, () -> VectorKernels.reluPlain(x));
        rows.add(new Row(relu, "plain loop", "f32", rbase, 1, "reference"));
        t = median(s, () -> VectorKernels.relu(x));
        rows.add(new Row(relu, "vectorized (" + VectorKernels.LANES + " lanes)", "f32", t, rbase / t, check(plain, VectorKernels.relu(x))));
        t = median(s, () -> ParallelKernels.relu(x, s.workers()));
        rows.add(new Row(relu, "parallel (" + s.workers() + " workers, new pool per call)", "f32", t, rbase / t,
                check(plain, ParallelKernels.relu(x, s.workers()))));
        double[] xd = new double[x.length];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = x[i];
        }
        Tensor xt = Tensor.of(Backend.FAST, DType.FLOAT32, xd, x.length);
        t = median(s, xt::relu);
        float[] fast = VectorKernels.floats(xt.relu());
        rows.add(new Row(relu, "FAST backend", "f32", t, rbase / t, check(plain, fast)));
        QuantizedTensor qx = QuantizedTensor.quantize(xt);
        t = median(s, qx::relu);
        double[] back = qx.relu().dequantize(Backend.SIMPLE).toDoubleArray();
        double[] plainD = new double[plain.length];
        for (int i = 0; i < plain.length; i++) {
            plainD[i] = plain[i];
        }
        rows.add(new Row(relu, "quantized (int8 relu, pre-quantized)", "int8", t, rbase / t, error(plainD, back)));
        return rows;
    }

    /** The median of {@code repeats} timed single calls, in microseconds, after the warm-up calls. */
    static double median(Settings s, Supplier<?> call) {
        for (int i = 0; i < s.warmups(); i++) {
            call.get();
        }
        double[] micros = new double[s.repeats()];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = Timed.time(call).micros();
        }
        Arrays.sort(micros);
        return micros[micros.length / 2];
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
