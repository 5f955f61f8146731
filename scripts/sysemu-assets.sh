#!/bin/bash
# Downloads and builds what the system-mode tests boot: Debian trixie's riscv64 kernel
# (the package the metapackage linux-image-riscv64 depends on), trixie's busybox-static
# and OpenSBI's fw_dynamic.bin (the host's opensbi package when installed, else
# bookworm's opensbi .deb, Architecture: all), then an initramfs and a small ext4 disk.
# Nothing is committed: everything is cached in DIR and a second run does nothing.
#
# usage: scripts/sysemu-assets.sh [DIR]        (default DIR: build/sysemu-assets)
# outputs:
#   DIR/Image              the kernel (Debian's /boot/vmlinux-*, a flat RISC-V Image)
#   DIR/fw_dynamic.bin     OpenSBI generic fw_dynamic
#   DIR/initramfs.cpio.gz  busybox + applet links, the virtio/ext4 modules (decompressed,
#                          loaded in dependency order by /init), /init printing the marker
#                          line FERRY-SYSEMU-INIT-READY and starting a shell on the console
#                          (or, with ferry.root=DEV on the kernel command line, switching
#                          to the ext4 root filesystem on DEV and its /sbin/init)
#   DIR/ext4.img           8 MiB ext4 (mkfs.ext4 -d) holding /hello.txt (see ext4.content)
#   DIR/ext4.content       the exact contents of /hello.txt on that disk
#   DIR/kernel-version     the kernel release, e.g. 6.12.57+deb13-riscv64
# Package downloads use a private apt configuration (sources list, lists, cache and
# status under DIR/apt) whose mirror is the host's own Debian mirror; the system's apt
# state is never touched. Errors print one "sysemu-assets: ..." line and exit 1.
set -u

DIR=${1:-build/sysemu-assets}
MARKER=FERRY-SYSEMU-INIT-READY
# Modules /init loads, in this order after their dependencies (names as in modules.dep).
MODULES="virtio_mmio virtio_blk virtio_net virtio_rng crc32c_generic ext4"
# Bumped when the initramfs or disk layout changes, so cached outputs are rebuilt.
LAYOUT=3

die() {
	echo "sysemu-assets: $*" >&2
	exit 1
}

mkdir -p "$DIR" || die "cannot create $DIR"
DIR=$(cd "$DIR" && pwd)
if [ -s "$DIR/Image" ] && [ -s "$DIR/fw_dynamic.bin" ] && [ -s "$DIR/initramfs.cpio.gz" ] &&
	[ -s "$DIR/ext4.img" ] && [ "$(cat "$DIR/.layout" 2>/dev/null)" = "$LAYOUT" ]; then
	exit 0
fi

for tool in apt-get apt-cache dpkg-deb cpio gzip mkfs.ext4 xz; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done

# shellcheck source=scripts/host-mirror.sh
. "$(dirname "$0")/host-mirror.sh"

MIRROR=$(host_mirror | head -n 1)
# apt_opts SUITE ARCH: sets the array APT to a private configuration for that suite.
apt_config() {
	local suite=$1 arch=$2 w=$DIR/apt/$1-$2
	mkdir -p "$w/lists/partial" "$w/cache/archives/partial" "$w/preferences.d"
	[ -e "$w/status" ] || : >"$w/status"
	echo "deb [arch=$arch trusted=yes] $MIRROR $suite main" >"$w/sources.list"
	APT=(
		-o "Dir::Etc::sourcelist=$w/sources.list"
		-o "Dir::Etc::sourceparts=-"
		-o "Dir::Etc::preferencesparts=$w/preferences.d"
		-o "APT::Architecture=$arch"
		-o "APT::Architectures=$arch"
		-o "Dir::State::Lists=$w/lists"
		-o "Dir::State::status=$w/status"
		-o "Dir::Cache=$w/cache"
		-o "Debug::NoLocking=1"
		-o "Acquire::Languages=none"
		-o "Acquire::Retries=2"
	)
	# apt drops privileges to _apt for downloads; that user cannot write DIR
	[ "$(id -u)" -eq 0 ] && APT+=(-o "APT::Sandbox::User=root")
	APT_WORK=$w
}

