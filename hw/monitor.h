/*
 * The monitor: command lines from the console's monitor mode (Ctrl-A c), parsed with
 * shell quoting and dispatched through a table to hooks the machine supplies. It knows
 * nothing of harts or snapshots; a command whose hook is missing says so.
 */
#ifndef FERRY_MONITOR_H
#define FERRY_MONITOR_H

#include <stdbool.h>

#include "hw/chardev.h"

typedef struct MonitorHooks {
	void *opaque;                                       /* passed to every hook */
	bool (*running)(void *opaque);                      /* info status */
	void (*info_registers)(void *opaque, Chardev *chr); /* prints with chardev_monitor_print */
	int (*savevm)(void *opaque, const char *file);      /* 0 or a negative errno */
	int (*loadvm)(void *opaque, const char *file);      /* 0 or a negative errno */
	void (*stop)(void *opaque);
	void (*cont)(void *opaque);
	void (*quit)(void *opaque);
	void (*system_powerdown)(void *opaque);
	void (*system_reset)(void *opaque);
} MonitorHooks;

typedef struct Monitor Monitor;

Monitor *monitor_new(const MonitorHooks *hooks);
void monitor_free(Monitor *m);
/* A MonitorHandler (hw/chardev.h): chardev_set_monitor(chr, monitor_handle_line, mon).
 * Runs on the console's input thread without the bus lock. */
void monitor_handle_line(void *opaque, Chardev *chr, const char *line);

#endif
