package minitorch.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The visual sandbox's web server: the page (plain HTML, JavaScript and CSS from this jar's resources),
 * a JSON answer per sandbox computation, and an event stream per training run. One virtual thread per
 * request, so a long training run never holds up another page.
 *
 * <p>Every failure is an answer, never a dead server: a bad parameter is a 400 with a one-line message
 * (as JSON {@code {"error": ...}}), an unknown path a 404, anything unexpected a 500 with one line.
 */
public final class UiServer implements AutoCloseable {

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private final HttpServer server;
    private final ExecutorService threads;
    private final TrainingRuns runs = new TrainingRuns();
    private final NetworkPages networks;

    private UiServer(HttpServer server, ExecutorService threads, Path dataDir) {
        this.server = server;
        this.threads = threads;
        this.networks = new NetworkPages(dataDir);
    }

    /**
     * Starts serving on {@code host}; on {@code port}, or on a free port when {@code port} is 0 or taken.
     *
     * @param dataDir where the Module 4 pages look for MNIST and SST-2
     */
    public static UiServer start(String host, int port, Path dataDir) throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException taken) {
            http = HttpServer.create(new InetSocketAddress(host, 0), 0);
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(threads);
        UiServer ui = new UiServer(http, threads, dataDir);
        ui.routes();
        http.start();
        return ui;
    }

    /** The page's address, e.g. http://127.0.0.1:8080/. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Stops every training run and the server. */
    @Override
    public void close() {
        runs.stopAll();
        server.stop(0);
        threads.shutdownNow();
    }

    private void routes() {
        server.createContext("/", this::staticFile);
        json("/api/info", q -> info());
        json("/api/operators", MathPages::functions);
        json("/api/math", MathPages::math);
        json("/api/scalar", MathPages::scalar);
        json("/api/autodiff", AutodiffPages::scalar);
        json("/api/autograd", AutodiffPages::tensor);
        json("/api/tensor", TensorPage::tensor);
        json("/api/module", ModulePages::module);
        json("/api/dataset", ModulePages::points);
        json("/api/manual", ModulePages::manual);
        json("/api/mnist/samples", networks::mnistSamples);
        json("/api/sentiment/samples", networks::sentimentSamples);
        json("/api/train/check", TrainingRuns.Settings::of);
        json("/api/mnist/check", NetworkPages.MnistSettings::of);
        json("/api/mnist/stop", networks::stopMnist);
        json("/api/mnist/features", networks::features);
        json("/api/sentiment/check", NetworkPages.SentimentSettings::of);
        json("/api/sentiment/stop", networks::stopSentiment);
        json("/api/train/stop", q -> {
            runs.stop(q.string("run"));
            return Map.of("stopped", q.string("run"));
        });
        server.createContext("/api/train/stream", ex -> handle(ex, () -> {
            TrainingRuns.Settings s = TrainingRuns.Settings.of(Query.of(ex.getRequestURI()));
            TrainingRuns.Events events = eventStream(ex);
            onPlatformThread(() -> runs.train(s, events));
        }));
        server.createContext("/api/mnist/train", ex -> handle(ex, () -> {
            NetworkPages.MnistSettings s = NetworkPages.MnistSettings.of(Query.of(ex.getRequestURI()));
            TrainingRuns.Events events = eventStream(ex);
            onPlatformThread(() -> networks.trainMnist(s, events));
        }));
        server.createContext("/api/sentiment/train", ex -> handle(ex, () -> {
            NetworkPages.SentimentSettings s = NetworkPages.SentimentSettings.of(Query.of(ex.getRequestURI()));
            TrainingRuns.Events events = eventStream(ex);
            onPlatformThread(() -> networks.trainSentiment(s, events));
        }));
    }

    private Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("datasets", java.util.Arrays.stream(minitorch.data.Datasets.values()).map(d -> d.displayName()).toList());
        out.put("models", java.util.Arrays.stream(minitorch.train.Model.values()).map(m -> Map.of(
                "name", m.cliName(), "script", m.script(), "defaults", m.defaults())).toList());
        out.put("backends", List.of("simple", "fast"));
        out.put("dataDir", networks.dataDir().toString());
        return out;
    }

    /** A GET route answering JSON. */
    private void json(String path, Function<Query, Object> answer) {
        server.createContext(path, ex -> handle(ex, () -> {
            if (!ex.getRequestURI().getPath().equals(path)) {
                throw new TrainingRuns.NotFound("no such page: " + ex.getRequestURI().getPath());
            }
            send(ex, 200, "application/json", Json.write(answer.apply(Query.of(ex.getRequestURI()))));
        }));
    }

    private interface Work {
        void run() throws IOException;
    }

    /**
     * Runs a training on a platform thread of its own and waits for it. Training computes without blocking,
     * so on a virtual thread it would hold one of the few carrier threads (one per core) and starve the
     * virtual threads of every other request, Stop included.
     */
    private static void onPlatformThread(Work training) throws IOException {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("minitorch-ui-training").daemon().start(() -> {
            try {
                training.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) { // the server is closing: its runs have been told to stop
            Thread.currentThread().interrupt();
            return;
        }
        switch (failure.get()) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable e -> throw new IllegalStateException(e);
        }
    }

    /** Runs one request and turns any failure into an answer (or, mid-stream, an error event). */
    private void handle(HttpExchange ex, Work work) {
        try (ex) {
            try {
                work.run();
            } catch (TrainingRuns.NotFound e) {
                fail(ex, 404, e.getMessage());
            } catch (IllegalArgumentException e) {
                fail(ex, 400, e.getMessage());
            } catch (ClientGone e) {
                // the page went away: nothing to answer
            } catch (RuntimeException | IOException | Error e) {
                System.err.println("minitorch ui: " + ex.getRequestURI().getPath() + ": " + e);
                fail(ex, 500, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } catch (IOException e) {
            // the page went away while we answered
        }
    }

    private static void fail(HttpExchange ex, int status, String message) throws IOException {
        String line = message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        if (ex.getResponseCode() == -1) {
            send(ex, status, "application/json", Json.write(Map.of("error", line)));
        } else { // an event stream has begun: report it there
            try {
                writeEvent(ex.getResponseBody(), "failure", Map.of("error", line, "status", status));
            } catch (IOException ignored) {
                // the page went away
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        send(ex, status, type, bytes);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts a Server-Sent Events answer; its events fail with {@link ClientGone} once the page has gone. */
    private static TrainingRuns.Events eventStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        return (event, data) -> {
            try {
                writeEvent(out, event, data);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        };
    }

    private static void writeEvent(OutputStream out, String event, Object data) throws IOException {
        out.write(("event: " + event + "\ndata: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The page closed its event stream (Stop by closing the tab): the run ends quietly. */
    static final class ClientGone extends IOException {
        ClientGone(IOException cause) { super(cause); }
    }

    private void staticFile(HttpExchange ex) {
        handle(ex, () -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/")) {
                path = "/index.html";
            }
            String name = path.substring(1);
            int dot = name.lastIndexOf('.');
            String type = dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1));
            if (type == null || name.contains("..") || name.contains("/")) {
                throw new TrainingRuns.NotFound("no such page: " + path);
            }
            try (InputStream in = UiServer.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new TrainingRuns.NotFound("no such page: " + path);
                }
                send(ex, 200, type, in.readAllBytes());
            }
        });
    }
}
