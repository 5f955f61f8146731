#!/bin/bash
# Integration test: disk images and snapshots of the system emulator, with bare-metal
# programs from tests/sysemu/ (no download). tests/sysemu/virtio_blk.c reads sector 0 and
# writes sector 1 of its disk; here its disk is a zlib-compressed qcow2 image, a qcow2
# overlay on a raw backing file, and a raw image with snapshot=on (each checked after the
# run with qemu-img: the guest's write landed where it should, the backing file and the
# snapshot=on image are unchanged, qemu-img check is clean). Then a machine running
# tests/sysemu/interactive/ticker.c shows its registers (info registers), is saved with the
# monitor's savevm and resumed with -loadvm (tests/sysemu/interactive/savevm_ticker.py).
#
# usage: tests/integration/sysemu_images.sh BUILD_DIR
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../sysemu" && pwd)
EMU=$BUILD_DIR/ferry-sysemu-riscv64
# shellcheck source=tests/sysemu/build.sh
. "$SRC/build.sh"

passed=0
failed=0
pass() {
	echo "PASS sysemu_images $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL sysemu_images $1: $2"
	failed=$((failed + 1))
}
for tool in "$SYSEMU_CC" qemu-img python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP sysemu_images: $tool is not installed"
		echo "0 passed, 0 failed, 1 skipped"
		exit 77
	fi
done
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-sysemu-img.XXXXXX")
trap 'rm -rf "$T"' EXIT
if ! sysemu_build "$T/blk.elf" "$SRC/virtio_blk.c" >"$T/cc.log" 2>&1 ||
	! sysemu_build "$T/ticker.elf" "$SRC/interactive/ticker.c" >>"$T/cc.log" 2>&1; then
	fail build "$(head -n 3 "$T/cc.log" | tr '\n' ' ')"
	echo "$passed passed, $failed failed"
	exit 1
fi

# run_blk NAME DRIVE-OPTIONS: the virtio-blk program on that disk must pass.
run_blk() {
	timeout -k 5 60 "$EMU" -M virt -m 128M -bios none -nographic -kernel "$T/blk.elf" \
		-drive "$2" </dev/null >"$T/$1.out" 2>&1
	local st=$?
	if [ "$st" != 0 ]; then
		fail "$1" "exit status $st: $(tail -n 3 "$T/$1.out" | tr -d '\r' | tr '\n' ' ')"
		return 1
	fi
}
same() { cmp -s "$1" "$2"; }

# 1. compressed qcow2: the guest reads compressed clusters and its write allocates one
make_disk "$T/src.raw"
qemu-img convert -c -f raw -O qcow2 "$T/src.raw" "$T/c.qcow2"
if run_blk qcow2-compressed "file=$T/c.qcow2,format=qcow2,if=virtio"; then
	qemu-img convert -f qcow2 -O raw "$T/c.qcow2" "$T/c.raw"
	if ! check_disk "$T/c.raw"; then
		fail qcow2-compressed "sector 1 of the image does not hold the guest's write"
	elif ! qemu-img check -q "$T/c.qcow2" >"$T/c.check" 2>&1; then
		fail qcow2-compressed "qemu-img check: $(head -n 2 "$T/c.check" | tr '\n' ' ')"
	else
		pass qcow2-compressed
	fi
fi

# 2. qcow2 overlay on a raw backing file: writes go to the overlay only
make_disk "$T/base.raw"
cp "$T/base.raw" "$T/base.orig"
qemu-img create -q -f qcow2 -b "$T/base.raw" -F raw "$T/over.qcow2"
if run_blk qcow2-backing "file=$T/over.qcow2,format=qcow2,if=virtio"; then
	qemu-img convert -f qcow2 -O raw "$T/over.qcow2" "$T/over.raw"
	if ! same "$T/base.raw" "$T/base.orig"; then
		fail qcow2-backing "the backing file changed"
	elif ! check_disk "$T/over.raw"; then
		fail qcow2-backing "the overlay does not hold the guest's write"
	else
		pass qcow2-backing
	fi
fi

# 3. snapshot=on: the guest's write is seen by the guest, never by the file
make_disk "$T/snap.raw"
cp "$T/snap.raw" "$T/snap.orig"
if run_blk snapshot-on "file=$T/snap.raw,format=raw,if=virtio,snapshot=on"; then
	if same "$T/snap.raw" "$T/snap.orig"; then
		pass snapshot-on
	else
		fail snapshot-on "the image changed"
	fi
fi

# 4. savevm / -loadvm of a running machine
python3 "$SRC/interactive/savevm_ticker.py" "$T/ticker.vm" "$EMU" -M virt -m 128M \
	-bios none -nographic -kernel "$T/ticker.elf" >"$T/savevm.out" 2>&1
while read -r line; do
	case $line in
	"PASS sysemu_images "*) pass "${line#PASS sysemu_images }" ;;
	"FAIL sysemu_images "*)
		l=${line#FAIL sysemu_images }
		fail "${l%%:*}" "${l#*: }"
		;;
	esac
done <"$T/savevm.out"
grep -q '^\(PASS\|FAIL\)' "$T/savevm.out" || fail savevm "$(tail -n 3 "$T/savevm.out" | tr '\n' ' ')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
