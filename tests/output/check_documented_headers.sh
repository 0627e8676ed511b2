#!/bin/bash
# Every CSV header carecast writes is in docs/outputs.md, from the repository root:
# check_documented_headers.sh CARECAST WORK_DIR
# Each command's CSV (and batch's summary.csv) is run, and its first line must appear
# in docs/outputs.md as an indented line of its own, so that the page cannot fall
# behind a change of columns.
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
S=scenarios/dcst_2022.toml
doc=docs/outputs.md

documented() { # WHAT FILE: FILE's first line is a line of docs/outputs.md, indented by 4
  local header
  header=$(head -n 1 "$2")
  [[ -n $header ]] || { fail "$1: no CSV written"; return; }
  grep -qxF "    $header" "$doc" || fail "$1: its header '$header' is not in $doc"
}

headers() { # NAME ARGUMENT...: carecast ARGUMENT... --format csv, its header checked
  local name=$1
  shift
  "$carecast" "$@" --format csv > "$work/$name.csv" 2> /dev/null
  documented "$*" "$work/$name.csv"
}
headers compare compare "$S"
headers run run "$S"
headers summary summary "$S"
headers diff diff "$S" scenarios/dcst_2022_high_demand.toml
headers explain explain "$S" --year 2023/24 --option transfer
headers params params "$S"
headers simulate simulate "$S" --draws 100
headers sensitivity sensitivity "$S"
headers sobol sobol "$S" --samples 64 --option transfer
headers backtest backtest scenarios/dcst_2017.toml --actuals data/dcst_actuals.csv --draws 100
headers outturn outturn "$S" --actuals data/dcst_ledger_2021_22.csv --period 6
headers calibrate calibrate data/doncaster_children_in_care.csv
headers validate validate "$S" tests/broken/rate_as_percent.toml

mkdir -p "$work/in"
cp "$S" "$work/in/"
"$carecast" batch "$work/in" --out "$work/out" > /dev/null || fail "batch failed"
documented "batch's summary.csv" "$work/out/summary.csv"
exit $failed
