#!/bin/bash
# Downloads one Debian trixie riscv64 package (.deb) with a private apt configuration:
# the sources list, package lists and download cache live in a temporary directory and
# the mirror is the one the host's own apt sources use. The system apt configuration is
# never changed. Not a test by itself (integration tests source or call it).
#
# usage: tests/integration/fetch-trixie-deb.sh PACKAGE DEST_DIR
# Prints the path of the downloaded .deb on success; on failure prints the reason on
# stderr and exits 1.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 PACKAGE DEST_DIR" >&2
	exit 2
fi
pkg=$1
dest=$2

# shellcheck source=scripts/host-mirror.sh
. "$(dirname "$0")/../../scripts/host-mirror.sh"

mirror=$(host_mirror | head -n 1)
if [ -z "$mirror" ]; then
	echo "no Debian mirror found in the host's apt sources" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-apt.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc/preferences.d"
: >"$work/status"
echo "deb [arch=riscv64 trusted=yes] $mirror trixie main" >"$work/sources.list"

apt_opts=(
	-o "Dir::Etc::sourcelist=$work/sources.list"
	-o "Dir::Etc::sourceparts=-"
	-o "Dir::Etc::preferencesparts=$work/etc/preferences.d"
	-o "APT::Architecture=riscv64"
	-o "APT::Architectures=riscv64"
	-o "Dir::State::Lists=$work/lists"
	-o "Dir::State::status=$work/status"
	-o "Dir::Cache=$work/cache"
	-o "Debug::NoLocking=1"
	-o "Acquire::Languages=none"
	-o "Acquire::Retries=2"
)
# apt drops privileges to _apt for downloads; that user cannot write our temp dir
[ "$(id -u)" -eq 0 ] && apt_opts+=(-o "APT::Sandbox::User=root")

if ! apt-get "${apt_opts[@]}" -qq update >"$work/update.log" 2>&1; then
	echo "apt-get update from $mirror (trixie, riscv64) failed: $(tail -n 1 "$work/update.log")" >&2
	exit 1
fi
# apt-get update exits 0 even when every fetch failed; look for the package index
if ! compgen -G "$work/lists/*_Packages*" >/dev/null; then
	why=$(grep -E '^(W|E):' "$work/update.log" | head -n 1)
	echo "apt-get update from $mirror (trixie, riscv64) got no package index: ${why:-no reason given}" >&2
	exit 1
fi
mkdir -p "$dest"
if ! (cd "$dest" && apt-get "${apt_opts[@]}" -qq download "$pkg:riscv64") >"$work/download.log" 2>&1; then
	echo "apt-get download $pkg:riscv64 failed: $(tail -n 1 "$work/download.log")" >&2
	exit 1
fi
deb=$(find "$dest" -maxdepth 1 -name "${pkg}_*_riscv64.deb" | sort | tail -n 1)
if [ -z "$deb" ]; then
	echo "no ${pkg}_*_riscv64.deb appeared in $dest" >&2
	exit 1
fi
echo "$deb"
