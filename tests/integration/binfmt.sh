#!/bin/bash
# Integration test: the `ferry` front command and binfmt_misc. `ferry run`, `ferry info`
# and `ferry binfmt print` run directly; everything that registers anything runs inside a
# private user + mount namespace with its own binfmt_misc instance (Linux >= 6.7 gives
# each user namespace one), so the host's registrations are never touched: the test
# compares the host's /proc/sys/fs/binfmt_misc before and after. Inside: install, status,
# uninstall; --replace over a fake qemu-riscv64 entry, restored by uninstall; foreign
# programs run by path with flags P (argv[0] preserved), O (an execute-only program, run
# by an unprivileged uid), C (a setuid-root program: AT_SECURE, environment ignored), F
# (an otherwise empty chroot, no /proc); systemd lines from `print` accepted by the
# kernel; unknown ISA names; binfmt_misc missing and not mountable.
#
# usage: tests/integration/binfmt.sh BUILD_DIR
# environment: CROSS_CC (default riscv64-linux-gnu-gcc)
# Exits 77 (skipped) when no private binfmt_misc instance can be had (old kernel, user
# namespaces disabled), saying why. Cases that need a second uid in the namespace (O, C,
# binfmt_misc not mountable) are skipped with a reason when only uid 0 can be mapped
# (not root and no uid ranges), never counted as passed.
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/$(basename "$0")
FERRY=$BUILD_DIR/ferry
RUNNER=$BUILD_DIR/ferry-riscv64
CROSS_CC=${CROSS_CC:-riscv64-linux-gnu-gcc}
BINFMT=/proc/sys/fs/binfmt_misc
USER_UID=1000
ulimit -c 0

