#!/bin/bash
# Every subcommand's --help ends with a worked example: a line that runs it.
# check_examples.sh CARECAST
set -u
carecast=$1
failed=0
commands=$("$carecast" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}')
[[ -n "$commands" ]] || { echo "carecast --help lists no subcommands"; exit 1; }
for command in $commands; do
  help=$("$carecast" "$command" --help)
  if ! grep -q "^Example" <<<"$help" || ! grep -qE "^  .*carecast $command( |\)|$)" <<<"$help"; then
    echo "carecast $command --help has no worked example"
    failed=1
  fi
done
exit $failed
