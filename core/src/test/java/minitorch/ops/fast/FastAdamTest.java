package minitorch.ops.fast;

import static minitorch.testing.RandomTensors.copy;
import static minitorch.testing.RandomTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.AdamUpdate;
import minitorch.ops.ComposedAdam;
import minitorch.ops.SimpleOps;
import org.junit.jupiter.api.Test;

/**
 * FastOps's fused Adam pass ({@link minitorch.ops.FusedAdam}) against {@link ComposedAdam} on
 * SimpleOps (map and zip only): several steps, both dtypes, sizes past the SIMD tail and the thread threshold, and a permuted
 * (non-dense) gradient, which FAST copies dense first.
 */
class FastAdamTest {


    @Test
    void fusedStepsMatchTheComposedDefault() {
        Random r = new Random(7);
        for (ElementType dtype : ElementType.values()) {
            for (int[] shape : new int[][] {{3}, {37, 5}, {301, 211}}) {
                for (boolean permutedGrad : new boolean[] {false, true}) {
                    TensorData pFast = uniform(dtype, r, shape), pSimple = copy(pFast);
                    TensorData mFast = TensorData.zeros(dtype, shape), mSimple = TensorData.zeros(dtype, shape);
                    TensorData vFast = TensorData.zeros(dtype, shape), vSimple = TensorData.zeros(dtype, shape);
                    for (int step = 1; step <= 3; step++) {
                        TensorData grad;
                        if (permutedGrad && shape.length == 2) {
                            grad = uniform(dtype, r, shape[1], shape[0]).permute(1, 0);
                        } else {
                            grad = uniform(dtype, r, shape);
                        }
                        AdamUpdate u = new AdamUpdate(0.9, 0.999, 1e-8, 0.01 / (1 - Math.pow(0.9, step)), 1 - Math.pow(0.999, step));
                        FastOps.instance().adam(pFast, grad, mFast, vFast, u);
                        ComposedAdam.step(SimpleOps.INSTANCE, pSimple, grad, mSimple, vSimple, u);
                    }
                    double tol = dtype == ElementType.FLOAT64 ? 1e-12 : 1e-5;
                    String what = dtype + " " + java.util.Arrays.toString(shape) + (permutedGrad ? " permuted" : "");
                    assertClose(pSimple, pFast, tol, "param " + what);
                    assertClose(mSimple, mFast, tol, "m " + what);
                    assertClose(vSimple, vFast, tol, "v " + what);
                }
            }
        }
    }

    private static void assertClose(TensorData expected, TensorData actual, double tol, String what) {
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * (1 + Math.abs(e[i])), what + " at " + i);
        }
    }
}
