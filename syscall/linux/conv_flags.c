/*
 * Guest <-> host flag words, the flag half of the conversion module (conv.h). Each
 * table pairs the guest's asm-generic value with the host's; a guest ABI with other
 * values (aarch64's O_DIRECTORY and friends) supplies its own open-flag table in
 * LinuxAbi. Bits no table entry knows are dropped rather than passed on, so a guest
 * cannot reach a host flag that happens to share the value.
 */
#include "syscall/linux/conv.h"

#include <fcntl.h>
#include <sys/mman.h>

/* the tables' short name for LINUX_FLAG_SAME */
#define SAME LINUX_FLAG_SAME
/* PROT_SEM: the kernel's value; glibc does not define it. */
#define KERNEL_PROT_SEM 0x8

static const LinuxFlagMap open_flags_generic[] = {
    LINUX_OPEN_FLAGS_COMMON,
    SAME(040000, O_DIRECT),
    SAME(0100000, KERNEL_O_LARGEFILE),
    SAME(0200000, O_DIRECTORY),
    SAME(0400000, O_NOFOLLOW),
    SAME(01000000, O_NOATIME),
    SAME(02000000, O_CLOEXEC),
    SAME(04000000, O_SYNC & ~O_DSYNC),
    SAME(010000000, O_PATH),
    SAME(020000000, O_TMPFILE & ~O_DIRECTORY),
    {0, 0, 0, 0},
};

static const LinuxFlagMap mmap_flags_generic[] = {
    {0xf, 1, MAP_TYPE, MAP_SHARED},
    {0xf, 2, MAP_TYPE, MAP_PRIVATE},
    {0xf, 3, MAP_TYPE, MAP_SHARED_VALIDATE},
    SAME(0x10, MAP_FIXED),
    SAME(0x20, MAP_ANONYMOUS),
    SAME(0x100, MAP_GROWSDOWN),
    SAME(0x800, MAP_DENYWRITE),
    SAME(0x1000, MAP_EXECUTABLE),
    SAME(0x2000, MAP_LOCKED),
    SAME(0x4000, MAP_NORESERVE),
    SAME(0x8000, MAP_POPULATE),
    SAME(0x10000, MAP_NONBLOCK),
    SAME(0x20000, MAP_STACK),
    SAME(0x40000, MAP_HUGETLB),
    SAME(0x80000, MAP_SYNC),
    SAME(0x100000, MAP_FIXED_NOREPLACE),
    {0, 0, 0, 0},
};

static const LinuxFlagMap prot_generic[] = {
    SAME(1, PROT_READ),
    SAME(2, PROT_WRITE),
    SAME(4, PROT_EXEC),
    SAME(8, KERNEL_PROT_SEM),
    SAME(0x01000000, PROT_GROWSDOWN),
    SAME(0x02000000, PROT_GROWSUP),
    {0, 0, 0, 0},
};

static bool map_end(const LinuxFlagMap *e)
{
	return !e->guest_mask && !e->host_mask;
}

uint32_t conv_flags_to_host(const LinuxFlagMap *map, uint32_t guest)
{
	uint32_t host = 0;
	for (const LinuxFlagMap *e = map; !map_end(e); e++)
		if ((guest & e->guest_mask) == e->guest_bits)
			host |= e->host_bits;
	return host;
}

uint32_t conv_flags_to_guest(const LinuxFlagMap *map, uint32_t host)
{
	uint32_t guest = 0;
	for (const LinuxFlagMap *e = map; !map_end(e); e++)
		if ((host & e->host_mask) == e->host_bits)
			guest |= e->guest_bits;
	return guest;
}

const LinuxFlagMap *conv_open_flag_map(const LinuxAbi *abi)
{
	return abi->open_flags ? abi->open_flags : open_flags_generic;
}

int conv_open_flags_to_host(const LinuxAbi *abi, uint32_t guest)
{
	return (int)conv_flags_to_host(conv_open_flag_map(abi), guest);
}

uint32_t conv_open_flags_to_guest(const LinuxAbi *abi, int host)
{
	return conv_flags_to_guest(conv_open_flag_map(abi), (uint32_t)host);
}

int conv_mmap_flags_to_host(const LinuxAbi *abi, uint32_t guest)
{
	return (int)conv_flags_to_host(mmap_flags_generic, guest);
}

int conv_prot_to_host(const LinuxAbi *abi, uint32_t guest)
{
	return (int)conv_flags_to_host(prot_generic, guest);
}
