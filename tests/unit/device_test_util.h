/*
 * Helpers shared by the device-model tests: a fake interrupt receiver that records the
 * level of each input (read from any thread), polling for a condition with a 2 s limit,
 * and 32-bit MMIO through bus_read/bus_write.
 */
#ifndef FERRY_DEVICE_TEST_UTIL_H
#define FERRY_DEVICE_TEST_UTIL_H

#include <check.h>
#include <stdbool.h>
#include <unistd.h>

#include "hw/irq.h"
#include "sysemu/bus.h"

typedef struct FakeIrq {
	int level[64];
	int changes[64];
} FakeIrq;

static inline void fake_irq_set(void *opaque, unsigned n, int level)
{
	FakeIrq *f = opaque;
	if (__atomic_exchange_n(&f->level[n], level, __ATOMIC_SEQ_CST) != level)
		__atomic_add_fetch(&f->changes[n], 1, __ATOMIC_SEQ_CST);
}

static inline IrqLine fake_irq_line(FakeIrq *f, unsigned n)
{
	return (IrqLine){fake_irq_set, f, n};
}

static inline int fake_irq_level(FakeIrq *f, unsigned n)
{
	return __atomic_load_n(&f->level[n], __ATOMIC_SEQ_CST);
}

/* Polls cond(arg) every millisecond for up to 2 s. */
static inline bool wait_until_true(bool (*cond)(void *arg), void *arg)
{
	for (int i = 0; i < 2000; i++) {
		if (cond(arg))
			return true;
		usleep(1000);
	}
	return cond(arg);
}

static inline uint64_t mmio_rd(Bus *bus, uint64_t addr, unsigned size)
{
	uint64_t v = 0;
	ck_assert_int_eq(bus_read(bus, addr, size, &v), 0);
	return v;
}

static inline void mmio_wr(Bus *bus, uint64_t addr, unsigned size, uint64_t v)
{
	ck_assert_int_eq(bus_write(bus, addr, size, v), 0);
}

#endif
