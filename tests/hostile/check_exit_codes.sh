#!/bin/bash
# Every failure path keeps the exit code the README documents (1 invalid input, 2 usage
# error, 3 a failed budget gate, 4 an output that cannot be written), across the
# subcommands: nothing on standard output (a failed gate aside, whose report is
# written), a message on stderr in the documented form, no crash, assertion or uncaught
# exception, and no output file or temporary file left behind by a failed -o.
# Run from the repository root: check_exit_codes.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"

in=$work/in       # copies of the inputs, and hostile inputs made here
orig=$work/orig   # the same copies, never named on a command line, to compare with
out=$work/out     # where -o points: holds only what the checks put there
io=$work/io       # each run's standard output and error
mkdir -p "$in" "$orig" "$out/adir" "$io"
cp scenarios/*.toml data/dcst_actuals.csv data/example_ladder_history.csv "$in/"
cp "$in"/* "$orig/"
ln -s "$in/dcst_2022.toml" "$in/link_to_dcst_2022.toml"
ln "$in/dcst_2022.toml" "$in/hard_link_to_dcst_2022.toml"

S=scenarios/dcst_2022.toml
S17=scenarios/dcst_2017.toml
actuals=data/dcst_actuals.csv
history=data/example_ladder_history.csv

# expect CODE [-m ERE] [-r] [-k FILE] -- ARGS...: run carecast ARGS and check it
#   exits CODE, and that
#   - the first line of stderr matches ERE (default '^carecast: error: ');
#   - with -r (a failed gate), the report was written: standard output, or the -o FILE,
#     is not empty; without -r, standard output is empty;
#   - with -k FILE, FILE keeps its bytes;
#   - stderr shows no crash, assertion, uncaught exception or stack trace;
#   - with -o FILE: the run that failed left FILE as it was (absent, the same bytes or
#     the same directory) and its directory as it was, with no temporary file; a failed
#     gate adds only FILE and FILE.meta.json.
expect() {
  local code=$1 first='^carecast: error: ' report=0 keep=()
  shift
  while [[ $# -gt 0 && $1 != -- ]]; do
    case $1 in
      -m) first=$2; shift 2 ;;
      -r) report=1; shift ;;
      -k) keep+=("$2"); shift 2 ;;
      *) fail "expect: unknown flag $1"; return ;;
    esac
  done
  shift
  local what="carecast $*" args=("$@") output="" i
  for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
      -o | --output) output=${args[i + 1]-} ;;
    esac
  done
  for i in "${!keep[@]}"; do
    cp -- "${keep[i]}" "$io/kept_$i"
  done
  local dir="" dir_before="" target_kind=none target_before=""
  if [[ -n $output ]]; then
    dir=$(dirname -- "$output")
    [[ -d $dir ]] && dir_before=$(ls -A -- "$dir")
    if [[ -d $output ]]; then
      target_kind="directory"
      target_before=$(ls -A -- "$output")
    elif [[ -e $output ]]; then
      target_kind="file"
      cp -- "$output" "$io/target_before"
    fi
  fi

  timeout 120 "$carecast" "$@" > "$io/stdout" 2> "$io/stderr"
  local got=$?

  [[ $got == "$code" ]] || fail "$what: exit code $got, not $code"
  if ((report)); then
    if [[ -n $output ]]; then
      [[ -s $output ]] || fail "$what: the report was not written to $output"
      [[ ! -s $io/stdout ]] || fail "$what: wrote to standard output as well as to $output"
    else
      [[ -s $io/stdout ]] || fail "$what: the report was not written to standard output"
    fi
  else
    [[ ! -s $io/stdout ]] || fail "$what: wrote to standard output: $(head -c 200 "$io/stdout")"
  fi
  check_stderr "$what" "$io/stderr" "$first"
  for i in "${!keep[@]}"; do
    cmp -s -- "$io/kept_$i" "${keep[i]}" || fail "$what: changed ${keep[i]}"
  done

  [[ -n $output ]] || return 0
  if ((report)); then
    local added
    added=$(comm -13 <(printf '%s\n' "$dir_before" | sort) <(ls -A -- "$dir" | sort) \
      | grep -vxF -e "$(basename -- "$output")" -e "$(basename -- "$output").meta.json")
    [[ -z $added ]] || fail "$what: left in $dir: $added"
    return 0
  fi
  case $target_kind in
    none) [[ ! -e $output && ! -L $output ]] || fail "$what: created $output" ;;
    file) cmp -s -- "$io/target_before" "$output" || fail "$what: changed $output" ;;
    directory)
      [[ -d $output && $(ls -A -- "$output") == "$target_before" ]] \
        || fail "$what: changed the directory $output"
      ;;
  esac
  if [[ -z $dir_before && ! -d $dir ]]; then
    : # the directory did not exist and still does not
  elif [[ ! -d $dir ]]; then
    fail "$what: removed $dir"
  elif [[ $(ls -A -- "$dir") != "$dir_before" ]]; then
    fail "$what: left in $dir: $(comm -13 <(printf '%s\n' "$dir_before" | sort) \
      <(ls -A -- "$dir" | sort) | tr '\n' ' ')"
  fi
}

# accepted ARGS...: the limits are inclusive: carecast ARGS exits 0
accepted() {
  timeout 120 "$carecast" "$@" > "$io/stdout" 2> "$io/stderr"
  local got=$?
  [[ $got == 0 ]] || fail "carecast $*: exit code $got, not 0: $(head -n 1 "$io/stderr")"
}

# Hostile inputs.
: > "$in/empty.toml"
: > "$in/empty.csv"
head -c 4096 /dev/urandom > "$in/random.toml"
head -c 4096 /dev/urandom > "$in/random.csv"
head -c 1000 /dev/zero > "$in/zeros.toml"
max_bytes=$((4 * 1024 * 1024))
pad() { # FILE BYTES: FILE grown to BYTES with short TOML comment lines
  local n=$(($2 - $(stat -c %s "$1")))
  { yes '# padding, a short comment line' | head -c $((n - 1)); echo; } >> "$1"
}
cp "$S" "$in/four_mib.toml" && pad "$in/four_mib.toml" $max_bytes
cp "$S" "$in/over_four_mib.toml" && pad "$in/over_four_mib.toml" $((max_bytes + 1))
cp "$history" "$in/over_four_mib.csv" && pad "$in/over_four_mib.csv" $((max_bytes + 1))
cp "$actuals" "$in/over_four_mib_actuals.csv" && pad "$in/over_four_mib_actuals.csv" $((max_bytes + 1))
long_line() { # BYTES: a TOML comment line of BYTES bytes, newline aside
  printf '#%s\n' "$(head -c $(($1 - 1)) /dev/zero | tr '\0' x)"
}
{ cat "$S"; long_line 4096; } > "$in/line_4096.toml"
{ cat "$S"; long_line 4097; } > "$in/line_4097.toml"
{ long_line 5000; cat "$S"; } > "$in/long_first_line.toml"
printf 'extends = "no_such_base.toml"\n' > "$in/extends_missing.toml"
printf 'not a scenario\n' > "$in/init_target.toml"
cp "$in/init_target.toml" "$orig/"
no_scenario=$in/no_such_scenario.toml
no_csv=$in/no_such_file.csv

# Preconditions: the files are what the cases below assume.
[[ $(stat -c %s "$in/four_mib.toml") == "$max_bytes" ]] || fail "four_mib.toml is not 4 MiB"
[[ $(stat -c %s "$in/over_four_mib.toml") == $((max_bytes + 1)) ]] || fail "over_four_mib.toml is not 4 MiB + 1"
[[ $(awk '{ print length($0) }' "$in/over_four_mib.toml" | sort -n | tail -n 1) -le 4096 ]] \
  || fail "over_four_mib.toml has a line over 4096 bytes"
cheapest=$("$carecast" compare "$S" --format csv \
  | awk -F, '$5 == "npc" && (best == "" || $6 < low) { best = $2; low = $6 } END { print best }')
[[ $cheapest == transfer ]] || fail "the cheapest option of $S is '$cheapest', not transfer"

# The limits are inclusive: a file of exactly 4 MiB and a line of exactly 4096 bytes.
accepted validate "$in/four_mib.toml"
accepted validate "$in/line_4096.toml"

# --- Exit code 1: invalid input ---------------------------------------------------
cannot_read="^carecast: error: $(re "$no_scenario"): cannot read scenario file"
expect 1 -m "$cannot_read" -- compare "$no_scenario"
expect 1 -m "$cannot_read" -- validate "$no_scenario"
expect 1 -m "$cannot_read" -- simulate "$no_scenario" --draws 100
expect 1 -m "$cannot_read" -- compare "$no_scenario" --format csv -o "$out/never.csv"
expect 1 -m "^carecast: error: $(re "$in"): cannot read scenario file" -- run "$in"
expect 1 -m "^carecast: error: $(re "$in"): cannot read scenario file" -- params "$in"
expect 1 -m "^carecast: error: $(re "$in/extends_missing.toml"):1:[0-9]+: cannot read scenario file" \
  -- compare "$in/extends_missing.toml"
expect 1 -m "^carecast: error: $(re "$no_csv"): cannot read CSV file" \
  -- backtest "$S17" --actuals "$no_csv"
expect 1 -m "^carecast: error: $(re "$no_csv"): cannot read CSV file" -- calibrate "$no_csv"
expect 1 -m "^carecast: error: $(re "$in"): cannot read CSV file" -- backtest "$S17" --actuals "$in"
expect 1 -m "^carecast: error: $(re "$in"): cannot read CSV file" -- calibrate "$in"
expect 1 -m "^carecast: error: $(re "$in/empty.toml"):1:1: " -- run "$in/empty.toml"
expect 1 -m "^carecast: error: $(re "$in/empty.csv"):1:1: the file is empty" -- calibrate "$in/empty.csv"
expect 1 -m "^carecast: error: $(re "$in/empty.csv"):1:1: the file is empty" \
  -- backtest "$S17" --actuals "$in/empty.csv"
expect 1 -m "^carecast: error: $(re "$in/random.toml"):[0-9]+:[0-9]+: " \
  -- simulate "$in/random.toml" --draws 100
expect 1 -m "^carecast: error: $(re "$in/zeros.toml"):1:1: " -- validate "$in/zeros.toml"
expect 1 -m "^carecast: error: $(re "$in/random.csv"):[0-9]+:[0-9]+: " -- calibrate "$in/random.csv"
expect 1 -m "^carecast: error: $(re "$in/random.csv"):[0-9]+:[0-9]+: " \
  -- backtest "$S17" --actuals "$in/random.csv"
too_big='is 4194305 bytes; carecast reads files of at most 4194304 bytes \(4 MiB\)'
expect 1 -m "^carecast: error: $(re "$in/over_four_mib.toml"): .*$too_big" -- compare "$in/over_four_mib.toml"
expect 1 -m "^carecast: error: $(re "$in/over_four_mib.toml"): .*$too_big" -- validate "$in/over_four_mib.toml"
expect 1 -m "^carecast: error: $(re "$in/over_four_mib.csv"): .*$too_big" -- calibrate "$in/over_four_mib.csv"
expect 1 -m "^carecast: error: $(re "$in/over_four_mib_actuals.csv"): .*$too_big" \
  -- backtest "$S17" --actuals "$in/over_four_mib_actuals.csv"
too_long=': line is longer than 4096 bytes'
expect 1 -m "^carecast: error: $(re "$in/line_4097.toml"):[0-9]+:4097$too_long" -- validate "$in/line_4097.toml"
expect 1 -m "^carecast: error: $(re "$in/long_first_line.toml"):1:4097$too_long" \
  -- explain "$in/long_first_line.toml" --year 2022/23

# Each broken input, located at FILE:LINE:COL: every scenario by simulate (a
# correlation matrix is checked only then), and a few by the other subcommands.
count=0
for input in tests/broken/*; do
  located="^carecast: error: $(re "$input"):[0-9]+:[0-9]+: "
  case $input in
    *.toml) expect 1 -m "$located" -- simulate "$input" --draws 100 ;;
    */actuals_*.csv) expect 1 -m "$located" -- backtest "$S17" --actuals "$input" --draws 100 ;;
    */history_*.csv) expect 1 -m "$located" -- calibrate "$input" ;;
    */ledger_*.csv) expect 1 -m "$located" -- outturn "$S" --actuals "$input" ;;
    *) fail "$input: no command checks this kind of input"; continue ;;
  esac
  count=$((count + 1))
