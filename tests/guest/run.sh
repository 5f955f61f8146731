#!/bin/bash
# Guest program tests: cross-builds every tests/guest/*.c for each guest ISA in
# $GUEST_ISAS (static and dynamic) and natively for x86-64, runs the native build as the
# reference and each guest build under that ISA's runner once per engine in $ENGINES,
# and compares stdout and exit status. Cases an ISA cannot run yet are listed per ISA
# below (SKIP_<isa>, with the reason) and reported as SKIP lines, never dropped.
#
# usage: tests/guest/run.sh BUILD_DIR
# environment:
#   GUEST_ISAS     space-separated guest ISAs (default "riscv64 aarch64")
#   RUNNER_<isa>   that ISA's runner (default BUILD_DIR/ferry-<isa>; qemu-<isa> works too);
#                  RUNNER sets it for every ISA
#   SYSROOT_<isa>  sysroot for dynamic programs (default /usr/<isa>-linux-gnu)
#   ENGINES        space-separated FERRY_ENGINE values (default "jit")
#   GUEST_TIMEOUT  seconds per guest run (default 120)
#   TESTS          space-separated subset of test names (default: all)
# A test whose source has a line "// exec-helper: NAME" gets helpers/NAME.c built the
# same way (native, static, dynamic) and the path of that build as its first argument.
# Prints "PASS|FAIL|SKIP name <isa>-static|<isa>-dynamic engine" per case and ends with
# "N passed, N failed, N skipped"; exits 0 only when nothing failed.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
SRC_DIR=$(cd "$(dirname "$0")" && pwd)
GUEST_ISAS=${GUEST_ISAS:-riscv64 aarch64}
ENGINES=${ENGINES:-jit}
GUEST_TIMEOUT=${GUEST_TIMEOUT:-120}
HOST_CC=${HOST_CC:-gcc}
OUT=$BUILD_DIR/tests/guest
# ISO C mode also turns off floating-point contraction, which would otherwise fuse a*b+c
# into fmadd on riscv64 and change results compared with x86-64; -frounding-math keeps
# gcc from inlining rint() as if the rounding mode were always round-to-nearest.
CFLAGS="-std=c11 -O2 -ffp-contract=off -frounding-math -Wall -Wno-unused-result -Wno-format-truncation -Wno-stringop-truncation"
export HOST_CC CFLAGS OUT SRC_DIR

# Cases each ISA cannot run yet: SKIP_<isa> names tests ("*" for all), SKIP_<isa>_WHY
# says why. Both lists are empty now that aarch64 has scalar FP and Advanced SIMD.
SKIP_aarch64=""
SKIP_aarch64_WHY=""

skipped_for() { # isa name: is the case on the ISA's skip list?
	local list
	list="SKIP_$1"
	case " ${!list:-} " in *" * "* | *" $2 "*) return 0 ;; esac
	return 1
}

mkdir -p "$OUT/native/helpers" "$OUT/logs"
for isa in $GUEST_ISAS; do
	mkdir -p "$OUT/$isa-static/helpers" "$OUT/$isa-dynamic/helpers"
done
ulimit -c 0

names=()
if [ -n "${TESTS:-}" ]; then
	read -r -a names <<<"$TESTS"
else
	for f in "$SRC_DIR"/*.c; do
		n=${f##*/}
		names+=("${n%.c}")
	done
fi

# The helper program a test names with "// exec-helper: NAME", or nothing.
helper_of() {
	sed -n 's|^// exec-helper: *\([A-Za-z0-9_]*\).*|\1|p' "$SRC_DIR/$1.c" | head -n 1
}

