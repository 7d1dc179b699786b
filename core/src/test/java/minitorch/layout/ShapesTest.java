package minitorch.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shape rules every backend shares: each case once here, the backends' catalogues check they use them. */
class ShapesTest {

    @Test
    void broadcastRightAlignsAndStretchesOnes() {
        assertArrayEquals(new int[] {2, 3, 4}, Shapes.broadcast("add", new int[] {3, 1}, new int[] {2, 1, 4}));
        assertArrayEquals(new int[] {0, 5}, Shapes.broadcast("add", new int[] {1, 5}, new int[] {0, 1}));
        IndexingError e = assertThrowsExactly(IndexingError.class, () -> Shapes.broadcast("mul", new int[] {2, 3}, new int[] {4}));
        assertEquals("mul: cannot broadcast shapes [2, 3] and [4]", e.getMessage());
    }

    @Test
    void broadcastsToIsOneWay() {
        assertTrue(Shapes.broadcastsTo(new int[] {3}, new int[] {2, 3}));
        assertTrue(Shapes.broadcastsTo(new int[] {1, 3}, new int[] {2, 3}));
        assertFalse(Shapes.broadcastsTo(new int[] {2, 3}, new int[] {3}), "more dimensions than the target");
        assertFalse(Shapes.broadcastsTo(new int[] {2, 3}, new int[] {1, 3}), "a target 1 does not stretch the source");
        IndexingError e = assertThrowsExactly(IndexingError.class,
                () -> Shapes.requireBroadcastsTo("map", new int[] {3}, new int[] {4}));
        assertEquals("map: shape [3] does not broadcast to [4]", e.getMessage());
    }

    @Test
    void broadcastDimensionsReadWithStrideZero() {
        TensorData row = TensorData.zeros(ElementType.FLOAT64, 1, 4);
        assertArrayEquals(new int[] {0, 0, 1}, Shapes.broadcastStrides("zip", row, new int[] {2, 3, 4}));
        TensorData column = TensorData.zeros(ElementType.FLOAT64, 3, 1);
        assertArrayEquals(new int[] {1, 0}, Shapes.broadcastStrides("zip", column, new int[] {3, 5}));
        TensorData permuted = TensorData.zeros(ElementType.FLOAT64, 2, 3).permute(1, 0);
        assertArrayEquals(new int[] {0, 1, 3}, Shapes.broadcastStrides("map", permuted, new int[] {4, 3, 2}));
        IndexingError e = assertThrowsExactly(IndexingError.class,
                () -> Shapes.broadcastStrides("zip", TensorData.zeros(ElementType.FLOAT64, 3), new int[] {4}));
        assertEquals("zip: shape [3] does not broadcast to [4]", e.getMessage());
    }

    @Test
    void aDimIsInRangeOrNamed() {
        assertEquals(1, Shapes.checkDim("sum", 1, new int[] {2, 3}));
        for (int dim : new int[] {-1, 2}) {
            IndexingError e = assertThrowsExactly(IndexingError.class, () -> Shapes.checkDim("sum", dim, new int[] {2, 3}));
            assertEquals("sum: dim " + dim + " out of range for shape [2, 3] (0 to 1)", e.getMessage());
        }
    }

    @Test
    void reduceWantsTheInputShapeWithDimOne() {
        Shapes.checkReduce("reduce", new int[] {2, 3}, 1, new int[] {2, 1});
        IndexingError e = assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkReduce("reduce", new int[] {2, 3}, 1, new int[] {2, 3}));
        assertTrue(e.getMessage().contains("output shape [2, 3] must be [2, 1]"), e.getMessage());
        assertThrowsExactly(IndexingError.class, () -> Shapes.checkReduce("reduce", new int[] {2, 3}, 2, new int[] {2, 3}));
    }

    @Test
    void aProductHasTheBroadcastBatchThenRowsAndColumns() {
        assertArrayEquals(new int[] {2, 4}, Shapes.matmulShape("matmul", new int[] {2, 3}, new int[] {3, 4}));
        assertArrayEquals(new int[] {7, 5, 2, 4}, Shapes.matmulShape("matmul", new int[] {5, 2, 3}, new int[] {7, 1, 3, 4}));
        IndexingError inner = assertThrowsExactly(IndexingError.class,
                () -> Shapes.matmulShape("matmul", new int[] {2, 3}, new int[] {4, 4}));
        assertEquals("matmul: cannot multiply shapes [2, 3] and [4, 4]", inner.getMessage());
        assertThrowsExactly(IndexingError.class, () -> Shapes.matmulShape("matmul", new int[] {3}, new int[] {3, 4}));
        IndexingError batch = assertThrowsExactly(IndexingError.class,
                () -> Shapes.matmulShape("matmul", new int[] {2, 2, 3}, new int[] {3, 3, 4}));
        assertTrue(batch.getMessage().contains("batch dimensions"), batch.getMessage());
    }

    @Test
    void matmulOperandsAgreeAndBatchesBroadcast() {
        Shapes.checkMatmul("matmul", new int[] {2, 3}, new int[] {3, 4}, new int[] {2, 4});
        Shapes.checkMatmul("matmul", new int[] {5, 2, 3}, new int[] {1, 3, 4}, new int[] {5, 2, 4});
        IndexingError inner = assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkMatmul("matmul", new int[] {2, 3}, new int[] {4, 4}, new int[] {2, 4}));
        assertEquals("matmul: cannot multiply shapes [2, 3] and [4, 4] into [2, 4]", inner.getMessage());
        assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkMatmul("matmul", new int[] {2, 2, 3}, new int[] {3, 3, 4}, new int[] {3, 2, 4}));
        IndexingError rank = assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkMatmul("matmul", new int[] {2, 3}, new int[] {1, 3, 4}, new int[] {1, 2, 4}));
        assertTrue(rank.getMessage().contains("same number of dimensions, at least 2"), rank.getMessage());
    }

    @Test
    void convolutionChannelsAndRanksAgree() {
        Shapes.checkConvolution("conv1d", 3, new int[] {2, 3, 8}, new int[] {4, 3, 2}, new int[] {2, 4, 8});
        IndexingError channels = assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkConvolution("conv1d", 3, new int[] {2, 3, 8}, new int[] {4, 2, 2}, new int[] {2, 4, 8}));
        assertEquals("conv1d: input [2, 3, 8] and weight [4, 2, 2] disagree on input channels (3 vs 2)", channels.getMessage());
        assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkConvolution("conv2d", 4, new int[] {2, 3, 8}, new int[] {4, 3, 2}, new int[] {2, 4, 8}));
        assertThrowsExactly(IndexingError.class,
                () -> Shapes.checkConvolution("conv1d", 3, new int[] {2, 3, 8}, new int[] {4, 3, 2}, new int[] {2, 5, 8}));
    }

    @Test
    void indexingErrorIsAnIllegalArgument() {
        // DESIGN.md: bad input is an IllegalArgumentException subclass, so callers may catch either.
        assertTrue(IllegalArgumentException.class.isAssignableFrom(IndexingError.class));
    }
}
