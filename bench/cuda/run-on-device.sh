#!/usr/bin/env bash
# On the accelerator machine, from the bundle bench/cuda/bundle.sh wrote:
#   gpu-bundle/run-on-device.sh tests   the CUDA test suites and the backend-parametrised tensor tests
#   gpu-bundle/run-on-device.sh bench   CudaBench, then the PyTorch peer (bench/cuda/torch_peer.py)
#   gpu-bundle/run-on-device.sh train   minitorch train --model tensor --backend cuda, HIDDEN 100 and 500
#   gpu-bundle/run-on-device.sh info    the GPU, NVRTC and nvcc that the backend will find
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jre="${TMPDIR:-/tmp}/minitorch-jre"
[[ -x "$jre/jre25/bin/java" ]] || { mkdir -p "$jre" && tar xzf "$here/jre25.tar.gz" -C "$jre"; }
java=("$jre/jre25/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
# NVRTC often lives only inside a Python wheel (torch's nvidia/cu13/lib); point the backend at it unless told otherwise
if [[ -z "${MINITORCH_NVRTC:-}" && "${MINITORCH_CUDA_COMPILER:-}" != nvcc ]]; then
  nvrtc="$(find / \( -name 'libnvrtc.so.13' -o -name 'libnvrtc.so.12' \) -not -path '/proc/*' 2>/dev/null | head -n 1)"
  [[ -n "$nvrtc" ]] && export MINITORCH_NVRTC="$nvrtc"
fi
classpath="$here/core-classes:$here/core-test-classes"
for jar in "$here"/lib/quicktheories*.jar; do classpath="$classpath:$jar"; done

info() {
  nvidia-smi -L 2>&1 | head -4
  echo "libcuda: $(ls /usr/lib/x86_64-linux-gnu/libcuda.so.1 /usr/local/nvidia/lib64/libcuda.so.1 2>/dev/null | tr '\n' ' ')"
  echo "NVRTC:   $(find / -name 'libnvrtc.so*' -not -path '/proc/*' 2>/dev/null | head -4 | tr '\n' ' ')"
  echo "nvcc:    $(command -v nvcc || echo none)"
  echo "MINITORCH_NVRTC=${MINITORCH_NVRTC:-} MINITORCH_CUDA_COMPILER=${MINITORCH_CUDA_COMPILER:-}"
}

case "${1:-tests}" in
  info) info ;;
  tests)
    info
    mkdir -p "$jre/run" && cd "$jre/run"
    "${java[@]}" -jar "$here"/lib/junit-platform-console-standalone-*.jar execute --disable-banner --disable-ansi-colors \
      --details=tree --class-path "$classpath" \
      --select-package minitorch.ops.cuda --select-package minitorch.tensor ;;
  bench)
    "${java[@]}" -cp "$here/core-classes:$here/bench-classes" minitorch.bench.cuda.CudaBench "${@:2}"
    python3 "$here/torch_peer.py" "${@:2}" ;;
  train)
    for hidden in 100 500; do
      "${java[@]}" -jar "$here/minitorch.jar" train --model tensor --backend cuda --hidden "$hidden" \
        --dataset split --rate 0.05
    done ;;
  *) echo "usage: $0 tests|bench|train|info" >&2; exit 2 ;;
esac
