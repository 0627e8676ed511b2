#!/bin/bash
# Writing with -o never damages a file. A directory at the target is refused (exit 4);
# a FIFO, a character device or /dev/stdout is written in place and left as it was, with
# no record beside it; -o - is standard output; a symlink at the target is replaced, not
# followed. Concurrent runs leave a whole workbook, and a CSV whose record (its
# "output" member) names its digest. A write that fails (disk full, file too large, name
# too long, a record that cannot be written) exits 4 with one message, leaves no
# temporary file, and keeps the previous output and its record. Standard output that
# is full exits 4; a closed pipe ends quietly. A replaced file keeps its mode, a new
# one gets 0666 less the umask.
# Device nodes and /dev are only ever made in a private mount namespace on a throw-away
# tmpfs; where that is not permitted those cases are skipped, saying so.
# Run from the repository root: check_safe_writes.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
S=scenarios/dcst_2022.toml

"$carecast" compare "$S" --format csv > "$work/expected.csv" || fail "compare --format csv failed"

# run ARGS...: carecast with ARGS, its stdout in $work/stdout, its stderr in
# $work/stderr, its exit status in $status.
run() {
  "$carecast" "$@" > "$work/stdout" 2> "$work/stderr"
  status=$?
}

# case_dir NAME: a fresh folder for one case, so that what a case leaves behind is its
# own.
case_dir() {
  mkdir "$work/$1" && echo "$work/$1"
}

# refused_write WHAT PATH REASON: the last run exited 4 with exactly one message on
# stderr, "cannot write 'PATH': REASON".
refused_write() {
  local what=$1 path=$2 reason=$3 lines
  [[ $status == 4 ]] || fail "$what: exit status $status, not 4"
  check_stderr "$what" "$work/stderr" \
    "^carecast: error: cannot write '$(re "$path")': $(re "$reason")\$" || return
  lines=$(wc -l < "$work/stderr")
  ((lines == 1)) || fail "$what: $lines lines on stderr, not one message"
}

# no_temporaries WHAT DIR: nothing named like a temporary file (FILE.tmpXXXXXX) is left
# in DIR.
no_temporaries() {
  local left
  left=$(find "$2" -name '*.tmp*' | head -n 5)
  [[ -z $left ]] || fail "$1: left temporary files behind: $left"
}

# a. A directory at the target: exit 4 with strerror's reason, and nothing changed.
directory_target() {
  local dir target
  dir=$(case_dir directory)
  target=$dir/folder
  mkdir "$target"
  run compare "$S" --format csv -o "$target"
  refused_write "-o a directory" "$target" "Is a directory"
  [[ -d $target && -z $(ls -A "$target") ]] || fail "-o a directory: the directory was changed"
  [[ ! -e $target.meta.json ]] || fail "-o a directory: wrote a record beside it"
  no_temporaries "-o a directory" "$dir"
}

# finished_within SECONDS PID: PID, a background job, ends within SECONDS; killed if not.
finished_within() {
  local seconds=$1 pid=$2
  for _ in $(seq $((seconds * 10))); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.1
  done
  kill "$pid" 2> /dev/null
  return 1
}

# b. A FIFO at the target is written into, not replaced: a reader at its other end gets
# the CSV, and no record is written for it. The reader is stopped if nothing reaches
# it, as a FIFO replaced by a file would leave it waiting.
fifo_target() {
  local dir fifo reader
  dir=$(case_dir fifo)
  fifo=$dir/fifo
  mkfifo "$fifo"
  cat "$fifo" > "$work/fifo.got" &
  reader=$!
  timeout 60 "$carecast" compare "$S" --format csv -o "$fifo" > /dev/null 2> "$work/stderr"
  status=$?
  finished_within 5 "$reader" || fail "-o a FIFO: its reader got no end of file"
  wait "$reader"
  [[ $status == 0 ]] || fail "-o a FIFO: exit status $status, not 0: $(head -n 1 "$work/stderr")"
  cmp -s "$work/fifo.got" "$work/expected.csv" || fail "-o a FIFO: the reader did not get the CSV"
  [[ -p $fifo ]] || fail "-o a FIFO: $fifo is no longer a FIFO"
  [[ ! -e $fifo.meta.json ]] || fail "-o a FIFO: wrote a record beside it"
  no_temporaries "-o a FIFO" "$dir"
}

