/*
 * The ns16550a UART of the riscv64 `virt` machine (8 byte-wide registers, reg-shift 0,
 * 16-byte receive FIFO). Transmitted bytes go to a Chardev at once; received bytes come
 * from it through the ChardevFrontend the UART attaches. Its interrupt output is one
 * level-triggered line (PLIC source 10 on `virt`).
 */
#ifndef FERRY_UART16550_H
#define FERRY_UART16550_H

#include <stdint.h>

#include "hw/chardev.h"
#include "hw/irq.h"
#include "sysemu/bus.h"
#include "sysemu/vmstate.h"

#define UART16550_SIZE       0x100
#define UART16550_CLOCK_HZ   3686400u /* the DTB's clock-frequency */
#define UART16550_FIFO_DEPTH 16

typedef struct Uart16550 Uart16550;

/* Registers [base, base + UART16550_SIZE) and attaches to chr (may be NULL: output is
 * dropped and nothing is received). NULL when the region cannot be added. */
Uart16550 *uart16550_new(Bus *bus, uint64_t base, IrqLine irq, Chardev *chr);
/* Power-on state: the receive FIFO empty (the Chardev may send again), the divisor 12,
 * the other registers 0, no interrupt pending and the line driven low. */
void uart16550_reset(Uart16550 *u);
/* Section "uart16550" (version 1). */
VmStateSection uart16550_vmstate(Uart16550 *u);
/* After the bus is gone (the region is not removed). */
void uart16550_free(Uart16550 *u);

#endif
