/*
 * The `sifive,test` finisher of the riscv64 `virt` machine (the DTB's syscon-poweroff
 * and syscon-reboot point at it): a 32-bit write at offset 0 of 0x5555 powers off
 * (exit 0), 0x7777 resets, and (code << 16) | 0x3333 stops with exit code `code`.
 * It only reports: the machine's callback stops the harts.
 */
#ifndef FERRY_SYSCON_H
#define FERRY_SYSCON_H

#include <stdint.h>

#include "sysemu/bus.h"

#define SYSCON_SIZE 0x1000

enum { SYSCON_POWEROFF, SYSCON_RESET, SYSCON_FAIL };

/* kind: SYSCON_*; code: the exit status (0 for poweroff and reset). */
typedef void (*SysconShutdown)(void *opaque, int kind, int code);

typedef struct Syscon Syscon;

/* The device has no state to snapshot. NULL when the region cannot be added. */
Syscon *syscon_new(Bus *bus, uint64_t base, SysconShutdown shutdown, void *opaque);
void syscon_free(Syscon *s);

#endif
