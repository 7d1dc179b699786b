package minitorch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times one workload on every peer, interleaved: after a warm-up that also picks how many calls make
 * one measurement, it runs {@code rounds} rounds, and in each round every peer takes one measurement,
 * the order rotating from round to round, each measurement after the CPUs are idle ({@link Quiet}: the peer
 * before it may have left threads spinning). Slow drifts of the shared machine then hit all peers alike,
 * and the median per peer is what the table shows.
 */
public final class Harness {

    /**
     * How long to warm up, how long one measurement should take, how many rounds, and whether each measurement
     * waits for idle CPUs first ({@link Quiet}; not in the quick smoke test, whose numbers are not for quoting).
     */
    public record Settings(double warmupSeconds, double measureSeconds, int rounds, boolean idleFirst) {
        public static final Settings FULL = new Settings(1.0, 0.25, 5, true);
        public static final Settings QUICK = new Settings(0.05, 0.02, 3, false);
    }

    /** One peer's outcome on one workload: seconds per call (median, min, max), or why there is none. */
    public record Cell(double median, double min, double max, int samples, double[] checksums, String note) {
        static Cell missing(String why) {
            return new Cell(Double.NaN, Double.NaN, Double.NaN, 0, null, why);
        }

        public boolean measured() {
            return samples > 0;
        }
    }

    /** A workload's row: the cell of every peer, in the peers' order. */
    public record Row(Workload workload, Map<String, Cell> cells) {}

    private final Settings settings;
    private final PrintStream log;

    public Harness(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Row run(Workload w, List<? extends Peer> peers) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        List<Peer> active = new ArrayList<>();
        List<Peer.Prepared> prepared = new ArrayList<>();
        List<Integer> reps = new ArrayList<>();
        List<Integer> maxSamples = new ArrayList<>();
        for (Peer p : peers) {
            String why = p.unsupported(w);
            if (why != null) {
                cells.put(p.name(), Cell.missing(why));
                continue;
            }
            try {
                Peer.Prepared call = p.prepare(w);
                double perCall = warmUp(call);
                int n = (int) Math.max(1, Math.round(settings.measureSeconds / perCall));
                // a peer slower than one measurement per call takes part in fewer rounds, never fewer than one
                int samples = perCall <= settings.measureSeconds ? settings.rounds
                        : Math.max(1, (int) (settings.rounds * settings.measureSeconds / perCall));
                active.add(p);
                prepared.add(call);
                reps.add(n);
                maxSamples.add(samples);
                cells.put(p.name(), null);
            } catch (Throwable e) {
                cells.put(p.name(), Cell.missing(shortError(e)));
            }
        }
        double[][] seconds = new double[active.size()][settings.rounds];
        int[] taken = new int[active.size()];
        for (int round = 0; round < settings.rounds; round++) {
            for (int j = 0; j < active.size(); j++) {
                int i = (j + round) % active.size();
                if (taken[i] >= maxSamples.get(i) || cells.get(active.get(i).name()) != null) continue;
                try {
                    if (settings.idleFirst()) Quiet.await();
                    seconds[i][taken[i]] = prepared.get(i).time(reps.get(i)) / reps.get(i);
                    taken[i]++;
                } catch (Throwable e) {
                    cells.put(active.get(i).name(), Cell.missing(shortError(e)));
                }
            }
        }
        for (int i = 0; i < active.size(); i++) {
            String name = active.get(i).name();
            try (Peer.Prepared call = prepared.get(i)) {
                if (cells.get(name) != null) continue;
                double[] s = Arrays.copyOf(seconds[i], taken[i]);
                Arrays.sort(s);
                cells.put(name, new Cell(s[s.length / 2], s[0], s[s.length - 1], s.length, call.checksums(), null));
            } catch (Throwable e) {
                cells.put(name, Cell.missing(shortError(e)));
            }
        }
        return new Row(w, cells);
    }

    /** Runs the call for the warm-up time (at least twice) and returns the last estimate of seconds per call. */
    private double warmUp(Peer.Prepared call) throws Exception {
        double first = call.time(1);
        double spent = first, perCall = first;
        int batch = 1;
        while (spent < settings.warmupSeconds) {
            double t = call.time(batch);
            spent += t;
            perCall = t / batch;
            batch = (int) Math.max(1, Math.min(batch * 2L, Math.round(0.1 / Math.max(perCall, 1e-9))));
        }
        if (spent == first) perCall = call.time(1); // the first call includes one-off costs (JIT, page faults)
        return perCall;
    }

    static String shortError(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof UnsupportedOperationException && msg.contains("not yet")) return "not yet implemented";
        msg = msg.replaceAll("\\s+", " ");
        return msg.length() > 80 ? msg.substring(0, 77) + "..." : msg;
    }
}
