#!/bin/bash
# `make bench`: the measurements ferry's speed claims rest on. Builds the CPU-bound
# workloads in tests/bench/ (one small C11 program each, a comment on top saying what it
# stresses) for the guest ISA $BENCH_ISA (static) and natively from the same source, runs
# each under ferry, Debian's qemu-<isa> and natively, alternating the three (ferry, qemu, native, ferry,
# ...) so machine noise spreads over all of them, and prints the median wall-clock time
# and the ratios, with a geometric-mean row. A run whose output differs from the native
# program's is WRONG and never gets a time. Then: process start-up (200 runs of a tiny
# static and of a dynamically linked program, in ms per run), and ferry's translation
# speed (FERRY_STATS=1) and peak memory next to qemu's.
#
# Each workload takes about 0.2-0.3 s natively at BENCH_SCALE=1. A runner gets a further
# run of a workload only while its runs of it add up to less than BENCH_BUDGET seconds,
# so a slow ferry gets fewer runs rather than a longer table. With the IR interpreter
# (60-650x native, one ferry run per workload) `make bench` takes about 10 minutes, 8 of
# them in ferry's single runs; with ferry within 20x of native, about 4. Benchmarks never
# fail the build: problems show in the table and the exit status is 0.
#
# usage: tests/bench/run.sh BUILD_DIR
# environment:
#   BENCH_SCALE    work multiplier passed to every workload (default 1)
#   BENCH_RUNS     runs per workload and runner; the median counts (default 5)
#   BENCH_BUDGET   seconds after which a runner is not run again on a workload (default 15)
#   BENCH_TIMEOUT  seconds before a single run is abandoned as TIMEOUT (default 120)
#   BENCH_ONLY     comma-separated workloads to run (default all; `startup` is one)
#   BENCH_ISA      guest ISA (default riscv64; aarch64 works too)
#   RUNNER         ferry command, words split on spaces (default BUILD_DIR/ferry-<isa>)
#   QEMU           reference emulator command (default qemu-<isa>)
#   SYSROOT        sysroot for the dynamic start-up program (/usr/<isa>-linux-gnu)
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 0
fi
BUILD_DIR=$1
SRC=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD_DIR/tests/bench
BENCH_SCALE=${BENCH_SCALE:-1}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_BUDGET=${BENCH_BUDGET:-15}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-120}
BENCH_ONLY=${BENCH_ONLY:-}
BENCH_ISA=${BENCH_ISA:-riscv64}
GUEST_CC=$BENCH_ISA-linux-gnu-gcc
SYSROOT=${SYSROOT:-/usr/$BENCH_ISA-linux-gnu}
read -ra FERRY_CMD <<<"${RUNNER:-$BUILD_DIR/ferry-$BENCH_ISA}"
read -ra QEMU_CMD <<<"${QEMU:-qemu-$BENCH_ISA}"
STARTUP_TOTAL=200
CFLAGS=(-std=c11 -O2 -ffp-contract=off -Wall)
WORKLOADS=(sha256 sieve qsort vm nbody matmul strings recursion)
mkdir -p "$OUT"
exec </dev/null
# Every runner sees the same environment; ferry prints its translation totals at exit.
export FERRY_STATS=1

selected() { # name: is it in BENCH_ONLY (or is BENCH_ONLY empty)?
	[ -z "$BENCH_ONLY" ] && return 0
	case ",$BENCH_ONLY," in *",$1,"*) return 0 ;; esac
	return 1
}

# compile OUTPUT SOURCE COMPILER FLAGS...: rebuilds when the source is newer
compile() {
	local out=$1 src=$2
	shift 2
	[ "$out" -nt "$src" ] && return 0
	"$@" -o "$out" "$src" -lm
}

if ! compile "$OUT/benchexec" "$SRC/benchexec.c" gcc -std=c11 -O2 -Wall; then
	echo "bench: cannot build the timer (tests/bench/benchexec.c); no benchmarks run" >&2
	exit 0
fi
built=()
for w in "${WORKLOADS[@]}"; do
	selected "$w" || continue
	if compile "$OUT/$w.native" "$SRC/$w.c" gcc "${CFLAGS[@]}" &&
		compile "$OUT/$w.$BENCH_ISA" "$SRC/$w.c" "$GUEST_CC" "${CFLAGS[@]}" -static; then
		built+=("$w")
	else
		echo "bench: building $w failed" >&2
	fi
