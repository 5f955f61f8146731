#!/bin/bash
# Integration test: boots Debian trixie's riscv64 kernel with a busybox initramfs on the
# system emulator's virt machine (assets from scripts/sysemu-assets.sh, downloaded once)
# and drives the serial console through a pseudo-terminal (tests/sysemu/boot_session.py):
# uname -m, /proc/cpuinfo, the ext4 virtio disk (/dev/vda: read the known file, write
# one), eth0 by DHCP and a wget from a python3 http.server this script runs on the host
# (the guest sees the host as 10.0.2.2), a host connection forwarded by hostfwd to a
# guest server, reboot -f, poweroff -f with exit status 0; again with
# -smp 2; then savevm through the monitor and a restart with -loadvm. Prints a timing
# line (seconds from start to the initramfs marker under the emulator and under Debian's
# qemu-system-riscv64), never asserted.
# slow
#
# usage: tests/integration/sysemu_boot.sh BUILD_DIR
# environment: SYSEMU_CMD (default BUILD_DIR/ferry-sysemu-riscv64, split on spaces;
#   qemu-system-riscv64 validates this script: the disk becomes a virtio-mmio device,
#   virtio-mmio version 2 is forced and the savevm/loadvm part is skipped, QEMU's
#   monitor being different), SYSEMU_ASSETS (default BUILD_DIR/sysemu-assets),
#   SYSEMU_BOOT_TIMEOUT (seconds to the marker, default 300), SYSEMU_QEMU (the timing
#   reference, default qemu-system-riscv64; empty: no reference run).
# Exit 77 (skipped) when the assets cannot be downloaded.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SYSEMU_CMD=${SYSEMU_CMD:-$BUILD_DIR/ferry-sysemu-riscv64}
ASSETS=${SYSEMU_ASSETS:-$BUILD_DIR/sysemu-assets}
BOOT_TIMEOUT=${SYSEMU_BOOT_TIMEOUT:-300}
QEMU_REF=${SYSEMU_QEMU-qemu-system-riscv64}
APPEND="console=ttyS0 quiet"

passed=0
failed=0
skipped=0
marker_s=""
# session LABEL ARGS...: runs boot_session.py, shows its lines, counts PASS/FAIL and
# keeps the MARKER-SECONDS value in marker_s
session() {
	local label=$1 out
	shift
	out=$T/session-$label.out
	python3 "$HERE/../sysemu/boot_session.py" --label "$label" --log "$LOG/sysemu_boot-$label.console" \
		"$@" 2>&1 | tee "$out" | grep -v '^MARKER-SECONDS'
	passed=$((passed + $(grep -c '^PASS' "$out")))
	failed=$((failed + $(grep -c '^FAIL' "$out")))
	marker_s=$(sed -n 's/^MARKER-SECONDS //p' "$out")
}

read -r -a cmd <<<"$SYSEMU_CMD"
if ! command -v "${cmd[0]}" >/dev/null; then
	echo "FAIL sysemu_boot: emulator not found: ${cmd[0]}"
	echo "0 passed, 1 failed"
	exit 1
fi
if ! err=$("$ROOT/scripts/sysemu-assets.sh" "$ASSETS" 2>&1 >/dev/null); then
	echo "SKIP sysemu_boot: assets not available: $(tail -n 1 <<<"$err")"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-sysemu-boot.XXXXXX")
http_pid=""
cleanup() {
	[ -n "$http_pid" ] && kill "$http_pid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
LOG=$BUILD_DIR/tests/logs
mkdir -p "$LOG"

# the page the guest fetches
mkdir -p "$T/www"
echo "ferry sysemu http page $$" >"$T/www/page.txt"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$T/www" "$port" >"$T/http.log" 2>&1 &
http_pid=$!
for _ in $(seq 50); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
	sleep 0.1
done

# a free host port forwarded to the guest's port 7777 (hostfwd)
fwd_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# machine_args SMP DISK: the machine's command line in args (the disk as virtio-mmio)
machine_args() {
	local smp=$1 disk=$2
	args=(-M virt -m 512M -smp "$smp" -nographic -bios "$ASSETS/fw_dynamic.bin"
		-kernel "$ASSETS/Image" -initrd "$ASSETS/initramfs.cpio.gz" -append "$APPEND")
	if [ "$is_qemu" = 1 ]; then
		args+=(-global virtio-mmio.force-legacy=false
			-drive "file=$disk,format=raw,if=none,id=vd0" -device virtio-blk-device,drive=vd0)
	else
		args+=(-drive "file=$disk,format=raw,if=virtio")
	fi
	args+=(-netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$fwd_port-:7777"
		-device virtio-net-device,netdev=n0)
}
qemu_like() {
	case ${1##*/} in qemu-system-*) echo 1 ;; *) echo 0 ;; esac
}

is_qemu=$(qemu_like "${cmd[0]}")
for smp in 1 2; do
	cp "$ASSETS/ext4.img" "$T/disk.img"
	machine_args "$smp" "$T/disk.img"
	session "smp$smp" --scenario full --smp "$smp" --timeout "$BOOT_TIMEOUT" \
		--disk-content "$ASSETS/ext4.content" --url "http://10.0.2.2:$port/page.txt" \
		--url-content "$T/www/page.txt" --hostfwd-port "$fwd_port" -- "${cmd[@]}" "${args[@]}"
	[ "$smp" = 1 ] && emu_marker=$marker_s
done

# savevm through the monitor, then -loadvm
if [ "$is_qemu" = 1 ]; then
	echo "SKIP sysemu_boot savevm/loadvm: QEMU's monitor saves named snapshots in qcow2 images, not files"
	skipped=$((skipped + 1))
else
	cp "$ASSETS/ext4.img" "$T/disk.img"
	machine_args 1 "$T/disk.img"
	session savevm --scenario savevm --timeout "$BOOT_TIMEOUT" --snapshot "$T/snap.vm" \
		-- "${cmd[@]}" "${args[@]}"
	if [ -s "$T/snap.vm" ]; then
		session loadvm --scenario loadvm -- "${cmd[@]}" "${args[@]}" -loadvm "$T/snap.vm"
	else
		echo "FAIL sysemu_boot loadvm: no snapshot file to load"
		failed=$((failed + 1))
	fi
fi

# timing: the emulator under test and the reference, same kernel, initramfs and append
ref_marker=""
if [ -n "$QEMU_REF" ] && command -v "$QEMU_REF" >/dev/null; then
	if [ "$is_qemu" = 1 ] && [ "${cmd[0]}" = "$QEMU_REF" ]; then
		ref_marker=$emu_marker
	else
		saved=$is_qemu
		is_qemu=1
		cp "$ASSETS/ext4.img" "$T/disk.img"
		machine_args 1 "$T/disk.img"
		is_qemu=$saved
		p0=$passed f0=$failed
		session reference --scenario marker --timeout "$BOOT_TIMEOUT" -- "$QEMU_REF" "${args[@]}" >/dev/null
		ref_marker=$marker_s
		passed=$p0 failed=$f0 # the reference run is not a check
	fi
fi
echo "TIME sysemu_boot seconds to the init marker: ${cmd[0]##*/} ${emu_marker:-n/a}, ${QEMU_REF:-qemu} ${ref_marker:-n/a} (not asserted)"

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
