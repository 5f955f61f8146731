/*
 * Unit tests of the virt device tree (sysemu/fdt.c), read back with libfdt: the nodes
 * and compatible strings qemu's virt has, reg and interrupts, the phandles the
 * interrupts-extended and interrupt-parent properties point at, and /chosen (bootargs,
 * initrd range, rng-seed) also on a tree read from a -dtb file.
 */
#include <check.h>
#include <glib.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/fdt.h"
#include "tests/unit/suites.h"

static void *build(unsigned nharts)
{
	VirtFdtConfig c = {0x80000000, 256u << 20, nharts, VIRT_DEFAULT_ISA, VIRT_DEFAULT_MMU, 8};
	char *err = NULL;
	void *fdt = virt_fdt_build(&c, &err);
	ck_assert_msg(fdt != NULL, "%s", err ? err : "");
	return fdt;
}

static int node(const void *fdt, const char *path)
{
	int off = fdt_path_offset(fdt, path);
	ck_assert_msg(off >= 0, "%s missing", path);
	return off;
}

static uint32_t cell(const void *fdt, int off, const char *prop, int i)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, off, prop, &len);
	ck_assert_msg(p && len >= 4 * (i + 1), "%s[%d]", prop, i);
	return fdt32_to_cpu(p[i]);
}

static void reg_is(const void *fdt, const char *path, uint64_t base, uint64_t size)
{
	int off = node(fdt, path);
	ck_assert_uint_eq((uint64_t)cell(fdt, off, "reg", 0) << 32 | cell(fdt, off, "reg", 1),
	                  base);
	ck_assert_uint_eq((uint64_t)cell(fdt, off, "reg", 2) << 32 | cell(fdt, off, "reg", 3),
	                  size);
}

START_TEST(test_nodes_and_compatibles)
{
	void *fdt = build(2);
	ck_assert_int_eq(fdt_check_header(fdt), 0);
	static const struct {
		const char *path, *compat;
	} nodes[] = {
	    {"/", "riscv-virtio"},
	    {"/soc", "simple-bus"},
	    {"/soc/clint@2000000", "riscv,clint0"},
	    {"/soc/clint@2000000", "sifive,clint0"},
	    {"/soc/plic@c000000", "sifive,plic-1.0.0"},
	    {"/soc/plic@c000000", "riscv,plic0"},
	    {"/soc/serial@10000000", "ns16550a"},
	    {"/soc/rtc@101000", "google,goldfish-rtc"},
	    {"/soc/test@100000", "sifive,test0"},
	    {"/soc/test@100000", "syscon"},
	    {"/soc/virtio_mmio@10001000", "virtio,mmio"},
	    {"/soc/virtio_mmio@10008000", "virtio,mmio"},
	    {"/poweroff", "syscon-poweroff"},
	    {"/reboot", "syscon-reboot"},
	    {"/cpus/cpu@0", "riscv"},
	    {"/cpus/cpu@1/interrupt-controller", "riscv,cpu-intc"},
	};
	for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		ck_assert_msg(
		    fdt_node_check_compatible(fdt, node(fdt, nodes[i].path), nodes[i].compat) == 0,
		    "%s %s", nodes[i].path, nodes[i].compat);
	ck_assert_int_lt(fdt_path_offset(fdt, "/cpus/cpu@2"), 0);
	ck_assert_int_lt(fdt_path_offset(fdt, "/soc/virtio_mmio@10009000"), 0);
	reg_is(fdt, "/memory@80000000", 0x80000000, 256u << 20);
	reg_is(fdt, "/soc/clint@2000000", 0x2000000, 0x10000);
	reg_is(fdt, "/soc/plic@c000000", 0xc000000, 0x600000);
	reg_is(fdt, "/soc/serial@10000000", 0x10000000, 0x100);
	reg_is(fdt, "/soc/virtio_mmio@10003000", 0x10003000, 0x1000);
	int cpus = node(fdt, "/cpus");
	ck_assert_uint_eq(cell(fdt, cpus, "timebase-frequency", 0), 10000000);
	int cpu1 = node(fdt, "/cpus/cpu@1");
	ck_assert_str_eq(fdt_getprop(fdt, cpu1, "riscv,isa", NULL), VIRT_DEFAULT_ISA);
	ck_assert_str_eq(fdt_getprop(fdt, cpu1, "mmu-type", NULL), "riscv,sv48");
	ck_assert_uint_eq(cell(fdt, cpu1, "reg", 0), 1);
	ck_assert_str_eq(fdt_getprop(fdt, node(fdt, "/memory@80000000"), "device_type", NULL),
	                 "memory");
	int uart = node(fdt, "/soc/serial@10000000");
	ck_assert_uint_eq(cell(fdt, uart, "clock-frequency", 0), 3686400);
	ck_assert_uint_eq(cell(fdt, uart, "interrupts", 0), 10);
	ck_assert_uint_eq(cell(fdt, node(fdt, "/soc/rtc@101000"), "interrupts", 0), 11);
	for (unsigned i = 0; i < 8; i++) {
		char path[64];
		snprintf(path, sizeof path, "/soc/virtio_mmio@%x", 0x10001000 + i * 0x1000);
		ck_assert_uint_eq(cell(fdt, node(fdt, path), "interrupts", 0), 1 + i);
	}
	int plic = node(fdt, "/soc/plic@c000000");
	ck_assert_uint_eq(cell(fdt, plic, "riscv,ndev", 0), 0x60);
	ck_assert_uint_eq(cell(fdt, plic, "#interrupt-cells", 0), 1);
	ck_assert_ptr_nonnull(fdt_getprop(fdt, plic, "interrupt-controller", NULL));
	g_free(fdt);
}
END_TEST

