/*
 * Loading the firmware, kernel, initrd and device tree of the `virt` machine into RAM and
 * writing the MROM reset vector (see boot.h). ELF files are read with libelf (gelf) and
 * loaded by physical address; every program header is checked against the file and RAM
 * before anything is copied, so a corrupt image is refused with a message instead of
 * being half-loaded.
 */
#include "sysemu/boot.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysemu/bus.h"
#include "sysemu/options.h"

#define MIB          (1ull << 20)
#define PAGE         4096ull
#define FDT_CEILING  0xc0000000ull /* qemu keeps the DTB below 3 GiB */
#define KERNEL_ALIGN (2 * MIB)     /* rv64 kernels start on a 2 MiB boundary */

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}
static uint64_t align_down(uint64_t v, uint64_t a)
{
	return v & ~(a - 1);
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void boot_layout_init(BootLayout *l, uint64_t ram_base, uint64_t ram_size)
{
	*l = (BootLayout){.ram_base = ram_base, .ram_size = ram_size};
}

uint8_t *boot_read_file(const char *path, uint64_t max, size_t *len, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = g_strdup_printf("%s: %s", path,
		                       S_ISDIR(st.st_mode) ? g_strerror(EISDIR)
		                                           : "not a regular file");
		close(fd);
		return NULL;
	}
	if ((uint64_t)st.st_size > max) {
		char ram[32];
		sysopt_format_size(max, ram, sizeof ram);
		*err = g_strdup_printf("%s: %lld bytes do not fit in the machine's RAM (%s)", path,
		                       (long long)st.st_size, ram);
		close(fd);
		return NULL;
	}
	uint8_t *buf = g_malloc(st.st_size ? (size_t)st.st_size : 1);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			*err = g_strdup_printf("%s: %s", path,
			                       n < 0 ? g_strerror(errno) : "file shrank");
			close(fd);
			g_free(buf);
			return NULL;
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return buf;
}

/* Copies filesz bytes and zero-fills up to memsz at guest address addr, which must be
 * RAM. */
static int copy_to_ram(struct Bus *bus, const BootLayout *l, uint64_t addr, const uint8_t *data,
                       uint64_t filesz, uint64_t memsz, const char *path, char **err)
{
	uint8_t *p = memsz ? bus_ram_ptr(bus, addr, memsz, 1) : NULL;
	if (memsz && !p) {
		char ram[32];
		sysopt_format_size(l->ram_size, ram, sizeof ram);
		*err = g_strdup_printf("%s: [0x%llx, 0x%llx) is outside the machine's RAM (%s at "
		                       "0x%llx)",
		                       path, (unsigned long long)addr,
		                       (unsigned long long)(addr + memsz), ram,
		                       (unsigned long long)l->ram_base);
		return -1;
	}
	memcpy(p, data, filesz);
	memset(p + filesz, 0, memsz - filesz);
	return 0;
}

/* Where a boot image lands in guest physical memory, and where it is entered. */
typedef struct ElfExtent {
	uint64_t lo, hi, entry;
} ElfExtent;

/* The extent and entry of an ELF image, after checking it is a 64-bit little-endian
 * RISC-V file whose PT_LOAD segments lie inside the file and do not wrap. */
