#!/bin/bash
# Integration test: the bare-metal riscv64 programs of tests/sysemu/ (M-mode traps,
# delegation, CSRs, interrupts, MMU, PLIC, RTC, virtio-mmio, syscon) built with the
# riscv64 cross compiler and run one by one on the system emulator's virt machine:
#   $SYSEMU_CMD -M virt -m 128M -smp 1 -bios none -nographic -kernel NAME.elf [ARGS]
# Each program reports through the sifive,test syscon: exit status 0 is a pass, any
# other status the number of its failed check (a program with a line "expect-exit: N"
# must end with N). A line "sysemu-args: ..." in a source adds emulator arguments;
# @DISK@ there stands for a fresh copy of a 64 KiB raw disk whose sector 0 is the
# pattern tests/sysemu/virtio_blk.c expects (after the run, its sector 1 must hold the
# pattern the program wrote). Needs no download.
#
# usage: tests/integration/sysemu_baremetal.sh BUILD_DIR
# environment: SYSEMU_CMD (default BUILD_DIR/ferry-sysemu-riscv64; split on spaces, so
#   options can follow; "qemu-system-riscv64" validates the tests against QEMU, and then
#   -global virtio-mmio.force-legacy=false is added so QEMU offers virtio-mmio version 2,
#   and a "-drive ...,if=virtio" becomes "-drive ...,if=none,id=vdN -device
#   virtio-blk-device,drive=vdN", the virtio-mmio disk that if=virtio means for ferry),
#   SYSEMU_TIMEOUT (seconds per program, default 60), SYSEMU_TESTS (names to run).
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../sysemu" && pwd)
OUT=$BUILD_DIR/tests/sysemu
SYSEMU_CMD=${SYSEMU_CMD:-$BUILD_DIR/ferry-sysemu-riscv64}
SYSEMU_TIMEOUT=${SYSEMU_TIMEOUT:-60}
# shellcheck source=tests/sysemu/build.sh
. "$SRC/build.sh"
CC=$SYSEMU_CC
passed=0
failed=0
pass() {
	echo "PASS sysemu_baremetal $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL sysemu_baremetal $1: $2"
	failed=$((failed + 1))
}

read -r -a cmd <<<"$SYSEMU_CMD"
if ! command -v "${cmd[0]}" >/dev/null; then
	echo "FAIL sysemu_baremetal: emulator not found: ${cmd[0]}"
	echo "0 passed, 1 failed"
	exit 1
fi
qemu=0
case ${cmd[0]##*/} in
qemu-system-*)
	qemu=1
	cmd+=(-global virtio-mmio.force-legacy=false)
	;;
esac
if ! command -v "$CC" >/dev/null; then
	echo "SKIP sysemu_baremetal: no $CC (gcc-riscv64-linux-gnu)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
fi

mkdir -p "$OUT"
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-sysemu-bm.XXXXXX")
trap 'rm -rf "$T"' EXIT

names=()
for src in "$SRC"/*.c; do
	n=$(basename "$src" .c)
	[ "$n" = lib ] && continue
	if [ -n "${SYSEMU_TESTS:-}" ] && ! [[ " $SYSEMU_TESTS " == *" $n "* ]]; then
		continue
	fi
	names+=("$n")
done

for n in "${names[@]}"; do
	src=$SRC/$n.c
	elf=$OUT/$n.elf
	if ! sysemu_build "$elf" "$src" >"$T/$n.cc" 2>&1; then
		fail "$n" "does not build: $(head -n 3 "$T/$n.cc" | tr '\n' ' ')"
		continue
	fi
	want=$(sed -n 's/.*expect-exit: *\([0-9]*\).*/\1/p' "$src" | head -n 1)
	want=${want:-0}
	extra=$(sed -n 's/.*sysemu-args: *//p' "$src" | sed 's|[[:space:]]*[*]/.*||' | head -n 1)
	disk=""
	if [[ $extra == *@DISK@* ]]; then
		disk=$T/$n.img
		make_disk "$disk"
		extra=${extra//@DISK@/$disk}
	fi
	read -r -a extra_args <<<"$extra"
	# On QEMU's virt, if=virtio makes a PCI device; ask for the virtio-mmio one.
	if [ "$qemu" = 1 ]; then
		qargs=()
		i=0
		for a in "${extra_args[@]}"; do
			if [[ $a == *if=virtio* ]] && [ "${qargs[-1]:-}" = -drive ]; then
				qargs+=("${a//if=virtio/if=none,id=vd$i}" -device "virtio-blk-device,drive=vd$i")
				i=$((i + 1))
			else
				qargs+=("$a")
			fi
		done
		extra_args=("${qargs[@]}")
	fi
	timeout -k 5 "$SYSEMU_TIMEOUT" "${cmd[@]}" -M virt -m 128M -smp 1 -bios none -nographic \
		-kernel "$elf" "${extra_args[@]}" </dev/null >"$T/$n.out" 2>&1
	st=$?
	if [ "$st" = 124 ] || [ "$st" = 137 ]; then
		fail "$n" "timed out after ${SYSEMU_TIMEOUT}s; output: $(tail -n 3 "$T/$n.out" | tr -d '\r' | tr '\n' ' ')"
	elif [ "$st" != "$want" ]; then
		fail "$n" "exit status $st, expected $want; output: $(tail -n 3 "$T/$n.out" | tr -d '\r' | tr '\n' ' ')"
	elif [ -n "$disk" ] && ! check_disk "$disk"; then
		fail "$n" "sector 1 of the disk image does not hold what the guest wrote"
	else
		pass "$n"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
