package minitorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;
import org.junit.jupiter.api.Test;

/** SGD on tensor parameters: p <- p - lr * grad in place, the gradient cleared; and the checks of TensorBackend.sgd. */
class SgdTensorTest {
    @Test
    void stepsAgainstTheGradientAndZeroGradForgetsIt() {
        for (Backend backend : List.of(Backend.SIMPLE, Backend.FAST)) {
            Parameter<Tensor> p = new Parameter<>(Tensor.of(backend, DType.FLOAT64, new double[] {1, 2}, 2).requiresGrad(true));
            SGD sgd = new SGD(List.of(p), 0.1);
            p.value().mul(p.value()).sum().backward(); // d/dp = 2p
            Tensor before = p.value();
            sgd.step();
            assertSame(before, p.value(), "updated in place");
            assertArrayEquals(new double[] {0.8, 1.6}, p.value().toDoubleArray(), 1e-12);
            assertTrue(p.value().requiresGrad(), "the new value is a trainable leaf");
            assertEquals(backend, p.value().backend());
            assertNull(p.value().grad());
            p.value().sum().backward();
            sgd.zeroGrad();
            assertNull(p.value().grad());
        }
    }

    @Test
    void stepsAreBitForBitTheFreshLeafFormula() {
        for (DType dtype : DType.values()) {
            Random r = new Random(7);
            double[] w = new double[37], g = new double[37];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextGaussian();
                g[i] = r.nextGaussian();
            }
            Parameter<Tensor> p = new Parameter<>(Tensor.of(Backend.FAST, dtype, w, 37));
            Tensor expected = p.value().add(Tensor.of(Backend.FAST, dtype, g, 37).mul(-0.3));
            SGD sgd = new SGD(List.of(p), 0.3);
            for (int step = 0; step < 2; step++) { // the second step reuses the scratch tensor
                p.value().mul(Tensor.of(Backend.FAST, dtype, g, 37)).sum().backward(); // gradient g
                sgd.step();
                if (step == 0) {
                    assertArrayEquals(expected.toDoubleArray(), p.value().toDoubleArray(), 0.0, dtype.toString());
                    expected = p.value().add(Tensor.of(Backend.FAST, dtype, g, 37).mul(-0.3));
                }
            }
            assertArrayEquals(expected.toDoubleArray(), p.value().toDoubleArray(), 0.0, dtype.toString());
        }
    }

    @Test
    void sgdRefusesWhatItCannotUpdateInPlace() {
        for (Backend backend : List.of(Backend.SIMPLE, Backend.FAST)) {
            Tensor w = Tensor.of(backend, DType.FLOAT64, new double[] {1, 2}, 2);
            Tensor broadcast = Tensor.of(backend, DType.FLOAT64, new double[] {1}, 1).expand(2);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> TensorBackend.sgd(broadcast, w, 0.1, () -> Tensor.zeros(backend, DType.FLOAT64, 2)));
            assertEquals("sgd: cannot update a broadcast view in place (shape [2], strides [0])", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> TensorBackend.sgd(w, Tensor.zeros(backend, DType.FLOAT64, 3), 0.1, () -> Tensor.zeros(backend, DType.FLOAT64, 2)));
            assertEquals("sgd: parameter [2] and gradient [3] must have one shape", e.getMessage());
            assertArrayEquals(new double[] {1, 2}, w.toDoubleArray(), "nothing written");
        }
        // a composed step (SIMPLE) checks the scratch it is given, before writing anything
        Tensor w = Tensor.of(Backend.SIMPLE, DType.FLOAT64, new double[] {1, 2}, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> TensorBackend.sgd(w, w, 0.1, () -> Tensor.zeros(Backend.SIMPLE, DType.FLOAT32, 2)));
        assertEquals("sgd: scratch must be contiguous, of the parameter's shape [2] and dtype FLOAT64, got [2] FLOAT32",
                e.getMessage());
        assertArrayEquals(new double[] {1, 2}, w.toDoubleArray(), "nothing written");
    }

    @Test
    void aFusedStepNeverAsksForTheScratchAndAComposedOneAsksEachStep() {
        for (Backend backend : List.of(Backend.SIMPLE, Backend.FAST)) {
            Tensor w = Tensor.of(backend, DType.FLOAT64, new double[] {1, 2}, 2);
            Tensor g = Tensor.of(backend, DType.FLOAT64, new double[] {10, 20}, 2);
            Tensor scratch = Tensor.zeros(backend, DType.FLOAT64, 2);
            int[] asked = {0};
            for (int step = 0; step < 2; step++) {
                TensorBackend.sgd(w, g, 0.1, () -> {
                    asked[0]++;
                    return scratch;
                });
            }
            assertArrayEquals(new double[] {-1, -2}, w.toDoubleArray(), 1e-12, backend.toString());
            assertEquals(backend == Backend.FAST ? 0 : 2, asked[0], backend + ": scratch asked for");
        }
    }
}
