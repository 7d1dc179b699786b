package minitorch.nn;

import minitorch.testing.GradCheck;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    @Test
    void looksUpRowsPadsWithZerosAndScattersGradients() {
        for (Backend b : TestBackends.all()) {
            Embedding e = new Embedding(Tensor.of(b, DType.FLOAT64, new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
            Tensor out = e.forward(new int[][] {{2, 0, -1}, {2, 2, 1}});
            assertArrayEquals(new int[] {2, 3, 2}, out.shape());
            assertArrayEquals(new double[] {5, 6, 1, 2, 0, 0, 5, 6, 5, 6, 3, 4}, out.toDoubleArray(), 0);
            out.mul(Tensor.of(b, DType.FLOAT64, new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10}, 2, 3, 2)).sum().backward();
            // word 2 appears 3 times, word 0 once, word 1 once (second coordinate weighted 10)
            assertArrayEquals(new double[] {1, 1, 1, 10, 3, 3}, e.weights().value().grad().toDoubleArray(), 0);
            assertThrows(IllegalArgumentException.class, () -> e.forward(new int[][] {{3}}));
        }
    }

    @Test
    void gradientCheck() {
        for (Backend b : TestBackends.all()) {
            Random r = new Random(3);
            int[][] idx = {{0, 3, 3, -1}, {2, 1, 0, 3}};
            Tensor w = GradCheck.random(r, b, false, 2, 3, 4);
            GradCheck.check("lookup", 1e-4, x -> Embedding.lookup(x.get(0), idx).mul(w.detach().permute(0, 2, 1).contiguous()),
                    GradCheck.random(r, b, true, 4, 3));
        }
    }
}
