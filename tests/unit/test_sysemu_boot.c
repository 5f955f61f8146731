/*
 * Unit tests of the virt machine's boot loading (sysemu/boot.c): Image header parsing
 * (synthetic headers, truncated, wrong magic), flat and ELF firmware (loaded by physical
 * address), kernel placement after the firmware, initrd and DTB placement without
 * overlap, images too big for RAM, and the MROM reset vector decoded back.
 */
#include <check.h>
#include <elf.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/boot.h"
#include "sysemu/bus.h"
#include "tests/unit/suites.h"

#define RAM (64ull << 20)

static char tmpdir[64];

static const char *write_tmp(const char *name, const void *data, size_t len)
{
	static char path[8][128];
	static int next;
	char *p = path[next++ % 8];
	if (!tmpdir[0]) {
		strcpy(tmpdir, "/tmp/ferry-boot-XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	}
	snprintf(p, 128, "%s/%s", tmpdir, name);
	ck_assert(g_file_set_contents(p, data, (gssize)len, NULL));
	return p;
}

/* A synthetic Image: header, then `len` bytes in all. */
static uint8_t *make_image(size_t len, uint64_t text_offset, uint64_t image_size)
{
	uint8_t *b = g_malloc0(len);
	b[0] = 'M';
	b[1] = 'Z';
	memcpy(b + 8, &text_offset, 8);
	memcpy(b + 16, &image_size, 8);
	memcpy(b + 0x30, "RISCV\0\0\0", 8);
	memcpy(b + 0x38, "RSC\x05", 4);
	for (size_t i = 64; i < len; i++)
		b[i] = (uint8_t)i;
	return b;
}

START_TEST(test_image_header)
{
	RvImageHeader h;
	char *err = NULL;
	uint8_t *img = make_image(4096, 0x200000, 0x1e6b000);
	ck_assert_int_eq(boot_parse_image_header(img, 4096, &h, &err), 1);
	ck_assert_uint_eq(h.text_offset, 0x200000);
	ck_assert_uint_eq(h.image_size, 0x1e6b000);
	ck_assert_int_eq(boot_parse_image_header(img, 0x3c, &h, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "truncated"));
	g_free(err);
	err = NULL;
	uint64_t bad = 0x123;
	memcpy(img + 8, &bad, 8);
	ck_assert_int_eq(boot_parse_image_header(img, 4096, &h, &err), -1);
	g_free(err);
	memset(img + 0x30, 0, 12);
	ck_assert_int_eq(boot_parse_image_header(img, 4096, &h, &err), 0);
	g_free(img);
}
END_TEST

static Bus *new_machine(BootLayout *l)
{
	Bus *bus = bus_new();
	ck_assert_ptr_nonnull(bus_add_ram(bus, VIRT_DRAM_BASE, RAM, "ram"));
	boot_layout_init(l, VIRT_DRAM_BASE, RAM);
	return bus;
}

START_TEST(test_flat_firmware_kernel_initrd_fdt)
{
	BootLayout l;
	Bus *bus = new_machine(&l);
	char *err = NULL;
	uint8_t fw[300];
	memset(fw, 0xa5, sizeof fw);
	uint8_t *img = make_image(8192, 0x200000, 3u << 20);
	uint8_t rd[10000];
	memset(rd, 0x3c, sizeof rd);
	ck_assert_int_eq(boot_load_firmware(bus, &l, write_tmp("fw.bin", fw, sizeof fw), &err), 0);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("Image", img, 8192), &err), 0);
	ck_assert_uint_eq(l.fw_start, VIRT_DRAM_BASE);
	ck_assert_uint_eq(l.fw_end, VIRT_DRAM_BASE + sizeof fw);
	ck_assert_uint_eq(l.kernel_start, 0x80200000);
	ck_assert_uint_eq(l.kernel_end, 0x80200000 + (3u << 20));
	ck_assert_int_eq(boot_place_fdt(&l, 5000, &err), 0);
	ck_assert_uint_eq(l.fdt_addr, VIRT_DRAM_BASE + RAM - 2 * (1u << 20));
	ck_assert_int_eq(boot_load_initrd(bus, &l, write_tmp("initrd", rd, sizeof rd), &err), 0);
	ck_assert_uint_eq(l.initrd_end - l.initrd_start, sizeof rd);
	ck_assert_uint_eq(l.initrd_start % 4096, 0);
	ck_assert_uint_le(l.initrd_end, l.fdt_addr);
	ck_assert_uint_ge(l.initrd_start, l.kernel_end);
	uint8_t *p = bus_ram_ptr(bus, l.kernel_start, 8192, 0);
	ck_assert_int_eq(memcmp(p, img, 8192), 0);
	ck_assert_int_eq(memcmp(bus_ram_ptr(bus, VIRT_DRAM_BASE, 300, 0), fw, 300), 0);
	ck_assert_int_eq(memcmp(bus_ram_ptr(bus, l.initrd_start, sizeof rd, 0), rd, sizeof rd), 0);
	ck_assert_uint_eq(boot_start_address(&l), VIRT_DRAM_BASE);
	g_free(img);
	bus_free(bus);
}
END_TEST

