package minitorch.ops.cuda;

import static minitorch.testing.TensorGens.ints;
import static minitorch.testing.TensorGens.lists;
import static minitorch.testing.TensorGens.seeds;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import minitorch.layout.ElementType;
import minitorch.layout.Shapes;
import minitorch.layout.TensorData;
import org.junit.jupiter.api.Test;

/** The host-side view preparation every CUDA launch relies on: broadcasting to stride 0 and coalescing. */
class LayoutTest {

    @Test
    void contiguousTensorsCoalesceToOneFlatDimension() {
        TensorData t = TensorData.zeros(ElementType.FLOAT32, 2, 3, 4);
        Layout layout = Layout.coalesce(t.shape(), t.strides(), t.strides());
        assertArrayEquals(new int[] {24}, layout.shape());
        assertTrue(layout.isFlat());
    }

    @Test
    void aTransposeKeepsTwoDimensions() {
        TensorData t = TensorData.zeros(ElementType.FLOAT64, 3, 4).permute(1, 0);
        TensorData out = TensorData.zeros(ElementType.FLOAT64, 4, 3);
        Layout layout = Layout.coalesce(out.shape(), out.strides(), t.strides());
        assertArrayEquals(new int[] {4, 3}, layout.shape());
        assertArrayEquals(new int[] {1, 4}, layout.strides()[1]);
        assertFalse(layout.isFlat());
    }

    @Test
    void aScalarBecomesOneElement() {
        Layout layout = Layout.coalesce(new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
        assertArrayEquals(new int[] {1}, layout.shape());
        assertEquals(1, layout.size());
        Layout empty = Layout.coalesce(new int[0], new int[0]);
        assertArrayEquals(new int[] {1}, empty.shape());
    }

    /**
     * Coalescing must visit exactly the same storage positions in the same order, for every operand,
     * whatever the shape, permutation and broadcasting.
     */
    @Test
    void coalescingPreservesTheIteration() {
        theory(300).forAll(lists(ints(1, 4), 1, 5), seeds()).checkAssert((dims, seed) -> {
            int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
            java.util.Random random = new java.util.Random(seed);
            // operand 1: a random permutation of a contiguous tensor; operand 2: broadcast along random dims
            int[] order = permutation(shape.length, random);
            int[] baseShape = new int[shape.length];
            for (int d = 0; d < shape.length; d++) {
                baseShape[order[d]] = shape[d];
            }
            TensorData permuted = TensorData.zeros(ElementType.FLOAT64, baseShape).permute(order);
            int[] smallShape = shape.clone();
            for (int d = 0; d < shape.length; d++) {
                if (random.nextBoolean()) {
                    smallShape[d] = 1;
                }
            }
            TensorData small = TensorData.zeros(ElementType.FLOAT64, smallShape);
            TensorData out = TensorData.zeros(ElementType.FLOAT64, shape);
            int[][] strides = {out.strides(), Shapes.broadcastStrides("zip", permuted, shape), Shapes.broadcastStrides("zip", small, shape)};
            Layout layout = Layout.coalesce(shape, strides);
            assertEquals(out.size(), layout.size());
            assertTrue(layout.dims() <= shape.length);
            for (int o = 0; o < strides.length; o++) {
                assertEquals(positions(shape, strides[o]), positions(layout.shape(), layout.strides()[o]), layout.toString());
            }
        });
    }

    private static List<Integer> positions(int[] shape, int[] strides) {
        List<Integer> out = new ArrayList<>();
        int size = TensorData.checkedSize(shape, "test");
        int[] index = new int[shape.length];
        for (int i = 0; i < size; i++) {
            TensorData.toIndex(i, shape, index);
            out.add(TensorData.indexToPosition(index, strides));
        }
        return out;
    }

    private static int[] permutation(int n, java.util.Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
