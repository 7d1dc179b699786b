package minitorch.tensor;

import minitorch.layout.IndexingError;
import static minitorch.testing.BadInput.check;
import static minitorch.testing.BadInput.gives;
import static minitorch.testing.BadInput.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import minitorch.backend.Backend;
import minitorch.operators.Operators;
import minitorch.testing.BadInput.Case;
import minitorch.testing.BadInput;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad inputs to tensors and their functions (task 2.3/2.4). Mistakes are IndexingError (shapes, dims,
 * indices) or IllegalArgumentException (backends, autograd misuse) naming the operation and values.
 * NaN, infinities and empty tensors are not mistakes: every function gives, on every backend, exactly
 * what its float operator gives at each element, and its gradient exactly what the operator's
 * backward gives (so a NaN stays visible where the original's Python would keep it).
 */
class TensorFunctionsBadInputsTest {
    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;
    /** The awkward values: NaN, both infinities, both zeros, and ordinary numbers beside them. */
    static final double[] AWKWARD = {NAN, INF, -INF, 0.0, -0.0, 1.0, -2.5};

    static Tensor t(int... shape) { return Tensor.rand(new Random(1), Backend.SIMPLE, DType.FLOAT64, shape); }

    static Tensor grad() { return t(1).requiresGrad(true); }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        List<Case> cases = new ArrayList<>(List.of(
                rejects("add of shapes that do not broadcast", IndexingError.class,
                        () -> t(2, 3).add(t(4, 3)), "add", "[2, 3]", "[4, 3]"),
                rejects("mul of shapes that do not broadcast", IndexingError.class,
                        () -> t(2, 3).mul(t(2, 4)), "mul", "[2, 3]", "[2, 4]"),
                rejects("lt of shapes that do not broadcast", IndexingError.class,
                        () -> t(2, 3).lt(t(3, 2)), "lt", "[2, 3]", "[3, 2]"),
                rejects("sum along a dim past the end", IndexingError.class, () -> t(2, 3).sum(2), "sum", "dim 2", "[2, 3]"),
                rejects("sum along a negative dim", IndexingError.class, () -> t(2, 3).sum(-1), "sum", "dim -1", "[2, 3]"),
                rejects("mean along a negative dim", IndexingError.class, () -> t(2, 3).mean(-1), "mean", "dim -1", "[2, 3]"),
                rejects("all along a dim past the end", IndexingError.class, () -> t(2, 3).all(5), "all", "dim 5", "[2, 3]"),
                rejects("shape(dim) past the end", IndexingError.class, () -> t(2, 3).shape(3), "shape", "dim 3", "[2, 3]"),
                rejects("permute that is not a permutation", IndexingError.class,
                        () -> t(2, 3).permute(0, 0), "permute", "[0, 0]", "not a permutation"),
                rejects("permute with a negative dimension", IndexingError.class,
                        () -> t(2, 3).permute(1, -1), "permute", "[1, -1]"),
                rejects("view of the wrong size", IndexingError.class, () -> t(2, 3).view(5), "view", "[2, 3]", "[5]"),
                rejects("view of a non-contiguous tensor", IndexingError.class,
                        () -> t(2, 3).permute(1, 0).view(6), "view", "not contiguous", "contiguous()"),
                rejects("tensors on different backends", IllegalArgumentException.class,
                        () -> t(2).add(t(2).to(Backend.FAST)), "Add", "SIMPLE", "FAST"),
                rejects("matmul on different backends", IllegalArgumentException.class,
                        () -> t(2, 2).matmul(t(2, 2).to(Backend.FAST)), "SIMPLE", "FAST"),
                rejects("of with too few values", IndexingError.class,
                        () -> Tensor.of(new double[] {1, 2, 3}, 2, 2), "of", "3 values", "[2, 2]"),
                rejects("of with a negative dimension", IndexingError.class,
                        () -> Tensor.of(new double[] {}, -1), "of", "negative", "[-1]"),
                rejects("zeros with a negative dimension", IndexingError.class,
                        () -> Tensor.zeros(3, -2), "zeros", "negative", "[3, -2]"),
                rejects("item of several elements", IndexingError.class, () -> t(2, 3).item(), "item", "[2, 3]", "6 elements"),
                rejects("item of no elements", IndexingError.class, () -> Tensor.zeros(0).item(), "item", "[0]", "0 elements"),
                rejects("get past the end", IndexingError.class, () -> t(2, 3).get(0, 3), "[0, 3]", "out of range"),
                rejects("get at a negative index", IndexingError.class, () -> t(2, 3).get(-1, 0), "negative", "[-1, 0]"),
                rejects("matmul of shapes that do not multiply", IndexingError.class,
                        () -> t(2, 3).matmul(t(4, 5)), "matmul", "[2, 3]", "[4, 5]"),
                rejects("matmul of 1-D tensors", IndexingError.class, () -> t(3).matmul(t(3)), "matmul", "[3]"),
                rejects("matmul with batches that do not broadcast", IndexingError.class,
                        () -> t(2, 2, 3).matmul(t(3, 3, 4)), "matmul", "batch", "[2, 2, 3]", "[3, 3, 4]"),
                rejects("backward on a non-scalar", IllegalArgumentException.class,
                        () -> t(2, 3).requiresGrad(true).mul(2).backward(), "backward", "[2, 3]", "backward(gradOut)"),
                rejects("backward on a tensor without history", IllegalArgumentException.class,
                        () -> t(1).backward(), "backward", "[1]", "does not require grad"),
                rejects("backward with a gradient of the wrong shape", IndexingError.class,
                        () -> t(2).requiresGrad(true).mul(2).backward(t(3)), "backward", "gradOut shape [3]", "[2]"),
                rejects("requiresGrad(false) on a function's result", IllegalArgumentException.class,
                        () -> t(2).requiresGrad(true).mul(2).requiresGrad(false), "requiresGrad(false)", "[2]", "detach()"),
                check("backward twice accumulates the gradient", () -> {
                    Tensor x = Tensor.of(3.0).requiresGrad(true);
                    Tensor y = x.mul(x);
                    y.backward();
                    y.backward();
                    assertEquals(12.0, x.grad().item());
                }),
                check("float64 with float32 promotes to float64", () ->
                        assertEquals(DType.FLOAT64, t(2).add(t(2).to(DType.FLOAT32)).dtype())),
                gives("sum of an empty tensor is 0", 0.0, () -> Tensor.zeros(0, 3).sum().item()),
                gives("sum along an empty dim gives zeros", List.of(0.0, 0.0, 0.0),
                        () -> toList(Tensor.zeros(0, 3).sum(0))),
                gives("mean of an empty tensor is NaN (0/0)", NAN, () -> Tensor.zeros(0).mean().item()),
                gives("matmul over an empty inner dim gives zeros", List.of(0.0, 0.0),
                        () -> toList(Tensor.zeros(1, 0).matmul(Tensor.zeros(0, 2)))),
                gives("a function of an empty tensor is empty", 0, () -> Tensor.zeros(3, 0).exp().size())));
        for (Backend backend : TestBackends.all()) {
            cases.addAll(awkwardValues(backend));
        }
        return BadInput.run(cases);
    }

    /** Every primitive function at NaN, ±inf and ±0 on {@code backend}: values and gradients as its operator defines them. */
    static List<Case> awkwardValues(Backend backend) {
        List<Case> cases = new ArrayList<>();
        unary(cases, backend, "neg", Tensor::neg, Operators::neg, x -> -1.0);
        unary(cases, backend, "inv", Tensor::inv, Operators::inv, x -> Operators.invBack(x, 1));
        unary(cases, backend, "log", Tensor::log, Operators::log, x -> Operators.logBack(x, 1));
        unary(cases, backend, "exp", Tensor::exp, Operators::exp, Operators::exp);
        unary(cases, backend, "sigmoid", Tensor::sigmoid, Operators::sigmoid, x -> Operators.sigmoidBack(x, 1));
        unary(cases, backend, "relu", Tensor::relu, Operators::relu, x -> Operators.reluBack(x, 1));
        binary(cases, backend, "add", Tensor::add, Operators::add);
        binary(cases, backend, "mul", Tensor::mul, Operators::mul);
        binary(cases, backend, "lt", Tensor::lt, Operators::lt);
        binary(cases, backend, "eq", Tensor::eq, Operators::eq);
        binary(cases, backend, "isClose", Tensor::isClose, Operators::isClose);
        cases.add(check(backend + ": sum with NaN is NaN, with inf and -inf is NaN", () -> {
            assertEquals(NAN, Tensor.of(backend, DType.FLOAT64, new double[] {1, NAN}, 2).sum().item());
            assertEquals(NAN, Tensor.of(backend, DType.FLOAT64, new double[] {INF, -INF}, 2).sum().item());
            assertEquals(INF, Tensor.of(backend, DType.FLOAT64, new double[] {INF, 1}, 2).sum().item());
        }));
        return cases;
    }

    private static void unary(List<Case> cases, Backend backend, String name, UnaryOperator<Tensor> fn,
                              DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
        cases.add(check(backend + ": " + name + " at NaN, ±inf, ±0: values and gradient as the operator's", () -> {
            Tensor x = Tensor.of(backend, DType.FLOAT64, AWKWARD.clone(), AWKWARD.length).requiresGrad(true);
            Tensor y = fn.apply(x);
            y.sum().backward();
            double[] got = y.toDoubleArray();
            double[] grad = x.grad().toDoubleArray();
            for (int i = 0; i < AWKWARD.length; i++) {
                assertSame(value.applyAsDouble(AWKWARD[i]), got[i], name + "(" + AWKWARD[i] + ")");
                assertSame(derivative.applyAsDouble(AWKWARD[i]), grad[i], name + "'(" + AWKWARD[i] + ")");
            }
        }));
    }

    private static void binary(List<Case> cases, Backend backend, String name, java.util.function.BinaryOperator<Tensor> fn,
                               DoubleBinaryOperator value) {
        cases.add(check(backend + ": " + name + " of every pair of NaN, ±inf, ±0 as the operator's", () -> {
            int n = AWKWARD.length;
            Tensor a = Tensor.of(backend, DType.FLOAT64, AWKWARD.clone(), n, 1);
            Tensor b = Tensor.of(backend, DType.FLOAT64, AWKWARD.clone(), 1, n);
            double[] got = fn.apply(a, b).toDoubleArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertSame(value.applyAsDouble(AWKWARD[i], AWKWARD[j]), got[i * n + j],
                            name + "(" + AWKWARD[i] + ", " + AWKWARD[j] + ")");
                }
            }
        }));
    }

    /** Equal as doubles, with NaN equal to NaN (a kernel may give -0.0 where the operator gives 0.0). */
    private static void assertSame(double expected, double actual, String what) {
        if (!(expected == actual || (Double.isNaN(expected) && Double.isNaN(actual)))) {
            assertArrayEquals(new double[] {expected}, new double[] {actual}, what);
        }
    }

    private static List<Double> toList(Tensor t) {
        return java.util.Arrays.stream(t.toDoubleArray()).boxed().toList();
    }
}