done
[[ $count -gt 0 ]] || fail "no broken inputs were found"

# A fit whose figures a scenario does not accept: exit code 1, the reason located at the
# column's header, the table and residuals still on standard output, and no fragment:
# -o's file as it was, or not created.
for refused in tests/golden/history_fast_growth.csv tests/golden/history_negative_move.csv; do
  printf 'kept\n' > "$io/fragment.toml"
  for target in "$io/fragment.toml" "$io/no_fragment.toml"; do
    what="carecast calibrate $refused -o $target"
    "$carecast" calibrate "$refused" -o "$target" > "$io/stdout" 2> "$io/stderr"
    code=$?
    [[ $code == 1 ]] || fail "$what: exit code $code, not 1"
    check_stderr "$what" "$io/stderr" "^carecast: error: $(re "$refused"):1:[0-9]+: .*no fragment is written"
    grep -q '^No TOML fragment' "$io/stdout" || fail "$what: the fit's report was not printed"
  done
  [[ $(cat "$io/fragment.toml") == kept ]] || fail "calibrate $refused changed -o's file"
  [[ ! -e $io/no_fragment.toml ]] || fail "calibrate $refused created -o's file"
done
at_position() { echo "^carecast: error: $(re "$1"):[0-9]+:[0-9]+: "; }
B=tests/broken
expect 1 -m "$(at_position $B/syntax_error.toml)" -- compare $B/syntax_error.toml
expect 1 -m "$(at_position $B/unknown_keys.toml)" -- run $B/unknown_keys.toml --format csv -o "$out/never.csv"
expect 1 -m "$(at_position $B/variant_typo.toml)" -- explain $B/variant_typo.toml --year 2022/23
expect 1 -m "$(at_position $B/rate_as_percent.toml)" -- sensitivity $B/rate_as_percent.toml
expect 1 -m "$(at_position $B/uncertainty_mistakes.toml)" -- sobol $B/uncertainty_mistakes.toml --samples 100
expect 1 -m "$(at_position $B/uncertainty_unknown_parameter.toml)" \
  -- sobol $B/uncertainty_unknown_parameter.toml --samples 100