static int elf_check(Elf *elf, size_t len, const char *path, ElfExtent *ext, char **err)
{
	GElf_Ehdr eh;
	const char *why = NULL;
	size_t phnum = 0;
	if (!gelf_getehdr(elf, &eh))
		why = "truncated or corrupt ELF header";
	else if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		why = "a 32-bit ELF image; this machine runs riscv64 (64-bit) code";
	else if (eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_RISCV)
		why = "an ELF image for another architecture (not RISC-V)";
	else if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		why = "not an executable ELF image";
	else if (elf_getphdrnum(elf, &phnum) != 0 || phnum == 0)
		why = "ELF image without program headers";
	*ext = (ElfExtent){UINT64_MAX, 0, eh.e_entry};
	bool entry_mapped = false;
	for (size_t i = 0; !why && i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			why = "truncated program header table";
			break;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > len ||
		    ph.p_filesz > len - ph.p_offset)
			why = "a segment extends past the end of the file (truncated?)";
		else if (ph.p_paddr + ph.p_memsz < ph.p_paddr)
			why = "a segment wraps around the address space";
		else {
			ext->lo = MIN(ext->lo, ph.p_paddr);
			ext->hi = MAX(ext->hi, ph.p_paddr + ph.p_memsz);
			if (!entry_mapped && eh.e_entry >= ph.p_vaddr &&
			    eh.e_entry - ph.p_vaddr < ph.p_memsz) {
				ext->entry = eh.e_entry - ph.p_vaddr + ph.p_paddr;
				entry_mapped = true;
			}
		}
	}
	if (!why && ext->hi == 0)
		why = "ELF image with nothing to load";
	if (why) {
		*err = g_strdup_printf("%s: %s", path, why);
		return -1;
	}
	return 0;
}

static int elf_copy(struct Bus *bus, const BootLayout *l, Elf *elf, const uint8_t *buf,
                    const char *path, char **err)
{
	size_t phnum = 0;
	elf_getphdrnum(elf, &phnum);
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		gelf_getphdr(elf, (int)i, &ph);
		if (ph.p_type == PT_LOAD && ph.p_memsz &&
		    copy_to_ram(bus, l, ph.p_paddr, buf + ph.p_offset, ph.p_filesz, ph.p_memsz,
		                path, err))
			return -1;
	}
	return 0;
}

