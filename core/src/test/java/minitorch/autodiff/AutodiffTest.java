package minitorch.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import minitorch.operators.Operators;
import minitorch.scalar.Scalar;
import minitorch.scalar.ScalarFunction;
import minitorch.scalar.ScalarHistory;

/** The original's tests/test_autodiff.py and task 1.1 (§2.3), with Scalars as the variables. */
class AutodiffTest {

    /** f(x, y) = x + y + 10. */
    static final class Function1 extends ScalarFunction {
        Function1() { super(2); }

        @Override
        protected double forward(Context ctx, double... x) { return x[0] + x[1] + 10; }

        @Override
        protected double[] backward(Context ctx, double d) { return new double[] {d, d}; }
    }

    /** f(x, y) = x * y + x. */
    static final class Function2 extends ScalarFunction {
        Function2() { super(2); }

        @Override
        protected double forward(Context ctx, double... x) {
            ctx.saveForBackward(x[0], x[1]);
            return x[0] * x[1] + x[0];
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double x = ctx.saved(0);
            double y = ctx.saved(1);
            return new double[] {d * (y + 1), d * x};
        }
    }

    static final Function1 F1 = new Function1();
    static final Function2 F2 = new Function2();

    static void assertClose(double expected, double actual) {
        assertTrue(Operators.isClose(expected, actual) == 1.0, "expected " + expected + " got " + actual);
    }

    // ---- task 1.1 -------------------------------------------------------------------------------

    @Test
    void centralDifference() {
        assertClose(1.0, Autodiff.centralDifference(v -> Operators.id(v[0]), new double[] {5}, 0));
        assertClose(1.0, Autodiff.centralDifference(v -> Operators.add(v[0], v[1]), new double[] {5, 10}, 0));
        assertClose(10.0, Autodiff.centralDifference(v -> Operators.mul(v[0], v[1]), new double[] {5, 10}, 0));
        assertClose(5.0, Autodiff.centralDifference(v -> Operators.mul(v[0], v[1]), new double[] {5, 10}, 1));
        assertClose(Math.exp(2.0), Autodiff.centralDifference(v -> Operators.exp(v[0]), new double[] {2}, 0));
        assertThrows(IllegalArgumentException.class, () -> Autodiff.centralDifference(v -> v[0], new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Autodiff.centralDifference(v -> v[0], new double[] {1}, 0, 0.0));
    }

    // ---- task 1.3: chain rule ------------------------------------------------------------------

    @Test
    void chainRule1() {
        Scalar x = new Scalar(0.0);
        Scalar constant = new Scalar(0.0, new ScalarHistory(F1, new Context(), List.of(x, x)));
        assertEquals(2, constant.chainRule(5.0).size());
    }

    @Test
    void chainRule2() {
        Scalar var = new Scalar(0.0, ScalarHistory.LEAF);
        Scalar constant = new Scalar(0.0, new ScalarHistory(F1, new Context(), List.of(var, var)));
        List<Variable.Derivative<Double>> back = constant.chainRule(5.0);
        assertEquals(2, back.size());
        assertSame(var, back.get(0).variable());
        assertEquals(5.0, back.get(0).value());
    }

    @Test
    void chainRule3() {
        // A plain number given to a function becomes a leaf: two derivatives come back.
        Scalar var = new Scalar(5);
        Scalar y = F2.apply(new Scalar(10), var);
        List<Variable.Derivative<Double>> back = y.chainRule(5.0);
        assertEquals(2, back.size());
        assertSame(var, back.get(1).variable());
        assertEquals(5.0 * 10, back.get(1).value());
    }

    @Test
    void chainRule4() {
        Scalar var1 = new Scalar(5);
        Scalar var2 = new Scalar(10);
        Scalar y = F2.apply(var1, var2);
        List<Variable.Derivative<Double>> back = y.chainRule(5.0);
        assertEquals(2, back.size());
        assertSame(var1, back.get(0).variable());
        assertEquals(5.0 * (10 + 1), back.get(0).value());
        assertSame(var2, back.get(1).variable());
        assertEquals(5.0 * 5, back.get(1).value());
    }

    @Test
    void chainRuleSkipsConstants() {
        Scalar var = new Scalar(5);
        List<Variable.Derivative<Double>> back = F2.apply(Scalar.constant(10), var).chainRule(5.0);
        assertEquals(1, back.size());
        assertSame(var, back.getFirst().variable());
    }

    // ---- task 1.4: backpropagation ---------------------------------------------------------------

    @Test
    void backprop1() {
        Scalar var = new Scalar(0);
        Scalar var2 = F1.apply(new Scalar(0), var);
        var2.backward(5);
        assertEquals(5.0, var.derivative());
    }

    @Test
    void backprop2() {
        Scalar var = new Scalar(0);
        Scalar var2 = F1.apply(new Scalar(0), var);
        Scalar var3 = F1.apply(new Scalar(0), var2);
        var3.backward(5);
        assertEquals(5.0, var.derivative());
    }

    @Test
    void backprop3() {
        Scalar var1 = new Scalar(0);
        Scalar var2 = F1.apply(new Scalar(0), var1);
        Scalar var3 = F1.apply(new Scalar(0), var1);
        Scalar var4 = F1.apply(var2, var3);
        var4.backward(5);
        assertEquals(10.0, var1.derivative());
    }

    @Test
    void backprop4() {
        Scalar var0 = new Scalar(0);
        Scalar var1 = F1.apply(new Scalar(0), var0);
        Scalar var2 = F1.apply(new Scalar(0), var1);
        Scalar var3 = F1.apply(new Scalar(0), var1);
        Scalar var4 = F1.apply(var2, var3);
        var4.backward(5);
        assertEquals(10.0, var0.derivative());
    }

    // ---- topological order -------------------------------------------------------------------------

    @Test
    void topologicalSortPutsEveryNodeBeforeItsInputsAndSkipsConstants() {
        Scalar x = new Scalar(1.0);
        Scalar c = Scalar.constant(2.0);
        Scalar a = x.mul(c);
        Scalar b = x.add(a);
        Scalar out = a.mul(b);
        List<Variable<Double>> order = Autodiff.topologicalSort(out);
        assertSame(out, order.getFirst());
        assertEquals(4, order.size(), "out, b, a, x: each once, the constant left out");
        for (int i = 0; i < order.size(); i++) {
            for (Variable<Double> parent : order.get(i).parents()) {
                if (!parent.isConstant()) {
                    assertTrue(order.indexOf(parent) > i, "an input comes after its user");
                }
            }
        }
        assertTrue(Autodiff.topologicalSort(c).isEmpty());
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Scalar x = new Scalar(1.0);
        Scalar y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(1.0);
        }
        y.backward();
        assertEquals(1.0, x.derivative());
        assertEquals(100_001.0, y.data());
    }
}
