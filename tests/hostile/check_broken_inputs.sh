#!/bin/bash
# Every broken input under tests/broken gives exit code 1 and a message located at
# FILE:LINE:COL, with nothing on standard output. Scenarios are simulated (a
# correlation matrix is checked only then), actuals back-tested, histories calibrated.
# Run from the repository root: check_broken_inputs.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
count=0
for input in tests/broken/*; do
  case $input in
    *.toml) command=(simulate "$input" --draws 10) ;;
    */actuals_*.csv) command=(backtest scenarios/dcst_2017.toml --actuals "$input") ;;
    */history_*.csv) command=(calibrate "$input") ;;
    */ledger_*.csv) command=(outturn scenarios/dcst_2022.toml --actuals "$input") ;;
    *) fail "$input: no command checks this kind of input"; continue ;;
  esac
  "$carecast" "${command[@]}" > "$work/stdout" 2> "$work/stderr"
  code=$?
  count=$((count + 1))
  [[ $code == 1 ]] || fail "$input: exit code $code, not 1"
  grep -qE "^carecast: error: ${input//./\\.}:[0-9]+:[0-9]+: " "$work/stderr" \
    || fail "$input: no message located at $input:LINE:COL"
  [[ ! -s "$work/stdout" ]] || fail "$input: something was written to standard output"
done
[[ $count -gt 0 ]] || fail "no broken inputs were found"
exit $failed
