package minitorch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import minitorch.backend.Backend;
import minitorch.data.DataDirectory;
import minitorch.tensor.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code minitorch bench}: MiniTorch's kernels beside NumPy, PyTorch (DJL), EJML and SimpleOps,
 * measured interleaved in one run, printed as a Markdown table with ratios. Lives in the bench module
 * so that the peers never become dependencies of the library or the command line.
 */
@Command(name = "minitorch bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures MiniTorch's FastOps beside NumPy (python3), PyTorch-CPU (DJL), EJML and SimpleOps,",
            "interleaved in one run, and prints a Markdown table: GFLOP/s for matmul (higher is better),",
            "ns per element for map/zip/reduce, seconds per epoch for training (lower is better), and",
            "fast÷peer = peer's time / fast's time (above 1: FAST is faster)."},
        footer = {"", "Examples:",
            "  minitorch bench                              # everything, full sizes (several minutes)",
            "  minitorch bench --suite matmul --sizes 1024 --dtypes f32",
            "  minitorch bench --quick                      # seconds: tiny sizes, short timings (smoke test)",
            "  minitorch bench -s matmul,train -t 1,2 --dtypes f32,f64  # 1 and 2 threads, one table",
            "  minitorch bench --cold -s matmul,train --sizes 1024       # first call vs warm"})
public final class BenchCommand implements Callable<Integer> {

    /** The groups of workloads one can pick. */
    public enum Suite { MATMUL, ELEMENTWISE, REDUCE, TRAIN, MNIST, SENTIMENT, PROGRESSION, ALL }

