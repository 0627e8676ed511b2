#!/bin/bash
# A run stopped by SIGTERM or SIGINT leaves no partial file and an existing output file
# as it was: once while it computes, and once while it writes. To catch it writing, a
# FIFO waits at the temporary file's path (FILE.tmpPID), so that opening it blocks;
# the signal comes when /proc shows the process waiting there.
# Run from the repository root: check_interrupted_writes.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
set -m # background jobs get SIGINT as they would from a terminal

output=$work/out.csv
leftovers() { find "$work" -name 'out.csv?*' ! -name '*.expected'; }

# interrupt SIGNAL WHEN: start a simulation writing over $output, stop it with SIGNAL
# while it computes (WHEN=computing: 400,000 draws, seconds of work even in an
# optimised build) or while it opens its temporary file (WHEN=writing: a few draws, as
# the signal waits for the FIFO), and check the exit status, $output and its directory.
interrupt() {
  local signal=$1 when=$2 pid status draws=400000
  [[ $when == writing ]] && draws=2000
  echo "the previous output" > "$output"
  cp "$output" "$output.expected"
  "$carecast" simulate scenarios/dcst_2022.toml --draws "$draws" --threads 1 --format csv \
    -o "$output" 2> "$work/stderr" &
  pid=$!
  if [[ $when == writing ]]; then
    mkfifo "$output.tmp$pid"
    for _ in $(seq 1500); do
      [[ $(cat "/proc/$pid/wchan" 2> /dev/null) == wait_for_partner ]] && break
      sleep 0.2
    done
    [[ $(cat "/proc/$pid/wchan" 2> /dev/null) == wait_for_partner ]] \
      || fail "$signal while writing: the run never reached its temporary file"
  else
    sleep 0.3
  fi
  kill "-$signal" "$pid"
  wait "$pid"
  status=$?
  [[ $status == $((128 + $(kill -l "$signal"))) ]] \
    || fail "$signal while $when: exit status $status, not death by the signal"
  cmp -s "$output" "$output.expected" || fail "$signal while $when: $output was changed"
  [[ -z $(leftovers) ]] || fail "$signal while $when: left $(leftovers)"
  rm -f "$output" "$output.expected" "$output.tmp$pid"
}

interrupt TERM computing
interrupt INT computing
interrupt TERM writing
interrupt INT writing
exit $failed
