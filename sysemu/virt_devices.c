/*
 * The wiring of the `virt` machine's harts and devices (see virt_devices.h):
 * one engine shared by the harts, the CLINT's MSIP/MTIP and the PLIC's M/S
 * context outputs into the harts' mip bits, the UART on the stdio console (with
 * the monitor behind Ctrl-A c and Ctrl-A x quitting), the syscon's shutdown
 * callback into the machine, the goldfish RTC, and eight virtio-mmio slots
 * holding the command line's devices in order from the highest slot down
 * (qemu's order: the device tree lists that slot first). A reset puts the devices'
 * registers back to their power-on values, the interrupt sources before the
 * controllers, and then the harts.
 */
#include "sysemu/virt_devices.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>

#include "hw/block.h"
#include "hw/chardev.h"
#include "hw/clint.h"
#include "hw/goldfish_rtc.h"
#include "hw/monitor.h"
#include "hw/net.h"
#include "hw/plic.h"
#include "hw/syscon.h"
#include "hw/uart16550.h"
#include "hw/virtio.h"
#include "sysemu/bus.h"
#include "sysemu/fdt.h"
#include "sysemu/riscv64/hart.h"
#include "sysemu/virt.h"

struct VirtDevices {
	VirtMachine *m;
	Engine *engine;
	RvHart *harts[SYSEMU_MAX_HARTS];
	unsigned nharts;
	Clint *clint;
	Plic *plic;
	Chardev *chr;
	Monitor *mon;
	Uart16550 *uart;
	Syscon *syscon;
	GoldfishRtc *rtc;
	VirtioMmio *slots[SYSEMU_VIRTIO_SLOTS];
	BlockBackend *disks[SYSEMU_VIRTIO_SLOTS];
	NetBackend *nets[SYSEMU_MAX_NETDEVS];
	unsigned n_nets;
};

static IrqLine hart_line(RvHart *h, unsigned irq)
{
	return (IrqLine){rv_hart_set_irq, h, irq};
}

static int build_harts(VirtDevices *d, char **err)
{
	const SysOptions *o = d->m->opt;
	GuestFetch fetch = rv_sys_fetch(d->m->bus);
	d->engine = engine_new(&riscv64_sys_arch, o->jit ? ENGINE_JIT : ENGINE_INTERP, &fetch);
	d->nharts = o->smp;
	for (unsigned i = 0; i < d->nharts; i++) {
		RvHartConfig cfg = {i, d->m->bus, d->engine, true};
		d->harts[i] = rv_hart_new(&cfg);
		if (!d->harts[i]) {
			*err = g_strdup_printf("cannot create hart %u", i);
			return -1;
		}
	}
	return 0;
}

static int build_interrupt_controllers(VirtDevices *d, char **err)
{
	IrqLine msip[SYSEMU_MAX_HARTS], mtip[SYSEMU_MAX_HARTS], ctx[2 * SYSEMU_MAX_HARTS];
	for (unsigned i = 0; i < d->nharts; i++) {
		msip[i] = hart_line(d->harts[i], RV_IRQ_MSIP);
		mtip[i] = hart_line(d->harts[i], RV_IRQ_MTIP);
		ctx[2 * i] = hart_line(d->harts[i], RV_IRQ_MEIP);
		ctx[2 * i + 1] = hart_line(d->harts[i], RV_IRQ_SEIP);
	}
	d->clint = clint_new(d->m->bus, VIRT_CLINT_BASE, d->nharts, msip, mtip);
	d->plic = plic_new(d->m->bus, VIRT_PLIC_BASE, VIRT_PLIC_NDEV, 2 * d->nharts, ctx);
	if (!d->clint || !d->plic) {
		*err = g_strdup("cannot map the CLINT or the PLIC");
		return -1;
	}
	return 0;
}

/* ---- the monitor's hooks ---- */

static bool hook_running(void *opaque)
{
	return virt_monitor_running(opaque);
}
static void hook_stop(void *opaque)
{
	virt_monitor_stop(opaque);
}
static void hook_cont(void *opaque)
{
	virt_monitor_cont(opaque);
}

static int hook_snapshot(VirtMachine *m, const char *file,
                         int (*fn)(VirtMachine *, const char *, GString *))
{
	GString *s = g_string_new(NULL);
	int rc = fn(m, file, s);
	if (rc)
		fprintf(stderr, "%s", s->str);
	g_string_free(s, TRUE);
	return rc ? -EIO : 0;
}

static int hook_savevm(void *opaque, const char *file)
{
	return hook_snapshot(opaque, file, virt_monitor_savevm);
}

static int hook_loadvm(void *opaque, const char *file)
{
	return hook_snapshot(opaque, file, virt_monitor_loadvm);
}

