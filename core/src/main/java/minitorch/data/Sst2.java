package minitorch.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SST-2 sentiment sentences, GLUE's TSV layout: a header {@code sentence<TAB>label}, then one
 * already-tokenized, lower-cased sentence per line with label 0 (negative) or 1 (positive). No
 * quoting, so this is split on the last tab, never parsed as CSV.
 */
public final class Sst2 {
    public static final String TRAIN_FILE = "sst2/train.tsv";
    public static final String DEV_FILE = "sst2/dev.tsv";

    /** One labelled sentence: its tokens (split on spaces) and 0 or 1. */
    public record Example(List<String> tokens, int label) {
        public Example {
            tokens = List.copyOf(tokens);
        }
    }

    private Sst2() {}

    /** The training split (67,349 sentences in the real file). */
    public static List<Example> train(Path dataDir) { return load(DataDirectory.require(dataDir, TRAIN_FILE)); }

    /** The validation split (872 sentences). */
    public static List<Example> dev(Path dataDir) { return load(DataDirectory.require(dataDir, DEV_FILE)); }

    /** Reads one TSV file. */
    public static List<Example> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "an SST-2 TSV file", "no such file");
        }
        List<Example> examples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new DataFileException(file, "the header 'sentence<TAB>label'", "an empty file");
            }
            if (!header.strip().equals("sentence\tlabel")) {
                throw new DataFileException(file, "the header 'sentence<TAB>label'", "'" + abbreviate(header) + "'");
            }
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new DataFileException(file, "'sentence<TAB>label' on line " + lineNumber,
                            "no tab in '" + abbreviate(line) + "'");
                }
                String label = line.substring(tab + 1).strip();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new DataFileException(file, "label 0 or 1 on line " + lineNumber, "'" + abbreviate(label) + "'");
                }
                String sentence = line.substring(0, tab).strip();
                List<String> tokens = sentence.isEmpty() ? List.of() : List.of(sentence.split(" +"));
                examples.add(new Example(tokens, label.charAt(0) - '0'));
            }
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, "UTF-8 text", "bytes that are not UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return examples;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
