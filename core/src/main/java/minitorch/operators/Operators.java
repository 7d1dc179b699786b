package minitorch.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.BiFunction;

/**
 * Module 0: the float operators every higher layer is built from, and the small functional toolkit
 * (map, zipWith, reduce) the original asks students to write. All functions are static and act on
 * {@code double}; comparisons return 1.0 or 0.0 so they compose with arithmetic.
 */
public final class Operators {
    private Operators() {}

    /** Tolerance of {@link #isClose}: the original's {@code assert_close} tolerance. */
    public static final double CLOSE_TOLERANCE = 1e-2;

    public static double mul(double x, double y) { return x * y; }

    public static double id(double x) { return x; }

    public static double add(double x, double y) { return x + y; }

    public static double neg(double x) { return -x; }

    public static double lt(double x, double y) { return x < y ? 1.0 : 0.0; }

    public static double eq(double x, double y) { return x == y ? 1.0 : 0.0; }

    public static double max(double x, double y) { return x > y ? x : y; }

    public static double isClose(double x, double y) { return Math.abs(x - y) < CLOSE_TOLERANCE ? 1.0 : 0.0; }

    /** Sigmoid computed so that neither branch overflows: exp is only ever taken of a non-positive number. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    public static double relu(double x) { return x > 0 ? x : 0.0; }

    /** The exact natural logarithm (the original's 2022 stub added 1e-6; DESIGN.md asks for the exact one). */
    public static double log(double x) { return Math.log(x); }

    public static double exp(double x) { return Math.exp(x); }

    /** d/dx log(x) times d. */
    public static double logBack(double x, double d) { return d / x; }

    public static double inv(double x) { return 1.0 / x; }

    /** The square root; NaN below 0. */
    public static double sqrt(double x) { return Math.sqrt(x); }

    /** d·d/dx sqrt(x) = d / (2 sqrt(x)). */
    public static double sqrtBack(double x, double d) { return d / (2 * Math.sqrt(x)); }

    /** x raised to the power y ({@link Math#pow}). */
    public static double pow(double x, double y) { return Math.pow(x, y); }

    /** d/dx (1/x) times d. */
    public static double invBack(double x, double d) { return -d / (x * x); }

    /** d/dx relu(x) times d (the derivative at 0 is taken as 0). */
    public static double reluBack(double x, double d) { return x > 0 ? d : 0.0; }

    /** d/dx sigmoid(x) times d. */
    public static double sigmoidBack(double x, double d) {
        double s = sigmoid(x);
        return d * s * (1.0 - s);
    }

    // ---- functional helpers (Task 0.3) -------------------------------------------------------

    /** Higher-order map: returns a function applying {@code fn} to each element of a list. */
    public static Function<List<Double>, List<Double>> map(DoubleUnaryOperator fn) {
        return ls -> {
            List<Double> out = new ArrayList<>(ls.size());
            for (double x : ls) {
                out.add(fn.applyAsDouble(x));
            }
            return out;
        };
    }

    /** Higher-order zip: combines two equally long lists element by element. */
    public static BiFunction<List<Double>, List<Double>, List<Double>> zipWith(DoubleBinaryOperator fn) {
        return (a, b) -> {
            if (a.size() != b.size()) {
                throw new IllegalArgumentException(
                        "zipWith: lists differ in length: " + a.size() + " and " + b.size());
            }
            List<Double> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(fn.applyAsDouble(a.get(i), b.get(i)));
            }
            return out;
        };
    }

    /** Higher-order reduce: folds a list from the left, starting at {@code start}: fn(x_n, ... fn(x_1, start)). */
    public static Function<List<Double>, Double> reduce(DoubleBinaryOperator fn, double start) {
        return ls -> {
            double acc = start;
            for (double x : ls) {
                acc = fn.applyAsDouble(x, acc);
            }
            return acc;
        };
    }

    public static List<Double> negList(List<Double> ls) { return map(Operators::neg).apply(ls); }

    public static List<Double> addLists(List<Double> a, List<Double> b) { return zipWith(Operators::add).apply(a, b); }

    public static double sum(List<Double> ls) { return reduce(Operators::add, 0.0).apply(ls); }

    public static double prod(List<Double> ls) { return reduce(Operators::mul, 1.0).apply(ls); }
}
