# Sourced by the end-to-end scripts: `carecast` and a fresh, empty `work` directory
# from the arguments, and `fail` to report a check that failed (the script then exits
# with `exit $failed`).
set -u
carecast=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "$*"; failed=1; }
re() { # TEXT: TEXT as an extended regular expression matching it literally
  printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'
}

# What on stderr shows a crash: an uncaught exception, an assertion, a sanitizer report
# or a stack trace.
crash_pattern='terminate called|Assertion|what\(\):|Aborted|Segmentation|runtime error|Sanitizer|dumped core|stack trace|^    #[0-9]'

# check_stderr WHAT FILE FIRST: the stderr of run WHAT, in FILE, is not empty, its first
# line matches the extended regular expression FIRST, and it shows no crash. Returns 1
# when FILE is empty.
check_stderr() {
  local what=$1 file=$2 first=$3
  if [[ ! -s $file ]]; then
    fail "$what: nothing on stderr"
    return 1
  fi
  head -n 1 "$file" | grep -aqE -- "$first" \
    || fail "$what: stderr's first line '$(head -n 1 "$file" | head -c 300)' does not match '$first'"
  if grep -aqE -- "$crash_pattern" "$file"; then
    fail "$what: stderr shows a crash: $(grep -aE -- "$crash_pattern" "$file" | head -n 3)"
  fi
  return 0
}
