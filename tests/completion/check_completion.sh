#!/bin/bash
# Sources the script `carecast completion bash` prints and checks what it completes,
# run from the repository root: check_completion.sh CARECAST
set -u
carecast=$1
source <("$carecast" completion bash) || { echo "the script does not load"; exit 1; }
failed=0

# complete WORD... : COMPREPLY for the command line WORD..., the last word being typed.
complete_line() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _carecast
  echo "${COMPREPLY[*]}"
}

expect() {
  local want=$1
  shift
  local got
  got=$(complete_line "$@")
  if [[ "$got" != "$want" ]]; then
    echo "completing '$*': expected '$want', got '$got'"
    failed=1
  fi
}

expect "compare completion" carecast com
expect "--format" carecast compare --for
expect "table csv json xlsx" carecast compare x.toml --format ""
expect "table csv json" carecast params x.toml --format ""
expect "cost budget" carecast explain x.toml --measure ""
expect "--draws" carecast simulate x.toml --dr
expect "--require-cheapest" carecast compare x.toml --req
expect "" carecast compare x.toml --discount-rate ""
expect "scenarios" carecast init --force scen        # a flag takes no value: a file follows
expect "scenarios/dcst_2022.toml" carecast compare -o scenarios/dcst_2022.t
expect "bash zsh fish powershell" carecast completion ""
expect "summary simulate sensitivity sobol" carecast help s

# A scenario on the line gives its option ids and years; the first word runs carecast.
ids="do_nothing contract_management transfer"
years="2021/22 2022/23 2023/24 2024/25 2025/26 2026/27"
expect "$ids" "$carecast" explain scenarios/dcst_2022.toml --option ""
expect "transfer" "$carecast" compare scenarios/dcst_2022.toml --require-cheapest tr
expect "$years" "$carecast" compare scenarios/dcst_2022.toml --year ""
expect "2024/25" "$carecast" explain scenarios/dcst_2022.toml --from 2023/24 --to 2024
expect "npc total $years" "$carecast" sensitivity scenarios/dcst_2022.toml --metric ""
expect "do_nothing,do_nothing do_nothing,contract_management do_nothing,transfer" \
  "$carecast" simulate scenarios/dcst_2022.toml --vs do_nothing,
expect "" "$carecast" explain --option ""                            # no scenario yet
expect "" "$carecast" explain tests/broken/missing.toml --option ""  # one that cannot be read

# Every subcommand that --help lists is offered as the first word.
for command in $("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  offered=$(complete_line carecast "$command")
  if [[ " $offered " != *" $command "* ]]; then
    echo "subcommand $command is not offered (got '$offered')"
    failed=1
  fi
done

# `__complete` is not shown: neither in --help nor among the subcommands offered.
if "$carecast" --help | grep -q __complete || [[ $(complete_line carecast __) ]]; then
  echo "__complete is shown"
  failed=1
fi

# `carecast __complete` prints a scenario's values, one a line, and for a file that is
# missing or does not validate nothing at all, with exit code 0.
got=$("$carecast" __complete option-ids scenarios/dcst_2022.toml | tr '\n' ' ')
[[ "$got" == "$ids " ]] || { echo "__complete option-ids: got '$got'"; failed=1; }
got=$("$carecast" __complete years scenarios/dcst_2022.toml | tr '\n' ' ')
[[ "$got" == "$years " ]] || { echo "__complete years: got '$got'"; failed=1; }
for file in tests/broken/missing.toml tests/broken/*.toml; do
  "$carecast" validate "$file" >/dev/null 2>&1 && continue
  got=$("$carecast" __complete option-ids "$file" 2>&1)
  status=$?
  if [[ -n "$got" || $status != 0 ]]; then
    echo "__complete option-ids $file: exit $status, printed '$got'"
    failed=1
  fi
done

# An unknown shell is a usage error naming the four.
message=$("$carecast" completion tcsh 2>&1)
if [[ $? != 2 || "$message" != *"bash,zsh,fish,powershell"* ]]; then
  echo "completion tcsh: expected exit 2 naming the shells, got '$message'"
  failed=1
fi
exit $failed
