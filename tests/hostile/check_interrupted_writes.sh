#!/bin/bash
# A run stopped by SIGTERM or SIGINT leaves no partial file and an existing output file
# as it was: once while it computes, and once while it writes. To catch it writing, the
# test holds the lock (flock) on the output's folder, under which carecast renames its
# temporary files into place: the run then waits with its temporary files written, and
# the signal comes once one of them (out.csv.tmpXXXXXX) shows in the folder.
# Run from the repository root: check_interrupted_writes.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
set -m # background jobs get SIGINT as they would from a terminal, and a process group each

# The output gets a folder of its own: the lock on it is then the run's alone, and
# whatever the run leaves behind shows there.
folder=$work/output
output=$folder/out.csv
expected=$work/out.csv.expected
mkdir "$folder"
leftovers() { find "$folder" -name 'out.csv?*'; }

# running PID: the process is alive (a process that has ended but is not yet waited for
# counts as ended).
running() {
  local state
  state=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2> /dev/null)
  [[ -n $state && $state != [ZX] ]]
}

# hold_lock: lock $folder from a background job, and wait until the lock is held, so
# that the run cannot take it first. The job's process id is in $lock.
hold_lock() {
  flock "$folder" sleep 600 & # outlasts the wait for the temporary file; ended by release_lock
  lock=$!
  for _ in $(seq 100); do
    flock --nonblock "$folder" true || return 0
    sleep 0.1
  done
  fail "the test could not lock $folder"
}

# release_lock: end the job holding the lock, flock and its sleep both (its own process
# group, under set -m).
release_lock() {
  kill -- "-$lock" 2> /dev/null
  wait "$lock"
}

# wait_for_temporary PID: wait (up to 5 minutes, as slow builds are slow) until a
# temporary file of $output exists while PID still runs. Fails if PID ends first.
wait_for_temporary() {
  local pid=$1
  for _ in $(seq 1500); do
    compgen -G "$output.tmp*" > /dev/null && return 0
    running "$pid" || return 1
    sleep 0.2
  done
  return 1
}

# interrupt SIGNAL WHEN: start a simulation writing over $output, stop it with SIGNAL
# while it computes (WHEN=computing: 400,000 draws, seconds of work even in an
# optimised build) or while it waits for the folder's lock with its temporary files
# written (WHEN=writing: a few draws, as the signal waits for the lock), and check the
# exit status, $output and its folder.
interrupt() {
  local signal=$1 when=$2 pid status draws=400000 lock=
  [[ $when == writing ]] && draws=2000
  echo "the previous output" > "$output"
  cp "$output" "$expected"
  [[ $when == writing ]] && hold_lock
  "$carecast" simulate scenarios/dcst_2022.toml --draws "$draws" --threads 1 --format csv \
    -o "$output" 2> "$work/stderr" &
  pid=$!
  if [[ $when == writing ]]; then
    if ! wait_for_temporary "$pid"; then
      fail "$signal while writing: the run never waited for the lock on $folder with its temporary file written"
      # Nothing to interrupt: the run ended (or hangs) without waiting for the lock.
      kill "$pid" 2> /dev/null
      wait "$pid"
      release_lock
      rm -rf "${folder:?}"/* "$expected"
      return
    fi
  else
    sleep 0.3
  fi
  kill "-$signal" "$pid"
  wait "$pid"
  status=$?
  [[ $status == $((128 + $(kill -l "$signal"))) ]] \
    || fail "$signal while $when: exit status $status, not death by the signal"
  cmp -s "$output" "$expected" || fail "$signal while $when: $output was changed"
  [[ -z $(leftovers) ]] || fail "$signal while $when: left $(leftovers)"
  [[ -n $lock ]] && release_lock
  rm -rf "${folder:?}"/* "$expected"
}

interrupt TERM computing
interrupt INT computing
interrupt TERM writing
interrupt INT writing
exit $failed
