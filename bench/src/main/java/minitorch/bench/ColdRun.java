package minitorch.bench;

import java.util.Arrays;
import java.util.Locale;
import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.PythonRandom;
import minitorch.tensor.DType;

/**
 * One measurement of {@code minitorch bench --cold}, in a JVM of its own: the seconds of the first call of
 * one workload on FAST (what a user who runs a command once sees), of the second, and the steady state after
 * a warm-up in the same process that lasts until the JIT is done ({@link JitWarmUp}). Prints one line, {@link Result#format}, that {@link ColdBench} reads back.
 * Arguments: the workload ({@link #encode}), the thread count, the warm-up seconds.
 */
public final class ColdRun {

    /** What one fresh JVM measured; seconds per call (per epoch for training). */
    public record Result(long pid, double first, double second, double warm) {
        static final String PREFIX = "cold-run ";

        String format() {
            return String.format(Locale.ROOT, "%spid=%d first=%.9f second=%.9f warm=%.9f", PREFIX, pid, first, second, warm);
        }

        /** The result line among a child's output lines, or an exception quoting what it printed. */
        static Result parse(String output) {
            for (String line : output.split("\\R")) {
                if (!line.startsWith(PREFIX)) continue;
                String[] f = line.substring(PREFIX.length()).split(" ");
                return new Result(Long.parseLong(value(f[0], "pid")), Double.parseDouble(value(f[1], "first")),
                        Double.parseDouble(value(f[2], "second")), Double.parseDouble(value(f[3], "warm")));
            }
            String tail = output.strip();
            throw new IllegalStateException("the fresh JVM printed no measurement: "
                    + (tail.isEmpty() ? "(nothing)" : tail.substring(Math.max(0, tail.length() - 300))));
        }

        private static String value(String field, String key) {
            if (!field.startsWith(key + "=")) throw new IllegalStateException("expected " + key + "=..., got " + field);
            return field.substring(key.length() + 1);
        }
    }

    private ColdRun() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        System.setProperty("minitorch.fast.threads", Integer.toString(threads));
        minitorch.ops.fast.FastOps.setThreads(threads);
        System.out.println(measure(args[0], Double.parseDouble(args[2])).format());
    }

    static Result measure(String workload, double warmupSeconds) throws Exception {
        Timed timed = timed(workload);
        double first = timed.once();
        double second = timed.once();
        JitWarmUp.run(warmupSeconds, timed::once);
        double[] warm = new double[5];
        for (int i = 0; i < warm.length; i++) warm[i] = timed.once();
        Arrays.sort(warm);
        return new Result(ProcessHandle.current().pid(), first, second, warm[warm.length / 2]);
    }

    /** Something whose one call is timed. */
    private interface Timed {
        double once() throws Exception;
    }

    private static Timed timed(String workload) {
        if (workload.startsWith(TRAIN)) {
            String[] f = workload.substring(TRAIN.length()).split(":");
            Trainer trainer = MiniTorchTrainers.create("fast",
                    Datasets.SPLIT.generate(TrainSuite.POINTS, new PythonRandom(TrainSuite.SEED)),
                    Integer.parseInt(f[0]), TrainSuite.RATE, TrainSuite.SEED, BenchCommand.dtype(f[1]));
            return () -> {
                long t0 = System.nanoTime();
                trainer.epoch();
                return (System.nanoTime() - t0) * 1e-9;
            };
        }
        Peer.Prepared call = new MiniTorchPeer(Backend.FAST, Long.MAX_VALUE).prepare(decode(workload));
        return () -> call.time(1);
    }

    static final String TRAIN = "train:h=";

    /** The train suite's model (split data) with {@code hidden} units, as a {@link #main} argument. */
    static String encodeTraining(int hidden, DType dtype) {
        return TRAIN + hidden + ":" + (dtype == DType.FLOAT32 ? "f32" : "f64");
    }

    /** A workload as one {@link #main} argument, e.g. {@code MATMUL:matmul:f32:1x1024x1024:1x1024x1024:-1}. */
    static String encode(Workload w) {
        return String.join(":", w.kind().name(), w.op(), w.dtypeName(), shape(w.shapeA()),
                w.shapeB() == null ? "-" : shape(w.shapeB()), Integer.toString(w.dim()));
    }

    static Workload decode(String s) {
        String[] f = s.split(":");
        if (f.length != 6) throw new IllegalArgumentException("cold run: not a workload: '" + s + "'");
        return new Workload(Workload.Kind.valueOf(f[0]), f[1], BenchCommand.dtype(f[2]), shape(f[3]),
                f[4].equals("-") ? null : shape(f[4]), Integer.parseInt(f[5]));
    }

    private static String shape(int[] shape) {
        return String.join("x", Arrays.stream(shape).mapToObj(Integer::toString).toList());
    }

    private static int[] shape(String s) {
        return Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
    }
}