# c. -o - is standard output: the same bytes, and no file named '-'.
dash_is_standard_output() {
  local dir scenario=$PWD/$S binary=$carecast
  [[ $binary == */* && $binary != /* ]] && binary=$PWD/$binary # it runs from another folder
  dir=$(case_dir dash)
  (cd "$dir" && exec "$binary" compare "$scenario" --format csv -o - > "$work/dash.csv" 2> "$work/stderr")
  status=$?
  [[ $status == 0 ]] || fail "-o -: exit status $status, not 0: $(head -n 1 "$work/stderr")"
  cmp -s "$work/dash.csv" "$work/expected.csv" || fail "-o -: standard output is not the CSV"
  [[ ! -e $dir/- ]] || fail "-o -: wrote a file named '-'"
}

# d. Character devices and /dev/stdout at the target, in a private mount namespace:
# devices made on a tmpfs under $work, then a tmpfs over /dev holding only
# stdout -> /proc/self/fd/1 and fd -> /proc/self/fd. A run that replaced them would
# replace throw-away copies; the machine's own /dev is never a target.
# Exit status: 0 all passed, 1 a check failed, 77 cases skipped (a line says why).
devices_in_private_namespace() {
  set -u
  failed=0
  # The namespace must not be the one the test started in: a tmpfs over /dev there
  # would hide the machine's devices.
  if [[ $(readlink "/proc/$$/ns/mnt") == "$outer_namespace" ]]; then
    echo "skipped: -o a device and -o /dev/stdout (case d): unshare gave no private mount namespace"
    exit 77
  fi
  local dev=$work/devices
  mkdir -p "$dev"
  if ! mount -t tmpfs -o size=16m carecast-test "$dev" 2> "$work/setup_stderr"; then
    echo "skipped: -o a device and -o /dev/stdout (case d): cannot mount a tmpfs: $(head -n 1 "$work/setup_stderr")"
    exit 77
  fi
  # mknod needs CAP_MKNOD, and a container may forbid opening the nodes even then.
  if ! { mknod "$dev/null" c 1 3 && mknod "$dev/full" c 1 7 && chmod 666 "$dev/null" "$dev/full" \
    && : > "$dev/null"; } 2> "$work/setup_stderr"; then
    echo "skipped: -o a device and -o /dev/stdout (case d): cannot make or open device nodes: $(head -n 1 "$work/setup_stderr")"
    exit 77
  fi

  run compare "$S" --format csv -o "$dev/null"
  [[ $status == 0 ]] || fail "-o a null device (csv): exit status $status, not 0: $(head -n 1 "$work/stderr")"
  [[ -c $dev/null ]] || fail "-o a null device (csv): it is no longer a character device"
  [[ ! -e $dev/null.meta.json ]] || fail "-o a null device (csv): wrote a record beside it"

  run compare "$S" --format xlsx -o "$dev/null"
  [[ $status == 0 ]] || fail "-o a null device (xlsx): exit status $status, not 0: $(head -n 1 "$work/stderr")"
  [[ -c $dev/null ]] || fail "-o a null device (xlsx): it is no longer a character device"

  run compare "$S" --format csv -o "$dev/full"
  refused_write "-o a full device" "$dev/full" "No space left on device"
  [[ -c $dev/full ]] || fail "-o a full device: it is no longer a character device"
  [[ ! -e $dev/full.meta.json ]] || fail "-o a full device: wrote a record beside it"
  no_temporaries "-o a device" "$dev"

  # From here on /dev holds only what is made below: no /dev/null for redirections.
  if ! mount -t tmpfs -o size=1m carecast-test /dev 2> "$work/setup_stderr"; then
    echo "skipped: -o /dev/stdout (case d): cannot mount a tmpfs over /dev: $(head -n 1 "$work/setup_stderr")"
    exit "$failed"
  fi
  ln -s /proc/self/fd/1 /dev/stdout
  ln -s /proc/self/fd /dev/fd

  "$carecast" compare "$S" --format csv -o /dev/stdout > "$work/stdout.txt" 2> "$work/stderr"
  status=$?
  [[ $status == 0 ]] || fail "-o /dev/stdout: exit status $status, not 0: $(head -n 1 "$work/stderr")"
  cmp -s "$work/stdout.txt" "$work/expected.csv" || fail "-o /dev/stdout: standard output is not the CSV"
  [[ -L /dev/stdout && $(readlink /dev/stdout) == /proc/self/fd/1 ]] \
    || fail "-o /dev/stdout: /dev/stdout is no longer the symlink to /proc/self/fd/1"

  "$carecast" compare "$S" --format csv -o /dev/fd/3 3> "$work/fd3.txt" > "$work/stdout.txt" 2> "$work/stderr"
  status=$?
  [[ $status == 0 ]] || fail "-o /dev/fd/3: exit status $status, not 0: $(head -n 1 "$work/stderr")"
  cmp -s "$work/fd3.txt" "$work/expected.csv" || fail "-o /dev/fd/3: file descriptor 3 did not get the CSV"
  [[ -L /dev/fd ]] || fail "-o /dev/fd/3: /dev/fd is no longer a symlink"
  no_temporaries "-o /dev/stdout" /dev
  exit "$failed"
}

device_targets() {
  local why
  if ! why=$(unshare --mount --propagation private true 2>&1); then
    echo "skipped: -o a device and -o /dev/stdout (case d): no private mount namespace here: $why"
    return
  fi
  export carecast work S crash_pattern
  export outer_namespace
  outer_namespace=$(readlink "/proc/$$/ns/mnt")
  export -f fail re check_stderr run refused_write no_temporaries devices_in_private_namespace
  unshare --mount --propagation private bash -c devices_in_private_namespace
  status=$?
  case $status in
    0 | 77) ;;         # passed, or skipped with a line saying why
    1) failed=1 ;;     # the failed checks said what went wrong
    *) fail "-o a device and -o /dev/stdout (case d): the namespace run exited $status" ;;
  esac
}

# e. A symlink at the target is replaced by the new file; the file it points to is kept.
symlink_target() {
  local dir
  dir=$(case_dir symlink)
  cp "$S" "$dir/input.toml"
  ln -s input.toml "$dir/out.csv"
  run compare "$S" --format csv -o "$dir/out.csv"
  [[ $status == 0 ]] || fail "-o a symlink: exit status $status, not 0: $(head -n 1 "$work/stderr")"
  cmp -s "$dir/input.toml" "$S" || fail "-o a symlink: followed it and wrote over the file it points to"
  [[ -f $dir/out.csv && ! -L $dir/out.csv ]] || fail "-o a symlink: out.csv is not a new regular file"
  cmp -s "$dir/out.csv" "$work/expected.csv" || fail "-o a symlink: out.csv does not hold the CSV"
}

# record_fields RECORD: the output's sha256, the output's path and the --discount-rate
# given, one a line (empty when missing).
record_fields() {
  python3 - "$1" << 'EOF'
import json, sys
try:
    record = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    record = {}
output = record.get("output") or {}
arguments = record.get("arguments") or []
rate = arguments[arguments.index("--discount-rate") + 1] if "--discount-rate" in arguments else ""
print(output.get("sha256", ""))
print(output.get("path", ""))
print(rate)
EOF
}

# concurrent_round DIR ROUND: after a round of concurrent writers, the workbook is whole,
# and pair.csv and its record describe the same run.
concurrent_round() {
  local dir=$1 round=$2 what="concurrent writers, round $2" fields lines
  if command -v unzip > /dev/null; then
    unzip -tq "$dir/book.xlsx" > /dev/null 2>&1 || fail "$what: book.xlsx is not a whole workbook"
  fi
  if [[ ! -f $dir/pair.csv.meta.json ]]; then
    fail "$what: no record beside pair.csv"
    return
  fi
  lines=$(wc -l < "$dir/pair.csv.meta.json")
  ((lines == 1)) || fail "$what: the record is $lines lines, not one line of JSON"
  mapfile -t fields < <(record_fields "$dir/pair.csv.meta.json")
  fields+=("" "" "") # three fields even if python3 printed none
  [[ ${fields[0]} == "$(sha256sum < "$dir/pair.csv" | cut -d ' ' -f 1)" ]] \
    || fail "$what: the record's output sha256 '${fields[0]}' is not pair.csv's"
  [[ ${fields[1]} == "$dir/pair.csv" ]] \
    || fail "$what: the record's output path '${fields[1]}' is not the -o path '$dir/pair.csv'"
  cmp -s "$dir/pair.csv" "$work/expected_${fields[2]}.csv" \
    || fail "$what: pair.csv is not the CSV of the run its record describes (--discount-rate '${fields[2]}')"
  no_temporaries "$what" "$dir"
}

# f. Two runs at a time write the same workbook and the same CSV, with different
# discount rates so that their CSVs differ; each run must finish on its own temporary
# file, and the CSV and its record must come from the same run.
concurrent_writers() {
  local dir rate round pid pids failed_before
  dir=$(case_dir concurrent)
  for rate in 0.01 0.05; do
    "$carecast" compare "$S" --format csv --discount-rate "$rate" > "$work/expected_$rate.csv" \
      || fail "compare --discount-rate $rate failed"
  done
  cmp -s "$work/expected_0.01.csv" "$work/expected_0.05.csv" \
    && fail "concurrent writers: the two discount rates give the same CSV, so the pair proves nothing"
  command -v unzip > /dev/null || echo "skipped: concurrent writers' workbook check (case f): no unzip here"
  for round in $(seq 10); do
    pids=()
    for rate in 0.01 0.05; do
      "$carecast" compare "$S" --format xlsx --discount-rate "$rate" -o "$dir/book.xlsx" \
        2> "$work/stderr_xlsx_$rate" &
      pids+=("$!:xlsx_$rate")
      "$carecast" compare "$S" --format csv --discount-rate "$rate" -o "$dir/pair.csv" \
        > /dev/null 2> "$work/stderr_csv_$rate" &
      pids+=("$!:csv_$rate")
    done
    # The first round that goes wrong is enough to say what is wrong: $failed is
    # cleared for each round, and restored when the round passed.
    failed_before=$failed
    failed=0
    for pid in "${pids[@]}"; do
      wait "${pid%%:*}" \
        || fail "concurrent writers, round $round: the ${pid#*:} run exited $?: $(head -n 1 "$work/stderr_${pid#*:}")"
    done
    ((failed)) || concurrent_round "$dir" "$round"
    ((failed)) && break
    failed=$failed_before
  done
}

# g. Standard output: full is an error (exit 4, one message); a reader that closed the
# pipe ends the run quietly.
standard_output_failures() {
  local lines
  if [[ -c /dev/full ]]; then
    "$carecast" compare "$S" --format csv > /dev/full 2> "$work/stderr"
    status=$?
    [[ $status == 4 ]] || fail "> /dev/full: exit status $status, not 4"
    if check_stderr "> /dev/full" "$work/stderr" \
      '^carecast: error: cannot write to standard output: No space left on device$'; then
      lines=$(wc -l < "$work/stderr")
      ((lines == 1)) || fail "> /dev/full: $lines lines on stderr, not one message"
    fi
  else
    echo "skipped: > /dev/full (case g): this machine has no /dev/full"
  fi

  "$carecast" compare "$S" --format csv 2> "$work/stderr" | (exec 0<&-; sleep 1)
  status=${PIPESTATUS[0]}
  [[ $status == 0 ]] || fail "a closed pipe: exit status $status, not 0"
  [[ ! -s $work/stderr ]] || fail "a closed pipe: stderr is not empty: $(head -n 2 "$work/stderr")"
}

# h. A file size limit (ulimit -f) makes the write fail with EFBIG rather than kill the
# run with SIGXFSZ, and the previous CSV and record stay; a workbook fails the same way.
file_size_limit() {
  local dir big before
  dir=$(case_dir limit)
  big=$dir/big.csv
  # The previous pair comes from fewer draws, so it differs from what the run would write.
  "$carecast" simulate "$S" --draws 1000 --threads 1 --format csv -o "$big" 2> "$work/stderr" \
    || fail "simulate -o big.csv failed: $(head -n 1 "$work/stderr")"
  before=$(sha256sum "$big" "$big.meta.json")
  (ulimit -f 1 && exec "$carecast" simulate "$S" --draws 2000 --threads 1 --format csv -o "$big") \
    > /dev/null 2> "$work/stderr"
  status=$?
  if [[ $status == $((128 + $(kill -l XFSZ))) ]]; then
    fail "ulimit -f 1: the run was killed by SIGXFSZ"
  else
    refused_write "ulimit -f 1" "$big" "File too large"
  fi
  [[ $(sha256sum "$big" "$big.meta.json" 2>&1) == "$before" ]] \
    || fail "ulimit -f 1: the previous big.csv or its record was changed"
  no_temporaries "ulimit -f 1" "$dir"
  # A workbook, which the library writes itself: the same one message, and no folder
  # left.
  (ulimit -f 2 && exec "$carecast" compare "$S" -o "$dir/book.xlsx") > /dev/null 2> "$work/stderr"
  status=$?
  refused_write "ulimit -f 2, a workbook" "$dir/book.xlsx" "File too large"
  [[ ! -e $dir/book.xlsx ]] || fail "ulimit -f 2: a partial workbook was left"
  no_temporaries "ulimit -f 2, a workbook" "$dir"
}

# i. A record that cannot be written (a directory in its place) fails the run, and the
# CSV is not replaced without it.
record_not_writable() {
  local dir
  dir=$(case_dir record)
  echo "the previous output" > "$dir/out.csv"
  cp "$dir/out.csv" "$work/record_out.expected"
  mkdir "$dir/out.csv.meta.json"
  run compare "$S" --format csv -o "$dir/out.csv"
  [[ $status == 4 ]] || fail "a directory at the record: exit status $status, not 4"
  check_stderr "a directory at the record" "$work/stderr" "^carecast: error: cannot write '"
  cmp -s "$dir/out.csv" "$work/record_out.expected" \
    || fail "a directory at the record: out.csv was replaced without its record"
  [[ -d $dir/out.csv.meta.json && -z $(ls -A "$dir/out.csv.meta.json") ]] \
    || fail "a directory at the record: the directory was changed"
  no_temporaries "a directory at the record" "$dir"
}

# mode_is WHAT FILE MODE: FILE has the octal permission bits MODE.
mode_is() {
  local mode
  mode=$(stat -c %a "$2")
  [[ $mode == "$3" ]] || fail "$1: mode $mode, not $3"
}

# j. A replaced file keeps its mode (even where the umask would give another); a new
# one gets 0666 less the umask, not the temporary file's 0600.
modes() {
  local dir
  dir=$(case_dir modes)
  run compare "$S" --format csv -o "$dir/kept.csv"
  chmod 640 "$dir/kept.csv"
  (umask 022 && exec "$carecast" compare "$S" --format csv -o "$dir/kept.csv") > /dev/null 2>&1 \
    || fail "a replaced file's mode: the run failed"
  mode_is "a replaced file's mode" "$dir/kept.csv" 640
  (umask 027 && exec "$carecast" compare "$S" --format csv -o "$dir/new027.csv") > /dev/null 2>&1 \
    || fail "a new file under umask 027: the run failed"
  mode_is "a new file under umask 027" "$dir/new027.csv" 640
  (umask 022 && exec "$carecast" compare "$S" --format csv -o "$dir/new022.csv") > /dev/null 2>&1 \
    || fail "a new file under umask 022: the run failed"
  mode_is "a new file under umask 022" "$dir/new022.csv" 644
}

# k. A file name longer than the file system allows (NAME_MAX, 255) is a write error.
long_name() {
  local dir name
  dir=$(case_dir long_name)
  name=$(printf 'x%.0s' $(seq 296)).csv
  run compare "$S" --format csv -o "$dir/$name"
  refused_write "a 300-character file name" "$dir/$name" "File name too long"
  no_temporaries "a 300-character file name" "$dir"
}

directory_target
fifo_target
dash_is_standard_output
device_targets
symlink_target
concurrent_writers
standard_output_failures
file_size_limit
record_not_writable
modes
long_name
exit $failed
