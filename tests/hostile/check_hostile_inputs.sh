#!/bin/bash
# Hostile scenario inputs get a clear, located error and never a crash, a hang or an
# unbounded allocation: deep nesting, an oversized file, NaN and infinite literals,
# negative children and prices, absurd horizons, draws above the cap, long or cyclic
# `extends` chains, figures and uncertain draws that overflow, control characters and
# very long lines. Each run exits 1 (2 for the draws above the cap) with
# `carecast: error: FILE:LINE:COL: ...` on stderr (`FILE: ...` for a file too big to
# read) naming the problem, writes nothing to standard output or to its -o file, and
# shows no crash, assertion, uncaught exception, sanitizer report or control byte.
# Every run is limited to 60 seconds and about 4 GB of address space, so that a hang
# or a runaway allocation fails the check instead of the machine. Every hostile input
# is made here, in WORK_DIR, from scenarios/dcst_2022.toml (and dcst_2017.toml).
# Run from the repository root: check_hostile_inputs.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"

in=$work/in     # the hostile inputs
out=$work/out   # where -o points: stays empty
io=$work/io     # each run's standard output and error
mkdir -p "$in" "$out" "$io"

S=scenarios/dcst_2022.toml
S17=scenarios/dcst_2017.toml
actuals=data/dcst_actuals.csv
seconds=60

at() { # FILE: the start of a message located at FILE:LINE:COL
  echo "^carecast: error: $(re "$1"):[0-9]+:[0-9]+: "
}
where() { # FILE BEFORE AFTER: LINE:COL of AFTER on the first line of FILE holding BEFORE AFTER
  awk -v b="$2" -v a="$3" '(i = index($0, b a)) { print NR ":" i + length(b); found = 1; exit }
    END { if (!found) print "not-found" }' "$1"
}
at_value() { # FILE BEFORE AFTER: the start of a message located at AFTER in FILE
  echo "^carecast: error: $(re "$1"):$(where "$@"): "
}
replace() { # FROM TO OLD NEW: TO is FROM with its one occurrence of OLD replaced by NEW
  python3 - "$@" << 'EOF' || fail "could not make $2 from $1"
import sys
src, dst, old, new = sys.argv[1:5]
text = open(src, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"{src}: {old!r} occurs {text.count(old)} times, not once")
open(dst, "w", encoding="utf-8").write(text.replace(old, new))
EOF
}
longest_line() { # FILE: the length in bytes of FILE's longest line
  LC_ALL=C awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' "$1"
}

# A sanitized build reserves terabytes of address space, so ulimit -v would stop it
# from starting: it gets the sanitizer's own ceiling on memory instead.
sanitized=0
if ldd "$carecast" 2> /dev/null | grep -q 'libasan\|libubsan' || grep -qa '__asan_init' "$carecast"; then
  sanitized=1
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=4000:max_allocation_size_mb=4000"
elif ! (ulimit -v 4000000) 2> /dev/null; then
  fail "cannot set a memory ceiling with ulimit -v 4000000"
fi

# limited ARGS...: carecast ARGS within $seconds and about 4 GB of address space; sets
# got to its exit code, its output in $io/stdout and $io/stderr.
limited() {
  if ((sanitized)); then
    timeout "$seconds" "$carecast" "$@"
  else
    (ulimit -v 4000000 2> /dev/null; exec timeout "$seconds" "$carecast" "$@")
  fi > "$io/stdout" 2> "$io/stderr"
  got=$?
}