expect 1 -m "$(at_position $B/option_cycle.toml)" -- summary $B/option_cycle.toml
expect 1 -m "$(at_position $B/ladder_matrix.toml)" -- params $B/ladder_matrix.toml
expect 1 -m "$(at_position $B/undefined_references.toml)" -- diff "$S" $B/undefined_references.toml
expect 1 -m "$(at_position $B/dates_and_types.toml)" -- validate $B/dates_and_types.toml
expect 1 -m "$(at_position $B/unknown_keys.toml)" -- backtest $B/unknown_keys.toml --actuals "$actuals"

# --- Exit code 2: usage errors ----------------------------------------------------
# Every usage error has one form: 'carecast: error:', the problem, and where to look.
expect 2 -m "^carecast: error: unknown subcommand 'frobnicate' \\(carecast help lists them\\)$" \
  -- frobnicate "$S"
expect 2 -m "^carecast: error: unknown subcommand 'comapre'; did you mean 'compare'\\?" -- comapre "$S"
expect 2 -m "^carecast: error: unknown subcommand 'comapre'; did you mean 'compare'\\?" -- help comapre
expect 2 -m "^carecast: error: a command is required \\(carecast help lists them\\)$" -- --frob
expect 2 -m "^carecast: error: unknown flag '--frob' for 'carecast compare' \\(carecast compare --help lists its flags\\)$" -- compare "$S" --frob
expect 2 -m "^carecast: error: unknown flag '--formt' for 'carecast compare'; did you mean '--format'\\? " -- compare "$S" --formt csv
expect 2 -m "^carecast: error: unknown flag '--draw' for 'carecast simulate'; did you mean '--draws'\\? " -- simulate "$S" --draw=10
expect 2 -m "^carecast: error: unknown flag '--frob' for 'carecast calibrate' " -- calibrate "$history" --frob
expect 2 -m "^carecast: error: unknown flag '--frob' for 'carecast batch' " -- batch "$S" --out "$out/batch_never" --frob
expect 2 -m "^carecast: error: unexpected argument 'extra' \\(carecast compare --help\\)$" -- compare "$S" extra
expect 2 -m '^carecast: error: --format: nonsense not in ' -- compare "$S" --format nonsense
expect 2 -m '^carecast: error: --format: nonsense not in ' -- params "$S" --format nonsense -o "$out/never.csv"
expect 2 -m '^carecast: error: --format: xlsx not in ' -- summary "$S" --format xlsx -o "$out/never.xlsx"
expect 2 -m '^carecast: error: --color: ' -- compare "$S" --color purple
expect 2 -m '^carecast: error: --draws needs a value \(carecast simulate --help\)$' -- simulate "$S" --draws=
expect 2 -m '^carecast: error: --draws needs a value \(carecast simulate --help\)$' -- simulate "$S" --draws
expect 2 -m '^carecast: error: --format needs a value \(carecast compare --help\)$' -- compare "$S" --format=
expect 2 -m '^carecast: error: --actuals is required \(carecast backtest --help\)$' -- backtest "$S17"
expect 2 -m '^carecast: error: scenario is required \(carecast compare --help\)$' -- compare

