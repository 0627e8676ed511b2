# Sourced by the end-to-end scripts: `carecast` and a fresh, empty `work` directory
# from the arguments, and `fail` to report a check that failed (the script then exits
# with `exit $failed`).
set -u
carecast=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "$*"; failed=1; }
