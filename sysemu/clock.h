/*
 * The machine's clock and timers. Guest time runs at SYSEMU_TIMEBASE_HZ (the riscv
 * `virt` timebase, 10 MHz) from the host's monotonic clock, plus an offset that a
 * restored snapshot sets so time continues where it was saved. One timer thread fires
 * every timer whose deadline (in guest ticks) has passed; callbacks run on that thread
 * with the bus lock held (sysemu/bus.h) and must not block.
 */
#ifndef FERRY_CLOCK_H
#define FERRY_CLOCK_H

#include <stdint.h>

#define SYSEMU_TIMEBASE_HZ 10000000u

/* Guest ticks since the machine started (monotonic, thread-safe). */
uint64_t clock_ticks(void);
/* Makes clock_ticks() return `ticks` now (loadvm). */
void clock_set_ticks(uint64_t ticks);

typedef struct Timer Timer;
struct Bus;
/* Starts the timer thread; callbacks run with bus_lock(bus) held. */
void timers_init(struct Bus *bus);
void timers_shutdown(void);
Timer *timer_new(void (*cb)(void *opaque), void *opaque);
/* Fires cb once when clock_ticks() >= deadline (at once if already past); replaces any
 * earlier deadline of this timer. */
void timer_mod(Timer *t, uint64_t deadline);
void timer_del(Timer *t);
void timer_free(Timer *t);

#endif