# Numeric flags out of range: carecast's message, naming the flag and its range
# (check_numeric_flags.sh tries every numeric flag).
range_of_draws='must be a whole number from 2 to 10000000$'
expect 2 -m "^carecast: error: --draws 1: $range_of_draws" -- simulate "$S" --draws 1
expect 2 -m "^carecast: error: --draws 20000000: $range_of_draws" -- simulate "$S" --draws 20000000
expect 2 -m "^carecast: error: --draws 1: $range_of_draws" -- backtest "$S17" --actuals "$actuals" --draws 1
expect 2 -m '^carecast: error: --threads 0: ' -- simulate "$S" --draws 100 --threads 0
expect 2 -m '^carecast: error: --samples 1: ' -- sobol "$S" --samples 1
expect 2 -m '^carecast: error: --confidence 2: ' -- sobol "$S" --samples 100 --confidence 2
expect 2 -m '^carecast: error: --swing 2: ' -- sensitivity "$S" --swing 2
expect 2 -m '^carecast: error: --discount-rate abc: ' -- compare "$S" --discount-rate abc
expect 2 -m '^carecast: error: --jobs 0: ' -- batch "$S" --out "$out/batch_never" --jobs 0
expect 2 -m '^carecast: error: b is required \(carecast diff --help\)$' -- diff "$S"
expect 2 -m '^carecast: error: shell: tcsh not in \{bash,zsh,fish,powershell\}' -- completion tcsh
# The CLI's own usage errors.
no_option='^carecast: error: --option nope: the scenario has no such option'
expect 2 -m "$no_option" -- run "$S" --option nope
expect 2 -m "$no_option" -- summary "$S" --option nope
expect 2 -m "$no_option" -- explain "$S" --year 2022/23 --option nope
expect 2 -m '^carecast: error: --vs nope: the scenario has no such option' -- explain "$S" --year 2022/23 --vs nope
expect 2 -m "$no_option" -- backtest "$S17" --actuals "$actuals" --option nope --draws 100
expect 2 -m "$no_option" -- sensitivity "$S" --option nope
expect 2 -m '^carecast: error: --vs nope: the scenario has no such option' -- sensitivity "$S" --vs do_nothing,nope
expect 2 -m "$no_option" -- sobol "$S" --samples 100 --option nope -o "$out/never.csv"
expect 2 -m '^carecast: error: --require-cheapest nope: ' -- compare "$S" --require-cheapest nope
expect 2 -m '^carecast: error: --year 1999/00: ' -- compare "$S" --max-variance 0 --year 1999/00
expect 2 -m '^carecast: error: --year 1999/00: ' -- explain "$S" --year 1999/00
expect 2 -m '^carecast: error: --year ' -- run "$S" --year 2022/23
expect 2 -m '^carecast: error: --metric bogus: ' -- sensitivity "$S" --metric bogus
expect 2 -m '^carecast: error: --format xlsx writes a workbook, which needs -o' -- compare "$S" --format xlsx
already='already exists; use --force to replace it$'
expect 2 -k "$in/init_target.toml" -m "^carecast: error: $(re "$in/init_target.toml") $already" \
  -- init "$in/init_target.toml"
