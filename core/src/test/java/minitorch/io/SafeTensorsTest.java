package minitorch.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;
import minitorch.data.DataFileException;
import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir Path dir;

    static TensorData filled(ElementType dtype, int... shape) {
        TensorData t = TensorData.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, i * 0.5 - 3.25);
        }
        return t;
    }

    @Test
    void roundTripKeepsNamesOrderShapesValuesAndMetadata() {
        SequencedMap<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("conv1.weights", filled(ElementType.FLOAT32, 4, 1, 3, 3));
        tensors.put("fc.bias", filled(ElementType.FLOAT64, 10));
        TensorData permuted = filled(ElementType.FLOAT32, 2, 3).permute(1, 0);
        tensors.put("permuted", permuted);
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, Map.of("epoch", "3", "note", "quote \" and \\"));
        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(java.util.List.of("conv1.weights", "fc.bias", "permuted"), java.util.List.copyOf(back.tensors().keySet()));
        for (var e : tensors.entrySet()) {
            TensorData got = back.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertEquals(e.getValue().elementType(), got.elementType(), e.getKey());
            assertArrayEquals(e.getValue().toDoubleArray(), got.toDoubleArray(), 0, e.getKey());
        }
        assertEquals("3", back.metadata().get("epoch"));
        assertEquals("quote \" and \\", back.metadata().get("note"));
    }

    @Test
    void layoutIsTheSafetensorsSpec() throws IOException {
        SequencedMap<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("w", filled(ElementType.FLOAT32, 2));
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, tensors, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertEquals("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header);
        assertEquals(8 + n + 8, bytes.length);
        b.position(8 + (int) n);
        assertEquals(-3.25f, b.getFloat());
        assertEquals(-2.75f, b.getFloat());
    }

    /** A storage that fails part-way through being read, standing in for a crash mid-write. */
    record FailingStorage(int failAt) implements Storage {
        @Override public ElementType elementType() { return ElementType.FLOAT64; }
        @Override public int size() { return 100_000; }
        @Override public double get(int position) {
            if (position == failAt) {
                throw new IllegalStateException("simulated crash while writing");
            }
            return position;
        }
        @Override public void set(int position, double value) { throw new UnsupportedOperationException(); }
    }

    @Test
    void aCrashMidWriteLeavesTheLastGoodCheckpointAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        SequencedMap<String, TensorData> good = new LinkedHashMap<>();
        good.put("w", filled(ElementType.FLOAT64, 3, 3));
        SafeTensors.write(file, good, Map.of("epoch", "1"));
        byte[] before = Files.readAllBytes(file);

        SequencedMap<String, TensorData> bad = new LinkedHashMap<>();
        bad.put("w", filled(ElementType.FLOAT64, 3, 3));
        bad.put("big", TensorData.contiguous(new FailingStorage(90_000), 100_000));
        assertThrows(IllegalStateException.class, () -> SafeTensors.write(file, bad, Map.of("epoch", "2")));

        assertArrayEquals(before, Files.readAllBytes(file), "the last good checkpoint is untouched");
        assertEquals("1", SafeTensors.read(file).metadata().get("epoch"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void writeIntoMissingDirectoryCreatesIt() {
        Path file = dir.resolve("a/b/c.safetensors");
        SequencedMap<String, TensorData> t = new LinkedHashMap<>();
        t.put("x", filled(ElementType.FLOAT32, 1));
        SafeTensors.write(file, t, Map.of());
        assertTrue(Files.exists(file));
    }

    @Test
    void truncatedAndMalformedFilesAreNamed() throws IOException {
        SequencedMap<String, TensorData> t = new LinkedHashMap<>();
        t.put("x", filled(ElementType.FLOAT64, 16));
        Path file = dir.resolve("x.safetensors");
        SafeTensors.write(file, t, Map.of());
        byte[] bytes = Files.readAllBytes(file);

        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        DataFileException e = assertThrows(DataFileException.class, () -> SafeTensors.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertTrue(assertThrows(DataFileException.class, () -> SafeTensors.read(tiny)).getMessage().contains("truncated"));

        Path garbage = dir.resolve("garbage.safetensors");
        byte[] g = bytes.clone();
        g[9] = '#';
        Files.write(garbage, g);
        assertTrue(assertThrows(DataFileException.class, () -> SafeTensors.read(garbage)).getMessage().contains("malformed JSON"));

        Path huge = dir.resolve("huge.safetensors");
        byte[] h = bytes.clone();
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Files.write(huge, h);
        assertTrue(assertThrows(DataFileException.class, () -> SafeTensors.read(huge)).getMessage().contains("header length"));

        assertTrue(assertThrows(DataFileException.class, () -> SafeTensors.read(dir.resolve("none")))
                .getMessage().contains("no such file"));
        assertInstanceOf(IllegalArgumentException.class, e);
    }
}
