package minitorch.tensor;

import java.util.List;
import minitorch.backend.Backend;
import minitorch.testing.GradCheck;
import minitorch.testing.TensorArbitraries;
import minitorch.testing.TensorMathCases;
import minitorch.testing.TensorMathCases.OneArg;
import minitorch.testing.TensorMathCases.Reduction;
import minitorch.testing.TensorMathCases.TwoArg;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gradients of every tensor function checked against central differences in float64 at every
 * index (reference §2.5 task2_4, §2.6), with the generators' permuted layouts, contiguous copies,
 * and broadcast shapes.
 */
class TensorGradientTest {

    @Provide
    Arbitrary<Backend> backends() { return TensorArbitraries.testBackends(); }

    @Provide
    Arbitrary<Tensor> tensors() { return TensorArbitraries.tensorsOnTestBackends(); }

    @Provide
    Arbitrary<List<Tensor>> pairs() { return TensorArbitraries.pairsOnTestBackends(); }

    @Provide
    Arbitrary<List<Tensor>> broadcastPairs() { return TensorArbitraries.broadcastPairsOnTestBackends(); }

    @Property(tries = 25)
    void oneArgGradients(@ForAll("tensors") Tensor t) {
        for (OneArg c : TensorMathCases.ONE_ARG) {
            GradCheck.check(c.name(), in -> c.tensor().apply(in.getFirst()), t);
            GradCheck.check(c.name() + " (contiguous)", in -> c.tensor().apply(in.getFirst()), t.contiguous());
        }
    }

    @Property(tries = 25)
    void twoArgGradients(@ForAll("pairs") List<Tensor> ts) {
        for (TwoArg c : TensorMathCases.TWO_ARG) {
            GradCheck.check(c.name(), in -> c.tensor().apply(in.get(0), in.get(1)), ts.get(0), ts.get(1));
        }
    }

    /** The original's test_two_grad_broadcast: (a, b), (a.sum(0), b), (a, b.sum(0)). */
    @Property(tries = 20)
    void twoArgGradientsThroughSummedBroadcasts(@ForAll("pairs") List<Tensor> ts) {
        Tensor a = ts.get(0);
        Tensor b = ts.get(1);
        for (TwoArg c : TensorMathCases.TWO_ARG) {
            GradCheck.check(c.name() + "(a.sum(0), b)", in -> c.tensor().apply(in.get(0), in.get(1)), a.sum(0), b);
            GradCheck.check(c.name() + "(a, b.sum(0))", in -> c.tensor().apply(in.get(0), in.get(1)), a, b.sum(0));
        }
    }

    @Property(tries = 25)
    void twoArgGradientsWithBroadcastShapes(@ForAll("broadcastPairs") List<Tensor> ts) {
        for (TwoArg c : TensorMathCases.TWO_ARG) {
            GradCheck.check(c.name(), in -> c.tensor().apply(in.get(0), in.get(1)), ts.get(0), ts.get(1));
        }
    }

    @Property(tries = 25)
    void reductionGradients(@ForAll("tensors") Tensor t) {
        for (Reduction c : TensorMathCases.REDUCTIONS) {
            GradCheck.check(c.name(), in -> c.tensor().apply(in.getFirst()), t);
        }
        for (int dim = 0; dim < t.dims(); dim++) {
            int d = dim;
            GradCheck.check("sum(" + d + ")", in -> in.getFirst().sum(d).mul(in.getFirst().sum(d)), t);
            GradCheck.check("mean(" + d + ")", in -> in.getFirst().mean(d).mul(in.getFirst().mean(d)), t);
        }
        GradCheck.check("sum()", in -> in.getFirst().sum(), t);
    }

    @Property(tries = 25)
    void permuteAndViewGradients(@ForAll("tensors") Tensor t, @ForAll("seeds") long seed) {
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
    }

    @Property(tries = 20)
    void matmulGradients(@ForAll("backends") Backend backend, @ForAll("seeds") long seed) {
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
    }

    @Property(tries = 20)
    void tensorsUsedTwiceAccumulate(@ForAll("pairs") List<Tensor> ts) {
        GradCheck.check("a*b + a", in -> in.get(0).mul(in.get(1)).add(in.get(0)), ts.get(0), ts.get(1));
        GradCheck.check("sigmoid(a) * sigmoid(a).sum()",
                in -> in.get(0).sigmoid().mul(in.get(0).sigmoid().sum()), ts.get(0));
        GradCheck.check("s = sigmoid(a*b); s * s + s",
                in -> {
                    Tensor s = in.get(0).mul(in.get(1)).mul(0.01).sigmoid();
                    return s.mul(s).add(s);
                }, ts.get(0), ts.get(1));
    }

    /** Comparisons, isClose and all are flat almost everywhere: zero gradient, and they pass none through. */
    @Property(tries = 20)
    void stepFunctionsHaveZeroGradient(@ForAll("pairs") List<Tensor> ts) {
        // Odd offsets keep the generator's edge cases (0, equal values) away from the jumps.
        GradCheck.check("isClose + all + lt + eq",
                in -> {
                    Tensor a = in.get(0);
                    Tensor b = in.get(1).add(0.2718281);
                    return a.isClose(b.add(0.1414213)).add(a.add(0.3183098).all(0)).add(a.lt(b)).add(a.eq(b))
                            .add(b.all());
                },
                ts.get(0), ts.get(1));
    }

    @Provide
    Arbitrary<Long> seeds() { return Arbitraries.longs(); }

    private static int[] permutedShape(Tensor t, int[] order) {
        int[] shape = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            shape[i] = t.shape(order[i]);
        }
        return shape;
    }
}
