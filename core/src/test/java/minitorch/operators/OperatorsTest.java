package minitorch.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The original's tests/test_operators.py (§2.1): tasks 0.1, 0.2 (student-written laws) and 0.3. */
class OperatorsTest {

    /** The original's assert_close: |a - b| < 1e-2. */
    static void assertClose(double expected, double actual) {
        assertTrue(expected == actual || Operators.isClose(expected, actual) == 1.0, "Failure x=" + expected + " y=" + actual);
    }

    // ---- task 0.1 -----------------------------------------------------------------------------

    @Property
    void sameAsJava(@ForAll @DoubleRange(min = -100, max = 100) double x,
                    @ForAll @DoubleRange(min = -100, max = 100) double y) {
        assertClose(x * y, Operators.mul(x, y));
        assertClose(x + y, Operators.add(x, y));
        assertClose(-x, Operators.neg(x));
        assertClose(Math.max(x, y), Operators.max(x, y));
        if (Math.abs(x) > 1e-5) {
            assertClose(1.0 / x, Operators.inv(x));
        }
    }

    @Property
    void relu(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        if (a > 0) {
            assertEquals(a, Operators.relu(a));
        }
        if (a < 0) {
            assertEquals(0.0, Operators.relu(a));
        }
    }

    @Property
    void reluBack(@ForAll @DoubleRange(min = -100, max = 100) double a,
                  @ForAll @DoubleRange(min = -100, max = 100) double b) {
        if (a > 0) {
            assertEquals(b, Operators.reluBack(a, b));
        }
        if (a < 0) {
            assertEquals(0.0, Operators.reluBack(a, b));
        }
    }

    @Property
    void id(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        assertEquals(a, Operators.id(a));
    }

    @Property
    void lt(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        assertEquals(1.0, Operators.lt(a - 1.0, a));
        assertEquals(0.0, Operators.lt(a, a - 1.0));
    }

    @Property
    void max(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        assertEquals(a, Operators.max(a - 1.0, a));
        assertEquals(a, Operators.max(a, a - 1.0));
        assertEquals(a + 1.0, Operators.max(a + 1.0, a));
        assertEquals(a + 1.0, Operators.max(a, a + 1.0));
    }

    @Property
    void eq(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        assertEquals(1.0, Operators.eq(a, a));
        assertEquals(0.0, Operators.eq(a, a - 1.0));
        assertEquals(0.0, Operators.eq(a, a + 1.0));
    }

    // ---- task 0.2: the laws the original asks students to test ----------------------------------

    @Property
    void sigmoidLaws(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        double s = Operators.sigmoid(a);
        assertTrue(s >= 0.0 && s <= 1.0, "sigmoid in [0, 1]");
        assertClose(1.0 - s, Operators.sigmoid(-a));
        assertTrue(Operators.sigmoid(a + 1.0) > s || s > 1.0 - 1e-15, "sigmoid strictly increasing");
    }

    @Test
    void sigmoidCrossesHalfAtZeroAndIsStableForBothSigns() {
        assertEquals(0.5, Operators.sigmoid(0.0));
        assertEquals(0.8807970779778823, Operators.sigmoid(2.0), 1e-15);
        assertEquals(0.11920292202211755, Operators.sigmoid(-2.0), 1e-15);
        assertEquals(0.0, Operators.sigmoid(-1000.0));
        assertEquals(1.0, Operators.sigmoid(1000.0));
    }

    @Property
    void ltIsTransitive(@ForAll @DoubleRange(min = -100, max = 100) double a,
                        @ForAll @DoubleRange(min = -100, max = 100) double b,
                        @ForAll @DoubleRange(min = -100, max = 100) double c) {
        if (Operators.lt(a, b) == 1.0 && Operators.lt(b, c) == 1.0) {
            assertEquals(1.0, Operators.lt(a, c));
        }
    }

    @Property
    void mulIsSymmetric(@ForAll @DoubleRange(min = -100, max = 100) double a,
                        @ForAll @DoubleRange(min = -100, max = 100) double b) {
        assertEquals(Operators.mul(a, b), Operators.mul(b, a));
    }

    @Property
    void mulDistributesOverAdd(@ForAll @DoubleRange(min = -100, max = 100) double x,
                               @ForAll @DoubleRange(min = -100, max = 100) double y,
                               @ForAll @DoubleRange(min = -100, max = 100) double z) {
        assertClose(Operators.mul(z, Operators.add(x, y)),
                Operators.add(Operators.mul(z, x), Operators.mul(z, y)));
    }

    /** test_other: negation is an involution, and exp and log are inverses. */
    @Property
    void negationAndExpLogInvert(@ForAll @DoubleRange(min = -100, max = 100) double a) {
        assertEquals(a, Operators.neg(Operators.neg(a)));
        Assume.that(a > 1e-3 && a < 50);
        assertClose(a, Operators.log(Operators.exp(a)));
        assertClose(a, Operators.exp(Operators.log(a)));
    }

    // ---- task 0.3 -----------------------------------------------------------------------------

    @Property
    void zipWith(@ForAll @DoubleRange(min = -100, max = 100) double a, @ForAll @DoubleRange(min = -100, max = 100) double b,
                 @ForAll @DoubleRange(min = -100, max = 100) double c, @ForAll @DoubleRange(min = -100, max = 100) double d) {
        List<Double> sums = Operators.addLists(List.of(a, b), List.of(c, d));
        assertClose(a + c, sums.get(0));
        assertClose(b + d, sums.get(1));
    }

    @Provide
    Arbitrary<List<Double>> fiveFloats() {
        return Arbitraries.doubles().between(-100, 100).list().ofSize(5);
    }

    @Property
    void sumDistributes(@ForAll("fiveFloats") List<Double> ls1, @ForAll("fiveFloats") List<Double> ls2) {
        assertClose(Operators.sum(ls1) + Operators.sum(ls2), Operators.sum(Operators.addLists(ls1, ls2)));
    }

    @Property
    void sumMatchesLoop(@ForAll @Size(max = 20) List<@DoubleRange(min = -100, max = 100) Double> ls) {
        double expected = 0;
        for (double x : ls) {
            expected += x;
        }
        assertClose(expected, Operators.sum(ls));
    }

    @Property
    void prod(@ForAll @DoubleRange(min = -100, max = 100) double x, @ForAll @DoubleRange(min = -100, max = 100) double y,
              @ForAll @DoubleRange(min = -100, max = 100) double z) {
        assertClose(x * y * z, Operators.prod(List.of(x, y, z)));
    }

    @Property
    void negList(@ForAll @Size(max = 20) List<@DoubleRange(min = -100, max = 100) Double> ls) {
        List<Double> negated = Operators.negList(ls);
        assertEquals(ls.size(), negated.size());
        for (int i = 0; i < ls.size(); i++) {
            assertClose(-ls.get(i), negated.get(i));
        }
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

    @Property
    void backs(@ForAll @DoubleRange(min = -100, max = 100) double a, @ForAll @DoubleRange(min = -100, max = 100) double b) {
        assertEquals(a > 0 ? b : 0.0, Operators.reluBack(a, b));
        assertClose(b / (Math.abs(a) + 4), Operators.logBack(Math.abs(a) + 4, b));
        Assume.that(Math.abs(a + 2.4) > 1e-3); // 1/x has no derivative at 0
        assertClose(-b / ((a + 2.4) * (a + 2.4)), Operators.invBack(a + 2.4, b));
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
}
