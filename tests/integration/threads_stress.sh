#!/bin/bash
# slow
# Integration test: guest threads under load. threads-stress.c runs for a while with
# workers on a pthread mutex and condition variable, a raw futex lock and atomics, a
# thread signalling them, one creating and joining threads and (riscv64) one forcing
# translation flushes; it checks its counters at the end. Each engine gets a share of
# STRESS_SECONDS (default 60: jit 40, interp and cosim 10 each); a run that does not end
# within its time plus a minute counts as a hang.
#
# usage: tests/integration/threads_stress.sh BUILD_DIR
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${RUNNER:-$BUILD_DIR/ferry-riscv64}
CROSS_CC=${CROSS_CC:-riscv64-linux-gnu-gcc}
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
SECONDS_TOTAL=${STRESS_SECONDS:-60}
OUT=$(mkdir -p "$BUILD_DIR/tests/integration" && cd "$BUILD_DIR/tests/integration" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-stress.XXXXXX")
trap 'rm -rf "$T"' EXIT

passed=0
failed=0
for v in static:-static dynamic:; do
	exe=$OUT/threads-stress-${v%%:*}
	if [ ! -x "$exe" ] || [ "$HERE/threads-stress.c" -nt "$exe" ]; then
		"$CROSS_CC" -O2 ${v#*:} -o "$exe" "$HERE/threads-stress.c" || exit 1
	fi
done

# run NAME ENGINE SECONDS EXE [runner options]
run() {
	local name=$1 engine=$2 secs=$3 exe=$4 st
	shift 4
	FERRY_ENGINE=$engine timeout $((secs + 60)) "$RUNNER" "$@" "$exe" "$secs" >"$T/out" 2>&1
	st=$?
	if [ "$st" = 0 ] && grep -q '^stress ok$' "$T/out"; then
		echo "PASS threads_stress $name $engine"
		passed=$((passed + 1))
	else
		[ "$st" = 124 ] && echo "    hung: no end after $((secs + 60)) s" >>"$T/out"
		echo "FAIL threads_stress $name $engine (exit status $st)"
		sed 's/^/    /' "$T/out" | head -n 10
		failed=$((failed + 1))
	fi
}

jit_s=$((SECONDS_TOTAL * 2 / 3))
rest=$(((SECONDS_TOTAL - jit_s) / 2))
[ "$rest" -lt 1 ] && rest=1
run static jit $((jit_s - jit_s / 4)) "$OUT/threads-stress-static"
run dynamic jit $((jit_s / 4 > 0 ? jit_s / 4 : 1)) "$OUT/threads-stress-dynamic" -L "$SYSROOT"
run static interp "$rest" "$OUT/threads-stress-static"
run static cosim "$rest" "$OUT/threads-stress-static"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
