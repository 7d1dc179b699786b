package minitorch.nn;

import minitorch.testing.GradCheck;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.stream.Stream;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.TestBackends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers on every test backend: the original's exact cases (reference §2.7-2.8, §6.2-6.3) and
 * gradient checks, batched, multi-channel and on permuted inputs.
 */
class NNTest {

    static Stream<Backend> backends() { return TestBackends.all().stream(); }

    static Tensor t(Backend backend, double[] values, int... shape) {
        return Tensor.of(backend, DType.FLOAT64, values, shape);
    }

    static double[] range(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    // ---- convolution: exact cases -----------------------------------------------------------------

    @ParameterizedTest @MethodSource("backends")
    void conv1dSimpleForwardAndBackward(Backend b) {
        Tensor input = t(b, new double[] {0, 1, 2, 3}, 1, 1, 4).requiresGrad(true);
        Tensor weight = t(b, new double[] {1, 2, 3}, 1, 1, 3).requiresGrad(true);
        Tensor out = NN.conv1d(input, weight);
        assertArrayEquals(new double[] {8, 14, 8, 3}, out.toDoubleArray(), 0);
        out.backward(t(b, new double[] {0, 1, 2, 3}, 1, 1, 4));
        assertArrayEquals(new double[] {0, 1, 4, 10}, input.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {14, 8, 3}, weight.grad().toDoubleArray(), 0);
        assertArrayEquals(new int[] {1, 1, 3}, weight.grad().shape());
    }

    @ParameterizedTest @MethodSource("backends")
    void conv1dInChannelAndDocsExample(Backend b) {
        Tensor out = NN.conv1d(t(b, new double[] {0, 1, 2, 3, 0, 1, 2, 3}, 1, 2, 4), t(b, new double[] {1, 2, 3, 1, 2, 3}, 1, 2, 3));
        assertArrayEquals(new double[] {16, 28, 16, 6}, out.toDoubleArray(), 0);
        Tensor docs = NN.conv1d(t(b, new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 6), t(b, new double[] {5, 2, 3}, 1, 1, 3));
        assertArrayEquals(new double[] {18, 28, 38, 48, 37, 30}, docs.toDoubleArray(), 0);
    }

    @ParameterizedTest @MethodSource("backends")
    void conv2ValuesAndGradients(Backend b) {
        Tensor input = t(b, new double[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 1, 1, 4, 4).requiresGrad(true);
        Tensor weight = t(b, new double[] {1, 1, 1, 1}, 1, 1, 2, 2).requiresGrad(true);
        Tensor out = NN.conv2d(input, weight);
        assertArrayEquals(new double[] {2, 6, 10, 6, 2, 6, 10, 6, 2, 6, 10, 6, 1, 3, 5, 3}, out.toDoubleArray(), 0);
        out.sum().backward();
        assertArrayEquals(new double[] {1, 2, 2, 2, 2, 4, 4, 4, 2, 4, 4, 4, 2, 4, 4, 4}, input.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {24, 24, 18, 18}, weight.grad().toDoubleArray(), 0);
    }

    @ParameterizedTest @MethodSource("backends")
    void convRejectsBadShapesNamingThem(Backend b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NN.conv2d(Tensor.zeros(b, DType.FLOAT64, 1, 2, 4, 4), Tensor.zeros(b, DType.FLOAT64, 1, 3, 2, 2)));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("[1, 2, 4, 4]")
                && e.getMessage().contains("[1, 3, 2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NN.conv1d(Tensor.zeros(b, DType.FLOAT64, 2, 4), Tensor.zeros(b, DType.FLOAT64, 1, 2, 2)));
    }

    // ---- convolution: gradient checks (test_conv.py shapes, plus permuted layouts) ----------------

    @ParameterizedTest @MethodSource("backends")
    void conv1dGradients(Backend b) {
        Random r = new Random(10);
        int[][][] cases = {{{1, 1, 6}, {1, 1, 4}}, {{2, 2, 6}, {3, 2, 2}}, {{3, 4, 7}, {5, 4, 3}}};
        for (int[][] c : cases) {
            for (boolean permuted : new boolean[] {false, true}) {
                GradCheck.check("conv1d", 1e-4, x -> NN.conv1d(x.get(0), x.get(1)), GradCheck.random(r, b, permuted, c[0]),
                        GradCheck.random(r, b, permuted, c[1]));
            }
        }
    }

    @ParameterizedTest @MethodSource("backends")
    void conv2dGradients(Backend b) {
        Random r = new Random(11);
        int[][][] cases = {{{1, 1, 6, 6}, {1, 1, 2, 4}}, {{2, 1, 6, 6}, {1, 1, 2, 4}}, {{2, 2, 6, 6}, {3, 2, 2, 4}}};
        for (int[][] c : cases) {
            for (boolean permuted : new boolean[] {false, true}) {
                GradCheck.check("conv2d", 1e-4, x -> NN.conv2d(x.get(0), x.get(1)), GradCheck.random(r, b, permuted, c[0]),
                        GradCheck.random(r, b, permuted, c[1]));
            }
        }
    }

    // ---- tile and pooling -------------------------------------------------------------------------

    @ParameterizedTest @MethodSource("backends")
    void tileWindows(Backend b) {
        Tensor x = t(b, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
        Tensor tiled = NN.tile(x, 2, 2);
        assertArrayEquals(new int[] {1, 1, 2, 2, 4}, tiled.shape());
        assertArrayEquals(new double[] {1, 2, 5, 6}, new double[] {tiled.get(0, 0, 0, 0, 0), tiled.get(0, 0, 0, 0, 1),
                tiled.get(0, 0, 0, 0, 2), tiled.get(0, 0, 0, 0, 3)}, 0);
        Tensor t2 = NN.tile(x, 1, 2);
        assertEquals(1, t2.get(0, 0, 0, 0, 0));
        assertEquals(2, t2.get(0, 0, 0, 0, 1));
        assertEquals(3, t2.get(0, 0, 0, 1, 0));
        assertEquals(4, t2.get(0, 0, 0, 1, 1));
        Tensor oracle = NN.tile(t(b, range(16), 1, 1, 4, 4), 2, 2);
        assertArrayEquals(new double[] {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}, oracle.toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> NN.tile(x, 3, 2));
    }

    @ParameterizedTest @MethodSource("backends")
    void poolingValues(Backend b) {
        Tensor x = t(b, range(16), 1, 1, 4, 4);
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, NN.avgpool2d(x, 2, 2).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {5, 7, 13, 15}, NN.maxpool2d(x, 2, 2).toDoubleArray(), 0);
        Random r = new Random(12);
        Tensor img = GradCheck.random(r, b, false, 1, 1, 4, 4);
        // test_avg / test_max_pool: the first window's mean / max for kernels (2,2), (2,1), (1,2)
        assertEquals((img.get(0, 0, 0, 0) + img.get(0, 0, 0, 1) + img.get(0, 0, 1, 0) + img.get(0, 0, 1, 1)) / 4,
                NN.avgpool2d(img, 2, 2).get(0, 0, 0, 0), 1e-12);
        assertEquals((img.get(0, 0, 0, 0) + img.get(0, 0, 1, 0)) / 2, NN.avgpool2d(img, 2, 1).get(0, 0, 0, 0), 1e-12);
        assertEquals((img.get(0, 0, 0, 0) + img.get(0, 0, 0, 1)) / 2, NN.avgpool2d(img, 1, 2).get(0, 0, 0, 0), 1e-12);
        assertEquals(Math.max(Math.max(img.get(0, 0, 0, 0), img.get(0, 0, 0, 1)), Math.max(img.get(0, 0, 1, 0), img.get(0, 0, 1, 1))),
                NN.maxpool2d(img, 2, 2).get(0, 0, 0, 0), 0);
        assertEquals(Math.max(img.get(0, 0, 0, 0), img.get(0, 0, 1, 0)), NN.maxpool2d(img, 2, 1).get(0, 0, 0, 0), 0);
        assertEquals(Math.max(img.get(0, 0, 0, 0), img.get(0, 0, 0, 1)), NN.maxpool2d(img, 1, 2).get(0, 0, 0, 0), 0);
    }

    @ParameterizedTest @MethodSource("backends")
    void poolingGradients(Backend b) {
        Random r = new Random(13);
        for (boolean permuted : new boolean[] {false, true}) {
            GradCheck.check("avgpool2d", 1e-4, x -> NN.avgpool2d(x.get(0), 2, 2), GradCheck.random(r, b, permuted, 2, 3, 4, 4));
            GradCheck.check("maxpool2d", 1e-4, x -> NN.maxpool2d(x.get(0), 2, 2), GradCheck.random(r, b, permuted, 2, 3, 4, 4));
            GradCheck.check("avgpool2d", 1e-4, x -> NN.avgpool2d(x.get(0), 2, 1), GradCheck.random(r, b, permuted, 1, 2, 4, 6));
        }
    }

    // ---- max, argmax, softmax ---------------------------------------------------------------------

    @ParameterizedTest @MethodSource("backends")
    void maxAlongEachDimensionAndItsGradient(Backend b) {
        Random r = new Random(14);
        Tensor x = GradCheck.random(r, b, false, 2, 3, 4);
        for (int dim = 0; dim < 3; dim++) {
            Tensor m = NN.max(x, dim);
            int[] shape = {2, 3, 4};
            shape[dim] = 1;
            assertArrayEquals(shape, m.shape());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        int[] idx = {i, j, k};
                        idx[dim] = 0;
                        assertTrue(x.get(i, j, k) <= m.get(idx));
                    }
                }
            }
            final int d = dim;
            GradCheck.check("max", 1e-4, in -> NN.max(in.get(0), d), GradCheck.random(r, b, dim == 1, 2, 3, 4));
        }
        assertArrayEquals(new double[] {3}, NN.max(t(b, new double[] {1, 2, 3}, 1, 3), 1).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 0, 1}, NN.argmax(t(b, new double[] {1, 2, 3}, 1, 3), 1).toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> NN.max(x, 3));
    }

    @ParameterizedTest @MethodSource("backends")
    void softmaxAndLogsoftmaxValues(Backend b) {
        Tensor x = t(b, new double[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new double[] {0.09003057317038045, 0.2447284710547976, 0.6652409557748218},
                NN.softmax(x, 1).toDoubleArray(), 1e-12);
        // The oracle's values carry the original's log(x + 1e-6); ours is the exact log, 6.7e-7 away.
        assertArrayEquals(new double[] {-2.407606629685115, -1.407606629685115, -0.4076066296851151},
                NN.logsoftmax(x, 1).toDoubleArray(), 1e-6);
        double logSumExp = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertArrayEquals(new double[] {1 - logSumExp, 2 - logSumExp, 3 - logSumExp}, NN.logsoftmax(x, 1).toDoubleArray(), 1e-14);
        // stable: huge inputs stay finite (a naive exp overflows to inf / nan)
        Tensor big = t(b, new double[] {1000, 1001, 1002}, 1, 3);
        assertArrayEquals(NN.logsoftmax(x, 1).toDoubleArray(), NN.logsoftmax(big, 1).toDoubleArray(), 1e-9);
        assertArrayEquals(NN.softmax(x, 1).toDoubleArray(), NN.softmax(big, 1).toDoubleArray(), 1e-12);

        Random r = new Random(15);
        Tensor img = GradCheck.random(r, b, false, 1, 1, 4, 4);
        assertEquals(1.0, NN.softmax(img, 3).sum(3).get(0, 0, 0, 0), 1e-12);
        assertEquals(1.0, NN.softmax(img, 1).sum(1).get(0, 0, 0, 0), 1e-12);
        assertArrayEquals(NN.softmax(img, 3).toDoubleArray(), NN.logsoftmax(img, 3).exp().toDoubleArray(), 1e-12);
    }

    @ParameterizedTest @MethodSource("backends")
    void softmaxGradients(Backend b) {
        Random r = new Random(16);
        for (boolean permuted : new boolean[] {false, true}) {
            // weights make sum(softmax) depend on the inputs (the plain sum is constant 1)
            Tensor w = GradCheck.random(r, b, false, 1, 2, 4, 4).detach();
            GradCheck.check("softmax", 1e-4, x -> NN.softmax(x.get(0), 2).mul(w), GradCheck.random(r, b, permuted, 1, 2, 4, 4));
            GradCheck.check("logsoftmax", 1e-4, x -> NN.logsoftmax(x.get(0), 2).mul(w), GradCheck.random(r, b, permuted, 1, 2, 4, 4));
            GradCheck.check("logsoftmax", 1e-4, x -> NN.logsoftmax(x.get(0), 1).mul(w.view(1, 2, 4, 4)), GradCheck.random(r, b, permuted, 1, 2, 4, 4));
        }
    }

    // ---- dropout ----------------------------------------------------------------------------------

    @ParameterizedTest @MethodSource("backends")
    void dropoutCases(Backend b) {
        Random r = new Random(17);
        Tensor x = GradCheck.random(r, b, false, 4, 5);
        assertArrayEquals(x.toDoubleArray(), NN.dropout(x, 0.0, false, new Random(1)).toDoubleArray(), 0);
        for (double v : NN.dropout(x, 1.0, false, new Random(1)).toDoubleArray()) {
            assertEquals(0.0, v, 0);
        }
        assertArrayEquals(x.toDoubleArray(), NN.dropout(x, 1.0, true, new Random(1)).toDoubleArray(), 0);
        assertArrayEquals(x.toDoubleArray(), NN.dropout(x, 0.5, true).toDoubleArray(), 0);
        assertArrayEquals(NN.dropout(x, 0.3, false, new Random(5)).toDoubleArray(),
                NN.dropout(x, 0.3, false, new Random(5)).toDoubleArray(), 0, "seeded");
        assertThrows(IllegalArgumentException.class, () -> NN.dropout(x, 1.5, false));
        assertThrows(IllegalArgumentException.class, () -> NN.dropout(x, Double.NaN, false));
    }

    @ParameterizedTest @MethodSource("backends")
    void dropoutKeepsAboutOneMinusRateAndScalesSurvivors(Backend b) {
        int n = 20_000;
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        Tensor x = t(b, ones, n).requiresGrad(true);
        double rate = 0.25;
        Tensor y = NN.dropout(x, rate, false, new Random(3));
        double[] v = y.toDoubleArray();
        int kept = 0;
        for (double e : v) {
            if (e != 0) {
                assertEquals(1 / (1 - rate), e, 1e-12, "survivors scaled by 1/(1-p)");
                kept++;
            }
        }
        // binomial(20000, 0.75): mean 15000, sd ~61; 6 sd either side
        assertTrue(Math.abs(kept - 15_000) < 370, "kept " + kept);
        y.sum().backward();
        assertArrayEquals(v, x.grad().toDoubleArray(), 1e-12, "the derivative is the same mask and scale");
    }
}
