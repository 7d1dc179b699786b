package minitorch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's JSON and event-stream answers, over real HTTP. */
class UiServerTest {
    static UiServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@TempDir Path noData) throws Exception {
        server = UiServer.start("127.0.0.1", 0, noData);
    }

    @AfterAll
    static void stop() { server.close(); }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Test
    void thePageAndItsScriptsAreServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"app.js\"></script>"));
        assertEquals("text/javascript; charset=utf-8", get("/app.js").headers().firstValue("Content-Type").orElseThrow());
        assertEquals(200, get("/charts.js").statusCode());
        assertEquals(200, get("/style.css").statusCode());
    }

    @Test
    void autodiffOfTheDefaultExpression() throws Exception {
        HttpResponse<String> r = get("/api/autodiff?expr=" + enc("(x * x) * y + 10.0 * x") + "&x=2&y=3");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\"value\":32,"), r.body());
        assertTrue(r.body().contains("{\"name\":\"x\",\"value\":2,\"derivative\":22,\"used\":true}"), r.body());
        assertTrue(r.body().contains("{\"name\":\"y\",\"value\":3,\"derivative\":4,\"used\":true}"), r.body());
        assertTrue(r.body().contains("\"label\":\"Add (Op 4)\""), r.body());
    }

    @Test
    void tensorAutogradOfTheDefaultExpression() throws Exception {
        // (x * x) * y + 10 x.sum() with x = y = [[1, 2, 3]], seeded with ones: dx = 2xy + 10 * 3, dy = x^2
        HttpResponse<String> r = get("/api/autograd?expr=" + enc("(x * x) * y + 10.0 * x.sum()"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("[32.00 38.00 48.00]"), r.body());
        assertTrue(r.body().contains("[1.00 4.00 9.00]"), r.body());
        assertTrue(r.body().contains("\"label\":\"Sum (Op"), r.body());
    }

    @Test
    void tensorStridesIndexAndPermute() throws Exception {
        HttpResponse<String> r = get("/api/tensor?shape=2,2,2&index=1,0,1&ordinal=6&order=2,0,1");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"strides\":[4,2,1]"), r.body());
        assertTrue(r.body().contains("\"position\":5"), r.body());
        assertTrue(r.body().contains("\"index\":[1,1,0]"), r.body()); // toIndex(6, [2,2,2])
        assertTrue(r.body().contains("\"strides\":[1,4,2],\"contiguous\":false"), r.body());
    }

    @Test
    void badParametersAre400sWithOneLineAndTheServerKeepsServing() throws Exception {
        assertError(400, "/api/autodiff?expr=" + enc("(x *"), "column 5: the expression ends where");
        assertError(400, "/api/autodiff?expr=", "empty expression");
        assertError(400, "/api/train/check?hidden=-3", "hidden must be between 1 and 200, got -3");
        assertError(400, "/api/train/check?dataset=moons", "unknown data set 'moons'");
        assertError(400, "/api/train/check?rate=abc", "rate must be a finite number, got 'abc'");
        assertError(400, "/api/train/check?model=tensor&backend=tpu", "unknown backend 'tpu'");
        assertError(400, "/api/train/stream?pts=0", "pts must be between 1 and 150, got 0");
        assertError(400, "/api/tensor?shape=2,2&storage=1,2,3", "storage of 3 elements does not match shape [2, 2]");
        assertError(400, "/api/tensor?shape=2,2&index=2,0", "index [2, 0] out of range for shape [2, 2]");
        assertError(400, "/api/tensor?shape=2,2&order=0,0", "permute: order [0, 0] is not a permutation");
        assertError(400, "/api/math?fn=tan", "unknown operator 'tan'");
        assertError(400, "/api/math?fn=sigmoid&lo=3&hi=1", "lo < hi");
        assertError(400, "/api/module?model=gpt", "unknown model 'gpt'");
        assertError(404, "/api/train/stop?run=run-999", "no run 'run-999' is training");
        assertError(404, "/missing.html", "no such page");
        assertEquals(200, get("/api/autodiff?expr=x").statusCode());
    }

    private static void assertError(int status, String path, String message) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertTrue(r.body().startsWith("{\"error\":\"") && r.body().contains(message), path + ": " + r.body());
        assertTrue(!r.body().contains("\\n") && !r.body().contains("at minitorch."), "one line, no stack trace: " + r.body());
    }

    @Test
    void moduleFourPagesNameTheMissingFile() throws Exception {
        HttpResponse<String> r = get("/api/mnist/samples");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"missing\"") && r.body().contains("t10k-images-idx3-ubyte.gz"), r.body());
        HttpResponse<String> s = get("/api/sentiment/samples");
        assertTrue(s.body().contains("\"missing\"") && s.body().contains("train.tsv"), s.body());
    }

    /** A run streams epochs with falling loss, and a Stop from elsewhere ends it early. */
    @Test
    void aTrainingRunStreamsAndStops() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(
                "/api/train/stream?model=tensor&dataset=xor&hidden=10&rate=0.5&epochs=100000")).build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        Pattern loss = Pattern.compile("\"loss\":([0-9.Ee-]+)");
        List<Double> losses = new ArrayList<>();
        String run = null;
        String done = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    if (event.equals("start")) {
                        Matcher m = Pattern.compile("\"run\":\"([^\"]+)\"").matcher(line);
                        assertTrue(m.find());
                        run = m.group(1);
                    } else if (event.equals("epoch")) {
                        Matcher m = loss.matcher(line);
                        while (m.find()) {
                            losses.add(Double.parseDouble(m.group(1)));
                        }
                        if (losses.size() >= 150 && done == null) {
                            assertEquals(200, get("/api/train/stop?run=" + run).statusCode());
                            done = "asked";
                        }
                    } else if (event.equals("done")) {
                        done = line;
                        break;
                    }
                }
            }
        }
        assertTrue(done != null && done.contains("\"stopped\":true"), String.valueOf(done));
        assertTrue(losses.size() < 100000, "the run ended early");
        assertTrue(losses.getLast() < losses.getFirst(), "loss fell from " + losses.getFirst() + " to " + losses.getLast());
        assertEquals(404, get("/api/train/stop?run=" + run).statusCode(), "a finished run is gone");
    }

    /** Two tabs train at once: each stream has its own run; stopping one leaves the other training. */
    @Test
    void twoRunsAtOnceAreIndependent() throws Exception {
        String path = "/api/train/stream?model=tensor&dataset=simple&hidden=4&epochs=100000";
        BufferedReader a = open(path);
        BufferedReader b = open(path);
        String runA = nextRun(a);
        String runB = nextRun(b);
        assertTrue(!runA.equals(runB), runA + " and " + runB);
        // other pages answer while both train (training once held every carrier thread of the virtual threads,
        // and this request waited some 45 s, until a stalled stream parked a run)
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/autodiff?expr=x"))
                .timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals(200, get("/api/train/stop?run=" + runA).statusCode());
        assertTrue(until(a, "event: done"), "run A ended");
        // B still sends epochs after A has finished, then stops on its own Stop
        assertTrue(until(b, "event: epoch"));
        assertTrue(until(b, "event: epoch"));
        assertEquals(200, get("/api/train/stop?run=" + runB).statusCode());
        assertTrue(until(b, "event: done"), "run B ended");
        a.close();
        b.close();
    }

    private static BufferedReader open(String path) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    private static String nextRun(BufferedReader in) throws Exception {
        Pattern run = Pattern.compile("\"run\":\"([^\"]+)\"");
        for (String line; (line = in.readLine()) != null; ) {
            Matcher m = run.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no run id in the stream");
    }

    private static boolean until(BufferedReader in, String wanted) throws Exception {
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
