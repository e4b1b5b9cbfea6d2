#!/usr/bin/env bash
# Runs every component benchmark (build/bench/*/bench_*) and keeps the JSON
# results in BUILD_DIR/bench-results/ for docs/performance.md.
set -euo pipefail
build=${1:-build}
out="$build/bench-results"
mkdir -p "$out"
status=0
found=0
for b in "$build"/bench/*/bench_*; do
  [[ -x "$b" && -f "$b" ]] || continue
  found=1
  name=$(basename "$b")
  echo "== $name"
  if ! "$b" --benchmark_out="$out/$name.json" --benchmark_out_format=json; then
    echo "benchmark $name failed" >&2
    status=1
  fi
done
if [[ $found -eq 0 ]]; then
  echo "no benchmarks built under $build/bench" >&2
  exit 1
fi
exit $status