# Results are lines in $T/results so the part run inside the namespace adds to them.
pass() {
	echo "PASS binfmt $1"
	echo pass >>"$T/results"
}
fail() { # name reason
	echo "FAIL binfmt $1: $2"
	if [ -s "$T/err" ]; then
		head -n 3 "$T/err" | sed 's/^/    stderr: /'
	fi
	echo fail >>"$T/results"
}
skip() { # name reason
	echo "SKIP binfmt $1: $2"
	echo skip >>"$T/results"
}
# run CMD...: status in $st, output in $T/out and $T/err
run() {
	{ timeout 60 "$@" </dev/null >"$T/out" 2>"$T/err"; } 2>/dev/null
	st=$?
}
# check NAME WANT-STATUS [grep -E pattern on stdout] [pattern on stderr]
check() {
	local name=$1 want=$2 out_re=${3:-} err_re=${4:-}
	if [ "$st" != "$want" ]; then
		fail "$name" "exit status $st, expected $want"
	elif [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$T/out"; then
		fail "$name" "stdout lacks /$out_re/: $(head -c 200 "$T/out")"
	elif [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$T/err"; then
		fail "$name" "stderr lacks /$err_re/"
	else
		pass "$name"
	fi
}

# ---- without a namespace: ferry run, info, print, usage errors ----
outer_tests() {
	run "$FERRY" --help
	check help 0 'binfmt'
	run "$FERRY" no-such-command
	check unknown-command 2 '' 'unknown command'
	run "$FERRY" run "$T/probe" one two
	check run-riscv64 7 '^argv\[2\]=two$'
	run "$FERRY" run -- "$T/probe" exit 42
	check run-status 42 '^argv\[1\]=exit$'
	# a loongarch64 header (EM_LOONGARCH 258) is all ferry run reads: no compiler needed
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000\002\001' >"$T/loongarch64"
	head -c 44 /dev/zero >>"$T/loongarch64"
	chmod +x "$T/loongarch64"
	run "$FERRY" run "$T/loongarch64"
	check run-unsupported-isa 255 '' 'loongarch64 program; ferry has no runner.*riscv64'
	run "$FERRY" run /bin/true
	check run-native 255 '' 'native x86_64 program'
	run "$FERRY" run "$T/missing"
	check run-missing 127 '' 'No such file'
	printf 'echo hi\n' >"$T/script"
	run "$FERRY" run "$T/script"
	check run-not-elf 1 '' 'not an ELF program'
	mkdir "$T/alone" && cp "$FERRY" "$T/alone/ferry"
	run env PATH=/nonexistent "$T/alone/ferry" run "$T/probe"
	check run-no-runner 127 '' 'needs ferry-riscv64'
	run "$RUNNER" --features
	check runner-features 0 '^engines .*jit'
	if "$RUNNER" --help | grep -q features; then
		fail runner-features-hidden "--help lists --features"
	else
		pass runner-features-hidden
	fi
	run "$FERRY" info
	check info 0 "^  riscv64 .*imafdc.*interp,jit,cosim +$RUNNER\$"
	print_tests
}

print_tests() {
	local magic='\\x7fELF\\x02\\x01\\x01\\x00(\\x00){8}\\x02\\x00\\xf3\\x00'
	local mask='(\\xff){7}\\x00(\\xff){8}\\xfe\\xff\\xff\\xff'
	run "$FERRY" binfmt print --format systemd --path /opt/x
	check print-systemd 0 "^:ferry-riscv64:M::$magic:$mask:/opt/x/ferry-riscv64:PF\$"
	run "$FERRY" binfmt print --format register --flags FPO riscv64
	check print-register 0 "^:ferry-riscv64:M::$magic:$mask:.*/ferry-riscv64:POF\$"
	run "$FERRY" binfmt print --format debian --path /usr/bin
	if [ "$st" = 0 ] && grep -qx 'package ferry' "$T/out" && grep -qx 'offset 0' "$T/out" &&
		grep -qx 'interpreter /usr/bin/ferry-riscv64' "$T/out" &&
		grep -qx 'credentials no' "$T/out" && grep -qx 'preserve yes' "$T/out" &&
		grep -qx 'fix_binary yes' "$T/out" && grep -Eq "^magic $magic\$" "$T/out"; then
		pass print-debian
	else
		fail print-debian "status $st, unexpected format file: $(head -c 200 "$T/out")"
	fi
	mkdir "$T/binfmt.d"
	run "$FERRY" binfmt print --format systemd --output "$T/binfmt.d" all
	if [ "$st" = 0 ] && grep -q '^:ferry-riscv64:' "$T/binfmt.d/ferry-riscv64.conf"; then
		pass print-output-dir
	else
		fail print-output-dir "status $st, no $T/binfmt.d/ferry-riscv64.conf"
	fi
	run "$FERRY" binfmt print --format systemd riscv65
	check print-unknown-isa 2 '' "unknown ISA 'riscv65'; valid names: all .*riscv64"
	run "$FERRY" binfmt print --format systemd loongarch64
	check print-isa-without-runner 1 '' 'no runner for loongarch64'
	run "$FERRY" binfmt print --format yaml
	check print-bad-format 2 '' 'systemd, debian or register'
	run "$FERRY" binfmt print --format systemd --flags PX
	check print-bad-flags 2 '' 'invalid --flags'
}

# As root: a user namespace whose uid and gid maps cover 0..65535, written from here (no
# newuidmap needed), so uid $USER_UID exists inside. The child waits on a fifo until the
# maps are written, then execs the inner part with full capabilities in the namespace.
in_namespace_with_uids() {
	local pid ns
	mkfifo "$T/go"
	# shellcheck disable=SC2016 # the inner bash expands these
	unshare --user --mount -- bash -c 'read -r _ <"$1"; shift; exec "$@"' _ "$T/go" \
		"$SELF" "$BUILD_DIR" --inner "$T" 1 &
	pid=$!
	ns=$(readlink /proc/self/ns/user)
	for _ in $(seq 200); do
		[ "$(readlink "/proc/$pid/ns/user" 2>/dev/null)" != "$ns" ] && break
		sleep 0.05
	done
	if ! { echo "0 0 65536" >"/proc/$pid/uid_map" && echo "0 0 65536" >"/proc/$pid/gid_map"; } 2>/dev/null; then
		kill "$pid" 2>/dev/null
		echo stop >"$T/go"
		wait "$pid"
		return 1
	fi
	echo go >"$T/go"
	wait "$pid"
}

# ---- inside the namespace ----
AS_USER=(setpriv --reuid="$USER_UID" --regid="$USER_UID" --clear-groups)
entry_field() { # entry, line number: the kernel's description of an entry
	sed -n "${2}p" "$BINFMT/$1" 2>/dev/null
}
instance_is_empty() {
	[ "$(find "$BINFMT" -mindepth 1 -printf '%f\n' | sort | tr '\n' ' ')" = "register status " ]
}

inner_install_tests() {
	run "$FERRY" binfmt status riscv64
	check status-none 0 '^riscv64 +none'
	run "$FERRY" binfmt install bogus
	check install-unknown-isa 2 '' "unknown ISA 'bogus'; valid names: .*riscv64"
	run "$FERRY" binfmt install loongarch64
	check install-isa-without-runner 1 '' 'no runner for loongarch64'
	if instance_is_empty; then pass refused-installs-register-nothing; else fail refused-installs-register-nothing "$(ls "$BINFMT")"; fi
	run "$FERRY" binfmt install
	check install 0 '^ferry-riscv64: registered \(flags PF'
	if [ "$(entry_field ferry-riscv64 1)" = enabled ] &&
		[ "$(entry_field ferry-riscv64 2)" = "interpreter $RUNNER" ] &&
		[ "$(entry_field ferry-riscv64 3)" = "flags: PF" ]; then
		pass install-entry
	else
		fail install-entry "$(tr '\n' '|' <"$BINFMT/ferry-riscv64" 2>&1)"
	fi
	run "$FERRY" binfmt status
	check status-ferry 0 "^riscv64 +ferry +yes +PF +$RUNNER\$"
	run "$FERRY" info
	check info-binfmt 0 "^riscv64 +ferry +yes"
}

inner_run_tests() {
	cd "$T" || return
	run ./probe a b
	check exec-by-path 7 '^argv\[0\]=\./probe$'
	run ./probe exit 3
	check exec-status 3
	run bash -c 'exec -a custom-argv0 "$1" one' _ "$T/probe"
	check flag-P-argv0 7 '^argv\[0\]=custom-argv0$'
	grep -q '^argv\[1\]=one$' "$T/out" || fail flag-P-args "argv[1] is not 'one'"
	"$FERRY" binfmt install --flags F >/dev/null
	run bash -c 'exec -a custom-argv0 "$1" one' _ "$T/probe"
	check no-P-argv0-is-path 7 "^argv\\[0\\]=$T/probe\$"
	# a program whose name looks like an option, executed by that bare name: with
	# neither P nor O the runner recognises binfmt from AT_EXECFN
	cp probe ./-x
	if command -v python3 >/dev/null; then
		run python3 -c 'import os, sys; os.chdir(sys.argv[1]); os.execv("-x", ["-x", "arg"])' "$T"
		check no-P-dash-name 7 '^argv\[0\]=-x$'
	else
		skip no-P-dash-name "python3 is needed to execve a bare relative name"
	fi
	run env FERRY_STATS=1 ./probe
	check env-twins-read 7 '' '^ferry-stats:'
	"$FERRY" binfmt install >/dev/null
}

inner_chroot_tests() {
	mkdir -p "$T/chroot" && cp "$T/probe" "$T/chroot/hello"
	run chroot "$T/chroot" /hello empty
	if [ -e "$T/chroot/proc" ]; then
		fail empty-chroot "the chroot has a /proc"
	else
		check empty-chroot-flag-F 7 '^argv\[0\]=/hello$'
	fi
	"$FERRY" binfmt install --flags P >/dev/null
	run chroot "$T/chroot" /hello
	check chroot-needs-F 127
	"$FERRY" binfmt install >/dev/null
}

inner_systemd_lines_tests() {
	"$FERRY" binfmt uninstall >/dev/null
	local line ok=1
	while read -r line; do
		printf '%s' "$line" >"$BINFMT/register" || ok=0
	done < <("$FERRY" binfmt print --format systemd | grep -v '^#')
	if [ "$ok" = 1 ] && [ "$(entry_field ferry-riscv64 3)" = "flags: PF" ] &&
		[ "$(entry_field ferry-riscv64 5)" = "magic 7f454c460201010000000000000000000200f300" ] &&
		[ "$(entry_field ferry-riscv64 6)" = "mask ffffffffffffff00fffffffffffffffffeffffff" ]; then
		pass systemd-lines-accepted
	else
		fail systemd-lines-accepted "$(tr '\n' '|' <"$BINFMT/ferry-riscv64" 2>&1)"
	fi
	run "$T/probe"
	check systemd-lines-run 7
	"$FERRY" binfmt uninstall >/dev/null
	# The same file through systemd's own loader, where the host has it.
	local loader
	for loader in /lib/systemd/systemd-binfmt /usr/lib/systemd/systemd-binfmt; do
		[ -x "$loader" ] && break
	done
	if [ -x "$loader" ]; then
		"$FERRY" binfmt print --format systemd riscv64 >"$T/ferry-riscv64.conf"
		run "$loader" "$T/ferry-riscv64.conf"
		check systemd-binfmt-loads-file 0
		run "$T/probe"
		check systemd-binfmt-entry-runs 7
		"$FERRY" binfmt uninstall >/dev/null
	else
		skip systemd-binfmt-loads-file "systemd-binfmt is not installed"
	fi
}

inner_replace_tests() {
	local qemu flags=F
	qemu=$(command -v qemu-riscv64-static || command -v qemu-riscv64 || echo /bin/true)
	printf '%s' ":qemu-riscv64:M:0:\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:$qemu:$flags" >"$BINFMT/register"
	run "$FERRY" binfmt status
	check status-other 0 '^riscv64 +other: qemu-riscv64 +yes'
	run "$FERRY" binfmt install
	check install-refused-over-other 1 '' 'already handled by the enabled entry qemu-riscv64'
	[ -e "$BINFMT/ferry-riscv64" ] && fail install-refused-registers-nothing "ferry-riscv64 exists"
	run "$FERRY" binfmt install --replace
	check install-replace 0 '^qemu-riscv64: disabled while ferry-riscv64 is installed'
	if [ "$(entry_field qemu-riscv64 1)" = disabled ] &&
		grep -qx 'ferry-riscv64 qemu-riscv64' /run/ferry/binfmt-replaced; then
		pass replace-disables-and-records
	else
		fail replace-disables-and-records "qemu-riscv64: $(entry_field qemu-riscv64 1)"
	fi
	run env FERRY_STATS=1 "$T/probe"
	check replace-runs-ferry 7 '' '^ferry-stats:'
	run "$FERRY" binfmt uninstall
	check uninstall-restores 0 '^qemu-riscv64: enabled again'
	if [ "$(entry_field qemu-riscv64 1)" = enabled ] && ! [ -e /run/ferry/binfmt-replaced ] &&
		! [ -e "$BINFMT/ferry-riscv64" ]; then
		pass uninstall-restores-state
	else
		fail uninstall-restores-state "qemu-riscv64: $(entry_field qemu-riscv64 1)"
	fi
	echo -1 >"$BINFMT/qemu-riscv64"
}

# Needs uid $USER_UID in the namespace.
inner_user_tests() {
	mkdir -p "$T/xonly" && cp "$T/probe" "$T/xonly/probe" && chmod 0111 "$T/xonly/probe"
	"$FERRY" binfmt install >/dev/null
	run "${AS_USER[@]}" "$T/xonly/probe"
	check execute-only-needs-O 1 '' 'Permission denied'
	"$FERRY" binfmt install --flags POF >/dev/null
	# shellcheck disable=SC2016 # the inner bash expands $1
	run "${AS_USER[@]}" bash -c 'exec -a xo "$1"' _ "$T/xonly/probe"
	check flag-O-execute-only 7 '^argv\[0\]=xo$'
	cp "$T/probe" "$T/suid" && chmod 4755 "$T/suid"
	run "${AS_USER[@]}" "$T/suid"
	check setuid-ignored-without-C 7 "^uid=$USER_UID euid=$USER_UID secure=0\$"
	run "$FERRY" binfmt install --flags PCF
	check flag-C-warns 0 '' 'warning: flag C runs the runner with the credentials'
	run "${AS_USER[@]}" env FERRY_STRACE=1 FERRY_LOG=exec "$T/suid"
	check flag-C-setuid-secure 7 "^uid=$USER_UID euid=0 secure=1\$"
	if [ "$st" = 7 ] && ! [ -s "$T/err" ]; then
		pass flag-C-secure-ignores-environment
	else
		fail flag-C-secure-ignores-environment "status $st or log output under AT_SECURE"
	fi
	"$FERRY" binfmt uninstall >/dev/null
}

inner_missing_tests() {
	mount -t tmpfs -o size=1m tmpfs "$BINFMT"
	run "$FERRY" binfmt status
	check status-not-mounted 0 'not mounted'
	run setpriv --bounding-set=-sys_admin "$FERRY" binfmt install
	check install-not-mountable 1 '' 'binfmt_misc is not mounted on /proc/sys/fs/binfmt_misc and mounting it failed'
	umount "$BINFMT"
}

inner_main() { # multi_uid
	mount -t binfmt_misc binfmt_misc "$BINFMT" || { fail namespace "cannot mount binfmt_misc"; return; }
	if ! instance_is_empty; then
		fail private-instance "the new binfmt_misc instance is not empty: $(ls "$BINFMT")"
		return
	fi
	pass private-instance
	# /run/ferry must not be the host's
	mount -t tmpfs -o size=1m tmpfs /run || { fail namespace "cannot mount /run"; return; }
	inner_install_tests
	inner_run_tests
	inner_chroot_tests
	inner_systemd_lines_tests
	inner_replace_tests
	if [ "$1" = 1 ]; then
		inner_user_tests
	else
		skip flag-O-and-C "only uid 0 is mapped in the namespace (run as root for a uid range)"
	fi
	inner_missing_tests
	"$FERRY" binfmt uninstall >/dev/null
	if instance_is_empty; then pass uninstall-all; else fail uninstall-all "left: $(ls "$BINFMT")"; fi
}

if [ "${2:-}" = --inner ]; then
	T=$3
	inner_main "$4"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-binfmt.XXXXXX")
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
: >"$T/results"

summary() {
	local p f s
	p=$(grep -c '^pass$' "$T/results")
	f=$(grep -c '^fail$' "$T/results")
	s=$(grep -c '^skip$' "$T/results")
	if [ "$s" -gt 0 ]; then
		echo "$p passed, $f failed, $s skipped"
	else
		echo "$p passed, $f failed"
	fi
	[ "$f" -eq 0 ]
}

for f in "$FERRY" "$RUNNER"; do
	if ! [ -x "$f" ]; then
		fail build "$f is not built"
		summary
		exit 1
	fi
done
if ! "$CROSS_CC" -O2 -static -o "$T/probe" "$HERE/binfmt-probe.c" 2>"$T/err"; then
	fail build "cannot build binfmt-probe.c with $CROSS_CC"
	summary
	exit 1
fi

outer_tests

# A private binfmt_misc instance needs a user namespace (Linux >= 6.7). As root, map a
# range of uids so an unprivileged uid exists inside; otherwise only uid 0.
host_state() {
	find "$BINFMT" -mindepth 1 -printf '%f %m\n' 2>&1 | sort
	for e in "$BINFMT"/*; do
		[ -f "$e" ] && { echo "== $e"; cat "$e" 2>&1; }
	done
}
host_state >"$T/host-before"
if ! unshare --user --map-root-user --mount sh -c \
	"mount -t binfmt_misc binfmt_misc $BINFMT && test -e $BINFMT/register" 2>"$T/err"; then
	echo "SKIP binfmt: no private binfmt_misc instance (needs Linux >= 6.7 and user" \
		"namespaces; kernel $(uname -r)): $(head -n 1 "$T/err")"
	summary
	exit 77
fi
if [ "$(id -u)" = 0 ]; then
	in_namespace_with_uids "$T" || fail namespace "could not set up the uid map"
else
	unshare --user --map-root-user --mount "$SELF" "$BUILD_DIR" --inner "$T" 0
fi
host_state >"$T/host-after"
if cmp -s "$T/host-before" "$T/host-after"; then
	pass host-registrations-untouched
else
	fail host-registrations-untouched "$(diff "$T/host-before" "$T/host-after" | head -n 5)"
fi
summary