expect 2 -k "$in/dcst_2022.toml" -m "^carecast: error: $(re "$in/dcst_2022.toml") $already" \
  -- init "$in/dcst_2022.toml"
expect 2 -m "^carecast: error: $(re "$out/adir") $already" -- init "$out/adir"
# -o naming one of the run's own inputs: refused, and the input keeps its bytes.
own() { echo "^carecast: error: $(re "$1"): it is an input of this run"; }
expect 2 -m "$(own "$in/dcst_2022.toml")" -- compare "$in/dcst_2022.toml" -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- run "$in/dcst_2022.toml" --format csv -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- explain "$in/dcst_2022.toml" --year 2022/23 -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- simulate "$in/dcst_2022.toml" --draws 100 -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- sensitivity "$in/dcst_2022.toml" -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- sobol "$in/dcst_2022.toml" --samples 100 --format xlsx \
  -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- summary "$in/dcst_2022.toml" -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" -- params "$in/dcst_2022.toml" --format json -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" \
  -- diff "$in/dcst_2022.toml" "$in/dcst_2022_high_demand.toml" -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2022_high_demand.toml")" \
  -- diff "$in/dcst_2022.toml" "$in/dcst_2022_high_demand.toml" -o "$in/dcst_2022_high_demand.toml"
expect 2 -m "$(own "$in/dcst_2022.toml")" \
  -- simulate "$in/dcst_2022_high_inflation.toml" --draws 100 --format json -o "$in/dcst_2022.toml"
