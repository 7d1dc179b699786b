package minitorch.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import minitorch.layout.IndexingError;

/**
 * Einstein summation over explicit labels ({@link Tensor#einsum}), composed from differentiable views
 * and ops, so gradients come for free:
 *
 * <ol>
 *   <li>a label repeated within one operand takes the diagonal (a stride-sum view);</li>
 *   <li>a label that no other operand and not the output needs is summed out at once;</li>
 *   <li>operands are then contracted left to right, two at a time. Labels the pair shares and nothing
 *       later needs are the contracted ones: the pair is laid out as (batch, rows, contracted) and
 *       (batch, contracted, columns) and multiplied by the backend's (batched) matmul. A pair that shares
 *       nothing to contract (an outer or elementwise product) is a broadcast {@code mul} instead;</li>
 *   <li>the last operand's labels are permuted into the output's order.</li>
 * </ol>
 *
 * So "ik,kj-&gt;ij" is one matmul, "bik,bkj-&gt;bij" one batched matmul, "ik,kj-&gt;ikj" a broadcast
 * product, "ii-&gt;i" a view. An output with no labels ("i,i-&gt;") has shape [1], like {@link Tensor#sum()}.
 * Without "-&gt;" the output is every label that appears once, in alphabetical order (NumPy's rule).
 */
final class Einsum {
    private Einsum() {}

    /** An operand while it is being reduced: its tensor and one label per dimension (none: shape [1]). */
    private record Term(Tensor tensor, String labels) {}

    static Tensor einsum(String equation, Tensor... operands) {
        if (equation == null) {
            throw new IndexingError("einsum: equation is null");
        }
        String spec = equation.replace(" ", "");
        int arrow = spec.indexOf("->");
        String left = arrow < 0 ? spec : spec.substring(0, arrow);
        String[] inputs = left.split(",", -1);
        if (inputs.length != operands.length) {
            throw error(equation, "names " + inputs.length + " operand(s) but " + operands.length + " tensor(s) were given");
        }
        Map<Character, Integer> sizes = new HashMap<>();
        Map<Character, Integer> firstOperand = new HashMap<>();
        for (int o = 0; o < inputs.length; o++) {
            String term = inputs[o];
            checkLabels(equation, term, "operand " + o);
            int[] shape = operands[o].shape();
            if (term.length() != shape.length) {
                throw error(equation, "operand " + o + " has " + shape.length + " dimension(s) (shape "
                        + Arrays.toString(shape) + ") but its term '" + term + "' names " + term.length());
            }
            for (int d = 0; d < shape.length; d++) {
                char label = term.charAt(d);
                Integer known = sizes.putIfAbsent(label, shape[d]);
                if (known == null) {
                    firstOperand.put(label, o);
                } else if (known != shape[d]) {
                    int first = firstOperand.get(label);
                    throw error(equation, "label '" + label + "' has size " + known + " in operand " + first
                            + " (shape " + Arrays.toString(operands[first].shape()) + ") but " + shape[d]
                            + " in operand " + o + " (shape " + Arrays.toString(shape) + ")");
                }
            }
        }
        String output = arrow < 0 ? implicitOutput(left) : spec.substring(arrow + 2);
        checkLabels(equation, output, "the output");
        for (int i = 0; i < output.length(); i++) {
            char label = output.charAt(i);
            if (!sizes.containsKey(label)) {
                throw error(equation, "output label '" + label + "' appears in no operand");
            }
            if (output.indexOf(label) != i) {
                throw error(equation, "output label '" + label + "' appears more than once");
            }
        }

        List<Term> terms = new ArrayList<>();
        for (int o = 0; o < operands.length; o++) {
            terms.add(diagonals(new Term(operands[o], inputs[o])));
        }
        Term acc = sumOut(terms.get(0), needed(output, terms, 1));
        for (int o = 1; o < terms.size(); o++) {
            String keep = needed(output, terms, o + 1);
            Term next = sumOut(terms.get(o), keep + acc.labels());
            acc = sumOut(contract(acc, next, keep), keep);
        }
        return arrange(acc, output).tensor();
    }

    private static IndexingError error(String equation, String what) {
        return new IndexingError("einsum \"" + equation + "\": " + what);
    }

