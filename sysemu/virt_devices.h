/*
 * The parts of the `virt` machine built from other modules' constructors: the execution
 * engine and the harts, the CLINT, PLIC, UART with its console, syscon, goldfish RTC and
 * the virtio-mmio slots with their block, network and entropy devices. virt.c sees them
 * only through this interface, so the wiring to those constructors is one file
 * (virt_devices.c).
 */
#ifndef FERRY_SYSEMU_VIRT_DEVICES_H
#define FERRY_SYSEMU_VIRT_DEVICES_H

#include <stddef.h>
#include <stdint.h>

#include "sysemu/vmstate.h"

struct VirtMachine;
typedef struct VirtDevices VirtDevices;

/* What the machine wants to hear from its devices. */
typedef enum VirtShutdownKind {
	VIRT_SHUTDOWN_POWEROFF, /* syscon 0x5555, the monitor's quit, Ctrl-A x: exit 0 */
	VIRT_SHUTDOWN_FAIL,     /* syscon 0x3333 with a code: exit with that code */
	VIRT_SHUTDOWN_REBOOT,   /* syscon 0x7777: reset and boot again (or exit, -no-reboot) */
	VIRT_SHUTDOWN_SIGNAL,   /* SIGINT/SIGTERM: exit 0 */
} VirtShutdownKind;

/* Builds every device and hart on m->bus, as m->opt describes; NULL with *err (g_free
 * it) when one cannot be built (a disk that does not open, a missing model). */
VirtDevices *virt_devices_new(struct VirtMachine *m, char **err);
void virt_devices_free(VirtDevices *d);
/* Starts the devices' own threads (console input, network). 0 or -1 with *err. */
int virt_devices_start(VirtDevices *d, char **err);
unsigned virt_devices_nharts(const VirtDevices *d);
/* Puts every hart at pc in M-mode (the MROM reset vector) and resets the devices. */
void virt_devices_reset(VirtDevices *d, uint64_t pc);
/* Guest RAM was replaced behind the harts' backs (loadvm, reboot) while none runs:
 * drops every translation and forgets the code pages. */
void virt_devices_ram_replaced(VirtDevices *d);
/* Runs hart i on the calling thread until virt_devices_stop. */
void virt_devices_run_hart(VirtDevices *d, unsigned i);
void virt_devices_stop(VirtDevices *d);
void virt_devices_pause(VirtDevices *d);
void virt_devices_resume(VirtDevices *d);
/* The snapshot sections of the harts and devices, into out (at most max); how many. */
size_t virt_devices_vmstate(VirtDevices *d, VmStateSection *out, size_t max);

#endif
