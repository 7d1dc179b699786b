package minitorch.layout;

import minitorch.tensor.Tensor;
import static minitorch.testing.TensorGens.tensors;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import minitorch.backend.Backend;
import org.junit.jupiter.api.Test;

/** The strided layout rules (reference §2.4, task2_1/2_2) and the exact cases of §6.3. */
class TensorDataTest {

    @Test
    void layout() {
        TensorData td = new TensorData(ElementType.FLOAT64.allocateHost(15), new int[] {3, 5}, new int[] {5, 1});
        assertTrue(td.isContiguous());
        assertArrayEquals(new int[] {3, 5}, td.shape());
        assertEquals(5, td.position(1, 0));
        assertEquals(7, td.position(1, 2));

        TensorData transposed = new TensorData(ElementType.FLOAT64.allocateHost(15), new int[] {5, 3}, new int[] {1, 5});
        assertArrayEquals(new int[] {5, 3}, transposed.shape());
        assertFalse(transposed.isContiguous());

        assertArrayEquals(new int[] {4, 2, 1}, TensorData.zeros(ElementType.FLOAT64, 4, 2, 2).strides());
    }

    @Test
    void stridesFromShape() {
        assertArrayEquals(new int[] {4, 2, 1}, TensorData.stridesFromShape(new int[] {4, 2, 2}));
        assertArrayEquals(new int[] {5, 1}, TensorData.stridesFromShape(new int[] {3, 5}));
        assertArrayEquals(new int[] {60, 20, 5, 1}, TensorData.stridesFromShape(new int[] {2, 3, 4, 5}));
    }

    @Test
    void stridesThatDoNotMatchTheShapeAreRejected() {
        assertThrows(IndexingError.class,
                () -> new TensorData(ElementType.FLOAT64.allocateHost(15), new int[] {3, 5}, new int[] {6}));
        assertThrows(IndexingError.class,
                () -> new TensorData(ElementType.FLOAT64.allocateHost(14), new int[] {3, 5}, new int[] {5, 1}));
    }

    @Test
    void shapeBroadcastTable() {
        assertArrayEquals(new int[] {5, 5}, TensorData.shapeBroadcast(new int[] {1}, new int[] {5, 5}));
        assertArrayEquals(new int[] {5, 5}, TensorData.shapeBroadcast(new int[] {5, 5}, new int[] {1}));
        assertArrayEquals(new int[] {1, 5, 5}, TensorData.shapeBroadcast(new int[] {1, 5, 5}, new int[] {5, 5}));
        assertArrayEquals(new int[] {5, 5, 5, 5},
                TensorData.shapeBroadcast(new int[] {5, 1, 5, 1}, new int[] {1, 5, 1, 5}));
        assertThrows(IndexingError.class,
                () -> TensorData.shapeBroadcast(new int[] {5, 7, 5, 1}, new int[] {1, 5, 1, 5}));
        IndexingError e = assertThrows(IndexingError.class,
                () -> TensorData.shapeBroadcast(new int[] {5, 2}, new int[] {5}));
        assertEquals("broadcast: cannot broadcast shapes [5, 2] and [5]", e.getMessage());
        assertArrayEquals(new int[] {2, 5}, TensorData.shapeBroadcast(new int[] {2, 5}, new int[] {5}));
        assertArrayEquals(new int[] {7, 2, 3, 5}, TensorData.shapeBroadcast(new int[] {2, 3, 1}, new int[] {7, 2, 1, 5}));
    }

