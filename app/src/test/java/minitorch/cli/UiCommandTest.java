package minitorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class UiCommandTest {

    @Test
    void helpShowsTheFlags() {
        MainTest.Run r = MainTest.run("ui", "--help");
        assertEquals(0, r.code());
        for (String flag : new String[] {"--port", "--host", "--no-browser", "--data"}) {
            assertTrue(r.out().contains(flag), flag + " missing from\n" + r.out());
        }
        assertTrue(MainTest.run("--help").out().contains("ui "), "ui listed among the commands");
    }

    @Test
    void aBadPortIsOneLineAndExit2() {
        MainTest.Run r = MainTest.run("ui", "--port", "70000", "--no-browser");
        assertEquals(2, r.code());
        assertEquals("minitorch: --port must be 0 to 65535, got 70000 (see 'minitorch ui --help')", r.err().strip());
    }

    @Test
    void anAddressItCannotServeOnIsOneLineAndExit1() {
        MainTest.Run r = MainTest.run("ui", "--host", "no.such.host.invalid", "--no-browser");
        assertEquals(1, r.code());
        assertEquals("minitorch: cannot serve on no.such.host.invalid:8080: Unresolved address", r.err().strip());
    }

    /** Starts, prints the URL, serves the page, and stops cleanly when asked (as Ctrl-C asks). */
    @Test
    void servesUntilStopped() throws Exception {
        UiCommand command = new UiCommand();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0", "--no-browser"));
        Pattern url = Pattern.compile("MiniTorch sandbox at (http://127\\.0\\.0\\.1:\\d+/)");
        Matcher m = url.matcher("");
        for (int i = 0; i < 200 && !(m = url.matcher(out.toString())).find(); i++) {
            Thread.sleep(50);
        }
        assertTrue(m.find(0), out.toString());
        URI uri = URI.create(m.group(1));
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(200, http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        command.stop.countDown();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(out.toString().contains("MiniTorch sandbox stopped."), out.toString());
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
