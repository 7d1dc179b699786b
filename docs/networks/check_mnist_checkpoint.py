# Reads a minitorch mnist checkpoint with numpy only (the safetensors layout PyTorch reads) and recomputes
# the test accuracy with the same network, to show the saved weights mean the same thing outside Java.
import json, struct, gzip, sys, numpy as np
path, data = sys.argv[1], sys.argv[2]
b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8 + n])
T = {k: np.frombuffer(b[8 + n + v['data_offsets'][0]:8 + n + v['data_offsets'][1]],
                      dtype={'F32': '<f4', 'F64': '<f8'}[v['dtype']]).reshape(v['shape']).astype(np.float64)
     for k, v in h.items() if k != '__metadata__'}
img = np.frombuffer(gzip.open(data + '/mnist/t10k-images-idx3-ubyte.gz').read()[16:], np.uint8).reshape(-1, 1, 28, 28) / 255.0
lab = np.frombuffer(gzip.open(data + '/mnist/t10k-labels-idx1-ubyte.gz').read()[8:], np.uint8)
def conv(x, w, bias):  # anchored top-left, zeros past the bottom/right edge (minitorch's conv2d)
    B, C, H, W = x.shape; O, _, kh, kw = w.shape
    p = np.zeros((B, C, H + kh - 1, W + kw - 1)); p[:, :, :H, :W] = x
    out = np.zeros((B, O, H, W))
    for i in range(kh):
        for j in range(kw):
            out += np.einsum('bchw,oc->bohw', p[:, :, i:i + H, j:j + W], w[:, :, i, j])
    return out + bias.reshape(1, O, 1, 1)
x = img
h1 = np.maximum(conv(x, T['conv1.weights'], T['conv1.bias']), 0)
h2 = np.maximum(conv(h1, T['conv2.weights'], T['conv2.bias']), 0)
pooled = h2.reshape(-1, 8, 7, 4, 7, 4).max(axis=(3, 5)).reshape(-1, 392)
z = np.maximum(pooled @ T['linear1.weights'] + T['linear1.bias'], 0) @ T['linear2.weights'] + T['linear2.bias']
print('metadata', h['__metadata__'], 'numpy test accuracy %.2f%%' % (100 * (z.argmax(1) == lab).mean()))