expect 2 -m "$(own "$in/dcst_2017.toml")" \
  -- backtest "$in/dcst_2017.toml" --actuals "$in/dcst_actuals.csv" --draws 100 -o "$in/dcst_2017.toml"
expect 2 -m "$(own "$in/dcst_actuals.csv")" \
  -- backtest "$in/dcst_2017.toml" --actuals "$in/dcst_actuals.csv" --draws 100 -o "$in/dcst_actuals.csv"
expect 2 -m "$(own "$in/example_ladder_history.csv")" \
  -- calibrate "$in/example_ladder_history.csv" -o "$in/example_ladder_history.csv"
expect 2 -m "$(own "$in/./dcst_2022.toml")" -- compare "$in/dcst_2022.toml" -o "$in/./dcst_2022.toml"
expect 2 -m "$(own "$in/link_to_dcst_2022.toml")" -- compare "$in/dcst_2022.toml" -o "$in/link_to_dcst_2022.toml"
expect 2 -m "$(own "$in/hard_link_to_dcst_2022.toml")" \
  -- compare "$in/dcst_2022.toml" -o "$in/hard_link_to_dcst_2022.toml"

# --- Exit code 3: a failed gate; the report is still written ----------------------
gate='^carecast: gate failed: '
expect 3 -r -m "$gate--require-cheapest do_nothing: option transfer " -- compare "$S" --require-cheapest do_nothing
expect 3 -r -m "$gate--require-cheapest contract_management: " \
  -- compare "$S" --require-cheapest contract_management --format csv -o "$out/gate_compare.csv"
