package minitorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: help, version, training output, and one-line errors. */
class MainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: minitorch"), r.out());
        assertTrue(r.out().contains("train"), r.out());
        Run t = run("train", "--help");
        assertEquals(0, t.code());
        for (String flag : List.of("--dataset", "--pts", "--hidden", "--rate", "--epochs", "--seed", "--model",
                "--backend", "--plot")) {
            assertTrue(t.out().contains(flag), flag + " missing from\n" + t.out());
        }
        assertTrue(t.out().contains("scalar  run_scalar.py       pts 50, hidden 2, rate 0.5, 500 epochs"), t.out());
        assertTrue(r.out().matches("(?s).*\\btrain +Trains a classifier on a built-in 2-D data set\\..*"), r.out());
    }

    @Test
    void versionNamesTheProgramAndJava() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("minitorch "), r.out());
        assertTrue(r.out().contains("Java " + Runtime.version().feature()), r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: minitorch"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "train --dataset moons|unknown data set 'moons': expected one of simple, diag, split, xor, circle, spiral",
        "train --hidden 0|--hidden must be at least 1, got 0",
        "train --rate 0|--rate must be a positive number, got 0.0",
        "train --rate -0.5|--rate must be a positive number, got -0.5",
        "train --pts 0|--pts must be at least 1, got 0",
        "train --epochs 0|--epochs must be at least 1, got 0",
        "train --model quantum|unknown model 'quantum': expected one of scalar, tensor, fast",
        "train --model tensor --backend tpu|unknown backend 'tpu'",
        "train --model scalar --backend fast|--backend applies to the tensor and fast models",
        "train --pts many|Invalid value for option '--pts': 'many' is not an int",
        "train --plot out.jpg|--plot must name a .png file",
        "train --frobnicate|Unknown option: '--frobnicate'",
        "fly|Unmatched argument at index 0: 'fly'",
    })
    void badFlagsGiveOneClearLineAndAUsageExit(String spec) {
        String[] parts = spec.split("\\|");
        Run r = run(parts[0].split(" "));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, "one line, no stack trace:\n" + r.err());
        assertTrue(lines[0].startsWith("minitorch: "), lines[0]);
        assertTrue(lines[0].contains(parts[1]), lines[0]);
        assertTrue(lines[0].endsWith("--help')"), lines[0]);
    }

    @Test
    void aFailureWhileRunningIsOneLineWithExitCodeOne(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Run r = run("train", "--epochs", "1", "--pts", "4", "--plot", notADirectory.resolve("plot.png").toString());
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("minitorch: cannot write plot "), lines[0]);
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static final Pattern LOG = Pattern.compile("Epoch  (\\d+)  loss  (\\S+) correct (\\d+)  time per epoch \\d+\\.\\d{4}s");
    private static final Pattern DONE = Pattern.compile("Done (\\w+): (\\d+)/(\\d+) correct after (\\d+) epochs");

    @Test
    void trainPrintsTheOriginalsLogLineEveryTenEpochsAndASummary() {
        Run r = run("train", "--dataset", "DIAG", "--epochs", "25", "--pts", "20", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Training model scalar, Diag, 20 points, hidden 2, rate 0.5, 25 epochs, seed 3", lines.get(0));
        List<Integer> logged = lines.stream().map(LOG::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertEquals(List.of(10, 20, 25), logged, r.out());
        Matcher done = DONE.matcher(lines.getLast());
        assertTrue(done.find(), lines.getLast());
        assertEquals("Diag", done.group(1));
        assertEquals("20", done.group(3));
        assertEquals("25", done.group(4));
        // Same seed, same run: the log (without timings) is reproducible.
        Run again = run("train", "--dataset", "diag", "--epochs", "25", "--pts", "20", "--seed", "3");
        assertEquals(withoutTimes(r.out()), withoutTimes(again.out()));
    }

    private static String withoutTimes(String out) {
        return out.replaceAll("time per epoch \\S+", "").replaceAll(", [0-9.]+s \\([0-9.]+s per epoch\\)", "");
    }

    /** The acceptance bar of the original's Task 1.5, with the default settings and seed. */
    @ParameterizedTest
    @ValueSource(strings = {"simple", "diag", "split", "xor"})
    void scalarModelWithTheDefaultsReaches45Of50(String dataset) {
        Run r = run("train", "--dataset", dataset);
        assertEquals(0, r.code(), r.err());
        Matcher done = DONE.matcher(r.out());
        assertTrue(done.find(), r.out());
        assertEquals("50", done.group(3));
        assertEquals("500", done.group(4));
        int correct = Integer.parseInt(done.group(2));
        assertTrue(correct >= 45, dataset + ": only " + correct + "/50\n" + r.out());
    }

    @Test
    void allTrainsEachDataSetAndPlotWritesOnePngEach(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("runs/scalar.png");
        Run r = run("train", "--dataset", "all", "--epochs", "2", "--pts", "12", "--hidden", "3", "--plot", plot.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Summary:"), r.out());
        for (String name : List.of("simple", "diag", "split", "xor", "circle", "spiral")) {
            Path file = dir.resolve("runs/scalar-" + name + ".png");
            assertTrue(Files.isRegularFile(file), file + " missing\n" + r.out());
            var image = ImageIO.read(file.toFile());
            assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 500,
                    "boundary and loss side by side: " + image.getWidth() + "x" + image.getHeight());
        }
    }
}
