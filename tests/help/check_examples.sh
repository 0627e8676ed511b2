#!/bin/bash
# Every subcommand's --help ends with a worked example: a line that runs it; `carecast
# help COMMAND` prints the same as `carecast COMMAND --help`; `carecast help` and bare
# `carecast` list every subcommand, one line each (exit 0 and 2).
# check_examples.sh CARECAST
set -u
carecast=$1
failed=0
fail() {
  echo "$*"
  failed=1
}
commands=$("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}')
[[ -n "$commands" ]] || { echo "carecast --help lists no subcommands"; exit 1; }
overview=$("$carecast" help)
[[ $? == 0 ]] || fail "carecast help: exit code not 0"
bare=$("$carecast" 2> /dev/null)
[[ $? == 2 ]] || fail "carecast with no command: exit code not 2"
[[ $bare == "$overview" ]] || fail "carecast with no command does not print what carecast help does"
for command in $commands; do
  help=$("$carecast" "$command" --help)
  if ! grep -q "^Example" <<<"$help" || ! grep -qE "^  .*carecast $command( |\)|$)" <<<"$help"; then
    fail "carecast $command --help has no worked example"
  fi
  [[ $("$carecast" help "$command") == "$help" ]] \
    || fail "carecast help $command differs from carecast $command --help"
  grep -qE "^  $command +[A-Z]" <<<"$overview" || fail "carecast help does not list $command"
done
exit $failed
