package minitorch.data;

import static minitorch.testing.TensorGens.ints;
import static minitorch.testing.TensorGens.seeds;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The original's data sets (§1.6) and the oracle's values for random.seed(0) (§6.3). */
class DatasetsTest {

    private static Graph seedZero(Datasets d) {
        return d.generate(4, new PythonRandom(0));
    }

    @Test
    void seedZeroPointsAndLabelsMatchTheOriginal() {
        Graph simple = seedZero(Datasets.SIMPLE);
        double[][] expected = {{0.8444218515250481, 0.7579544029403025}, {0.420571580830845, 0.25891675029296335},
                {0.5112747213686085, 0.4049341374504143}, {0.7837985890347726, 0.30331272607892745}};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected[i], simple.x()[i], 0.0);
        }
        assertArrayEquals(new int[] {0, 1, 0, 0}, simple.y());
        assertArrayEquals(new int[] {0, 0, 0, 0}, seedZero(Datasets.DIAG).y());
        assertArrayEquals(new int[] {1, 0, 0, 0}, seedZero(Datasets.SPLIT).y());
        assertArrayEquals(new int[] {0, 0, 1, 1}, seedZero(Datasets.XOR).y());
        assertArrayEquals(new int[] {1, 0, 0, 1}, seedZero(Datasets.CIRCLE).y());
        assertEquals("Simple", simple.name());
        assertEquals(4, simple.n());
    }

    @Test
    void spiralOfTenMatchesTheOriginal() {
        Graph g = Datasets.SPIRAL.generate(10, new PythonRandom(0));
        double[][] expected = {{0.080464, 0.227989}, {1.006312, 0.178056}, {0.595716, 1.193425},
                {-0.266128, 0.269677}, {1.094285, -0.175889}, {0.227989, 0.919536}, {0.178056, -0.006312},
                {1.193425, 0.404284}, {0.269677, 1.266128}, {-0.175889, -0.094285}};
        assertEquals(10, g.size());
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(expected[i], g.x()[i], 5e-7, "point " + i);
        }
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, g.y());
    }

    @Test
    void spiralOfAnOddNumberHasOnePointLessAsInTheOriginal() {
        Graph g = Datasets.SPIRAL.generate(7, new PythonRandom(0));
        assertEquals(7, g.n());
        assertEquals(6, g.size());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, g.y());
    }

    @Test
    void labelsFollowTheRules() {
        theory().forAll(ints(1, 60), seeds()).checkAssert((n, seed) -> {
            for (Datasets d : new Datasets[] {Datasets.SIMPLE, Datasets.DIAG, Datasets.SPLIT, Datasets.XOR, Datasets.CIRCLE}) {
                Graph g = d.generate(n, new PythonRandom(seed));
                assertEquals(n, g.size());
                for (int i = 0; i < n; i++) {
                    double x1 = g.x(i, 0);
                    double x2 = g.x(i, 1);
                    assertTrue(x1 >= 0 && x1 < 1 && x2 >= 0 && x2 < 1);
                    boolean one = switch (d) {
                        case SIMPLE -> x1 < 0.5;
                        case DIAG -> x1 + x2 < 0.5;
                        case SPLIT -> x1 < 0.2 || x1 > 0.8;
                        case XOR -> (x1 < 0.5 && x2 > 0.5) || (x1 > 0.5 && x2 < 0.5);
                        case CIRCLE -> (x1 - 0.5) * (x1 - 0.5) + (x2 - 0.5) * (x2 - 0.5) > 0.1;
                        case SPIRAL -> throw new AssertionError();
                    };
                    assertEquals(one ? 1 : 0, g.y(i), d + " point " + i);
                }
            }
        });
    }

    @Test
    void sameSeedSameData() {
        assertArrayEquals(Datasets.XOR.generate(30, new PythonRandom(7)).x()[29],
                Datasets.XOR.generate(30, new PythonRandom(7)).x()[29], 0.0);
    }

    @Test
    void parseIgnoresCaseAndNamesTheChoices() {
        assertEquals(Datasets.XOR, Datasets.parse("xor"));
        assertEquals(Datasets.XOR, Datasets.parse("XOR"));
        assertEquals(Datasets.CIRCLE, Datasets.parse("Circle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.parse("moons"));
        assertEquals("unknown data set 'moons': expected one of simple, diag, split, xor, circle, spiral", e.getMessage());
    }

    @Test
    void rejectsFewerThanOnePoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.SIMPLE.generate(0, new PythonRandom(0)));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void graphIsImmutable() {
        Graph g = seedZero(Datasets.SIMPLE);
        g.x()[0][0] = 42;
        g.y()[0] = 7;
        assertEquals(0.8444218515250481, g.x(0, 0), 0.0);
        assertEquals(0, g.y(0));
    }
}