    @Test
    void permuteOfATwoByThree() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        TensorData p = t.data().permute(1, 0);
        assertArrayEquals(new int[] {3, 2}, p.shape());
        assertArrayEquals(new int[] {1, 3}, p.strides());
        assertFalse(p.isContiguous());
        assertThrows(IndexingError.class, () -> t.data().permute(0, 0));
        assertThrows(IndexingError.class, () -> t.data().permute(0));
    }

    @Test
    void enumerationVisitsEveryIndexOnceWithinBounds() {
        theory(50).forAll(tensors()).checkAssert(t -> {
            TensorData td = t.data();
            Set<List<Integer>> seen = new HashSet<>();
            int[] index = new int[td.dims()];
            for (int ordinal = 0; ordinal < td.size(); ordinal++) {
                TensorData.toIndex(ordinal, td.shape(), index);
                for (int i = 0; i < index.length; i++) {
                    assertTrue(index[i] >= 0 && index[i] < td.shape(i));
                }
                seen.add(java.util.Arrays.stream(index).boxed().toList());
            }
            assertEquals(td.size(), seen.size());
        });
    }

    @Test
    void everyIndexHasAPositionInTheStorageAndBadIndicesAreRejected() {
        theory(50).forAll(tensors()).checkAssert(t -> {
            TensorData td = t.data();
            int[] index = new int[td.dims()];
            Set<Integer> positions = new HashSet<>();
            for (int ordinal = 0; ordinal < td.size(); ordinal++) {
                TensorData.toIndex(ordinal, td.shape(), index);
                int position = td.position(index);
                assertTrue(position >= 0 && position < td.size());
                positions.add(position);
            }
            assertEquals(td.size(), positions.size(), "a permuted layout is still one-to-one");
            int[] negative = new int[td.dims()];
            negative[0] = -1;
            assertThrows(IndexingError.class, () -> td.position(negative));
            assertThrows(IndexingError.class, () -> td.position(new int[td.dims() - 1]));
        });
    }

    @Test
    void reversePermutationFindsTheSamePosition() {
        theory(50).forAll(tensors()).checkAssert(t -> {
            TensorData td = t.data();
            int dims = td.dims();
            int[] reverse = new int[dims];
            for (int i = 0; i < dims; i++) {
                reverse[i] = dims - 1 - i;
            }
            TensorData reversed = td.permute(reverse);
            int[] index = new int[dims];
            int[] rIndex = new int[dims];
            for (int ordinal = 0; ordinal < td.size(); ordinal++) {
                TensorData.toIndex(ordinal, td.shape(), index);
                for (int i = 0; i < dims; i++) {
                    rIndex[i] = index[dims - 1 - i];
                }
                assertEquals(td.position(index), reversed.position(rIndex));
                assertEquals(td.position(index), reversed.permute(reverse).position(index));
            }
        });
    }

    @Test
    void toStringPrintsEveryElementOnceInRowMajorOrder() {
        theory(30).forAll(tensors()).checkAssert(t -> {
            String s = t.data().toString();
            assertTrue(s.startsWith("\n["), s);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+\\.\\d\\d").matcher(s);
            double[] values = t.toDoubleArray();
            int count = 0;
            while (m.find()) {
                assertEquals(String.format(java.util.Locale.ROOT, "%3.2f", values[count]).strip(), m.group());
                count++;
            }
            assertEquals(t.size(), count);
            assertEquals(t.dims(), countOpenAtStart(s));
        });
    }

    /** The first element opens one bracket per dimension. */
    private static int countOpenAtStart(String s) {
        int opened = 0;
        for (char c : s.toCharArray()) {
            if (c == '[') {
                opened++;
            } else if (c != '\n' && c != '\t') {
                break;
            }
        }
        return opened;
    }

    // ---- exact edges (what mutation testing showed no test pinned down) ---------------------------

    @Test
    void broadcastIndexMapsABigIndexToTheSmallShape() {
        int[] out = new int[2];
        TensorData.broadcastIndex(new int[] {4, 2, 5}, new int[] {6, 3, 7}, new int[] {3, 1}, out);
        assertArrayEquals(new int[] {2, 0}, out, "right-aligned; a dimension of size 1 reads index 0");
        int[] same = new int[3];
        TensorData.broadcastIndex(new int[] {4, 2, 5}, new int[] {6, 3, 7}, new int[] {6, 3, 7}, same);
        assertArrayEquals(new int[] {4, 2, 5}, same);
    }

    @Test
    void limitsAreInclusive() {
        assertEquals(Integer.MAX_VALUE, TensorData.checkedSize(new int[] {Integer.MAX_VALUE}, "test"), "2^31 - 1 elements fit");
        assertEquals(TensorData.MAX_DIMS, TensorData.zeros(ElementType.FLOAT64, new int[TensorData.MAX_DIMS]).dims(), "32 dimensions fit");
        TensorData broadcast = new TensorData(new DoubleStorage(new double[] {7}), new int[] {3}, new int[] {0});
        assertEquals(7.0, broadcast.get(2), "stride 0 (a broadcast view) is allowed");
    }

    @Test
    void aGapInTheOutermostDimensionIsNotContiguous() {
        TensorData gap = new TensorData(new DoubleStorage(new double[8]), new int[] {2, 3}, new int[] {4, 1});
        assertFalse(gap.isContiguous());
        assertTrue(new TensorData(new DoubleStorage(new double[6]), new int[] {2, 3}, new int[] {3, 1}).isContiguous());
    }

    @Test
    void getSetStrideDtypeAndViewWorkOnTheDataItself() {
        TensorData t = TensorData.zeros(ElementType.FLOAT32, 2, 3);
        t.set(5.0, 1, 2);
        assertEquals(5.0, t.get(1, 2));
        assertEquals(5.0, t.storage().get(5));
        assertEquals(3, t.stride(0));
        assertEquals(ElementType.FLOAT32, t.elementType());
        TensorData v = t.view(6);
        assertEquals(5.0, v.get(5));
        assertArrayEquals(new int[] {6}, v.shape());
    }
}
