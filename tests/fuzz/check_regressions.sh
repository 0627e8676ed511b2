#!/bin/bash
# Every input the fuzzer once found a fault with (tests/fuzz/regressions/) is read by
# the real binary as any scenario is: it runs (exit 0) or gets a located error (exit 1),
# never a crash, an assertion or a sanitizer report. Under the asan preset this runs
# with the sanitizers too.
# Run from the repository root: check_regressions.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
crash='terminate called|Assertion|what\(\):|Aborted|Segmentation|runtime error|Sanitizer|^    #[0-9]'
count=0
for input in tests/fuzz/regressions/*; do
  count=$((count + 1))
  "$carecast" simulate "$input" --draws 16 > "$work/stdout" 2> "$work/stderr"
  code=$?
  case $code in
    0) ;;
    1) grep -qE "^carecast: error: ${input//./\\.}(:[0-9]+:[0-9]+)?: " "$work/stderr" \
         || fail "$input: exit code 1 without a located message" ;;
    *) fail "$input: exit code $code" ;;
  esac
  ! grep -qE "$crash" "$work/stderr" || fail "$input: $(grep -m1 -E "$crash" "$work/stderr")"
done
[[ $count -gt 0 ]] || fail "no regression inputs were found"
exit $failed
