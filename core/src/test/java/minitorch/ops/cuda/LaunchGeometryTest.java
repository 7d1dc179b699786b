package minitorch.ops.cuda;

import static minitorch.testing.TensorGens.ints;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchGeometryTest {

    @Test
    void elementwiseUsesOneThreadPerElementUpToTheGridCap() {
        assertEquals(new LaunchGeometry(1, 1, 1, 256, 1, 1), LaunchGeometry.elementwise(1));
        assertEquals(4, LaunchGeometry.elementwise(1024).gridX());
        assertEquals(5, LaunchGeometry.elementwise(1025).gridX());
        assertEquals(LaunchGeometry.MAX_GRID, LaunchGeometry.elementwise(Integer.MAX_VALUE).gridX());
    }

    /** The grid-stride loop covers every element: blocks x threads x iterations >= size. */
    @Test
    void gridStrideCoversEveryElement() {
        theory(200).forAll(ints(1, Integer.MAX_VALUE)).checkAssert(size -> {
            LaunchGeometry g = LaunchGeometry.elementwise(size);
            long threads = (long) g.gridX() * g.threads();
            assertTrue(threads <= (long) size + g.threads() - 1, "no whole idle block");
            assertTrue(threads * ((size + threads - 1) / threads) >= size);
            assertTrue((long) g.gridX() * g.threads() < (1L << 32), "unsigned index arithmetic cannot overflow");
        });
    }

    @Test
    void reduceGivesLongContiguousRowsABlockAndShortRowsAThread() {
        LaunchGeometry sumAll = LaunchGeometry.reduce(1, 1_000_000, 1);
        assertEquals(1, sumAll.gridX());
        assertEquals(256, sumAll.blockX());
        assertTrue(LaunchGeometry.blockPerOutput(1, 1_000_000, 1));
        LaunchGeometry shortRows = LaunchGeometry.reduce(10_000, 3, 1);
        assertFalse(LaunchGeometry.blockPerOutput(10_000, 3, 1));
        assertEquals(LaunchGeometry.elementwise(10_000), shortRows);
        // a row of 40 gets a block of 64 threads (a whole number of warps), not 256
        assertEquals(64, LaunchGeometry.reduce(8, 40, 1).blockX());
        // many strided rows (reducing dim 0 of a big matrix): one thread each, reads stay coalesced
        assertFalse(LaunchGeometry.blockPerOutput(1 << 20, 512, 1 << 20));
        assertTrue(LaunchGeometry.reduce(100, 512, 100).blockX() % 32 == 0);
    }

    @Test
    void matmulTilesOutAndPutsBatchesOnZ() {
        LaunchGeometry g = LaunchGeometry.matmul(45, 40, 2);
        assertEquals(1, g.gridX());
        assertEquals(1, g.gridY());
        assertEquals(2, g.gridZ());
        assertEquals(CudaCodegen.MM_THREADS, g.threads());
        LaunchGeometry big = LaunchGeometry.matmul(4096, 1000, 100_000);
        assertEquals(16, big.gridX());
        assertEquals(64, big.gridY());
        assertEquals(LaunchGeometry.MAX_GRID, big.gridZ(), "batches beyond gridDim.z are looped in the kernel");
    }

    @Test
    void practiceLaunchesFollowTheOriginal() {
        assertEquals(2, LaunchGeometry.sumPractice(48).gridX());
        assertEquals(2, LaunchGeometry.sumPractice(64).gridX());
        assertEquals(16, LaunchGeometry.sumPractice(500).gridX());
        assertEquals(32, LaunchGeometry.sumPractice(16).blockX());
        assertEquals(32 * 32, LaunchGeometry.mmPractice().threads());
    }

    @Test
    void invalidGeometryIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LaunchGeometry(1, 1, 1, 1024, 2, 1));
        assertTrue(e.getMessage().contains("block (1024, 2, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LaunchGeometry(1, 70000, 1, 32, 1, 1));
    }
}
