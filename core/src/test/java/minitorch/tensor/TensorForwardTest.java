package minitorch.tensor;

import minitorch.layout.TensorData;
import static minitorch.testing.TensorGens.broadcastPairsOnTestBackends;
import static minitorch.testing.TensorGens.ints;
import static minitorch.testing.TensorGens.lists;
import static minitorch.testing.TensorGens.pairsOnTestBackends;
import static minitorch.testing.TensorGens.tensorsOnTestBackends;
import static minitorch.testing.TensorGens.testBackends;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import minitorch.backend.Backend;
import minitorch.testing.TensorMathCases.OneArg;
import minitorch.testing.TensorMathCases.Reduction;
import minitorch.testing.TensorMathCases.TwoArg;
import minitorch.testing.TensorMathCases;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Forward values: every MathTest function on random strided tensors equals its float version at
 * every index (reference §2.5 task2_3), on every backend in {@link TestBackends}; and float32
 * results agree with float64 ones within float32 precision.
 */
class TensorForwardTest {

    @Test
    void oneArgFunctionsMatchTheirFloatVersion() {
        theory(40).forAll(tensorsOnTestBackends()).checkAssert(t -> {
            for (OneArg c : TensorMathCases.ONE_ARG) {
                Tensor out = c.tensor().apply(t);
                assertArrayEquals(t.shape(), out.shape(), c.name());
                double[] in = t.toDoubleArray();
                double[] got = out.toDoubleArray();
                for (int i = 0; i < in.length; i++) {
                    assertClose(c.scalar().applyAsDouble(in[i]), got[i], c.name() + " at " + in[i]);
                }
            }
        });
    }

    @Test
    void twoArgFunctionsMatchTheirFloatVersion() {
        theory(40).forAll(pairsOnTestBackends()).checkAssert(ts -> {
            Tensor a = ts.get(0);
            Tensor b = ts.get(1);
            for (TwoArg c : TensorMathCases.TWO_ARG) {
                Tensor out = c.tensor().apply(a, b);
                assertArrayEquals(a.shape(), out.shape(), c.name());
                double[] x = a.toDoubleArray();
                double[] y = b.toDoubleArray();
                double[] got = out.toDoubleArray();
                for (int i = 0; i < x.length; i++) {
                    assertClose(c.scalar().applyAsDouble(x[i], y[i]), got[i], c.name() + " at " + x[i] + ", " + y[i]);
                }
            }
        });
    }

    @Test
    void twoArgFunctionsBroadcast() {
        theory(40).forAll(broadcastPairsOnTestBackends()).checkAssert(ts -> {
            Tensor a = ts.get(0);
            Tensor b = ts.get(1);
            int[] shape = TensorData.shapeBroadcast(a.shape(), b.shape());
            int[] index = new int[shape.length];
            int[] aIndex = new int[a.dims()];
            int[] bIndex = new int[b.dims()];
            for (TwoArg c : TensorMathCases.TWO_ARG) {
                Tensor out = c.tensor().apply(a, b);
                assertArrayEquals(shape, out.shape(), c.name());
                for (int ordinal = 0; ordinal < out.size(); ordinal++) {
                    TensorData.toIndex(ordinal, shape, index);
                    TensorData.broadcastIndex(index, shape, a.shape(), aIndex);
                    TensorData.broadcastIndex(index, shape, b.shape(), bIndex);
                    assertClose(c.scalar().applyAsDouble(a.get(aIndex), b.get(bIndex)), out.get(index), c.name());
                }
            }
        });
    }

    @Test
    void reductionsMatchTheirFloatVersionAlongEveryDimension() {
        theory(40).forAll(tensorsOnTestBackends()).checkAssert(t -> {
            for (int dim = 0; dim < t.dims(); dim++) {
                Tensor sum = t.sum(dim);
                Tensor mean = t.mean(dim);
                int[] expectedShape = t.shape();
                expectedShape[dim] = 1;
                assertArrayEquals(expectedShape, sum.shape());
                assertArrayEquals(expectedShape, mean.shape());
                int[] index = new int[t.dims()];
                for (int ordinal = 0; ordinal < sum.size(); ordinal++) {
                    TensorData.toIndex(ordinal, expectedShape, index);
                    double[] slice = new double[t.shape(dim)];
                    int[] inner = index.clone();
                    for (int j = 0; j < slice.length; j++) {
                        inner[dim] = j;
                        slice[j] = t.get(inner);
                    }
                    assertClose(TensorMathCases.REDUCTIONS.get(2).scalar().applyAsDouble(slice), sum.get(index), "sum");
                    assertClose(TensorMathCases.REDUCTIONS.get(1).scalar().applyAsDouble(slice), mean.get(index), "mean");
                }
            }
            double[] all = t.toDoubleArray();
            assertClose(TensorMathCases.REDUCTIONS.getFirst().scalar().applyAsDouble(all), t.mean().item(), "mean()");
            assertArrayEquals(new int[] {1}, t.sum().shape());
        });
    }

