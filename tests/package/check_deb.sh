#!/bin/bash
# The Debian package that `cpack -G DEB` writes, checked as CI does after building it:
# check_deb.sh PACKAGE.deb
# Its contents hold the binary, the man page, the three completions, the README and the
# DCST scenario. As root it is installed with apt-get and removed again at the end;
# otherwise it is extracted to a temporary folder and the binary is run from there. The
# binary then compares the packaged scenarios/dcst_2022.toml as CSV, which must be the
# golden case's output of the same command (or, without such a case, have each DCST
# option's rows), and a packaged scenario that extends it.
set -euo pipefail
shopt -s nullglob

fail() {
  echo "check_deb: FAILED: $*" >&2
  exit 1
}
say() { echo "check_deb: $*"; }

[[ $# -eq 1 ]] || fail "usage: check_deb.sh PACKAGE.deb (one package; got $# arguments)"
[[ -f $1 ]] || fail "$1: no such package (run 'cpack -G DEB' in build/ first)"
deb=$(realpath "$1")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
installed=false
cleanup() {
  if $installed; then
    say "removing the package: apt-get remove -y carecast"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq carecast > /dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "contents of $(basename "$deb")"
dpkg-deb -c "$deb" | awk '{ print $6 }' > "$work/contents"
for path in /usr/bin/carecast /usr/share/man/man1/carecast.1.gz \
  /usr/share/bash-completion/completions/carecast /usr/share/zsh/vendor-completions/_carecast \
  /usr/share/fish/vendor_completions.d/carecast.fish /usr/share/doc/carecast/README.md \
  /usr/share/doc/carecast/scenarios/dcst_2022.toml; do
  grep -qxF ".$path" "$work/contents" || fail "the package has no $path"
  say "  has $path"
done

if [[ $(id -u) -eq 0 ]]; then
  if dpkg-query -W -f='${Status}' carecast 2> /dev/null | grep -q "install ok installed"; then
    fail "carecast is already installed; remove it first (apt-get remove carecast) so that the check can install and remove its own"
  fi
  say "installing: apt-get install -y --no-install-recommends $deb"
  installed=true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" > /dev/null \
    || fail "apt-get could not install $deb"
  root=""
  [[ $(command -v carecast) == /usr/bin/carecast ]] \
    || fail "carecast on the PATH is '$(command -v carecast)', not /usr/bin/carecast"
else
  say "not root: extracting to $work/root and running the binary from there instead of installing"
  dpkg-deb -x "$deb" "$work/root"
  root=$work/root
fi
carecast=$root/usr/bin/carecast
doc=$root/usr/share/doc/carecast

say "the man page is a gzipped page for carecast(1)"
gzip -cd "$root/usr/share/man/man1/carecast.1.gz" | grep -q '^\.TH CARECAST "1"' \
  || fail "$root/usr/share/man/man1/carecast.1.gz is not carecast's man page"

say "running: $carecast compare $doc/scenarios/dcst_2022.toml --format csv"
"$carecast" compare "$doc/scenarios/dcst_2022.toml" --format csv > "$work/compare.csv" \
  2> "$work/compare.err" || fail "compare exited $?: $(head -c 500 "$work/compare.err")"

golden=""
for args in "$repo"/tests/golden/*/args; do
  if [[ $(cat "$args") == $'compare\nscenarios/dcst_2022.toml\n--format\ncsv' ]]; then
    golden=$(dirname "$args")
  fi
done
if [[ -n $golden ]]; then
  say "its CSV is the golden output of ${golden#"$repo"/}"
  diff -u "$golden/stdout" "$work/compare.csv" > "$work/compare.diff" \
    || fail "the CSV differs from ${golden#"$repo"/}/stdout:
$(head -n 40 "$work/compare.diff")"
else
  say "no golden case runs 'compare scenarios/dcst_2022.toml --format csv': checking each option's rows"
  for option in do_nothing contract_management transfer; do
    grep -q "^dcst_2022,$option,all,total,npc," "$work/compare.csv" \
      || fail "the CSV has no net present cost row for option $option"
  done
fi

say "running: $carecast compare $doc/scenarios/dcst_2022_high_demand.toml (it extends dcst_2022.toml)"
"$carecast" compare "$doc/scenarios/dcst_2022_high_demand.toml" --format csv > /dev/null \
  2> "$work/extends.err" || fail "compare of a scenario that extends another exited $?: $(head -c 500 "$work/extends.err")"

say "the package passes"
