package minitorch.ops.fast;

import static minitorch.testing.RandomTensors.uniform;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.SimpleOps;
import org.junit.jupiter.api.Test;

/**
 * FastConvolution against SimpleOps's plain loops on random shapes, batched and multi-channel,
 * contiguous and permuted (non-contiguous) inputs, forward and reverse, float64 and float32,
 * including the weight-gradient shape (output narrower than the kernel).
 */
class FastConvolutionTest {


    /** A tensor of {@code shape} whose storage is laid out reversed, so its strides are not row-major. */
    static TensorData randomPermuted(Random r, ElementType dtype, int... shape) {
        int n = shape.length;
        int[] reversed = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = shape[n - 1 - i];
            order[i] = n - 1 - i;
        }
        return uniform(dtype, r, reversed).permute(order);
    }

    static void assertClose(TensorData expected, TensorData actual, double tol, String what) {
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * (1 + Math.abs(e[i])), what + " at " + i);
        }
    }

    @Test
    void conv1dMatchesReference() {
        Random r = new Random(1);
        for (int trial = 0; trial < 60; trial++) {
            ElementType dtype = trial % 2 == 0 ? ElementType.FLOAT64 : ElementType.FLOAT32;
            int batch = 1 + r.nextInt(3), in = 1 + r.nextInt(4), out = 1 + r.nextInt(4);
            int width = 1 + r.nextInt(20), kw = 1 + r.nextInt(6);
            boolean permuted = r.nextBoolean(), reverse = r.nextBoolean();
            TensorData input = permuted ? randomPermuted(r, dtype, batch, in, width) : uniform(dtype, r, batch, in, width);
            TensorData weight = permuted ? randomPermuted(r, dtype, out, in, kw) : uniform(dtype, r, out, in, kw);
            TensorData expected = TensorData.zeros(dtype, batch, out, width);
            TensorData actual = TensorData.zeros(dtype, batch, out, width);
            SimpleOps.INSTANCE.conv1d(input, weight, expected, reverse);
            FastConvolution.conv1d(input, weight, actual, reverse);
            assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-5, "conv1d trial " + trial);
        }
    }

    @Test
    void conv2dMatchesReference() {
        Random r = new Random(2);
        for (int trial = 0; trial < 40; trial++) {
            ElementType dtype = trial % 2 == 0 ? ElementType.FLOAT64 : ElementType.FLOAT32;
            int batch = 1 + r.nextInt(3), in = 1 + r.nextInt(3), out = 1 + r.nextInt(4);
            int h = 1 + r.nextInt(12), w = 1 + r.nextInt(12), kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
            boolean permuted = r.nextBoolean(), reverse = r.nextBoolean();
            TensorData input = permuted ? randomPermuted(r, dtype, batch, in, h, w) : uniform(dtype, r, batch, in, h, w);
            TensorData weight = permuted ? randomPermuted(r, dtype, out, in, kh, kw) : uniform(dtype, r, out, in, kh, kw);
            TensorData expected = TensorData.zeros(dtype, batch, out, h, w);
            TensorData actual = permuted ? randomPermuted(r, dtype, batch, out, h, w) : TensorData.zeros(dtype, batch, out, h, w);
            SimpleOps.INSTANCE.conv2d(input, weight, expected, reverse);
            FastConvolution.conv2d(input, weight, actual, reverse);
            assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-5, "conv2d trial " + trial);
        }
    }

    /** The weight gradient's call: batch and channels swapped by permute, output of kernel size, "kernel" of image size. */
    @Test
    void weightGradientShapeMatchesReference() {
        Random r = new Random(3);
        for (ElementType dtype : ElementType.values()) {
            int batch = 3, in = 2, out = 4, h = 9, w = 11, kh = 3, kw = 2;
            TensorData input = uniform(dtype, r, batch, in, h, w);
            TensorData gradOut = uniform(dtype, r, batch, out, h, w);
            TensorData expected = TensorData.zeros(dtype, in, out, kh, kw);
            TensorData actual = TensorData.zeros(dtype, in, out, kh, kw);
            SimpleOps.INSTANCE.conv2d(input.permute(1, 0, 2, 3), gradOut.permute(1, 0, 2, 3), expected, false);
            FastConvolution.conv2d(input.permute(1, 0, 2, 3), gradOut.permute(1, 0, 2, 3), actual, false);
            assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-4, "conv2d weight grad " + dtype);

            TensorData e1 = TensorData.zeros(dtype, in, out, 3);
            TensorData a1 = TensorData.zeros(dtype, in, out, 3);
            TensorData input1 = uniform(dtype, r, batch, in, 20);
            TensorData grad1 = uniform(dtype, r, batch, out, 20);
            SimpleOps.INSTANCE.conv1d(input1.permute(1, 0, 2), grad1.permute(1, 0, 2), e1, false);
            FastConvolution.conv1d(input1.permute(1, 0, 2), grad1.permute(1, 0, 2), a1, false);
            assertClose(e1, a1, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-4, "conv1d weight grad " + dtype);
        }
    }

    /** Rows long enough for the direct SIMD kernels (the tests above mostly take the im2col + matmul path). */
    @Test
    void longRowsUseTheDirectKernelsAndMatchReference() {
        Random r = new Random(4);
        for (ElementType dtype : ElementType.values()) {
            for (boolean reverse : new boolean[] {false, true}) {
                TensorData input = randomPermuted(r, dtype, 2, 3, 3, 70);
                TensorData weight = uniform(dtype, r, 4, 3, 2, 3);
                TensorData expected = TensorData.zeros(dtype, 2, 4, 3, 70);
                TensorData actual = TensorData.zeros(dtype, 2, 4, 3, 70);
                SimpleOps.INSTANCE.conv2d(input, weight, expected, reverse);
                FastConvolution.conv2d(input, weight, actual, reverse);
                assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-5, "direct conv2d " + dtype + " " + reverse);
                TensorData in1 = uniform(dtype, r, 2, 3, 150);
                TensorData w1 = randomPermuted(r, dtype, 5, 3, 4);
                TensorData e1 = TensorData.zeros(dtype, 2, 5, 150);
                TensorData a1 = TensorData.zeros(dtype, 2, 5, 150);
                SimpleOps.INSTANCE.conv1d(in1, w1, e1, reverse);
                FastConvolution.conv1d(in1, w1, a1, reverse);
                assertClose(e1, a1, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-5, "direct conv1d " + dtype + " " + reverse);
            }
            // weight gradient of a 1x2x4x70 input: dot form over rows of 3*72 elements
            TensorData input = uniform(dtype, r, 2, 2, 4, 70);
            TensorData grad = uniform(dtype, r, 2, 3, 4, 70);
            TensorData expected = TensorData.zeros(dtype, 2, 3, 2, 2);
            TensorData actual = TensorData.zeros(dtype, 2, 3, 2, 2);
            SimpleOps.INSTANCE.conv2d(input.permute(1, 0, 2, 3), grad.permute(1, 0, 2, 3), expected, false);
            FastConvolution.conv2d(input.permute(1, 0, 2, 3), grad.permute(1, 0, 2, 3), actual, false);
            assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-4, "direct dot form " + dtype);
        }
    }

    /** Both strategies forced on every kind of call give the reference's values. */
    @Test
    void everyStrategyMatchesReference() {
        Random r = new Random(5);
        for (FastConvolution.Strategy strategy : FastConvolution.Strategy.values()) {
            for (ElementType dtype : ElementType.values()) {
                for (boolean reverse : new boolean[] {false, true}) {
                    TensorData input = randomPermuted(r, dtype, 2, 3, 5, 7);
                    TensorData weight = uniform(dtype, r, 4, 3, 2, 3);
                    TensorData expected = TensorData.zeros(dtype, 2, 4, 5, 7);
                    TensorData actual = TensorData.zeros(dtype, 2, 4, 5, 7);
                    SimpleOps.INSTANCE.conv2d(input, weight, expected, reverse);
                    FastConvolution.conv2d(input, weight, actual, reverse, strategy);
                    assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-5, strategy + " " + dtype + " " + reverse);
                }
                TensorData input = uniform(dtype, r, 3, 2, 9);
                TensorData grad = uniform(dtype, r, 3, 4, 9);
                TensorData expected = TensorData.zeros(dtype, 2, 4, 3);
                TensorData actual = TensorData.zeros(dtype, 2, 4, 3);
                SimpleOps.INSTANCE.conv1d(input.permute(1, 0, 2), grad.permute(1, 0, 2), expected, false);
                FastConvolution.conv1d(input.permute(1, 0, 2), grad.permute(1, 0, 2), actual, false, strategy);
                assertClose(expected, actual, dtype == ElementType.FLOAT64 ? 1e-12 : 1e-4, strategy + " weight grad " + dtype);
            }
        }
    }

    /**
     * RowConvolution's two forms on the calls a sentence network makes: a channels-last input seen
     * through permute (as Embedding's output is), the reverse call of the input gradient, the weight
     * gradient (kernel wider than the output, also reversed), and one-row kernels over several rows.
     */
    @Test
    void rowConvolutionMatchesReferenceOnSentenceShapes() {
        Random r = new Random(6);
        for (ElementType dtype : ElementType.values()) {
            double tol = dtype == ElementType.FLOAT64 ? 1e-12 : 1e-4;
            int batch = 5, length = 13, channels = 7, features = 9;
            for (int kw : new int[] {1, 3, 5}) {
                TensorData input = uniform(dtype, r, batch, length, channels).permute(0, 2, 1);
                TensorData weight = uniform(dtype, r, features, channels, kw);
                TensorData grad = uniform(dtype, r, batch, features, length);
                for (FastConvolution.Strategy strategy : new FastConvolution.Strategy[] {FastConvolution.Strategy.AUTO, FastConvolution.Strategy.ROWS}) {
                    String what = strategy + " " + dtype + " kw " + kw;
                    TensorData e = TensorData.zeros(dtype, batch, features, length), a = TensorData.zeros(dtype, batch, features, length);
                    SimpleOps.INSTANCE.conv1d(input, weight, e, false);
                    FastConvolution.conv1d(input, weight, a, false, strategy);
                    assertClose(e, a, tol, "forward " + what);
                    TensorData eIn = TensorData.zeros(dtype, batch, channels, length), aIn = TensorData.zeros(dtype, batch, channels, length);
                    SimpleOps.INSTANCE.conv1d(grad, weight.permute(1, 0, 2), eIn, true);
                    FastConvolution.conv1d(grad, weight.permute(1, 0, 2), aIn, true, strategy);
                    assertClose(eIn, aIn, tol, "input gradient " + what);
                    for (boolean reverse : new boolean[] {false, true}) {
                        TensorData eW = TensorData.zeros(dtype, channels, features, kw), aW = TensorData.zeros(dtype, channels, features, kw);
                        SimpleOps.INSTANCE.conv1d(input.permute(1, 0, 2), grad.permute(1, 0, 2), eW, reverse);
                        FastConvolution.conv1d(input.permute(1, 0, 2), grad.permute(1, 0, 2), aW, reverse, strategy);
                        assertClose(eW, aW, tol, "weight gradient " + what + (reverse ? " reversed" : ""));
                    }
                }
            }
            for (boolean reverse : new boolean[] {false, true}) {
                TensorData input = randomPermuted(r, dtype, 2, 3, 4, 11);
                TensorData weight = uniform(dtype, r, 5, 3, 1, 4);
                TensorData e = TensorData.zeros(dtype, 2, 5, 4, 11), a = randomPermuted(r, dtype, 2, 5, 4, 11);
                SimpleOps.INSTANCE.conv2d(input, weight, e, reverse);
                FastConvolution.conv2d(input, weight, a, reverse, FastConvolution.Strategy.ROWS);
                assertClose(e, a, tol, "one-row kernel over 4 rows " + dtype + " " + reverse);
            }
        }
    }

    /** The sentiment network's sizes (half its batch) on two threads, so the parallel copies and the shared-out product run too. */
    @Test
    void sentimentSizedCallsOnTwoThreadsMatchReference() {
        int saved = FastOps.threads();
        FastOps.setThreads(2);
        try {
            Random r = new Random(9);
            ElementType dtype = ElementType.FLOAT32;
            int batch = 16, length = 52, channels = 50, features = 100, kw = 5;
            TensorData input = uniform(dtype, r, batch, length, channels).permute(0, 2, 1);
            TensorData weight = uniform(dtype, r, features, channels, kw);
            TensorData grad = uniform(dtype, r, batch, features, length);
            TensorData e = TensorData.zeros(dtype, batch, features, length), a = TensorData.zeros(dtype, batch, features, length);
            SimpleOps.INSTANCE.conv1d(input, weight, e, false);
            FastConvolution.conv1d(input, weight, a, false);
            assertClose(e, a, 1e-4, "forward");
            TensorData eIn = TensorData.zeros(dtype, batch, channels, length), aIn = TensorData.zeros(dtype, batch, channels, length);
            SimpleOps.INSTANCE.conv1d(grad, weight.permute(1, 0, 2), eIn, true);
            FastConvolution.conv1d(grad, weight.permute(1, 0, 2), aIn, true);
            assertClose(eIn, aIn, 1e-4, "input gradient");
            TensorData eW = TensorData.zeros(dtype, channels, features, kw), aW = TensorData.zeros(dtype, channels, features, kw);
            SimpleOps.INSTANCE.conv1d(input.permute(1, 0, 2), grad.permute(1, 0, 2), eW, false);
            FastConvolution.conv1d(input.permute(1, 0, 2), grad.permute(1, 0, 2), aW, false);
            assertClose(eW, aW, 1e-4, "weight gradient");
        } finally {
            FastOps.setThreads(saved);
        }
    }

    @Test
    void exactCaseAndMixedShapesRejected() {
        TensorData input = TensorData.zeros(ElementType.FLOAT32, 1, 1, 4);
        TensorData weight = TensorData.zeros(ElementType.FLOAT32, 1, 1, 3);
        for (int i = 0; i < 4; i++) { input.storage().set(i, i); }
        for (int i = 0; i < 3; i++) { weight.storage().set(i, i + 1); }
        TensorData out = TensorData.zeros(ElementType.FLOAT32, 1, 1, 4);
        FastConvolution.conv1d(input, weight, out, false);
        assertArrayEquals(new double[] {8, 14, 8, 3}, out.toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> FastConvolution.conv2d(TensorData.zeros(ElementType.FLOAT32, 1, 2, 4, 4),
                TensorData.zeros(ElementType.FLOAT32, 1, 3, 2, 2), TensorData.zeros(ElementType.FLOAT32, 1, 1, 4, 4), false));
    }
}
