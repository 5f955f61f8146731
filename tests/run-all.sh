#!/bin/bash
# The test aggregator behind `make check`: runs the Check unit tests, the guest program
# tests, the ISA tests of every guest ISA and every executable tests/integration/*.sh
# (a script containing a line "# slow" runs only with --slow), adds up their counts,
# prints a per-suite table and ends with exactly "N passed, N failed" (or
# "N passed, N failed, N skipped"). Exit status 0 only when nothing failed.
#
# usage: tests/run-all.sh [--slow] BUILD_DIR
# Each suite prints "N passed, N failed[, N skipped]" as its last line; a suite that
# exits 77 is counted as skipped; a suite whose last line is missing counts as one
# failure. Full logs go to BUILD_DIR/tests/logs/. Needs no stdin and no terminal.
set -u

slow=0
if [ "${1:-}" = --slow ]; then
	slow=1
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: $0 [--slow] BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
TESTS=$(cd "$(dirname "$0")" && pwd)
LOGS=$BUILD_DIR/tests/logs
mkdir -p "$LOGS"
exec </dev/null

total_pass=0
total_fail=0
total_skip=0
table=()

add_row() { # suite passed failed skipped note
	table+=("$(printf "%-28s %7s %7s %8s  %s" "$1" "$2" "$3" "$4" "$5" | sed "s/ *$//")")
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	total_skip=$((total_skip + $4))
}

# unit tests: Check's own summary line "NN%: Checks: N, Failures: F, Errors: E"
run_unit() {
	local bin=$BUILD_DIR/tests/unit-tests log=$LOGS/unit.log line n f e st
	echo "== unit"
	if ! [ -x "$bin" ]; then
		echo "FAIL unit: $bin is not built"
		add_row unit 0 1 0 "not built"
		return
	fi
	CK_FORK=${CK_FORK:-yes} "$bin" >"$log" 2>&1
	st=$?
	grep -E '^[0-9]+%:|^[^:]+:[0-9]+:[EF]:' "$log" | head -n 40
	line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL unit: no Check summary line (exit status $st)"
		add_row unit 0 1 0 "no summary, status $st"
		return
	fi
	n=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
	f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
	e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
	add_row unit $((n - f - e)) $((f + e)) 0 ""
}

# a script suite: NAME SCRIPT ARGS...
run_suite() {
	local name=$1 log st line p f s note=""
	shift
	log=$LOGS/${name//\//_}.log
	echo "== $name"
	"$@" 2>&1 | tee "$log"
	st=${PIPESTATUS[0]}
	line=$(tail -n 1 "$log")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
		p=${BASH_REMATCH[1]}
		f=${BASH_REMATCH[2]}
		s=${BASH_REMATCH[4]:-0}
		if [ "$st" = 77 ]; then
			[ "$s" -eq 0 ] && s=1
			note="skipped"
		elif [ "$st" != 0 ] && [ "$f" -eq 0 ]; then
			f=1
			note="exit status $st"
		fi
	elif [ "$st" = 77 ]; then
		p=0 f=0 s=1 note="skipped"
	else
		p=0 f=1 s=0 note="no summary line, exit status $st"
		echo "FAIL $name: no summary line (exit status $st)"
	fi
	add_row "$name" "$p" "$f" "$s" "$note"
}

# Guest programs and ISA tests run under every executor: the interpreter (the
# reference), the JIT, and co-simulation of the two. Integration suites use the default.
EVERY_ENGINE=${ENGINES:-interp jit cosim}
run_unit
ENGINES=$EVERY_ENGINE run_suite guest "$TESTS/guest/run.sh" "$BUILD_DIR"
for isa_run in "$TESTS"/isa/*/run.sh; do
	[ -x "$isa_run" ] || continue
	isa=${isa_run%/run.sh}
	ENGINES=$EVERY_ENGINE run_suite "isa/${isa##*/}" "$isa_run" "$BUILD_DIR"
done
for script in "$TESTS"/integration/*.sh; do
	[ -x "$script" ] || continue
	name=integration/$(basename "$script" .sh)
	if [ "$slow" = 0 ] && grep -qx '# slow' "$script"; then
		add_row "$name" 0 0 0 "slow: runs with --slow"
		continue
	fi
	run_suite "$name" "$script" "$BUILD_DIR"
done

echo
printf '%-28s %7s %7s %8s\n' suite passed failed skipped
for row in "${table[@]}"; do
	echo "$row"
done
echo
if [ "$total_skip" -gt 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" -eq 0 ]
