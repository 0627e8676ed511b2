#!/bin/bash
# --bom, from the repository root: check_bom.sh CARECAST WORK_DIR
# A CSV with --bom is UTF-8's byte-order mark (EF BB BF) and then the same bytes as
# without it, on standard output, with -o (whose record's digest covers the mark) and
# from batch; outturn reads such a CSV back as --previous; any other format is a usage
# error (exit 2).
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
S=scenarios/dcst_2022.toml

starts_with_bom() { # FILE: its first three bytes are EF BB BF
  [[ $(head -c 3 "$1" | od -An -tx1 | tr -d ' \n') == efbbbf ]]
}
same_after_bom() { # WITH WITHOUT: WITH is the byte-order mark followed by WITHOUT
  starts_with_bom "$1" && cmp -s <(tail -c +4 "$1") "$2"
}

"$carecast" compare "$S" --format csv > "$work/plain.csv" || fail "compare --format csv failed"
starts_with_bom "$work/plain.csv" && fail "a CSV without --bom starts with a byte-order mark"
"$carecast" compare "$S" --format csv --bom > "$work/bom_stdout.csv" \
  || fail "compare --format csv --bom failed"
same_after_bom "$work/bom_stdout.csv" "$work/plain.csv" \
  || fail "compare --bom on stdout is not the byte-order mark and the plain CSV"

"$carecast" compare "$S" --bom -o "$work/bom_file.csv" || fail "compare --bom -o FILE.csv failed"
same_after_bom "$work/bom_file.csv" "$work/plain.csv" \
  || fail "compare --bom -o is not the byte-order mark and the plain CSV"
digest=$(sha256sum "$work/bom_file.csv" | cut -d' ' -f1)
grep -q "\"sha256\": \"$digest\"}}$" "$work/bom_file.csv.meta.json" \
  || fail "the record's digest is not that of the CSV as written, its mark included"

# outturn reads its own CSV back as the earlier forecast, with or without the mark.
ledger=(--actuals data/dcst_ledger_2021_22.csv)
"$carecast" outturn "$S" "${ledger[@]}" --period 5 --format csv > "$work/p05.csv" \
  || fail "outturn --period 5 failed"
"$carecast" outturn "$S" "${ledger[@]}" --period 5 --format csv --bom > "$work/p05_bom.csv" \
  || fail "outturn --period 5 --bom failed"
same_after_bom "$work/p05_bom.csv" "$work/p05.csv" || fail "outturn --bom is not the mark and the CSV"
"$carecast" outturn "$S" "${ledger[@]}" --period 6 --previous "$work/p05.csv" --format csv \
  > "$work/p06.csv" || fail "outturn --previous (a CSV without the mark) failed"
"$carecast" outturn "$S" "${ledger[@]}" --period 6 --previous "$work/p05_bom.csv" --format csv \
  > "$work/p06_from_bom.csv" 2> "$work/p06.stderr" \
  || fail "outturn --previous a CSV with the mark failed: $(head -n 1 "$work/p06.stderr")"
# The record names the --previous file, which differs; the movement figures must not.
cmp -s "$work/p06.csv" "$work/p06_from_bom.csv" \
  || fail "outturn --previous reads a CSV with the mark differently from one without"

mkdir -p "$work/in"
cp "$S" "$work/in/"
"$carecast" batch "$work/in" --out "$work/out" --bom > /dev/null || fail "batch --bom failed"
same_after_bom "$work/out/dcst_2022.csv" "$work/plain.csv" \
  || fail "batch --bom: dcst_2022.csv is not the mark and compare's CSV"
starts_with_bom "$work/out/summary.csv" || fail "batch --bom: summary.csv has no byte-order mark"

for format in "--format json" "--format table" "" "-o $work/bom.json"; do
  # shellcheck disable=SC2086 # the format's words are separate arguments
  "$carecast" compare "$S" $format --bom > "$work/refused.out" 2> "$work/refused.err"
  code=$?
  [[ $code == 2 ]] || fail "compare $format --bom exits $code, not 2"
  check_stderr "compare $format --bom" "$work/refused.err" \
    '^carecast: error: --bom applies to CSV output only'
  [[ -s $work/refused.out || -e $work/bom.json ]] && fail "compare $format --bom wrote output"
done
exit $failed
