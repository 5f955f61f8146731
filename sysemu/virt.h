/*
 * The riscv64 `virt` machine: RAM at 0x80000000, the MROM at 0x1000, the devices and
 * harts (virt_devices.h), boot (boot.h) and device tree (fdt.h); one host thread per
 * hart; shutdown, reboot and signals; snapshots; and the machine side of the monitor's
 * commands (info status, savevm, loadvm, quit).
 */
#ifndef FERRY_SYSEMU_VIRT_H
#define FERRY_SYSEMU_VIRT_H

#include <glib.h>
#include <pthread.h>
#include <stdbool.h>

#include "sysemu/boot.h"
#include "sysemu/options.h"
#include "sysemu/virt_devices.h"

struct Bus;

typedef struct VirtMachine {
	const SysOptions *opt;
	struct Bus *bus;
	uint8_t *ram, *mrom;
	BootLayout layout;
	VirtDevices *dev;
	char devices_desc[256]; /* device kinds in slot order, for snapshots */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool shutdown_pending;
	VirtShutdownKind shutdown_kind;
	int shutdown_code;
	bool paused;
} VirtMachine;

/* The device tree for these options, loaded images and all (what -dumpdtb writes and
 * the guest sees); bytes and size, or NULL with *err. Loads the images into `m`. */
void *virt_build_boot(VirtMachine *m, size_t *size, char **err);

/* Builds the machine (devices, harts, boot images). NULL with *err. */
VirtMachine *virt_machine_new(const SysOptions *opt, char **err);
void virt_machine_free(VirtMachine *m);
/* Runs until the guest or the user ends it; the exit status. */
int virt_machine_run(VirtMachine *m);
/* -dumpdtb: writes the tree; 0 or -1 with *err. */
int virt_dump_dtb(const SysOptions *opt, const char *path, char **err);

/* Asks the main loop to end (any thread, also the device callbacks). */
void virt_request_shutdown(VirtMachine *m, VirtShutdownKind kind, int code);
/* The syscon's callback shape: kind 0 poweroff, 1 reboot, 2 fail with code. */
void virt_syscon_shutdown(void *opaque, int kind, int code);

/* The monitor's machine hooks; text for the user goes to out. 0 or -1. */
bool virt_monitor_running(VirtMachine *m);
/* stop / cont: park the harts, let them go on. */
void virt_monitor_stop(VirtMachine *m);
void virt_monitor_cont(VirtMachine *m);
int virt_monitor_savevm(VirtMachine *m, const char *path, GString *out);
int virt_monitor_loadvm(VirtMachine *m, const char *path, GString *out);
void virt_monitor_quit(VirtMachine *m);

#endif
