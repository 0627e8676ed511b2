#!/bin/bash
# The Windows release archive that `cmake --build --preset windows --target package`
# writes, checked as CI does after building it: check_zip.sh ARCHIVE.zip
# It holds one folder with carecast.exe, the README, the scenarios, the data, the
# PowerShell completion and SHA256SUMS, whose sums hold for every other file. Unzipped,
# carecast.exe (under Wine, through cmake/wine-run) compares scenarios\dcst_2022.toml,
# named with a backslash as in PowerShell, exactly as the Linux golden case does, and by
# a drive letter; refuses to write over that scenario; then
# writes a workbook in a folder whose name the ANSI code page cannot spell (ŵ) and a CSV
# whose name is not ASCII, leaving no temporary file.
set -euo pipefail

fail() {
  echo "check_zip: FAILED: $*" >&2
  exit 1
}
say() { echo "check_zip: $*"; }

[[ $# -eq 1 ]] || fail "usage: check_zip.sh ARCHIVE.zip (one archive; got $# arguments)"
[[ -f $1 ]] || fail "$1: no such archive (run 'cmake --build --preset windows --target package')"
archive=$(realpath "$1")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

folder=$(basename "$archive" .zip)
say "unzipping $(basename "$archive")"
unzip -q "$archive" -d "$work"
[[ -d $work/$folder ]] || fail "the archive does not hold one folder named $folder"
cd "$work/$folder"
for file in carecast.exe README.md carecast.ps1 SHA256SUMS scenarios/dcst_2022.toml \
  data/README.md; do
  [[ -f $file ]] || fail "the archive has no $file"
done
say "checking SHA256SUMS"
sha256sum --quiet -c SHA256SUMS || fail "a file does not match its line in SHA256SUMS"
listed=$(wc -l < SHA256SUMS)
present=$(find . -type f ! -name SHA256SUMS | wc -l)
[[ $listed -eq $present ]] || fail "SHA256SUMS lists $listed files; the folder has $present"

run() { COLUMNS=80 "$repo/cmake/wine-run" ./carecast.exe "$@"; }
say "carecast.exe compare scenarios\\dcst_2022.toml"
run compare 'scenarios\dcst_2022.toml' > "$work/compare.txt" \
  || fail "carecast.exe compare exited with $?"
diff -u "$repo/tests/golden/compare_dcst/stdout" "$work/compare.txt" \
  || fail "the output differs from tests/golden/compare_dcst/stdout"

say "carecast.exe compare with the scenario named by drive letter (Wine's Z: is /)"
run compare "Z:$(pwd | tr / '\\')\\scenarios\\dcst_2022.toml" > "$work/by_drive.txt" \
  || fail "carecast.exe compare Z:\\...\\dcst_2022.toml exited with $?"
cmp -s "$work/by_drive.txt" "$work/compare.txt" || fail "the output differs when named by drive letter"

say "carecast.exe refuses to write over its input"
status=0
run compare 'scenarios\dcst_2022.toml' --format csv -o 'scenarios\dcst_2022.toml' \
  2> "$work/refused.txt" || status=$?
[[ $status -eq 2 ]] || fail "writing over the scenario exited with $status, not 2"
grep -q "it is an input of this run" "$work/refused.txt" || fail "no message: $(cat "$work/refused.txt")"
sha256sum --quiet -c SHA256SUMS || fail "the scenario changed"

say "writing 'Cyllideb Gŵyl €\\résumé.xlsx' and 'données 2022.csv'"
mkdir "Cyllideb Gŵyl €"
run compare 'scenarios\dcst_2022.toml' -o 'Cyllideb Gŵyl €\résumé.xlsx' \
  || fail "writing a workbook in a folder whose name is not ASCII exited with $?"
unzip -tq "Cyllideb Gŵyl €/résumé.xlsx" > /dev/null || fail "the workbook is not a whole zip file"
run compare scenarios/dcst_2022.toml --format csv -o 'données 2022.csv' \
  || fail "writing a CSV whose name is not ASCII exited with $?"
cmp -s "données 2022.csv" "$repo/tests/golden/compare_dcst_csv/stdout" \
  || fail "données 2022.csv differs from tests/golden/compare_dcst_csv/stdout"
[[ -f "données 2022.csv.meta.json" ]] || fail "no record beside données 2022.csv"
leftover=$(find . -name '*.tmp*' -o -name '.carecast-*')
[[ -z $leftover ]] || fail "temporary files left behind: $leftover"
say "all checks passed"
