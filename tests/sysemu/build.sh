#!/bin/bash
# Shared by the system-mode integration scripts (sourced, runs nothing): how a
# bare-metal test program is built, and the virtio-blk test disk. Needs SRC (this
# folder) set by the caller.
#   sysemu_build OUT.elf SOURCE.c   builds a program with start.S and lib.c
#   make_disk FILE                  a 64 KiB raw disk: sector 0 byte i = (i * 7 + 3) & 0xff
#                                   with "FERRYBLK" at 0 (what virtio_blk.c expects)
#   check_disk FILE                 succeeds when sector 1 holds byte i = (i * 13 + 1) &
#                                   0xff (what virtio_blk.c writes)
SYSEMU_CC=${SYSEMU_CC:-riscv64-linux-gnu-gcc}
SYSEMU_CFLAGS="-nostdlib -nostartfiles -ffreestanding -fno-pic -no-pie -static -march=rv64gc
	-mabi=lp64d -mcmodel=medany -O2 -Wall -Werror -T $SRC/link.ld -Wl,--no-relax
	-Wl,--build-id=none -Wl,--no-warn-rwx-segments"

sysemu_build() {
	# shellcheck disable=SC2086
	$SYSEMU_CC $SYSEMU_CFLAGS -o "$1" "$SRC/start.S" "$SRC/lib.c" "$2"
}

make_disk() {
	python3 -c '
import sys
s0 = bytearray((i * 7 + 3) & 0xff for i in range(512)); s0[0:8] = b"FERRYBLK"
sys.stdout.buffer.write(bytes(s0) + bytes(65536 - 512))' >"$1"
}

check_disk() {
	python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if d[512:1024] == bytes((i * 13 + 1) & 0xff for i in range(512)) else 1)' "$1"
}
