#!/bin/bash
# -o and the output format, from the repository root: check_output_format.sh CARECAST WORK_DIR
# A -o name ending .csv, .json or .xlsx (any case) sets the format; --format must agree
# with it; .xlsx needs a command that writes workbooks; -o - is standard output.
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
S=scenarios/dcst_2022.toml

"$carecast" compare "$S" --format csv > "$work/expected.csv" || fail "compare --format csv failed"
"$carecast" compare "$S" -o "$work/by_name.CSV" || fail "compare -o by_name.CSV failed"
cmp -s "$work/by_name.CSV" "$work/expected.csv" || fail "-o by_name.CSV did not write the CSV"
[[ -s "$work/by_name.CSV.meta.json" ]] || fail "-o by_name.CSV wrote no record beside it"

"$carecast" summary "$S" -o "$work/summary.json" || fail "summary -o summary.json failed"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/summary.json" \
  || fail "-o summary.json did not write JSON"

"$carecast" run "$S" --option transfer -o "$work/run.xlsx" || fail "run -o run.xlsx failed"
unzip -l "$work/run.xlsx" | grep -q "xl/workbook.xml" || fail "-o run.xlsx did not write a workbook"

# -o - is standard output, in the format chosen, and no file named '-' appears.
(cd "$work" && "$carecast" compare "$OLDPWD/$S" -o - --format csv > "$work/dash.csv") \
  || fail "compare -o - failed"
cmp -s "$work/dash.csv" "$work/expected.csv" || fail "-o - did not write the CSV to stdout"
[[ ! -e "$work/-" ]] || fail "-o - wrote a file named '-'"

# A name without one of the three extensions keeps --format or the table.
"$carecast" compare "$S" -o "$work/plain.txt" || fail "compare -o plain.txt failed"
"$carecast" compare "$S" > "$work/plain.expected"
cmp -s "$work/plain.txt" "$work/plain.expected" || fail "-o plain.txt did not write the table"

# Contradictions are usage errors (exit 2) that write nothing.
usage() { # EXPECTED-MESSAGE ARGS...: exit 2, the message on stderr, nothing written
  local message=$1
  shift
  "$carecast" "$@" > "$work/stdout" 2> "$work/stderr"
  local code=$?
  [[ $code == 2 ]] || fail "carecast $*: exit code $code, not 2"
  check_stderr "carecast $*" "$work/stderr" "$message"
  [[ ! -s $work/stdout ]] || fail "carecast $*: wrote to standard output"
}
usage "^carecast: error: --format json contradicts -o $(re "$work")/x\\.csv, whose extension means csv$" \
  compare "$S" --format json -o "$work/x.csv"
usage "^carecast: error: --format table contradicts -o $(re "$work")/x\\.XLSX, whose extension means xlsx$" \
  run "$S" --format table -o "$work/x.XLSX"
usage "^carecast: error: -o $(re "$work")/x\\.xlsx: this command writes no workbook" \
  summary "$S" -o "$work/x.xlsx"
for name in x.csv x.XLSX x.xlsx; do
  [[ ! -e $work/$name ]] || fail "a refused run wrote $name"
done
# outturn -o NAME.toml writes the fragment that makes the forecast outturn a known base
# year, and the report still goes to standard output. The DCST example's outturn is the
# quarter 3 forecast, £64.43m (cabinet report, para 44; data/README.md); a variant
# that extends the scenario with the fragment validates, and its base year is scaled
# to that figure.
L=data/dcst_ledger_2021_22.csv
"$carecast" outturn "$S" --actuals "$L" -o "$work/base_year.TOML" > "$work/outturn.txt" \
  || fail "outturn -o base_year.TOML failed"
grep -q "^Total .* 64.43 " "$work/outturn.txt" || fail "outturn -o NAME.toml printed no report"
grep -q '^known_base_year = { value = 64.4299' "$work/base_year.TOML" \
  || fail "the fragment does not make £64.43m the known base year"
grep -q "source = \"carecast outturn: forecast outturn of 2021/22 from $L, actuals to period 9 (December 2021)\"" \
  "$work/base_year.TOML" || fail "the fragment's source does not name the actuals and period"
{ printf 'extends = "%s"\n' "$PWD/$S"; cat "$work/base_year.TOML"; } > "$work/variant.toml"
"$carecast" validate "$work/variant.toml" > /dev/null || fail "a variant with the fragment is not valid"

exit $failed
