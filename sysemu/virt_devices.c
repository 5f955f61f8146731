/*
 * The wiring of the `virt` machine's harts and devices (see virt_devices.h). The hart
 * (sysemu/riscv64) and the device models (hw/: uart16550, clint, plic, syscon,
 * goldfish_rtc, chardev_stdio, virtio-mmio with blk/net/rng, block and net backends) are
 * not part of this tree yet, so building the machine reports which are missing; every
 * other part of the machine (command line, boot images, device tree, snapshots, -dumpdtb)
 * works without them.
 */
#include "sysemu/virt_devices.h"

#include <glib.h>

#include "sysemu/virt.h"

struct VirtDevices {
	unsigned nharts;
};

VirtDevices *virt_devices_new(struct VirtMachine *m, char **err)
{
	*err = g_strdup("this build has no riscv64 hart and no device models (hart, CLINT, PLIC, "
	                "UART, syscon, RTC, virtio) to run the machine with; -dumpdtb works");
	return NULL;
}

void virt_devices_free(VirtDevices *d)
{
	g_free(d);
}
int virt_devices_start(VirtDevices *d, char **err)
{
	return 0;
}
unsigned virt_devices_nharts(const VirtDevices *d)
{
	return d->nharts;
}
void virt_devices_reset(VirtDevices *d, uint64_t pc)
{
}
void virt_devices_run_hart(VirtDevices *d, unsigned i)
{
}
void virt_devices_stop(VirtDevices *d)
{
}
void virt_devices_pause(VirtDevices *d)
{
}
void virt_devices_resume(VirtDevices *d)
{
}
size_t virt_devices_vmstate(VirtDevices *d, VmStateSection *out, size_t max)
{
	return 0;
}
