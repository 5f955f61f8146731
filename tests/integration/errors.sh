#!/bin/bash
# Integration test: the runner's behaviour on bad input and at guest exit, as a user sees
# it from the shell. Checks the documented contract (DESIGN.md section 1): errors on
# stderr as "NAME: PATH: reason"; exit 127 for a missing program, 255 for an ELF of
# another architecture, 1 for other load errors and bad options; --version exits 0;
# "-d help" lists log items; the guest's exit status passes through; a guest killed by a
# signal kills the runner with the same signal (the shell sees 128 + signal).
#
# usage: tests/integration/errors.sh BUILD_DIR
# environment: RUNNER (default BUILD_DIR/ferry-riscv64), RUNNER_NAME (the message prefix,
#   default the runner's file name). qemu-riscv64 differs from this contract on the
#   missing-program and truncated-ELF checks by design.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${RUNNER:-$BUILD_DIR/ferry-riscv64}
RUNNER_NAME=${RUNNER_NAME:-${RUNNER##*/}}
CROSS_CC=${CROSS_CC:-riscv64-linux-gnu-gcc}
OUT=$BUILD_DIR/tests/integration
mkdir -p "$OUT"
ulimit -c 0

T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-errors.XXXXXX")
trap 'rm -rf "$T"' EXIT

passed=0
failed=0
pass() {
	echo "PASS errors $1"
	passed=$((passed + 1))
}
fail() { # name reason
	echo "FAIL errors $1: $2"
	if [ -s "$T/err" ]; then
		head -n 3 "$T/err" | sed 's/^/    stderr: /'
	fi
	failed=$((failed + 1))
}
# run ARGS...: runs the runner, status in $st, output in $T/out and $T/err
run() {
	{ timeout 60 "$RUNNER" "$@" </dev/null >"$T/out" 2>"$T/err"; } 2>/dev/null
	st=$?
}
expect_status() { # name want
	if [ "$st" = "$2" ]; then
		return 0
	fi
	fail "$1" "exit status $st, expected $2"
	return 1
}

if ! command -v "$RUNNER" >/dev/null 2>&1; then
	echo "FAIL errors: runner not found: $RUNNER"
	echo "0 passed, 1 failed"
	exit 1
fi

guest=$OUT/guest-exit
if ! [ -x "$guest" ] || [ "$HERE/guest-exit.c" -nt "$guest" ]; then
	if ! "$CROSS_CC" -O2 -static -o "$guest" "$HERE/guest-exit.c" 2>"$T/err"; then
		fail build "cannot build guest-exit"
		echo "$passed passed, $failed failed"
		exit 1
	fi
fi

# missing program: 127 and exactly one line "NAME: PATH: reason"
missing=$T/does-not-exist
run "$missing"
if expect_status missing-program 127; then
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^$RUNNER_NAME: $missing: ." "$T/err"; then
		pass missing-program
	else
		fail missing-program "stderr is not one line \"$RUNNER_NAME: $missing: reason\""
	fi
fi

# an ELF for another architecture: 255 (Yocto's wrapper relies on it)
run /bin/true
if expect_status foreign-elf 255; then
	if grep -q "^$RUNNER_NAME: /bin/true: ." "$T/err"; then
		pass foreign-elf
	else
		fail foreign-elf "no \"$RUNNER_NAME: /bin/true: reason\" line on stderr"
	fi
fi

# truncated riscv64 ELFs: inside the ELF header, and with the program headers cut off
head -c 40 "$guest" >"$T/trunc-ehdr"
head -c 100 "$guest" >"$T/trunc-phdr"
chmod +x "$T/trunc-ehdr" "$T/trunc-phdr"
for f in trunc-ehdr trunc-phdr; do
	run "$T/$f"
	if expect_status "truncated-elf $f" 1; then
		if [ -s "$T/err" ] && grep -q "^$RUNNER_NAME: " "$T/err"; then
			pass "truncated-elf $f"
		else
			fail "truncated-elf $f" "no \"$RUNNER_NAME: ...\" message on stderr"
		fi
	fi
done

# not an ELF at all
printf 'just text\n' >"$T/text-file"
chmod +x "$T/text-file"
run "$T/text-file"
if expect_status not-elf 1; then
	pass not-elf
fi

run --version
if expect_status version 0; then
	if [ -s "$T/out" ]; then pass version; else fail version "nothing printed on stdout"; fi
fi

run --no-such-option "$guest" exit 0
if expect_status unknown-option 1; then
	if [ -s "$T/err" ]; then pass unknown-option; else fail unknown-option "no message on stderr"; fi
fi

# the listing matters here, not the exit status (qemu exits 1 after it)
run -d help
if [ "$(cat "$T/out" "$T/err" | wc -l)" -ge 3 ]; then
	pass debug-help
else
	fail debug-help "fewer than 3 lines of log items (exit status $st)"
fi

for code in 0 1 42 255; do
	run "$guest" exit "$code"
	if expect_status "guest-exit $code" "$code"; then
		if [ "$(cat "$T/out")" = "exiting with $code" ]; then
			pass "guest-exit $code"
		else
			fail "guest-exit $code" "unexpected stdout: $(head -c 80 "$T/out")"
		fi
	fi
done

run "$guest" segv
if expect_status guest-sigsegv 139; then
	if [ "$(cat "$T/out")" = "about to fault" ]; then
		pass guest-sigsegv
	else
		fail guest-sigsegv "stdout before the fault was lost"
	fi
fi

run "$guest" kill 15
if expect_status guest-sigterm 143; then
	pass guest-sigterm
fi

# options before the program reach the guest: -E/-U/-0 are covered by tests/guest;
# here "--" ends the options
run -- "$guest" exit 7
if expect_status double-dash 7; then
	pass double-dash
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