# expect CODE ERE [-q MAX] [-o FILE] -- ARGS...: run carecast ARGS and check that
#   - it finished in time and was not killed by a signal, and exited CODE;
#   - the first line of stderr matches ERE;
#   - with -q MAX, the quoted source line (stderr's second line) is at most MAX bytes,
#     cut with '...', and the caret under it points at a character of it;
#   - standard output is empty and, with -o FILE, FILE was not created and $out is
#     still empty;
#   - stderr shows no crash, assertion, uncaught exception or stack trace, and has no
#     control byte but tab and newline.
expect() {
  local code=$1 first=$2 quoted=0 never=""
  shift 2
  while [[ $# -gt 0 && $1 != -- ]]; do
    case $1 in
      -q) quoted=$2; shift 2 ;;
      -o) never=$2; shift 2 ;;
      *) fail "expect: unknown flag $1"; return ;;
    esac
  done
  shift
  local what="carecast $*"
  limited "$@"
  if ((got == 124)); then
    fail "$what: timed out after $seconds seconds"
  elif ((got >= 128)); then
    fail "$what: killed by signal $((got - 128)): $(head -c 300 "$io/stderr")"
  elif [[ $got != "$code" ]]; then
    fail "$what: exit code $got, not $code: $(head -n 1 "$io/stderr" | head -c 300)"
  fi
  [[ ! -s $io/stdout ]] || fail "$what: wrote to standard output: $(head -c 200 "$io/stdout")"
  check_stderr "$what" "$io/stderr" "$first" || return
  if ((quoted)); then
    local line caret
    line=$(sed -n 2p "$io/stderr")
    caret=$(sed -n 3p "$io/stderr")
    [[ $(printf '%s' "$line" | LC_ALL=C wc -c) -le $quoted ]] \
      || fail "$what: the quoted line is $(printf '%s' "$line" | LC_ALL=C wc -c) bytes, over $quoted"
    [[ $line == *...* ]] || fail "$what: the quoted line is not cut with '...': ${line:0:200}"
    [[ $caret =~ ^\ *\^$ && ${#caret} -le ${#line} && ${line:${#caret}-1:1} != " " ]] \
      || fail "$what: the caret '$caret' does not point into the quoted line"
  fi
  if LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]' "$io/stderr"; then
    fail "$what: stderr has control bytes: $(LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]' "$io/stderr" \
      | head -n 2 | od -c | head -n 4)"
  fi
  if [[ -n $never ]]; then
    [[ ! -e $never && ! -L $never ]] || fail "$what: created $never"
  fi
  [[ -z $(ls -A "$out") ]] || fail "$what: left in $out: $(ls -A "$out" | tr '\n' ' ')"
}

# accepted ARGS...: a limit is inclusive: carecast ARGS exits 0 in time
accepted() {
  limited "$@"
  [[ $got == 0 ]] || fail "carecast $*: exit code $got, not 0: $(head -n 1 "$io/stderr" | head -c 300)"
}

# The scenarios are what the cases below assume.
accepted validate "$S"
accepted validate "$S17"

# --- 1. Deep nesting ------------------------------------------------------------------
# deep FILE PREFIX OPEN CLOSE N SUFFIX: dcst_2022.toml, then a line PREFIX, OPEN N times,
# '1', CLOSE N times and SUFFIX ('\n' in OPEN or CLOSE spreads them over lines).
deep() {
  python3 - "$S" "$@" << 'EOF' || fail "could not make $1"
import sys
src, dst, prefix, opening, closing, n, suffix = sys.argv[1:8]
unescape = lambda s: s.replace("\\n", "\n")
n = int(n)
text = open(src, encoding="utf-8").read()
text += "\n" + prefix + unescape(opening) * n + "1" + unescape(closing) * n + unescape(suffix)
open(dst, "w", encoding="utf-8").write(text)
EOF
}
dotted() { # N: a table path of N dotted parts 'a'
  python3 -c 'import sys; print(".".join(["a"] * int(sys.argv[1])))' "$1"
}
{ cat "$S"; printf '\n[%s]\nx = 1\n' "$(dotted 60000)"; } > "$in/header_60000_parts.toml"
deep "$in/inline_100000_deep.toml" 'a = ' '{x=' '}' 100000 '\n'
deep "$in/array_100000_deep.toml" 'a = ' '[' ']' 100000 '\n'
deep "$in/array_300_deep_lines.toml" 'a = ' '[\n' '\n]' 300 '\n'
deep "$in/array_100000_deep_lines.toml" 'a = ' '[\n' '\n]' 100000 '\n'
deep "$in/inline_300_deep.toml" 'a = ' '{x=' '}' 300 '\n'
deep "$in/mixed_100000_deep_lines.toml" 'a = [' '\n{x=[' '\n]}' 50000 '\n]\n'
deep "$in/array_255_deep.toml" 'a = ' '[' ']' 255 '\n'
{ cat "$S"; printf '\n[%s]\nx = 1\n' "$(dotted 2000)"; } > "$in/header_2000_parts.toml"
printf '[%s]\nx = 1\n' "$(dotted 2000)" > "$in/header_2000_parts_alone.toml"
{ cat "$S"; printf '\n[lines.staffing.%s]\nx = 1\n' "$(dotted 2000)"; } > "$in/header_2000_parts_in_line.toml"
printf 'extends = "dcst_2022.toml"\n\n[lines.staffing.%s]\nx = 1\n' "$(dotted 2000)" \
  > "$in/header_2000_parts_variant.toml"
cp "$S" "$in/dcst_2022.toml"
for f in header_60000_parts inline_100000_deep array_100000_deep; do
  [[ $(longest_line "$in/$f.toml") -gt 4096 ]] || fail "$f.toml has no line over 4096 bytes"
done
for f in array_300_deep_lines array_100000_deep_lines inline_300_deep mixed_100000_deep_lines \
  array_255_deep header_2000_parts header_2000_parts_alone header_2000_parts_in_line; do
  [[ $(longest_line "$in/$f.toml") -le 4096 ]] || fail "$f.toml has a line over 4096 bytes"
done
[[ $(longest_line "$in/header_2000_parts_alone.toml") -eq 4001 ]] \
  || fail "header_2000_parts_alone.toml's header is not 4001 bytes"

too_long=': line is longer than 4096 bytes; carecast reads scenario lines of at most 4096 bytes'
for f in header_60000_parts inline_100000_deep array_100000_deep; do
  line=$(($(wc -l < "$S") + 2))
  expect 1 "^carecast: error: $(re "$in/$f.toml"):$line:4097$too_long" -- validate "$in/$f.toml"
done
expect 1 "^carecast: error: $(re "$in/header_60000_parts.toml"):[0-9]+:4097$too_long" \
  -- simulate "$in/header_60000_parts.toml" --draws 10
nested='exceeded maximum nested value depth of 256'
for f in array_300_deep_lines array_100000_deep_lines inline_300_deep mixed_100000_deep_lines; do
  expect 1 "$(at "$in/$f.toml").*$nested" -- validate "$in/$f.toml"
done
expect 1 "$(at "$in/array_100000_deep_lines.toml").*$nested" \
  -- simulate "$in/array_100000_deep_lines.toml" --draws 10
expect 1 "$(at "$in/array_255_deep.toml")unknown key 'a' in " -- validate "$in/array_255_deep.toml"
expect 1 "$(at "$in/header_2000_parts.toml")unknown key 'a' in the top level" \
  -- validate "$in/header_2000_parts.toml"
expect 1 "^carecast: error: $(re "$in/header_2000_parts_alone.toml"):1:1: missing table \[scenario\]" \
  -- validate "$in/header_2000_parts_alone.toml"
expect 1 "$(at "$in/header_2000_parts_in_line.toml")unknown key 'a' in \[lines\.staffing\]" \
  -- simulate "$in/header_2000_parts_in_line.toml" --draws 10
expect 1 "$(at "$in/header_2000_parts_variant.toml")'lines\.staffing\.a' does not exist in the extended scenario" \
  -- validate "$in/header_2000_parts_variant.toml"

# --- 2. An oversized file ---------------------------------------------------------------
cp "$S" "$in/over_four_mib.toml"
yes '# a short comment line' | head -n 200000 >> "$in/over_four_mib.toml"
size=$(stat -c %s "$in/over_four_mib.toml")
[[ $size -gt 4194304 && $(longest_line "$in/over_four_mib.toml") -le 4096 ]] \
  || fail "over_four_mib.toml is not over 4 MiB in short lines"
too_big="is $size bytes; carecast reads files of at most 4194304 bytes \\(4 MiB\\)$"
for command in validate compare "simulate --draws 10" sensitivity; do
  read -ra c <<< "$command"
  expect 1 "^carecast: error: $(re "$in/over_four_mib.toml"): scenario file '$(re "$in/over_four_mib.toml")' $too_big" \
    -- "${c[0]}" "$in/over_four_mib.toml" "${c[@]:1}"
done
printf 'extends = "over_four_mib.toml"\n' > "$in/extends_over_four_mib.toml"
expect 1 "^carecast: error: $(re "$in/extends_over_four_mib.toml"):1:11: scenario file '[^']*over_four_mib\.toml' $too_big" \
  -- validate "$in/extends_over_four_mib.toml"
# A file that never ends: refused, not read until memory runs out.
ln -s /dev/zero "$in/endless.toml"
expect 1 "^carecast: error: $(re "$in/endless.toml"): cannot read scenario file" -- validate "$in/endless.toml"

# --- 3. NaN and infinite literals -------------------------------------------------------
not_finite='must be a finite number$'
for v in nan inf -inf +nan; do
  replace "$S" "$in/base_$v.toml" 'base = { value = 24.60,' "base = { value = $v,"
  replace "$S" "$in/rate_$v.toml" 'rates."2022/23" = { value = 0.040,' "rates.\"2022/23\" = { value = $v,"
  replace "$S" "$in/weekly_cost_$v.toml" 'weekly_cost = { value = 820,' "weekly_cost = { value = $v,"
  for command in validate simulate; do
    extra=()
    [[ $command == simulate ]] && extra=(--draws 10)
    f=$in/base_$v.toml
    expect 1 "$(at_value "$f" 'base = { value = ' "$v,")'lines\.staffing\.base' $not_finite" \
      -- $command "$f" "${extra[@]}"
    f=$in/rate_$v.toml
    expect 1 "$(at_value "$f" 'rates."2022/23" = { value = ' "$v,")'indices\.demand\.rates\.2022/23' $not_finite" \
      -- $command "$f" "${extra[@]}"
    f=$in/weekly_cost_$v.toml
    expect 1 "$(at_value "$f" 'weekly_cost = { value = ' "$v,")'ladder\.types\.ifa\.weekly_cost' $not_finite" \
      -- $command "$f" "${extra[@]}"
  done
done

# --- 4. Negative children and prices ----------------------------------------------------
replace "$S" "$in/negative_children.toml" 'children = { value = 176,' 'children = { value = -176,'
replace "$S" "$in/negative_weekly_cost.toml" 'weekly_cost = { value = 350,' 'weekly_cost = { value = -350,'
replace "$S" "$in/negative_entries.toml" 'per_year = { value = 187,' 'per_year = { value = -187,'
for command in validate compare; do
  f=$in/negative_children.toml
  expect 1 "$(at_value "$f" 'children = { value = ' '-176,')'ladder\.types\.in_house_fostering\.children' = -176 must not be negative$" \
    -- $command "$f"
  f=$in/negative_weekly_cost.toml
  expect 1 "$(at_value "$f" 'weekly_cost = { value = ' '-350,')'ladder\.types\.in_house_fostering\.weekly_cost' = -350 must not be negative$" \
    -- $command "$f"
  f=$in/negative_entries.toml
  expect 1 "$(at_value "$f" 'per_year = { value = ' '-187,')'ladder\.entries\.per_year' = -187 must not be negative$" \
    -- $command "$f"
done

# --- 5. Absurd horizons -----------------------------------------------------------------
for h in 2520/21 2052/53 2051/52 2050/51 2020/21; do
  replace "$S" "$in/horizon_${h%/*}.toml" 'horizon = "2026/27"' "horizon = \"$h\""
done
horizon_at() { at_value "$in/horizon_${1%/*}.toml" 'horizon = ' "\"$1\""; }
expect 1 "$(horizon_at 2520/21)'scenario\.horizon' = \"2520/21\" is not a financial year" \
  -- validate "$in/horizon_2520.toml"
expect 1 "$(horizon_at 2520/21)'scenario\.horizon' = \"2520/21\" is not a financial year" \
  -- simulate "$in/horizon_2520.toml" --draws 10
spans='the scenario spans more than 30 financial years from its base year to its horizon$'
for h in 2052/53 2051/52; do
  expect 1 "$(horizon_at $h)$spans" -- validate "$in/horizon_${h%/*}.toml"
  expect 1 "$(horizon_at $h)$spans" -- simulate "$in/horizon_${h%/*}.toml" --draws 10
done
accepted validate "$in/horizon_2050.toml" # 30 financial years, 2021/22 to 2050/51
expect 1 "$(horizon_at 2020/21)horizon 2020/21 is before the base year 2021/22$" \
  -- validate "$in/horizon_2020.toml"
expect 1 "$(horizon_at 2020/21)horizon 2020/21 is before the base year 2021/22$" -- compare "$in/horizon_2020.toml"

# --- 6. Draws above the cap: a usage error naming the range ------------------------------
draws_range='must be a whole number from 2 to 10000000$'
expect 2 "^carecast: error: --draws 10000001: $draws_range" -- simulate "$S" --draws 10000001
expect 2 "^carecast: error: --draws 99999999999999999999: $draws_range" \
  -- simulate "$S" --draws 99999999999999999999
expect 2 "^carecast: error: --draws 10000001: $draws_range" \
  -- backtest "$S17" --actuals "$actuals" --draws 10000001

# --- 7. extends chains ------------------------------------------------------------------
# link_1.toml extends link_2.toml ... extends link_10.toml, a copy of dcst_2022.toml:
# 10 files and 9 links, one more than the 8 allowed; from link_2.toml, 8 links.
mkdir -p "$in/chain"
for i in $(seq 1 9); do
  printf 'extends = "link_%d.toml"\n' $((i + 1)) > "$in/chain/link_$i.toml"
done
cp "$S" "$in/chain/link_10.toml"
expect 1 "^carecast: error: $(re "$in/chain/link_9.toml"):1:11: 'extends' chain has more than 8 links$" \
  -- validate "$in/chain/link_1.toml"
expect 1 "^carecast: error: $(re "$in/chain/link_9.toml"):1:11: 'extends' chain has more than 8 links$" \
  -- simulate "$in/chain/link_1.toml" --draws 10
accepted validate "$in/chain/link_2.toml"
printf 'extends = "self.toml"\n' > "$in/chain/self.toml"
printf 'extends = "./self_dot.toml"\n' > "$in/chain/self_dot.toml"
printf 'extends = "mutual_b.toml"\n' > "$in/chain/mutual_a.toml"
printf 'extends = "mutual_a.toml"\n' > "$in/chain/mutual_b.toml"
mkdir -p "$in/chain/a_directory"
printf 'extends = "a_directory"\n' > "$in/chain/directory.toml"
printf 'extends = "no_such_base.toml"\n' > "$in/chain/missing.toml"
cycle() { # FILE WHICH: a message at FILE's extends saying WHICH is already being extended
  echo "^carecast: error: $(re "$1"):1:11: 'extends' makes a cycle: '[^']*$(re "$2")' is already being extended$"
}
expect 1 "$(cycle "$in/chain/self.toml" self.toml)" -- validate "$in/chain/self.toml"
expect 1 "$(cycle "$in/chain/self_dot.toml" self_dot.toml)" -- validate "$in/chain/self_dot.toml"
expect 1 "$(cycle "$in/chain/mutual_b.toml" mutual_a.toml)" -- validate "$in/chain/mutual_a.toml"
expect 1 "$(cycle "$in/chain/mutual_a.toml" mutual_b.toml)" -- compare "$in/chain/mutual_b.toml"
expect 1 "^carecast: error: $(re "$in/chain/directory.toml"):1:11: cannot read scenario file '[^']*a_directory'$" \
  -- validate "$in/chain/directory.toml"
expect 1 "^carecast: error: $(re "$in/chain/missing.toml"):1:11: cannot read scenario file '[^']*no_such_base\.toml'$" \
  -- validate "$in/chain/missing.toml"

# --- 8. Values that overflow ------------------------------------------------------------
# Without the calibration to a known base-year total, which would scale the line back.
grep -v '^known_base_year = ' "$S" > "$in/uncalibrated.toml"
replace "$in/uncalibrated.toml" "$in/base_1e308.toml" 'base = { value = 24.60,' 'base = { value = 1e308,'
overflow="which is not a finite number: its figures are too large to compute with \\(the largest is 'lines\\.staffing\\.base' = 1e\\+308\\)$"
for command in validate compare run summary params "simulate --draws 100" sensitivity \
  "sobol --samples 64" "explain --year 2022/23"; do
  read -ra c <<< "$command"
  expect 1 "$(at_value "$in/base_1e308.toml" 'base = { value = ' '1e308,').*$overflow" \
    -- "${c[0]}" "$in/base_1e308.toml" "${c[@]:1}"
done
# A distribution reaching outside its parameter's domain is refused where it is stated,
# by every command: a lognormal (no upper end) on a rate, a uniform from -500 on
# entries a year.
replace "$S" "$in/lognormal_rate.toml" \
  $'distribution = "normal"\nmean = 0.074\nsd = 0.010\nlow = 0.040\nhigh = 0.114\n' \
  $'distribution = "lognormal"\nmedian = 0.074\nsigma = 0.5\n'
replace "$S" "$in/negative_entries.toml" \
  $'distribution = "pert"\nlow = 157\nmode = 187\n' $'distribution = "uniform"\nlow = -500\n'
for command in validate compare "simulate --draws 100" sensitivity "sobol --samples 64"; do
  read -ra c <<< "$command"
  expect 1 "$(at_value "$in/lognormal_rate.toml" '[uncertainty.' 'cpi_2022_23]')'uncertainty\.cpi_2022_23', lognormal\(median 0\.074, sigma 0\.5\), draws 'indices\.prices\.rates\.2022/23' from 0 to inf, but the scenario accepts between -1 and 1 for it: bound the distribution inside that, or write 'truncate = true' to draw only there$" \
    -- "${c[0]}" "$in/lognormal_rate.toml" "${c[@]:1}"
  expect 1 "$(at_value "$in/negative_entries.toml" '[uncertainty.' 'entries]').*draws 'ladder\.entries\.per_year' from -500 to 246, but the scenario accepts 0 or more for it" \
    -- "${c[0]}" "$in/negative_entries.toml" "${c[@]:1}"
done
# With `truncate = true` the same distribution is drawn only inside the domain.
replace "$in/lognormal_rate.toml" "$in/lognormal_rate_truncated.toml" $'sigma = 0.5\n' \
  $'sigma = 0.5\ntruncate = true\n'
accepted simulate "$in/lognormal_rate_truncated.toml" --draws 200

# An uncertain input whose draws overflow: lognormal with a sigma of 400 on an amount,
# whose domain has no upper end. A draw that is not a finite number is refused before
# it is evaluated; a finite draw whose figures overflow is refused after.
replace "$S" "$in/lognormal_overflow.toml" $'median = 1.5\nsigma = 0.35\n' $'median = 1.5\nsigma = 400\n'
accepted validate "$in/lognormal_overflow.toml"
f=$in/lognormal_overflow.toml
drawn="$(at_value "$f" 'amount = { value = ' '1.50, assumption = "The report does not cost')"
not_written="nothing is written: .*'options\.transfer\.overlays\.transition_costs\.amount' \(uncertain input 'transition_costs'\) is (inf|[0-9.]+e\+[0-9]+)"
for command in "simulate --draws 1000" "simulate --draws 1000 --threads 3 --format csv" \
  "sensitivity" "sensitivity --format json" "sobol --samples 64" "simulate --draws 1000 --format xlsx"; do
  case $command in
    simulate*) phrase="${drawn}draw [0-9]+ .*$not_written" ;;
    *) phrase="${drawn}evaluation [0-9]+ .*$not_written" ;;
  esac
  never=$out/never
  [[ $command == *xlsx ]] && never=$out/never.xlsx
  read -ra c <<< "$command"
  [[ $command == *xlsx ]] || expect 1 "$phrase" -- "${c[0]}" "$f" "${c[@]:1}"
  expect 1 "$phrase" -o "$never" -- "${c[0]}" "$f" "${c[@]:1}" -o "$never"
