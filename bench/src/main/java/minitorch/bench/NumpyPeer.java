package minitorch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * NumPy through one long-lived {@code python3} process running numpy_peer.py: the harness sends a
 * request per line and NumPy times its own loop, so pipe latency never enters a measurement.
 * OpenBLAS's thread count is fixed when the process starts ({@code OPENBLAS_NUM_THREADS}).
 */
public final class NumpyPeer implements Peer {
    private final Process process;
    private final Writer toPython;
    private final BufferedReader fromPython;
    private final String info;

    private NumpyPeer(Process process) throws IOException {
        this.process = process;
        this.toPython = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.fromPython = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.info = request("{\"cmd\":\"info\"}");
    }

    /**
     * Starts the NumPy peer, or returns null with the reason written to {@code why[0]} when python3
     * or numpy is missing.
     */
    public static NumpyPeer start(String python, int threads, String[] why) {
        try {
            Path script = Files.createTempFile("minitorch-numpy-peer", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = NumpyPeer.class.getResourceAsStream("numpy_peer.py")) {
                Files.write(script, in.readAllBytes());
            }
            ProcessBuilder pb = new ProcessBuilder(python, "-u", script.toString());
            String n = Integer.toString(threads);
            pb.environment().put("OPENBLAS_NUM_THREADS", n);
            pb.environment().put("OMP_NUM_THREADS", n);
            pb.environment().put("MKL_NUM_THREADS", n);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            return new NumpyPeer(pb.start());
        } catch (IOException | RuntimeException e) {
            why[0] = "numpy unavailable (" + python + "): " + e.getMessage();
            return null;
        }
    }

    @Override
    public String name() {
        return "numpy";
    }

    /** numpy, BLAS and python versions, as the peer reported them. */
    public String info() {
        return info;
    }

    @Override
    public Prepared prepare(Workload w) throws IOException {
        String req = String.format(Locale.ROOT,
                "{\"cmd\":\"prepare\",\"kind\":\"%s\",\"op\":\"%s\",\"dtype\":\"%s\",\"a\":%s,\"b\":%s,\"dim\":%d}",
                w.kind(), w.op(), w.dtypeName(), Arrays.toString(w.shapeA()),
                w.shapeB() == null ? "null" : Arrays.toString(w.shapeB()), w.dim());
        request(req);
        return new Prepared() {
            @Override
            public double time(int reps) throws IOException {
                return number(request("{\"cmd\":\"time\",\"reps\":" + reps + "}"), "seconds");
            }

            @Override
            public double[] checksums() throws IOException {
                String reply = request("{\"cmd\":\"checksums\"}");
                Matcher m = Pattern.compile("\\[([^,\\]]+),\\s*([^\\]]+)]").matcher(reply);
                if (!m.find()) throw new IOException("numpy peer: bad checksums reply " + reply);
                return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
            }
        };
    }

    private String request(String json) throws IOException {
        toPython.write(json);
        toPython.write('\n');
        toPython.flush();
        String reply = fromPython.readLine();
        if (reply == null) {
            throw new IOException("numpy peer exited (code " + (process.isAlive() ? "?" : process.exitValue()) + ")");
        }
        Matcher error = Pattern.compile("\"error\":\\s*\"(.*)\"").matcher(reply);
        if (error.find()) throw new IOException("numpy: " + error.group(1));
        return reply;
    }

    private static double number(String reply, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(reply);
        if (!m.find()) throw new IOException("numpy peer: no " + key + " in " + reply);
        return Double.parseDouble(m.group(1));
    }

    /**
     * "numpy 2.4.6, scipy-openblas 0.3.31…, python 3.11.7, OpenBLAS kernel SkylakeX" from the info reply, and
     * a warning when OPENBLAS_CORETYPE forced that kernel: OpenBLAS is then not at its best on this CPU.
     */
    public String describe() {
        List<String> parts = Pattern.compile("\"(numpy|blas|python)\":\\s*\"([^\"]*)\"").matcher(info).results()
                .map(m -> m.group(1).equals("blas") ? m.group(2) : m.group(1) + " " + m.group(2))
                .collect(Collectors.toList());
        String kernel = field("kernel"), forced = field("coretype");
        parts.add("OpenBLAS kernel " + (kernel.isEmpty() ? "?" : kernel) + (forced.isEmpty() ? " (chosen for this CPU)"
                : " (forced by OPENBLAS_CORETYPE=" + forced + ": NumPy is not at its best; run with"
                + " `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE` to let OpenBLAS choose)"));
        return String.join(", ", parts);
    }

    private String field(String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*\"([^\"]*)\"").matcher(info);
        return m.find() ? m.group(1) : "";
    }

    @Override
    public void close() {
        try {
            toPython.close();
        } catch (IOException ignored) {
            // the process is going away anyway
        }
        process.destroy();
    }
}
