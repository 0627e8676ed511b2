#!/bin/bash
# Every input a fuzzer once found a fault with (tests/fuzz/regressions/FUZZER/) is given
# to the real binary as that fuzzer gives it, and is never a crash, an assertion or a
# sanitizer report. A scenario is simulated; a CSV file is calibrated as a history,
# back-tested as actuals and read as outturn's ledger: each runs (exit 0) or gets a
# located error (exit 1). A value is given to the numeric flag its name starts with
# (discount-rate_... to --discount-rate), on a command that has the flag: the command
# runs (exit 0, or 3 when a gate fails) or the flag refuses the value, naming itself
# (exit 2). A refusal is UTF-8 when the value is, and the value it suggests is not
# refused too. Under the asan preset this runs with the sanitizers too.
# Run from the repository root: check_regressions.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
count=0

# located INPUT ARGUMENTS...: carecast ARGUMENTS, given INPUT, runs or gives an error
# located in INPUT or in the scenario it is read against (the first of ARGUMENTS after
# the subcommand), the calibration's warnings before it.
located() {
  local input=$1 scenario=$3
  shift
  count=$((count + 1))
  "$carecast" "$@" > "$work/stdout" 2> "$work/stderr"
  local code=$?
  case $code in
    0) ! grep -aqE -- "$crash_pattern" "$work/stderr" || fail "$*: stderr shows a crash" ;;
    1) check_stderr "$*" "$work/stderr" \
         "^carecast: (error|warning): ($(re "$input")|$(re "$scenario"))(:[0-9]+:[0-9]+)?: " ;;
    *) fail "$*: exit code $code" ;;
  esac
}

# given FLAG VALUE: carecast SUBCOMMAND scenarios/dcst_2022.toml FLAG=VALUE, for the
# first of these subcommands that has FLAG.
given() {
  local command
  for command in compare sensitivity simulate sobol; do
    "$carecast" "$command" --help | grep -q -- "$1 " && break
  done
  "$carecast" "$command" scenarios/dcst_2022.toml "$1=$2" > "$work/stdout" 2> "$work/stderr"
}

for input in tests/fuzz/regressions/scenario/*; do
  located "$input" simulate "$input" --draws 16
done
for input in tests/fuzz/regressions/csv/*; do
  located "$input" calibrate "$input"
  located "$input" backtest scenarios/dcst_2017.toml --actuals "$input"
done
for input in tests/fuzz/regressions/ledger/*; do
  located "$input" outturn scenarios/dcst_2022.toml --actuals "$input"
done
for input in tests/fuzz/regressions/number_flag/*; do
  count=$((count + 1))
  name=$(basename "$input")
  flag=--${name%%_*}
  given "$flag" "$(<"$input")"
  code=$?
  case $code in
    0 | 3) ! grep -aqE -- "$crash_pattern" "$work/stderr" || fail "$input: stderr shows a crash" ;;
    2) check_stderr "$input" "$work/stderr" "^carecast: error: $(re "$flag") " ;;
    *) fail "$input: exit code $code" ;;
  esac
  if iconv -f UTF-8 -t UTF-8 "$input" > /dev/null 2>&1 \
    && ! iconv -f UTF-8 -t UTF-8 "$work/stderr" > /dev/null 2>&1; then
    fail "$input: the refusal of a UTF-8 value is not UTF-8"
  fi
  suggested=$(sed -nE 's/.*; did you mean (.*)\?$/\1/p' "$work/stderr")
  if [[ -n $suggested ]]; then
    given "$flag" "$suggested"
    ! grep -q -- "^carecast: error: $(re "$flag") " "$work/stderr" \
      || fail "$input: the value suggested, $suggested, is refused too"
  fi
done
[[ $count -gt 0 ]] || fail "no regression inputs were found"
exit $failed