done
if grep -q '^\[uncertainty\.' "$S17"; then
  replace "$S17" "$in/lognormal_overflow_2017.toml" \
    $'parameter = "ladder.entries.per_year"\ndistribution = "triangular"\nlow = 185.0\nmode = 212.0\nhigh = 240.0\n' \
    $'parameter = "ladder.entries.per_year"\ndistribution = "lognormal"\nmedian = 212.0\nsigma = 400\n'
  f=$in/lognormal_overflow_2017.toml
  phrase="$(at_value "$f" 'per_year = { value = ' '212, source')draw [0-9]+ is not a scenario carecast accepts, so nothing is written: 'ladder\.entries\.per_year' \(uncertain input 'entries_2017'\) is inf, which is not a finite number"
  expect 1 "$phrase" -- backtest "$f" --actuals "$actuals" --draws 1000
  expect 1 "$phrase" -o "$out/never.csv" -- backtest "$f" --actuals "$actuals" --draws 1000 -o "$out/never.csv"
  expect 1 "$phrase" -o "$out/never.csv" -- backtest "$f" --actuals "$actuals" --format csv -o "$out/never.csv"
fi

# --- 9. Control characters --------------------------------------------------------------
{ cat "$S"; printf 'bogus = "a\x1b[31mred\x00\x00x"\n'; } > "$in/control_string.toml"
{ cat "$S"; printf 'bo\x1b[2Jgus = 1\n'; } > "$in/control_key.toml"
{ cat "$S"; printf 'bogus = 1 \x00\x00\x1b]0;title\x07\n'; } > "$in/control_after_value.toml"
{ cat "$S"; printf '# a comment \x00\x01\x1b[2J\n'; } > "$in/control_comment.toml"
{ printf '\x00\x00\x1b[2J\x00\n'; cat "$S"; } > "$in/control_first_line.toml"
for f in control_string control_key control_after_value control_comment control_first_line; do
  LC_ALL=C grep -qaP '\x1b' "$in/$f.toml" || fail "$f.toml has no ESC"
