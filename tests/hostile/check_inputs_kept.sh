#!/bin/bash
# carecast refuses to write over one of its own input files, the extended one and a
# history included: exit code 2, and the file is as it was.
# Run from the repository root: check_inputs_kept.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
cp scenarios/dcst_2022.toml scenarios/dcst_2022_high_demand.toml data/doncaster_children_in_care.csv "$work/"

refused() { # TARGET COMMAND...: the command exits 2 and TARGET keeps its bytes
  local target=$1
  shift
  local before
  before=$(sha256sum "$target")
  "$carecast" "$@" > /dev/null 2> "$work/stderr"
  local code=$?
  [[ $code == 2 ]] || fail "'$*' exits $code, not 2"
  [[ $(sha256sum "$target") == "$before" ]] || fail "'$*' changed $target"
  grep -q "is an input of this run" "$work/stderr" || fail "'$*' does not say why"
}

refused "$work/dcst_2022.toml" compare "$work/dcst_2022_high_demand.toml" --format csv -o "$work/dcst_2022.toml"
refused "$work/dcst_2022.toml" run "$work/dcst_2022.toml" --format json -o "$work/dcst_2022.toml"
refused "$work/dcst_2022_high_demand.toml" compare "$work/dcst_2022_high_demand.toml" --format xlsx \
  -o "$work/dcst_2022_high_demand.toml"
refused "$work/doncaster_children_in_care.csv" calibrate "$work/doncaster_children_in_care.csv" \
  -o "$work/doncaster_children_in_care.csv"
exit $failed
