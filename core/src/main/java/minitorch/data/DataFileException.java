package minitorch.data;

import java.nio.file.Path;

/**
 * A data file that is missing, truncated or malformed. The message names the file, what was
 * expected and what was found, so the command line can print it as one readable line.
 */
public final class DataFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataFileException(Path file, String expected, String found) {
        super(file + ": expected " + expected + ", found " + found);
    }

    public DataFileException(Path file, String expected, String found, Throwable cause) {
        super(file + ": expected " + expected + ", found " + found, cause);
    }
}