# One build job: KIND NAME (NAME may be helpers/X). Skipped when the product is newer
# than its source and than this script (which holds the flags).
build_one() {
	local kind=$1 name=$2 src exe log isa=${1%-*}
	src=$SRC_DIR/$name.c
	exe=$OUT/$kind/$name
	log=$OUT/logs/${name//\//_}.$kind.build
	if [ -x "$exe" ] && [ "$exe" -nt "$src" ] && [ "$exe" -nt "$SRC_DIR/run.sh" ]; then
		return 0
	fi
	local -a cmd
	# shellcheck disable=SC2206 # CFLAGS is a word list on purpose
	case $kind in
	native) cmd=("$HOST_CC" $CFLAGS) ;;
	*-static) cmd=("$isa-linux-gnu-gcc" $CFLAGS -static) ;;
	*-dynamic) cmd=("$isa-linux-gnu-gcc" $CFLAGS) ;;
	esac
	if ! "${cmd[@]}" -o "$exe.tmp" "$src" -lm >"$log" 2>&1; then
		rm -f "$exe.tmp"
		return 0 # the missing product is reported as a failure below
	fi
	mv -f "$exe.tmp" "$exe"
}
export -f build_one

for n in "${names[@]}"; do
	h=$(helper_of "$n")
	kinds=(native)
	for isa in $GUEST_ISAS; do
		skipped_for "$isa" "$n" || kinds+=("$isa-static" "$isa-dynamic")
	done
	for k in "${kinds[@]}"; do
		printf '%s %s\n' "$k" "$n"
		[ -n "$h" ] && printf '%s helpers/%s\n' "$k" "$h"
	done
done | sort -u | xargs -P2 -n2 bash -c 'build_one "$@"' _

passed=0
failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ferry-guest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/scratch"

# Per-test extras. args: guest arguments; env: environment for both sides; the guest
# side gets -E/-U/-0 runner options where the native side gets the equivalent env/exec -a.
test_args=()
native_env=()
guest_env=()
guest_opts=()
argv0=""
helper=""
setup_extras() {
	test_args=()
	native_env=()
	guest_env=()
	guest_opts=()
	argv0=""
	helper=$(helper_of "$1")
	case $1 in
	env_argv)
		test_args=(one "two words" "" "-d" "--version" "tab	char" "é-utf8" "last")
		native_env=(FERRY_T_PLAIN=1 "FERRY_T_SPACE=a b c" FERRY_T_GREETING=hello)
		guest_env=(FERRY_T_PLAIN=1 "FERRY_T_SPACE=a b c" FERRY_T_REMOVED=gone)
		guest_opts=(-E FERRY_T_GREETING=hello -U FERRY_T_REMOVED -0 custom-zero)
		argv0=custom-zero
		;;
	esac
}

