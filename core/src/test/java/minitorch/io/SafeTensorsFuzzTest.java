package minitorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.testing.MutationFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader under the seeded mutation fuzzer (see {@link MutationFuzzer}). */
class SafeTensorsFuzzTest {
    @TempDir Path dir;

    @Test
    void read() throws IOException {
        var tensors = new LinkedHashMap<String, TensorData>();
        TensorData w = TensorData.zeros(ElementType.FLOAT32, 2, 3);
        for (int i = 0; i < w.size(); i++) {
            w.storage().set(i, i - 2.5);
        }
        tensors.put("layer.weight", w);
        tensors.put("layer.bias", TensorData.zeros(ElementType.FLOAT64, 3));
        tensors.put("empty", TensorData.zeros(ElementType.FLOAT32, 0, 4));
        Path valid = dir.resolve("valid.safetensors");
        SafeTensors.write(valid, tensors, Map.of("epoch", "3", "command", "mnist"));
        new MutationFuzzer("safetensors", List.of(Files.readAllBytes(valid)))
                .dictionary("{", "}", "[", "]", ",", ":", "\"", "\\u", "\"F32\"", "\"F64\"", "\"I64\"", "\"shape\"",
                        "\"data_offsets\"", "\"dtype\"", "\"__metadata__\"", "-1", "4294967296", "1e9", "0.5", "[[[[")
                .suffix(".safetensors")
                .run(dir, file -> {
                    for (TensorData t : SafeTensors.read(file).tensors().values()) {
                        assertEquals(t.size(), t.toDoubleArray().length);
                    }
                });
    }
}
