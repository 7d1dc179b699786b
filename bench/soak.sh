#!/usr/bin/env bash
# A soak run (docs/TESTING.md): runs a minitorch command for up to SECONDS and prints, every 20 s, the live
# heap after a full GC (jcmd GC.class_histogram's total) beside the command's last output line.
# Usage: bench/soak.sh SECONDS LOG minitorch-args...
#   bench/soak.sh 160 runs/soak-train.log train --model tensor --backend fast --dataset spiral --rate 0.05 --epochs 1000000
set -uo pipefail
if [[ $# -lt 3 || "$1" == -h || "$1" == --help ]]; then sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs=$1 log=$2; shift 2
# shellcheck source=../.mvn/find-jdk25.sh
source "$root/.mvn/find-jdk25.sh"
java="$(find_jdk25)" || { echo "$NO_JDK25_MESSAGE" >&2; exit 1; }
jcmd="$(dirname "$java")/jcmd"
# builds app/target/minitorch.jar if needed
"$root/minitorch" --version >/dev/null 2>&1 || { echo "soak: ./minitorch --version failed; run it to see why" >&2; exit 1; }
mkdir -p "$(dirname "$log")"
"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar "$root/app/target/minitorch.jar" "$@" >"$log" 2>&1 &
pid=$!
start=$SECONDS
while kill -0 "$pid" 2>/dev/null; do
  sleep 20
  (( SECONDS - start <= secs )) && kill -0 "$pid" 2>/dev/null || break
  live=$("$jcmd" "$pid" GC.class_histogram 2>/dev/null | awk '/^Total/ {printf "%.1f", $3 / 1048576}')
  echo "t=$(( SECONDS - start ))s live_heap_MiB=$live last: $(tail -n 1 "$log" | cut -c1-100)"
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit 0
