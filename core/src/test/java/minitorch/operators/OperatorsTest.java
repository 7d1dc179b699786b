package minitorch.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import static minitorch.testing.TensorGens.lists;
import static minitorch.testing.TensorGens.smallDoubles;
import static minitorch.testing.TensorGens.theory;

import org.junit.jupiter.api.Test;

/** The original's tests/test_operators.py (§2.1): tasks 0.1, 0.2 (student-written laws) and 0.3. */
class OperatorsTest {

    /** The original's assert_close: |a - b| < 1e-2. */
    static void assertClose(double expected, double actual) {
        assertTrue(expected == actual || Operators.isClose(expected, actual) == 1.0, "Failure x=" + expected + " y=" + actual);
    }

    // ---- task 0.1 -----------------------------------------------------------------------------

    @Test
    void sameAsJava() {
        theory().forAll(smallDoubles(), smallDoubles()).checkAssert((x, y) -> {
            assertClose(x * y, Operators.mul(x, y));
            assertClose(x + y, Operators.add(x, y));
            assertClose(-x, Operators.neg(x));
            assertClose(Math.max(x, y), Operators.max(x, y));
            if (Math.abs(x) > 1e-5) {
                assertClose(1.0 / x, Operators.inv(x));
            }
        });
    }

    @Test
    void relu() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            if (a > 0) {
                assertEquals(a, Operators.relu(a));
            }
            if (a < 0) {
                assertEquals(0.0, Operators.relu(a));
            }
        });
    }

    @Test
    void reluBack() {
        theory().forAll(smallDoubles(), smallDoubles()).checkAssert((a, b) -> {
            if (a > 0) {
                assertEquals(b, Operators.reluBack(a, b));
            }
            if (a < 0) {
                assertEquals(0.0, Operators.reluBack(a, b));
            }
        });
    }

    @Test
    void id() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            assertEquals(a, Operators.id(a));
        });
    }

    @Test
    void lt() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            assertEquals(1.0, Operators.lt(a - 1.0, a));
            assertEquals(0.0, Operators.lt(a, a - 1.0));
        });
    }

    @Test
    void max() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            assertEquals(a, Operators.max(a - 1.0, a));
            assertEquals(a, Operators.max(a, a - 1.0));
            assertEquals(a + 1.0, Operators.max(a + 1.0, a));
            assertEquals(a + 1.0, Operators.max(a, a + 1.0));
        });
    }

    @Test
    void eq() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            assertEquals(1.0, Operators.eq(a, a));
            assertEquals(0.0, Operators.eq(a, a - 1.0));
            assertEquals(0.0, Operators.eq(a, a + 1.0));
        });
    }

    // ---- task 0.2: the laws the original asks students to test ----------------------------------

    @Test
    void sigmoidLaws() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            double s = Operators.sigmoid(a);
            assertTrue(s >= 0.0 && s <= 1.0, "sigmoid in [0, 1]");
            assertClose(1.0 - s, Operators.sigmoid(-a));
            assertTrue(Operators.sigmoid(a + 1.0) > s || s > 1.0 - 1e-15, "sigmoid strictly increasing");
        });
    }

    @Test
    void sigmoidCrossesHalfAtZeroAndIsStableForBothSigns() {
        assertEquals(0.5, Operators.sigmoid(0.0));
        assertEquals(0.8807970779778823, Operators.sigmoid(2.0), 1e-15);
        assertEquals(0.11920292202211755, Operators.sigmoid(-2.0), 1e-15);
        assertEquals(0.0, Operators.sigmoid(-1000.0));
        assertEquals(1.0, Operators.sigmoid(1000.0));
    }

    @Test
    void ltIsTransitive() {
        theory().forAll(smallDoubles(), smallDoubles(), smallDoubles()).checkAssert((a, b, c) -> {
            if (Operators.lt(a, b) == 1.0 && Operators.lt(b, c) == 1.0) {
                assertEquals(1.0, Operators.lt(a, c));
            }
        });
    }

    @Test
    void mulIsSymmetric() {
        theory().forAll(smallDoubles(), smallDoubles()).checkAssert((a, b) -> {
            assertEquals(Operators.mul(a, b), Operators.mul(b, a));
        });
    }

    @Test
    void mulDistributesOverAdd() {
        theory().forAll(smallDoubles(), smallDoubles(), smallDoubles()).checkAssert((x, y, z) -> {
            assertClose(Operators.mul(z, Operators.add(x, y)),
                    Operators.add(Operators.mul(z, x), Operators.mul(z, y)));
        });
    }

    /** test_other: negation is an involution, and exp and log are inverses. */
    @Test
    void negationAndExpLogInvert() {
        theory().forAll(smallDoubles()).checkAssert(a -> {
            assertEquals(a, Operators.neg(Operators.neg(a)));
            if (a > 1e-3 && a < 50) { // where exp and log are both well conditioned
                assertClose(a, Operators.log(Operators.exp(a)));
                assertClose(a, Operators.exp(Operators.log(a)));
            }
        });
    }

    // ---- task 0.3 -----------------------------------------------------------------------------

    @Test
    void zipWith() {
        theory().forAll(smallDoubles(), smallDoubles(), smallDoubles(), smallDoubles()).checkAssert((a, b, c, d) -> {
            List<Double> sums = Operators.addLists(List.of(a, b), List.of(c, d));
            assertClose(a + c, sums.get(0));
            assertClose(b + d, sums.get(1));
        });
    }

    @Test
    void sumDistributes() {
        theory().forAll(lists(smallDoubles(), 5, 5), lists(smallDoubles(), 5, 5)).checkAssert((ls1, ls2) ->
                assertClose(Operators.sum(ls1) + Operators.sum(ls2), Operators.sum(Operators.addLists(ls1, ls2))));
    }

    @Test
    void sumMatchesLoop() {
        theory().forAll(lists(smallDoubles(), 0, 20)).checkAssert(ls -> {
            double expected = 0;
            for (double x : ls) {
                expected += x;
            }
            assertClose(expected, Operators.sum(ls));
        });
    }

    @Test
    void prod() {
        theory().forAll(smallDoubles(), smallDoubles(), smallDoubles()).checkAssert((x, y, z) -> {
            assertClose(x * y * z, Operators.prod(List.of(x, y, z)));
        });
    }

    @Test
    void negList() {
        theory().forAll(lists(smallDoubles(), 0, 20)).checkAssert(ls -> {
            List<Double> negated = Operators.negList(ls);
            assertEquals(ls.size(), negated.size());
            for (int i = 0; i < ls.size(); i++) {
                assertClose(-ls.get(i), negated.get(i));
            }
        });
    }

    @Test
    void reduceFoldsFromTheLeftWithTheElementFirst() {
        List<String> calls = new ArrayList<>();
        double out = Operators.reduce((x, acc) -> {
            calls.add(x + "," + acc);
            return x - acc;
        }, 0.0).apply(List.of(1.0, 2.0, 3.0));
        assertEquals(List.of("1.0,0.0", "2.0,1.0", "3.0,1.0"), calls);
        assertEquals(2.0, out);
        assertEquals(0.0, Operators.sum(List.of()));
        assertEquals(1.0, Operators.prod(List.of()));
    }

    @Test
    void zipWithRejectsListsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Operators.addLists(List.of(1.0), List.of(1.0, 2.0)));
        assertTrue(e.getMessage().contains("1 and 2"), e.getMessage());
    }

    // ---- the backward helpers (unmarked test_backs) and the oracle's exact values -------------------

    @Test
    void backs() {
        theory().forAll(smallDoubles(), smallDoubles()).checkAssert((a, b) -> {
            assertEquals(a > 0 ? b : 0.0, Operators.reluBack(a, b));
            assertClose(b / (Math.abs(a) + 4), Operators.logBack(Math.abs(a) + 4, b));
            if (Math.abs(a + 2.4) > 1e-3) { // 1/x has no derivative at 0
                assertClose(-b / ((a + 2.4) * (a + 2.4)), Operators.invBack(a + 2.4, b));
            }
        });
    }

    @Test
    void exactValues() {
        assertEquals(-0.75, Operators.invBack(2, 3));
        assertEquals(0.0, Operators.reluBack(0, 5));
        assertEquals(0.0, Operators.relu(0));
        assertEquals(0.0, Operators.log(1.0)); // the exact log, not the 2022 stub's log(x + 1e-6)
        assertEquals(1.0, Operators.isClose(1.0, 1.009));
        assertEquals(0.0, Operators.isClose(1.0, 1.01));
    }

    /** The comparisons' exact edges and signed zeros, as the original's {@code <}, {@code >} and {@code abs(x - y) < 1e-2}. */
    @Test
    void exactEdges() {
        assertEquals(0.0, Operators.lt(2.0, 2.0), "lt is strict");
        assertEquals(0.0, Operators.isClose(0.0, 0.01), "isClose is strict: a difference of exactly the tolerance is not close");
        assertEquals(1.0, Operators.isClose(0.0, 0.0078125));
        assertEquals(0.0, Operators.relu(-0.0), "relu(-0.0) is +0.0, as x > 0 is false");
        assertEquals(0.25, Operators.sigmoidBack(0.0, 1.0), "s (1 - s) at 0");
        double s = Operators.sigmoid(2.0);
        assertEquals(3.0 * s * (1.0 - s), Operators.sigmoidBack(2.0, 3.0), 1e-15);
    }
}