START_TEST(test_bios_none_and_errors)
{
	BootLayout l;
	Bus *bus = new_machine(&l);
	char *err = NULL;
	uint8_t *img = make_image(4096, 0x200000, 0);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("Image2", img, 4096), &err), 0);
	ck_assert_uint_eq(l.kernel_start, VIRT_DRAM_BASE);
	ck_assert_uint_eq(boot_start_address(&l), VIRT_DRAM_BASE);
	/* image_size larger than RAM */
	uint8_t *big = make_image(4096, 0x200000, RAM + 1);
	boot_layout_init(&l, VIRT_DRAM_BASE, RAM);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("big", big, 4096), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "past the end of RAM"));
	g_free(err);
	/* no magic */
	memset(big + 0x30, 0, 12);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("nomagic", big, 4096), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a RISC-V kernel"));
	g_free(err);
	/* missing */
	ck_assert_int_eq(boot_load_kernel(bus, &l, "/nonexistent/k", &err), -1);
	ck_assert_str_eq(err, "/nonexistent/k: No such file or directory");
	g_free(err);
	/* initrd that cannot fit below the DTB */
	boot_layout_init(&l, VIRT_DRAM_BASE, RAM);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("Image2", img, 4096), &err), 0);
	ck_assert_int_eq(boot_place_fdt(&l, 4096, &err), 0);
	size_t n = RAM - (2u << 20);
	uint8_t *huge = g_malloc0(n);
	ck_assert_int_eq(boot_load_initrd(bus, &l, write_tmp("huge", huge, n), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "do not fit"));
	g_free(err);
	g_free(huge);
	g_free(img);
	g_free(big);
	bus_free(bus);
}
END_TEST

/* A one-segment ELF whose segment goes to paddr 0x80000000 + off. */
static size_t make_elf(uint8_t *buf, int cls, uint16_t machine, uint64_t paddr, size_t filesz,
                       size_t memsz)
{
	memset(buf, 0, 4096);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = (uint8_t)cls;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = machine;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0xffffffff80000000ull + 0x10; /* virtual; maps to paddr + 0x10 */
	eh->e_phoff = sizeof *eh;
	eh->e_ehsize = sizeof *eh;
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 1;
	Elf64_Phdr *ph = (Elf64_Phdr *)(buf + sizeof *eh);
	ph->p_type = PT_LOAD;
	ph->p_offset = 0x200;
	ph->p_vaddr = 0xffffffff80000000ull;
	ph->p_paddr = paddr;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_flags = PF_R | PF_X;
	ph->p_align = 0x1000;
	for (size_t i = 0; i < filesz; i++)
		buf[0x200 + i] = (uint8_t)(0x40 + i);
	return 0x200 + filesz;
}

