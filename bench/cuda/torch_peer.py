"""PyTorch on the same GPU, the peer of minitorch.bench.cuda.CudaBench: the same operations, sizes and
dtypes, timed the same way (mean of N runs after a warm-up, synchronised), with TF32 off so matmul is
true FP32 (cuBLAS SGEMM). Usage: python3 bench/cuda/torch_peer.py [sizes...]"""
import sys
import time

import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
dev = torch.device("cuda")


def timed(fn, runs):
    fn()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / runs


def row(op, size, dtype, seconds, rate, unit):
    print(f"| {op} | {size} | {dtype} | {seconds * 1e3:.4f} | {rate:.1f} {unit} |")


sizes = [int(s) for s in sys.argv[1:]] or [1024, 4096]
print(f"# torch {torch.__version__} on {torch.cuda.get_device_name(0)} (TF32 off)")
print("| operation | size | dtype | time (ms) | rate |")
print("|---|---|---|---|---|")
for n in sizes:
    for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
        a = torch.rand(1, n, n, device=dev, dtype=dtype) - 0.5
        b = torch.rand(1, n, n, device=dev, dtype=dtype) - 0.5
        c = torch.empty(1, n, n, device=dev, dtype=dtype)
        s = timed(lambda: torch.matmul(a, b, out=c), 5 if n >= 4096 else 20)
        row("matmul", f"{n}x{n}x{n}", name, s, 2.0 * n ** 3 / s / 1e9, "GFLOP/s")
    x = torch.rand(n, n, device=dev) - 0.5
    y = torch.rand(n, n, device=dev) - 0.5
    z = torch.empty(n, n, device=dev)
    nbytes = n * n * 4
    s = timed(lambda: z.copy_(x), 20); row("map id (copy)", f"{n}x{n}", "float32", s, 2 * nbytes / s / 1e9, "GB/s")
    s = timed(lambda: torch.exp(x, out=z), 20); row("map exp", f"{n}x{n}", "float32", s, 2 * nbytes / s / 1e9, "GB/s")
    s = timed(lambda: torch.add(x, y, out=z), 20); row("zip add", f"{n}x{n}", "float32", s, 3 * nbytes / s / 1e9, "GB/s")
    col = torch.rand(n, 1, device=dev)
    s = timed(lambda: torch.add(x, col, out=z), 20)
    row("zip add (broadcast column)", f"{n}x{n}", "float32", s, 2 * nbytes / s / 1e9, "GB/s")
    xt = x.t()
    s = timed(lambda: z.copy_(xt), 20); row("map id (transposed input)", f"{n}x{n}", "float32", s, 2 * nbytes / s / 1e9, "GB/s")
    rows = torch.empty(n, 1, device=dev); cols = torch.empty(1, n, device=dev); one = torch.empty((), device=dev)
    s = timed(lambda: torch.sum(x, 1, keepdim=True, out=rows), 20); row("sum dim 1", f"{n}x{n}", "float32", s, nbytes / s / 1e9, "GB/s")
    s = timed(lambda: torch.sum(x, 0, keepdim=True, out=cols), 20); row("sum dim 0", f"{n}x{n}", "float32", s, nbytes / s / 1e9, "GB/s")
    s = timed(lambda: torch.sum(x, out=one), 20); row("sum all", f"{n}x{n}", "float32", s, nbytes / s / 1e9, "GB/s")
tiny = torch.rand(1, device=dev); tiny_out = torch.empty(1, device=dev)
calls = 20000
s = timed(lambda: [torch.neg(tiny, out=tiny_out) for _ in range(calls)], 3) / calls
row("map neg, 1 element (per op: marshal + launch)", "1", "float32", s, s * 1e6, "us/op")
