package minitorch.tensor;

import static minitorch.testing.TensorGens.broadcastPairsOnTestBackends;
import static minitorch.testing.TensorGens.pairsOnTestBackends;
import static minitorch.testing.TensorGens.seeds;
import static minitorch.testing.TensorGens.tensorsOnTestBackends;
import static minitorch.testing.TensorGens.testBackends;
import static minitorch.testing.TensorGens.theory;
import java.util.List;
import minitorch.backend.Backend;
import minitorch.testing.GradCheck;
import minitorch.testing.TensorMathCases;
import minitorch.testing.TensorMathCases.OneArg;
import minitorch.testing.TensorMathCases.Reduction;
import minitorch.testing.TensorMathCases.TwoArg;
import org.junit.jupiter.api.Test;

/**
 * Gradients of every tensor function checked against central differences in float64 at every
 * index (reference §2.5 task2_4, §2.6), with the generators' permuted layouts, contiguous copies,
 * and broadcast shapes.
 */
class TensorGradientTest {

    @Test
    void oneArgGradients() {
        theory(25).forAll(tensorsOnTestBackends()).checkAssert(t -> {
            for (OneArg c : TensorMathCases.ONE_ARG) {
                GradCheck.check(c.name(), in -> c.tensor().apply(in.getFirst()), t);
                GradCheck.check(c.name() + " (contiguous)", in -> c.tensor().apply(in.getFirst()), t.contiguous());
            }
        });
    }

    @Test
    void twoArgGradients() {
        theory(25).forAll(pairsOnTestBackends()).checkAssert(ts -> {
            for (TwoArg c : TensorMathCases.TWO_ARG) {
                GradCheck.check(c.name(), in -> c.tensor().apply(in.get(0), in.get(1)), ts.get(0), ts.get(1));
            }
        });
    }

    /** The original's test_two_grad_broadcast: (a, b), (a.sum(0), b), (a, b.sum(0)). */
    @Test
    void twoArgGradientsThroughSummedBroadcasts() {
        theory(20).forAll(pairsOnTestBackends()).checkAssert(ts -> {
            Tensor a = ts.get(0);
            Tensor b = ts.get(1);
            for (TwoArg c : TensorMathCases.TWO_ARG) {
                GradCheck.check(c.name() + "(a.sum(0), b)", in -> c.tensor().apply(in.get(0), in.get(1)), a.sum(0), b);
                GradCheck.check(c.name() + "(a, b.sum(0))", in -> c.tensor().apply(in.get(0), in.get(1)), a, b.sum(0));
            }
        });
    }

    @Test
    void twoArgGradientsWithBroadcastShapes() {
        theory(25).forAll(broadcastPairsOnTestBackends()).checkAssert(ts -> {
            for (TwoArg c : TensorMathCases.TWO_ARG) {
                GradCheck.check(c.name(), in -> c.tensor().apply(in.get(0), in.get(1)), ts.get(0), ts.get(1));
            }
        });
    }

    @Test
    void reductionGradients() {
        theory(25).forAll(tensorsOnTestBackends()).checkAssert(t -> {
            for (Reduction c : TensorMathCases.REDUCTIONS) {
                GradCheck.check(c.name(), in -> c.tensor().apply(in.getFirst()), t);
            }
            for (int dim = 0; dim < t.dims(); dim++) {
                int d = dim;
                GradCheck.check("sum(" + d + ")", in -> in.getFirst().sum(d).mul(in.getFirst().sum(d)), t);
                GradCheck.check("mean(" + d + ")", in -> in.getFirst().mean(d).mul(in.getFirst().mean(d)), t);
            }
            GradCheck.check("sum()", in -> in.getFirst().sum(), t);
        });
    }

