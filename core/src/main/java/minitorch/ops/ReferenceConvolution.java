package minitorch.ops;

import java.util.Arrays;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * Convolution as plain loops, the readable definition every faster version is checked against
 * (reference §1.13). The window is anchored at the left (top-left in 2-D) and reads zeros past the
 * input's edge, so the output keeps the input's width:
 * <pre>
 *   forward:  out[b,o,t] = sum_c sum_k in[b,c,t+k] * w[o,c,k]    (zero where t+k >= width)
 *   reverse:  out[b,o,t] = sum_c sum_k in[b,c,t-k] * w[o,c,k]    (zero where t-k < 0)
 * </pre>
 * The reverse form is the backward of the forward one: grad_input is the reverse convolution of
 * grad_output with the weight's in/out channels swapped. The output's width may differ from the
 * input's (the weight gradient uses a width-K output and a width-W "kernel"), so loops run over
 * the output's shape and read zeros wherever the input has no element.
 */
public final class ReferenceConvolution {
    private ReferenceConvolution() {}

    /** input (batch, in, width), weight (out, in, kw), out (batch, out, outWidth). */
    public static void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        checkShapes("conv1d", 3, input, weight, out);
        int batch = out.shape(0), outChannels = out.shape(1), width = out.shape(2);
        int inChannels = input.shape(1), inWidth = input.shape(2), kw = weight.shape(2);
        Storage in = input.storage(), w = weight.storage(), o = out.storage();
        for (int b = 0; b < batch; b++) {
            for (int oc = 0; oc < outChannels; oc++) {
                for (int t = 0; t < width; t++) {
                    double sum = 0;
                    for (int c = 0; c < inChannels; c++) {
                        for (int k = 0; k < kw; k++) {
                            int x = reverse ? t - k : t + k;
                            if (x >= 0 && x < inWidth) {
                                sum += in.get(input.position(b, c, x)) * w.get(weight.position(oc, c, k));
                            }
                        }
                    }
                    o.set(out.position(b, oc, t), sum);
                }
            }
        }
    }

    /** input (batch, in, height, width), weight (out, in, kh, kw), out (batch, out, outHeight, outWidth). */
    public static void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        checkShapes("conv2d", 4, input, weight, out);
        int batch = out.shape(0), outChannels = out.shape(1), height = out.shape(2), width = out.shape(3);
        int inChannels = input.shape(1), inHeight = input.shape(2), inWidth = input.shape(3);
        int kh = weight.shape(2), kw = weight.shape(3);
        Storage in = input.storage(), w = weight.storage(), o = out.storage();
        for (int b = 0; b < batch; b++) {
            for (int oc = 0; oc < outChannels; oc++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double sum = 0;
                        for (int c = 0; c < inChannels; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int yy = reverse ? y - i : y + i;
                                    int xx = reverse ? x - j : x + j;
                                    if (yy >= 0 && yy < inHeight && xx >= 0 && xx < inWidth) {
                                        sum += in.get(input.position(b, c, yy, xx)) * w.get(weight.position(oc, c, i, j));
                                    }
                                }
                            }
                        }
                        o.set(out.position(b, oc, y, x), sum);
                    }
                }
            }
        }
    }

    /**
     * The checks every convolution shares: dimension counts, batch and channel agreement. Public so
     * that other backends' convolutions reject bad input with the same messages.
     */
    public static void checkShapes(String operation, int dims, TensorData input, TensorData weight, TensorData out) {
        if (input.dims() != dims || weight.dims() != dims || out.dims() != dims) {
            throw new IllegalArgumentException(operation + ": input " + Arrays.toString(input.shape()) + ", weight "
                    + Arrays.toString(weight.shape()) + " and output " + Arrays.toString(out.shape()) + " must each have "
                    + dims + " dimensions");
        }
        if (input.shape(1) != weight.shape(1)) {
            throw new IllegalArgumentException(operation + ": input " + Arrays.toString(input.shape()) + " has "
                    + input.shape(1) + " channels but weight " + Arrays.toString(weight.shape()) + " expects "
                    + weight.shape(1));
        }
        if (out.shape(0) != input.shape(0) || out.shape(1) != weight.shape(0)) {
            throw new IllegalArgumentException(operation + ": output " + Arrays.toString(out.shape())
                    + " must be (batch " + input.shape(0) + ", out channels " + weight.shape(0) + ", ...) for input "
                    + Arrays.toString(input.shape()) + " and weight " + Arrays.toString(weight.shape()));
        }
    }
}
