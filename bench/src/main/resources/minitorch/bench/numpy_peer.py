"""NumPy side of `minitorch bench`: a loop that reads one JSON request per line on stdin and answers
one JSON line on stdout, so the Java harness can interleave NumPy with its other peers in one run.

Requests:
  {"cmd": "prepare", "kind": ..., "op": ..., "dtype": "f32"|"f64", "a": [...], "b": [...]|null, "dim": d}
  {"cmd": "time", "reps": n}        -> {"seconds": s}      (wall time of n back-to-back calls)
  {"cmd": "checksums"}              -> {"checksums": [sum, weighted]}
  {"cmd": "info"}                   -> versions and BLAS config
Inputs are the same multiplicative-hash numbers as minitorch.bench.Workload.input. Outputs are written
with out= (no allocation per call), as MiniTorch's kernels write into a preallocated output.
"""
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np


def openblas_kernel():
    """The core OpenBLAS picked at load time (e.g. SkylakeX, Haswell), read from the library numpy loaded."""
    here = os.path.dirname(np.__file__)
    for path in glob.glob(os.path.join(here, "..", "numpy.libs", "*openblas*")) + glob.glob(os.path.join(here, ".libs", "*openblas*")):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_",
                     "openblas_get_corename"):
            f = getattr(lib, name, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                return f().decode()
    return "?"


def inputs(which, shape, dtype):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.uint64) + np.uint64(which * 1_000_003)
    h = (i * np.uint64(2_654_435_761)) & np.uint64(0xFFFFFFFF)
    return (h.astype(np.float64) / 4294967296.0 - 0.5).astype(dtype).reshape(shape)


def prepare(req):
    dtype = np.float32 if req["dtype"] == "f32" else np.float64
    a = inputs(0, req["a"], dtype)
    b = inputs(1, req["b"], dtype) if req.get("b") else None
    op, kind = req["op"], req["kind"]
    if kind == "MATMUL":
        out = np.empty((a.shape[0], a.shape[1], b.shape[2]), dtype)
        return (lambda: np.matmul(a, b, out=out)), out
    if op == "relu":
        out = np.empty_like(a)
        return (lambda: np.maximum(a, 0, out=out)), out
    if op == "exp":
        out = np.empty_like(a)
        return (lambda: np.exp(a, out=out)), out
    if op == "sigmoid":
        out = np.empty_like(a)

        def sigmoid():  # NumPy has no sigmoid ufunc: 1 / (1 + exp(-x)) as four in-place passes
            np.negative(a, out=out)
            np.exp(out, out=out)
            np.add(out, 1, out=out)
            np.reciprocal(out, out=out)
        return sigmoid, out
    if kind == "ZIP":
        out = np.empty(np.broadcast_shapes(a.shape, b.shape), dtype)
        return (lambda: np.add(a, b, out=out)), out
    if kind == "REDUCE":
        d = req["dim"]
        shape = list(a.shape)
        shape[d] = 1
        out = np.empty(shape, dtype)
        return (lambda: np.sum(a, axis=d, keepdims=True, out=out)), out
    raise ValueError("numpy peer: unknown op %r" % op)


def main():
    call, out = None, None
    for line in sys.stdin:
        req = json.loads(line)
        try:
            cmd = req["cmd"]
            if cmd == "prepare":
                call, out = None, None
                call, out = prepare(req)
                reply = {"ok": True}
            elif cmd == "time":
                reps = int(req["reps"])
                t0 = time.perf_counter()
                for _ in range(reps):
                    call()
                reply = {"seconds": time.perf_counter() - t0}
            elif cmd == "checksums":
                flat = out.reshape(-1).astype(np.float64)
                weights = 1 + np.arange(flat.size) % 7
                reply = {"checksums": [float(flat.sum()), float((np.abs(flat) * weights).sum())]}
            elif cmd == "info":
                cfg = np.show_config(mode="dicts") if np.lib.NumpyVersion(np.__version__) >= "1.25.0" else {}
                blas = cfg.get("Build Dependencies", {}).get("blas", {})
                reply = {"numpy": np.__version__, "blas": blas.get("name", "?") + " " + str(blas.get("version", "?")),
                         "python": sys.version.split()[0], "kernel": openblas_kernel(),
                         "coretype": os.environ.get("OPENBLAS_CORETYPE", "")}
            else:
                reply = {"error": "unknown cmd " + cmd}
        except Exception as e:  # report to Java instead of dying: the harness shows it in the table
            reply = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