done
startup=0
if selected startup; then
	if compile "$OUT/hello.native-static" "$SRC/hello.c" gcc "${CFLAGS[@]}" -static &&
		compile "$OUT/hello.native-dynamic" "$SRC/hello.c" gcc "${CFLAGS[@]}" &&
		compile "$OUT/hello.$BENCH_ISA-static" "$SRC/hello.c" "$GUEST_CC" "${CFLAGS[@]}" -static &&
		compile "$OUT/hello.$BENCH_ISA-dynamic" "$SRC/hello.c" "$GUEST_CC" "${CFLAGS[@]}"; then
		startup=1
	else
		echo "bench: building the start-up program failed" >&2
	fi
fi

RUNNERS=(ferry qemu native)
declare -A available=([native]=1 [ferry]=1 [qemu]=1)
if ! command -v "${FERRY_CMD[0]}" >/dev/null 2>&1; then
	available[ferry]=0
	echo "bench: ferry runner ${FERRY_CMD[0]} not found: its column is n/a" >&2
fi
if ! command -v "${QEMU_CMD[0]}" >/dev/null 2>&1; then
	available[qemu]=0
	echo "bench: ${QEMU_CMD[0]} not installed: the qemu column is skipped" >&2
fi

# command_for RUNNER PROGRAM-PREFIX KIND: sets `cmd` to the command line running
# $OUT/PREFIX.* under RUNNER; KIND is `static` (workloads) or `dynamic`
command_for() {
	local prog
	case $1 in
	native)
		prog=$OUT/$2.native
		[ "$2" = hello ] && prog=$OUT/hello.native-$3
		cmd=("$prog")
		return
		;;
	ferry) cmd=("${FERRY_CMD[@]}") ;;
	qemu) cmd=("${QEMU_CMD[@]}") ;;
	esac
	prog=$OUT/$2.$BENCH_ISA
	[ "$2" = hello ] && prog=$OUT/hello.$BENCH_ISA-$3
	[ "$3" = dynamic ] && cmd+=(-L "$SYSROOT")
	cmd+=("$prog")
}

median() { # numbers... -> their median
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) printf "%.6f", v[(NR + 1) / 2]
		      else printf "%.6f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

numeric() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

ratio() { # a b -> a/b, or "-" when either is not a number
	if numeric "$1" && numeric "$2" && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
	else
		echo -
	fi
}

fmt() { # seconds with 3 decimals, or the word as it is
	if numeric "$1"; then awk -v a="$1" 'BEGIN { printf "%.3f", a }'; else echo "$1"; fi
}

# Per measured program (key "name/runner"): peak RSS in KiB, and ferry's stats line.
declare -A peak_kb stats_line

