#!/bin/bash
# Text a workbook cannot hold as it is: an option named with U+FFFE, which XML 1.0
# cannot carry, and an assumption of 40,000 characters, past Excel's 32,767 a cell.
# The workbook is written, every XML part in it well-formed, the name's character
# replaced by U+FFFD and the assumption cut with a marker of how much was cut, not
# dropped. Run from the repository root: check_workbook_text.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
inspect="python3 $(dirname "${BASH_SOURCE[0]}")/inspect_workbook.py"

# The assumption as a multi-line string, 400 lines of 100 characters joined by the
# backslashes that end them, as scenario lines are at most 4,096 bytes.
long=$(for i in $(seq 400); do printf '%0100d\\\n' 0 | tr 0 a; done)
while IFS= read -r line; do
  case $line in
    'name = "As is"') line=$(printf 'name = "As \xef\xbf\xbe is"') ;;
    'base = { value = 49.4, '*) line="base = { value = 49.4, assumption = \"\"\"\\
$long
\"\"\" }" ;;
  esac
  printf '%s\n' "$line"
done < tests/golden/point_forecast.toml > "$work/text.toml"
[[ $(grep -c '^a\{100\}\\$' "$work/text.toml") == 400 ]] || fail "the long assumption was not put in"
grep -q "$(printf 'As \xef\xbf\xbe is')" "$work/text.toml" || fail "the name with U+FFFE was not put in"

"$carecast" compare "$work/text.toml" --format xlsx -o "$work/text.xlsx" 2> "$work/stderr" \
  || fail "compare of a scenario with text a workbook cannot hold failed: $(head -c 300 "$work/stderr")"
[[ -s "$work/stderr" ]] && fail "compare printed '$(head -c 300 "$work/stderr")'"
$inspect text "$work/text.xlsx" || fail "the workbook's text is not as Excel can hold it"
strings=$(unzip -p "$work/text.xlsx" xl/sharedStrings.xml)
grep -q "$(printf 'As \xef\xbf\xbd is')" <<<"$strings" || fail "U+FFFE in the option's name is not U+FFFD"
grep -q '\[cut: 7256 characters\]' <<<"$strings" || fail "the assumption's marker does not count 7,256 characters cut"
exit $failed
