/*
 * The CLINT (ACLINT MSWI + MTIMER) of the riscv64 `virt` machine: per hart a msip word
 * at +4*hart driving the hart's MSIP, a 64-bit mtimecmp at +0x4000 + 8*hart driving
 * MTIP (level = mtime >= mtimecmp), and the machine's mtime at +0xbff8, which is the
 * guest clock (sysemu/clock.h): reading it gives clock_ticks(), writing it sets them.
 */
#ifndef FERRY_CLINT_H
#define FERRY_CLINT_H

#include <stdint.h>

#include "hw/irq.h"
#include "sysemu/bus.h"
#include "sysemu/vmstate.h"

#define CLINT_SIZE      0x10000
#define CLINT_MAX_HARTS 4095 /* msip words below mtimecmp's 0x4000 */

typedef struct Clint Clint;

/* msip[h] and mtip[h] are hart h's MSIP and MTIP inputs (n = 3 and 7 on the hart).
 * NULL when num_harts is 0 or above CLINT_MAX_HARTS or the region cannot be added. */
Clint *clint_new(Bus *bus, uint64_t base, unsigned num_harts, const IrqLine *msip,
                 const IrqLine *mtip);
/* Power-on state: every msip 0 and mtimecmp all ones, both lines of each hart driven
 * low and its timer off. mtime, the machine's clock, is not touched. */
void clint_reset(Clint *c);
/* Section "clint" (version 1): msip, mtimecmp and mtime, which loading sets as the
 * machine's clock (clock_set_ticks). */
VmStateSection clint_vmstate(Clint *c);
void clint_free(Clint *c);

#endif