# measure NAME PREFIX KIND COUNT [ARG...]: alternates the runners BENCH_RUNS rounds on one
# program (COUNT runs per round; a time is per run); every run's output must equal
# $OUT/NAME.expected. Leaves the cells in `cell[RUNNER]` (median seconds, or
# FAIL/WRONG/TIMEOUT/n/a) and remarks in `note`.
declare -A cell
note=""
measure() {
	local name=$1 prefix=$2 kind=$3 count=$4
	shift 4
	local r round status secs kb expect=$OUT/$name.expected
	declare -A times spent failed
	for r in "${RUNNERS[@]}"; do
		times[$r]=""
		spent[$r]=0
		failed[$r]=""
	done
	note=""
	for ((round = 0; round < BENCH_RUNS; round++)); do
		for r in "${RUNNERS[@]}"; do
			if [ "${available[$r]}" != 1 ] || [ -n "${failed[$r]}" ]; then
				continue
			fi
			# a runner slower than the budget stops after its first run
			if [ "$round" -gt 0 ] && ! awk -v s="${spent[$r]}" -v b="$BENCH_BUDGET" \
				'BEGIN { exit !(s < b) }'; then
				continue
			fi
			command_for "$r" "$prefix" "$kind"
			read -r status secs kb < <("$OUT/benchexec" "$count" "$BENCH_TIMEOUT" \
				"$OUT/$name.$r.out" "$OUT/$name.$r.err" "${cmd[@]}" "$@")
			status=${status:-error} secs=${secs:-0} kb=${kb:-0}
			spent[$r]=$(awk -v a="${spent[$r]}" -v b="$secs" 'BEGIN { print a + b }')
			[ "${peak_kb[$name/$r]:-0}" -lt "$kb" ] && peak_kb[$name/$r]=$kb
			if [ "$r" = ferry ] && [ -z "${stats_line[$name/ferry]:-}" ]; then
				stats_line[$name/ferry]=$(grep -m1 '^ferry-stats:' "$OUT/$name.$r.err")
			fi
			if [ "$status" = timeout ]; then
				failed[$r]=TIMEOUT
			elif [ "$status" != ok ]; then
				failed[$r]=FAIL
				note+=" $r ${status/:/ }"
			elif ! cmp -s "$OUT/$name.$r.out" "$expect"; then
				failed[$r]=WRONG
				note+=" $r WRONG OUTPUT (see $OUT/$name.$r.out)"
			fi
			[ -z "${failed[$r]}" ] && times[$r]+=" $(awk -v s="$secs" -v d="$count" \
				'BEGIN { printf "%.6f", s / d }')"
		done
	done
	for r in "${RUNNERS[@]}"; do
		if [ "${available[$r]}" != 1 ]; then
			cell[$r]=n/a
		elif [ -n "${failed[$r]}" ]; then
			cell[$r]=${failed[$r]}
		else
			# shellcheck disable=SC2086 # the list of times is split on purpose
			cell[$r]=$(median ${times[$r]})
			# shellcheck disable=SC2086
			set -- ${times[$r]}
			[ $# -lt "$BENCH_RUNS" ] && note+=" $r: $# run$([ $# = 1 ] || echo s)"
		fi
	done
	note=${note# }
}

FMT='%-16s %9s %9s %9s %10s %9s %10s  %s\n'
declare -A ratio_values # column -> values, for the geometric mean
# make_row NAME NATIVE QEMU FERRY NOTE [1 for seconds, 1000 for ms]: the table line in `row`
make_row() {
	local k=${6:-1} n q f
	n=$(fmt "$2") q=$(fmt "$3") f=$(fmt "$4")
	if [ "$k" = 1000 ]; then
		numeric "$2" && n=$(awk -v a="$2" 'BEGIN { printf "%.2f", a * 1000 }')
		numeric "$3" && q=$(awk -v a="$3" 'BEGIN { printf "%.2f", a * 1000 }')
		numeric "$4" && f=$(awk -v a="$4" 'BEGIN { printf "%.2f", a * 1000 }')
	fi
	local fn qn fq
	fn=$(ratio "$4" "$2") qn=$(ratio "$3" "$2") fq=$(ratio "$4" "$3")
	if [ "$k" = 1 ]; then
		ratio_values[native]+=" $n" ratio_values[qemu]+=" $q" ratio_values[ferry]+=" $f"
		ratio_values[fn]+=" $fn" ratio_values[qn]+=" $qn" ratio_values[fq]+=" $fq"
	fi
	# shellcheck disable=SC2059 # FMT is the table's format
	row=$(printf "$FMT" "$1" "$n" "$q" "$f" "$fn" "$qn" "$fq" "$5" | sed 's/ *$//')
}

# geomean DECIMALS VALUES...: geometric mean of the numeric values, followed by "(k/n)"
# when only k of the n are numbers
geomean() {
	local d=$1
	shift
	printf '%s\n' "$@" | awk -v n="$#" -v d="$d" '/^[0-9.]+$/ && $1 > 0 { s += log($1); k++ }
		END { if (!k) { printf "-"; exit }
		      printf "%.*f%s", d, exp(s / k), k < n ? "(" k "/" n ")" : "" }'
}

start=$SECONDS
rows=()
for w in "${built[@]}"; do
	echo "bench: $w" >&2
	# an untimed native run gives the reference output (and warms the caches)
	rm -f "$OUT/$w.expected"
	if ! "$OUT/$w.native" "$BENCH_SCALE" >"$OUT/$w.expected" 2>/dev/null; then
		make_row "$w" FAIL - - "the native program failed: nothing to compare with"
		rows+=("$row")
		continue
	fi
	measure "$w" "$w" static 1 "$BENCH_SCALE"
	make_row "$w" "${cell[native]}" "${cell[qemu]}" "${cell[ferry]}" "$note"
	rows+=("$row")
done
if [ "${#built[@]}" -gt 0 ]; then
	# shellcheck disable=SC2086,SC2059 # value lists split on purpose; FMT is the format
	rows+=("$(printf "$FMT" "geometric mean" "$(geomean 3 ${ratio_values[native]})" \
		"$(geomean 3 ${ratio_values[qemu]})" "$(geomean 3 ${ratio_values[ferry]})" \
		"$(geomean 2 ${ratio_values[fn]})" "$(geomean 2 ${ratio_values[qn]})" \
		"$(geomean 2 ${ratio_values[fq]})" "" | sed 's/ *$//')")
fi

startup_rows=()
if [ "$startup" = 1 ]; then
	per_batch=$(((STARTUP_TOTAL + BENCH_RUNS - 1) / BENCH_RUNS))
	for kind in static dynamic; do
		echo "bench: start-up, $kind ($((per_batch * BENCH_RUNS)) runs each)" >&2
		echo hello >"$OUT/hello-$kind.expected"
		measure "hello-$kind" hello "$kind" "$per_batch"
		make_row "hello-$kind" "${cell[native]}" "${cell[qemu]}" "${cell[ferry]}" "$note" 1000
		startup_rows+=("$row")
	done
fi

echo
echo "CPU-bound workloads: median of $BENCH_RUNS wall-clock seconds (fewer when over" \
	"${BENCH_BUDGET}s), BENCH_SCALE=$BENCH_SCALE"
echo "ferry: ${FERRY_CMD[*]}; qemu: ${QEMU_CMD[*]}"
# shellcheck disable=SC2059
printf "$FMT" workload native qemu ferry ferry/nat qemu/nat ferry/qemu "" | sed 's/ *$//'
printf '%s\n' "${rows[@]}"
if [ "${#startup_rows[@]}" -gt 0 ]; then
	echo
	echo "process start-up: milliseconds per run, median of $BENCH_RUNS batches of $per_batch"
	# shellcheck disable=SC2059
	printf "$FMT" program native qemu ferry ferry/nat qemu/nat ferry/qemu "" | sed 's/ *$//'
	printf '%s\n' "${startup_rows[@]}"
fi

# translation speed (from FERRY_STATS=1) and peak memory per program
echo
echo "ferry translation (first run) and peak RSS in MiB (largest over all runs)"
TFMT='%-16s %7s %10s %10s %12s %8s %8s %8s\n'
# shellcheck disable=SC2059
printf "$TFMT" program blocks guest-insns transl-ms insns/s ferry qemu native
mib() { [ -n "${1:-}" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || echo -; }
names=("${built[@]}")
[ "$startup" = 1 ] && names=(hello-static hello-dynamic "${names[@]}")
for name in "${names[@]}"; do
	line=${stats_line[$name/ferry]:-}
	blocks=- insns=- ms=- speed=-
	if [[ $line =~ blocks=([0-9]+)\ guest_insns=([0-9]+)\ translate_ns=([0-9]+) ]]; then
		blocks=${BASH_REMATCH[1]} insns=${BASH_REMATCH[2]}
		ms=$(awk -v n="${BASH_REMATCH[3]}" 'BEGIN { printf "%.2f", n / 1e6 }')
		speed=$(awk -v i="$insns" -v n="${BASH_REMATCH[3]}" \
			'BEGIN { if (n > 0) printf "%.0f", i / (n / 1e9); else printf "-" }')
	fi
	# shellcheck disable=SC2059
	printf "$TFMT" "$name" "$blocks" "$insns" "$ms" "$speed" "$(mib "${peak_kb[$name/ferry]:-}")" \
		"$(mib "${peak_kb[$name/qemu]:-}")" "$(mib "${peak_kb[$name/native]:-}")"
done
echo
echo "bench: done in $((SECONDS - start)) s"
exit 0
