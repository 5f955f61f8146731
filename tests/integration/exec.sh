#!/bin/bash
# Integration test: execve as the runner carries it out. A guest executes a host program
# (which runs natively), a dynamic guest executes another dynamic guest (the -L sysroot
# goes along), a "#!" script with a host interpreter runs natively, -strace and -D
# logging follow the process through the exec (and show its final exit call), -stats survives an exec with an empty
# environment, a file of an unknown architecture fails with ENOEXEC, /proc/cpuinfo is
# riscv64's, the runner starts and execs inside an empty chroot (no /proc), and a guest
# killed by SIGABRT reports "core dumped" exactly when its core limit allows one.
#
# usage: tests/integration/exec.sh BUILD_DIR
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${RUNNER:-$BUILD_DIR/ferry-riscv64}
RUNNER=$(cd "$(dirname "$RUNNER")" && pwd)/$(basename "$RUNNER")
CROSS_CC=${CROSS_CC:-riscv64-linux-gnu-gcc}
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
OUT=$(mkdir -p "$BUILD_DIR/tests/integration" && cd "$BUILD_DIR/tests/integration" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-exec.XXXXXX")
trap 'rm -rf "$T"' EXIT
# Soft limit only, so the core-dump check below can raise it again.
ulimit -S -c 0

passed=0
failed=0
skipped=0
check() { # name file extended-regex
	if grep -Eq -- "$3" "$2"; then
		echo "PASS exec $1"
		passed=$((passed + 1))
	else
		echo "FAIL exec $1: no line matching '$3'"
		head -n 5 "$2" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}
skip() {
	echo "SKIP exec $1: $2"
	skipped=$((skipped + 1))
}

ST=$OUT/exec-guest-static
DYN=$OUT/exec-guest-dynamic
for v in "$ST:-static" "$DYN:"; do
	exe=${v%%:*}
	if [ ! -x "$exe" ] || [ "$HERE/exec-guest.c" -nt "$exe" ]; then
		"$CROSS_CC" -O2 ${v#*:} -o "$exe" "$HERE/exec-guest.c" || exit 1
	fi
done

"$RUNNER" "$ST" exec /bin/echo echo native echo >"$T/out" 2>&1
check host-program "$T/out" '^native echo$'

"$RUNNER" -L "$SYSROOT" "$DYN" exec "$DYN" second print from the second >"$T/out" 2>&1
check dynamic-to-dynamic "$T/out" '^guest print: from the second$'

printf '#!/bin/sh -e\necho "host shell ran $0 with $1"\n' >"$T/script.sh"
chmod 755 "$T/script.sh"
"$RUNNER" "$ST" exec "$T/script.sh" name arg1 >"$T/out" 2>&1
check host-interpreter "$T/out" "^host shell ran $T/script.sh with arg1\$"

"$RUNNER" -strace "$ST" exec "$ST" again print traced >"$T/out" 2>"$T/strace"
check strace-exec-line "$T/strace" '^[0-9]+ execve\("[^"]*"(\.\.\.)?,0x[0-9a-f]+,0x[0-9a-f]+\) = 0$'
check strace-follows "$T/strace" '^[0-9]+ exit_group\(0\) = \?$'
pids=$(sed -nE 's/^([0-9]+) (execve|exit_group).*/\1/p' "$T/strace" | sort -u | wc -l)
echo "distinct pids: $pids" >"$T/pids"
check strace-same-pid "$T/pids" '^distinct pids: 1$'
"$RUNNER" -strace "$ST" exec "$ST" again sysexit >/dev/null 2>"$T/strace"
check strace-exit-line "$T/strace" '^[0-9]+ exit\(3\) = \?$'

"$RUNNER" -strace -D "$T/log" "$ST" exec "$ST" again print logged >/dev/null 2>&1
check log-file-append "$T/log" 'exit_group\(0\)'
check log-file-keeps-first "$T/log" 'execve\('

"$RUNNER" -stats "$ST" exec-noenv "$ST" again print stats >"$T/out" 2>"$T/err"
check stats-survive "$T/err" '^ferry-stats: blocks=[0-9]+'
lines=$(grep -c '^ferry-stats:' "$T/err")
echo "stats lines: $lines" >"$T/lines"
check stats-per-image "$T/lines" '^stats lines: 2$'

printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000\231\231' >"$T/foreign"
head -c 200 /dev/zero >>"$T/foreign"
chmod 755 "$T/foreign"
"$RUNNER" "$ST" exec "$T/foreign" foreign >"$T/out" 2>&1
check unknown-machine "$T/out" 'Exec format error'

"$RUNNER" "$ST" cat /proc/cpuinfo >"$T/out" 2>&1
check cpuinfo-isa "$T/out" $'^isa\t\t: rv64imafdc'
check cpuinfo-hart "$T/out" $'^hart\t\t: 0$'

# An empty chroot: the static runner and a static guest, no /proc, no /dev.
mkdir -p "$T/root"
cp "$RUNNER" "$T/root/ferry-riscv64"
cp "$ST" "$T/root/guest"
if chroot "$T/root" /ferry-riscv64 /guest print inside >"$T/out" 2>&1; then
	check chroot-start "$T/out" '^guest print: inside$'
	chroot "$T/root" /ferry-riscv64 /guest exec /guest again print exec inside >"$T/out" 2>&1
	check chroot-exec "$T/out" '^guest print: exec inside$'
	chroot "$T/root" /ferry-riscv64 /guest cat /proc/self/maps >"$T/out" 2>&1
	check chroot-no-proc "$T/out" 'No such file or directory'
elif [ "$(id -u)" != 0 ]; then
	skip chroot "chroot needs root (or CAP_SYS_CHROOT)"
else
	check chroot-start "$T/out" '^guest print: inside$'
fi

# Core dumps: the kernel's rules on the guest's own limit, seen through the wait status.
mkdir -p "$T/core"
core_status() { # ulimit-value -> "signal=N core=0|1"
	(cd "$T/core" && perl -e 'system(@ARGV); printf "signal=%d core=%d\n", $? & 127, ($? & 128) ? 1 : 0' \
		-- bash -c "ulimit -S -c $1; exec \"\$0\" \"\$@\"" "$RUNNER" "$ST" abort)
}
if [ "$(ulimit -H -c)" != unlimited ]; then
	skip core-dump "the hard core-file limit is $(ulimit -H -c)"
elif command -v perl >/dev/null && [ "$(cat /proc/sys/kernel/core_pattern 2>/dev/null)" = core ]; then
	core_status 0 >"$T/out" 2>/dev/null
	check core-limit-zero "$T/out" '^signal=6 core=0$'
	core_status unlimited >"$T/out" 2>/dev/null
	check core-allowed "$T/out" '^signal=6 core=1$'
	rm -f "$T"/core/core*
else
	skip core-dump "needs perl and core_pattern 'core' (is $(cat /proc/sys/kernel/core_pattern 2>/dev/null))"
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
