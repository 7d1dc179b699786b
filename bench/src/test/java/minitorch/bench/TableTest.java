package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;

class TableTest {
    private static Harness.Cell cell(double seconds, double sum, double weighted) {
        return new Harness.Cell(seconds, seconds, seconds, 1, new double[] {sum, weighted}, null);
    }

    @Test
    void agreementComparesEveryPeerWithTheReference() {
        Workload w = Workload.add(DType.FLOAT32, 100);
        Map<String, Harness.Cell> cells = new LinkedHashMap<>();
        cells.put("fast", cell(1, 10.0, 1000.0));
        cells.put("simple", cell(2, 10.0001, 1000.0));
        assertEquals("yes", Table.agreement(w, cells));
        cells.put("numpy", cell(1, 10.0, 1010.0));
        String verdict = Table.agreement(w, cells);
        assertTrue(verdict.startsWith("NO: numpy off 1.0e-02 vs simple"), verdict);
    }

    @Test
    void scoresAreGflopsForMatmulAndNanosecondsPerElementOtherwise() {
        assertEquals(2.0 * 64 * 64 * 64 / 1e-3 / 1e9, Workload.matmul(DType.FLOAT32, 1, 64).score(1e-3), 1e-9);
        assertEquals(1.5, Workload.map("exp", DType.FLOAT32, 1_000_000).score(1.5e-3), 1e-12);
        assertEquals("sum dim 0 1000×1000", Workload.sum(DType.FLOAT32, 1_000_000, 0).label());
    }
}
