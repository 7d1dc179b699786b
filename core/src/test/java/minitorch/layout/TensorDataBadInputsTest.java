package minitorch.layout;

import static minitorch.testing.BadInput.gives;
import static minitorch.testing.BadInput.rejects;

import java.util.List;
import java.util.stream.Stream;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Bad inputs to the strided layout (task 2.1/2.2): every one is an IndexingError naming the operation and the values. */
class TensorDataBadInputsTest {
    static TensorData td(int... shape) { return TensorData.zeros(ElementType.FLOAT64, shape); }

    static final Storage SIX = new DoubleStorage(new double[6]);

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return BadInput.run(List.of(
                rejects("shapes that do not broadcast", IndexingError.class,
                        () -> TensorData.shapeBroadcast(new int[] {2, 3}, new int[] {4, 3}), "broadcast", "[2, 3]", "[4, 3]"),
                rejects("shapes that do not broadcast after padding", IndexingError.class,
                        () -> TensorData.shapeBroadcast(new int[] {3}, new int[] {2, 2}), "broadcast", "[3]", "[2, 2]"),
                rejects("index past the end", IndexingError.class, () -> td(2, 3).get(2, 0), "index [2, 0]", "out of range", "[2, 3]"),
                rejects("negative index", IndexingError.class, () -> td(2, 3).get(0, -1), "negative", "[0, -1]"),
                rejects("index with too few entries", IndexingError.class, () -> td(2, 3).get(1), "index [1]", "2 entries", "[2, 3]"),
                rejects("index with too many entries", IndexingError.class, () -> td(2, 3).set(1, 0, 0, 0), "index [0, 0, 0]", "[2, 3]"),
                rejects("shape(dim) past the end", IndexingError.class, () -> td(2, 3).shape(2), "shape", "dim 2", "[2, 3]"),
                rejects("shape(dim) negative", IndexingError.class, () -> td(2, 3).shape(-1), "shape", "dim -1", "[2, 3]"),
                rejects("permute with a repeated dimension", IndexingError.class,
                        () -> td(2, 3).permute(1, 1), "permute", "[1, 1]", "not a permutation"),
                rejects("permute with a negative dimension", IndexingError.class,
                        () -> td(2, 3).permute(-1, 0), "permute", "[-1, 0]", "not a permutation"),
                rejects("permute with a dimension past the end", IndexingError.class,
                        () -> td(2, 3).permute(0, 2), "permute", "[0, 2]", "not a permutation"),
                rejects("permute with too few dimensions", IndexingError.class,
                        () -> td(2, 3).permute(0), "permute", "[0]", "[2, 3]"),
                rejects("view of the wrong size", IndexingError.class,
                        () -> td(2, 3).view(4), "view", "[2, 3]", "6 elements", "[4]"),
                rejects("view of a non-contiguous layout", IndexingError.class,
                        () -> td(2, 3).permute(1, 0).view(6), "view", "[3, 2]", "[1, 3]", "not contiguous"),
                rejects("view with a negative dimension", IndexingError.class,
                        () -> td(2, 3).view(-2, -3), "view", "negative", "[-2, -3]"),
                rejects("zeros with a negative dimension", IndexingError.class,
                        () -> td(2, -1), "negative", "[2, -1]"),
                rejects("a shape of more than 2^31 - 1 elements", IndexingError.class,
                        () -> TensorData.checkedSize(new int[] {1 << 16, 1 << 16}, "reshape"), "reshape", "[65536, 65536]"),
                rejects("more than 32 dimensions", IndexingError.class,
                        () -> td(new int[33]), "TensorData", "32 dimensions"),
                rejects("strides of the wrong length", IndexingError.class,
                        () -> new TensorData(SIX, new int[] {2, 3}, new int[] {1}), "TensorData", "strides [1]", "[2, 3]"),
                rejects("a negative stride", IndexingError.class,
                        () -> new TensorData(SIX, new int[] {2, 3}, new int[] {-3, 1}), "TensorData", "negative stride", "[-3, 1]"),
                rejects("strides that reach past the storage", IndexingError.class,
                        () -> new TensorData(SIX, new int[] {2, 3}, new int[] {4, 1}), "TensorData", "[4, 1]", "position 6", "6 elements"),
                rejects("strides so large they overflow an int", IndexingError.class,
                        () -> new TensorData(SIX, new int[] {3}, new int[] {Integer.MAX_VALUE}), "TensorData", "[2147483647]", "6 elements"),
                rejects("contiguous over storage of the wrong size", IndexingError.class,
                        () -> TensorData.contiguous(new DoubleStorage(new double[5]), 2, 3), "TensorData", "5 elements", "[2, 3]"),
                gives("a zero-size dimension is allowed and has no elements", 0, () -> td(0, 3).size()),
                gives("a zero-size dimension broadcasts against 1", List.of(0, 3),
                        () -> java.util.Arrays.stream(TensorData.shapeBroadcast(new int[] {0, 1}, new int[] {3})).boxed().toList())));
    }
}
