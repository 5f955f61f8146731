/*
 * Booting the riscv64 `virt` machine: loading the M-mode firmware (-bios), the kernel
 * (a RISC-V Image or an ELF file), the initial RAM disk and the device tree into RAM,
 * choosing where each goes, and writing the MROM reset vector at 0x1000 that every hart
 * starts at: it sets a0 = mhartid, a1 = the DTB address, a2 = &fw_dynamic_info and jumps
 * to the firmware (or straight to the kernel with -bios none).
 *
 * Placement follows qemu's virt: firmware at the start of RAM; the kernel at the next
 * 2 MiB boundary after the firmware (at the start of RAM without firmware); the DTB at
 * the top of RAM (below 3 GiB), 2 MiB aligned; the initrd page-aligned just below the
 * DTB. Every image is checked before it is copied; errors are "FILE: reason" strings.
 */
#ifndef FERRY_SYSEMU_BOOT_H
#define FERRY_SYSEMU_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct Bus;

#define VIRT_MROM_BASE 0x1000ull
#define VIRT_MROM_SIZE 0xf000ull
#define VIRT_DRAM_BASE 0x80000000ull

/* The fixed layout of the MROM: code, then the two addresses it loads, then the
 * fw_dynamic_info structure OpenSBI reads through a2. */
#define BOOT_MROM_START_OFF     0x20          /* u64: where the harts jump */
#define BOOT_MROM_FDT_OFF       0x28          /* u64: the DTB address for a1 */
#define BOOT_MROM_FWDYN_OFF     0x40          /* struct fw_dynamic_info (6 x u64) */
#define BOOT_FW_DYNAMIC_MAGIC   0x4942534full /* "OSBI" */
#define BOOT_FW_DYNAMIC_VERSION 2
#define BOOT_NEXT_MODE_S        1

/* The fields of the RISC-V Linux Image header (docs: arch/riscv/boot). */
typedef struct RvImageHeader {
	uint64_t text_offset; /* load offset from the start of RAM */
	uint64_t image_size;  /* memory the kernel uses from its load address (0: unknown) */
	uint64_t flags;
	uint32_t version;
} RvImageHeader;
#define RV_IMAGE_HEADER_SIZE 64

typedef struct BootLayout {
	uint64_t ram_base, ram_size;
	bool has_fw;
	uint64_t fw_start, fw_end, fw_entry;
	bool has_kernel;
	uint64_t kernel_start, kernel_end, kernel_entry;
	bool has_initrd;
	uint64_t initrd_start, initrd_end;
	uint64_t fdt_addr, fdt_size;
} BootLayout;

void boot_layout_init(BootLayout *l, uint64_t ram_base, uint64_t ram_size);

/* 1 and the header when buf starts with an Image header, 0 when it has no Image magic,
 * -1 with *err set (g_free it) when the header is there but unusable. */
int boot_parse_image_header(const uint8_t *buf, size_t len, RvImageHeader *h, char **err);

/* Loaders: 0, or -1 with "PATH: reason" in *err (g_free it). The firmware is a flat
 * binary at the start of RAM or an ELF file loaded by physical address; the kernel an
 * Image or ELF placed as described above (call after the firmware); the initrd goes
 * page-aligned below l->fdt_addr (call after boot_place_fdt). */
int boot_load_firmware(struct Bus *bus, BootLayout *l, const char *path, char **err);
int boot_load_kernel(struct Bus *bus, BootLayout *l, const char *path, char **err);
int boot_load_initrd(struct Bus *bus, BootLayout *l, const char *path, char **err);

/* Chooses fdt_addr for a DTB of `size` bytes; -1 with *err when RAM is too small or the
 * DTB would overlap the kernel or firmware. */
int boot_place_fdt(BootLayout *l, uint64_t size, char **err);

/* Where the harts jump from the MROM: the firmware's entry, or the kernel's with
 * -bios none (the start of RAM when there is neither). */
uint64_t boot_start_address(const BootLayout *l);

/* Writes the reset vector and fw_dynamic_info (boot hart 0) into the MROM's host
 * memory (at least 0x100 bytes). */
void boot_write_mrom(uint8_t *rom, size_t rom_size, const BootLayout *l);

/* The whole file in a g_malloc'ed buffer; NULL with "PATH: reason" in *err. Files
 * larger than `max` bytes are refused as not fitting in RAM. */
uint8_t *boot_read_file(const char *path, uint64_t max, size_t *len, char **err);

#endif
