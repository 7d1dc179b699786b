package minitorch.tensor;

import minitorch.layout.IndexingError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import minitorch.backend.Backend;
import org.junit.jupiter.api.Test;

/** The original's exact tensor cases (reference §2.5, §6.3, §6.4) and the Torch-like autograd rules. */
class TensorTest {

    private static Tensor t23() { return Tensor.of(new double[] {2, 3, 4, 6, 5, 7}, 3, 2); }

    @Test
    void sumsAlongOneDimensionKeepItAsSizeOne() {
        Tensor s0 = t23().sum(0);
        assertArrayEquals(new int[] {1, 2}, s0.shape());
        assertArrayEquals(new double[] {11, 16}, s0.toDoubleArray());
        assertEquals(1.0, s0.isClose(Tensor.of(new double[] {11, 16}, 1, 2)).all().item());
        Tensor s1 = t23().sum(1);
        assertArrayEquals(new int[] {3, 1}, s1.shape());
        assertArrayEquals(new double[] {5, 10, 12}, s1.toDoubleArray());
    }

    @Test
    void sumOfEverythingHasShapeOne() {
        Tensor s = t23().sum();
        assertArrayEquals(new int[] {1}, s.shape());
        assertEquals(27.0, s.get(0));
        assertEquals(27.0, s.item());
    }

    @Test
    void meansMatchTheOracle() {
        assertArrayEquals(new double[] {3.6666666666666665, 5.333333333333333}, t23().mean(0).toDoubleArray(), 1e-15);
        assertArrayEquals(new int[] {1}, t23().mean().shape());
        assertEquals(4.5, t23().mean().item(), 1e-15);
    }

