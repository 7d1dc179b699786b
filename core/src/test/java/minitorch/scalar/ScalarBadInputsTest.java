package minitorch.scalar;

import static minitorch.testing.BadInput.check;
import static minitorch.testing.BadInput.gives;
import static minitorch.testing.BadInput.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import minitorch.autodiff.Autodiff;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad inputs to scalar autodiff. Calling backward twice accumulates (as PyTorch with retain_graph);
 * NaN and infinities flow through values and derivatives as the float operators define them.
 */
class ScalarBadInputsTest {
    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    /** {value, derivative} of fn at x. */
    static List<Double> valueAndDerivative(UnaryOperator<Scalar> fn, double x) {
        Scalar in = new Scalar(x);
        Scalar out = fn.apply(in);
        out.backward();
        return List.of(out.data(), in.derivative());
    }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return BadInput.run(List.of(
                rejects("backward on a constant", IllegalArgumentException.class,
                        () -> Scalar.constant(2).backward(), "backward", "Scalar(2.0)", "constant"),
                rejects("chainRule on a leaf", IllegalStateException.class,
                        () -> new Scalar(1).chainRule(1.0), "chainRule", "not produced by a function"),
                rejects("accumulateDerivative on a result", IllegalStateException.class,
                        () -> new Scalar(1).mul(new Scalar(2)).accumulateDerivative(1.0), "accumulateDerivative", "not a leaf"),
                rejects("centralDifference of an argument past the end", IllegalArgumentException.class,
                        () -> Autodiff.centralDifference(v -> v[0], new double[] {1}, 3), "centralDifference", "arg 3", "1 values"),
                rejects("centralDifference of a negative argument", IllegalArgumentException.class,
                        () -> Autodiff.centralDifference(v -> v[0], new double[] {1}, -1), "centralDifference", "arg -1"),
                rejects("centralDifference with epsilon 0", IllegalArgumentException.class,
                        () -> Autodiff.centralDifference(v -> v[0], new double[] {1}, 0, 0.0), "centralDifference", "epsilon", "0.0"),
                rejects("centralDifference with epsilon NaN", IllegalArgumentException.class,
                        () -> Autodiff.centralDifference(v -> v[0], new double[] {1}, 0, NAN), "centralDifference", "epsilon", "NaN"),
                check("backward twice accumulates", () -> {
                    Scalar x = new Scalar(2);
                    Scalar y = x.mul(x);
                    y.backward();
                    y.backward();
                    assertEquals(8.0, x.derivative());
                }),
                gives("backward on a leaf gives derivative 1", List.of(3.0, 1.0), () -> valueAndDerivative(x -> x, 3)),
                gives("inv at 0: inf, derivative -inf", List.of(INF, -INF), () -> valueAndDerivative(Scalar::inv, 0.0)),
                gives("div by 0: inf", INF, () -> new Scalar(1).div(0).data()),
                gives("log at -1: NaN, derivative -1", List.of(NAN, -1.0), () -> valueAndDerivative(Scalar::log, -1)),
                gives("log at 0: -inf, derivative inf", List.of(-INF, INF), () -> valueAndDerivative(Scalar::log, 0.0)),
                gives("relu at NaN: 0, derivative 0", List.of(0.0, 0.0), () -> valueAndDerivative(Scalar::relu, NAN)),
                gives("sigmoid at NaN: NaN, derivative NaN", List.of(NAN, NAN), () -> valueAndDerivative(Scalar::sigmoid, NAN)),
                gives("sigmoid at -inf: 0, derivative 0", List.of(0.0, 0.0), () -> valueAndDerivative(Scalar::sigmoid, -INF)),
                gives("exp at 1000: inf, derivative inf", List.of(INF, INF), () -> valueAndDerivative(Scalar::exp, 1000)),
                gives("mul by NaN: NaN, derivative NaN", List.of(NAN, NAN), () -> valueAndDerivative(x -> x.mul(NAN), 1)),
                gives("lt at NaN: 0, derivative 0", List.of(0.0, 0.0), () -> valueAndDerivative(x -> x.lt(1), NAN))));
    }
}
