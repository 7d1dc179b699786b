package minitorch.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;

/**
 * The networks' parameter paths are the checkpoints' tensor names: with nn.Linear in place of the layer class the
 * networks once had for themselves, they must stay what older checkpoints hold, so those still load.
 */
class ParameterNamesTest {

    @Test
    void leNetKeepsItsCheckpointNames() {
        LeNet net = new LeNet(new Random(1), Backend.SIMPLE, DType.FLOAT32, false, 0.25, true);
        assertEquals(List.of("conv1.weights", "conv1.bias", "conv2.weights", "conv2.bias", "linear1.weights",
                "linear1.bias", "linear2.weights", "linear2.bias"), List.copyOf(net.namedParameters().keySet()));
    }

    @Test
    void kimCnnKeepsItsCheckpointNames() {
        KimCnn net = KimCnn.original(new Random(1), Backend.SIMPLE, DType.FLOAT32, false);
        assertEquals(List.of("conv1.weights", "conv1.bias", "conv2.weights", "conv2.bias", "conv3.weights",
                "conv3.bias", "linear.weights", "linear.bias"), List.copyOf(net.namedParameters().keySet()));
    }
}