# apt_update SUITE ARCH: the private package lists for SUITE (once per script run).
apt_update() {
	apt_config "$1" "$2"
	[ -e "$APT_WORK/updated" ] && return 0
	[ -n "$MIRROR" ] || die "no Debian mirror found in the host's apt sources"
	if ! apt-get "${APT[@]}" -qq update >"$APT_WORK/update.log" 2>&1; then
		die "apt-get update from $MIRROR ($1, $2) failed (no network?): $(tail -n 1 "$APT_WORK/update.log")"
	fi
	# apt-get update exits 0 even when every fetch failed; look for the package index
	if ! compgen -G "$APT_WORK/lists/*_Packages*" >/dev/null; then
		local why
		why=$(grep -E '^(W|E):' "$APT_WORK/update.log" | head -n 1)
		die "apt-get update from $MIRROR ($1, $2) got no package index (no network?): ${why:-no reason given}"
	fi
	: >"$APT_WORK/updated"
}

# fetch SUITE ARCH PACKAGE: downloads PACKAGE's .deb into DIR/debs (unless already
# there) and prints its path.
fetch() {
	local suite=$1 arch=$2 pkg=$3 deb
	deb=$(find "$DIR/debs" -maxdepth 1 -name "${pkg}_*_$arch.deb" 2>/dev/null | sort | tail -n 1)
	if [ -n "$deb" ]; then
		echo "$deb"
		return 0
	fi
	apt_update "$suite" "$arch"
	mkdir -p "$DIR/debs"
	if ! (cd "$DIR/debs" && apt-get "${APT[@]}" -qq download "$pkg:$arch") >"$APT_WORK/download.log" 2>&1; then
		die "apt-get download $pkg:$arch ($suite) failed (package not found?): $(tail -n 1 "$APT_WORK/download.log")"
	fi
	deb=$(find "$DIR/debs" -maxdepth 1 -name "${pkg}_*_$arch.deb" | sort | tail -n 1)
	[ -n "$deb" ] || die "no ${pkg}_*_$arch.deb appeared in $DIR/debs"
	echo "$deb"
}

# The versioned kernel package the metapackage depends on.
kernel_package() {
	local name
	name=$(ls "$DIR/debs" 2>/dev/null | sed -n 's/^\(linux-image-[0-9][^_]*-riscv64\)_.*_riscv64\.deb$/\1/p' | sort | tail -n 1)
	if [ -n "$name" ]; then
		echo "$name"
		return
	fi
	apt_update trixie riscv64
	name=$(apt-cache "${APT[@]}" depends linux-image-riscv64 2>"$APT_WORK/depends.log" |
		sed -n 's/^ *|\{0,1\}Depends: \(linux-image-[0-9][^ ]*-riscv64\)$/\1/p' | head -n 1)
	[ -n "$name" ] || die "linux-image-riscv64 (trixie) not found or has no linux-image-*-riscv64 dependency: $(tail -n 1 "$APT_WORK/depends.log")"
	echo "$name"
}

rm -f "$DIR"/apt/*/updated
echo "sysemu-assets: building in $DIR"

# --- kernel ---
kpkg=$(kernel_package) || exit 1
kdeb=$(fetch trixie riscv64 "$kpkg") || exit 1
KROOT=$DIR/kernel-root
if ! [ -d "$KROOT/boot" ]; then
	rm -rf "$KROOT.tmp"
	dpkg-deb -x "$kdeb" "$KROOT.tmp" || die "dpkg-deb -x $kdeb failed"
	mv "$KROOT.tmp" "$KROOT"
fi
vmlinux=$(ls "$KROOT"/boot/vmlinux-* "$KROOT"/boot/vmlinuz-* 2>/dev/null | head -n 1)
[ -n "$vmlinux" ] || die "$kdeb holds no /boot/vmlinux-*"
KVER=${vmlinux##*/vmlinu?-}
# The Image header: "RISCV\0\0\0" at 0x30 (Documentation/arch/riscv/boot-image-header.rst).
[ "$(dd if="$vmlinux" bs=1 skip=48 count=5 2>/dev/null)" = RISCV ] ||
	die "$vmlinux is not a RISC-V Image (no RISCV magic at 0x30)"
