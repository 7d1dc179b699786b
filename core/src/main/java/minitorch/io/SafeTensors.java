package minitorch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import minitorch.data.DataFileException;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.tensor.DType;

/**
 * Named tensors in Hugging Face's safetensors format, so PyTorch ({@code safetensors.torch.load_file})
 * reads the same weights: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}},
 * padded with spaces to a multiple of 8), then each tensor's elements, row-major, little-endian.
 *
 * <p>{@link #write} is atomic: it writes a temporary file in the same directory, forces it to disk,
 * and renames it over the target, so a crash mid-write leaves the last good file untouched.
 */
public final class SafeTensors {
    private static final String METADATA = "__metadata__";

    private SafeTensors() {}

    /** What a file holds: tensors in file order, and the string metadata. */
    public record Contents(SequencedMap<String, TensorData> tensors, Map<String, String> metadata) {}

    /** Writes {@code tensors} (any layout; stored contiguous) and {@code metadata} atomically to {@code file}. */
    public static void write(Path file, SequencedMap<String, TensorData> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append(quote(METADATA)).append(":{");
            int i = 0;
            for (var e : metadata.entrySet()) {
                json.append(i++ == 0 ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            }
            json.append('}');
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("SafeTensors.write: '" + METADATA + "' is reserved, not a tensor name");
            }
            TensorData t = e.getValue();
            long bytes = (long) t.size() * DType.of(t.elementType()).byteSize();
            json.append(json.length() > 1 ? "," : "").append(quote(e.getKey())).append(":{\"dtype\":\"")
                    .append(code(DType.of(t.elementType()))).append("\",\"shape\":").append(java.util.Arrays.toString(t.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        writeAtomically(file, channel -> {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(header);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            writeAll(channel, head.flip());
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (TensorData t : tensors.values()) {
                Storage s = t.storage();
                int[] index = new int[t.dims()];
                int[] shape = t.shape(), strides = t.strides();
                for (int i = 0; i < t.size(); i++) {
                    if (chunk.remaining() < 8) {
                        writeAll(channel, chunk.flip());
                        chunk.clear();
                    }
                    TensorData.toIndex(i, shape, index);
                    double v = s.get(TensorData.indexToPosition(index, strides));
                    if (DType.of(t.elementType()) == DType.FLOAT32) {
                        chunk.putFloat((float) v);
                    } else {
                        chunk.putDouble(v);
                    }
                }
            }
            writeAll(channel, chunk.flip());
        });
    }

    /** Something that writes a whole file's bytes to a channel. */
    @FunctionalInterface
    public interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Runs {@code writer} on a temporary file beside {@code target}, forces it to disk, then renames it
     * over {@code target} in one step (and syncs the directory). If anything fails the temporary file
     * is deleted and {@code target} is exactly what it was.
     */
    public static void writeAtomically(Path target, ChannelWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(channel);
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; a leftover temporary file never replaces the target.
                }
            }
        }
    }

    /** Makes the rename itself durable; some platforms cannot open a directory, and then there is nothing to do. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not supported here (e.g. Windows); the file's own data was forced already.
        }
    }

    private static void writeAll(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads a file written by {@link #write} or by PyTorch's safetensors (F32 and F64 tensors). */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "a safetensors checkpoint", "no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < 8) {
            throw new DataFileException(file, "an 8-byte header length", bytes.length + " bytes (truncated)");
        }
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = all.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new DataFileException(file, "a JSON header of at most " + (bytes.length - 8) + " bytes",
                    "header length " + headerLength);
        }
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        Map<String, Object> json;
        try {
            json = new Json(header).object();
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file, "a JSON header", "malformed JSON (" + e.getMessage() + ")", e);
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        SequencedMap<String, TensorData> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (var e : json.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                if (e.getValue() instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                }
                continue;
            }
            String name = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> entry) || !(entry.get("dtype") instanceof String code)
                    || !(entry.get("shape") instanceof List<?> shapeList) || !(entry.get("data_offsets") instanceof List<?> offsets)
                    || offsets.size() != 2) {
                throw new DataFileException(file, "dtype, shape and data_offsets for tensor '" + name + "'", String.valueOf(e.getValue()));
            }
            DType dtype = switch (code) {
                case "F32" -> DType.FLOAT32;
                case "F64" -> DType.FLOAT64;
                default -> throw new DataFileException(file, "dtype F32 or F64 for tensor '" + name + "'", code);
            };
            if (shapeList.size() > TensorData.MAX_DIMS) {
                throw new DataFileException(file, "at most " + TensorData.MAX_DIMS + " dimensions for tensor '" + name + "'",
                        shapeList.size() + " dimensions");
            }
            int[] shape = new int[shapeList.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) natural(file, shapeList.get(i), "a dimension of at most " + Integer.MAX_VALUE + " in the shape of tensor '" + name + "'", Integer.MAX_VALUE);
                size *= shape[i];
                if (size > Integer.MAX_VALUE) {
                    throw new DataFileException(file, "at most " + Integer.MAX_VALUE + " elements in tensor '" + name + "'",
                            "shape " + shapeList);
                }
            }
            long begin = natural(file, offsets.get(0), "a non-negative start offset for tensor '" + name + "'", Long.MAX_VALUE);
            long end = natural(file, offsets.get(1), "a non-negative end offset for tensor '" + name + "'", Long.MAX_VALUE);
            long expected = size * dtype.byteSize();
            if (begin < 0 || end > dataLength || end - begin != expected) {
                throw new DataFileException(file, expected + " bytes within the " + dataLength + "-byte data for tensor '"
                        + name + "' " + java.util.Arrays.toString(shape), "data_offsets [" + begin + ", " + end + "]"
                        + (end > dataLength ? " (truncated file)" : ""));
            }
            TensorData t = TensorData.zeros(dtype.elementType(), shape);
            ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) expected).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                t.storage().set(i, dtype == DType.FLOAT32 ? data.getFloat() : data.getDouble());
            }
            tensors.put(name, t);
        }
        return new Contents(tensors, metadata);
    }

    /** A header number that must be an integer in [0, max]: anything else names the file and the value. */
    private static long natural(Path file, Object value, String expected, long max) {
        if (!(value instanceof Long n) || n < 0 || n > max) {
            throw new DataFileException(file, expected, String.valueOf(value));
        }
        return n;
    }

    private static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
        };
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Just enough JSON for a safetensors header: objects, arrays, strings, integers (and other numbers as double). */
    private static final class Json {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int i;
        private int depth;

        Json(String s) { this.s = s; }

        Map<String, Object> object() {
            Map<String, Object> result = objectAt();
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at " + i);
            }
            return result;
        }

        private Map<String, Object> objectAt() {
            enter();
            expect('{');
            Map<String, Object> m = new LinkedHashMap<>();
            skip();
            if (peek() == '}') { i++; depth--; return m; }
            while (true) {
                skip();
                String key = string();
                skip();
                expect(':');
                m.put(key, value());
                skip();
                char c = next();
                if (c == '}') { depth--; return m; }
                if (c != ',') { throw new IllegalArgumentException("expected ',' or '}' at " + (i - 1)); }
            }
        }

        private Object value() {
            skip();
            char c = peek();
            if (c == '{') { return objectAt(); }
            if (c == '"') { return string(); }
            if (c == '[') {
                enter();
                i++;
                List<Object> list = new ArrayList<>();
                skip();
                if (peek() == ']') { i++; depth--; return list; }
                while (true) {
                    list.add(value());
                    skip();
                    char d = next();
                    if (d == ']') { depth--; return list; }
                    if (d != ',') { throw new IllegalArgumentException("expected ',' or ']' at " + (i - 1)); }
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) { i++; }
            String number = s.substring(start, i);
            if (number.isEmpty()) { throw new IllegalArgumentException("unexpected '" + c + "' at " + start); }
            try {
                return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number '" + number + "' at " + start);
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') { return out.toString(); }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) { throw new IllegalArgumentException("unexpected end in \\u escape at " + i); }
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        /** Nesting deeper than any safetensors header would exhaust the stack: refuse it. */
        private void enter() {
            if (++depth > MAX_DEPTH) { throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH + " at " + i); }
        }

        private void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) { i++; } }

        private char peek() {
            if (i >= s.length()) { throw new IllegalArgumentException("unexpected end at " + i); }
            return s.charAt(i);
        }

        private char next() { char c = peek(); i++; return c; }

        private void expect(char c) {
            if (next() != c) { throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1)); }
        }
    }
}
