package minitorch.operators;

import static minitorch.testing.BadInput.gives;
import static minitorch.testing.BadInput.rejects;

import java.util.List;
import java.util.stream.Stream;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad inputs to the float operators (task 0.1/0.3). The operators follow the original's Python
 * definitions exactly, so NaN and infinities give what Python gives: relu and max compare with
 * {@code >}, so a NaN argument compared first loses (relu(NaN) = 0, max(NaN, 1) = 1) while one compared
 * second wins (max(1, NaN) = NaN). These results are documented here, not errors.
 */
class OperatorsBadInputsTest {
    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return BadInput.run(List.of(
                rejects("zipWith of lists of different lengths", IllegalArgumentException.class,
                        () -> Operators.addLists(List.of(1.0), List.of(1.0, 2.0)), "zipWith", "1 and 2"),
                rejects("zipWith of an empty and a full list", IllegalArgumentException.class,
                        () -> Operators.zipWith(Operators::mul).apply(List.of(), List.of(3.0)), "zipWith", "0 and 1"),
                gives("sum of no values is 0", 0.0, () -> Operators.sum(List.of())),
                gives("prod of no values is 1", 1.0, () -> Operators.prod(List.of())),
                gives("mul NaN", NAN, () -> Operators.mul(NAN, 2)),
                gives("mul 0 * inf is NaN", NAN, () -> Operators.mul(0, INF)),
                gives("add inf + -inf is NaN", NAN, () -> Operators.add(INF, -INF)),
                gives("neg NaN", NAN, () -> Operators.neg(NAN)),
                gives("neg 0 is -0", -0.0, () -> Operators.neg(0.0)),
                gives("lt NaN, 1 is false", 0.0, () -> Operators.lt(NAN, 1)),
                gives("lt 1, NaN is false", 0.0, () -> Operators.lt(1, NAN)),
                gives("eq NaN, NaN is false", 0.0, () -> Operators.eq(NAN, NAN)),
                gives("eq inf, inf is true", 1.0, () -> Operators.eq(INF, INF)),
                gives("max NaN first loses", 1.0, () -> Operators.max(NAN, 1)),
                gives("max NaN second wins", NAN, () -> Operators.max(1, NAN)),
                gives("isClose inf, inf is false (inf - inf is NaN)", 0.0, () -> Operators.isClose(INF, INF)),
                gives("isClose NaN, NaN is false", 0.0, () -> Operators.isClose(NAN, NAN)),
                gives("sigmoid NaN", NAN, () -> Operators.sigmoid(NAN)),
                gives("sigmoid inf", 1.0, () -> Operators.sigmoid(INF)),
                gives("sigmoid -inf", 0.0, () -> Operators.sigmoid(-INF)),
                gives("relu NaN is 0 (x > 0 is false)", 0.0, () -> Operators.relu(NAN)),
                gives("relu inf", INF, () -> Operators.relu(INF)),
                gives("log 0 is -inf", -INF, () -> Operators.log(0)),
                gives("log -1 is NaN", NAN, () -> Operators.log(-1)),
                gives("exp 1000 overflows to inf", INF, () -> Operators.exp(1000)),
                gives("exp -inf is 0", 0.0, () -> Operators.exp(-INF)),
                gives("inv 0 is inf", INF, () -> Operators.inv(0.0)),
                gives("inv -0 is -inf", -INF, () -> Operators.inv(-0.0)),
                gives("logBack at 0 is inf", INF, () -> Operators.logBack(0.0, 1)),
                gives("invBack at 0 is -inf", -INF, () -> Operators.invBack(0.0, 1)),
                gives("reluBack at NaN passes nothing", 0.0, () -> Operators.reluBack(NAN, 5)),
                gives("reluBack of a NaN gradient where x > 0 passes NaN", NAN, () -> Operators.reluBack(1, NAN)),
                gives("sigmoidBack at inf is 0", 0.0, () -> Operators.sigmoidBack(INF, 1)),
                gives("sigmoidBack at NaN", NAN, () -> Operators.sigmoidBack(NAN, 1))));
    }
}