cp "$vmlinux" "$DIR/Image.tmp" && mv "$DIR/Image.tmp" "$DIR/Image"
echo "$KVER" >"$DIR/kernel-version"
MODDIR=$KROOT/lib/modules/$KVER
[ -d "$MODDIR" ] || MODDIR=$KROOT/usr/lib/modules/$KVER
[ -d "$MODDIR" ] || die "no modules directory for $KVER in $kdeb"

# --- OpenSBI ---
HOST_FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
if [ -s "$HOST_FW" ]; then
	cp "$HOST_FW" "$DIR/fw_dynamic.bin"
else
	sdeb=$(fetch bookworm all opensbi) || exit 1
	rm -rf "$DIR/opensbi-root"
	dpkg-deb -x "$sdeb" "$DIR/opensbi-root" || die "dpkg-deb -x $sdeb failed"
	[ -s "$DIR/opensbi-root$HOST_FW" ] || die "$sdeb holds no ${HOST_FW#/}"
	cp "$DIR/opensbi-root$HOST_FW" "$DIR/fw_dynamic.bin"
fi

# --- busybox ---
bdeb=$(fetch trixie riscv64 busybox-static) || exit 1
BROOT=$DIR/busybox-root
if ! [ -x "$BROOT/usr/bin/busybox" ]; then
	rm -rf "$BROOT"
	dpkg-deb -x "$bdeb" "$BROOT" || die "dpkg-deb -x $bdeb failed"
	[ -x "$BROOT/usr/bin/busybox" ] || die "$bdeb holds no usr/bin/busybox"
fi

# --- modules: find each by name, read its dependencies from .modinfo ---
OBJCOPY=""
for c in riscv64-linux-gnu-objcopy objcopy; do
	command -v "$c" >/dev/null && OBJCOPY=$c && break
done
[ -n "$OBJCOPY" ] || die "no objcopy (binutils-riscv64-linux-gnu) to read module dependencies"

MODWORK=$DIR/modules.tmp
rm -rf "$MODWORK"
mkdir -p "$MODWORK"
# module_file NAME: the module's path in the package ('-' and '_' are the same).
module_file() {
	local n=$1 alt
	alt=$(echo "$n" | tr _ -)
	find "$MODDIR" \( -name "$n.ko" -o -name "$n.ko.*" -o -name "$alt.ko" -o -name "$alt.ko.*" \) | head -n 1
}
# plain_module NAME: decompressed copy in MODWORK; prints its path
plain_module() {
	local n=$1 f out
	out=$MODWORK/$n.ko
	if ! [ -s "$out" ]; then
		f=$(module_file "$n")
		[ -n "$f" ] || return 1
		case $f in
		*.ko.xz) xz -dc "$f" >"$out" ;;
		*.ko.zst) zstd -qdc "$f" >"$out" ;;
		*.ko.gz) gzip -dc "$f" >"$out" ;;
		*.ko) cp "$f" "$out" ;;
		*) return 1 ;;
		esac || return 1
	fi
	echo "$out"
}
ORDER=()
declare -A SEEN=()
# visit NAME: depth-first, dependencies first. A module built into the kernel has no
# file; modules.builtin says so.
visit() {
	local n=${1//-/_} ko deps d
	[ -n "${SEEN[$n]:-}" ] && return 0
	SEEN[$n]=1
	if ! ko=$(plain_module "$n"); then
		if grep -q "/$n.ko\$\|/${n//_/-}.ko\$" "$MODDIR/modules.builtin" 2>/dev/null; then
			return 0
		fi
		die "module $n not found in the kernel package (and not built in)"
	fi
	"$OBJCOPY" -O binary --only-section=.modinfo "$ko" "$MODWORK/$n.modinfo" 2>/dev/null ||
		die "cannot read .modinfo of $n"
	deps=$(tr '\0' '\n' <"$MODWORK/$n.modinfo" | sed -n 's/^depends=//p' | tr , ' ')
	for d in $deps; do
		visit "$d"
	done
	ORDER+=("$n")
}
for m in $MODULES; do
	visit "$m"
done

# --- initramfs ---
IR=$DIR/initramfs.tmp
rm -rf "$IR"
mkdir -p "$IR"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,mnt,etc,root,lib/modules,usr/share/udhcpc,etc/udhcpc}
cp "$BROOT/usr/bin/busybox" "$IR/bin/busybox"
# Applet links from busybox's own list when some riscv64 runner is at hand; otherwise
# /init installs them at boot (busybox --install -s).
applets=""
for r in qemu-riscv64 qemu-riscv64-static; do
	if command -v "$r" >/dev/null; then
		applets=$("$r" "$IR/bin/busybox" --list-full 2>/dev/null) && break
	fi
