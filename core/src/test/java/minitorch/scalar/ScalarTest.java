package minitorch.scalar;

import static minitorch.testing.TensorGens.oneOf;
import static minitorch.testing.TensorGens.smallDoubles;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import minitorch.autodiff.Autodiff;
import minitorch.operators.Operators;

/** The original's tests/test_scalar.py (§2.3): forward values and derivative checks of all twenty MathTest functions. */
class ScalarTest {

    static void assertClose(double expected, double actual, String what) {
        assertTrue(expected == actual || Operators.isClose(expected, actual) == 1.0, what + ": expected " + expected + " got " + actual);
    }

    /** The original's derivative_check: backward against central differences, rtol = atol = 1e-2. */
    static void assertDerivativeClose(double centralDifference, Double derivative, String what) {
        assertNotNull(derivative, what + ": no derivative reached the input");
        double tolerance = 1e-2 + 1e-2 * Math.abs(centralDifference);
        assertTrue(Math.abs(derivative - centralDifference) <= tolerance,
                what + ": backward gave " + derivative + ", central difference " + centralDifference);
    }

    @Test
    void simple() {
        theory().forAll(smallDoubles(), smallDoubles()).checkAssert((a, b) -> {
            assertClose(a + b, new Scalar(a).add(new Scalar(b)).data(), "add");
            assertClose(a * b, new Scalar(a).mul(new Scalar(b)).data(), "mul");
            assertClose(Operators.relu(a) + Operators.relu(b), new Scalar(a).relu().add(new Scalar(b).relu()).data(), "relu");
        });
    }

    @Test
    void oneArgs() {
        theory(400).forAll(oneOf(MathFunctions.ONE_ARG), smallDoubles()).checkAssert((fn, a) ->
                assertClose(fn.plain().applyAsDouble(a), fn.scalar().apply(new Scalar(a)).data(), fn.name()));
    }

    @Test
    void twoArgs() {
        theory(300).forAll(oneOf(MathFunctions.TWO_ARG), smallDoubles(), smallDoubles()).checkAssert((fn, a, b) ->
                assertClose(fn.plain().applyAsDouble(a, b), fn.scalar().apply(new Scalar(a), new Scalar(b)).data(), fn.name()));
    }

    @Test
    void oneDerivative() {
        theory(400).forAll(oneOf(MathFunctions.ONE_ARG), smallDoubles())
                .assuming((fn, a) -> java.util.Arrays.stream(fn.kinks()).allMatch(kink -> Math.abs(a - kink) > 1e-3))
                .checkAssert((fn, a) -> {
                    Scalar x = new Scalar(a);
                    fn.scalar().apply(x).backward();
                    double numeric = Autodiff.centralDifference(v -> fn.scalar().apply(new Scalar(v[0])).data(), new double[] {a}, 0);
                    assertDerivativeClose(numeric, x.derivative(), fn.name() + "(" + a + ")");
                });
    }

    @Test
    void twoDerivative() {
        theory(300).forAll(oneOf(MathFunctions.TWO_ARG), smallDoubles(), smallDoubles())
                .assuming((fn, a, b) -> {
                    double kink = fn.kink().applyAsDouble(a, b);
                    return Double.isNaN(kink) || Math.abs(kink) > 1e-3;
                })
                .checkAssert((fn, a, b) -> {
                    Scalar x = new Scalar(a);
                    Scalar y = new Scalar(b);
                    fn.scalar().apply(x, y).backward();
                    double[] vals = {a, b};
                    String what = fn.name() + "(" + a + ", " + b + ")";
                    assertDerivativeClose(Autodiff.centralDifference(
                            v -> fn.scalar().apply(new Scalar(v[0]), new Scalar(v[1])).data(), vals, 0), x.derivative(), what + " d/da");
                    assertDerivativeClose(Autodiff.centralDifference(
                            v -> fn.scalar().apply(new Scalar(v[0]), new Scalar(v[1])).data(), vals, 1), y.derivative(), what + " d/db");
                });
    }

    @Test
    void allTwentyMathFunctionsAreChecked() {
        assertEquals(14, MathFunctions.ONE_ARG.size());
        assertEquals(6, MathFunctions.TWO_ARG.size());
    }

    @Test
    void oracleExample() {
        // x = 2, y = 3, z = x*x*y + 10.0*x -> 32; dz/dx = 2xy + 10 = 22, dz/dy = x^2 = 4
        Scalar x = new Scalar(2.0);
        Scalar y = new Scalar(3.0);
        Scalar z = x.mul(x).mul(y).add(new Scalar(10.0).mul(x));
        assertEquals("Scalar(32.0)", z.toString());
        z.backward();
        assertEquals(22.0, x.derivative());
        assertEquals(4.0, y.derivative());
    }

    @Test
    void derivativesAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Scalar x = new Scalar(3.0);
        assertNull(x.derivative());
        x.mul(2.0).backward();
        x.mul(2.0).backward();
        assertEquals(4.0, x.derivative());
        x.zeroGrad();
        assertNull(x.derivative());
    }

    @Test
    void kindsOfScalar() {
        Scalar leaf = new Scalar(1.0);
        assertTrue(leaf.isLeaf());
        assertFalse(leaf.isConstant());
        Scalar c = Scalar.constant(2.0);
        assertTrue(c.isConstant());
        assertFalse(c.isLeaf());
        Scalar r = leaf.mul(c);
        assertFalse(r.isLeaf());
        assertSame(ScalarFunctions.MUL, r.history().lastFunction());
        assertEquals(List.of(leaf, c), r.parents());
        assertEquals("Mul", r.history().lastFunction().name());
        // Only constants in, a constant out: no graph is kept.
        assertTrue(c.add(c).isConstant());
        r.backward();
        assertEquals(2.0, leaf.derivative());
        assertNull(c.derivative(), "nothing flows into a constant");
        // A number given to an operation becomes a leaf, as in the original.
        Scalar w = leaf.add(5.0);
        assertTrue(w.parents().get(1).isLeaf());
    }

    @Test
    void comparisonsAndDerivedOperations() {
        Scalar a = new Scalar(2.0);
        Scalar b = new Scalar(3.0);
        assertEquals(1.0, a.lt(b).data());
        assertEquals(0.0, a.gt(b).data());
        assertEquals(1.0, b.gt(a).data());
        assertEquals(1.0, a.eq(2.0).data());
        assertEquals(-1.0, a.sub(b).data());
        assertEquals(2.0 / 3.0, a.div(b).data(), 1e-15);
        assertEquals(Math.log(2.0), a.log().data(), 1e-15);
        assertEquals(Math.exp(2.0), a.exp().data(), 1e-12);
        assertEquals(0.0, a.neg().relu().data());
        assertEquals(Operators.sigmoid(2.0), a.sigmoid().data());
    }

    @Test
    void misuseIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScalarFunctions.MUL.apply(new Scalar(1.0)));
        assertEquals("Mul takes 2 input(s), got 1", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Scalar(1.0).chainRule(1.0));
        Scalar r = new Scalar(1.0).add(1.0);
        assertThrows(IllegalStateException.class, () -> r.accumulateDerivative(1.0));
    }

    @Test
    void gtIsLtTurnedAroundAndStrict() {
        assertEquals(1.0, new Scalar(3).gt(2).data());
        assertEquals(0.0, new Scalar(3).gt(3).data());
        assertEquals(0.0, new Scalar(2).gt(new Scalar(3)).data());
    }
}