    @Option(names = {"-s", "--suite"}, split = ",", paramLabel = "SUITE",
            description = "matmul, elementwise (map and zip), reduce, train, mnist, sentiment, all (default: ${DEFAULT-VALUE});"
                    + " progression (fast.ai's matmul steps, docs/KERNELS.md) runs only when named",
            converter = SuiteConverter.class, defaultValue = "all")
    List<Suite> suites;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "square matmul sizes (default: 128,512,1024,2048; quick: 32,64)")
    List<Integer> sizes;

    @Option(names = "--batched", split = ",", paramLabel = "BxN",
            description = "batched matmul cases, batch x size (default: 64x128; quick: 4x32)")
    List<String> batched;

    @Option(names = "--elements", split = ",", paramLabel = "N",
            description = "element counts for map/zip/reduce (default: 1000000,10000000; quick: 10000)")
    List<Integer> elements;

    @Option(names = "--dtypes", split = ",", paramLabel = "DTYPE",
            description = "f32 and/or f64 (default: matmul f32,f64; elementwise, reduce and train f32)")
    List<String> dtypes;

    @Option(names = {"-t", "--threads"}, split = ",", paramLabel = "N", defaultValue = "2",
            description = "threads for FAST, OpenBLAS, torch and EJML (default: ${DEFAULT-VALUE}); several, e.g. 1,2:"
                    + " one table per suite with a row per thread count, each count run in a bench process of its own")
    List<Integer> threadCounts;

    /** The thread count of this process's measurements. */
    private int threads;

    @Option(names = "--cold", description = "FAST's first call beside its steady state, each measurement in a fresh JVM,"
            + " without and with the launcher's ahead-of-time cache (suites matmul, elementwise, reduce, train)")
    boolean cold;

    @Option(names = "--aot-cache", paramLabel = "FILE", description = "--cold: the AOT cache for the fresh JVMs"
            + " (default: the one ./minitorch made for this jar and passed as -Dminitorch.aot.cache)")
    Path aotCache = System.getProperty("minitorch.aot.cache") == null ? null : Path.of(System.getProperty("minitorch.aot.cache"));

    @Option(names = "--peers", split = ",", paramLabel = "PEER",
            defaultValue = "fast,simple,numpy,torch,ejml",
            description = "which columns to run (default: ${DEFAULT-VALUE})")
    List<String> peers;

    @Option(names = "--hidden", split = ",", paramLabel = "H",
            description = "train suite: hidden sizes (default: 100,500; quick: 10)")
    List<Integer> hidden;

    @Option(names = "--epochs", description = "train suite: timed epochs per model, in blocks of 5 per model in turn, after at least 3 s of warm-up epochs (on until the JIT is quiet) (default: 20; quick: 1)")
    Integer epochs;

    @Option(names = "--mnist-steps", description = "mnist suite: LeNet steps (batches of 16) per measurement (default: 50; quick: 2)")
    Integer mnistSteps;

    @Option(names = "--sentiment-steps", description = "sentiment suite: Kim CNN steps (batches of 32) per measurement (default: 20; quick: 1)")
    Integer sentimentSteps;

    @Option(names = {"-q", "--quick"}, description = "seconds, not minutes: tiny sizes and short timings (not for quoting)")
    boolean quick;

    @Option(names = "--rounds", description = "interleaved measurements per peer (default: 5; quick: 3)")
    Integer rounds;

    @Option(names = "--stat", defaultValue = "median",
            description = "median or best of the interleaved measurements per peer (default: ${DEFAULT-VALUE})")
    String stat;

    @Option(names = "--simple-max-flops", defaultValue = "2e9",
            description = "skip SimpleOps above this much work per call (default: ${DEFAULT-VALUE})")
    double simpleMaxFlops;

    @Option(names = "--python", defaultValue = "python3", description = "python with numpy (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--data", description = "data directory (else $MINITORCH_DATA, else ~/.minitorch/data): the sentiment "
            + "suite reads SST-2's sentence length and vocabulary from it")
    Path data;

    @Option(names = {"-o", "--output"}, description = "also write the table (Markdown) to this file")
    Path output;

    private PrintStream out = System.out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command with picocli's exit-code conventions; errors are one readable line. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("minitorch bench: " + Harness.shortError(e));
            return 1;
        });
        return cli.execute(args);
    }

    /** The same command printing to {@code out} (tests). */
    public static int run(PrintStream out, String... args) {
        BenchCommand command = new BenchCommand();
        command.out = out;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new java.io.PrintWriter(out, true));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (threadCounts.size() > 1 && !cold) return runPerThreadCount();
        threads = threadCounts.get(0);
        // Before anything touches the common pool or libtorch: same thread count for every peer.
        System.setProperty("minitorch.fast.threads", Integer.toString(threads));
        minitorch.ops.fast.FastOps.setThreads(threads);
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", Integer.toString(threads));
        EnumSet<Suite> chosen = suites.contains(Suite.ALL) ? EnumSet.of(Suite.MATMUL, Suite.ELEMENTWISE,
                Suite.REDUCE, Suite.TRAIN, Suite.MNIST, Suite.SENTIMENT) : EnumSet.copyOf(suites);

        StringBuilder report = new StringBuilder();
        PrintStream tee = output == null ? out : new PrintStream(new TeeStream(out, report), true);
        List<Peer> opened = new ArrayList<>();
        try {
            if (cold) {
                runCold(chosen, tee);
                return 0;
            }
            List<Peer> columns = openPeers(opened, tee);
            Harness harness = new Harness(settings(), tee);
            Table table = new Table(columns.stream().map(Peer::name).toList(), "fast", stat.equals("best"));
            for (Suite suite : List.of(Suite.MATMUL, Suite.ELEMENTWISE, Suite.REDUCE)) {
                if (!chosen.contains(suite)) continue;
                tee.printf(Locale.ROOT, "%n### %s (threads %d, %s; load average before: %s)%n%n",
                        suite.name().toLowerCase(Locale.ROOT), threads, quick ? "QUICK, not for quoting" : stat,
                        Machine.loadAverage());
                table.printHeader(tee);
                Quiet.Tally waits = Quiet.tally();
                for (Workload w : workloads(suite)) table.printRow(tee, harness.run(w, columns));
                tee.printf("%nload average after: %s%s%n", Machine.loadAverage(), Quiet.tally().since(waits));
            }
            if (chosen.contains(Suite.TRAIN)) {
                TrainSuite train = new TrainSuite(hiddenSizes(), trainDtypes(), epochCount(), quick ? 0.0 : 3.0, threads,
                        peers.contains("torch") ? findTorch(opened) : null, tee, stat.equals("best"), settings().idleFirst());
                train.run(peers);
            }
            if (chosen.contains(Suite.MNIST)) {
                new NetworkSuite(mnistSteps != null ? mnistSteps : quick ? 2 : 50, settings().rounds(), quick ? 0.0 : 5.0,
                        peers.contains("torch") ? findTorch(opened) : null, tee).run(LeNetStep.MODEL, peers, threads);
            }
            if (chosen.contains(Suite.SENTIMENT)) {
                SentimentStep.Sizes sizes = SentimentStep.Sizes.of(DataDirectory.resolve(data == null ? null : data.toString()));
                new NetworkSuite(sentimentSteps != null ? sentimentSteps : quick ? 1 : 20, settings().rounds(), quick ? 0.0 : 5.0,
                        peers.contains("torch") ? findTorch(opened) : null, tee).run(SentimentStep.model(sizes), peers, threads);
            }
            if (chosen.contains(Suite.PROGRESSION)) {
                NumpyPeer numpy = null;
                for (Peer p : opened) if (p instanceof NumpyPeer np) numpy = np;
                new ProgressionSuite(new Harness(settings(), tee), tee, numpy, threads, stat.equals("best"), quick ? 0.2 : 5.0)
                        .run(DataDirectory.resolve(data == null ? null : data.toString()), 5, quick ? 1_000 : 50_000);
            }
        } finally {
            for (Peer p : opened) p.close();
            if (output != null) Files.writeString(output, report.toString());
        }
        return 0;
    }

    /** {@code --cold}: the cold table of each chosen kernel suite and of training, a fresh JVM per measurement. */
    private void runCold(EnumSet<Suite> chosen, PrintStream tee) {
        int coldRounds = rounds != null ? rounds : quick ? 1 : 3;
        double warmup = quick ? 0.2 : 3.0;
        tee.println("## minitorch bench --cold — " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        tee.println();
        tee.println("- machine: " + Machine.describe());
        tee.println("- FAST only; each measurement a fresh JVM (" + ColdRun.class.getSimpleName() + "): 1st call, 2nd call, then"
                + " the median of 5 calls after at least " + warmup + " s of calls, on until the JIT has compiled nothing for "
                + JitWarmUp.QUIET_SECONDS + " s (warm); " + coldRounds + " JVMs without and "
                + coldRounds + " with the AOT cache per row, medians shown" + (quick ? "; QUICK mode (not for quoting)" : ""));
        tee.println("- AOT cache: " + (aotCache == null ? "none (run through ./minitorch, MINITORCH_AOT unset)" : aotCache));
        tee.println("- 1st÷warm: the first call's time over the steady state's (1.00: as fast as warm)");
        for (Suite suite : List.of(Suite.MATMUL, Suite.ELEMENTWISE, Suite.REDUCE, Suite.TRAIN)) {
            if (!chosen.contains(suite)) continue;
            for (int t : threadCounts) {
                threads = t;
                ColdBench bench = new ColdBench(t, coldRounds, warmup, aotCache, tee);
                tee.printf(Locale.ROOT, "%n### %s, cold (threads %d; load average before: %s)%n%n",
                        suite.name().toLowerCase(Locale.ROOT), t, Machine.loadAverage());
                ColdBench.printHeader(tee);
                if (suite == Suite.TRAIN) {
                    for (int h : hiddenSizes()) {
                        for (DType dt : trainDtypes()) {
                            bench.printRow(bench.measureTraining(h, dt));
                        }
                    }
                } else {
                    for (Workload w : workloads(suite)) bench.printRow(bench.measure(w));
                }
                tee.printf("%nload average after: %s%n", Machine.loadAverage());
            }
        }
        for (Suite s : chosen) {
            if (!List.of(Suite.MATMUL, Suite.ELEMENTWISE, Suite.REDUCE, Suite.TRAIN).contains(s)) {
                tee.println("(--cold measures matmul, elementwise, reduce and train; " + s.name().toLowerCase(Locale.ROOT) + " left out)");
            }
        }
    }

    /** {@code --threads 1,2}: this command once per thread count, each in a bench process of its own, merged. */
    private int runPerThreadCount() throws IOException {
        java.util.Map<Integer, String> reports = new java.util.LinkedHashMap<>();
        List<String> args = argsWithout(spec.commandLine().getParseResult().originalArgs(), "-t", "--threads", "-o", "--output");
        for (int t : threadCounts) {
            List<String> own = new ArrayList<>(args);
            own.addAll(List.of("--threads", Integer.toString(t)));
            System.err.println("minitorch bench: threads " + t + " in a bench process of its own ...");
            reports.put(t, FreshJvm.run(FreshJvm.command(null, BenchCommand.class, own), false,
                    line -> System.err.println("  [threads " + t + "] " + line)));
        }
        String merged = ThreadsMerge.merge(reports);
        out.print(merged);
        out.flush();
        if (output != null) Files.writeString(output, merged);
        return 0;
    }

    /** {@code args} less the named options and their values (both "--name value" and "--name=value"). */
    static List<String> argsWithout(List<String> args, String... names) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean drop = false;
            for (String n : names) {
                if (a.equals(n)) {
                    drop = true;
                    i++;
                } else if (a.startsWith(n + "=") || (!n.startsWith("--") && a.startsWith(n) && a.length() > n.length())) {
                    drop = true;
                }
            }
            if (!drop) kept.add(a);
        }
        return kept;
    }

    private static TorchPeer findTorch(List<Peer> opened) {
        for (Peer p : opened) if (p instanceof TorchPeer t) return t;
        return null;
    }

    private void validate() {
        for (int t : threadCounts) {
            if (t < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--threads must be at least 1, got " + t);
        }
        if (!List.of("median", "best").contains(stat)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--stat: expected median or best, got '" + stat + "'");
        }
        for (String p : peers) {
            if (!List.of("fast", "simple", "numpy", "torch", "ejml").contains(p)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "unknown peer '" + p + "': expected fast, simple, numpy, torch, ejml");
            }
        }
    }

    private Harness.Settings settings() {
        Harness.Settings base = quick ? Harness.Settings.QUICK : Harness.Settings.FULL;
        return rounds == null ? base : new Harness.Settings(base.warmupSeconds(), base.measureSeconds(), rounds, base.idleFirst());
    }

    private List<Peer> openPeers(List<Peer> opened, PrintStream tee) {
        List<Peer> columns = new ArrayList<>();
        tee.println("## minitorch bench — " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        tee.println();
        tee.println("- machine: " + Machine.describe());
        tee.println("- statistic: " + stat + " of " + settings().rounds() + " interleaved measurements per peer");
        tee.println("- threads: " + threads + (quick ? "; QUICK mode (tiny sizes, short timings: not for quoting)" : ""));
        for (String name : peers) {
            String[] why = new String[1];
            Peer peer = switch (name) {
                case "fast" -> new MiniTorchPeer(Backend.FAST, Long.MAX_VALUE);
                case "simple" -> new MiniTorchPeer(Backend.SIMPLE, (long) simpleMaxFlops);
                case "numpy" -> NumpyPeer.start(python, threads, why);
                case "torch" -> TorchPeer.start(threads, why);
                case "ejml" -> new EjmlPeer(threads);
                default -> throw new IllegalStateException(name);
            };
            if (peer == null) {
                tee.println("- " + name + ": " + why[0] + " (column left out)");
                continue;
            }
            opened.add(peer);
            columns.add(peer);
            switch (peer) {
                case NumpyPeer np -> tee.println("- numpy: " + np.describe() + " (OPENBLAS_NUM_THREADS=" + threads + ")");
                case TorchPeer tp -> tee.println("- torch: " + TorchPeer.describe() + ", CPU, intra-op threads " + threads);
                case EjmlPeer ep -> tee.println("- ejml: " + org.ejml.EjmlVersion.VERSION + (threads > 1 ? " (_MT_ routines)" : ""));
                default -> { }
            }
        }
        tee.println("- ratios: fast÷peer = peer's time per call / fast's time per call (above 1: FAST is faster);"
                + " agree: all peers' results match (checksums, tolerance 1e-3 f32 / 1e-9 f64)");
        return columns;
    }

    List<Workload> workloads(Suite suite) {
        List<Workload> list = new ArrayList<>();
        List<DType> types = dtypes == null ? (suite == Suite.MATMUL ? List.of(DType.FLOAT32, DType.FLOAT64)
                : List.of(DType.FLOAT32)) : dtypes.stream().map(BenchCommand::dtype).toList();
        List<Integer> counts = elements != null ? elements : quick ? List.of(10_000) : List.of(1_000_000, 10_000_000);
        for (DType dt : types) {
            switch (suite) {
                case MATMUL -> {
                    for (int n : sizes != null ? sizes : quick ? List.of(32, 64) : List.of(128, 512, 1024, 2048)) {
                        list.add(Workload.matmul(dt, 1, n));
                    }
                    for (String b : batched != null ? batched : quick ? List.of("4x32") : List.of("64x128")) {
                        String[] parts = b.toLowerCase(Locale.ROOT).split("x");
                        if (parts.length != 2) throw new IllegalArgumentException("--batched: expected BxN like 64x128, got '" + b + "'");
                        list.add(Workload.matmul(dt, Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                    }
                }
                case ELEMENTWISE -> {
                    for (int n : counts) {
                        for (String op : List.of("relu", "exp", "sigmoid")) list.add(Workload.map(op, dt, n));
                        list.add(Workload.add(dt, n));
                        list.add(Workload.broadcastAdd(dt, n));
                    }
                }
                case REDUCE -> {
                    for (int n : counts) {
                        list.add(Workload.sum(dt, n, 0));
                        list.add(Workload.sum(dt, n, 1));
                    }
                }
                default -> { }
            }
        }
        return list;
    }

    private List<Integer> hiddenSizes() {
        return hidden != null ? hidden : quick ? List.of(10) : List.of(100, 500);
    }

    /** The train suite's dtypes: float32 unless --dtypes says otherwise. */
    private List<DType> trainDtypes() {
        return dtypes == null ? List.of(DType.FLOAT32) : dtypes.stream().map(BenchCommand::dtype).toList();
    }

    private int epochCount() {
        return epochs != null ? epochs : quick ? 1 : 20;
    }

    static DType dtype(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "f32", "float32" -> DType.FLOAT32;
            case "f64", "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + s + "': expected f32 or f64");
        };
    }

    /** Case-insensitive suite names. */
    static final class SuiteConverter implements CommandLine.ITypeConverter<Suite> {
        @Override
        public Suite convert(String value) {
            try {
                return Suite.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "unknown suite '" + value + "': expected matmul, elementwise, reduce, train, mnist, sentiment, all");
            }
        }
    }

    /** Copies everything printed to the screen into the report as well. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream screen;
        private final StringBuilder copy;

        TeeStream(PrintStream screen, StringBuilder copy) {
            this.screen = screen;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            screen.write(b);
            copy.append((char) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            screen.write(b, off, len);
            copy.append(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

}
