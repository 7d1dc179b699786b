package minitorch.ops.cuda;

import minitorch.layout.ElementType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.layout.TensorData;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The original's Module-3 CUDA cases (reference §2.6, task3_3 and task3_4). Skipped without a GPU. */
class CudaPracticeGpuTest {
    private final Random random = new Random(3);

    @BeforeEach
    void gpu() {
        Gpu.require();
    }

    private double[] randoms(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble() * 10 - 5;
        }
        return v;
    }

    private static TensorData host(double[] values, int... shape) {
        TensorData t = TensorData.zeros(ElementType.FLOAT64, shape);
        for (int i = 0; i < values.length; i++) {
            t.storage().set(i, values[i]);
        }
        return t;
    }

    private static double sum(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < Math.min(to, v.length); i++) {
            s += v[i];
        }
        return s;
    }

    @Test
    void sumPractice16() {
        double[] v = randoms(16);
        TensorData out = CudaPractice.sumPractice(host(v, 16));
        assertEquals(sum(v, 0, 16), out.storage().get(0), 1e-9);
    }

    @Test
    void sumPractice64And48AreTwoBlocks() {
        for (int n : new int[] {64, 48}) {
            double[] v = randoms(n);
            TensorData out = CudaPractice.sumPractice(host(v, n));
            assertEquals(sum(v, 0, 32), out.storage().get(0), 1e-9);
            assertEquals(sum(v, 32, 64), out.storage().get(1), 1e-9);
            assertEquals(sum(v, 0, n), out.storage().get(0) + out.storage().get(1), 1e-9);
        }
    }

    @Test
    void sumPracticeAgreesWithTheRealReduce() {
        for (int n : new int[] {32, 500}) {
            double[] v = randoms(n);
            Tensor b = Tensor.of(Backend.CUDA, DType.FLOAT64, v, n);
            TensorData out = CudaPractice.sumPractice(b.data());
            double blocks = 0;
            for (double x : out.storage().toDoubleArray()) {
                blocks += x;
            }
            assertEquals(b.sum(0).get(0), blocks, 1e-9, "n = " + n);
            assertEquals(sum(v, 0, n), b.sum(0).get(0), 1e-9);
        }
    }

    @Test
    void sumOtherDims() {
        double[] v = randoms(16 * 32);
        Tensor b = Tensor.of(Backend.CUDA, DType.FLOAT64, v, 16, 32);
        Tensor s = b.sum(1);
        for (int i = 0; i < 16; i++) {
            assertEquals(sum(v, 32 * i, 32 * i + 32), s.get(i, 0), 1e-9);
        }
    }

    @Test
    void mmPractice2x2And32x32() {
        for (int size : new int[] {2, 32}) {
            double[] a = randoms(size * size), b = randoms(size * size);
            TensorData z = CudaPractice.mmPractice(host(a, size, size), host(b, size, size));
            double[] expected = Tensor.of(Backend.SIMPLE, DType.FLOAT64, a, size, size)
                    .matmul(Tensor.of(Backend.SIMPLE, DType.FLOAT64, b, size, size)).toDoubleArray();
            double[] got = z.storage().toDoubleArray();
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    assertEquals(expected[size * i + j], got[size * i + j], 1e-9);
                }
            }
        }
    }

    /** test_mul_practice3..6: {@code @} on CUDA against the simple backend, incl. two blocks and batches. */
    @Test
    void matmulOnCudaCases() {
        int[][] cases = {{1, 2, 2, 2}, {1, 33, 33, 33}, {2, 33, 33, 33}, {2, 45, 33, 40}};   // batch, n, k, m
        for (int[] c : cases) {
            double[] a = randoms(c[0] * c[1] * c[2]), b = randoms(c[0] * c[2] * c[3]);
            int[] aShape = c[0] == 1 ? new int[] {c[1], c[2]} : new int[] {c[0], c[1], c[2]};
            int[] bShape = c[0] == 1 ? new int[] {c[2], c[3]} : new int[] {c[0], c[2], c[3]};
            Tensor expected = Tensor.of(Backend.SIMPLE, DType.FLOAT64, a, aShape)
                    .matmul(Tensor.of(Backend.SIMPLE, DType.FLOAT64, b, bShape));
            Tensor actual = Tensor.of(Backend.CUDA, DType.FLOAT64, a, aShape)
                    .matmul(Tensor.of(Backend.CUDA, DType.FLOAT64, b, bShape));
            assertArrayEquals(expected.shape(), actual.shape());
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-9);
        }
    }
}
