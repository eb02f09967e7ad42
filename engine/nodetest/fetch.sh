#!/usr/bin/env bash
# Fetches Node v20.19.2's test/ tree (and lib/, which the tests' messages point into) from
# Debian's source package of nodejs into engine/nodetest/testdata/node, for the Node test run
# (nodetest_test.go). apt reads a private sources list holding one deb-src line for trixie,
# built from this machine's own Debian mirror, so the system's apt setup is untouched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/testdata/node"
version=20.19.2
orig="nodejs_${version}+dfsg.orig.tar.xz"
sha256=5e5559381ad031d245a8efa403458abbb73755f74c3e6380f185a4dd342b7949

if [ -f "$dest/.complete" ]; then
  echo "Node $version tests already in $dest"
  exit 0
fi

# The machine's Debian mirror: the first archive URI of its sources (deb822 or one-line style).
mirror="$(grep -hoE '(URIs:[[:space:]]*|^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
  /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -oE 'https?://[^[:space:]]+' | head -n1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/nonexistent
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" -qq update
# The package's Files: where in the pool the upstream tarball lies.
directory="$(apt-cache "${apt_opts[@]}" showsrc nodejs | awk -v v="$version" '
  /^Version:/ { ok = index($2, v "+dfsg") == 1 } ok && /^Directory:/ { print $2; exit }')"
if [ -z "$directory" ]; then
  echo "fetch.sh: Debian's trixie sources have no nodejs $version" >&2
  exit 1
fi
curl -fsSL --retry 3 -o "$work/$orig" "$mirror/$directory/$orig"
echo "$sha256  $work/$orig" | sha256sum -c --quiet -

rm -rf "$dest"
mkdir -p "$dest"
tar -xJf "$work/$orig" -C "$dest" --strip-components=1 "node-v$version/test" "node-v$version/lib"
touch "$dest/.complete"
echo "Node $version tests in $dest ($(ls "$dest/test/parallel" | wc -l) files in test/parallel)"
