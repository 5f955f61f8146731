#!/bin/sh
# Installs what building and testing ferry needs on Debian 12: compilers (native and the
# riscv64 and aarch64 cross toolchains), the static libraries the runners link, Check for
# unit tests, qemu-user and qemu-system-misc as reference oracles for tests and benchmarks,
# and what the system mode needs (libfdt, libslirp, qemu-img, Debian's OpenSBI, cpio,
# mkfs.ext4). Idempotent: does nothing when everything is already present. Needs root (or
# sudo) only when something is missing.
set -e
PKGS="build-essential pkg-config file libglib2.0-dev libelf-dev zlib1g-dev libcapstone-dev \
check libsubunit-dev gcc-riscv64-linux-gnu libc6-dev-riscv64-cross gcc-aarch64-linux-gnu \
libc6-dev-arm64-cross qemu-user libfdt-dev libslirp-dev qemu-utils opensbi cpio \
e2fsprogs qemu-system-misc python3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