START_TEST(test_phandles)
{
	void *fdt = build(3);
	int plic = node(fdt, "/soc/plic@c000000"), clint = node(fdt, "/soc/clint@2000000");
	uint32_t plic_ph = fdt_get_phandle(fdt, plic);
	ck_assert_uint_ne(plic_ph, 0);
	ck_assert_int_eq(
	    fdt_node_offset_by_phandle(
	        fdt, cell(fdt, node(fdt, "/soc/serial@10000000"), "interrupt-parent", 0)),
	    plic);
	for (int h = 0; h < 3; h++) {
		char path[64];
		snprintf(path, sizeof path, "/cpus/cpu@%d/interrupt-controller", h);
		uint32_t intc = fdt_get_phandle(fdt, node(fdt, path));
		ck_assert_uint_eq(cell(fdt, clint, "interrupts-extended", 4 * h), intc);
		ck_assert_uint_eq(cell(fdt, clint, "interrupts-extended", 4 * h + 1), 3);
		ck_assert_uint_eq(cell(fdt, clint, "interrupts-extended", 4 * h + 2), intc);
		ck_assert_uint_eq(cell(fdt, clint, "interrupts-extended", 4 * h + 3), 7);
		ck_assert_uint_eq(cell(fdt, plic, "interrupts-extended", 4 * h), intc);
		ck_assert_uint_eq(cell(fdt, plic, "interrupts-extended", 4 * h + 1), 11);
		ck_assert_uint_eq(cell(fdt, plic, "interrupts-extended", 4 * h + 3), 9);
		snprintf(path, sizeof path, "/cpus/cpu-map/cluster0/core%d", h);
		snprintf(path + 40, 24, "/cpus/cpu@%d", h);
		ck_assert_int_eq(
		    fdt_node_offset_by_phandle(fdt, cell(fdt, node(fdt, path), "cpu", 0)),
		    node(fdt, path + 40));
	}
	int test = node(fdt, "/soc/test@100000");
	int off = node(fdt, "/poweroff");
	ck_assert_int_eq(fdt_node_offset_by_phandle(fdt, cell(fdt, off, "regmap", 0)), test);
	ck_assert_uint_eq(cell(fdt, off, "value", 0), 0x5555);
	ck_assert_uint_eq(cell(fdt, off, "offset", 0), 0);
	ck_assert_uint_eq(cell(fdt, node(fdt, "/reboot"), "value", 0), 0x7777);
	g_free(fdt);
}
END_TEST

static uint64_t prop64(const void *fdt, int off, const char *name)
{
	int len;
	const fdt64_t *p = fdt_getprop(fdt, off, name, &len);
	ck_assert_msg(p && len == 8, "%s", name);
	return fdt64_to_cpu(*p);
}

START_TEST(test_chosen)
{
	void *fdt = build(1);
	char *err = NULL;
	ck_assert_int_eq(virt_fdt_set_chosen(fdt, "console=ttyS0 quiet", true, 0, 0, true, &err),
	                 0);
	size_t size = virt_fdt_finish(fdt);
	ck_assert_int_eq(virt_fdt_set_chosen(fdt, "console=ttyS0 quiet", true, 0x87000000,
	                                     0x87123456, true, &err),
	                 0);
	ck_assert_uint_eq(fdt_totalsize(fdt), size);
	int chosen = node(fdt, "/chosen");
	ck_assert_str_eq(fdt_getprop(fdt, chosen, "bootargs", NULL), "console=ttyS0 quiet");
	ck_assert_str_eq(fdt_getprop(fdt, chosen, "stdout-path", NULL), "/soc/serial@10000000");
	ck_assert_uint_eq(prop64(fdt, chosen, "linux,initrd-start"), 0x87000000);
	ck_assert_uint_eq(prop64(fdt, chosen, "linux,initrd-end"), 0x87123456);
	int len;
	ck_assert_ptr_nonnull(fdt_getprop(fdt, chosen, "rng-seed", &len));
	ck_assert_int_eq(len, 32);

	/* a -dtb file without /chosen gets one */
	char path[] = "/tmp/ferry-fdt-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	void *bare = g_malloc0(4096);
	fdt_create_empty_tree(bare, 4096);
	fdt_pack(bare);
	ck_assert_int_eq(write(fd, bare, fdt_totalsize(bare)), (ssize_t)fdt_totalsize(bare));
	close(fd);
	void *loaded = virt_fdt_load_file(path, &err);
	ck_assert_ptr_nonnull(loaded);
	ck_assert_int_eq(virt_fdt_set_chosen(loaded, "root=/dev/vda", false, 0, 0, false, &err), 0);
	ck_assert_str_eq(fdt_getprop(loaded, node(loaded, "/chosen"), "bootargs", NULL),
	                 "root=/dev/vda");
	/* not a DTB */
	ck_assert(g_file_set_contents(path, "hello", 5, NULL));
	ck_assert_ptr_null(virt_fdt_load_file(path, &err));
	ck_assert_ptr_nonnull(strstr(err, "not a device tree blob"));
	g_free(err);
	unlink(path);
	g_free(loaded);
	g_free(bare);
	g_free(fdt);
}
END_TEST

Suite *sysemu_fdt_suite(void)
{
	Suite *s = suite_create("sysemu_fdt");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_nodes_and_compatibles);
	tcase_add_test(tc, test_phandles);
	tcase_add_test(tc, test_chosen);
	suite_add_tcase(s, tc);
	return s;
}
