package minitorch.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import minitorch.data.DataDirectory;
import minitorch.ui.UiServer;

/** {@code minitorch ui}: the original's Streamlit sandbox as a local web page. */
@Command(name = "ui",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Serves the visual sandbox (Modules 0-4) as a local web page.",
        description = {
            "Math, Scalar, Autodiff, Tensor and Module sandboxes, live training with its",
            "decision boundary, and MNIST / SST-2 pages, all computed by this library.",
            "Prints the URL; Ctrl-C stops the server and any training."},
        footer = {"", "Examples:", "  minitorch ui", "  minitorch ui --port 9000 --no-browser", "  minitorch ui --data ../shared/data"})
public final class UiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "port to listen on; a free one is chosen when it is taken (0: any); default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "address to listen on; default ${DEFAULT-VALUE} (this machine only)")
    String host;

    @Option(names = "--no-browser", description = "do not try to open the page in a browser")
    boolean noBrowser;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data directory for the Module 4 pages (MNIST, SST-2); default $MINITORCH_DATA, else ~/.minitorch/data")
    String data;

    /** Counted down by Ctrl-C (through a shutdown hook), or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (UiServer server = start()) {
            // Ctrl-C: let the server and its runs close before the JVM halts
            Thread hook = new Thread(() -> {
                stop.countDown();
                awaitQuietly(closed);
            }, "minitorch-ui-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            if (port != 0 && server.uri().getPort() != port) {
                out.println("Port " + port + " is not available (taken, or not allowed); using " + server.uri().getPort() + ".");
            }
            out.println("MiniTorch sandbox at " + server.uri() + "  (Ctrl-C stops it)");
            out.flush();
            if (!noBrowser) {
                openBrowser(server.uri());
            }
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook has run
            }
        } // closing the server stops every training run
        out.println("MiniTorch sandbox stopped.");
        out.flush();
        closed.countDown();
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UiServer start() {
        try {
            return UiServer.start(host, port, DataDirectory.resolve(data));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Best effort, through the desktop's opener (the JVM runs headless for the plots): without a display
     * there is no browser, and the printed URL is enough.
     */
    private static void openBrowser(URI uri) {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String[] command = os.contains("mac") ? new String[] {"open", uri.toString()}
                : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", uri.toString()}
                : System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                        ? new String[] {"xdg-open", uri.toString()} : null;
        if (command == null) {
            return;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException ignored) {
            // no opener: the URL is printed
        }
    }
}
