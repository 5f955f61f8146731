#!/bin/bash
# `make bench`: builds the CPU-bound workloads in tests/bench/ for riscv64 (static; the
# start-up test dynamic) and natively, runs each under ferry, Debian's qemu-riscv64 and
# natively, and prints one table of best-of-3 wall-clock seconds and ratios. Benchmarks
# never fail the build: problems are shown in the table and the exit status is 0.
#
# usage: tests/bench/run.sh BUILD_DIR
# environment:
#   BENCH_SCALE    work multiplier (default 1: about 0.05 s per workload natively)
#   BENCH_REPS     repetitions, best one counts (default 3)
#   BENCH_TIMEOUT  seconds before a single run is abandoned (default 60); a run slower
#                  than a third of it is not repeated, so a slow interpreter keeps the
#                  whole table within a few minutes
#   FERRY          ferry runner (default BUILD_DIR/ferry-riscv64)
#   QEMU           reference emulator (default qemu-riscv64)
#   SYSROOT        riscv64 sysroot for the dynamic start-up test (default /usr/riscv64-linux-gnu)
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 0
fi
BUILD_DIR=$1
SRC=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD_DIR/tests/bench
BENCH_SCALE=${BENCH_SCALE:-1}
BENCH_REPS=${BENCH_REPS:-3}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-60}
FERRY=${FERRY:-$BUILD_DIR/ferry-riscv64}
QEMU=${QEMU:-qemu-riscv64}
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
CFLAGS=(-std=c11 -O2 -ffp-contract=off)
mkdir -p "$OUT"
exec </dev/null

# workload name and its per-workload multiplier (scale 1 = about 0.05 s natively)
workloads=(intmix:8 dhry:5 fp:10)
STARTUP_RUNS=50

build() { # name
	local n=$1
	if ! [ "$OUT/$n.native" -nt "$SRC/$n.c" ]; then
		gcc "${CFLAGS[@]}" -o "$OUT/$n.native" "$SRC/$n.c" -lm || return 1
	fi
	if ! [ "$OUT/$n.rv64" -nt "$SRC/$n.c" ]; then
		riscv64-linux-gnu-gcc "${CFLAGS[@]}" -static -o "$OUT/$n.rv64" "$SRC/$n.c" -lm || return 1
	fi
}
for w in "${workloads[@]}"; do
	build "${w%%:*}" || echo "bench: building ${w%%:*} failed" >&2
done
if ! [ "$OUT/hello.native" -nt "$SRC/hello.c" ] || ! [ "$OUT/hello.rv64dyn" -nt "$SRC/hello.c" ]; then
	gcc "${CFLAGS[@]}" -o "$OUT/hello.native" "$SRC/hello.c"
	riscv64-linux-gnu-gcc "${CFLAGS[@]}" -o "$OUT/hello.rv64dyn" "$SRC/hello.c"
fi

have_ferry=1
command -v "$FERRY" >/dev/null 2>&1 || have_ferry=0
have_qemu=1
command -v "$QEMU" >/dev/null 2>&1 || have_qemu=0

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# time_best KIND CMD...: best wall time over the repetitions, or "timeout"/"error";
# stdout of the first run is kept in $OUT/last.out for the correctness check
time_best() {
	local best="" r t0 t1 st secs
	for ((r = 0; r < BENCH_REPS; r++)); do
		t0=$(now)
		timeout "$BENCH_TIMEOUT" "$@" >"$OUT/run.out" 2>"$OUT/run.err"
		st=$?
		t1=$(now)
		[ "$r" = 0 ] && cp "$OUT/run.out" "$OUT/last.out"
		if [ "$st" = 124 ]; then
			best=${best:-timeout}
			break
		elif [ "$st" != 0 ]; then
			best=${best:-error}
			break
		fi
		secs=$(elapsed "$t0" "$t1")
		if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$secs
		fi
		# a slow run is not repeated: the table must stay quick with an interpreter
		awk -v a="$secs" -v t="$BENCH_TIMEOUT" 'BEGIN { exit !(a > t / 3) }' && break
	done
	echo "$best"
}

# startup loop: runs the dynamic hello STARTUP_RUNS times in one timed command
# shellcheck disable=SC2317 # called through bash -c
startup_loop() { # CMD...
	local i
	for ((i = 1; i < STARTUP_RUNS; i++)); do
		"$@" >/dev/null || return 1
	done
	"$@"
}
export -f startup_loop
export STARTUP_RUNS

ratio() { # a b -> a/b or "-"
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
		printf "%.2f", a / b }'
}

rows=()
add_row() { # name native qemu ferry note
	rows+=("$(printf '%-16s %9s %9s %9s %9s %9s %9s  %s' "$1" "$2" "$3" "$4" \
		"$(ratio "$4" "$2")" "$(ratio "$3" "$2")" "$(ratio "$4" "$3")" "$5" | sed 's/ *$//')")
}

for w in "${workloads[@]}"; do
	name=${w%%:*}
	arg=$((${w##*:} * BENCH_SCALE))
	note=""
	if ! [ -x "$OUT/$name.native" ] || ! [ -x "$OUT/$name.rv64" ]; then
		add_row "$name" - - - "build failed"
		continue
	fi
	echo "bench: $name (argument $arg)" >&2
	tn=$(time_best "$OUT/$name.native" "$arg")
	cp "$OUT/last.out" "$OUT/$name.native.out"
	tq=n/a
	if [ "$have_qemu" = 1 ]; then
		tq=$(time_best "$QEMU" "$OUT/$name.rv64" "$arg")
		cmp -s "$OUT/last.out" "$OUT/$name.native.out" || note="$note qemu-output-differs"
	fi
	tf=n/a
	if [ "$have_ferry" = 1 ]; then
		tf=$(time_best "$FERRY" "$OUT/$name.rv64" "$arg")
		cmp -s "$OUT/last.out" "$OUT/$name.native.out" || note="$note ferry-output-differs"
	fi
	add_row "$name" "$tn" "$tq" "$tf" "${note# }"
done

echo "bench: startup (dynamic hello x$STARTUP_RUNS)" >&2
# shellcheck disable=SC2016 # expanded by the inner bash
tn=$(time_best bash -c 'startup_loop "$@"' _ "$OUT/hello.native")
tq=n/a
tf=n/a
[ "$have_qemu" = 1 ] && tq=$(time_best bash -c 'startup_loop "$@"' _ "$QEMU" -L "$SYSROOT" "$OUT/hello.rv64dyn")
[ "$have_ferry" = 1 ] && tf=$(time_best bash -c 'startup_loop "$@"' _ "$FERRY" -L "$SYSROOT" "$OUT/hello.rv64dyn")
add_row "startup-x$STARTUP_RUNS" "$tn" "$tq" "$tf" ""

echo
echo "best of $BENCH_REPS wall-clock seconds, BENCH_SCALE=$BENCH_SCALE"
[ "$have_ferry" = 1 ] || echo "ferry runner not found at $FERRY: its columns are n/a"
printf '%-16s %9s %9s %9s %9s %9s %9s\n' workload native qemu ferry ferry/nat qemu/nat ferry/qemu
for row in "${rows[@]}"; do
	echo "$row"
done
exit 0
