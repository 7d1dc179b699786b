package minitorch.bench;

import java.util.Arrays;
import java.util.Locale;
import minitorch.tensor.DType;

/**
 * One measured operation: what it computes, on which shapes and dtype, and how much work one call is.
 * Every peer builds its inputs from {@link #input} so that all of them compute on the same numbers and
 * their results can be compared (see {@link Result#agrees}).
 *
 * @param kind   which family the operation belongs to (decides the unit of the table)
 * @param op     the operation's name: matmul, relu, exp, sigmoid, add, broadcast-add, sum
 * @param dtype  float32 or float64
 * @param shapeA the first input's shape (matmul: (batch, n, k))
 * @param shapeB the second input's shape, or null for one-input operations
 * @param dim    the reduced dimension for sum, else -1
 */
public record Workload(Kind kind, String op, DType dtype, int[] shapeA, int[] shapeB, int dim) {

    /** The table groups and the unit each reports in. */
    public enum Kind {
        MATMUL("GFLOP/s", true), MAP("ns/elem", false), ZIP("ns/elem", false), REDUCE("ns/elem", false);

        public final String unit;
        /** True when bigger numbers are better (a rate), false for a time per element. */
        public final boolean higherIsBetter;

        Kind(String unit, boolean higherIsBetter) {
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }
    }

    public static Workload matmul(DType dtype, int batch, int n) {
        return new Workload(Kind.MATMUL, "matmul", dtype, new int[] {batch, n, n}, new int[] {batch, n, n}, -1);
    }

    public static Workload map(String op, DType dtype, int elements) {
        return new Workload(Kind.MAP, op, dtype, new int[] {elements}, null, -1);
    }

    public static Workload add(DType dtype, int elements) {
        return new Workload(Kind.ZIP, "add", dtype, new int[] {elements}, new int[] {elements}, -1);
    }

    /** (rows, cols) + (rows, 1): the column is reused along each row (stride 0 in the second input). */
    public static Workload broadcastAdd(DType dtype, int elements) {
        int[] square = square(elements);
        return new Workload(Kind.ZIP, "broadcast-add", dtype, square, new int[] {square[0], 1}, -1);
    }

    public static Workload sum(DType dtype, int elements, int dim) {
        return new Workload(Kind.REDUCE, "sum", dtype, square(elements), null, dim);
    }

    /** The most nearly square (rows, cols) with rows * cols close to {@code elements}. */
    static int[] square(int elements) {
        int side = (int) Math.round(Math.sqrt(elements));
        return new int[] {side, side};
    }

    /** The output's shape. */
    public int[] shapeOut() {
        return switch (kind) {
            case MATMUL -> new int[] {shapeA[0], shapeA[1], shapeB[2]};
            case MAP, ZIP -> shapeA.clone();
            case REDUCE -> {
                int[] out = shapeA.clone();
                out[dim] = 1;
                yield out;
            }
        };
    }

    /** Elements of the (largest) input: the "per element" of ns/elem. */
    public long elements() {
        return size(shapeA);
    }

    /** Floating-point operations of one call: 2·batch·n·k·m for matmul, one per element otherwise. */
    public double flops() {
        return kind == Kind.MATMUL ? 2.0 * shapeA[0] * shapeA[1] * shapeA[2] * shapeB[2] : elements();
    }

    /** Converts seconds per call into the table's unit. */
    public double score(double secondsPerCall) {
        return kind == Kind.MATMUL ? flops() / secondsPerCall / 1e9 : secondsPerCall * 1e9 / elements();
    }

    public String dtypeName() {
        return dtype == DType.FLOAT32 ? "f32" : "f64";
    }

    /** A short human label, e.g. "matmul 64x128x128" or "sum dim 0 1000x1000". */
    public String label() {
        return switch (kind) {
            case MATMUL -> shapeA[0] == 1 ? "matmul " + shapeA[1] + "²" : "bmm " + shapeA[0] + "×" + shapeA[1] + "²";
            case MAP -> op + " " + count(elements());
            case ZIP -> op.equals("add") ? "add " + count(elements())
                    : "bcast add " + shapeA[0] + "×" + shapeA[1] + "+" + shapeB[0] + "×1";
            case REDUCE -> "sum dim " + dim + " " + shapeA[0] + "×" + shapeA[1];
        };
    }

    private static String count(long n) {
        int exp = (int) Math.floor(Math.log10(n));
        return Math.pow(10, exp) == n ? "1e" + exp : Long.toString(n);
    }

    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /**
     * The deterministic input every peer uses: element i of input {@code which} (0 or 1) is a
     * multiplicative-hash value in [-0.5, 0.5). Python computes the same numbers in uint64 arithmetic
     * (see numpy_peer.py), so peers agree to rounding.
     */
    public static double input(int which, long i) {
        long h = ((i + which * 1_000_003L) * 2_654_435_761L) & 0xFFFF_FFFFL;
        return h / 4_294_967_296.0 - 0.5;
    }

    public static double[] inputArray(int which, long size) {
        double[] x = new double[Math.toIntExact(size)];
        for (int i = 0; i < x.length; i++) x[i] = input(which, i);
        return x;
    }

    public static float[] inputFloats(int which, long size) {
        float[] x = new float[Math.toIntExact(size)];
        for (int i = 0; i < x.length; i++) x[i] = (float) input(which, i);
        return x;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s", label(), dtypeName(),
                shapeB == null ? Arrays.toString(shapeA) : Arrays.toString(shapeA) + "," + Arrays.toString(shapeB));
    }
}
