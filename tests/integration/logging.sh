#!/bin/bash
# Integration test: the runner's diagnostic options as a user would use them. Each -d item
# produces its kind of line (in_asm: disassembled guest code, op/op_opt: IR, exec: block
# trace, page: guest map changes, strace: "PID name(args) = result", unimp: unimplemented
# calls), -D sends them to a file and leaves stderr clean, FERRY_LOG and FERRY_STRACE are
# the environment twins, and an unknown item is refused with exit 1.
#
# usage: tests/integration/logging.sh BUILD_DIR
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${RUNNER:-$BUILD_DIR/ferry-riscv64}
CROSS_CC=${CROSS_CC:-riscv64-linux-gnu-gcc}
OUT=$BUILD_DIR/tests/integration
mkdir -p "$OUT"
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-logging.XXXXXX")
trap 'rm -rf "$T"' EXIT

passed=0
failed=0
check() { # name file pattern: passes when the extended regex matches a line of file
	if grep -Eq -- "$3" "$2"; then
		echo "PASS logging $1"
		passed=$((passed + 1))
	else
		echo "FAIL logging $1: no line matching '$3'"
		head -n 3 "$2" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

PROG=$OUT/guest-exit-riscv64
if [ ! -x "$PROG" ] || [ "$HERE/guest-exit.c" -nt "$PROG" ]; then
	"$CROSS_CC" -O2 -static -o "$PROG" "$HERE/guest-exit.c"
fi

"$RUNNER" -d in_asm,op,op_opt,exec,page -D "$T/log" "$PROG" exit 7 >/dev/null 2>"$T/err"
check in_asm "$T/log" '^0x[0-9a-f]+: +[a-z.]+'
check op "$T/log" '^OP:$'
check op_opt "$T/log" '^OP after optimization:$'
check ir-lines "$T/log" 'GOTO_BLOCK|LOOKUP_JUMP|EXIT'
check exec "$T/log" '^Trace 0x[0-9a-f]+$'
check page "$T/log" '^page: mmap 0x[0-9a-f]+\+0x[0-9a-f]+ r-x = 0x'
if [ -s "$T/err" ]; then
	echo "FAIL logging -D-keeps-stderr-clean"
	failed=$((failed + 1))
else
	echo "PASS logging -D-keeps-stderr-clean"
	passed=$((passed + 1))
fi

"$RUNNER" -strace "$PROG" exit 7 >/dev/null 2>"$T/strace"
check strace "$T/strace" '^[0-9]+ exit_group\(7\) = \?$'
check strace-errno "$T/strace" '^[0-9]+ [a-z_0-9]+\(.*\) = (0x[0-9a-f]+|-?[0-9]+)( |$)'
FERRY_STRACE=1 "$RUNNER" "$PROG" exit 0 >/dev/null 2>"$T/strace-env"
check strace-env-twin "$T/strace-env" '^[0-9]+ exit_group\(0\) = \?$'
FERRY_LOG=page "$RUNNER" "$PROG" exit 0 >/dev/null 2>"$T/page-env"
check log-env-twin "$T/page-env" '^page: mmap'

"$RUNNER" -d nonsense "$PROG" >/dev/null 2>"$T/bad"
st=$?
echo "status $st" >>"$T/bad"
check unknown-item "$T/bad" "unknown log item 'nonsense'"
check unknown-item-status "$T/bad" '^status 1$'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
