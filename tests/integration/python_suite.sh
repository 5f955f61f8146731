#!/bin/bash
# Integration test: CPython's own test modules test_threading, test_signal,
# test_subprocess, test_socket, test_os and test_select run with `python3 -m test -v`
# inside a Debian trixie riscv64 root filesystem under ferry (`ferry rootfs shell`), one
# module at a time. A module passes when its failures plus errors are at most what
# python_suite.baseline (next to this script) recorded for Debian's qemu-riscv64-static in
# the same kind of tree; a module that does not finish (no unittest summary) fails.
# Prints the counts of both side by side and the tests that failed under ferry.
#
# The tree (minbase plus python3 and libpython3.13-testsuite) is built once with
# `ferry rootfs create` from the host's Debian mirror and kept in
# ${FERRY_CACHE:-$HOME/.cache/ferry}/python-suite/; remove that directory to rebuild it.
# Module logs go to BUILD_DIR/tests/python_suite/.
#
# usage: tests/integration/python_suite.sh BUILD_DIR
# environment:
#   PYSUITE_MODULES       a subset of the modules (space-separated)
#   PYSUITE_TIMEOUT       seconds per module (default 2400)
#   PYSUITE_TEST_TIMEOUT  regrtest's --timeout per test (default 600)
#   PYSUITE_ORACLE        a qemu-riscv64(-static) to run the modules under instead of
#                         ferry-riscv64; prints lines in python_suite.baseline's format
# Needs root, debootstrap and a private binfmt_misc instance (Linux >= 6.7); exits 77
# (skipped) saying why when one is missing.
# slow
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$(cd "$1" && pwd)
FERRY=$BUILD_DIR/ferry
HERE=$(cd "$(dirname "$0")" && pwd)
BASELINE=$HERE/python_suite.baseline
CACHE=${FERRY_CACHE:-$HOME/.cache/ferry}/python-suite
TREE=$CACHE/rootfs-riscv64-trixie
PACKAGES=python3,libpython3.13-testsuite
LOGDIR=$BUILD_DIR/tests/python_suite
MODULES=${PYSUITE_MODULES:-test_threading test_signal test_subprocess test_socket test_os test_select}
passed=0
failed=0

pass() {
	echo "PASS python_suite $1"
	passed=$((passed + 1))
}
fail() { # name reason
	echo "FAIL python_suite $1: $2"
	failed=$((failed + 1))
}
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
skip_all() {
	echo "SKIP python_suite: $1"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
}

[ "$(id -u)" = 0 ] || skip_all "needs root (debootstrap and rootfs shell do)"
command -v debootstrap >/dev/null || skip_all "debootstrap is not installed"
for f in "$FERRY" "$BUILD_DIR/ferry-riscv64"; do
	[ -x "$f" ] || skip_all "$f is not built"
done
[ -r "$BASELINE" ] || skip_all "$BASELINE is missing"
if ! unshare --user --map-root-user --mount sh -c \
	"mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc" 2>/dev/null; then
	skip_all "no private binfmt_misc instance (Linux >= 6.7 and user namespaces)"
fi
mkdir -p "$CACHE" "$LOGDIR" || skip_all "cannot create $CACHE or $LOGDIR"

# ---- the tree: reused when a previous run completed it ----
if [ -e "$TREE/.python-suite-ready" ]; then
	echo "reusing $TREE"
else
	rm -rf "$TREE" "$TREE.new"
	echo "building $TREE (ferry rootfs create, minbase + $PACKAGES)"
	timeout 7200 "$FERRY" rootfs create --arch riscv64 --suite trixie --variant minbase \
		--include "$PACKAGES" "$TREE.new" </dev/null >"$LOGDIR/create.log" 2>&1
	st=$?
	if [ "$st" = 0 ] && [ -d "$TREE.new/usr/lib/python3.13/test" ] && mv "$TREE.new" "$TREE"; then
		echo "$PACKAGES" >"$TREE/.python-suite-ready"
		pass create
	else
		tail -n 5 "$LOGDIR/create.log" | sed 's/^/    /'
		fail create "ferry rootfs create exit status $st (log: $LOGDIR/create.log)"
		summary
		exit 1
	fi
fi

# The runner for `rootfs shell`: ferry-riscv64 next to ferry, or with an oracle a
# private copy of ferry next to a link named ferry-riscv64 that points at the oracle.
SHELL_CMD=$FERRY
TAG=ferry
if [ -n "${PYSUITE_ORACLE:-}" ]; then
	ORACLE=$(command -v "$PYSUITE_ORACLE") || skip_all "$PYSUITE_ORACLE not found"
	T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-pysuite.XXXXXX")
	trap 'rm -rf "$T"' EXIT
	if ! cp "$FERRY" "$T/ferry" || ! ln -s "$ORACLE" "$T/ferry-riscv64"; then
		skip_all "cannot set up $T"
	fi
	SHELL_CMD=$T/ferry
	TAG=oracle
