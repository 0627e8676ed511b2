#!/bin/bash
# Every subcommand's table output on the shipped scenarios and data, the overview and
# every --help keep within COLUMNS = 60, 80 and 120: the widest line, in characters, is
# no wider. Standard output is a pipe here, so COLUMNS alone sets the width. (Lines that
# name a file, as errors, warnings and validate's "FILE: valid" do, are one line each,
# for grep, and are not checked.)
# check_widths.sh CARECAST WORK_DIR
set -u
carecast=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
export LC_ALL=C.UTF-8
failed=0
# Calibrate names the fragment it writes: a short path, so that the line fits.
short=$(mktemp -d)
trap 'rm -rf "$short"' EXIT

scenario=scenarios/dcst_2022.toml
runs=(
  "help"
  "compare $scenario"
  "compare scenarios/dcst_2017.toml"
  "run $scenario"
  "summary $scenario"
  "diff $scenario scenarios/dcst_2022_high_demand.toml"
  "explain $scenario --year 2024/25 --option transfer --vs do_nothing"
  "explain $scenario --year 2022/23"
  "params $scenario"
  "simulate $scenario --draws 500 --threads 1"
  "sensitivity $scenario --all"
  "sobol $scenario --samples 64 --threads 1"
  "backtest scenarios/dcst_2017.toml --actuals data/dcst_actuals.csv --draws 200 --threads 1"
  "outturn $scenario --actuals data/dcst_ledger_2021_22.csv --previous data/dcst_ledger_2021_22_p06.csv"
  "calibrate data/doncaster_children_in_care.csv -o $short/trend.toml"
  "calibrate data/example_ladder_history.csv -o $short/ladder.toml"
  "batch $scenario scenarios/dcst_2022_high_demand.toml --out $work/batch"
)
for command in $("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  runs+=("$command --help")
done

for columns in 60 80 120; do
  for run in "${runs[@]}"; do
    # shellcheck disable=SC2086 # each run is its words
    if ! COLUMNS=$columns "$carecast" $run > "$work/out" 2> "$work/err"; then
      echo "COLUMNS=$columns carecast $run: failed: $(head -3 "$work/err")"
      failed=1
      continue
    fi
    widest=$(wc -L < "$work/out")
    if ((widest > columns)); then
      echo "COLUMNS=$columns carecast $run: a line of $widest characters:"
      grep -nE ".{$((columns + 1))}" "$work/out" | head -3
      failed=1
    fi
  done
done
exit $failed
