#!/bin/bash
# Every JSON output against its schema in docs/schemas/, from the repository root:
# check_schemas.sh CARECAST WORK_DIR
# Each golden case whose stdout is JSON, then each command that writes JSON run afresh
# (several have no JSON golden case), and a CSV's .meta.json record; then the planted
# documents in tests/output/invalid/ (SCHEMA.WHAT.json), each of which must be rejected.
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
S=scenarios/dcst_2022.toml
check=(python3 tests/output/validate_json.py docs/schemas)
pairs=()

for case in tests/golden/*/; do
  if [[ $(head -c 1 "$case/stdout") == "{" ]]; then
    pairs+=("$(head -n 1 "$case/args")" "$case/stdout")
  fi
done

run() { # NAME COMMAND ARGUMENT...: carecast COMMAND ARGUMENT... --format json into WORK/NAME.json
  local name=$1
  shift
  "$carecast" "$@" --format json > "$work/$name.json" 2> "$work/$name.stderr" \
    || fail "carecast $* --format json failed: $(head -n 1 "$work/$name.stderr")"
  pairs+=("$1" "$work/$name.json")
}
run compare compare "$S"
run run run "$S"
run run_option run "$S" --option transfer
run summary summary "$S"
run diff diff "$S" scenarios/dcst_2022_high_demand.toml
run explain explain "$S" --year 2023/24 --option transfer
run explain_bridge explain "$S" --from 2022/23 --to 2024/25 --option transfer
run params params "$S"
run simulate simulate "$S" --draws 200 --seed 1
run sensitivity sensitivity "$S"
run sobol sobol "$S" --samples 64 --seed 7 --option transfer
run sobol_random sobol "$S" --samples 64 --design random --bootstrap 10 --seed 7 --option transfer
run backtest backtest tests/golden/point_forecast.toml --actuals tests/golden/point_forecast_actuals.csv
run backtest_band backtest scenarios/dcst_2017.toml --actuals data/dcst_actuals.csv --draws 100
run outturn outturn "$S" --actuals data/dcst_ledger_2021_22.csv --period 6 --draws 100
run outturn_previous outturn "$S" --actuals data/dcst_ledger_2021_22.csv \
  --previous data/dcst_ledger_2021_22_p06.csv
run calibrate calibrate data/doncaster_children_in_care.csv
run calibrate_ladder calibrate data/example_ladder_history.csv
# A refused fit exits 1 and still writes its JSON, with a null fragment.
"$carecast" calibrate tests/golden/history_negative_move.csv --format json \
  > "$work/calibrate_refused.json" 2> /dev/null
pairs+=(calibrate "$work/calibrate_refused.json")
# validate exits 1 for an invalid scenario, and a file that cannot be read has no line.
"$carecast" validate "$S" tests/broken/syntax_error.toml "$work/missing.toml" --format json \
  > "$work/validate_invalid.json" 2> /dev/null
pairs+=(validate "$work/validate_invalid.json")

# batch's summary.json, of a scenario that runs and one that is invalid (exit code 1).
mkdir -p "$work/batch_in"
cp "$S" tests/broken/rate_as_percent.toml "$work/batch_in/"
"$carecast" batch "$work/batch_in" --out "$work/batch_out" > /dev/null 2>&1
pairs+=(batch "$work/batch_out/summary.json")

"$carecast" compare "$S" -o "$work/compare.csv" || fail "compare -o compare.csv failed"
pairs+=(meta "$work/compare.csv.meta.json")

"${check[@]}" "${pairs[@]}" || fail "outputs that do not match their schemas (above)"

# Each planted document breaks its schema in one way, named in its file name.
for planted in tests/output/invalid/*.json; do
  name=$(basename "$planted")
  if "${check[@]}" "${name%%.*}" "$planted" > "$work/planted.out"; then
    fail "$planted: accepted, but it is invalid"
  fi
done
exit $failed