    private static void checkLabels(String equation, String term, String where) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                throw error(equation, where + " has '" + c + "' in '" + term
                        + "': labels are letters (an ellipsis is not supported)");
            }
        }
    }

    /** NumPy's implicit output: the labels that appear exactly once, sorted. */
    private static String implicitOutput(String left) {
        TreeSet<Character> once = new TreeSet<>();
        String labels = left.replace(",", "");
        for (char c : labels.toCharArray()) {
            if (labels.indexOf(c) == labels.lastIndexOf(c)) {
                once.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        once.forEach(out::append);
        return out.toString();
    }

    /** The labels the output and the operands from {@code from} on still need. */
    private static String needed(String output, List<Term> terms, int from) {
        StringBuilder s = new StringBuilder(output);
        for (int o = from; o < terms.size(); o++) {
            s.append(terms.get(o).labels());
        }
        return s.toString();
    }

    /** Takes the diagonal for every label repeated within the term. */
    private static Term diagonals(Term term) {
        String labels = term.labels();
        Tensor t = term.tensor();
        for (int j = 1; j < labels.length(); j++) {
            int i = labels.indexOf(labels.charAt(j));
            if (i < j) {
                t = new TensorFunctions.Diagonal(i, j).apply(t);
                labels = labels.substring(0, j) + labels.substring(j + 1);
                j--;
            }
        }
        return new Term(t, labels);
    }

    /** Sums out every label of the term that {@code keep} does not contain. */
    private static Term sumOut(Term term, String keep) {
        Term out = term;
        for (int d = out.labels().length() - 1; d >= 0; d--) {
            if (keep.indexOf(out.labels().charAt(d)) < 0) {
                String labels = out.labels().substring(0, d) + out.labels().substring(d + 1);
                out = new Term(out.tensor().sum(d).contiguous().view(shapeOf(labels, out)), labels);
            }
        }
        return out;
    }

    /** Contracts two terms into one whose labels are the pair's that {@code keep} contains. */
    private static Term contract(Term a, Term b, String keep) {
        String batch = "", rows = "", columns = "", summed = "";
        for (char c : a.labels().toCharArray()) {
            boolean shared = b.labels().indexOf(c) >= 0;
            if (shared && keep.indexOf(c) >= 0) {
                batch += c;
            } else if (shared) {
                summed += c;
            } else {
                rows += c;
            }
        }
        for (char c : b.labels().toCharArray()) {
            if (a.labels().indexOf(c) < 0) {
                columns += c;
            }
        }
        String labels = batch + rows + columns;
        if (summed.isEmpty()) {
            // nothing to contract: a broadcast product of (batch, rows, 1...) and (batch, 1..., columns)
            Tensor x = arrange(a, batch + rows).tensor();
            Tensor y = arrange(b, batch + columns).tensor();
            // a term without labels is a [1] tensor, which broadcasts as it is
            for (int i = 0; i < columns.length() && !(batch + rows).isEmpty(); i++) {
                x = x.unsqueeze(x.dims());
            }
            for (int i = 0; i < rows.length() && !(batch + columns).isEmpty(); i++) {
                y = y.unsqueeze(batch.length());
            }
            return new Term(labels.isEmpty() ? x.mul(y).contiguous().view(1) : x.mul(y), labels);
        }
        Tensor x = grouped(a, batch, rows, summed);
        Tensor y = grouped(b, batch, summed, columns);
        return new Term(x.matmul(y).view(shapeOf(labels, a, b)), labels);
    }

    /** The term laid out as a 3-D (product of g1, product of g2, product of g3) tensor for matmul. */
    private static Tensor grouped(Term term, String g1, String g2, String g3) {
        Tensor t = arrange(term, g1 + g2 + g3).tensor().contiguous();
        return t.view(product(t, 0, g1.length()), product(t, g1.length(), g1.length() + g2.length()),
                product(t, g1.length() + g2.length(), t.dims()));
    }

    private static int product(Tensor t, int from, int to) {
        int p = 1;
        for (int d = from; d < to && d < t.shape().length; d++) {
            p *= t.shape(d);
        }
        return p;
    }

    /** The term permuted so that its labels read {@code order} (which must hold the same labels). */
    private static Term arrange(Term term, String order) {
        if (order.isEmpty()) {
            return new Term(term.tensor().contiguous().view(1), order);
        }
        int[] permutation = new int[order.length()];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = term.labels().indexOf(order.charAt(i));
        }
        return new Term(term.tensor().permute(permutation), order);
    }

    /** The shape of {@code labels}, each label's size read from whichever term has it; [1] for no labels. */
    private static int[] shapeOf(String labels, Term... terms) {
        if (labels.isEmpty()) {
            return new int[] {1};
        }
        int[] shape = new int[labels.length()];
        for (int i = 0; i < shape.length; i++) {
            for (Term t : terms) {
                int d = t.labels().indexOf(labels.charAt(i));
                if (d >= 0) {
                    shape[i] = t.tensor().shape(d);
                    break;
                }
            }
        }
        return shape;
    }
}
