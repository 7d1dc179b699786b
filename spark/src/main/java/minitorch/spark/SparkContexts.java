package minitorch.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the driver's Spark context for a master URL: {@code local[N]} (executors as threads of this JVM,
 * driver on 127.0.0.1) or {@code spark://HOST:PORT} (a standalone cluster, checked to be reachable first).
 * The UI is off; executors get the JVM flags the library and Spark need on JDK 25.
 */
public final class SparkContexts {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,(\\d+))?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/]+):(\\d+)");

    /** Flags of every executor JVM a worker starts (the launcher gives the driver the same). */
    static final String EXECUTOR_FLAGS = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED "
            + "-XX:+IgnoreUnrecognizedVMOptions -Dio.netty.tryReflectionSetAccessible=true "
            + "--sun-misc-unsafe-memory-access=allow";

    private SparkContexts() {}

    /** @throws IllegalArgumentException for a master URL that is neither form */
    public static String checkMaster(String master) {
        if (!LOCAL.matcher(master).matches() && !STANDALONE.matcher(master).matches()) {
            throw new IllegalArgumentException("unknown --master '" + master
                    + "': expected local, local[N], local[N,MAX_FAILURES], local[*] or spark://HOST:PORT");
        }
        return master;
    }

    /** @throws IllegalArgumentException for a master that is neither form, or a standalone master nobody answers at */
    public static JavaSparkContext start(String master, String appName) {
        Matcher standalone = STANDALONE.matcher(checkMaster(master));
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.executor.extraJavaOptions", EXECUTOR_FLAGS);
        if (standalone.matches()) {
            checkReachable(master, standalone.group(1), Integer.parseInt(standalone.group(2)));
            ownJar().ifPresent(jar -> conf.set("spark.jars", jar.toString()));
        } else {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(conf);
    }

    /** The partitions a run uses unless told: the master's task slots ({@code local[N]}: N; a cluster: its cores). */
    public static int defaultPartitions(JavaSparkContext spark) { return spark.defaultParallelism(); }

    /**
     * Waits until a standalone cluster has given the application an executor (a cluster without free
     * workers would otherwise leave the first step waiting for ever).
     */
    public static void awaitExecutors(JavaSparkContext spark, long timeoutMillis) {
        if (spark.sc().isLocal()) {
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (spark.sc().statusTracker().getExecutorInfos().length < 2) { // the driver counts as one
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Spark master " + spark.master() + " gave no executor within "
                        + timeoutMillis / 1000 + " s: are workers registered with free cores and memory?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors", e);
            }
        }
    }

    private static void checkReachable(String master, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach Spark master " + master + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase(Locale.ROOT)));
        }
    }

    /** This module's jar when running from it: a cluster's executors fetch it from the driver. */
    private static java.util.Optional<Path> ownJar() {
        try {
            Path p = Path.of(SparkContexts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}
