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

# Every subcommand that --help lists is offered as the first word.
for command in $("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  offered=$(complete_line carecast "$command")
  if [[ " $offered " != *" $command "* ]]; then
    echo "subcommand $command is not offered (got '$offered')"
    failed=1
  fi
done
exit $failed
