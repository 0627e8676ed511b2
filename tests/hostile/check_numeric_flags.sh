#!/bin/bash
# Every numeric flag of every subcommand refuses NaN, the infinities, text, numbers out
# of its range and (for a count) numbers that are not whole: exit code 2, nothing on
# standard output, and a first line of stderr that names the flag, the value given and
# the flag's range. The flags are found in each subcommand's --help (an INT, UINT or
# FLOAT value), so a numeric flag added without a case here fails the check.
# Run from the repository root: check_numeric_flags.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"

S=scenarios/dcst_2022.toml
S17=scenarios/dcst_2017.toml

# The arguments each subcommand needs besides the flag; a bad flag is refused before
# any of them is read.
declare -A base=(
  [compare]="$S"
  [run]="$S"
  [batch]="$S --out $work/batch_never"
  [sensitivity]="$S"
  [simulate]="$S"
  [sobol]="$S"
  [backtest]="$S17 --actuals data/dcst_actuals.csv"
  [outturn]="$S --actuals data/dcst_ledger_2021_22.csv"
)

# Each flag's range as its messages state it, and values out of it beyond NaN, the
# infinities and text, which every flag refuses.
declare -A range=(
  [--discount-rate]="a number at least 0 and below 1 (0.035 is 3.5%)"
  [--max-variance]="a finite number (in the scenario's unit)"
  [--swing]="a number from 0 to 1 (0.1 is 10%)"
  [--confidence]="a number from 0.5 to 0.999 (0.95 is 95%)"
  [--shortfall-threshold]="a number from 0 to 1000000000 (in the scenario's unit)"
  [--seed]="a whole number from 0 to 18446744073709551615"
  [--draws]="a whole number from 2 to 10000000"
  [--samples]="a whole number from 2 to 1000000"
  [--bootstrap]="a whole number from 1 to 100000"
  [--threads]="a whole number from 1 to 1024"
  [--jobs]="a whole number from 1 to 256"
  [--top]="a whole number from 1 to 10000"
  [--period]="a whole number from 1 to 12 (1 is April, 12 is March)"
)
declare -A outside=(
  [--discount-rate]="-0.01 1 1e400"
  [--max-variance]="1e400 -1e400"
  [--swing]="-0.1 1.5"
  [--confidence]="0.4 1"
  [--shortfall-threshold]="-1 2e9"
  [--seed]="-1 1.5 18446744073709551616 99999999999999999999999"
  [--draws]="1 10000001 2.5 -5"
  [--samples]="1 1000001 2.5"
  [--bootstrap]="0 100001 1.5"
  [--threads]="0 1025 1.5"
  [--jobs]="0 257 1.5"
  [--top]="0 10001 2.5"
  [--period]="0 13 6.5"
)

io=$work/io
mkdir -p "$io"

# refused COMMAND FLAG VALUE [HINT]: carecast COMMAND ... FLAG=VALUE exits 2 with
# nothing on stdout and says "carecast: error: FLAG VALUE: must be RANGE" and then HINT,
# or by default any "did you mean" or nothing. FLAG=VALUE, as -inf given as a word of
# its own would be read as short options; with split=1, FLAG and VALUE as two words.
refused() {
  local command=$1 flag=$2 value=$3
  local hint=${4-'(; did you mean [0-9.]+\?)?'}
  [[ $# -lt 4 ]] || hint=$(re "$4")
  local given=("$flag=$value")
  [[ ${split-0} == 0 ]] || given=("$flag" "$value")
  local what="carecast $command ${base[$command]} ${given[*]}"
  # shellcheck disable=SC2086 # the base arguments are words
  timeout 60 "$carecast" "$command" ${base[$command]} "${given[@]}" \
    > "$io/stdout" 2> "$io/stderr"
  local got=$?
  [[ $got == 2 ]] || fail "$what: exit code $got, not 2"
  [[ ! -s $io/stdout ]] || fail "$what: wrote to standard output"
  check_stderr "$what" "$io/stderr" \
    "^$(re "carecast: error: $flag $value: must be ${range[$flag]}")$hint\$"
}

# accepted COMMAND ARGS...: carecast COMMAND ARGS exits 0.
accepted() {
  timeout 120 "$carecast" "$@" > "$io/stdout" 2> "$io/stderr"
  local got=$?
  [[ $got == 0 ]] || fail "carecast $*: exit code $got, not 0: $(head -n 1 "$io/stderr")"
}

commands=$("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}')
checked=0
for command in $commands; do
  flags=$("$carecast" "$command" --help \
    | sed -nE 's/^ +(-[a-z],)?(--[a-z-]+) (INT|UINT|FLOAT)\b.*/\2/p')
  for flag in $flags; do
    if [[ -z ${base[$command]+set} || -z ${range[$flag]+set} ]]; then
      fail "carecast $command $flag: a numeric flag this check has no case for"
      continue
    fi
    for value in nan NaN -nan inf -inf infinity abc ${outside[$flag]}; do
      refused "$command" "$flag" "$value"
    done
    checked=$((checked + 1))
  done
done
((checked >= 20)) || fail "only $checked numeric flags found in the subcommands' --help"

# A value written as a percentage, or a count with an exponent, gets a suggestion.
refused compare --discount-rate 3.5 "; did you mean 0.035?"
refused sensitivity --swing 10 "; did you mean 0.1?"
refused sobol --confidence 95 "; did you mean 0.95?"
refused simulate --draws 1e6 "; did you mean 1000000?"
refused sobol --samples 1e3 "; did you mean 1000?"
refused simulate --seed 1e3 "; did you mean 1000?"

# The values of the first report on this, as two words.
split=1 refused compare --discount-rate nan
split=1 refused compare --max-variance nan
split=1 refused sensitivity --swing nan
split=1 refused sobol --confidence nan
split=1 refused simulate --seed -1
split=1 refused simulate --seed 18446744073709551616
split=1 refused simulate --draws 1e6 "; did you mean 1000000?"

# The ends of the ranges are accepted.
accepted simulate "$S" --draws 2 --seed 0 --threads 1 --format csv
accepted simulate "$S" --draws 2 --seed 18446744073709551615 --format csv
grep -q '^dcst_2022,18446744073709551615,2,' "$io/stdout" \
  || fail "simulate --seed 18446744073709551615: the output does not echo that seed"
accepted compare "$S" --discount-rate 0 --format csv
accepted compare "$S" --discount-rate 0.999 --format csv
accepted sensitivity "$S" --swing 1 --top 1 --format csv
accepted outturn "$S" --actuals data/dcst_ledger_2021_22.csv --period 1 --draws 2 --format csv

exit $failed
