package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.GradCheck;
import org.junit.jupiter.api.Test;

/** The original's matmul tests on the fast backend (reference §2.6 task3_2) and gradients through matmul. */
class FastMatmulTensorTest {
    private static Tensor rand(Random r, int... shape) { return Tensor.rand(r, Backend.FAST, DType.FLOAT64, shape); }

    private static void assertCloseTensor(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-6, "element " + i);
        }
    }

    /** test_mm2: a @ b equals the broadcast-multiply-and-sum form; grad_check(a @ b). */
    @Test
    void mm2() {
        Random r = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            Tensor a = rand(r, 2, 3);
            Tensor b = rand(r, 3, 4);
            Tensor c = a.matmul(b);
            Tensor c2 = a.view(2, 3, 1).mul(b.view(1, 3, 4)).sum(1).view(2, 4);
            assertCloseTensor(c2, c);
            assertEquals(Backend.FAST, c.backend());
            GradCheck.check("a @ b", in -> in.get(0).matmul(in.get(1)), a, b);
        }
    }

    /** test_bmm: (D,A,B) @ (1,B,C) for A,B,C,D in 2..4, against the broadcast form. */
    @Test
    void bmm() {
        Random r = new Random(8);
        for (int d = 2; d <= 4; d++) {
            for (int trial = 0; trial < 4; trial++) {
                int aa = 2 + r.nextInt(3), bb = 2 + r.nextInt(3), cc = 2 + r.nextInt(3);
                Tensor a = rand(r, d, aa, bb);
                Tensor b = rand(r, 1, bb, cc);
                Tensor c = a.matmul(b);
                Tensor c2 = a.contiguous().view(d, aa, bb, 1).mul(b.contiguous().view(1, 1, bb, cc)).sum(2).view(d, aa, cc);
                assertCloseTensor(c2, c);
            }
        }
    }

    /** MatMul's backward (grad @ b^T, a^T @ grad) runs on the same kernel with transposed, broadcast operands. */
    @Test
    void gradientsThroughBatchedBroadcastMatmul() {
        Random r = new Random(9);
        Tensor a = rand(r, 3, 4, 5);
        Tensor b = rand(r, 1, 5, 2);
        GradCheck.check("bmm", in -> in.get(0).matmul(in.get(1)), a, b);
        Tensor x = rand(r, 10, 7);
        Tensor w = rand(r, 7, 6);
        Tensor bias = rand(r, 6);
        GradCheck.check("linear", in -> in.get(0).matmul(in.get(1)).add(in.get(2)).relu(), x, w, bias);
    }
}
