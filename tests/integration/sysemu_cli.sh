#!/bin/bash
# Integration test: ferry-sysemu-riscv64's command line as a user sees it from the shell,
# and `ferry sysemu`. Errors are one "ferry-sysemu-riscv64: ..." line with exit status 1
# (missing or corrupt kernel, firmware, initrd; unknown option; -m too big; another
# machine type); --help/--version exit 0; -dumpdtb writes a device tree whose /chosen
# carries -append and the initrd range (checked with fdtget/dtc when installed, else by
# the strings in the blob); `ferry sysemu` refuses other machines and architectures.
#
# usage: tests/integration/sysemu_cli.sh BUILD_DIR
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
BIN=$BUILD_DIR/ferry-sysemu-riscv64
FERRY=$BUILD_DIR/ferry
NAME=ferry-sysemu-riscv64
T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-sysemu-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT

passed=0
failed=0
pass() {
	echo "PASS sysemu_cli $1"
	passed=$((passed + 1))
}
fail() { # name reason
	echo "FAIL sysemu_cli $1: $2"
	[ -s "$T/err" ] && head -n 3 "$T/err" | sed 's/^/    stderr: /'
	failed=$((failed + 1))
}
run() { # command...: status in $st, output in $T/out and $T/err
	{ timeout 30 "$@" </dev/null >"$T/out" 2>"$T/err"; } 2>/dev/null
	st=$?
}
# expect NAME STATUS STDERR-SUBSTRING COMMAND...: one error line with the substring
expect() {
	local name=$1 want=$2 msg=$3
	shift 3
	run "$@"
	if [ "$st" != "$want" ]; then
		fail "$name" "exit status $st, want $want"
	elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/err"; then
		fail "$name" "stderr lacks '$msg'"
	elif [ -n "$msg" ] && [ "$(wc -l <"$T/err")" != 1 ]; then
		fail "$name" "stderr has $(wc -l <"$T/err") lines, want 1"
	else
		pass "$name"
	fi
}

# A synthetic RISC-V Image: the 64-byte header (text_offset 2M, image_size 1M or the
# given one, both magics) and some code bytes.
make_image() { # FILE [IMAGE_SIZE as 8 printf escapes, little-endian]
	{
		printf 'MZ\0\0\0\0\0\0'
		printf '\0\0\x20\0\0\0\0\0'
		printf "${2:-\\0\\0\\x10\\0\\0\\0\\0\\0}"
		printf '\0\0\0\0\0\0\0\0'
		printf '\x02\0\0\0\0\0\0\0'
		printf '\0\0\0\0\0\0\0\0'
		printf 'RISCV\0\0\0'
		printf 'RSC\x05\0\0\0\0'
		head -c 4096 /dev/zero
	} >"$1"
}
make_image "$T/Image"
make_image "$T/Image64M" '\0\0\0\x04\0\0\0\0'
head -c 40 "$T/Image" >"$T/truncated"
printf 'not a kernel at all, just some text\n' >"$T/text"
head -c 1000 /dev/urandom >"$T/initrd"
head -c 512 /dev/zero >"$T/fw.bin"

expect version 0 "" "$BIN" --version
grep -q "$NAME version" "$T/out" || fail version-text "no version line"
expect help 0 "" "$BIN" --help
grep -q -- "-kernel FILE" "$T/out" || fail help-text "no -kernel in --help"
expect unknown-option 1 "$NAME: -bogus: invalid option" "$BIN" -bogus
expect missing-argument 1 "$NAME: -kernel: requires an argument" "$BIN" -kernel
expect bad-size 1 "$NAME: -m 12Q: invalid RAM size" "$BIN" -m 12Q
expect m-too-big 1 "$NAME: -m 64T: more than" "$BIN" -bios none -m 64T
expect m-beyond-64bit 1 "$NAME: -m 16E" "$BIN" -bios none -m 16E
expect smp-too-many 1 "1 to 8" "$BIN" -smp 9
expect other-machine 1 "$NAME: -machine sifive_u: unsupported machine type" "$BIN" -M sifive_u
expect missing-kernel 1 "$NAME: $T/nokernel: No such file or directory" \
	"$BIN" -bios none -kernel "$T/nokernel"