expect 3 -r -m "$gate--max-variance 0: " -- compare "$S" --max-variance 0
expect 3 -r -m "$gate--max-variance 0: option transfer in 2023/24: " \
  -- run "$S" --option transfer --max-variance 0 --year 2023/24
expect 3 -r -m "$gate--max-variance -1000: " -- run "$S" --max-variance -1000 --format json -o "$out/gate_run.json"
expect 3 -r -m "$gate$(re "$S"): --require-cheapest do_nothing: " \
  -- batch "$S" --out "$out/batch_gate" --require-cheapest do_nothing
[[ -s $out/batch_gate/summary.csv && -s $out/batch_gate/dcst_2022.csv ]] \
  || fail "batch with a failed gate did not write its CSVs"

# --- Exit code 4: an output that cannot be written --------------------------------
for missing in "$out/missing/out" "$out/adir"; do
  if [[ $missing == "$out/adir" ]]; then
    cannot="^carecast: error: cannot write '$(re "$missing")': Is a directory"
  else
    cannot="^carecast: error: cannot write '$(re "$missing")'"
  fi
  expect 4 -m "$cannot" -- compare "$S" --format csv -o "$missing"
  expect 4 -m "$cannot" -- run "$S" -o "$missing"
  expect 4 -m "$cannot" -- explain "$S" --year 2022/23 --format json -o "$missing"
  expect 4 -m "$cannot" -- simulate "$S" --draws 100 --format csv -o "$missing"
  expect 4 -m "$cannot" -- sensitivity "$S" -o "$missing"
  expect 4 -m "$cannot" -- sobol "$S" --samples 100 -o "$missing"
  expect 4 -m "$cannot" -- backtest "$S17" --actuals "$actuals" --draws 100 --format csv -o "$missing"
  expect 4 -m "$cannot" -- diff "$S" scenarios/dcst_2022_high_demand.toml -o "$missing"
  expect 4 -m "$cannot" -- summary "$S" --format json -o "$missing"
  expect 4 -m "$cannot" -- params "$S" -o "$missing"
  expect 4 -m "$cannot" -- calibrate "$history" -o "$missing"
done
expect 4 -m "^carecast: error: cannot write '$(re "$out/adir")': Is a directory" \
  -- compare "$S" --format xlsx -o "$out/adir"
expect 4 -m "^carecast: error: cannot write '$(re "$out/adir")': Is a directory" \
  -- simulate "$S" --draws 100 --format xlsx -o "$out/adir"
# A workbook into a missing folder: carecast's message alone, with the system's reason.
for command in "compare $S" "run $S" "simulate $S --draws 100" "sensitivity $S" \
  "sobol $S --samples 100"; do
  # shellcheck disable=SC2086 # each entry is a subcommand and its arguments
  expect 4 -m "^carecast: error: cannot write '$(re "$out/missing/x.xlsx")': No such file or directory$" \
    -- $command --format xlsx -o "$out/missing/x.xlsx"
done
expect 4 -m "^carecast: error: cannot write '$(re "$out/missing/new.toml")'" -- init "$out/missing/new.toml"
[[ ! -e $out/missing ]] || fail "init created $out/missing"
expect 4 -m "^carecast: error: cannot write '$(re "$out/adir")': Is a directory" -- init "$out/adir" --force
expect 4 -k "$in/init_target.toml" -m "^carecast: error: cannot create the output directory " \
  -- batch "$S" --out "$in/init_target.toml"

# No run changed an input.
for file in "$orig"/*; do
  cmp -s "$file" "$in/$(basename "$file")" || fail "$in/$(basename "$file") was changed"
done
[[ -z $(ls -A "$out/adir") ]] || fail "$out/adir is not empty"
exit $failed
