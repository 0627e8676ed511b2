#!/bin/bash
# Checks the zsh, fish and PowerShell scripts of `carecast completion`, run from the
# repository root: check_shells.sh CARECAST. zsh's script is driven with stand-ins for
# its completion builtins, fish's by `complete -C`; PowerShell's is checked as text.
set -u
carecast=$(realpath "$1")
failed=0
ids="do_nothing contract_management transfer"

# check SHELL WORDS WANT GOT: reports a difference.
check() {
  if [[ "$4" != "$3" ]]; then
    echo "$1: completing '$2': expected '$3', got '$4'"
    failed=1
  fi
}

zsh -n <("$carecast" completion zsh) || { echo "the zsh script does not parse"; failed=1; }
# zsh_complete WORD...: what the zsh script offers for the line WORD..., the last word
# being typed; compadd prints each match it is given.
zsh_complete() {
  zsh -f -c '
    compdef() { : }
    _files() { print -r -- "(files)" }
    compset() { [[ $PREFIX == *,* ]] && IPREFIX=${PREFIX%,*}, PREFIX=${PREFIX##*,} }
    compadd() {
      local word
      [[ $1 == -a ]] && set -- ${(P)2} || shift
      for word; do [[ $word == $PREFIX* ]] && print -r -- $IPREFIX$word; done
    }
    source <("$1" completion zsh)
    shift
    words=("$@") CURRENT=$# PREFIX=${@[-1]} IPREFIX=
    _carecast' zsh "$carecast" "$@" | paste -sd ' '
}
zsh_expect() {
  local want=$1
  shift
  check zsh "$*" "$want" "$(zsh_complete "$@")"
}
zsh_expect "compare completion" carecast com
zsh_expect "--format" carecast compare x.toml --for
zsh_expect "table csv json" carecast params x.toml --format ""
zsh_expect "(files)" carecast compare -o out
zsh_expect "bash zsh fish powershell" carecast completion ""
zsh_expect "summary simulate sensitivity sobol" carecast help s
zsh_expect "$ids" "$carecast" explain scenarios/dcst_2022.toml --option ""
zsh_expect "2024/25" "$carecast" compare scenarios/dcst_2022.toml --year 2024
zsh_expect "do_nothing,transfer" "$carecast" simulate scenarios/dcst_2022.toml --vs do_nothing,t
zsh_expect "" "$carecast" explain tests/broken/syntax_error.toml --option ""

fish --no-execute <("$carecast" completion fish) || { echo "the fish script does not parse"; failed=1; }
# fish_complete LINE: what fish offers for LINE, without descriptions.
fish_complete() {
  PATH=$(dirname "$carecast"):$PATH fish -c 'source ($argv[1] completion fish | psub)
    complete -C $argv[2]' "$carecast" "$1" | cut -f1 | paste -sd ' '
}
fish_expect() {
  check fish "$2" "$1" "$(fish_complete "$2")"
}
fish_expect "compare completion" "carecast com"
fish_expect "--format" "carecast compare x.toml --for"
fish_expect "csv json table" "carecast params x.toml --format "
fish_expect "bash fish powershell zsh" "carecast completion "
fish_expect "sensitivity simulate sobol summary" "carecast help s"
fish_expect "contract_management do_nothing transfer" \
  "carecast explain scenarios/dcst_2022.toml --option "
fish_expect "2024/25" "carecast compare scenarios/dcst_2022.toml --year 2024"
fish_expect "do_nothing,transfer" "carecast simulate scenarios/dcst_2022.toml --vs do_nothing,t"
fish_expect "" "carecast explain tests/broken/syntax_error.toml --option "

powershell=$("$carecast" completion powershell)
for text in "Register-ArgumentCompleter -Native -CommandName carecast" "__complete" \
  "'--format' = @{ words = @('table', 'csv', 'json', 'xlsx')" "'option-pairs'"; do
  [[ "$powershell" == *"$text"* ]] || { echo "the PowerShell script lacks $text"; failed=1; }
done
for command in $("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  [[ "$powershell" == *"'$command' = @{"* ]] || { echo "PowerShell lacks $command"; failed=1; }
done
exit $failed
