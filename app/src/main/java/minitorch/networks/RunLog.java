package minitorch.networks;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Progress lines to the screen and, when a file is given, appended to that log file as well. */
public final class RunLog implements AutoCloseable {
    private final PrintWriter screen;
    private final Writer file;

    public RunLog(PrintWriter screen, Path logFile) {
        this.screen = screen;
        if (logFile == null) {
            this.file = null;
            return;
        }
        try {
            Path dir = logFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + logFile + ": " + e.getMessage(), e);
        }
    }

    public void println(String line) {
        screen.println(line);
        screen.flush();
        if (file != null) {
            try {
                file.write(line);
                file.write(System.lineSeparator());
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the log file: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // Everything was flushed line by line already.
            }
        }
    }
}
