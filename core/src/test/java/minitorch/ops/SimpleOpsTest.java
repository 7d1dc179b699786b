package minitorch.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import minitorch.layout.ElementType;
import minitorch.layout.IndexingError;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reference kernels on small layouts whose results are worked out by hand, in both dtypes. */
class SimpleOpsTest {
    private static final SimpleOps SIMPLE = SimpleOps.INSTANCE;

    private static TensorData data(ElementType dtype, double[] values, int... shape) {
        Storage s = dtype.allocateHost(values.length);
        for (int i = 0; i < values.length; i++) {
            s.set(i, values[i]);
        }
        return TensorData.contiguous(s, shape);
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void mapBroadcastsItsInputIntoALargerOutput(ElementType dtype) {
        TensorData in = data(dtype, new double[] {1, -2, 3}, 3);
        TensorData out = TensorData.zeros(dtype, 2, 3);
        SIMPLE.map(UnaryOp.NEG, in, out);
        assertArrayEquals(new double[] {-1, 2, -3, -1, 2, -3}, out.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void zipReadsPermutedAndStrideZeroInputs(ElementType dtype) {
        // a = [[1,2,3],[4,5,6]] seen transposed as (3,2); b a (1,2) row broadcast down the 3 rows via stride 0.
        TensorData a = data(dtype, new double[] {1, 2, 3, 4, 5, 6}, 2, 3).permute(1, 0);
        TensorData b = new TensorData(data(dtype, new double[] {10, 100}, 2).storage(), new int[] {3, 2}, new int[] {0, 1});
        TensorData out = TensorData.zeros(dtype, 3, 2);
        SIMPLE.zip(BinaryOp.MUL, a, b, out);
        assertArrayEquals(new double[] {10, 400, 20, 500, 30, 600}, out.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void reduceFoldsOneDimensionFromTheStartValue(ElementType dtype) {
        TensorData in = data(dtype, new double[] {2, 3, 4, 6, 5, 7}, 3, 2);
        TensorData sum0 = TensorData.zeros(dtype, 1, 2);
        SIMPLE.reduce(ReduceOp.SUM, in, 0, sum0);
        assertArrayEquals(new double[] {11, 16}, sum0.toDoubleArray());
        TensorData prod1 = TensorData.zeros(dtype, 3, 1);
        SIMPLE.reduce(ReduceOp.PROD, in, 1, prod1);
        assertArrayEquals(new double[] {6, 24, 35}, prod1.toDoubleArray());
        TensorData max0 = TensorData.zeros(dtype, 1, 2);
        max0.set(1000, 0, 0); // whatever out held before is overwritten
        SIMPLE.reduce(ReduceOp.MAX, in, 0, max0);
        assertArrayEquals(new double[] {5, 7}, max0.toDoubleArray());
        TensorData maxOfTransposed = TensorData.zeros(dtype, 2, 1);
        SIMPLE.reduce(ReduceOp.MAX, in.permute(1, 0), 1, maxOfTransposed);
        assertArrayEquals(new double[] {5, 7}, maxOfTransposed.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void matmulBroadcastsBatchDimensions(ElementType dtype) {
        TensorData a = data(dtype, new double[] {1, 2, 3, 4, 1, 0, 0, 1}, 2, 2, 2);
        TensorData b = data(dtype, new double[] {5, 6, 7, 8}, 1, 2, 2);
        TensorData out = TensorData.zeros(dtype, 2, 2, 2);
        SIMPLE.matmul(a, b, out);
        assertArrayEquals(new double[] {19, 22, 43, 50, 5, 6, 7, 8}, out.toDoubleArray());
    }

    @Test
    void mismatchedLayoutsAreRejectedWithTheirShapes() {
        IndexingError map = assertThrows(IndexingError.class,
                () -> SIMPLE.map(UnaryOp.ID, TensorData.zeros(ElementType.FLOAT64, 4), TensorData.zeros(ElementType.FLOAT64, 2, 3)));
        assertTrue(map.getMessage().contains("[4]") && map.getMessage().contains("[2, 3]"), map.getMessage());
        assertThrows(IndexingError.class, () -> SIMPLE.reduce(ReduceOp.SUM, TensorData.zeros(ElementType.FLOAT64, 2, 3), 1,
                TensorData.zeros(ElementType.FLOAT64, 1, 3)));
        assertThrows(IndexingError.class, () -> SIMPLE.matmul(TensorData.zeros(ElementType.FLOAT64, 2, 2),
                TensorData.zeros(ElementType.FLOAT64, 1, 2, 2), TensorData.zeros(ElementType.FLOAT64, 1, 2, 2)));
        assertThrows(IndexingError.class, () -> SIMPLE.matmul(TensorData.zeros(ElementType.FLOAT64, 1, 2, 3),
                TensorData.zeros(ElementType.FLOAT64, 1, 2, 3), TensorData.zeros(ElementType.FLOAT64, 1, 2, 3)));
    }

    @Test
    void hostStorageIsAdoptedAsIs() {
        Storage s = ElementType.FLOAT32.allocateHost(3);
        assertSame(s, SIMPLE.adopt(s));
        assertEquals(ElementType.FLOAT32, SIMPLE.allocate(ElementType.FLOAT32, 2).elementType());
    }
}
