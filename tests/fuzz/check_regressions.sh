#!/bin/bash
# Every input the fuzzer once found a fault with (tests/fuzz/regressions/) is read by
# the real binary as any scenario is: it runs (exit 0) or gets a located error (exit 1),
# never a crash, an assertion or a sanitizer report. Under the asan preset this runs
# with the sanitizers too.
# Run from the repository root: check_regressions.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
count=0
for input in tests/fuzz/regressions/*; do
  count=$((count + 1))
  "$carecast" simulate "$input" --draws 16 > "$work/stdout" 2> "$work/stderr"
  code=$?
  case $code in
    0) ! grep -aqE -- "$crash_pattern" "$work/stderr" || fail "$input: stderr shows a crash" ;;
    1) check_stderr "$input" "$work/stderr" "^carecast: error: ${input//./\\.}(:[0-9]+:[0-9]+)?: " ;;
    *) fail "$input: exit code $code" ;;
  esac
done
[[ $count -gt 0 ]] || fail "no regression inputs were found"
exit $failed
