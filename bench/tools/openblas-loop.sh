#!/bin/bash
# Prints the loop of OpenBLAS's kernel as NumPy runs it (a 1024² matmul on one thread for 8 s) and its
# instructions per step of 12 FMAs, beside c2-loop.sh's for FAST (docs/PERFORMANCE.md, "Why matmul trails OpenBLAS
# here"). Needs perf (apt-get install linux-perf) and python3 with numpy. Sampled with the software clock: the
# hardware counters are not readable in these VMs.
#   bench/tools/openblas-loop.sh [f32|f64]    (default f32: sgemm; f64: dgemm)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v perf > /dev/null || { echo "openblas-loop.sh: perf not found (apt-get install linux-perf)" >&2; exit 1; }
case ${1:-f32} in
    f32) numpy=float32 prefix=sgemm ;;
    f64) numpy=float64 prefix=dgemm ;;
    *) echo "openblas-loop.sh: the dtype is f32 or f64, not '$1'" >&2; exit 2 ;;
esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
    perf record -q -e cpu-clock -F 2000 -o "$out/np.perf" python3 -c "import numpy as np, time
a = np.random.rand(1024, 1024).astype(np.$numpy); b = a.copy(); o = np.empty_like(a); t = time.time()
while time.time() - t < 8: np.matmul(a, b, out=o)" 2> /dev/null
perf report -i "$out/np.perf" --stdio --sort symbol 2> /dev/null > "$out/report.txt"
line=$(grep -m1 -o "[0-9.]*%.*${prefix}_kernel_[A-Za-z0-9_]*" "$out/report.txt" || true)
[[ -n $line ]] || { echo "openblas-loop.sh: no ${prefix} kernel among the samples" >&2; exit 1; }
kernel=${line##* }
echo "$kernel: ${line%% *} of the samples"
perf annotate -i "$out/np.perf" --stdio -s "$kernel" 2> /dev/null > "$out/annotate.txt"
python3 bench/tools/loop_stats.py "$out/annotate.txt"
