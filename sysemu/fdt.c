/*
 * Builds the `virt` device tree (see fdt.h) with libfdt's read-write API. libfdt adds a
 * new node before its earlier siblings, so nodes added in ascending address order come
 * out highest first, as in qemu's tree (the virtio slot probed first is the last one).
 * Phandles are fixed by position: hart N's cpu node 1 + 2N, its interrupt controller
 * 2 + 2N, then the PLIC, then the test (syscon) device.
 */
#include "sysemu/fdt.h"

#include <glib.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "sysemu/boot.h"

#define FDT_BUF_SIZE    (64 * 1024)
#define FDT_CHOSEN_ROOM 8192 /* for /chosen added to a tree read from a file */

/* The sticky-error builder: each helper does nothing once rc < 0. */
typedef struct FdtBuild {
	void *fdt;
	int rc;
} FdtBuild;

static int node(FdtBuild *b, int parent, const char *fmt, uint64_t addr)
{
	char name[64];
	snprintf(name, sizeof name, fmt, (unsigned long long)addr);
	if (b->rc < 0)
		return b->rc;
	int off = fdt_add_subnode(b->fdt, parent, name);
	if (off < 0)
		b->rc = off;
	return off;
}

static void prop_u32(FdtBuild *b, int n, const char *name, uint32_t v)
{
	if (b->rc >= 0)
		b->rc = fdt_setprop_u32(b->fdt, n, name, v);
}

static void prop_str(FdtBuild *b, int n, const char *name, const char *v)
{
	if (b->rc >= 0)
		b->rc = fdt_setprop_string(b->fdt, n, name, v);
}

static void prop_strs(FdtBuild *b, int n, const char *name, const char *const *v, size_t count)
{
	for (size_t i = 0; i < count && b->rc >= 0; i++)
		b->rc = fdt_appendprop_string(b->fdt, n, name, v[i]);
}

static void prop_empty(FdtBuild *b, int n, const char *name)
{
	if (b->rc >= 0)
		b->rc = fdt_setprop_empty(b->fdt, n, name);
}

