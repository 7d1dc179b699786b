package minitorch.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Parameter;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.Test;

class ConvModulesTest {

    @Test
    void conv2dModuleShapesNamesInitAndGradients() {
        for (Backend b : TestBackends.all()) {
            Conv2d conv = new Conv2d(2, 3, 2, 3, new Random(1), b, DType.FLOAT64);
            assertEquals(List.of("weights", "bias"), List.copyOf(conv.namedParameters().keySet()));
            assertArrayEquals(new int[] {3, 2, 2, 3}, conv.weights().value().shape());
            assertArrayEquals(new int[] {3, 1, 1}, conv.bias().value().shape());
            for (double v : conv.weights().value().toDoubleArray()) {
                assertTrue(v >= -0.05 && v < 0.05, "the original's RParam range");
            }
            Tensor x = Tensor.rand(new Random(2), b, DType.FLOAT64, 4, 2, 5, 6);
            Tensor y = conv.forward(x);
            assertArrayEquals(new int[] {4, 3, 5, 6}, y.shape());
            // the bias adds to every position of its channel
            Tensor noBias = NN.conv2d(x, conv.weights().value());
            assertEquals(noBias.get(1, 2, 3, 4) + conv.bias().value().get(2, 0, 0), y.get(1, 2, 3, 4), 1e-12);
            y.sum().backward();
            assertArrayEquals(new int[] {3, 2, 2, 3}, conv.weights().value().grad().shape());
            assertEquals(4 * 5 * 6, conv.bias().value().grad().get(0, 0, 0), 1e-9, "d sum / d bias = positions per channel");
        }
    }

    @Test
    void conv1dModuleAndSeededInit() {
        Conv1d a = new Conv1d(50, 4, 3, new Random(7), Backend.SIMPLE, DType.FLOAT32);
        Conv1d b = new Conv1d(50, 4, 3, new Random(7), Backend.SIMPLE, DType.FLOAT32);
        assertArrayEquals(a.weights().value().toDoubleArray(), b.weights().value().toDoubleArray(), 0, "seeded");
        assertArrayEquals(new int[] {1, 4, 1}, a.bias().value().shape());
        Tensor out = a.forward(Tensor.rand(new Random(1), Backend.SIMPLE, DType.FLOAT32, 2, 50, 9));
        assertArrayEquals(new int[] {2, 4, 9}, out.shape());
        assertEquals(DType.FLOAT32, out.dtype());
    }

    @Test
    void sgdStepsTensorParameters() {
        for (Backend b : TestBackends.all()) {
            Parameter<Tensor> p = new Parameter<>(Tensor.of(b, DType.FLOAT64, new double[] {1, 2}, 2).requiresGrad(true), "p");
            p.value().mul(Tensor.of(b, DType.FLOAT64, new double[] {3, -4}, 2)).sum().backward();
            new SGD(List.of(p), 0.5).step();
            assertArrayEquals(new double[] {-0.5, 4}, p.value().toDoubleArray(), 1e-12);
            assertTrue(p.value().requiresGrad() && p.value().grad() == null);
        }
    }
}
