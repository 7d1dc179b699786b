package minitorch.networks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import minitorch.backend.Backend;
import minitorch.io.SafeTensors;
import minitorch.layout.TensorData;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.optim.Adam;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * A training checkpoint as one safetensors file: every parameter under its module path
 * ({@code conv1.weights}, PyTorch can load them by name), Adam's moments under {@code adam.m.*} and
 * {@code adam.v.*}, and the progress (epoch, steps) as string metadata. Written atomically.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static void save(Path file, Module model, Adam adam, Map<String, String> metadata) {
        SequencedMap<String, TensorData> tensors = new LinkedHashMap<>();
        SequencedMap<String, Parameter<?>> params = model.namedParameters();
        int i = 0;
        for (var e : params.entrySet()) {
            tensors.put(e.getKey(), host((Tensor) e.getValue().value()));
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        if (adam != null) {
            for (String name : params.keySet()) {
                Tensor[] moments = adam.moments(i++);
                if (moments[0] != null) {
                    tensors.put("adam.m." + name, host(moments[0]));
                    tensors.put("adam.v." + name, host(moments[1]));
                }
            }
            meta.put("adam_steps", String.valueOf(adam.steps()));
        }
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * Loads a checkpoint's parameters into {@code model} (same names and shapes required) and Adam's
     * state into {@code adam} if given; returns the metadata.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> restore(Path file, Module model, Adam adam) {
        SafeTensors.Contents contents = SafeTensors.read(file);
        SequencedMap<String, Parameter<?>> params = model.namedParameters();
        List<Tensor> first = new java.util.ArrayList<>();
        List<Tensor> second = new java.util.ArrayList<>();
        for (var e : params.entrySet()) {
            Parameter<Tensor> p = (Parameter<Tensor>) e.getValue();
            TensorData saved = contents.tensors().get(e.getKey());
            if (saved == null || !Arrays.equals(saved.shape(), p.value().shape())) {
                throw new IllegalArgumentException("checkpoint " + file + ": expected parameter '" + e.getKey() + "' of shape "
                        + Arrays.toString(p.value().shape()) + ", found "
                        + (saved == null ? "none" : Arrays.toString(saved.shape())) + " (a checkpoint of another model?)");
            }
            if (DType.of(saved.elementType()) != p.value().dtype()) { // converting silently would change the run's precision
                throw new IllegalArgumentException("checkpoint " + file + ": parameter '" + e.getKey() + "' was saved as "
                        + DType.of(saved.elementType()).name().toLowerCase(java.util.Locale.ROOT) + ", the model is "
                        + p.value().dtype().name().toLowerCase(java.util.Locale.ROOT) + " (resume with the --dtype it was saved with)");
            }
            p.update(like(saved, p.value()).requiresGrad(true));
            TensorData m = contents.tensors().get("adam.m." + e.getKey());
            TensorData v = contents.tensors().get("adam.v." + e.getKey());
            first.add(m == null ? null : like(m, p.value()));
            second.add(v == null ? null : like(v, p.value()));
        }
        int steps = count(file, contents.metadata(), "adam_steps");
        count(file, contents.metadata(), "epoch"); // the trainers read it
        if (adam != null) {
            adam.restore(steps, first, second);
        }
        return contents.metadata();
    }

    /** A count in the metadata (0 if absent); anything but a non-negative integer names the file and the value. */
    private static int count(Path file, Map<String, String> metadata, String key) {
        String value = metadata.getOrDefault(key, "0");
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("checkpoint " + file + ": metadata '" + key + "' must be a non-negative integer, found '"
                + value + "'");
    }

    private static TensorData host(Tensor t) {
        return t.data().storage().isHost() ? t.data() : t.to(Backend.SIMPLE).data();
    }

    private static Tensor like(TensorData data, Tensor model) {
        return Tensor.of(model.backend(), model.dtype(), data.toDoubleArray(), data.shape());
    }
}
