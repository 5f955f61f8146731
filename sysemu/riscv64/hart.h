/*
 * A riscv64 hart of the system mode: RV64GC with M, S and U modes, the privileged CSRs,
 * traps, interrupts and delegation, Sv39/Sv48 translation through the software MMU, and
 * the loop that runs it on one host thread. The machine (sysemu/virt.c) creates the
 * harts, wires the CLINT's and the PLIC's outputs to rv_hart_set_irq and starts one
 * thread per hart running rv_hart_run.
 */
#ifndef FERRY_RV_HART_H
#define FERRY_RV_HART_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "jit/engine.h"
#include "sysemu/vmstate.h"

struct Bus;
typedef struct RvHart RvHart;

/* mip bit numbers a device line may drive */
enum { RV_IRQ_SSIP = 1, RV_IRQ_MSIP = 3, RV_IRQ_STIP = 5, RV_IRQ_MTIP = 7, RV_IRQ_SEIP = 9,
       RV_IRQ_MEIP = 11 };

typedef struct RvHartConfig {
	unsigned hartid;
	struct Bus *bus;
	Engine *engine;    /* shared by every hart of the machine (riscv64_sys_arch) */
	bool sstc;         /* stimecmp implemented and advertised */
} RvHartConfig;

/* The system-mode translation and the code fetch through a hart's MMU, for engine_new. */
extern const GuestArch riscv64_sys_arch;
GuestFetch rv_sys_fetch(struct Bus *bus);

RvHart *rv_hart_new(const RvHartConfig *cfg);
void rv_hart_free(RvHart *h);
/* M-mode at pc with a0..a2 set (the boot protocol), everything else at reset values. */
void rv_hart_reset(RvHart *h, uint64_t pc, uint64_t a0, uint64_t a1, uint64_t a2);
/* Drives mip bit `irq` (RV_IRQ_*) to level; any thread; wakes the hart from wfi and
 * makes it look at its interrupts at the next block boundary. Fits IrqLine.set with
 * the RvHart * as opaque. */
void rv_hart_set_irq(void *hart, unsigned irq, int level);
/* Runs the hart on the calling thread until rv_hart_stop. */
void rv_hart_run(RvHart *h);
void rv_hart_stop(RvHart *h);
/* Pausing (snapshots, the monitor): pause asks the hart to park between blocks and
 * waits until it has; resume lets it go on. Any thread but the hart's own. */
void rv_hart_pause(RvHart *h);
void rv_hart_resume(RvHart *h);
/* Appends the hart's registers as text (the monitor's `info registers`): pc, privilege,
 * x1-x31 and the main privileged CSRs. The hart must be paused (or not running). */
void rv_hart_format_registers(RvHart *h, GString *out);
/* The hart's state as a snapshot section ("hart<N>"). */
VmStateSection rv_hart_vmstate(RvHart *h);

#endif
