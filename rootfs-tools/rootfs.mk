# rootfs-tools/: `ferry rootfs create|shell`, linked into `ferry`. The parts that only
# parse (architecture names, apt sources, debootstrap's output) are unit-tested too.
ROOTFS_SRCS += $(wildcard rootfs-tools/*.c)
ROOTFS_PURE_SRCS := rootfs-tools/rootfs_arch.c rootfs-tools/rootfs_sources.c rootfs-tools/rootfs_log.c