/* Pauses each hart in turn (unless the machine is stopped already) to print a
 * consistent state of it. */
static void hook_info_registers(void *opaque, Chardev *chr)
{
	VirtMachine *m = opaque;
	bool running = virt_monitor_running(m);
	for (unsigned i = 0; i < m->dev->nharts; i++) {
		GString *s = g_string_new(NULL);
		if (running)
			rv_hart_pause(m->dev->harts[i]);
		rv_hart_format_registers(m->dev->harts[i], s);
		if (running)
			rv_hart_resume(m->dev->harts[i]);
		chardev_monitor_print(chr, "%s", s->str);
		g_string_free(s, TRUE);
	}
}

static void hook_quit(void *opaque)
{
	virt_monitor_quit(opaque);
}

static void hook_reset(void *opaque)
{
	virt_request_shutdown(opaque, VIRT_SHUTDOWN_REBOOT, 0);
}

static void console_quit(void *opaque)
{
	virt_request_shutdown(opaque, VIRT_SHUTDOWN_POWEROFF, 0);
}

static int build_console(VirtDevices *d, char **err)
{
	VirtMachine *m = d->m;
	if (m->opt->serial != SERIAL_NONE) {
		d->chr = chardev_stdio_new(m->bus);
		if (!d->chr) {
			*err = g_strdup("cannot open the console on stdio");
			return -1;
		}
		chardev_set_quit(d->chr, console_quit, m);
		if (m->opt->serial == SERIAL_MON_STDIO && m->opt->monitor) {
			MonitorHooks hooks = {.opaque = m,
			                      .running = hook_running,
			                      .info_registers = hook_info_registers,
			                      .savevm = hook_savevm,
			                      .loadvm = hook_loadvm,
			                      .stop = hook_stop,
			                      .cont = hook_cont,
			                      .quit = hook_quit,
			                      .system_powerdown = hook_quit,
			                      .system_reset = hook_reset};
			d->mon = monitor_new(&hooks);
			chardev_set_monitor(d->chr, monitor_handle_line, d->mon);
		}
	}
	d->uart =
	    uart16550_new(m->bus, VIRT_UART_BASE, plic_irq_line(d->plic, VIRT_UART_IRQ), d->chr);
	d->syscon = syscon_new(m->bus, VIRT_TEST_BASE, virt_syscon_shutdown, m);
	d->rtc = goldfish_rtc_new(m->bus, VIRT_RTC_BASE, plic_irq_line(d->plic, VIRT_RTC_IRQ));
	if (!d->uart || !d->syscon || !d->rtc) {
		*err = g_strdup("cannot map the UART, syscon or RTC");
		return -1;
	}
	return 0;
}

static int plug_device(VirtDevices *d, const SysDevice *dev, unsigned slot, char **err)
{
	const SysOptions *o = d->m->opt;
	VirtioMmio *vm = d->slots[slot];
	if (dev->kind == SYSDEV_RNG)
		return virtio_rng_new(vm) ? 0 : -1;
	if (dev->kind == SYSDEV_BLK) {
		const SysDrive *drv = &o->drives[dev->drive];
		BlockOpenOptions bo = {drv->format, drv->read_only, drv->snapshot};
		char *why = NULL;
		d->disks[slot] = block_open(drv->file, &bo, &why);
		if (!d->disks[slot]) {
			*err = why;
			return -1;
		}
		return virtio_blk_new(vm, d->disks[slot], drv->id) ? 0 : -1;
	}
	char *why = NULL;
	NetBackend *nb = net_backend_new(o->netdevs[dev->netdev].spec, d->m->bus, &why);
	if (!nb) {
		*err = g_strdup_printf("-netdev %s: %s", o->netdevs[dev->netdev].spec, why);
		g_free(why);
		return -1;
	}
	d->nets[d->n_nets++] = nb;
	uint8_t mac[6];
	virtio_net_default_mac(slot, mac);
	if (dev->mac && sscanf(dev->mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2],
	                       &mac[3], &mac[4], &mac[5]) != 6) {
		*err = g_strdup_printf("-device mac=%s: not a MAC address", dev->mac);
		return -1;
	}
	return virtio_net_new(vm, nb, mac) ? 0 : -1;
}

static int build_virtio(VirtDevices *d, char **err)
{
	for (unsigned i = 0; i < SYSEMU_VIRTIO_SLOTS; i++) {
		d->slots[i] = virtio_mmio_new(d->m->bus, VIRT_VIRTIO_BASE + i * VIRT_VIRTIO_SIZE,
		                              plic_irq_line(d->plic, VIRT_VIRTIO_IRQ + i));
		if (!d->slots[i]) {
			*err = g_strdup("cannot map the virtio-mmio slots");
			return -1;
		}
	}
	const SysOptions *o = d->m->opt;
	for (unsigned i = 0; i < o->n_devices; i++) {
		unsigned slot = SYSEMU_VIRTIO_SLOTS - 1 - i;
		if (plug_device(d, &o->devices[i], slot, err)) {
			if (!*err)
				*err = g_strdup_printf("cannot plug device %u into virtio slot %u",
				                       i, slot);
			return -1;
		}
	}
	return 0;
}

