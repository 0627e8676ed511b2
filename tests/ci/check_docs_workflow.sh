#!/bin/bash
# Runs the `build/carecast` steps of the workflow in docs/ci.md as written, with this
# build's binary, in a scratch copy of the scenarios: each must exit 0 and the
# artefacts the workflow keeps must be there. check_docs_workflow.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
mkdir -p "$work/build"
cp -r scenarios "$work/"
ln -s "$carecast" "$work/build/carecast"
steps=$(sed -n 's/^      - run: \(build\/carecast .*\)$/\1/p' docs/ci.md)
[[ $(grep -c . <<<"$steps") -ge 3 ]] || { echo "docs/ci.md has fewer than 3 carecast steps"; exit 1; }
while IFS= read -r step; do
  (cd "$work" && eval "$step") > /dev/null || { echo "step failed: $step"; failed=1; }
done <<<"$steps"
for artefact in summary.csv dcst_2022.csv dcst_2022.csv.meta.json transfer.csv transfer.csv.meta.json; do
  [[ -f "$work/results/$artefact" ]] || { echo "results/$artefact is missing"; failed=1; }
done
exit $failed
