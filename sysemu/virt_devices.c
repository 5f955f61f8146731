/*
 * The wiring of the `virt` machine's harts and devices (see virt_devices.h). The device
 * models, console, monitor, virtio devices and backends are in this tree, but the
 * riscv64 hart (sysemu/riscv64/hart.h: rv_hart_new, riscv64_sys_arch, rv_sys_fetch) is
 * not yet, and every device's interrupt lines end in a hart; so building the machine
 * reports that the hart is missing. Every other part of the machine (command line, boot
 * images, device tree, snapshot files, -dumpdtb) works without it.
 */
#include "sysemu/virt_devices.h"

#include <glib.h>

#include "sysemu/virt.h"

struct VirtDevices {
	unsigned nharts;
};

VirtDevices *virt_devices_new(struct VirtMachine *m, char **err)
{
	*err = g_strdup("this build has no riscv64 hart (sysemu/riscv64) to run the machine "
	                "with; -dumpdtb works");
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
