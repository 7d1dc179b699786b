package minitorch.tensor;

import minitorch.layout.IndexingError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.ops.fast.FastOps;
import minitorch.testing.GradCheck;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.Test;

/**
 * Tensor.einsum against a loop reference (every assignment of every label, products summed into the
 * output), on the issue's patterns and on random equations (QuickTheories), plus gradients by central
 * difference and the errors for bad equations.
 */
class EinsumTest {

    /** The definition, as loops: out[output labels] += prod over operands of operand[its labels]. */
    static double[] reference(String equation, Tensor... operands) {
        String[] sides = equation.split("->", -1);
        String[] terms = sides[0].split(",", -1);
        String output = sides[1];
        Map<Character, Integer> sizes = new HashMap<>();
        StringBuilder all = new StringBuilder();
        for (int o = 0; o < terms.length; o++) {
            for (int d = 0; d < terms[o].length(); d++) {
                char c = terms[o].charAt(d);
                if (sizes.put(c, operands[o].shape(d)) == null) {
                    all.append(c);
                }
            }
        }
        String labels = all.toString();
        int[] value = new int[128];
        int outSize = 1;
        for (char c : output.toCharArray()) {
            outSize *= sizes.get(c);
        }
        double[] out = new double[outSize];
        int combinations = 1;
        for (char c : labels.toCharArray()) {
            combinations *= sizes.get(c);
        }
        for (int n = 0; n < combinations; n++) {
            int rest = n;
            for (int i = labels.length() - 1; i >= 0; i--) {
                char c = labels.charAt(i);
                value[c] = rest % sizes.get(c);
                rest /= sizes.get(c);
            }
            double product = 1;
            for (int o = 0; o < terms.length; o++) {
                int[] index = new int[terms[o].length()];
                for (int d = 0; d < index.length; d++) {
                    index[d] = value[terms[o].charAt(d)];
                }
                product *= operands[o].get(index);
            }
            int at = 0;
            for (char c : output.toCharArray()) {
                at = at * sizes.get(c) + value[c];
            }
            out[at] += product;
        }
        return out;
    }

    private static Tensor random(Random random, Backend backend, int... shape) {
        return GradCheck.random(random, backend, random.nextBoolean(), shape).detach();
    }

    private static void assertMatchesReference(String equation, Tensor... operands) {
        Tensor result = Tensor.einsum(equation, operands);
        double[] expected = reference(equation, operands);
        assertArrayEquals(expected, result.toDoubleArray(), 1e-9, equation + " on " + operands[0].backend());
    }

    @Test
    void theIssuesPatternsMatchTheLoops() {
        Random r = new Random(1);
        for (Backend b : TestBackends.all()) {
            assertMatchesReference("ik,kj->ij", random(r, b, 3, 4), random(r, b, 4, 5));
            assertMatchesReference("bik,bkj->bij", random(r, b, 2, 3, 4), random(r, b, 2, 4, 5));
            assertMatchesReference("ik,kj->ikj", random(r, b, 3, 4), random(r, b, 4, 5));
            assertMatchesReference("ij->ji", random(r, b, 3, 4));
            assertMatchesReference("ii->i", random(r, b, 4, 4));
            assertMatchesReference("i,i->", random(r, b, 6), random(r, b, 6));
            assertMatchesReference("ij,j->i", random(r, b, 3, 4), random(r, b, 4));
            assertMatchesReference("bij->bi", random(r, b, 2, 3, 4));
            assertMatchesReference("ij,jk,kl->il", random(r, b, 2, 3), random(r, b, 3, 4), random(r, b, 4, 2));
            assertMatchesReference("i,j->ij", random(r, b, 3), random(r, b, 4));
            assertMatchesReference("ij,ij->ij", random(r, b, 3, 4), random(r, b, 3, 4));
            assertMatchesReference("ii->", random(r, b, 3, 3));
            assertMatchesReference("iij,jk->ki", random(r, b, 3, 3, 2), random(r, b, 2, 4));
        }
    }