static void prop_cells(FdtBuild *b, int n, const char *name, const uint32_t *cells, size_t count)
{
	fdt32_t be[64];
	for (size_t i = 0; i < count; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	if (b->rc >= 0)
		b->rc = fdt_setprop(b->fdt, n, name, be, (int)(count * sizeof(fdt32_t)));
}

/* reg = <addr size> with two cells each. */
static void prop_reg(FdtBuild *b, int n, uint64_t addr, uint64_t size)
{
	const uint32_t cells[4] = {(uint32_t)(addr >> 32), (uint32_t)addr, (uint32_t)(size >> 32),
	                           (uint32_t)size};
	prop_cells(b, n, "reg", cells, 4);
}

static uint32_t cpu_phandle(unsigned hart)
{
	return 1 + 2 * hart;
}
static uint32_t intc_phandle(unsigned hart)
{
	return 2 + 2 * hart;
}
static uint32_t plic_phandle(const VirtFdtConfig *c)
{
	return 1 + 2 * c->nharts;
}
static uint32_t test_phandle(const VirtFdtConfig *c)
{
	return 2 + 2 * c->nharts;
}

static void add_cpus(FdtBuild *b, const VirtFdtConfig *c)
{
	int cpus = node(b, 0, "cpus", 0);
	prop_u32(b, cpus, "#address-cells", 1);
	prop_u32(b, cpus, "#size-cells", 0);
	prop_u32(b, cpus, "timebase-frequency", VIRT_TIMEBASE_HZ);
	int map = node(b, cpus, "cpu-map", 0);
	int cluster = node(b, map, "cluster0", 0);
	for (unsigned h = c->nharts; h-- > 0;) {
		int core = node(b, cluster, "core%llu", h);
		prop_u32(b, core, "cpu", cpu_phandle(h));
	}
	for (unsigned h = c->nharts; h-- > 0;) {
		int cpu = node(b, cpus, "cpu@%llx", h);
		prop_u32(b, cpu, "phandle", cpu_phandle(h));
		prop_str(b, cpu, "device_type", "cpu");
		prop_u32(b, cpu, "reg", h);
		prop_str(b, cpu, "status", "okay");
		prop_str(b, cpu, "compatible", "riscv");
		prop_str(b, cpu, "riscv,isa", c->isa);
		prop_str(b, cpu, "mmu-type", c->mmu);
		int intc = node(b, cpu, "interrupt-controller", 0);
		prop_u32(b, intc, "#interrupt-cells", 1);
		prop_empty(b, intc, "interrupt-controller");
		prop_str(b, intc, "compatible", "riscv,cpu-intc");
		prop_u32(b, intc, "phandle", intc_phandle(h));
	}
}

/* interrupts-extended: <&intc_h a &intc_h b> for every hart. */
static void prop_per_hart(FdtBuild *b, int n, const VirtFdtConfig *c, uint32_t a, uint32_t bb)
{
	uint32_t cells[4 * SYSEMU_FDT_MAX_HARTS];
	for (unsigned h = 0; h < c->nharts; h++) {
		cells[4 * h] = intc_phandle(h);
		cells[4 * h + 1] = a;
		cells[4 * h + 2] = intc_phandle(h);
		cells[4 * h + 3] = bb;
	}
	prop_cells(b, n, "interrupts-extended", cells, 4 * c->nharts);
}

static void add_interrupt_controllers(FdtBuild *b, int soc, const VirtFdtConfig *c)
{
	static const char *const clint_compat[] = {"sifive,clint0", "riscv,clint0"};
	static const char *const plic_compat[] = {"sifive,plic-1.0.0", "riscv,plic0"};
	int clint = node(b, soc, "clint@%llx", VIRT_CLINT_BASE);
	prop_per_hart(b, clint, c, 3, 7); /* M software, M timer */
	prop_reg(b, clint, VIRT_CLINT_BASE, VIRT_CLINT_SIZE);
	prop_strs(b, clint, "compatible", clint_compat, 2);
	int plic = node(b, soc, "plic@%llx", VIRT_PLIC_BASE);
	prop_u32(b, plic, "phandle", plic_phandle(c));
	prop_u32(b, plic, "riscv,ndev", VIRT_PLIC_NDEV);
	prop_reg(b, plic, VIRT_PLIC_BASE, VIRT_PLIC_SIZE);
	prop_per_hart(b, plic, c, 11, 9); /* M external, S external */
	prop_empty(b, plic, "interrupt-controller");
	prop_strs(b, plic, "compatible", plic_compat, 2);
	prop_u32(b, plic, "#address-cells", 0);
	prop_u32(b, plic, "#interrupt-cells", 1);
}

static void add_irq_device(FdtBuild *b, int soc, const VirtFdtConfig *c, const char *fmt,
                           uint64_t base, uint64_t size, unsigned irq, const char *compat)
{
	int n = node(b, soc, fmt, base);
	prop_u32(b, n, "interrupts", irq);
	prop_u32(b, n, "interrupt-parent", plic_phandle(c));
	prop_reg(b, n, base, size);
	prop_str(b, n, "compatible", compat);
	if (!strcmp(compat, "ns16550a"))
		prop_u32(b, n, "clock-frequency", VIRT_UART_CLOCK);
}

static void add_syscon(FdtBuild *b, int soc, const VirtFdtConfig *c)
{
	static const char *const test_compat[] = {"sifive,test1", "sifive,test0", "syscon"};
	int test = node(b, soc, "test@%llx", VIRT_TEST_BASE);
	prop_u32(b, test, "phandle", test_phandle(c));
	prop_reg(b, test, VIRT_TEST_BASE, VIRT_TEST_SIZE);
	prop_strs(b, test, "compatible", test_compat, 3);
}

/* The poweroff and reboot nodes at the root, pointing at the test device. Added after
 * /soc is complete: a new root node moves the offsets of the nodes after it. */
static void add_syscon_actions(FdtBuild *b, const VirtFdtConfig *c)
{
	static const struct {
		const char *name, *compat;
		uint32_t value;
	} actions[] = {{"reboot", "syscon-reboot", 0x7777},
	               {"poweroff", "syscon-poweroff", 0x5555}};
	for (size_t i = 0; i < 2; i++) {
		int n = node(b, 0, actions[i].name, 0);
		prop_u32(b, n, "value", actions[i].value);
		prop_u32(b, n, "offset", 0);
		prop_u32(b, n, "regmap", test_phandle(c));
		prop_str(b, n, "compatible", actions[i].compat);
	}
}

static void add_soc(FdtBuild *b, const VirtFdtConfig *c)
{
	int soc = node(b, 0, "soc", 0);
	prop_u32(b, soc, "#address-cells", 2);
	prop_u32(b, soc, "#size-cells", 2);
	prop_str(b, soc, "compatible", "simple-bus");
	prop_empty(b, soc, "ranges");
	add_interrupt_controllers(b, soc, c);
	for (unsigned i = 0; i < c->virtio_slots; i++)
		add_irq_device(b, soc, c, "virtio_mmio@%llx",
		               VIRT_VIRTIO_BASE + i * VIRT_VIRTIO_SIZE, VIRT_VIRTIO_SIZE,
		               VIRT_VIRTIO_IRQ + i, "virtio,mmio");
	add_syscon(b, soc, c);
	add_irq_device(b, soc, c, "serial@%llx", VIRT_UART_BASE, VIRT_UART_SIZE, VIRT_UART_IRQ,
	               "ns16550a");
	add_irq_device(b, soc, c, "rtc@%llx", VIRT_RTC_BASE, VIRT_RTC_SIZE, VIRT_RTC_IRQ,
	               "google,goldfish-rtc");
}

void *virt_fdt_build(const VirtFdtConfig *c, char **err)
{
	if (c->nharts == 0 || c->nharts > SYSEMU_FDT_MAX_HARTS) {
		*err = g_strdup_printf("device tree: %u harts (1 to %d)", c->nharts,
		                       SYSEMU_FDT_MAX_HARTS);
		return NULL;
	}
	FdtBuild b = {g_malloc0(FDT_BUF_SIZE), 0};
	b.rc = fdt_create_empty_tree(b.fdt, FDT_BUF_SIZE);
	prop_u32(&b, 0, "#address-cells", 2);
	prop_u32(&b, 0, "#size-cells", 2);
	prop_str(&b, 0, "compatible", "riscv-virtio");
	prop_str(&b, 0, "model", "riscv-virtio,qemu");
	add_soc(&b, c);
	add_syscon_actions(&b, c);
	add_cpus(&b, c);
	int mem = node(&b, 0, "memory@%llx", c->ram_base);
	prop_str(&b, mem, "device_type", "memory");
	prop_reg(&b, mem, c->ram_base, c->ram_size);
	int chosen = node(&b, 0, "chosen", 0);
	prop_str(&b, chosen, "stdout-path", "/soc/serial@10000000");
	if (b.rc < 0) {
		*err = g_strdup_printf("device tree: %s", fdt_strerror(b.rc));
		g_free(b.fdt);
		return NULL;
	}
	return b.fdt;
}

void *virt_fdt_load_file(const char *path, char **err)
{
	size_t len;
	uint8_t *buf = boot_read_file(path, 16u << 20, &len, err);
	if (!buf)
		return NULL;
	if (len < sizeof(struct fdt_header) || fdt_check_header(buf) != 0 ||
	    fdt_totalsize(buf) > len) {
		*err = g_strdup_printf("%s: not a device tree blob", path);
		g_free(buf);
		return NULL;
	}
	size_t size = fdt_totalsize(buf) + FDT_CHOSEN_ROOM;
	void *fdt = g_malloc0(size);
	int rc = fdt_open_into(buf, fdt, (int)size);
	g_free(buf);
	if (rc < 0) {
		*err = g_strdup_printf("%s: %s", path, fdt_strerror(rc));
		g_free(fdt);
		return NULL;
	}
	return fdt;
}

int virt_fdt_set_chosen(void *fdt, const char *bootargs, bool has_initrd, uint64_t initrd_start,
                        uint64_t initrd_end, bool rng_seed, char **err)
{
	FdtBuild b = {fdt, 0};
	int chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		chosen = node(&b, 0, "chosen", 0);
	if (bootargs)
		prop_str(&b, chosen, "bootargs", bootargs);
	if (has_initrd && b.rc >= 0)
		b.rc = fdt_setprop_u64(fdt, chosen, "linux,initrd-start", initrd_start);
	if (has_initrd && b.rc >= 0)
		b.rc = fdt_setprop_u64(fdt, chosen, "linux,initrd-end", initrd_end);
	if (rng_seed && b.rc >= 0) {
		uint8_t seed[32];
		if (getrandom(seed, sizeof seed, 0) != (ssize_t)sizeof seed)
			for (size_t i = 0; i < sizeof seed; i++)
				seed[i] = (uint8_t)g_random_int();
		b.rc = fdt_setprop(fdt, chosen, "rng-seed", seed, sizeof seed);
	}
	if (b.rc < 0) {
		*err = g_strdup_printf("device tree /chosen: %s", fdt_strerror(b.rc));
		return -1;
	}
	return 0;
}

size_t virt_fdt_finish(void *fdt)
{
	fdt_pack(fdt);
	return fdt_totalsize(fdt);
}
