#!/bin/bash
# Prints the loop C2 compiles for a FAST matmul kernel and its instructions per step of 12 FMAs (docs/PERFORMANCE.md,
# "Why matmul trails OpenBLAS here"). Needs a JDK 25 (found as ./minitorch finds it), objdump (binutils) and
# `./mvnw -q -pl core test-compile` first. Without the hsdis plugin HotSpot prints the code as bytes; objdump decodes them.
#   bench/tools/c2-loop.sh [METHOD]    METHOD: FloatMatmul::kernel6x2 (default) or DoubleMatmul::kernel6x2
set -euo pipefail
cd "$(dirname "$0")/../.."
method=${1:-FloatMatmul::kernel6x2}
# shellcheck source=../../.mvn/find-jdk25.sh
source .mvn/find-jdk25.sh
java=$(find_jdk25) || { echo "c2-loop.sh: no JDK 25 found (JAVA_HOME, /usr/lib/jvm, ...)" >&2; exit 1; }
[[ -d core/target/test-classes/minitorch/ops/fast ]] \
    || { echo "c2-loop.sh: no compiled FastTuning: run ./mvnw -q -pl core test-compile first" >&2; exit 1; }
command -v objdump > /dev/null || { echo "c2-loop.sh: objdump not found (apt-get install binutils)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mode=tile
[[ $method == Double* ]] && mode="gflops f64 512"
"$java" --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \
    "-XX:CompileCommand=print,minitorch.ops.fast.$method" -cp core/target/classes:core/target/test-classes \
    minitorch.ops.fast.FastTuning $mode > "$out/print.txt" 2>&1
# the last whole-method (not on-stack) C2 compile: its code bytes, from its first address on
line=$(grep -n "Compiled method (c2)" "$out/print.txt" | grep -v " % " | tail -1 | cut -d: -f1)
[[ -n $line ]] || { echo "c2-loop.sh: C2 printed no compile of $method" >&2; exit 1; }
sed -n "$line,\$p" "$out/print.txt" | awk 'NR > 1 && /Compiled method/ { exit } { print }' | grep "^  0x" > "$out/code.txt"
start=$(head -1 "$out/code.txt" | sed 's/^  0x\([0-9a-f]*\):.*/\1/')
sed 's/^  0x[0-9a-f]*: //; s/;.*//' "$out/code.txt" | tr -d ' |\n' | xxd -r -p > "$out/code.bin"
objdump -D -b binary -mi386:x86-64 -M intel --adjust-vma="0x$start" "$out/code.bin" > "$out/code.asm"
python3 bench/tools/loop_stats.py "$out/code.asm"
