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
  check_stderr "carecast $*" "$work/stderr" "$message" 0
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
exit $failed