done
for a in $applets; do
	[ "$a" = bin/busybox ] && continue
	ln -sf /bin/busybox "$IR/$a"
done
ln -sf busybox "$IR/bin/sh"
for n in "${ORDER[@]}"; do
	cp "$MODWORK/$n.ko" "$IR/lib/modules/"
done
echo "${ORDER[*]}" >"$DIR/modules.order"

cat >"$IR/usr/share/udhcpc/default.script" <<'EOF'
#!/bin/sh
# udhcpc's hook: configures the interface from the lease (busybox ifconfig/route).
case "$1" in
deconfig) ifconfig "$interface" 0.0.0.0 ;;
bound|renew)
	ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}"
	for r in $router; do route add default gw "$r" dev "$interface"; done
	: >/etc/resolv.conf
	for d in $dns; do echo "nameserver $d" >>/etc/resolv.conf; done
	;;
esac
exit 0
EOF
chmod 755 "$IR/usr/share/udhcpc/default.script"
cp -p "$IR/usr/share/udhcpc/default.script" "$IR/etc/udhcpc/default.script"

{
	cat <<'EOF'
#!/bin/sh
# ferry system-mode test initramfs: mount the kernel filesystems, load the virtio
# drivers, say we are ready, then a shell on the console. The test drives that shell.
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
[ -x /bin/ls ] || /bin/busybox --install -s
EOF
	echo "for m in ${ORDER[*]}; do"
	cat <<EOF
	insmod /lib/modules/\$m.ko 2>/dev/null || echo "init: insmod \$m failed"
done
ifconfig lo 127.0.0.1 up
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
cd /root
echo "$MARKER \$(uname -r)"
# ferry.root=DEV on the kernel command line: boot the root filesystem on DEV (ext4)
for arg in \$(cat /proc/cmdline); do
	case \$arg in
	ferry.root=*)
		mkdir -p /newroot
		mount -t ext4 \${arg#ferry.root=} /newroot || break
		umount /proc /sys
		mount --move /dev /newroot/dev
		exec switch_root /newroot /sbin/init
		;;
	esac
done
while :; do
	setsid cttyhack sh -l
done
EOF
} >"$IR/init"
chmod 755 "$IR/init"
echo 'PS1="# "' >"$IR/etc/profile"
echo "root:x:0:0:root:/root:/bin/sh" >"$IR/etc/passwd"

(cd "$IR" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9n) >"$DIR/initramfs.cpio.gz.tmp" ||
	die "building the initramfs failed"
mv "$DIR/initramfs.cpio.gz.tmp" "$DIR/initramfs.cpio.gz"
rm -rf "$IR" "$MODWORK" "$KROOT"

# --- ext4 disk ---
D=$DIR/ext4-root.tmp
rm -rf "$D"
mkdir -p "$D/sub"
printf 'ferry sysemu ext4 test file\nsecond line 0123456789\n' >"$D/hello.txt"
echo nested >"$D/sub/nested.txt"
cp "$D/hello.txt" "$DIR/ext4.content"
rm -f "$DIR/ext4.img.tmp"
if ! mkfs.ext4 -q -F -L ferrytest -d "$D" "$DIR/ext4.img.tmp" 8M >"$DIR/mkfs.log" 2>&1; then
	die "mkfs.ext4 -d failed: $(tail -n 1 "$DIR/mkfs.log")"
fi
mv "$DIR/ext4.img.tmp" "$DIR/ext4.img"
rm -rf "$D"

echo "$LAYOUT" >"$DIR/.layout"
echo "sysemu-assets: kernel $KVER, modules: ${ORDER[*]}"
echo "sysemu-assets: $DIR/{Image,fw_dynamic.bin,initramfs.cpio.gz,ext4.img} ready"
