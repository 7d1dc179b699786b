package minitorch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code minitorch} command line. Each task is a subcommand in its own class; to add one, write the
 * class and list it in {@code subcommands} below.
 *
 * <p>Errors: a bad flag or value prints one line ({@code minitorch: ...}) and exits 2; a failure while
 * running (bad data, missing files, an unavailable backend) prints one line and exits 1. Set
 * {@code MINITORCH_DEBUG=1} to see the stack trace as well.
 */
@Command(name = "minitorch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "MiniTorch for Java: a DIY re-implementation of the Torch API, from scalar autodiff to CUDA.",
        // bench lives in the bench module (its peers never enter this jar); the launcher script dispatches it.
        footer = {"", "  bench           Benchmarks beside NumPy, PyTorch and EJML (see bench -h).",
                "", "The ./minitorch launcher makes the JVM's ahead-of-time cache once per build",
                "(under a minute, beside the jar) so that later runs start and warm up sooner;",
                "MINITORCH_AOT=0 turns it off (docs/PERFORMANCE.md, Cold and warm)."},
        subcommands = {
                TrainCommand.class,
                MnistCommand.class,
                SentimentCommand.class,
                ParallelCheckCommand.class,
                KernelsCommand.class,
                UiCommand.class,
                AotTrainingCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: show what there is and fail, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (what tests call). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        withOneLineErrors(cl);
        cl.getSubcommands().get("train").getCommandSpec().usageMessage().footer(TrainCommand.footer());
        return cl;
    }

    /** This command line's error handling (one line, exit 2 or 1) for {@code cl}: the spark module's commands use it too. */
    public static CommandLine withOneLineErrors(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(oneLineUsageError());
        cl.setExecutionExceptionHandler(oneLineFailure());
        return cl;
    }

    private static IParameterExceptionHandler oneLineUsageError() {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println("minitorch: " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        };
    }

    private static IExecutionExceptionHandler oneLineFailure() {
        return (ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (System.getenv("MINITORCH_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.println("minitorch: " + describe(ex));
            err.flush();
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        };
    }

    /** The message of an expected failure; class and message of anything else (a bug). */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        boolean expected = ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof UnsupportedOperationException || ex instanceof java.io.UncheckedIOException
                || ex instanceof java.io.IOException;
        if (expected && message != null && !message.isBlank()) {
            return oneLine(message);
        }
        return oneLine(ex.getClass().getSimpleName() + (message == null ? "" : ": " + message))
                + " (set MINITORCH_DEBUG=1 for the stack trace)";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code minitorch --version}: this build and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "minitorch " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")",
            };
        }
    }
}
