package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/tools/loop_stats.py}, which counts the instructions per step of the matmul loops that PERFORMANCE.md
 * compares (C2's through objdump, OpenBLAS's through perf annotate), on two small disassemblies of known loops.
 */
class LoopStatsTest {
    private static final Path SCRIPT = Path.of("tools/loop_stats.py");
    private static final Path LOOPS = Path.of("src/test/resources/loops");

    private record Run(int exit, String output) {
        String lastLine() { return output.strip().lines().reduce((a, b) -> b).orElse(""); }
    }

    private static Run run(Path input) throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "run from the bench module's folder, as Maven does");
        Process p;
        try {
            p = new ProcessBuilder(List.of("python3", SCRIPT.toString(), input.toString())).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no python3 here: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** objdump's Intel syntax: an outer loop around one step of a 6×2 tile; the inner loop is the one counted. */
    @Test
    void countsTheInnermostLoopOfAnObjdumpListing() throws Exception {
        Run r = run(LOOPS.resolve("objdump.txt"));
        assertEquals(0, r.exit(), r.output());
        assertEquals("23 instructions, 12 FMAs: 23.0 instructions per step of 12 FMAs (20.0 vector, 3.0 other)", r.lastLine());
    }

    /** perf annotate's AT&T syntax with a percent column: a loop unrolled twice counts per step, not per loop. */
    @Test
    void countsPerStepOfAnUnrolledLoopInPerfAnnotate() throws Exception {
        Run r = run(LOOPS.resolve("perf-annotate.txt"));
        assertEquals(0, r.exit(), r.output());
        assertEquals("44 instructions, 24 FMAs: 22.0 instructions per step of 12 FMAs (20.0 vector, 2.0 other)", r.lastLine());
    }

    @Test
    void saysSoWhenThereIsNoLoopWithAnFma(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path none = dir.resolve("none.txt");
        Files.writeString(none, "    1000:\t90                   \tnop\n    1001:\tc3                   \tret\n");
        Run r = run(none);
        assertTrue(r.exit() != 0 && r.output().contains("no loop with an FMA"), r.output());
    }
}
