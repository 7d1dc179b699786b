package minitorch.io;

import static minitorch.testing.BadInput.rejects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import minitorch.data.DataFileException;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Bad safetensors files: each is a DataFileException naming the file, what was expected and what was found. */
class SafeTensorsBadInputsTest {
    @TempDir Path dir;

    /** A file of the 8-byte little-endian header length, the header, and {@code dataBytes} zero bytes. */
    Path file(String name, long headerLength, String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(json);
        try {
            return Files.write(dir.resolve(name), b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name, String header, int dataBytes) {
        return file(name, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    static String tensor(String dtype, String shape, String offsets) {
        return "{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
    }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return BadInput.run(List.of(
                rejects("file missing", DataFileException.class, () -> SafeTensors.read(dir.resolve("none.st")), "none.st", "no such file"),
                rejects("file shorter than the length field", DataFileException.class, () -> {
                    try {
                        SafeTensors.read(Files.write(dir.resolve("tiny.st"), new byte[] {1, 2, 3}));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "tiny.st", "3 bytes"),
                rejects("header length past the end", DataFileException.class,
                        () -> SafeTensors.read(file("long.st", 1000, "{}", 0)), "long.st", "header length 1000"),
                rejects("negative header length", DataFileException.class,
                        () -> SafeTensors.read(file("neg.st", -5, "{}", 0)), "neg.st", "header length -5"),
                rejects("header that is not JSON", DataFileException.class,
                        () -> SafeTensors.read(file("json.st", "{\"w\" 1}", 0)), "json.st", "malformed JSON"),
                rejects("header nested a thousand deep", DataFileException.class,
                        () -> SafeTensors.read(file("deep.st", "{\"m\":" + "[".repeat(1000) + "]".repeat(1000) + "}", 0)),
                        "deep.st", "malformed JSON", "nesting"),
                rejects("header with a cut \\u escape", DataFileException.class,
                        () -> SafeTensors.read(file("escape.st", "{\"\\u00", 0)), "escape.st", "malformed JSON"),
                rejects("tensor entry without data_offsets", DataFileException.class,
                        () -> SafeTensors.read(file("keys.st", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)), "keys.st", "tensor 'w'"),
                rejects("dtype this library does not read", DataFileException.class,
                        () -> SafeTensors.read(file("i64.st", tensor("I64", "[1]", "[0,8]"), 8)), "i64.st", "F32 or F64", "I64"),
                rejects("shape entry that is a string", DataFileException.class,
                        () -> SafeTensors.read(file("str.st", tensor("F32", "[\"2\"]", "[0,8]"), 8)), "str.st", "shape of tensor 'w'", "2"),
                rejects("shape entry that is a fraction", DataFileException.class,
                        () -> SafeTensors.read(file("frac.st", tensor("F32", "[1.5]", "[0,4]"), 4)), "frac.st", "1.5"),
                rejects("negative shape entry", DataFileException.class,
                        () -> SafeTensors.read(file("negshape.st", tensor("F32", "[-1]", "[0,0]"), 0)), "negshape.st", "-1"),
                rejects("shape entry beyond an int", DataFileException.class,
                        () -> SafeTensors.read(file("big.st", tensor("F32", "[4294967298]", "[0,8]"), 8)), "big.st", "4294967298"),
                rejects("shape of more than 2^31 - 1 elements", DataFileException.class,
                        () -> SafeTensors.read(file("many.st", tensor("F32", "[65536,65536]", "[0,4]"), 4)), "many.st", "[65536, 65536]"),
                rejects("offset that is not a number", DataFileException.class,
                        () -> SafeTensors.read(file("off.st", tensor("F32", "[1]", "[\"0\",4]"), 4)), "off.st", "start offset", "0"),
                rejects("offsets that do not match the shape", DataFileException.class,
                        () -> SafeTensors.read(file("size.st", tensor("F32", "[2]", "[0,4]"), 8)), "size.st", "8 bytes", "[0, 4]"),
                rejects("offsets past the end of the file", DataFileException.class,
                        () -> SafeTensors.read(file("cut.st", tensor("F64", "[2]", "[0,16]"), 8)), "cut.st", "[0, 16]", "truncated"),
                rejects("negative start offset", DataFileException.class,
                        () -> SafeTensors.read(file("negoff.st", tensor("F32", "[1]", "[-4,0]"), 4)), "negoff.st", "-4")));
    }
}
