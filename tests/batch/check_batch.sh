#!/bin/bash
# carecast batch end to end, from the repository root: check_batch.sh CARECAST WORK_DIR
# A folder of scenarios with one broken file: the others still run, each CSV is what
# `carecast compare FILE --format csv` writes, the summary has a row per option, and
# the exit code is 1; then the gates' pass (0) and fail (3) paths.
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
mkdir -p "$work/in"

cp scenarios/dcst_2022.toml scenarios/dcst_2022_high_demand.toml "$work/in/"
cp tests/broken/rate_as_percent.toml "$work/in/"

"$carecast" batch "$work/in" --out "$work/out" --jobs 2 > "$work/status" 2> "$work/errors"
code=$?
[[ $code == 1 ]] || fail "a batch with a broken file exits $code, not 1"
grep -q "rate_as_percent.toml:8:19: 'indices.pay.rates.2022/23' = 35 is out of range" "$work/errors" \
  || fail "the broken file's error is not reported with its position"
for scenario in dcst_2022 dcst_2022_high_demand; do
  "$carecast" compare "$work/in/$scenario.toml" --format csv > "$work/$scenario.expected"
  cmp -s "$work/out/$scenario.csv" "$work/$scenario.expected" \
    || fail "$scenario.csv differs from carecast compare --format csv"
  [[ -f "$work/out/$scenario.csv.meta.json" ]] || fail "$scenario.csv has no record beside it"
done
[[ ! -e "$work/out/rate_as_percent.csv" ]] || fail "the broken file has an output"
# 1 header + 3 options x 2 scenarios, the broken file none
[[ $(wc -l < "$work/out/summary.csv") == 7 ]] || fail "summary.csv has $(wc -l < "$work/out/summary.csv") lines, not 7"
grep -q "^scenario,option,horizon_total,net_present_cost,cheapest$" "$work/out/summary.csv" \
  || fail "summary.csv has another header"
grep -q "^dcst_2022,transfer,416.288221528,312.115641467,transfer$" "$work/out/summary.csv" \
  || fail "summary.csv lacks the transfer option's row as compare reports it"

rm "$work/in/rate_as_percent.toml"
"$carecast" batch "$work/in" --out "$work/pass" --require-cheapest transfer > /dev/null 2>&1
code=$?
[[ $code == 0 ]] || fail "a batch whose gates hold exits $code, not 0"
"$carecast" batch "$work/in" --out "$work/gate" --max-variance 0 --year 2023/24 > /dev/null 2> "$work/gate_errors"
code=$?
[[ $code == 3 ]] || fail "a batch with a failed gate exits $code, not 3"
grep -q "dcst_2022_high_demand.toml: --max-variance 0: option transfer in 2023/24: variance" "$work/gate_errors" \
  || fail "the failed gate does not name the file, rule, option and year"
exit $failed
