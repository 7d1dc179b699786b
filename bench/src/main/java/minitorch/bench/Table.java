package minitorch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import minitorch.tensor.DType;

/**
 * Prints rows as a Markdown table: each peer's median in the workload's unit, then MiniTorch FAST's
 * speed ratio to each peer (peer's time ÷ fast's time, so 2.00 means FAST is twice as fast and 0.50
 * half as fast), then whether all peers computed the same result.
 */
public final class Table {
    private final List<String> peers;
    private final String subject;
    private final boolean best;

    /**
     * @param subject the peer the ratios are about (normally "fast")
     * @param best    show each peer's fastest measurement instead of the median (on a loaded machine the
     *                fastest is the one least disturbed by other processes)
     */
    public Table(List<String> peers, String subject, boolean best) {
        this.peers = peers;
        this.subject = subject;
        this.best = best;
    }

    private double stat(Harness.Cell c) {
        return best ? c.min() : c.median();
    }

    public void printHeader(PrintStream out) {
        List<String> head = new ArrayList<>(List.of("operation", "dtype", "unit"));
        head.addAll(peers);
        for (String p : peers) if (!p.equals(subject)) head.add(subject + "÷" + p);
        head.add("agree");
        out.println("| " + String.join(" | ", head) + " |");
        out.println("|" + "---|".repeat(head.size()));
    }

    public void printRow(PrintStream out, Harness.Row row) {
        Workload w = row.workload();
        List<String> cols = new ArrayList<>(List.of(w.label(), w.dtypeName(), w.kind().unit));
        for (String p : peers) cols.add(cell(w, row.cells().get(p), best));
        Harness.Cell mine = row.cells().get(subject);
        for (String p : peers) {
            if (p.equals(subject)) continue;
            Harness.Cell other = row.cells().get(p);
            boolean both = mine != null && mine.measured() && other != null && other.measured();
            cols.add(both ? String.format(Locale.ROOT, "%.2f", stat(other) / stat(mine)) : "–");
        }
        cols.add(agreement(w, row.cells()));
        out.println("| " + String.join(" | ", cols) + " |");
        out.flush();
    }

    static String cell(Workload w, Harness.Cell c, boolean best) {
        if (c == null) return "–";
        if (!c.measured()) return "n/a (" + c.note() + ")";
        double v = w.score(best ? c.min() : c.median());
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : v >= 0.1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * "yes" when every measured peer's checksums match the reference peer's within the dtype's
     * tolerance, relative to the weighted sum of |output| (so cancellation in the plain sum is harmless);
     * otherwise the peers that differ and by how much.
     */
    public static String agreement(Workload w, Map<String, Harness.Cell> cells) {
        String reference = null;
        for (String p : List.of("simple", "numpy", "torch", "ejml", "fast")) {
            Harness.Cell c = cells.get(p);
            if (c != null && c.measured()) {
                reference = p;
                break;
            }
        }
        if (reference == null) return "–";
        double[] ref = cells.get(reference).checksums();
        // Each output is a dot product or a sum of K ≤ 3,162 terms of zero-mean inputs: its rounding error is
        // about √K·u relative to Σ|terms| ≈ √K·|output|, i.e. K·u of the output: 2048 × 6e-8 ≈ 1.2e-4 for the
        // largest float32 matmul (1e-3 leaves 8×), 2048 × 1.1e-16 ≈ 2e-13 in float64 (1e-9 is loose, harmless).
        double tolerance = w.dtype() == DType.FLOAT32 ? 1e-3 : 1e-9;
        List<String> off = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Harness.Cell> e : cells.entrySet()) {
            if (e.getKey().equals(reference) || !e.getValue().measured()) continue;
            double[] c = e.getValue().checksums();
            double scale = Math.max(Math.abs(ref[1]), Double.MIN_NORMAL);
            double dev = Math.max(Math.abs(c[0] - ref[0]), Math.abs(c[1] - ref[1])) / scale;
            compared++;
            if (!(dev <= tolerance)) off.add(String.format(Locale.ROOT, "%s off %.1e", e.getKey(), dev));
        }
        if (compared == 0) return "–";
        return off.isEmpty() ? "yes" : "NO: " + String.join(", ", off) + " vs " + reference;
    }
}
