package minitorch.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the real data sets live: {@code --data DIR} if given, else {@code $MINITORCH_DATA}, else
 * {@code ~/.minitorch/data}. Inside it: {@code mnist/}, {@code sst2/}, {@code glove/}.
 */
public final class DataDirectory {
    /** The environment variable that names the data directory. */
    public static final String ENV = "MINITORCH_DATA";

    private DataDirectory() {}

    /** The data directory for an explicit choice (may be null) and the process environment. */
    public static Path resolve(String explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("user.home"));
    }

    /** Resolution with the environment and home passed in, so tests can check each rule. */
    static Path resolve(String explicit, Map<String, String> env, String home) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(home, ".minitorch", "data");
    }

    /**
     * {@code dir/relative}, which must be a readable file; otherwise an error that says which file
     * was looked for and how the directory was chosen.
     */
    public static Path require(Path dir, String relative) {
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "a data file (data directory from --data, else $" + ENV
                    + ", else ~/.minitorch/data)", Files.exists(file) ? "something that is not a regular file"
                    : "no such file");
        }
        return file;
    }
}
