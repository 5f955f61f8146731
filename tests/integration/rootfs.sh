#!/bin/bash
# Integration test: `ferry rootfs create` and `ferry rootfs shell` with a Debian trixie
# riscv64 minbase tree in a temporary directory, downloaded from the mirror of the host's
# own apt sources (never any other host). Checks that the second stage completed, runs
# commands inside (Debian version, uname -m, dpkg's architecture, a tmpfs /tmp), the
# exit status passing through, and that the host's binfmt_misc registrations and mount
# table are the same afterwards. Then tries the issue's acceptance, `apt-get update &&
# apt-get install -y hello && hello` inside, and reports what happens (counted like any
# other check). Usage errors and a tree that is not a root filesystem are checked first,
# without downloading.
#
# usage: tests/integration/rootfs.sh BUILD_DIR
# Needs root, debootstrap and network access to the host's Debian mirror; exits 77
# (skipped) saying why when one is missing or no private binfmt_misc instance can be had.
# The tree is kept when KEEP_ROOTFS=1.
# slow
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$(cd "$1" && pwd)
FERRY=$BUILD_DIR/ferry
BINFMT=/proc/sys/fs/binfmt_misc
passed=0
failed=0

pass() {
	echo "PASS rootfs $1"
	passed=$((passed + 1))
}
fail() { # name reason
	echo "FAIL rootfs $1: $2"
	if [ -s "$T/err" ]; then
		tail -n 5 "$T/err" | sed 's/^/    stderr: /'
	fi
	failed=$((failed + 1))
}
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
# run CMD...: status in $st, output in $T/out and $T/err
run() {
	{ timeout "${TIMEOUT:-600}" "$@" </dev/null >"$T/out" 2>"$T/err"; } 2>/dev/null
	st=$?
}
check() { # name want-status [grep -E pattern on stdout] [pattern on stderr]
	local name=$1 want=$2 out_re=${3:-} err_re=${4:-}
	if [ "$st" != "$want" ]; then
		fail "$name" "exit status $st, expected $want"
	elif [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$T/out"; then
		fail "$name" "stdout lacks /$out_re/: $(head -c 300 "$T/out")"
	elif [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$T/err"; then
		fail "$name" "stderr lacks /$err_re/"
	else
		pass "$name"
	fi
}
skip_all() {
	echo "SKIP rootfs: $1"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
}

# What the host has registered and mounted; mount ids and the proc entries of this
# shell's own namespaces are left out, they are not the host's state.
host_state() {
	find "$BINFMT" -mindepth 1 -printf '%f %m\n' 2>&1 | sort
	for e in "$BINFMT"/*; do
		[ -f "$e" ] && { echo "== $e"; cat "$e" 2>&1; }
	done
	cut -d' ' -f4- /proc/self/mountinfo
}

[ "$(id -u)" = 0 ] || skip_all "needs root (debootstrap does)"
command -v debootstrap >/dev/null || skip_all "debootstrap is not installed"
for f in "$FERRY" "$BUILD_DIR/ferry-riscv64"; do
	[ -x "$f" ] || skip_all "$f is not built"
done
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-rootfs.XXXXXX")
if [ "${KEEP_ROOTFS:-0}" = 1 ]; then
	trap 'echo "kept $T"' EXIT
else
	trap 'rm -rf "$T"' EXIT
fi
if ! unshare --user --map-root-user --mount sh -c \
	"mount -t binfmt_misc binfmt_misc $BINFMT && test -e $BINFMT/register" 2>"$T/err"; then
	skip_all "no private binfmt_misc instance (Linux >= 6.7 and user namespaces): $(head -n 1 "$T/err")"
fi

# ---- without downloading ----
run "$FERRY" rootfs create --suite trixie "$T/x"
check create-needs-arch 2 '' 'needs --arch, --suite and one DIR'
run "$FERRY" rootfs create --arch riscv65 --suite trixie "$T/x"
check create-unknown-arch 2 '' "unknown architecture 'riscv65'"
run "$FERRY" rootfs create --arch riscv64 --suite no-such-suite "$T/x"
check create-unknown-suite 1 '' "does not know the suite 'no-such-suite'"
run "$FERRY" rootfs create --arch ppc64el --suite trixie "$T/x"
check create-isa-without-runner 1 '' 'no runner for ppc64le'
mkdir -p "$T/full" && touch "$T/full/file"
run "$FERRY" rootfs create --arch riscv64 --suite trixie "$T/full"
check create-non-empty-dir 1 '' 'is not an empty directory'
mkdir -p "$T/notroot"
run "$FERRY" rootfs shell "$T/notroot" -- /bin/true
check shell-not-a-rootfs 125 '' 'cannot tell its architecture'

# ---- the tree ----
host_state >"$T/host-before"
R=$T/trixie
start=$(date +%s)
TIMEOUT=7200 run "$FERRY" rootfs create --arch riscv64 --suite trixie --variant minbase "$R"
echo "rootfs create took $(($(date +%s) - start)) s (exit status $st)"
tail -n 5 "$T/out"
if [ "$st" = 0 ] && [ -x "$R/usr/bin/dpkg" ] && ! [ -e "$R/debootstrap" ] &&
	grep -q '^I: Base system installed successfully' "$T/out"; then
	pass create
else
	fail create "exit status $st; $(grep -E '^ferry:' "$T/err" | tr '\n' ' ')"
fi

if [ "$st" = 0 ]; then
	# shellcheck disable=SC2016 # the shell inside expands these
	run "$FERRY" rootfs shell "$R" -- sh -c \
		'cat /etc/debian_version; uname -m; dpkg --print-architecture; echo ok > /tmp/x && cat /tmp/x'
	check shell-commands 0 '^riscv64$'
	if [ "$(sed -n 3,4p "$T/out" | tr '\n' ' ')" = "riscv64 ok " ] &&
		grep -Eq '^(13|trixie)' "$T/out"; then
		pass shell-output
	else
		fail shell-output "$(tr '\n' '|' <"$T/out")"
	fi
	if [ -e "$R/tmp/x" ]; then fail shell-tmp-is-tmpfs "the tree's /tmp got x"; else pass shell-tmp-is-tmpfs; fi
	run "$FERRY" rootfs shell "$R" -- sh -c 'exit 7'
	check shell-exit-status 7
	run "$FERRY" rootfs shell "$R" -- sh -c 'kill -TERM $$'
	check shell-signal-status 143
	TIMEOUT=3600 run "$FERRY" rootfs shell "$R" -- sh -c \
		'apt-get update && apt-get install -y hello && hello'
	check apt-install-hello 0 '^Hello, world!$'
	if [ "$st" != 0 ]; then
		echo "    apt-get inside: $(grep -E 'futex|clone|unimplemented|^E:' "$T/out" "$T/err" | head -n 3 | tr '\n' ' ')"
	fi
fi

host_state >"$T/host-after"
if diff "$T/host-before" "$T/host-after" >"$T/diff"; then
	pass host-state-unchanged
else
	fail host-state-unchanged "binfmt_misc or mounts changed: $(head -n 5 "$T/diff" | tr '\n' ' ')"
fi
summary
