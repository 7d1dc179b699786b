package minitorch.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * GloVe word vectors from a text file (gzip if the name ends in {@code .gz}): one word and its
 * numbers per line, separated by single spaces. The shared SST-2 subset is PARTIAL (about 85% of
 * tokens), so {@link #lookup} gives every unknown word the one shared small random vector the
 * original uses, {@code 0.1 * (rand - 0.5)} per dimension, drawn from the caller's seed.
 */
public final class Glove {
    public static final String SUBSET_FILE = "glove/glove.6B.50d.sst2-subset.PARTIAL.txt.gz";

    private final Map<String, double[]> vectors;
    private final int dimension;
    private final double[] unknown;

    private Glove(Map<String, double[]> vectors, int dimension, double[] unknown) {
        this.vectors = vectors;
        this.dimension = dimension;
        this.unknown = unknown;
    }

    /** The shared subset in a data directory (see {@link DataDirectory}). */
    public static Glove loadSubset(Path dataDir, long seed) {
        return load(DataDirectory.require(dataDir, SUBSET_FILE), seed);
    }

    /** Reads a GloVe file; every line must have the same number of values. */
    public static Glove load(Path file, long seed) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "a GloVe text file", "no such file");
        }
        Map<String, double[]> vectors = new HashMap<>();
        int dimension = -1;
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw,
                     StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(" ");
                if (dimension < 0) {
                    dimension = parts.length - 1;
                    if (dimension < 1) {
                        throw new DataFileException(file, "a word and its vector on line 1", "'" + Sst2.abbreviate(line) + "'");
                    }
                }
                if (parts.length - 1 != dimension) {
                    throw new DataFileException(file, dimension + " numbers after the word on line " + lineNumber,
                            (parts.length - 1) + " (truncated or malformed line)");
                }
                double[] vector = new double[dimension];
                for (int i = 0; i < dimension; i++) {
                    try {
                        vector[i] = Double.parseDouble(parts[i + 1]);
                    } catch (NumberFormatException e) {
                        throw new DataFileException(file, "a number on line " + lineNumber,
                                "'" + Sst2.abbreviate(parts[i + 1]) + "'", e);
                    }
                }
                vectors.put(parts[0], vector);
            }
        } catch (ZipException e) {
            throw new DataFileException(file, "gzip-compressed text", "data that is not gzip (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new DataFileException(file, "a complete gzip stream", "the end of the file (truncated)", e);
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, "UTF-8 text", "bytes that are not UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (vectors.isEmpty()) {
            throw new DataFileException(file, "at least one word vector", "an empty file");
        }
        Random random = new Random(seed);
        double[] unknown = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            unknown[i] = 0.1 * (random.nextDouble() - 0.5);
        }
        return new Glove(vectors, dimension, unknown);
    }

    /** Length of every vector (50 for the shared subset). */
    public int dimension() { return dimension; }

    /** Number of words with a pre-trained vector. */
    public int size() { return vectors.size(); }

    public boolean contains(String word) { return vectors.containsKey(word); }

    /** The word's vector, or the shared unknown-word vector; never copy-free, callers may not modify it. */
    public double[] lookup(String word) {
        double[] v = vectors.get(word);
        return v != null ? v : unknown;
    }

    /** The one vector all unknown words share. */
    public double[] unknownVector() { return unknown.clone(); }
}
