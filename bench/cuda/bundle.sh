#!/usr/bin/env bash
# Builds DIR (default gpu-bundle/ at the repository root): everything the accelerator machine (no JDK,
# no network) needs to run the CUDA tests, CudaBench and GPU training from a trimmed Java 25 runtime.
# Then carry it with the device tool (carry: ["gpu-bundle"]) and run gpu-bundle/run-on-device.sh there.
# Usage: bench/cuda/bundle.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="${1:-gpu-bundle}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac

./mvnw -B -q -pl app -am package -DskipTests        # core classes + app/target/minitorch.jar
./mvnw -B -q -pl core test-compile                  # the GPU tests
./mvnw -B -q -pl bench -am compile                  # CudaBench
rm -rf "$out"
mkdir -p "$out/lib" "$out/bench-classes/minitorch/bench"
cp -r core/target/classes "$out/core-classes"
cp -r core/target/test-classes "$out/core-test-classes"
cp -r bench/target/classes/minitorch/bench/cuda "$out/bench-classes/minitorch/bench/"
cp app/target/minitorch.jar "$out/"
cp bench/cuda/run-on-device.sh bench/cuda/torch_peer.py "$out/"
# JUnit's console launcher (platform 1.14.4 = JUnit 5.14.4, the project's version) and QuickTheories.
./mvnw -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.4 \
    -DoutputDirectory="$out/lib"
./mvnw -B -q -pl core dependency:copy-dependencies -DincludeScope=test -DincludeGroupIds=org.quicktheories \
    -DoutputDirectory="$out/lib"
"$root/../shared/tools/device-jre.sh" "$out" >/dev/null
# keep the bundle out of git (the device tool carries ignored paths only when asked)
exclude="$(git rev-parse --git-path info/exclude)"
mkdir -p "$(dirname "$exclude")"
name="/$(basename "$out")/"
grep -qxF "$name" "$exclude" 2>/dev/null || echo "$name" >> "$exclude"
echo "wrote $out ($(du -sh "$out" | cut -f1); the device tool carries at most 64 MiB)"
