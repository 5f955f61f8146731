/*
 * The goldfish RTC of the riscv64 `virt` machine (google,goldfish-rtc): a 64-bit
 * nanosecond clock that is the host's wall clock (CLOCK_REALTIME) plus an offset the
 * guest sets by writing the time, and one alarm with an interrupt line (PLIC source 11).
 */
#ifndef FERRY_GOLDFISH_RTC_H
#define FERRY_GOLDFISH_RTC_H

#include <stdint.h>

#include "hw/irq.h"
#include "sysemu/bus.h"
#include "sysemu/vmstate.h"

#define GOLDFISH_RTC_SIZE 0x1000

typedef struct GoldfishRtc GoldfishRtc;

/* NULL when the region cannot be added. */
GoldfishRtc *goldfish_rtc_new(Bus *bus, uint64_t base, IrqLine irq);
/* Power-on state: alarm 0 and disarmed (its timer off), the interrupt disabled, not
 * pending and the line driven low. The time (the guest's offset) is kept. */
void goldfish_rtc_reset(GoldfishRtc *r);
/* Section "goldfish_rtc" (version 1): the guest's offset from host time, the alarm and
 * the interrupt state. */
VmStateSection goldfish_rtc_vmstate(GoldfishRtc *r);
void goldfish_rtc_free(GoldfishRtc *r);

#endif
