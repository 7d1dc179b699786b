package minitorch.ops.fast;

import static minitorch.testing.RandomTensors.copy;
import static minitorch.testing.RandomTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.TensorData;
import minitorch.ops.ComposedSgd;
import minitorch.ops.SimpleOps;
import org.junit.jupiter.api.Test;

/**
 * FastOps's fused SGD pass ({@link minitorch.ops.FusedSgd}) against {@link ComposedSgd} on SimpleOps (zip only),
 * bit for bit: both dtypes, sizes past the SIMD tail and the thread threshold, and permuted parameters or
 * gradients, which FAST composes.
 */
class FastSgdTest {

    @Test
    void fusedStepsGiveTheComposedStepsBits() {
        Random r = new Random(11);
        for (ElementType dtype : ElementType.values()) {
            for (int[] shape : new int[][] {{3}, {37, 5}, {301, 211}}) {
                for (String layout : new String[] {"dense", "permuted gradient", "permuted parameter"}) {
                    boolean twoD = shape.length == 2;
                    TensorData pFast = twoD && layout.equals("permuted parameter")
                            ? uniform(dtype, r, shape[1], shape[0]).permute(1, 0) : uniform(dtype, r, shape);
                    TensorData pSimple = copy(pFast);
                    for (int step = 0; step < 3; step++) {
                        TensorData grad = twoD && layout.equals("permuted gradient")
                                ? uniform(dtype, r, shape[1], shape[0]).permute(1, 0) : uniform(dtype, r, shape);
                        double rate = 0.05 * (step + 1) + 1e-3; // not a power of two: the product rounds
                        FastOps.instance().sgd(pFast, grad, rate);
                        ComposedSgd.step(SimpleOps.INSTANCE, pSimple, grad, rate, TensorData.zeros(dtype, shape));
                    }
                    String what = dtype + " " + Arrays.toString(shape) + " " + layout;
                    assertArrayEquals(pSimple.toDoubleArray(), pFast.toDoubleArray(), 0.0, what);
                }
            }
        }
    }

    @Test
    void theFusedStepRoundsTheProductBeforeTheSum() {
        // −1 + g·g with g = 1 + 2⁻¹²: g·g = 1 + 2⁻¹¹ + 2⁻²⁴ rounds to 1 + 2⁻¹¹, so two roundings give 2⁻¹¹ and an
        // FMA 2⁻¹¹ + 2⁻²⁴; 33 elements take the vector loop and the scalar tail
        float g = 1 + 0x1p-12f;
        float[] p = new float[33], grad = new float[33];
        Arrays.fill(p, -1f);
        Arrays.fill(grad, g);
        FastOps.instance().sgd(TensorData.contiguous(new FloatStorage(p), 33), TensorData.contiguous(new FloatStorage(grad), 33), -g);
        assertNotEquals(0x1p-11f, Math.fma(g, g, -1f), "the case tells an FMA from two roundings");
        for (float v : p) {
            assertEquals(0x1p-11f, v, 0f);
        }
    }
}