    @Test
    void permutingTwiceByTheReverseOrderGivesTheSameElements() {
        theory(40).forAll(tensorsOnTestBackends()).checkAssert(t -> {
            int[] reverse = new int[t.dims()];
            for (int i = 0; i < reverse.length; i++) {
                reverse[i] = t.dims() - 1 - i;
            }
            Tensor p = t.permute(reverse);
            int[] index = new int[t.dims()];
            int[] reversed = new int[t.dims()];
            for (int ordinal = 0; ordinal < t.size(); ordinal++) {
                TensorData.toIndex(ordinal, t.shape(), index);
                for (int i = 0; i < index.length; i++) {
                    reversed[i] = index[index.length - 1 - i];
                }
                assertEquals(t.get(index), p.get(reversed));
            }
            assertArrayEquals(t.toDoubleArray(), p.permute(reverse).toDoubleArray());
            assertArrayEquals(t.toDoubleArray(), t.contiguous().view(t.size()).toDoubleArray());
        });
    }

    /** float32 computes the same functions within float32 precision (inputs rounded to float32 for both). */
    @Test
    void float32AgreesWithFloat64() {
        theory(30).forAll(pairsOnTestBackends()).checkAssert(ts -> {
            Tensor a32 = ts.get(0).to(DType.FLOAT32);
            Tensor b32 = ts.get(1).to(DType.FLOAT32);
            Tensor a64 = a32.to(DType.FLOAT64);
            Tensor b64 = b32.to(DType.FLOAT64);
            for (OneArg c : TensorMathCases.ONE_ARG) {
                Tensor out32 = c.tensor().apply(a32);
                assertEquals(DType.FLOAT32, out32.dtype(), c.name());
                assertFloatClose(c.tensor().apply(a64).toDoubleArray(), out32.toDoubleArray(), c.name());
            }
            for (TwoArg c : TensorMathCases.TWO_ARG_SMOOTH) {
                Tensor out32 = c.tensor().apply(a32, b32);
                assertEquals(DType.FLOAT32, out32.dtype(), c.name());
                assertFloatClose(c.tensor().apply(a64, b64).toDoubleArray(), out32.toDoubleArray(), c.name());
            }
            for (Reduction c : TensorMathCases.REDUCTIONS) {
                assertFloatClose(c.tensor().apply(a64).toDoubleArray(), c.tensor().apply(a32).toDoubleArray(), c.name());
            }
            assertFloatClose(a64.contiguous().view(a64.size(), 1).matmul(b64.contiguous().view(1, b64.size())).toDoubleArray(),
                    a32.contiguous().view(a32.size(), 1).matmul(b32.contiguous().view(1, b32.size())).toDoubleArray(), "matmul");
        });
    }

    @Test
    void matmulEqualsBroadcastMultiplyAndSum() {
        theory(30).forAll(testBackends(), matmulShapes()).checkAssert((backend, dims) -> {
            int d = dims[0], n = dims[1], k = dims[2], m = dims[3];
            java.util.Random random = new java.util.Random(dims[4]);
            Tensor a = Tensor.rand(random, backend, DType.FLOAT64, d, n, k);
            Tensor b = Tensor.rand(random, backend, DType.FLOAT64, 1, k, m);
            Tensor expected = a.view(d, n, k, 1).mul(b.view(1, 1, k, m)).sum(2).view(d, n, m);
            assertArrayEquals(expected.toDoubleArray(), a.matmul(b).toDoubleArray(), 1e-12);
            // 2-D inputs give a 2-D product; a transposed (permuted) input works without a copy.
            Tensor a2 = Tensor.rand(random, backend, DType.FLOAT64, k, n).permute(1, 0);
            Tensor b2 = Tensor.rand(random, backend, DType.FLOAT64, k, m);
            Tensor expected2 = a2.contiguous().view(n, k, 1).mul(b2.view(1, k, m)).sum(1).view(n, m);
            Tensor got2 = a2.matmul(b2);
            assertArrayEquals(new int[] {n, m}, got2.shape());
            assertArrayEquals(expected2.toDoubleArray(), got2.toDoubleArray(), 1e-12);
        });
    }

    /** d, n, k, m in 1..4 and a seed in 0..1000. */
    private static Gen<int[]> matmulShapes() {
        return lists(ints(1, 4), 4, 4).zip(ints(0, 1000), (s, seed) -> new int[] {s.get(0), s.get(1), s.get(2), s.get(3), seed})
                .describedAs(java.util.Arrays::toString);
    }

    private static void assertClose(double expected, double actual, String what) {
        if (!(Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)))
                && !(Double.isNaN(expected) && Double.isNaN(actual))
                && expected != actual) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }

    private static void assertFloatClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-3 * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance) && expected[i] != actual[i]) {
                throw new AssertionError(what + " float32 " + actual[i] + " vs float64 " + expected[i]);
            }
        }
    }
}
