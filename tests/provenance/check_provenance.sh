#!/bin/bash
# The SHA-256 digests an output records are those sha256sum gives of the files read,
# the extended scenario included; a CSV written with -o gets the same record beside it,
# ending with the CSV's own path and digest.
# Run from the repository root: check_provenance.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
scenario=scenarios/dcst_2022_high_demand.toml # extends scenarios/dcst_2022.toml

check_digests() { # FILE: every input of the scenario is listed with sha256sum's digest
  for input in scenarios/dcst_2022_high_demand.toml scenarios/dcst_2022.toml; do
    want=$(sha256sum "$input" | cut -d' ' -f1)
    if ! grep -q "{\"path\": \"$input\", \"sha256\": \"$want\"}" "$1"; then
      echo "$1 does not record $input with sha256 $want"
      failed=1
    fi
  done
}

"$carecast" compare "$scenario" --format json -o "$work/compare.json" || failed=1
check_digests "$work/compare.json"
grep -q '"arguments": \["compare", "scenarios/dcst_2022_high_demand.toml", "--format", "json"' \
  "$work/compare.json" || { echo "compare.json does not record the command line"; failed=1; }

"$carecast" simulate "$scenario" --draws 50 --seed 11 --format csv -o "$work/simulate.csv" || failed=1
check_digests "$work/simulate.csv.meta.json"
grep -q '"seed": 11,' "$work/simulate.csv.meta.json" || { echo "the sidecar lacks the seed"; failed=1; }
digest=$(sha256sum "$work/simulate.csv" | cut -d' ' -f1)
grep -q "\"output\": {\"path\": \"$work/simulate.csv\", \"sha256\": \"$digest\"}}$" \
  "$work/simulate.csv.meta.json" || { echo "the sidecar does not end with the CSV's digest $digest"; failed=1; }
if grep -q provenance "$work/simulate.csv"; then
  echo "the CSV itself carries provenance; it must stay plain CSV"
  failed=1
fi

"$carecast" compare "$scenario" --format csv > "$work/stdout.csv" || failed=1
if ls "$work"/*.meta.json | grep -qv simulate.csv.meta.json; then
  echo "a sidecar was written for CSV on stdout"
  failed=1
fi
exit $failed