expect corrupt-kernel 1 "$NAME: $T/text: not a RISC-V kernel" "$BIN" -bios none -kernel "$T/text"
expect truncated-kernel 1 "$NAME: $T/truncated: " "$BIN" -bios none -kernel "$T/truncated"
expect missing-firmware 1 "$NAME: $T/nofw: No such file or directory" \
	"$BIN" -bios "$T/nofw" -kernel "$T/Image"
expect missing-initrd 1 "$NAME: $T/noinitrd: No such file or directory" \
	"$BIN" -bios none -kernel "$T/Image" -initrd "$T/noinitrd"
expect directory-kernel 1 "$NAME: $T: Is a directory" "$BIN" -bios none -kernel "$T"
expect append-without-kernel 1 "-append is only allowed with -kernel" "$BIN" -append x
expect bad-dtb 1 "$NAME: $T/text: not a device tree blob" \
	"$BIN" -bios none -dtb "$T/text" -dumpdtb "$T/x.dtb"
expect kernel-too-big 1 "$NAME: $T/Image64M: the kernel needs 67108864 bytes" \
	"$BIN" -bios none -m 32M -kernel "$T/Image64M" -dumpdtb "$T/big.dtb"
printf 'QFI\373\0\0\0\3truncated' >"$T/bad.qcow2"
expect missing-disk 1 "$NAME: $T/nodisk.img: No such file or directory" \
	"$BIN" -bios none -kernel "$T/Image" -drive "file=$T/nodisk.img,format=raw,if=virtio"
expect corrupt-disk 1 "$NAME: $T/bad.qcow2: qcow2 header is truncated" \
	"$BIN" -bios none -kernel "$T/Image" -drive "file=$T/bad.qcow2,if=virtio"
expect corrupt-snapshot 1 "$NAME: $T/text: not a ferry snapshot file" \
	"$BIN" -bios none -kernel "$T/Image" -loadvm "$T/text"

# -dumpdtb with a kernel, initrd and command line
run "$BIN" -M virt -m 256M -smp 2 -bios "$T/fw.bin" -kernel "$T/Image" -initrd "$T/initrd" \
	-append "console=ttyS0 ferry-marker" -dumpdtb "$T/virt.dtb"
if [ "$st" = 0 ] && [ -s "$T/virt.dtb" ] && [ "$(head -c 4 "$T/virt.dtb" | od -An -tx1 | tr -d ' ')" = d00dfeed ]; then
	pass dumpdtb
else
	fail dumpdtb "status $st"
fi
for s in ferry-marker ns16550a riscv,plic0 sifive,clint0 virtio,mmio syscon-poweroff \
	google,goldfish-rtc linux,initrd-start rv64imafdc; do
	grep -qaF "$s" "$T/virt.dtb" || fail "dumpdtb-$s" "not in the blob"
done
if command -v fdtget >/dev/null; then
	[ "$(fdtget "$T/virt.dtb" /chosen bootargs)" = "console=ttyS0 ferry-marker" ] &&
		pass fdtget-bootargs || fail fdtget-bootargs "$(fdtget "$T/virt.dtb" /chosen bootargs)"
fi
run "$BIN" -machine virt,dumpdtb="$T/m.dtb" -bios none
[ "$st" = 0 ] && [ -s "$T/m.dtb" ] && pass machine-dumpdtb || fail machine-dumpdtb "status $st"

# ferry sysemu
expect ferry-sysemu-machine 1 "ferry: sysemu: machine 'sifive_u' is not available" \
	"$FERRY" sysemu -M sifive_u
expect ferry-sysemu-arch 1 "ferry: sysemu: no system emulation for 'mips'" \
	"$FERRY" sysemu --arch mips -M virt
expect ferry-sysemu-version 0 "" "$FERRY" sysemu --version
grep -q "$NAME version" "$T/out" || fail ferry-sysemu-exec "did not run $NAME"
run "$FERRY" info
if [ "$st" = 0 ] && grep -q "riscv64 *machines: virt *.*ferry-sysemu-riscv64" "$T/out"; then
	pass ferry-info-sysemu
else
	fail ferry-info-sysemu "ferry info does not list the riscv64 virt machine"
fi
expect ferry-sysemu-error 1 "$NAME: -bogus: invalid option" "$FERRY" sysemu -bogus

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