static bool is_elf(const uint8_t *buf, size_t len)
{
	return len >= 4 && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

/* Loads an ELF image by physical address; its extent and entry in *ext. */
static int load_elf(struct Bus *bus, const BootLayout *l, const uint8_t *buf, size_t len,
                    const char *path, ElfExtent *ext, char **err)
{
	elf_version(EV_CURRENT);
	Elf *elf = elf_memory((char *)buf, len);
	if (!elf) {
		*err = g_strdup_printf("%s: %s", path, elf_errmsg(-1));
		return -1;
	}
	int rc = elf_check(elf, len, path, ext, err);
	if (rc == 0)
		rc = elf_copy(bus, l, elf, buf, path, err);
	elf_end(elf);
	return rc;
}

/* Loads a boot file that is not ELF; ext says where it landed. */
typedef int (*FlatLoader)(struct Bus *bus, BootLayout *l, const uint8_t *buf, size_t len,
                          const char *path, ElfExtent *ext, char **err);

/* Reads path and loads it: an ELF file by physical address, anything else through flat. */
static int load_boot_file(struct Bus *bus, BootLayout *l, const char *path, FlatLoader flat,
                          ElfExtent *ext, char **err)
{
	size_t len;
	uint8_t *buf = boot_read_file(path, l->ram_size, &len, err);
	if (!buf)
		return -1;
	int rc = is_elf(buf, len) ? load_elf(bus, l, buf, len, path, ext, err)
	                          : flat(bus, l, buf, len, path, ext, err);
	g_free(buf);
	return rc;
}

/* Flat firmware: its bytes at the start of RAM, entered there. */
static int load_flat_firmware(struct Bus *bus, BootLayout *l, const uint8_t *buf, size_t len,
                              const char *path, ElfExtent *ext, char **err)
{
	if (len == 0) {
		*err = g_strdup_printf("%s: empty firmware file", path);
		return -1;
	}
	*ext = (ElfExtent){l->ram_base, l->ram_base + len, l->ram_base};
	return copy_to_ram(bus, l, l->ram_base, buf, len, len, path, err);
}

int boot_load_firmware(struct Bus *bus, BootLayout *l, const char *path, char **err)
{
	ElfExtent ext = {0};
	int rc = load_boot_file(bus, l, path, load_flat_firmware, &ext, err);
	l->fw_start = ext.lo;
	l->fw_end = ext.hi;
	l->fw_entry = ext.entry;
	l->has_fw = rc == 0;
	return rc;
}

int boot_parse_image_header(const uint8_t *buf, size_t len, RvImageHeader *h, char **err)
{
	bool magic = len >= 0x38 && memcmp(buf + 0x30, "RISCV\0\0\0", 8) == 0;
	bool magic2 = len >= 0x3c && memcmp(buf + 0x38, "RSC\x05", 4) == 0;
	if (!magic && !magic2)
		return 0;
	if (len < RV_IMAGE_HEADER_SIZE) {
		*err = g_strdup("truncated RISC-V Image header");
		return -1;
	}
	*h = (RvImageHeader){.text_offset = get_le(buf + 8, 8),
	                     .image_size = get_le(buf + 16, 8),
	                     .flags = get_le(buf + 24, 8),
	                     .version = (uint32_t)get_le(buf + 32, 4)};
	if (h->text_offset % PAGE || h->text_offset >= (1ull << 32)) {
		*err = g_strdup_printf("corrupt RISC-V Image header (text_offset 0x%llx)",
		                       (unsigned long long)h->text_offset);
		return -1;
	}
	if (h->flags & 1) {
		*err = g_strdup("a big-endian RISC-V Image; this machine is little-endian");
		return -1;
	}
	return 1;
}

/* Where a flat kernel goes: after the firmware on a 2 MiB boundary, or the start of
 * RAM without firmware. */
static uint64_t kernel_base(const BootLayout *l, uint64_t text_offset)
{
	if (!l->has_fw)
		return l->ram_base;
	return align_up(MAX(l->fw_end, l->ram_base + text_offset), KERNEL_ALIGN);
}

static int load_image(struct Bus *bus, BootLayout *l, const uint8_t *buf, size_t len,
                      const char *path, ElfExtent *ext, char **err)
{
	RvImageHeader h;
	char *why = NULL;
	int kind = boot_parse_image_header(buf, len, &h, &why);
	if (kind <= 0) {
		*err = g_strdup_printf("%s: %s", path,
		                       why ? why
		                           : "not a RISC-V kernel (neither an ELF file nor "
		                             "a RISC-V Image)");
		g_free(why);
		return -1;
	}
	uint64_t start = kernel_base(l, h.text_offset), size = MAX((uint64_t)len, h.image_size);
	if (size > l->ram_base + l->ram_size - start) {
		*err =
		    g_strdup_printf("%s: the kernel needs %llu bytes from 0x%llx, past the end of "
		                    "RAM (0x%llx)",
		                    path, (unsigned long long)size, (unsigned long long)start,
		                    (unsigned long long)(l->ram_base + l->ram_size));
		return -1;
	}
	*ext = (ElfExtent){start, start + size, start};
	return copy_to_ram(bus, l, start, buf, len, len, path, err);
}

int boot_load_kernel(struct Bus *bus, BootLayout *l, const char *path, char **err)
{
	ElfExtent ext = {0};
	int rc = load_boot_file(bus, l, path, load_image, &ext, err);
	l->kernel_start = ext.lo;
	l->kernel_end = ext.hi;
	l->kernel_entry = ext.entry;
	if (rc == 0 && l->has_fw && ext.lo < l->fw_end && ext.hi > l->fw_start) {
		*err = g_strdup_printf("%s: the kernel overlaps the firmware at [0x%llx, 0x%llx)",
		                       path, (unsigned long long)l->fw_start,
		                       (unsigned long long)l->fw_end);
		rc = -1;
	}
	l->has_kernel = rc == 0;
	return rc;
}

/* The first free byte above the firmware and kernel. */
static uint64_t low_end(const BootLayout *l)
{
	uint64_t end = l->ram_base;
	if (l->has_fw)
		end = MAX(end, l->fw_end);
	if (l->has_kernel)
		end = MAX(end, l->kernel_end);
	return end;
}

int boot_place_fdt(BootLayout *l, uint64_t size, char **err)
{
	uint64_t top = l->ram_base + l->ram_size;
	if (l->ram_base < FDT_CEILING)
		top = MIN(top, FDT_CEILING);
	uint64_t low = low_end(l);
	if (size > top - low) {
		*err = g_strdup_printf("no room in RAM for the %llu-byte device tree above the "
		                       "kernel (ends at 0x%llx)",
		                       (unsigned long long)size, (unsigned long long)low);
		return -1;
	}
	uint64_t addr = align_down(top - size, KERNEL_ALIGN);
	if (addr < low)
		addr = align_down(top - size, 16);
	l->fdt_addr = addr;
	l->fdt_size = size;
	return 0;
}

int boot_load_initrd(struct Bus *bus, BootLayout *l, const char *path, char **err)
{
	size_t len;
	uint8_t *buf = boot_read_file(path, l->ram_size, &len, err);
	if (!buf)
		return -1;
	uint64_t low = low_end(l),
	         start = l->fdt_addr >= len ? align_down(l->fdt_addr - len, PAGE) : 0;
	int rc = -1;
	if (start < low) {
		*err = g_strdup_printf(
		    "%s: %zu bytes do not fit between the kernel (ends at 0x%llx) "
		    "and the device tree (0x%llx)",
		    path, len, (unsigned long long)low, (unsigned long long)l->fdt_addr);
	} else {
		rc = copy_to_ram(bus, l, start, buf, len, len, path, err);
		l->initrd_start = start;
		l->initrd_end = start + len;
		l->has_initrd = rc == 0;
	}
	g_free(buf);
	return rc;
}

uint64_t boot_start_address(const BootLayout *l)
{
	if (l->has_fw)
		return l->fw_entry;
	return l->has_kernel ? l->kernel_entry : l->ram_base;
}

/* RV64 base encodings (the unprivileged spec's I-type and U-type formats). */
enum { REG_ZERO = 0, REG_T0 = 5, REG_A0 = 10, REG_A1 = 11, REG_A2 = 12 };
#define CSR_MHARTID 0xf14u

static uint32_t enc_i(uint32_t opcode, unsigned funct3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm & 0xfffu) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
static uint32_t enc_auipc(unsigned rd, uint32_t imm20)
{
	return imm20 << 12 | rd << 7 | 0x17;
}
static uint32_t enc_addi(unsigned rd, unsigned rs1, int32_t imm)
{
	return enc_i(0x13, 0, rd, rs1, imm);
}
static uint32_t enc_ld(unsigned rd, unsigned rs1, int32_t imm)
{
	return enc_i(0x03, 3, rd, rs1, imm);
}
static uint32_t enc_csrr(unsigned rd, unsigned csr)
{
	return enc_i(0x73, 2, rd, 0, (int32_t)csr);
}
static uint32_t enc_jr(unsigned rs1)
{
	return enc_i(0x67, 0, REG_ZERO, rs1, 0);
}

void boot_write_mrom(uint8_t *rom, size_t rom_size, const BootLayout *l)
{
	const uint32_t code[] = {
	    enc_auipc(REG_T0, 0), /* t0 = the MROM base */
	    l->has_fw ? enc_addi(REG_A2, REG_T0, BOOT_MROM_FWDYN_OFF)
	              : enc_addi(REG_A2, REG_ZERO, 0),
	    enc_csrr(REG_A0, CSR_MHARTID),
	    enc_ld(REG_A1, REG_T0, BOOT_MROM_FDT_OFF),
	    enc_ld(REG_T0, REG_T0, BOOT_MROM_START_OFF),
	    enc_jr(REG_T0),
	};
	memset(rom, 0, MIN(rom_size, (size_t)0x100));
	for (size_t i = 0; i < sizeof code / sizeof code[0]; i++)
		put_le(rom + 4 * i, code[i], 4);
	put_le(rom + BOOT_MROM_START_OFF, boot_start_address(l), 8);
	put_le(rom + BOOT_MROM_FDT_OFF, l->fdt_addr, 8);
	uint64_t next = l->has_kernel ? l->kernel_entry : kernel_base(l, KERNEL_ALIGN);
	const uint64_t info[] = {
	    BOOT_FW_DYNAMIC_MAGIC, BOOT_FW_DYNAMIC_VERSION, next, BOOT_NEXT_MODE_S, 0, 0};
	for (size_t i = 0; i < 6; i++)
		put_le(rom + BOOT_MROM_FWDYN_OFF + 8 * i, info[i], 8);
}
