#!/bin/bash
# The progress line of a long run, from the repository root: check_progress.sh CARECAST WORK_DIR
# On a terminal (a pseudo-terminal made by script(1)) stderr shows the share done, draws
# a second and the time left, redrawn in place and cleared at the end; the CSV written
# is the same as without a terminal, and without one stderr stays empty.
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
S=scenarios/dcst_2022.toml
draws=200000

"$carecast" simulate "$S" --draws $draws --format csv -o "$work/plain.csv" 2> "$work/stderr" \
  || fail "simulate without a terminal failed"
[[ ! -s $work/stderr ]] || fail "simulate without a terminal wrote to stderr: $(head -c 200 "$work/stderr")"

command -v script > /dev/null || { echo "script(1) is not installed"; exit 1; }
script -qec "$(printf '%q ' "$carecast" simulate "$S" --draws $draws --format csv -o "$work/tty.csv")" \
  /dev/null > "$work/terminal" || fail "simulate on a terminal failed"
grep -aq "simulate: [0-9]*% of $draws draws" "$work/terminal" || fail "no progress line on a terminal"
grep -aqE "[0-9]+ draws/s, about [0-9]+( min [0-9]{2})? s left" "$work/terminal" \
  || fail "the progress line gives no rate and time left"
[[ $(tail -c 4 "$work/terminal" | od -An -c | tr -s ' ') == " \r 033 [ K" ]] \
  || fail "the progress line is not cleared at the end: $(tail -c 60 "$work/terminal" | od -c | tail -n 3)"
cmp -s "$work/plain.csv" "$work/tty.csv" || fail "the CSV written on a terminal differs"
exit $failed
