#!/bin/bash
# ISA corner-case tests of one guest ISA, run through that ISA's tests/isa/<isa>/run.sh
# (which sets ISA and the build flags below): builds every tests/isa/<isa>/*.S as a
# static program, runs it under $RUNNER once per engine in $ENGINES and compares its
# stdout with NAME.expected (and its exit status with NAME.status, default 0).
#
# usage: tests/isa/<isa>/run.sh BUILD_DIR
#        tests/isa/<isa>/run.sh --generate BUILD_DIR
#   --generate writes NAME.expected for every NAME.S that has none, using $RUNNER
#   (default qemu-<isa> in this mode); check the new files by hand before committing.
# environment: RUNNER (default BUILD_DIR/ferry-<isa>), ENGINES (default "jit"),
#   ISA_TIMEOUT (seconds per run, default 60), CROSS_CC (default <isa>-linux-gnu-gcc).
# Set by the per-ISA wrapper: ISA, ISA_CFLAGS (always passed), ISA_NOSTDLIB_FLAGS
# (added for programs without libc).
# Source conventions: a file that defines _start (directly or through START from the
# ISA's test header) is linked with -nostdlib; otherwise it is linked with libc and has
# main. A line containing "isa-cflags: FLAGS" adds compiler flags (e.g. another -march).
# Ends with "N passed, N failed"; exits 0 only when nothing failed.
set -u

generate=0
if [ "${1:-}" = --generate ]; then
	generate=1
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: $0 [--generate] BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
: "${ISA:?run through tests/isa/<isa>/run.sh}"
SRC_DIR=$(cd "$(dirname "$0")/$ISA" && pwd)
if [ "$generate" = 1 ]; then
	RUNNER=${RUNNER:-qemu-$ISA}
else
	RUNNER=${RUNNER:-$BUILD_DIR/ferry-$ISA}
fi
ENGINES=${ENGINES:-jit}
ISA_TIMEOUT=${ISA_TIMEOUT:-60}
CROSS_CC=${CROSS_CC:-$ISA-linux-gnu-gcc}
OUT=$BUILD_DIR/tests/isa/$ISA
export SRC_DIR OUT CROSS_CC ISA_CFLAGS ISA_NOSTDLIB_FLAGS
mkdir -p "$OUT"
ulimit -c 0

build_one() { # NAME
	local name=$1 src=$SRC_DIR/$1.S exe=$OUT/$1 extra
	local dep
	if [ -x "$exe" ]; then
		for dep in "$src" "$SRC_DIR"/*.h "$SRC_DIR/run.sh" "$SRC_DIR/../run-isa.sh"; do
			[ "$exe" -nt "$dep" ] || break
		done
		[ "$exe" -nt "$dep" ] && return 0
	fi
	# shellcheck disable=SC2206 # the flag lists are word lists on purpose
	local -a flags=($ISA_CFLAGS -static -I"$SRC_DIR")
	if grep -Eq '^[[:space:]]*(START\b|_start:|\.globl[[:space:]]+_start)' "$src"; then
		# shellcheck disable=SC2206
		flags+=(-nostdlib $ISA_NOSTDLIB_FLAGS)
	fi
	extra=$(sed -n 's/.*isa-cflags:[[:space:]]*//p' "$src" | head -n 1)
	# shellcheck disable=SC2206 # extra flags are a word list on purpose
	[ -n "$extra" ] && flags+=($extra)
	if "$CROSS_CC" "${flags[@]}" -o "$exe.tmp" "$src" >"$OUT/$name.build.log" 2>&1; then
		mv -f "$exe.tmp" "$exe"
	else
		rm -f "$exe.tmp" "$exe"
	fi
}
export -f build_one

names=()
for f in "$SRC_DIR"/*.S; do
	[ -e "$f" ] || continue
	n=${f##*/}
	names+=("${n%.S}")
done
if [ "${#names[@]}" -gt 0 ]; then
	# shellcheck disable=SC2016 # expanded by the inner shell
	printf '%s\n' "${names[@]}" | xargs -P2 -n1 bash -c 'build_one "$1"' _
fi

run_one() { # NAME ENGINE -> stdout in $OUT/NAME.ENGINE.out, echoes status
	env FERRY_ENGINE="$2" timeout "$ISA_TIMEOUT" "$RUNNER" "$OUT/$1" </dev/null \
		>"$OUT/$1.$2.out" 2>"$OUT/$1.$2.err"
	echo $?
}

if [ "$generate" = 1 ]; then
	for name in "${names[@]}"; do
		[ -e "$SRC_DIR/$name.expected" ] && continue
		if ! [ -x "$OUT/$name" ]; then
			echo "build failed: $name (see $OUT/$name.build.log)" >&2
			continue
		fi
		st=$(run_one "$name" gen)
		cp "$OUT/$name.gen.out" "$SRC_DIR/$name.expected"
		echo "wrote $name.expected (exit status $st, $(wc -l <"$SRC_DIR/$name.expected") lines)"
	done
	exit 0
fi

passed=0
failed=0
fail() { # name engine reason [detail-file]
	echo "FAIL $1 $2: $3"
	if [ $# -ge 4 ] && [ -s "$4" ]; then
		sed -e 's/^/    /' "$4" | head -n 12
	fi
	failed=$((failed + 1))
}

for name in "${names[@]}"; do
	for engine in $ENGINES; do
		if ! [ -e "$SRC_DIR/$name.expected" ]; then
			fail "$name" "$engine" "no $name.expected (create it with --generate and check it)"
			continue
		fi
		if ! [ -x "$OUT/$name" ]; then
			fail "$name" "$engine" "build failed" "$OUT/$name.build.log"
			continue
		fi
		want_status=0
		[ -e "$SRC_DIR/$name.status" ] && want_status=$(cat "$SRC_DIR/$name.status")
		st=$(run_one "$name" "$engine")
		if [ "$st" != "$want_status" ]; then
			{
				head -n 3 "$OUT/$name.$engine.err"
				diff -u --label expected --label actual "$SRC_DIR/$name.expected" \
					"$OUT/$name.$engine.out" | head -n 8
			} >"$OUT/$name.$engine.detail"
			fail "$name" "$engine" "exit status $st, expected $want_status" \
				"$OUT/$name.$engine.detail"
		elif ! cmp -s "$SRC_DIR/$name.expected" "$OUT/$name.$engine.out"; then
			diff -u --label expected --label actual "$SRC_DIR/$name.expected" \
				"$OUT/$name.$engine.out" | head -n 12 >"$OUT/$name.$engine.detail"
			fail "$name" "$engine" "output differs" "$OUT/$name.$engine.detail"
		else
			echo "PASS $name $engine"
			passed=$((passed + 1))
		fi
	done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
