package minitorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import minitorch.backend.Backend;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** SGD on tensor parameters: p <- p - lr * grad, as a fresh leaf on the same backend and dtype. */
class SgdTensorTest {
    @Test
    void stepsAgainstTheGradientAndZeroGradForgetsIt() {
        for (Backend backend : List.of(Backend.SIMPLE, Backend.FAST)) {
            Parameter<Tensor> p = new Parameter<>(Tensor.of(backend, DType.FLOAT64, new double[] {1, 2}, 2).requiresGrad(true));
            SGD sgd = new SGD(List.of(p), 0.1);
            p.value().mul(p.value()).sum().backward(); // d/dp = 2p
            sgd.step();
            assertArrayEquals(new double[] {0.8, 1.6}, p.value().toDoubleArray(), 1e-12);
            assertTrue(p.value().requiresGrad(), "the new value is a trainable leaf");
            assertEquals(backend, p.value().backend());
            assertNull(p.value().grad());
            p.value().sum().backward();
            sgd.zeroGrad();
            assertNull(p.value().grad());
        }
    }
}