report() { # verdict name link engine [detail-file]
	echo "$1 $2 $3 $4"
	if [ $# -ge 5 ] && [ -s "$5" ]; then
		sed -e 's/^/    /' "$5" | head -n 15
	fi
}

run_native() { # name -> $TMP/name.native.{out,status}
	local name=$1 exe=$OUT/native/$1 st
	local -a test_args=(${helper:+"$OUT/native/helpers/$helper"} ${test_args[@]+"${test_args[@]}"})
	# the braces catch the shell's own "Aborted" notice for the abort test
	{ (
		cd "$TMP/scratch" || exit 1
		if [ -n "$argv0" ]; then
			# shellcheck disable=SC2016 # the inner shell expands them
			exec env TMPDIR="$TMP/scratch" ${native_env[@]+"${native_env[@]}"} \
				bash -c 'exec -a "$0" "$@"' "$argv0" "$exe" ${test_args[@]+"${test_args[@]}"}
		fi
		exec env TMPDIR="$TMP/scratch" ${native_env[@]+"${native_env[@]}"} \
			"$exe" ${test_args[@]+"${test_args[@]}"}
	) </dev/null >"$TMP/$name.native.out" 2>"$TMP/$name.native.err"; } 2>/dev/null
	st=$?
	echo "$st" >"$TMP/$name.native.status"
}

run_guest() { # name isa link engine -> $TMP/name.guest.{out,err}, echoes status
	local name=$1 isa=$2 link=$3 engine=$4 exe=$OUT/$2-$3/$1 runner sysroot
	runner=RUNNER_$isa sysroot=SYSROOT_$isa
	runner=${!runner:-${RUNNER:-$BUILD_DIR/ferry-$isa}}
	sysroot=${!sysroot:-/usr/$isa-linux-gnu}
	local -a opts=()
	local -a test_args=(${helper:+"$OUT/$isa-$link/helpers/$helper"} ${test_args[@]+"${test_args[@]}"})
	[ "$link" = dynamic ] && opts=(-L "$sysroot")
	(
		cd "$TMP/scratch" || exit 1
		exec env TMPDIR="$TMP/scratch" FERRY_ENGINE="$engine" \
			${guest_env[@]+"${guest_env[@]}"} timeout "$GUEST_TIMEOUT" \
			"$runner" "${opts[@]}" ${guest_opts[@]+"${guest_opts[@]}"} "$exe" \
			${test_args[@]+"${test_args[@]}"}
	) </dev/null >"$TMP/$name.guest.out" 2>"$TMP/$name.guest.err"
	echo $?
}

# Whether each ISA's runner exists.
declare -A runner_ok
for isa in $GUEST_ISAS; do
	r=RUNNER_$isa
	r=${!r:-${RUNNER:-$BUILD_DIR/ferry-$isa}}
	runner_ok[$isa]=1
	if ! [ -x "$r" ] && ! command -v "$r" >/dev/null 2>&1; then
		runner_ok[$isa]=0
	fi
done

skipped=0
# check_case name isa link engine: runs one guest case and reports it.
check_case() {
	local name=$1 isa=$2 link=$3 engine=$4 kind=$2-$3 gst nst ok detail=$TMP/detail
	: >"$detail"
	if skipped_for "$isa" "$name"; then
		local why=SKIP_${isa}_WHY
		echo "SKIP $name $kind $engine: ${!why}"
		skipped=$((skipped + 1))
		return
	fi
	if [ "$native_ok" = 0 ]; then
		echo "native build failed:" >"$detail"
		tail -n 5 "$OUT/logs/$name.native.build" >>"$detail"
		report FAIL "$name" "$kind" "$engine" "$detail"
		failed=$((failed + 1))
		return
	fi
	if ! [ -x "$OUT/$kind/$name" ] ||
		{ [ -n "$helper" ] && ! [ -x "$OUT/$kind/helpers/$helper" ]; }; then
		echo "$isa $link build failed:" >"$detail"
		tail -n 5 "$OUT/logs/$name.$kind.build" >>"$detail"
		[ -n "$helper" ] && tail -n 5 "$OUT/logs/helpers_$helper.$kind.build" >>"$detail"
		report FAIL "$name" "$kind" "$engine" "$detail"
		failed=$((failed + 1))
		return
	fi
	if [ "${runner_ok[$isa]}" = 0 ]; then
		echo "runner for $isa not found" >"$detail"
		report FAIL "$name" "$kind" "$engine" "$detail"
		failed=$((failed + 1))
		return
	fi
	gst=$(run_guest "$name" "$isa" "$link" "$engine")
	nst=$(cat "$TMP/$name.native.status")
	ok=1
	if [ "$gst" != "$nst" ]; then
		ok=0
		echo "exit status: native $nst, guest $gst" >>"$detail"
		[ "$gst" = 124 ] && echo "(timed out after ${GUEST_TIMEOUT}s)" >>"$detail"
	fi
	if ! cmp -s "$TMP/$name.native.out" "$TMP/$name.guest.out"; then
		ok=0
		diff -u --label native --label guest "$TMP/$name.native.out" \
			"$TMP/$name.guest.out" | head -n 12 >>"$detail"
	fi
	if [ "$ok" = 1 ]; then
		report PASS "$name" "$kind" "$engine"
		passed=$((passed + 1))
	else
		if [ -s "$TMP/$name.guest.err" ]; then
			echo "guest stderr:" >>"$detail"
			head -n 3 "$TMP/$name.guest.err" >>"$detail"
		fi
		report FAIL "$name" "$kind" "$engine" "$detail"
		failed=$((failed + 1))
	fi
}

for name in "${names[@]}"; do
	setup_extras "$name"
	native_ok=1
	if ! [ -x "$OUT/native/$name" ] || { [ -n "$helper" ] && ! [ -x "$OUT/native/helpers/$helper" ]; }; then
		native_ok=0
	else
		run_native "$name"
	fi
	for isa in $GUEST_ISAS; do
		for link in static dynamic; do
			for engine in $ENGINES; do
				check_case "$name" "$isa" "$link" "$engine"
			done
		done
	done
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
