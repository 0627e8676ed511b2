#!/bin/bash
# Runs the scenario fuzzer for SECONDS (default 60), from the repository root, on a
# corpus seeded with the shipped scenarios, the broken test inputs and every earlier
# finding. Extra arguments go to libFuzzer (e.g. -runs=1000000 or -jobs=2).
# A finding is written to build-fuzz/findings/ and the script exits non-zero.
# Build the fuzzer first: cmake --preset fuzz && cmake --build --preset fuzz
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/findings
cp scenarios/*.toml tests/broken/*.toml tests/fuzz/regressions/* "$corpus"/
build-fuzz/tests/fuzz/scenario_fuzz "$corpus" -dict=tests/fuzz/scenario.dict \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix=build-fuzz/findings/ -print_final_stats=1 "$@"
