/*
 * The PLIC of the riscv64 `virt` machine (sifive,plic-1.0.0): level-triggered sources
 * 1..ndev with 3-bit priorities, and per context (2h = hart h's M-mode, 2h+1 its
 * S-mode) enables, a threshold and claim/complete. Each context's output is a line
 * into its hart's MEIP or SEIP.
 */
#ifndef FERRY_PLIC_H
#define FERRY_PLIC_H

#include <stdint.h>

#include "hw/irq.h"
#include "sysemu/bus.h"
#include "sysemu/vmstate.h"

#define PLIC_SIZE         0x600000
#define PLIC_MAX_SOURCES  1023
#define PLIC_MAX_CONTEXTS 1024 /* thresholds: 0x200000 + 0x1000 * ctx inside PLIC_SIZE */
#define PLIC_MAX_PRIORITY 7

typedef struct Plic Plic;

/* Sources 1..ndev (`riscv,ndev`; 96 on `virt`), num_contexts outputs ctx_out[0..]
 * (context 2h -> hart h's MEIP, 2h+1 -> its SEIP). NULL on bad sizes or when the region
 * cannot be added. */
Plic *plic_new(Bus *bus, uint64_t base, unsigned ndev, unsigned num_contexts,
               const IrqLine *ctx_out);
/* Power-on state: priorities, enables, thresholds 0 and no source claimed; every
 * context output is driven (low). The sources' input levels are kept. */
void plic_reset(Plic *p);
/* The input line of source src (1..ndev): a device drives its level on it. */
IrqLine plic_irq_line(Plic *p, unsigned src);
/* Section "plic" (version 1). */
VmStateSection plic_vmstate(Plic *p);
void plic_free(Plic *p);

#endif