    @Test
    void permuteAndViewGradients() {
        theory(25).forAll(tensorsOnTestBackends(), seeds()).checkAssert((t, seed) -> {
            java.util.List<Integer> order = new java.util.ArrayList<>();
            for (int i = 0; i < t.dims(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new java.util.Random(seed));
            int[] permutation = order.stream().mapToInt(Integer::intValue).toArray();
            // Weight each element differently so a wrongly permuted gradient cannot pass.
            Tensor weights = Tensor.rand(new java.util.Random(seed), t.backend(), DType.FLOAT64, permutedShape(t, permutation));
            GradCheck.check("permute", in -> in.getFirst().permute(permutation).mul(weights), t);
            Tensor flatWeights = Tensor.rand(new java.util.Random(seed + 1), t.backend(), DType.FLOAT64, t.size());
            GradCheck.check("contiguous().view(size)", in -> in.getFirst().contiguous().view(t.size()).mul(flatWeights), t);
            GradCheck.check("permute then contiguous then view",
                    in -> in.getFirst().permute(permutation).contiguous().view(t.size()).mul(flatWeights), t);
        });
    }

    @Test
    void matmulGradients() {
        theory(20).forAll(testBackends(), seeds()).checkAssert((backend, seed) -> {
            java.util.Random random = new java.util.Random(seed);
            int d = 1 + random.nextInt(3);
            int n = 1 + random.nextInt(3);
            int k = 1 + random.nextInt(3);
            int m = 1 + random.nextInt(3);
            Tensor a = Tensor.rand(random, backend, DType.FLOAT64, n, k);
            Tensor b = Tensor.rand(random, backend, DType.FLOAT64, k, m);
            GradCheck.check("2-D matmul", in -> in.get(0).matmul(in.get(1)), a, b);
            GradCheck.check("transposed matmul", in -> in.get(0).permute(1, 0).matmul(in.get(1)),
                    Tensor.rand(random, backend, DType.FLOAT64, k, n), b);
            GradCheck.check("batched matmul with broadcast batch",
                    in -> in.get(0).matmul(in.get(1)),
                    Tensor.rand(random, backend, DType.FLOAT64, d, n, k), Tensor.rand(random, backend, DType.FLOAT64, 1, k, m));
            GradCheck.check("3-D @ 2-D", in -> in.get(0).matmul(in.get(1)),
                    Tensor.rand(random, backend, DType.FLOAT64, d, n, k), b);
        });
    }

    @Test
    void tensorsUsedTwiceAccumulate() {
        theory(20).forAll(pairsOnTestBackends()).checkAssert(ts -> {
            GradCheck.check("a*b + a", in -> in.get(0).mul(in.get(1)).add(in.get(0)), ts.get(0), ts.get(1));
            GradCheck.check("sigmoid(a) * sigmoid(a).sum()",
                    in -> in.get(0).sigmoid().mul(in.get(0).sigmoid().sum()), ts.get(0));
            GradCheck.check("s = sigmoid(a*b); s * s + s",
                    in -> {
                        Tensor s = in.get(0).mul(in.get(1)).mul(0.01).sigmoid();
                        return s.mul(s).add(s);
                    }, ts.get(0), ts.get(1));
        });
    }

    /** Comparisons, isClose and all are flat almost everywhere: zero gradient, and they pass none through. */
    @Test
    void stepFunctionsHaveZeroGradient() {
        theory(20).forAll(pairsOnTestBackends()).checkAssert(ts -> {
            // Odd offsets keep the generator's edge cases (0, equal values) away from the jumps.
            GradCheck.check("isClose + all + lt + eq",
                    in -> {
                        Tensor a = in.get(0);
                        Tensor b = in.get(1).add(0.2718281);
                        return a.isClose(b.add(0.1414213)).add(a.add(0.3183098).all(0)).add(a.lt(b)).add(a.eq(b))
                                .add(b.all());
                    },
                    ts.get(0), ts.get(1));
        });
    }

    private static int[] permutedShape(Tensor t, int[] order) {
        int[] shape = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            shape[i] = t.shape(order[i]);
        }
        return shape;
    }
}