    @Test
    void shapesAndTheMatmulRoute() {
        Tensor a = Tensor.of(Backend.FAST, DType.FLOAT32, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(Backend.FAST, DType.FLOAT32, new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        Tensor c = Tensor.einsum("ik,kj->ij", a, b);
        assertEquals("matmul", FastOps.lastTrace().kernel(), "ik,kj->ij runs on the backend's matmul");
        assertArrayEquals(new double[] {58, 64, 139, 154}, c.toDoubleArray());
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertEquals(DType.FLOAT32, c.dtype());
        assertArrayEquals(new int[] {1}, Tensor.einsum("i,i->", Tensor.of(1, 2, 3), Tensor.of(4, 5, 6)).shape());
        assertEquals(32, Tensor.einsum("i,i->", Tensor.of(1, 2, 3), Tensor.of(4, 5, 6)).item());
        assertArrayEquals(new int[] {2, 3, 2}, Tensor.einsum("ik,kj->ikj", a, b).shape());
        // implicit output (NumPy): the labels used once, sorted
        assertArrayEquals(new double[] {58, 64, 139, 154}, Tensor.einsum("ik,kj", a, b).toDoubleArray());
        assertEquals(1 + 5 + 9, Tensor.einsum("ii", Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3)).item());
        assertArrayEquals(new double[] {58, 64, 139, 154}, Tensor.einsum(" ik , kj -> ij ", a, b).toDoubleArray(),
                "spaces are ignored");
    }

    /** Random equations: 1-3 operands of rank 1-3 over labels a-e (sizes 1-3), repeats allowed, a random output. */
    @Test
    void randomEquationsMatchTheLoopReference() {
        qt().withExamples(150).forAll(integers().between(1, 3), longs().all()).checkAssert((count, seed) -> {
            Random r = new Random(seed);
            int[] sizes = new int[5];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 1 + r.nextInt(3);
            }
            List<String> terms = new ArrayList<>();
            Tensor[] operands = new Tensor[count];
            StringBuilder used = new StringBuilder();
            Backend backend = r.nextBoolean() ? Backend.SIMPLE : Backend.FAST;
            for (int o = 0; o < count; o++) {
                int rank = 1 + r.nextInt(3);
                StringBuilder term = new StringBuilder();
                int[] shape = new int[rank];
                for (int d = 0; d < rank; d++) {
                    int label = r.nextInt(sizes.length);
                    term.append((char) ('a' + label));
                    shape[d] = sizes[label];
                    if (used.indexOf(String.valueOf((char) ('a' + label))) < 0) {
                        used.append((char) ('a' + label));
                    }
                }
                terms.add(term.toString());
                operands[o] = random(r, backend, shape);
            }
            StringBuilder output = new StringBuilder();
            for (char c : used.toString().toCharArray()) {
                if (r.nextBoolean()) {
                    output.insert(r.nextInt(output.length() + 1), c);
                }
            }
            assertMatchesReference(String.join(",", terms) + "->" + output, operands);
        });
    }

    @Test
    void gradientsByCentralDifference() {
        Random r = new Random(3);
        String[][] cases = {
            {"ik,kj->ij", "3,4", "4,2"}, {"bik,bkj->bij", "2,3,2", "2,2,3"}, {"ik,kj->ikj", "2,3", "3,2"},
            {"ii->i", "3,3"}, {"i,i->", "4", "4"}, {"ij,j->i", "3,4", "4"}, {"bij->bi", "2,3,2"},
            {"ij,jk,kl->il", "2,3", "3,2", "2,2"}, {"iij,jk->ki", "2,2,3", "3,2"}, {"ij->ji", "2,3"},
        };
        for (Backend b : TestBackends.all()) {
            for (String[] c : cases) {
                Tensor[] in = new Tensor[c.length - 1];
                for (int i = 1; i < c.length; i++) {
                    int[] shape = java.util.Arrays.stream(c[i].split(",")).mapToInt(Integer::parseInt).toArray();
                    in[i - 1] = GradCheck.random(r, b, r.nextBoolean(), shape);
                }
                GradCheck.check(c[0] + " on " + b, ts -> Tensor.einsum(c[0], ts.toArray(new Tensor[0])), in);
            }
        }
    }

    private static void assertError(String expectedPart, String equation, Tensor... operands) {
        IndexingError e = assertThrows(IndexingError.class, () -> Tensor.einsum(equation, operands));
        assertTrue(e.getMessage().contains("einsum \"" + equation + "\"") && e.getMessage().contains(expectedPart),
                e.getMessage());
    }

    @Test
    void badEquationsNameTheEquationAndTheOperand() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor v = Tensor.of(1, 2);
        assertError("output label 'z' appears in no operand", "ij->iz", m);
        assertError("names 2 operand(s) but 1 tensor(s)", "ij,jk->ik", m);
        assertError("operand 1 has 1 dimension(s) (shape [2]) but its term 'jk' names 2", "ij,jk->ik", m, v);
        assertError("label 'j' has size 3 in operand 0 (shape [2, 3]) but 2 in operand 1 (shape [2])", "ij,j->i", m, v);
        assertError("label 'i' has size 2 in operand 0 (shape [2, 3]) but 3", "ii->i", m);
        assertError("'.'", "...ij->ij", m);
        assertError("output label 'i' appears more than once", "ij->ii", m);
    }
}
