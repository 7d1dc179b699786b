package minitorch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code minitorch bench --threads 1,2}: each thread count runs in a bench process of its own (libtorch and
 * OpenBLAS fix their thread counts when they load), and this joins their reports into one: the first report's
 * preamble, then per section (### heading) one table whose rows alternate between the thread counts, a
 * {@code threads} column second in every table.
 */
final class ThreadsMerge {
    private ThreadsMerge() {}

    /** One section of a report: its heading, its table (header first) and the lines after it. */
    private record Section(String heading, List<String> table, List<String> rest) {}

    /** The merged report of the reports {@code byThreads} (thread count → what that run printed), in order. */
    static String merge(Map<Integer, String> byThreads) {
        Map<Integer, List<String>> preambles = new LinkedHashMap<>();
        Map<Integer, List<Section>> sections = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : byThreads.entrySet()) {
            List<String> preamble = new ArrayList<>();
            sections.put(e.getKey(), parse(e.getValue(), preamble));
            preambles.put(e.getKey(), preamble);
        }
        String counts = String.join(",", byThreads.keySet().stream().map(String::valueOf).toList());
        StringBuilder out = new StringBuilder();
        List<String> preamble = preambles.values().iterator().next();
        for (int i = 0; i < preamble.size(); i++) {
            String line = preamble.get(i);
            if (line.startsWith("- threads: ")) {
                int rest = line.indexOf(';');
                out.append("- threads: ").append(counts).append(" (one bench process per thread count, rows alternate)")
                        .append(rest < 0 ? "" : line.substring(rest)).append('\n');
                continue;
            }
            out.append(line).append('\n');
            // a peer's line that names its thread count (OPENBLAS_NUM_THREADS, intra-op threads): each count's own
            for (List<String> other : preambles.values()) {
                if (other != preamble && i < other.size() && !other.get(i).equals(line) && !line.startsWith("## ")) {
                    out.append(other.get(i)).append('\n');
                }
            }
        }
        List<Section> reference = sections.values().iterator().next();
        for (int s = 0; s < reference.size(); s++) {
            Section head = reference.get(s);
            out.append(head.heading().replaceFirst("\\(threads \\d+", "(threads " + counts)).append("\n\n");
            List<String> table = head.table();
            if (!table.isEmpty()) {
                out.append(withThreads(table.get(0), "threads")).append('\n');
                out.append(table.get(1)).append("---|").append('\n');
            }
            for (int row = 2; row < table.size(); row++) {
                for (Map.Entry<Integer, List<Section>> e : sections.entrySet()) {
                    List<String> rows = e.getValue().size() > s ? e.getValue().get(s).table() : List.of();
                    if (row < rows.size()) out.append(withThreads(rows.get(row), e.getKey().toString())).append('\n');
                }
            }
            for (Map.Entry<Integer, List<Section>> e : sections.entrySet()) {
                if (e.getValue().size() <= s) continue;
                for (String line : e.getValue().get(s).rest()) {
                    // a blank line first: a line of text right after a table would render as one of its rows
                    if (!line.isBlank()) out.append('\n').append("threads ").append(e.getKey()).append(", ").append(line.strip()).append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A table line with {@code cell} as its second column. */
    static String withThreads(String tableLine, String cell) {
        int second = tableLine.indexOf(" | ");
        if (!tableLine.startsWith("| ") || second < 0) throw new IllegalArgumentException("not a table line: " + tableLine);
        return tableLine.substring(0, second) + " | " + cell + tableLine.substring(second);
    }

    private static List<Section> parse(String report, List<String> preamble) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (String line : report.split("\\R")) {
            if (line.startsWith("### ")) {
                current = new Section(line, new ArrayList<>(), new ArrayList<>());
                sections.add(current);
            } else if (current == null) {
                preamble.add(line);
            } else if (line.startsWith("|")) {
                current.table().add(line);
            } else if (!current.table().isEmpty() || !line.isBlank()) {
                current.rest().add(line);
            }
        }
        return sections;
    }
}