fi

# counts LOG: "ran passed failed skipped errors complete" from a `python3 -m test -v`
# log. unittest's last lines ("Ran N tests", then "OK (skipped=S)" or "FAILED (failures=F,
# errors=E, skipped=S, expected failures=X, unexpected successes=U)") give the counts of a
# module that finished; unexpected successes count as failures, expected failures as
# passes. A module that did not finish is counted from its per-test "... result" lines.
counts() {
	local log=$1 ran line f e s u
	ran=$(sed -nE 's/^Ran ([0-9]+) tests? in .*/\1/p' "$log" | tail -n 1)
	line=$(grep -E '^(OK|FAILED)( \(.*\))?$' "$log" | tail -n 1)
	if [ -n "$ran" ] && [ -n "$line" ]; then
		f=$(sed -nE 's/.*[(, ]failures=([0-9]+).*/\1/p' <<<"$line")
		e=$(sed -nE 's/.*[(, ]errors=([0-9]+).*/\1/p' <<<"$line")
		s=$(sed -nE 's/.*[(, ]skipped=([0-9]+).*/\1/p' <<<"$line")
		u=$(sed -nE 's/.*unexpected successes=([0-9]+).*/\1/p' <<<"$line")
		f=$((${f:-0} + ${u:-0}))
		e=${e:-0}
		s=${s:-0}
		echo "$ran $((ran - f - e - s)) $f $s $e 1"
	else
		local p
		p=$(grep -cE '\.\.\. (ok|expected failure)$' "$log")
		f=$(grep -cE '\.\.\. (FAIL|unexpected success)$' "$log")
		e=$(grep -cE '\.\.\. ERROR$' "$log")
		s=$(grep -cE '\.\.\. skipped' "$log")
		echo "$((p + f + e + s)) $p $f $s $e 0"
	fi
}

# baseline MODULE: "passed failed skipped errors" recorded for the oracle, or nothing
baseline() {
	awk -v m="$1" '$1 == m { print $2, $3, $4, $5 }' "$BASELINE"
}

rows=()
for m in $MODULES; do
	log=$LOGDIR/$TAG-$m.log
	start=$(date +%s)
	# shellcheck disable=SC2016 # expanded by the shell inside the tree
	timeout -k 30 "${PYSUITE_TIMEOUT:-2400}" "$SHELL_CMD" rootfs shell "$TREE" -- \
		sh -c 'cd /tmp && exec python3 -m test -v --timeout "$1" "$2"' sh \
		"${PYSUITE_TEST_TIMEOUT:-600}" "$m" </dev/null >"$log" 2>&1
	st=$?
	secs=$(($(date +%s) - start))
	read -r ran p f s e complete <<<"$(counts "$log")"
	if [ -n "${PYSUITE_ORACLE:-}" ]; then
		[ "$complete" = 1 ] || echo "# $m did not finish (exit status $st)"
		echo "$m $p $f $s $e"
		continue
	fi
	read -r bp bf bs be <<<"$(baseline "$m")"
	rows+=("$(printf '%-16s %6s %6s %6s %6s   %6s %6s %6s %6s  %5ss' \
		"$m" "$p" "$f" "$s" "$e" "${bp:--}" "${bf:--}" "${bs:--}" "${be:--}" "$secs")")
	if [ "$complete" != 1 ]; then
		fail "$m" "did not finish in ${PYSUITE_TIMEOUT:-2400} s (exit status $st, $ran tests reported; log: $log)"
	elif [ -z "${bf:-}" ]; then
		fail "$m" "no baseline for it in $BASELINE"
	elif [ $((f + e)) -gt $((bf + be)) ]; then
		fail "$m" "$((f + e)) failed or errors, the baseline has $((bf + be)) (log: $log)"
	else
		pass "$m"
	fi
	grep -E '^(FAIL|ERROR): ' "$log" | sed 's/^/    /' | head -n 40
done
[ -n "${PYSUITE_ORACLE:-}" ] && exit 0

echo
printf '%-16s %27s   %27s\n' "" "---------- ferry ----------" "------ qemu baseline ------"
printf '%-16s %6s %6s %6s %6s   %6s %6s %6s %6s  %6s\n' module passed failed skipped errors \
	passed failed skipped errors time
for row in "${rows[@]}"; do
	echo "$row"
done
echo
summary
