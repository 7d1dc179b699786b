package minitorch.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import minitorch.autodiff.Autodiff;
import minitorch.scalar.Scalar;

/**
 * Module 0's Math Sandbox (an {@code Operators} function and its central-difference derivative) and
 * Module 1's Scalar Sandbox (an expression through {@link Scalar}s, its derivative by backpropagation beside
 * the central difference).
 */
final class MathPages {
    private MathPages() {}

    static Object functions(Query q) {
        return OperatorFunctions.ALL.stream().map(e -> Map.of("name", e.name(), "arity", e.arity())).toList();
    }

    /**
     * One-argument function: f and f' at n points of [lo, hi]. Two-argument function: f on an n x n grid
     * (a heat map), with x along the columns and y along the rows.
     */
    static Object math(Query q) {
        OperatorFunctions.Entry fn = OperatorFunctions.named(q.string("fn"));
        double lo = q.number("lo", -5);
        double hi = q.number("hi", 5);
        if (!(hi > lo)) {
            throw new BadRequest("the range must have lo < hi, got lo " + lo + ", hi " + hi);
        }
        int n = q.integer("n", fn.arity() == 1 ? 201 : 41, 2, 1001);
        double[] xs = linspace(lo, hi, n);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", fn.name());
        out.put("arity", fn.arity());
        out.put("xs", xs);
        if (fn.arity() == 1) {
            double[] f = new double[n];
            double[] df = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = fn.apply(xs[i]);
                df[i] = Autodiff.centralDifference(v -> fn.apply(v[0]), new double[] {xs[i]}, 0);
            }
            out.put("f", f);
            out.put("derivative", df);
        } else {
            List<double[]> grid = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                double[] row = new double[n];
                for (int c = 0; c < n; c++) {
                    row[c] = fn.apply(xs[c], xs[r]);
                }
                grid.add(row);
            }
            out.put("grid", grid);
        }
        return out;
    }

    /**
     * The Scalar Sandbox: {@code expr} over x (and y). With x only: f(x), the derivative from backward and
     * the central difference at x = i - 50 + 1e-5 for i = 1..99, as in the original. With y: surfaces of f,
     * df/dx and df/dy over a grid.
     */
    static Object scalar(Query q) {
        Expression expr = Expression.parse(q.string("expr", ""));
        boolean twoArgs = mentions(expr, "y");
        if (mentions(expr, "z")) {
            throw new BadRequest("the Scalar Sandbox plots functions of x, or of x and y; this expression uses z");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("twoArguments", twoArgs);
        if (!twoArgs) {
            double[] xs = new double[99];
            double[] f = new double[99];
            double[] backward = new double[99];
            double[] central = new double[99];
            for (int i = 1; i <= 99; i++) {
                double x = i - 50 + 1e-5;
                xs[i - 1] = x;
                double[] fd = valueAndGradient(expr, x, 0);
                f[i - 1] = fd[0];
                backward[i - 1] = fd[1];
                central[i - 1] = Autodiff.centralDifference(v -> valueAndGradient(expr, v[0], 0)[0], new double[] {x}, 0);
            }
            out.put("xs", xs);
            out.put("f", f);
            out.put("backward", backward);
            out.put("central", central);
        } else {
            int n = 25;
            double[] xs = linspace(-5, 5, n);
            List<double[]> f = new ArrayList<>();
            List<double[]> dx = new ArrayList<>();
            List<double[]> dy = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                double[] fr = new double[n];
                double[] dxr = new double[n];
                double[] dyr = new double[n];
                for (int c = 0; c < n; c++) {
                    double[] g = valueAndGradient(expr, xs[c], xs[r]);
                    fr[c] = g[0];
                    dxr[c] = g[1];
                    dyr[c] = g[2];
                }
                f.add(fr);
                dx.add(dxr);
                dy.add(dyr);
            }
            out.put("xs", xs);
            out.put("f", f);
            out.put("dx", dx);
            out.put("dy", dy);
        }
        return out;
    }

    /** f(x, y) and its derivatives with respect to x and y by backpropagation (0 where none flows). */
    static double[] valueAndGradient(Expression expr, double x, double y) {
        ScalarAlgebra algebra = new ScalarAlgebra(x, y, 0);
        Scalar out = expr.evaluate(algebra);
        if (!out.isConstant()) {
            out.backward();
        }
        return new double[] {out.data(), derivative(algebra.variable("x")), derivative(algebra.variable("y"))};
    }

    private static double derivative(Scalar s) { return s.derivative() == null ? 0 : s.derivative(); }

    static boolean mentions(Expression e, String variable) {
        return switch (e) {
            case Expression.Variable v -> v.name().equals(variable);
            case Expression.Constant c -> false;
            case Expression.Call c -> mentions(c.argument(), variable);
            case Expression.Binary b -> mentions(b.left(), variable) || mentions(b.right(), variable);
        };
    }

    static double[] linspace(double lo, double hi, int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = lo + (hi - lo) * i / (n - 1);
        }
        return xs;
    }
}
