package minitorch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import minitorch.ops.fast.FastOps;
import minitorch.ops.fast.ParallelCheck;

/** {@code minitorch parallel-check}: the original's parallel_check.py, answered by FastOps's traces. */
@Command(name = "parallel-check",
        header = "Shows which path and how many threads each fast kernel uses.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the original parallel_check.py cases (map, zip, reduce on 10 elements; matmul",
            "(1,10,20) @ (1,20,10)) and larger ones on the fast backend, and prints for each the path",
            "its loops took (contiguous-simd, rows-simd, broadcast-simd, strided, ...) and its threads.",
            "JAVA_TOOL_OPTIONS=-Dminitorch.fast.trace=true prints the same line for every call of any command."})
public final class ParallelCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "threads the fast backend may use; default all processors")
    Integer threads;

    @Override
    public Integer call() {
        if (threads != null) {
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
            }
            FastOps.setThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ParallelCheck.report());
        out.flush();
        return 0;
    }
}
