package minitorch.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared real files load with their documented counts; skipped, saying why, when the data directory is absent. */
class RealDataTest {
    Path dataDir;

    @BeforeEach
    void findData() {
        dataDir = DataDirectory.resolve(null);
        // .ci/run sets MINITORCH_DATA relative to the repository root; tests run in the module directory.
        if (!dataDir.isAbsolute() && !Files.isDirectory(dataDir) && Files.isDirectory(Path.of("..").resolve(dataDir))) {
            dataDir = Path.of("..").resolve(dataDir);
        }
        assumeTrue(Files.isDirectory(dataDir.resolve("mnist")) && Files.isDirectory(dataDir.resolve("sst2")),
                "real data not found in " + dataDir + " (set MINITORCH_DATA to the shared data directory)");
    }

    @Test
    void mnistTestSplit() {
        Mnist test = Mnist.load(dataDir, Mnist.Split.TEST);
        assertEquals(10_000, test.count());
        assertEquals(28, test.rows());
        assertEquals(28, test.cols());
        assertEquals(7, test.label(0), "the first test digit is a 7");
    }

    @Test
    void mnistTrainLabelCounts() {
        Mnist train = Mnist.load(dataDir, Mnist.Split.TRAIN);
        assertEquals(60_000, train.count());
        int[] counts = new int[10];
        for (int i = 0; i < train.count(); i++) {
            counts[train.label(i)]++;
        }
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts);
    }

    @Test
    void sst2AndGlove() {
        List<Sst2.Example> train = Sst2.train(dataDir);
        List<Sst2.Example> dev = Sst2.dev(dataDir);
        assertEquals(67_349, train.size());
        assertEquals(872, dev.size());
        assertEquals(444, dev.stream().filter(e -> e.label() == 1).count());
        Glove glove = Glove.loadSubset(dataDir, 1);
        assertEquals(50, glove.dimension());
        assertEquals(6_201, glove.size());
        assertTrue(glove.contains("the"));
        assertFalse(glove.contains("boring"), "the subset is partial: 'boring' is documented as missing");
    }
}
