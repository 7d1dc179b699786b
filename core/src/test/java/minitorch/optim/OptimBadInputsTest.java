package minitorch.optim;

import static minitorch.testing.BadInput.check;
import static minitorch.testing.BadInput.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import minitorch.module.Parameter;
import minitorch.tensor.Tensor;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Bad inputs to the optimizers: rates, betas, parameters they cannot train, and checkpoints of another model. */
class OptimBadInputsTest {
    static List<Parameter<Tensor>> params() { return List.of(new Parameter<>(Tensor.of(1.0, 2.0).requiresGrad(true))); }

    static Adam adam() { return new Adam(params(), 0.1); }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return BadInput.run(List.of(
                rejects("SGD with a negative rate", IllegalArgumentException.class, () -> new SGD(params(), -1), "SGD", "-1.0"),
                rejects("SGD with rate 0", IllegalArgumentException.class, () -> new SGD(params(), 0), "SGD", "0.0"),
                rejects("SGD with rate NaN", IllegalArgumentException.class, () -> new SGD(params(), Double.NaN), "SGD", "NaN"),
                rejects("SGD with rate inf", IllegalArgumentException.class,
                        () -> new SGD(params(), Double.POSITIVE_INFINITY), "SGD", "Infinity"),
                rejects("SGD of a parameter that holds a string", IllegalArgumentException.class,
                        () -> new SGD(List.of(new Parameter<>("w", "name")), 0.1).step(), "String"),
                rejects("Adam with rate 0", IllegalArgumentException.class, () -> new Adam(params(), 0), "Adam", "0.0"),
                rejects("Adam with beta1 1", IllegalArgumentException.class,
                        () -> new Adam(params(), 0.1, 1.0, 0.999, 1e-8), "Adam", "betas (1.0, 0.999)"),
                rejects("Adam with a negative beta2", IllegalArgumentException.class,
                        () -> new Adam(params(), 0.1, 0.9, -0.1, 1e-8), "Adam", "-0.1"),
                rejects("Adam with eps 0", IllegalArgumentException.class,
                        () -> new Adam(params(), 0.1, 0.9, 0.999, 0), "Adam", "eps 0.0"),
                rejects("Adam of a parameter that holds a double", IllegalArgumentException.class,
                        () -> new Adam(List.of(new Parameter<>(1.0, "bias")), 0.1), "Adam", "java.lang.Double", "bias"),
                rejects("Adam.restore with too few moments", IllegalArgumentException.class,
                        () -> adam().restore(1, List.of(), List.of()), "Adam.restore", "0 and 0", "1 parameters"),
                rejects("Adam.restore with moments of another model's shape", IllegalArgumentException.class,
                        () -> adam().restore(1, List.of(Tensor.zeros(3)), List.of(Tensor.zeros(3))), "Adam.restore", "[3]", "[2]"),
                rejects("Adam.restore with one moment missing", IllegalArgumentException.class,
                        () -> adam().restore(1, List.of(Tensor.zeros(2)), Arrays.asList((Tensor) null)), "Adam.restore", "none"),
                rejects("Adam.restore with a negative step count", IllegalArgumentException.class,
                        () -> adam().restore(-1, List.of(Tensor.zeros(2)), List.of(Tensor.zeros(2))), "Adam.restore", "-1"),
                check("a step without gradients leaves the parameters alone", () -> {
                    List<Parameter<Tensor>> ps = params();
                    new SGD(ps, 0.1).step();
                    new Adam(ps, 0.1).step();
                    assertArrayEquals(new double[] {1, 2}, ps.getFirst().value().toDoubleArray());
                }),
                check("a NaN gradient makes the parameter NaN (visible, as in PyTorch)", () -> {
                    List<Parameter<Tensor>> ps = params();
                    ps.getFirst().value().mul(Double.NaN).sum().backward();
                    new SGD(ps, 0.1).step();
                    assertEquals(Double.NaN, ps.getFirst().value().toDoubleArray()[0]);
                })));
    }
}
