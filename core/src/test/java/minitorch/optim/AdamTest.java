package minitorch.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import minitorch.backend.Backend;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void firstStepMovesEachElementByAboutTheRateAgainstItsGradient() {
        for (Backend b : TestBackends.all()) {
            Parameter<Tensor> p = new Parameter<>(Tensor.of(b, DType.FLOAT64, new double[] {1, -2, 3}, 3).requiresGrad(true), "p");
            Adam adam = new Adam(List.of(p), 0.1);
            p.value().mul(Tensor.of(b, DType.FLOAT64, new double[] {2, 0.5, -4}, 3)).sum().backward();
            adam.step();
            // step 1: m_hat = g, v_hat = g^2, so the update is lr * g / (|g| + eps) = lr * sign(g)
            assertArrayEquals(new double[] {0.9, -2.1, 3.1}, p.value().toDoubleArray(), 1e-7);
            assertTrue(p.value().requiresGrad());
            assertNull(p.value().grad(), "a step leaves a fresh leaf");
            assertEquals(1, adam.steps());
        }
    }

    @Test
    void secondStepMatchesTheFormula() {
        Parameter<Tensor> p = new Parameter<>(Tensor.of(Backend.SIMPLE, DType.FLOAT64, new double[] {0.0}, 1).requiresGrad(true), "p");
        Adam adam = new Adam(List.of(p), 0.01, 0.9, 0.999, 1e-8);
        double[] grads = {1.0, 3.0};
        double m = 0, v = 0, x = 0;
        for (int t = 1; t <= 2; t++) {
            p.value().mul(grads[t - 1]).sum().backward();
            adam.step();
            m = 0.9 * m + 0.1 * grads[t - 1];
            v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
            double mHat = m / (1 - Math.pow(0.9, t)), vHat = v / (1 - Math.pow(0.999, t));
            x -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        assertEquals(x, p.value().item(), 1e-12);
    }

    @Test
    void minimisesAQuadraticOnEveryBackend() {
        for (Backend b : TestBackends.all()) {
            for (DType dtype : DType.values()) {
                Parameter<Tensor> p = new Parameter<>(Tensor.of(b, dtype, new double[] {5, -3}, 2).requiresGrad(true), "p");
                Adam adam = new Adam(List.of(p), 0.1);
                Tensor target = Tensor.of(b, dtype, new double[] {1, 2}, 2);
                for (int i = 0; i < 300; i++) {
                    Tensor d = p.value().sub(target);
                    d.mul(d).sum().backward();
                    adam.step();
                }
                assertArrayEquals(new double[] {1, 2}, p.value().toDoubleArray(), 0.05, b + " " + dtype);
            }
        }
    }

    @Test
    void updatesTheParameterInPlaceAndRejectsMismatchedState() {
        for (Backend b : TestBackends.all()) {
            Tensor value = Tensor.of(b, DType.FLOAT32, new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
            Parameter<Tensor> p = new Parameter<>(value, "p");
            Adam adam = new Adam(List.of(p), 0.1);
            p.value().sum().backward();
            adam.step();
            assertSame(value, p.value(), "the same tensor, updated in place");
            assertArrayEquals(new double[] {0.9, 1.9, 2.9, 3.9}, value.toDoubleArray(), 1e-6);
        }
        Tensor param = Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 2, 3);
        Tensor grad = Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 2, 3);
        var update = new minitorch.ops.AdamUpdate(0.9, 0.999, 1e-8, 0.1, 0.001);
        var shape = assertThrows(IllegalArgumentException.class, () -> minitorch.tensor.TensorBackend.adam(param, grad,
                Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 3, 2), Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 2, 3), update));
        assertTrue(shape.getMessage().contains("adam") && shape.getMessage().contains("[3, 2]"), shape.getMessage());
        var dtype = assertThrows(IllegalArgumentException.class, () -> minitorch.tensor.TensorBackend.adam(param, grad,
                Tensor.zeros(Backend.SIMPLE, DType.FLOAT32, 2, 3), Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 2, 3), update));
        assertTrue(dtype.getMessage().contains("dtype"), dtype.getMessage());
        Tensor broadcast = Tensor.fromData(new minitorch.layout.TensorData(Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 3).data().storage(),
                new int[] {2, 3}, new int[] {0, 1}), Backend.SIMPLE);
        var view = assertThrows(IllegalArgumentException.class, () -> minitorch.tensor.TensorBackend.adam(broadcast, grad,
                Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 2, 3), Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 2, 3), update));
        assertTrue(view.getMessage().contains("broadcast"), view.getMessage());
    }

    @Test
    void rejectsBadSettings() {
        Parameter<Tensor> p = new Parameter<>(Tensor.zeros(Backend.SIMPLE, DType.FLOAT64, 1).requiresGrad(true), "p");
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1, 1.0, 0.999, 1e-8));
    }
}
