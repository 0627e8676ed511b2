#!/bin/bash
# CSV inputs as spreadsheets and PowerShell save them are read: a byte-order mark before
# quoted headers, CRLF or CR line ends and empty rows after the last give the same
# back-test as the plain file; a Windows-1252 file is read with a located warning and
# every output stays valid UTF-8; control characters in a note or a column's name never
# reach the terminal; a file separated by semicolons and an actual too small to divide
# by are refused at the header and at the cell.
# Run from the repository root: check_csv_encodings.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"

S=tests/golden/point_forecast.toml
plain=tests/golden/point_forecast_actuals.csv

"$carecast" backtest "$S" --actuals "$plain" --format csv > "$work/plain.csv" 2> "$work/plain.err" \
  || fail "the plain actuals file is refused: $(cat "$work/plain.err")"

# same FILE: a back-test against FILE is the plain file's, with nothing on stderr but
# an expected warning
for file in tests/csv/actuals_powershell.csv tests/csv/actuals_cr_line_ends.csv \
  tests/csv/actuals_windows_1252.csv; do
  if ! "$carecast" backtest "$S" --actuals "$file" --format csv > "$work/out.csv" 2> "$work/err"; then
    fail "$file is refused: $(cat "$work/err")"
  elif ! cmp -s "$work/plain.csv" "$work/out.csv"; then
    fail "$file: the back-test differs from $plain's: $(diff "$work/plain.csv" "$work/out.csv" | head -n 5)"
  fi
  if [[ $file == *windows_1252* ]]; then
    grep -qxE "carecast: warning: $(re "$file"):2:[0-9]+: not UTF-8: read as Windows-1252 \(byte 0xA3 read as '£'\)" "$work/err" \
      || fail "$file: no located warning of Windows-1252 on stderr: $(cat "$work/err")"
  elif [[ -s $work/err ]]; then
    fail "$file: unexpected stderr: $(cat "$work/err")"
  fi
done

# Every format's output of the Windows-1252 file is UTF-8, and its JSON valid JSON.
win=tests/csv/actuals_windows_1252.csv
for format in json csv table; do
  "$carecast" backtest "$S" --actuals "$win" --format $format > "$work/win.$format" 2> /dev/null \
    || fail "backtest --format $format of $win failed"
  python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' \
    "$work/win.$format" 2> /dev/null || fail "backtest --format $format of $win is not UTF-8"
done
python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$work/win.json" \
  || fail "backtest --format json of $win is not valid JSON"
grep -q '£' "$work/win.json" || fail "the £ of $win is not in its JSON"

# A Windows-1252 history's fit and fragment are UTF-8.
printf 'date,children_\xA3,note\r\n2019-03,100,caf\xE9\r\n2020-03,110,\x93q\x94\r\n2021-03,121,\r\n' \
  > "$work/history_1252.csv"
"$carecast" calibrate "$work/history_1252.csv" -o "$work/fit.toml" > "$work/fit.out" 2> "$work/fit.err" \
  || fail "a Windows-1252 history is refused: $(cat "$work/fit.err")"
for file in "$work/fit.toml" "$work/fit.out"; do
  python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$file" \
    2> /dev/null || fail "$file, from a Windows-1252 history, is not UTF-8"
done
grep -q "warning: .*history_1252.csv:1:15: not UTF-8" "$work/fit.err" \
  || fail "no located warning for a Windows-1252 history: $(cat "$work/fit.err")"

# Control characters in a note, a source and a history's column name reach neither
# stdout nor stderr.
controls='[\x00-\x08\x0b-\x1f\x7f]'
printf 'year,line,value,source,note\r\n2017/18,total,49.4,"a\x1b]0;title\x07b","c\x1b[2Jd\re"\r\n' \
  > "$work/actuals_controls.csv"
"$carecast" backtest "$S" --actuals "$work/actuals_controls.csv" > "$work/ctl.out" 2> "$work/ctl.err" \
  || fail "actuals with control characters in a note are refused: $(cat "$work/ctl.err")"
printf 'date,chi\x1b[2Jldren\x07\n2019-03,100\n2020-03,110\n2021-03,121\n' > "$work/history_controls.csv"
"$carecast" calibrate "$work/history_controls.csv" >> "$work/ctl.out" 2>> "$work/ctl.err" \
  || fail "a history with control characters in a column's name is refused: $(cat "$work/ctl.err")"
for stream in out err; do
  if LC_ALL=C grep -qaP "$controls" "$work/ctl.$stream"; then
    fail "std$stream has control bytes: $(LC_ALL=C grep -naP "$controls" "$work/ctl.$stream" | head -n 3 | cat -v)"
  fi
done

# refused FILE PATTERN: the back-test of FILE exits 1 with PATTERN on stderr
refused() {
  local code=0
  "$carecast" backtest "$S" --actuals "$1" > "$work/out" 2> "$work/err" || code=$?
  [[ $code == 1 ]] || fail "$1: exit code $code, not 1"
  [[ ! -s $work/out ]] || fail "$1: something on stdout"
  grep -qE -- "$2" "$work/err" || fail "$1: stderr '$(head -n 1 "$work/err")' does not match '$2'"
}
refused tests/broken/actuals_semicolons.csv \
  "^carecast: error: tests/broken/actuals_semicolons\.csv:1:1: the header has one column .*separated by semicolons"
refused tests/broken/actuals_too_small.csv \
  "^carecast: error: tests/broken/actuals_too_small\.csv:3:15: an actual of 1e-310 is too small"

exit $failed