    @Test
    void matmulOfTwoByTwo() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2);
        Tensor c = a.matmul(b);
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertArrayEquals(new double[] {19, 22, 43, 50}, c.toDoubleArray());
    }

    @Test
    void gradientsHaveTheShapeOfTheirTensor() {
        Tensor a = Tensor.of(1).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 1}, 1, 2).requiresGrad(true);
        Tensor c = a.mul(b).sum();
        c.backward();
        assertArrayEquals(new int[] {1}, c.shape());
        assertArrayEquals(a.shape(), a.grad().shape());
        assertArrayEquals(b.shape(), b.grad().shape());
        assertArrayEquals(new double[] {2}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 1}, b.grad().toDoubleArray());
    }

    @Test
    void viewsChainAndKeepValues() {
        Tensor t = Tensor.of(new double[] {2, 3, 4, 4, 5, 7}, 2, 3);
        Tensor t2 = t.view(6);
        assertArrayEquals(new int[] {6}, t2.shape());
        t2 = t2.view(1, 6);
        assertArrayEquals(new int[] {1, 6}, t2.shape());
        t2 = t2.view(6, 1);
        assertArrayEquals(new int[] {6, 1}, t2.shape());
        t2 = t2.view(2, 3);
        assertEquals(1.0, t.isClose(t2).all().item());
        assertSame(t.data().storage(), t2.data().storage(), "view never copies");
    }

    @Test
    void viewOfAPermutedTensorFailsAndSaysToCallContiguous() {
        Tensor t = Tensor.of(new double[] {2, 3, 4, 4, 5, 7}, 2, 3).permute(1, 0);
        IndexingError e = assertThrows(IndexingError.class, () -> t.view(6));
        assertTrue(e.getMessage().contains("contiguous()"), e.getMessage());
        assertArrayEquals(new double[] {2, 4, 3, 5, 4, 7}, t.contiguous().view(6).toDoubleArray());
    }

    @Test
    void permuteSharesStorageAndSwapsStrides() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor p = t.permute(1, 0);
        assertArrayEquals(new int[] {3, 2}, p.shape());
        assertArrayEquals(new int[] {1, 3}, p.data().strides());
        assertFalse(p.data().isContiguous());
        assertSame(t.data().storage(), p.data().storage());
        assertEquals(4.0, p.get(0, 1));
    }

    @Test
    void indexOutOfRangeIsRejected() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThrows(IndexingError.class, () -> t.get(50, 2));
        assertThrows(IndexingError.class, () -> t.get(0));
        assertThrows(IndexingError.class, () -> t.get(-1, 0));
    }

    @Test
    void createdTensorsHoldTheirValues() {
        double[] values = {1.5, -2.25, 100.0};
        Tensor t = Tensor.of(values);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], t.get(i));
        }
        assertArrayEquals(values, t.toDoubleArray());
        assertThrows(IndexingError.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
    }

    @Test
    void toStringUsesTheOriginalLayout() {
        assertEquals("\n[\n\t[1.00 2.00 3.00]\n\t[4.00 5.00 6.00]]",
                Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).toString());
        assertEquals("\n[1.50 -2.25 100.00]", Tensor.of(1.5, -2.25, 100.0).toString());
        assertEquals("\n[\n\t[\n\t\t[1.00 2.00]\n\t\t[3.00 4.00]]\n\t[\n\t\t[5.00 6.00]\n\t\t[7.00 8.00]]]",
                Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2).toString());
    }

    @Test
    void sigmoidValuesFromTheOracle() {
        Tensor s = Tensor.of(0, 2, -2, -1000, 1000).sigmoid();
        assertArrayEquals(new double[] {0.5, 0.8807970779778823, 0.11920292202211755, 0.0, 1.0}, s.toDoubleArray(), 1e-15);
    }

    @Test
    void allIsOneOnlyWhenEveryElementIsNonZero() {
        assertEquals(1.0, Tensor.of(1, 2, -3).all().item());
        assertEquals(0.0, Tensor.of(1, 0, -3).all().item());
        Tensor t = Tensor.of(new double[] {1, 0, 2, 3}, 2, 2);
        assertArrayEquals(new double[] {1, 0}, t.all(0).toDoubleArray());
        assertArrayEquals(new double[] {0, 1}, t.all(1).toDoubleArray());
    }

    @Test
    void comparisonsBroadcastAndGiveOnesAndZeros() {
        Tensor a = Tensor.of(new double[] {1, 5, 2, 0}, 2, 2);
        Tensor b = Tensor.of(2, 3);
        assertArrayEquals(new double[] {1, 0, 0, 1}, a.lt(b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 0}, a.gt(b).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 1, 0}, a.eq(b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 0}, a.gt(2.5).toDoubleArray());
    }

    // ---- autograd rules -------------------------------------------------------------------------

    @Test
    void aTensorCreatedWithoutRequiresGradGetsNoGradient() {
        Tensor a = Tensor.of(1, 2, 3);
        Tensor w = Tensor.of(4, 5, 6).requiresGrad(true);
        a.mul(w).sum().backward();
        assertNull(a.grad());
        assertArrayEquals(new double[] {1, 2, 3}, w.grad().toDoubleArray());
        assertFalse(a.requiresGrad());
    }

    @Test
    void backwardOnATensorThatNeedsNoGradientIsAnError() {
        Tensor a = Tensor.of(1, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.sum().backward());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void nonScalarBackwardNeedsAGradient() {
        Tensor a = Tensor.of(1, 2, 3).requiresGrad(true);
        Tensor y = a.mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("backward(gradOut)"), e.getMessage());
        y.backward(Tensor.of(1, 10, 100));
        assertArrayEquals(new double[] {2, 20, 200}, a.grad().toDoubleArray());
        assertThrows(IndexingError.class, () -> y.backward(Tensor.of(1, 2)));
    }

    @Test
    void gradientsAccumulateWhenATensorIsUsedTwiceAndAcrossBackwards() {
        Tensor x = Tensor.of(3).requiresGrad(true);
        x.mul(x).add(x).sum().backward();      // d/dx (x² + x) = 2x + 1 = 7
        assertEquals(7.0, x.grad().item());
        x.mul(x).add(x).sum().backward();
        assertEquals(14.0, x.grad().item(), "a second backward adds to the first");
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void broadcastInputsReceiveGradientsSummedToTheirShape() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {10, 20, 30}, 3).requiresGrad(true);
        Tensor c = Tensor.of(new double[] {7, 8}, 2, 1).requiresGrad(true);
        a.mul(b).add(c).sum().backward();
        assertArrayEquals(new double[] {10, 20, 30, 10, 20, 30}, a.grad().toDoubleArray());
        assertArrayEquals(new int[] {3}, b.grad().shape());
        assertArrayEquals(new double[] {5, 7, 9}, b.grad().toDoubleArray());
        assertArrayEquals(new int[] {2, 1}, c.grad().shape());
        assertArrayEquals(new double[] {3, 3}, c.grad().toDoubleArray());
    }

    /**
     * A leaf keeps the first derivative it gets when that is contiguous (nothing writes into a gradient, so two
     * leaves may share one), copies a strided one, and never keeps the caller's own gradOut.
     */
    @Test
    void aLeafKeepsItsFirstContiguousDerivativeButNeverTheCallersTensor() {
        Tensor a = Tensor.of(1, 2).requiresGrad(true);
        Tensor b = Tensor.of(3, 4).requiresGrad(true);
        Tensor gradOut = Tensor.of(1, 1);
        a.add(b).backward(gradOut);   // Add hands the same derivative to both inputs
        assertArrayEquals(new double[] {1, 1}, a.grad().toDoubleArray());
        assertSame(a.grad(), b.grad(), "one derivative, kept by both leaves");
        assertNotSame(gradOut.data().storage(), a.grad().data().storage(), "the caller's gradient is copied first");
        Tensor c = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        c.permute(1, 0).mul(2).sum().backward(); // the derivative reaching c is a transposed view
        assertTrue(c.grad().data().isContiguous(), "a strided derivative is copied");
        assertArrayEquals(new double[] {2, 2, 2, 2}, c.grad().toDoubleArray());
    }

    @Test
    void detachCutsHistory() {
        Tensor x = Tensor.of(2).requiresGrad(true);
        Tensor y = x.mul(3);
        assertTrue(y.requiresGrad());
        assertFalse(y.isLeaf());
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertSame(y.data().storage(), d.data().storage());
        assertThrows(IllegalArgumentException.class, () -> y.requiresGrad(false));
    }

    @Test
    void noGradRecordsNoHistoryAndNests() {
        Tensor x = Tensor.of(2).requiresGrad(true);
        try (var outer = Tensor.noGrad()) {
            assertFalse(Tensor.isGradEnabled());
            try (var inner = Tensor.noGrad()) {
                assertFalse(x.mul(3).requiresGrad());
            }
            assertFalse(Tensor.isGradEnabled(), "closing the inner block keeps the outer one");
            assertFalse(x.mul(3).requiresGrad());
        }
        assertTrue(Tensor.isGradEnabled());
        assertTrue(x.mul(3).requiresGrad());
    }

    @Test
    void noGradIsPerThread() throws Exception {
        Tensor x = Tensor.of(2).requiresGrad(true);
        try (var g = Tensor.noGrad()) {
            boolean[] otherThread = new boolean[1];
            Thread t = new Thread(() -> otherThread[0] = x.mul(3).requiresGrad());
            t.start();
            t.join();
            assertTrue(otherThread[0], "another thread still records history");
        }
    }

    @Test
    void aLeafSwitchedOffGetsNoGradient() {
        Tensor x = Tensor.of(2).requiresGrad(true).requiresGrad(false);
        Tensor w = Tensor.of(5).requiresGrad(true);
        x.mul(w).backward();
        assertNull(x.grad());
        assertEquals(2.0, w.grad().item());
    }

    @Test
    void mixedDtypesPromoteToFloat64AndGradientsKeepTheInputDtype() {
        Tensor a = Tensor.of(Backend.SIMPLE, DType.FLOAT32, new double[] {1.5, 2.5}, 2).requiresGrad(true);
        Tensor b = Tensor.of(Backend.SIMPLE, DType.FLOAT64, new double[] {3, 4}, 2).requiresGrad(true);
        Tensor c = a.mul(b);
        assertEquals(DType.FLOAT64, c.dtype());
        c.sum().backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertEquals(DType.FLOAT64, b.grad().dtype());
        assertArrayEquals(new double[] {3, 4}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {1.5, 2.5}, b.grad().toDoubleArray());
        assertEquals(DType.FLOAT32, a.add(1).dtype(), "a double constant does not promote");
    }

    @Test
    void toDTypeConvertsAndGradientsFlowBack() {
        Tensor a = Tensor.of(1.25, 2.5).requiresGrad(true);
        Tensor f = a.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertSame(a, a.to(DType.FLOAT64));
        f.mul(f).sum().backward();
        assertEquals(DType.FLOAT64, a.grad().dtype());
        assertArrayEquals(new double[] {2.5, 5}, a.grad().toDoubleArray());
        assertSame(a, a.to(Backend.SIMPLE));
    }

    @Test
    void factoriesUseTheGivenBackendDtypeAndSeed() {
        Tensor z = Tensor.zeros(Backend.SIMPLE, DType.FLOAT32, 2, 3);
        assertEquals(DType.FLOAT32, z.dtype());
        assertArrayEquals(new double[6], z.toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(2, 2).toDoubleArray());
        Tensor.manualSeed(42);
        double[] first = Tensor.rand(3, 2).toDoubleArray();
        Tensor.manualSeed(42);
        assertArrayEquals(first, Tensor.rand(3, 2).toDoubleArray());
        for (double v : first) {
            assertTrue(v >= 0 && v < 1);
        }
        assertArrayEquals(Tensor.rand(new Random(7), 4).toDoubleArray(), Tensor.rand(new Random(7), 4).toDoubleArray());
        assertFalse(Tensor.rand(2).requiresGrad());
    }

    @Test
    void badShapesAreNamedInMessages() {
        IndexingError e = assertThrows(IndexingError.class,
                () -> Tensor.zeros(5, 2).add(Tensor.zeros(5)));
        assertEquals("add: cannot broadcast shapes [5, 2] and [5]", e.getMessage());
        IndexingError m = assertThrows(IndexingError.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2, 3)));
        assertTrue(m.getMessage().contains("[2, 3]"), m.getMessage());
        assertThrows(IndexingError.class, () -> Tensor.zeros(2, 3).sum(2));
        assertThrows(IndexingError.class, () -> Tensor.zeros(2, 3).item());
    }

    @Test
    void mixedBackendsAreAClearError() {
        Tensor simple = Tensor.of(1, 2);
        // fromData wraps without touching the other backend's kernels, so this runs without a FAST build.
        Tensor fast = Tensor.fromData(simple.data(), Backend.FAST);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> simple.add(fast));
        assertTrue(e.getMessage().contains("SIMPLE") && e.getMessage().contains("FAST"), e.getMessage());
    }

    @Test
    void gradIsNullUntilBackwardReachesIt() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        assertNull(x.grad());
        x.sum().backward();
        assertNotNull(x.grad());
    }
}
