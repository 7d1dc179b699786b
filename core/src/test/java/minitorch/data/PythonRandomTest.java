package minitorch.data;

import static minitorch.testing.TensorGens.seeds;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Python's random.random() after random.seed(s), values from the reference oracle run (§1.6). */
class PythonRandomTest {

    @Test
    void seedZeroGivesPythonsSequence() {
        PythonRandom r = new PythonRandom(0);
        double[] expected = {0.8444218515250481, 0.7579544029403025, 0.420571580830845, 0.25891675029296335,
                0.5112747213686085, 0.4049341374504143, 0.7837985890347726, 0.30331272607892745};
        double[] actual = new double[expected.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = r.nextDouble();
        }
        assertArrayEquals(expected, actual, 0.0);
    }

    @Test
    void seedHundredGivesPythonsSequence() {
        PythonRandom r = new PythonRandom(100);
        assertEquals(0.1456692551041303, r.nextDouble(), 0.0);
        assertEquals(0.45492700451402135, r.nextDouble(), 0.0);
        assertEquals(0.7707838056590222, r.nextDouble(), 0.0);
    }

    @Test
    void negativeSeedsAreSeededByTheirMagnitudeAsInPython() {
        assertEquals(new PythonRandom(100).nextDouble(), new PythonRandom(-100).nextDouble(), 0.0);
        assertNotEquals(new PythonRandom(1L << 32).nextDouble(), new PythonRandom(0).nextDouble());
    }

    @Test
    void sameSeedSameStreamAndUnitInterval() {
        theory().forAll(seeds()).checkAssert(seed -> {
            PythonRandom a = new PythonRandom(seed);
            PythonRandom b = new PythonRandom(seed);
            for (int i = 0; i < 700; i++) { // past one twist of the 624-word state
                double x = a.nextDouble();
                assertEquals(x, b.nextDouble(), 0.0);
                assertTrue(x >= 0.0 && x < 1.0);
            }
        });
    }
}