done
for f in control_string control_after_value control_comment control_first_line; do
  LC_ALL=C grep -qaP '\x00' "$in/$f.toml" || fail "$f.toml has no NUL"
done
line=$(($(wc -l < "$S") + 1))
control="control characters other than TAB \\(U\\+0009\\) are explicitly prohibited"
expect 1 "^carecast: error: $(re "$in/control_string.toml"):$line:11: .*unescaped $control" \
  -- validate "$in/control_string.toml"
expect 1 "^carecast: error: $(re "$in/control_key.toml"):$line:3: .*saw '\\\\u001B'" \
  -- simulate "$in/control_key.toml" --draws 10
expect 1 "^carecast: error: $(re "$in/control_after_value.toml"):$line:11: .*saw '\\\\u0000'" \
  -- validate "$in/control_after_value.toml"
expect 1 "^carecast: error: $(re "$in/control_comment.toml"):$line:[0-9]+: .*$control in comments" \
  -- compare "$in/control_comment.toml"
expect 1 "^carecast: error: $(re "$in/control_first_line.toml"):1:1: .*saw '\\\\u0000'" \
  -- validate "$in/control_first_line.toml"
# (every expect also checks that stderr, the quoted source line included, has no
# control byte but tab and newline)

# --- 10. A very long line in an error ---------------------------------------------------
y3000=$(printf 'y%.0s' $(seq 3000))
replace "$S" "$in/long_unknown_key_line.toml" $'[lines.staffing]\n' $'[lines.staffing]\nbsae = "'"$y3000"$'"\n'
replace "$S" "$in/long_line_error_far_right.toml" $'[lines.staffing]\n' \
  $'[lines.staffing]\nlabel = "'"$y3000"$'"; bsae = 1\n'
expect 1 "$(at_value "$in/long_unknown_key_line.toml" '' 'bsae = "y')unknown key 'bsae' in \\[lines\\.staffing\\]; did you mean 'base'\\?$" \
  -q 130 -- validate "$in/long_unknown_key_line.toml"
expect 1 "$(at_value "$in/long_line_error_far_right.toml" "label = \"$y3000\"" '; bsae').*saw ';'$" \
  -q 130 -- simulate "$in/long_line_error_far_right.toml" --draws 10
caret=$(sed -n 3p "$io/stderr")
[[ -n $caret && $(sed -n 2p "$io/stderr" | cut -c "${#caret}") == ";" ]] \
  || fail "long_line_error_far_right.toml: the caret does not point at the ';' of the cut line"

exit $failed
