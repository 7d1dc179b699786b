package minitorch.spark;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options {@code minitorch spark} adds to each training command it runs: where Spark runs, in how many shards. */
final class SparkOptions {
    /** The command these options belong to, for usage errors that name it. */
    private CommandLine owner;

    String master = "local[*]";
    Integer partitions;
    int executorWaitSeconds = 60;

    /** Adds these options to {@code command}, and returns it. */
    CommandLine addTo(CommandLine command) {
        owner = command;
        return command.addMixin("spark", this);
    }

    @Option(names = "--master", paramLabel = "URL", order = 100,
            description = "local[N] (N executor threads in this JVM), local[*], or spark://HOST:PORT (a standalone cluster); default local[*]")
    void master(String value) {
        try {
            master = SparkContexts.checkMaster(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(owner, e.getMessage());
        }
    }

    @Option(names = "--partitions", paramLabel = "N", order = 101,
            description = "shards per global batch (one task each); default the master's task slots")
    void partitions(int value) {
        if (value < 1) {
            throw new ParameterException(owner, "--partitions must be positive, got " + value);
        }
        partitions = value;
    }

    @Option(names = "--executor-wait", paramLabel = "S", order = 102,
            description = "seconds to wait for a cluster's first executor; default 60")
    void executorWait(int value) {
        if (value < 1) {
            throw new ParameterException(owner, "--executor-wait must be positive, got " + value);
        }
        executorWaitSeconds = value;
    }
}