START_TEST(test_elf_firmware_and_kernel)
{
	BootLayout l;
	Bus *bus = new_machine(&l);
	char *err = NULL;
	uint8_t elf[4096];
	size_t n = make_elf(elf, ELFCLASS64, EM_RISCV, 0x80001000, 0x100, 0x300);
	uint8_t *ram = bus_ram_ptr(bus, 0x80001000, 0x300, 1);
	memset(ram, 0xff, 0x300);
	ck_assert_int_eq(boot_load_firmware(bus, &l, write_tmp("fw.elf", elf, n), &err), 0);
	ck_assert_uint_eq(l.fw_start, 0x80001000);
	ck_assert_uint_eq(l.fw_end, 0x80001300);
	ck_assert_uint_eq(l.fw_entry, 0x80001010);
	ck_assert_uint_eq(ram[0], 0x40);
	ck_assert_uint_eq(ram[0xff], (uint8_t)(0x40 + 0xff));
	ck_assert_uint_eq(ram[0x100], 0);
	ck_assert_uint_eq(ram[0x2ff], 0);
	/* a kernel ELF over the firmware is refused */
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("k.elf", elf, n), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "overlaps the firmware"));
	g_free(err);
	/* 32-bit, other machine, truncated, outside RAM */
	n = make_elf(elf, ELFCLASS32, EM_RISCV, 0x80400000, 0x100, 0x100);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("k32", elf, n), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "32-bit"));
	g_free(err);
	n = make_elf(elf, ELFCLASS64, EM_AARCH64, 0x80400000, 0x100, 0x100);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("karm", elf, n), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "another architecture"));
	g_free(err);
	n = make_elf(elf, ELFCLASS64, EM_RISCV, 0x80400000, 0x100, 0x100);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("ktrunc", elf, n - 0x80), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "past the end of the file"));
	g_free(err);
	n = make_elf(elf, ELFCLASS64, EM_RISCV, 0x90000000, 0x100, 0x100);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("kout", elf, n), &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "outside the machine's RAM"));
	g_free(err);
	n = make_elf(elf, ELFCLASS64, EM_RISCV, 0x80400000, 0x100, 0x100);
	ck_assert_int_eq(boot_load_kernel(bus, &l, write_tmp("kok", elf, n), &err), 0);
	ck_assert_uint_eq(l.kernel_entry, 0x80400010);
	bus_free(bus);
}
END_TEST

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* Decodes the reset vector back into (opcode, rd, rs1, funct3, imm) and checks it. */
START_TEST(test_mrom_reset_vector)
{
	BootLayout l;
	boot_layout_init(&l, VIRT_DRAM_BASE, RAM);
	l.has_fw = true;
	l.fw_start = l.fw_entry = VIRT_DRAM_BASE;
	l.fw_end = VIRT_DRAM_BASE + 0x40000;
	l.has_kernel = true;
	l.kernel_start = l.kernel_entry = 0x80200000;
	l.fdt_addr = 0x83e00000;
	uint8_t rom[0x1000];
	boot_write_mrom(rom, sizeof rom, &l);
	uint32_t insn[6];
	memcpy(insn, rom, sizeof insn);
#define OPC(i) ((i)&0x7f)
#define RD(i)  (((i) >> 7) & 31)
#define F3(i)  (((i) >> 12) & 7)
#define RS1(i) (((i) >> 15) & 31)
#define IMM(i) ((int32_t)(i) >> 20)
	ck_assert_uint_eq(OPC(insn[0]), 0x17); /* auipc t0, 0 */
	ck_assert_uint_eq(RD(insn[0]), 5);
	ck_assert_uint_eq(insn[0] >> 12, 0);
	ck_assert_uint_eq(OPC(insn[1]), 0x13); /* addi a2, t0, 0x40 */
	ck_assert_uint_eq(RD(insn[1]), 12);
	ck_assert_uint_eq(RS1(insn[1]), 5);
	ck_assert_int_eq(IMM(insn[1]), BOOT_MROM_FWDYN_OFF);
	ck_assert_uint_eq(OPC(insn[2]), 0x73); /* csrrs a0, mhartid, zero */
	ck_assert_uint_eq(F3(insn[2]), 2);
	ck_assert_uint_eq(RD(insn[2]), 10);
	ck_assert_uint_eq(RS1(insn[2]), 0);
	ck_assert_uint_eq((uint32_t)insn[2] >> 20, 0xf14);
	ck_assert_uint_eq(OPC(insn[3]), 0x03); /* ld a1, 0x28(t0) */
	ck_assert_uint_eq(F3(insn[3]), 3);
	ck_assert_uint_eq(RD(insn[3]), 11);
	ck_assert_int_eq(IMM(insn[3]), BOOT_MROM_FDT_OFF);
	ck_assert_uint_eq(OPC(insn[4]), 0x03); /* ld t0, 0x20(t0) */
	ck_assert_uint_eq(RD(insn[4]), 5);
	ck_assert_uint_eq(RS1(insn[4]), 5);
	ck_assert_int_eq(IMM(insn[4]), BOOT_MROM_START_OFF);
	ck_assert_uint_eq(OPC(insn[5]), 0x67); /* jalr zero, 0(t0) */
	ck_assert_uint_eq(RD(insn[5]), 0);
	ck_assert_uint_eq(RS1(insn[5]), 5);
	ck_assert_int_eq(IMM(insn[5]), 0);
	ck_assert_uint_eq(get64(rom + BOOT_MROM_START_OFF), VIRT_DRAM_BASE);
	ck_assert_uint_eq(get64(rom + BOOT_MROM_FDT_OFF), 0x83e00000);
	const uint8_t *info = rom + BOOT_MROM_FWDYN_OFF;
	ck_assert_uint_eq(get64(info), 0x4942534f);
	ck_assert_uint_eq(get64(info + 8), 2);
	ck_assert_uint_eq(get64(info + 16), 0x80200000);
	ck_assert_uint_eq(get64(info + 24), 1);
	ck_assert_uint_eq(get64(info + 32), 0);
	ck_assert_uint_eq(get64(info + 40), 0);
	/* -bios none: straight to the kernel, a2 = 0 */
	l.has_fw = false;
	boot_write_mrom(rom, sizeof rom, &l);
	memcpy(insn, rom, sizeof insn);
	ck_assert_uint_eq(RS1(insn[1]), 0);
	ck_assert_int_eq(IMM(insn[1]), 0);
	ck_assert_uint_eq(get64(rom + BOOT_MROM_START_OFF), 0x80200000);
}
END_TEST

static void cleanup(void)
{
	if (tmpdir[0]) {
		char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
		ck_assert_int_eq(system(cmd), 0);
		g_free(cmd);
		tmpdir[0] = '\0';
	}
}

Suite *sysemu_boot_suite(void)
{
	Suite *s = suite_create("sysemu_boot");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, NULL, cleanup);
	tcase_add_test(tc, test_image_header);
	tcase_add_test(tc, test_flat_firmware_kernel_initrd_fdt);
	tcase_add_test(tc, test_bios_none_and_errors);
	tcase_add_test(tc, test_elf_firmware_and_kernel);
	tcase_add_test(tc, test_mrom_reset_vector);
	suite_add_tcase(s, tc);
	return s;
}