VirtDevices *virt_devices_new(struct VirtMachine *m, char **err)
{
	VirtDevices *d = g_new0(VirtDevices, 1);
	d->m = m;
	*err = NULL;
	if (build_harts(d, err) || build_interrupt_controllers(d, err) || build_console(d, err) ||
	    build_virtio(d, err)) {
		virt_devices_free(d);
		return NULL;
	}
	return d;
}

void virt_devices_free(VirtDevices *d)
{
	if (!d)
		return;
	for (unsigned i = 0; i < d->n_nets; i++)
		net_backend_free(d->nets[i]);
	for (unsigned i = 0; i < SYSEMU_VIRTIO_SLOTS; i++) {
		if (d->slots[i])
			virtio_mmio_free(d->slots[i]);
		if (d->disks[i])
			block_close(d->disks[i]);
	}
	if (d->rtc)
		goldfish_rtc_free(d->rtc);
	if (d->syscon)
		syscon_free(d->syscon);
	if (d->uart)
		uart16550_free(d->uart);
	if (d->mon)
		monitor_free(d->mon);
	if (d->chr)
		chardev_free(d->chr);
	if (d->plic)
		plic_free(d->plic);
	if (d->clint)
		clint_free(d->clint);
	for (unsigned i = 0; i < d->nharts; i++)
		if (d->harts[i])
			rv_hart_free(d->harts[i]);
	if (d->engine)
		engine_free(d->engine);
	g_free(d);
}

int virt_devices_start(VirtDevices *d, char **err)
{
	for (unsigned i = 0; i < d->n_nets; i++)
		if (net_backend_start(d->nets[i]) != 0) {
			*err = g_strdup_printf("cannot start network backend %s",
			                       net_backend_id(d->nets[i]));
			return -1;
		}
	if (d->chr && chardev_start(d->chr) != 0) {
		*err = g_strdup("cannot start the console");
		return -1;
	}
	return 0;
}

unsigned virt_devices_nharts(const VirtDevices *d)
{
	return d->nharts;
}

/* The registers only: disk images, network backends and the console keep their state.
 * Under the bus lock, as the timer, console and network threads still run. */
static void reset_devices(VirtDevices *d)
{
	bus_lock(d->m->bus);
	uart16550_reset(d->uart);
	goldfish_rtc_reset(d->rtc);
	for (unsigned i = 0; i < SYSEMU_VIRTIO_SLOTS; i++)
		virtio_mmio_reset(d->slots[i]);
	plic_reset(d->plic);
	clint_reset(d->clint);
	bus_unlock(d->m->bus);
}

void virt_devices_reset(VirtDevices *d, uint64_t pc)
{
	reset_devices(d);
	for (unsigned i = 0; i < d->nharts; i++)
		rv_hart_reset(d->harts[i], pc, 0, 0, 0);
}

void virt_devices_ram_replaced(VirtDevices *d)
{
	engine_flush(d->engine);
	bus_code_forget(d->m->bus);
}

void virt_devices_run_hart(VirtDevices *d, unsigned i)
{
	rv_hart_run(d->harts[i]);
}

void virt_devices_stop(VirtDevices *d)
{
	for (unsigned i = 0; i < d->nharts; i++)
		rv_hart_stop(d->harts[i]);
}

void virt_devices_pause(VirtDevices *d)
{
	for (unsigned i = 0; i < d->nharts; i++)
		rv_hart_pause(d->harts[i]);
}

void virt_devices_resume(VirtDevices *d)
{
	for (unsigned i = 0; i < d->nharts; i++)
		rv_hart_resume(d->harts[i]);
}

size_t virt_devices_vmstate(VirtDevices *d, VmStateSection *out, size_t max)
{
	size_t n = 0;
	for (unsigned i = 0; i < d->nharts && n < max; i++)
		out[n++] = rv_hart_vmstate(d->harts[i]);
	VmStateSection fixed[] = {clint_vmstate(d->clint), plic_vmstate(d->plic),
	                          uart16550_vmstate(d->uart), goldfish_rtc_vmstate(d->rtc)};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && n < max; i++)
		out[n++] = fixed[i];
	for (unsigned i = 0; i < SYSEMU_VIRTIO_SLOTS && n < max; i++)
		out[n++] = virtio_mmio_vmstate(d->slots[i]);
	return n;
}
