#!/bin/bash
# run_fuzz.sh [TARGET [SECONDS [libFuzzer flags]]]: runs the fuzzer TARGET (scenario,
# csv, ledger or number_flag; default scenario) for SECONDS (default 60), from the
# repository root, with its dictionary (tests/fuzz/TARGET.dict; a ledger is a CSV file
# and uses csv.dict), on build-fuzz/corpus/TARGET seeded
# with the example inputs of its kind and every earlier finding of the target
# (tests/fuzz/regressions/TARGET/). Extra arguments go to libFuzzer (e.g. -runs=1000000).
# A finding is written to build-fuzz/findings/ and the script exits non-zero.
# Build the fuzzers first: cmake --preset fuzz && cmake --build --preset fuzz
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:-scenario}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
dictionary=$target
case $target in
  scenario) seeds=(scenarios/*.toml tests/broken/*.toml) ;;
  csv | ledger)
    seeds=(data/*.csv tests/csv/*.csv tests/broken/*.csv tests/hostile/*.csv tests/golden/*.csv)
    dictionary=csv ;;
  number_flag) seeds=() ;; # the dictionary's numbers are its seeds
  *) echo "run_fuzz.sh: unknown target '$target' (scenario, csv, ledger or number_flag)" >&2; exit 2 ;;
esac
corpus=build-fuzz/corpus/$target
mkdir -p "$corpus" build-fuzz/findings
shopt -s nullglob
seeds+=(tests/fuzz/regressions/"$target"/*)
[[ ${#seeds[@]} -eq 0 ]] || cp "${seeds[@]}" "$corpus"/
build-fuzz/tests/fuzz/"$target"_fuzz "$corpus" -dict=tests/fuzz/"$dictionary".dict \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix=build-fuzz/findings/"$target"- -print_final_stats=1 "$@"
