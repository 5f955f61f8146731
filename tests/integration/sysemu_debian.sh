#!/bin/bash
# Integration test: a Debian trixie riscv64 system on the system emulator. Builds (once,
# cached in ${FERRY_CACHE:-$HOME/.cache/ferry}/sysemu-debian/) a root filesystem with
# `ferry rootfs create --arch riscv64 --suite trixie`, copies it into a fresh ext4 disk
# image with an empty root password, and boots Debian's kernel and the assets' initramfs
# (scripts/sysemu-assets.sh) with ferry.root=/dev/vda, so systemd runs from the virtio
# disk: it must reach a login prompt on the serial console, let root log in, and power
# the machine off with `systemctl poweroff` (exit status 0) — tests/sysemu/debian_session.py.
# Prints the time to the login prompt, never asserted.
# slow
#
# usage: tests/integration/sysemu_debian.sh BUILD_DIR
# environment: SYSEMU_CMD (default BUILD_DIR/ferry-sysemu-riscv64; qemu-system-riscv64
#   validates the test), SYSEMU_ASSETS (default BUILD_DIR/sysemu-assets).
# Exit 77 (skipped) when the root filesystem or the assets cannot be downloaded.
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ASSETS=${SYSEMU_ASSETS:-$BUILD_DIR/sysemu-assets}
read -r -a cmd <<<"${SYSEMU_CMD:-$BUILD_DIR/ferry-sysemu-riscv64}"
CACHE=${FERRY_CACHE:-$HOME/.cache/ferry}/sysemu-debian
TREE=$CACHE/trixie-riscv64
skip() {
	echo "SKIP sysemu_debian: $1"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
}
for tool in mkfs.ext4 python3; do
	command -v "$tool" >/dev/null || skip "$tool is not installed"
done
"$ROOT/scripts/sysemu-assets.sh" "$ASSETS" >/dev/null || skip "the kernel and initramfs could not be fetched"
mkdir -p "$CACHE"
if [ ! -x "$TREE/sbin/init" ]; then
	rm -rf "$TREE"
	echo "building $TREE (ferry rootfs create)"
	"$BUILD_DIR/ferry" rootfs create --arch riscv64 --suite trixie "$TREE" >"$CACHE/create.log" 2>&1 ||
		skip "ferry rootfs create failed (log: $CACHE/create.log)"
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-sysemu-debian.XXXXXX")
trap 'rm -rf "$T"' EXIT
# the disk: the tree with an empty root password and a hostname, as a sparse ext4 image
cp -a "$TREE" "$T/root"
sed -i 's/^root:[^:]*:/root::/' "$T/root/etc/shadow"
echo ferry-guest >"$T/root/etc/hostname"
truncate -s 2G "$T/disk.img"
mkfs.ext4 -q -d "$T/root" "$T/disk.img" || { echo "FAIL sysemu_debian: mkfs.ext4"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$T/root"

args=(-M virt -m 1G -smp 2 -nographic -bios "$ASSETS/fw_dynamic.bin" -kernel "$ASSETS/Image"
	-initrd "$ASSETS/initramfs.cpio.gz" -append "console=ttyS0 ferry.root=/dev/vda")
case ${cmd[0]##*/} in
qemu-system-*)
	args+=(-global virtio-mmio.force-legacy=false -drive "file=$T/disk.img,format=raw,if=none,id=vd0"
		-device virtio-blk-device,drive=vd0)
	;;
*) args+=(-drive "file=$T/disk.img,format=raw,if=virtio") ;;
esac
python3 "$ROOT/tests/sysemu/debian_session.py" --log "$T/console.log" -- "${cmd[@]}" "${args[@]}" \
	>"$T/out" 2>&1
passed=$(grep -c '^PASS' "$T/out")
failed=$(grep -c '^FAIL' "$T/out")
grep '^\(PASS\|FAIL\)' "$T/out"
secs=$(sed -n 's/^LOGIN-SECONDS //p' "$T/out")
[ -n "$secs" ] && echo "TIME sysemu_debian seconds to the login prompt: ${cmd[0]##*/} $secs (not asserted)"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
	echo "--- console log (last 30 lines)"
	tail -n 30 "$T/console.log" | tr -d '\r'
	[ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
