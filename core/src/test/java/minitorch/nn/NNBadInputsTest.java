package minitorch.nn;

import static minitorch.testing.BadInput.check;
import static minitorch.testing.BadInput.gives;
import static minitorch.testing.BadInput.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import minitorch.backend.Backend;
import minitorch.layout.IndexingError;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad inputs to the network layers (task 4): shapes, dims, kernels, rates and vocabularies. A shape or
 * dim mistake is an IndexingError, the type every backend and tensor function raises for it
 * (minitorch.layout.Shapes holds the rules).
 */
class NNBadInputsTest {
    static Tensor t(int... shape) { return Tensor.rand(new Random(1), Backend.SIMPLE, DType.FLOAT64, shape); }

    static final Random R = new Random(1);

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return BadInput.run(List.of(
                rejects("conv1d with disagreeing channels", IndexingError.class,
                        () -> NN.conv1d(t(1, 2, 5), t(3, 4, 2)), "conv1d", "[1, 2, 5]", "[3, 4, 2]", "2 vs 4"),
                rejects("conv1d of a 2-D input", IndexingError.class,
                        () -> NN.conv1d(t(2, 5), t(3, 2, 2)), "conv1d", "[2, 5]", "3 dimensions"),
                rejects("conv2d with disagreeing channels", IndexingError.class,
                        () -> NN.conv2d(t(1, 2, 5, 5), t(3, 4, 2, 2)), "conv2d", "[1, 2, 5, 5]", "2 vs 4"),
                rejects("conv2d of a 3-D input", IndexingError.class,
                        () -> NN.conv2d(t(2, 5, 5), t(3, 2, 2, 2)), "conv2d", "[2, 5, 5]"),
                rejects("Conv1d module given the wrong channels", IndexingError.class,
                        () -> new Conv1d(2, 3, 2, R, Backend.SIMPLE, DType.FLOAT64).forward(t(1, 4, 5)), "conv1d", "4 vs 2"),
                rejects("Conv2d module given the wrong channels", IndexingError.class,
                        () -> new Conv2d(2, 3, 2, 2, R, Backend.SIMPLE, DType.FLOAT64).forward(t(1, 4, 5, 5)), "conv2d", "4 vs 2"),
                rejects("tile with a kernel that does not divide", IllegalArgumentException.class,
                        () -> NN.tile(t(1, 1, 5, 5), 2, 2), "tile", "2x2", "[1, 1, 5, 5]"),
                rejects("tile with a zero kernel", IllegalArgumentException.class,
                        () -> NN.tile(t(1, 1, 4, 4), 0, 2), "tile", "0x2"),
                rejects("tile with a negative kernel", IllegalArgumentException.class,
                        () -> NN.tile(t(1, 1, 4, 4), 2, -2), "tile", "2x-2"),
                rejects("tile of a 2-D input", IllegalArgumentException.class,
                        () -> NN.tile(t(4, 4), 2, 2), "tile", "[4, 4]", "4-D"),
                rejects("avgpool2d with a kernel that does not divide", IllegalArgumentException.class,
                        () -> NN.avgpool2d(t(1, 1, 5, 4), 2, 2), "avgpool2d", "2x2", "[1, 1, 5, 4]"),
                rejects("maxpool2d with a kernel that does not divide", IllegalArgumentException.class,
                        () -> NN.maxpool2d(t(1, 1, 4, 3), 2, 2), "maxpool2d", "2x2", "[1, 1, 4, 3]"),
                rejects("max along a dim past the end", IndexingError.class,
                        () -> NN.max(t(2, 3), 2), "max", "dim 2", "[2, 3]"),
                rejects("max along a negative dim", IndexingError.class,
                        () -> NN.max(t(2, 3), -1), "max", "dim -1", "[2, 3]"),
                rejects("max along an empty dim", IllegalArgumentException.class,
                        () -> NN.max(Tensor.zeros(0, 3), 0), "max", "dim 0", "[0, 3]", "empty"),
                rejects("argmax along an empty dim", IllegalArgumentException.class,
                        () -> NN.argmax(Tensor.zeros(2, 0), 1), "argmax", "dim 1", "[2, 0]", "empty"),
                rejects("argmax along a negative dim", IndexingError.class,
                        () -> NN.argmax(t(2, 3), -1), "argmax", "dim -1"),
                rejects("softmax along a dim past the end", IndexingError.class,
                        () -> NN.softmax(t(2, 3), 5), "softmax", "dim 5", "[2, 3]"),
                rejects("logsoftmax along a dim past the end", IndexingError.class,
                        () -> NN.logsoftmax(t(2, 3), 5), "logsoftmax", "dim 5", "[2, 3]"),
                rejects("dropout rate above 1", IllegalArgumentException.class,
                        () -> NN.dropout(t(2, 3), 2.0, false), "dropout", "2.0"),
                rejects("dropout rate below 0", IllegalArgumentException.class,
                        () -> NN.dropout(t(2, 3), -0.5, false), "dropout", "-0.5"),
                rejects("dropout rate NaN", IllegalArgumentException.class,
                        () -> NN.dropout(t(2, 3), Double.NaN, false), "dropout", "NaN"),
                rejects("Linear given the wrong features", IndexingError.class,
                        () -> Linear.uniform(3, 2, 1.0, R, Backend.SIMPLE, DType.FLOAT64).forward(t(4, 5)), "Linear(3, 2)", "[4, 5]"),
                rejects("Linear with a negative size", IndexingError.class,
                        () -> Linear.uniform(-1, 2, 1.0, R, Backend.SIMPLE, DType.FLOAT64), "negative", "[-1, 2]"),
                rejects("Embedding index past the vocabulary", IllegalArgumentException.class,
                        () -> new Embedding(t(5, 3)).forward(new int[][] {{1, 7}}), "embedding", "index 7", "[0, 1]", "vocabulary of 5"),
                rejects("Embedding index below -1", IllegalArgumentException.class,
                        () -> new Embedding(t(5, 3)).forward(new int[][] {{-2}}), "embedding", "index -2"),
                rejects("Embedding of ragged rows", IllegalArgumentException.class,
                        () -> new Embedding(t(5, 3)).forward(new int[][] {{1, 2}, {1}}), "embedding", "row 1", "1 indices", "2"),
                rejects("Embedding of a 1-D table", IllegalArgumentException.class,
                        () -> new Embedding(t(5)), "Embedding", "[5]", "2-D"),
                gives("Embedding index -1 (padding) gives a zero vector", List.of(0.0, 0.0, 0.0),
                        () -> java.util.Arrays.stream(new Embedding(t(5, 3)).forward(new int[][] {{-1}}).toDoubleArray()).boxed().toList()),
                check("softmax of a row with +inf is NaN there (inf - inf), as PyTorch", () -> {
                    double[] p = NN.softmax(Tensor.of(new double[] {Double.POSITIVE_INFINITY, 0}, 1, 2), 1).toDoubleArray();
                    assertEquals(Double.NaN, p[0]);
                }),
                check("softmax of large values stays finite (shifted by the maximum)", () ->
                        assertArrayEquals(new double[] {0.5, 0.5}, NN.softmax(Tensor.of(new double[] {1000, 1000}, 1, 2), 1).toDoubleArray())),
                check("conv2d with a kernel larger than the input reads zeros past the edge, as the original", () ->
                        assertArrayEquals(new int[] {1, 3, 3, 3}, NN.conv2d(t(1, 2, 3, 3), t(3, 2, 5, 5)).shape()))));
    }
}
