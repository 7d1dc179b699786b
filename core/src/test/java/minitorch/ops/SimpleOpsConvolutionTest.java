package minitorch.ops;

import static org.junit.jupiter.api.Assertions.*;

import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import org.junit.jupiter.api.Test;

/** The original's exact convolution cases (reference §2.7, §6.2, §6.3) on the plain loops. */
class SimpleOpsConvolutionTest {

    static TensorData data(double[] values, int... shape) {
        TensorData t = TensorData.zeros(ElementType.FLOAT64, shape);
        for (int i = 0; i < values.length; i++) {
            t.storage().set(i, values[i]);
        }
        return t;
    }

    @Test
    void conv1dSimple() {
        TensorData out = TensorData.zeros(ElementType.FLOAT64, 1, 1, 4);
        SimpleOps.INSTANCE.conv1d(data(new double[] {0, 1, 2, 3}, 1, 1, 4), data(new double[] {1, 2, 3}, 1, 1, 3), out, false);
        assertArrayEquals(new double[] {8, 14, 8, 3}, out.toDoubleArray(), 0);
    }

    @Test
    void conv1dDocsExample() {
        TensorData out = TensorData.zeros(ElementType.FLOAT64, 1, 1, 6);
        SimpleOps.INSTANCE.conv1d(data(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 6), data(new double[] {5, 2, 3}, 1, 1, 3), out, false);
        assertArrayEquals(new double[] {18, 28, 38, 48, 37, 30}, out.toDoubleArray(), 0);
    }

    @Test
    void conv1dSimpleBackwardByReverseAndPermute() {
        TensorData input = data(new double[] {0, 1, 2, 3}, 1, 1, 4);
        TensorData weight = data(new double[] {1, 2, 3}, 1, 1, 3);
        TensorData gradOut = data(new double[] {0, 1, 2, 3}, 1, 1, 4);
        TensorData gradInput = TensorData.zeros(ElementType.FLOAT64, 1, 1, 4);
        SimpleOps.INSTANCE.conv1d(gradOut, weight.permute(1, 0, 2), gradInput, true);
        assertArrayEquals(new double[] {0, 1, 4, 10}, gradInput.toDoubleArray(), 0);
        TensorData gradWeight = TensorData.zeros(ElementType.FLOAT64, 1, 1, 3);
        SimpleOps.INSTANCE.conv1d(input.permute(1, 0, 2), gradOut.permute(1, 0, 2), gradWeight, false);
        assertArrayEquals(new double[] {14, 8, 3}, gradWeight.permute(1, 0, 2).toDoubleArray(), 0);
    }

    @Test
    void conv1dInChannel() {
        TensorData out = TensorData.zeros(ElementType.FLOAT64, 1, 1, 4);
        SimpleOps.INSTANCE.conv1d(data(new double[] {0, 1, 2, 3, 0, 1, 2, 3}, 1, 2, 4),
                data(new double[] {1, 2, 3, 1, 2, 3}, 1, 2, 3), out, false);
        assertArrayEquals(new double[] {16, 28, 16, 6}, out.toDoubleArray(), 0);
    }

    @Test
    void conv2Values() {
        TensorData out = TensorData.zeros(ElementType.FLOAT64, 1, 1, 4, 4);
        SimpleOps.INSTANCE.conv2d(data(new double[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 1, 1, 4, 4),
                data(new double[] {1, 1, 1, 1}, 1, 1, 2, 2), out, false);
        assertArrayEquals(new double[] {2, 6, 10, 6, 2, 6, 10, 6, 2, 6, 10, 6, 1, 3, 5, 3}, out.toDoubleArray(), 0);
    }

    @Test
    void rejectsMismatchedChannelsNamingShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimpleOps.INSTANCE.conv1d(
                TensorData.zeros(ElementType.FLOAT64, 1, 2, 4), TensorData.zeros(ElementType.FLOAT64, 1, 3, 2),
                TensorData.zeros(ElementType.FLOAT64, 1, 1, 4), false));
        assertTrue(e.getMessage().contains("conv1d") && e.getMessage().contains("[1, 2, 4]")
                && e.getMessage().contains("[1, 3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimpleOps.INSTANCE.conv2d(
                TensorData.zeros(ElementType.FLOAT64, 1, 2, 4, 4), TensorData.zeros(ElementType.FLOAT64, 1, 2, 2, 2),
                TensorData.zeros(ElementType.FLOAT64, 2, 1, 4, 4), false));
    }
}
