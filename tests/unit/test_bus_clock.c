/*
 * Unit tests of the system mode's physical address space (sysemu/bus.c) and clock
 * (sysemu/clock.c): regions are found by address and refuse overlaps, RAM/ROM/MMIO
 * accesses reach the right place, DMA stays inside RAM, and timers fire once their
 * deadline has passed (and not when deleted).
 */
#include <check.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/bus.h"
#include "sysemu/clock.h"
#include "tests/unit/suites.h"

typedef struct FakeDev {
	uint64_t last_off, last_val;
	unsigned last_size, writes;
} FakeDev;

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
	return 0x1000 + off * 16 + size;
}

static void fake_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
	FakeDev *d = opaque;
	d->last_off = off;
	d->last_val = val;
	d->last_size = size;
	d->writes++;
}

static const MemRegionOps fake_ops = {fake_read, fake_write};

START_TEST(test_regions_and_access)
{
	Bus *bus = bus_new();
	FakeDev dev = {0};
	uint8_t *ram = bus_add_ram(bus, 0x80000000, 0x10000, "ram");
	uint8_t *rom = bus_add_rom(bus, 0x1000, 0x1000, "rom");
	ck_assert_ptr_nonnull(ram);
	ck_assert_ptr_nonnull(rom);
	ck_assert_int_eq(bus_add_mmio(bus, 0x10000000, 0x100, &fake_ops, &dev, "dev"), 0);
	ck_assert_int_eq(bus_add_mmio(bus, 0x80008000, 0x100, &fake_ops, &dev, "clash"), -1);
	ck_assert_ptr_null(bus_add_ram(bus, 0x10000080, 0x1000, "clash"));

	uint64_t v = 0;
	ck_assert_int_eq(bus_write(bus, 0x80000010, 4, 0xdeadbeef), 0);
	ck_assert_int_eq(ram[0x10], 0xef);
	ck_assert_int_eq(bus_read(bus, 0x80000010, 2, &v), 0);
	ck_assert_uint_eq(v, 0xbeef);
	rom[0] = 0x5a;
	ck_assert_int_eq(bus_write(bus, 0x1000, 1, 0), 0);
	ck_assert_int_eq(rom[0], 0x5a);
	ck_assert_int_eq(bus_read(bus, 0x10000008, 4, &v), 0);
	ck_assert_uint_eq(v, 0x1000 + 8 * 16 + 4);
	ck_assert_int_eq(bus_write(bus, 0x10000004, 8, 42), 0);
	ck_assert_uint_eq(dev.last_off, 4);
	ck_assert_uint_eq(dev.last_val, 42);
	ck_assert_uint_eq(dev.last_size, 8);
	ck_assert_int_eq(bus_read(bus, 0x20000000, 4, &v), -1);
	ck_assert_int_eq(bus_read(bus, 0x8000fffe, 4, &v), -1);

	ck_assert_ptr_eq(bus_ram_ptr(bus, 0x80000100, 16, 1), ram + 0x100);
	ck_assert_ptr_null(bus_ram_ptr(bus, 0x8000fff0, 32, 0));
	ck_assert_ptr_null(bus_ram_ptr(bus, 0x1000, 4, 1));
	ck_assert_ptr_nonnull(bus_ram_ptr(bus, 0x1000, 4, 0));
	ck_assert_ptr_null(bus_ram_ptr(bus, 0x10000000, 4, 0));

	char buf[8] = "abcdefg";
	ck_assert_int_eq(bus_dma_write(bus, 0x80000200, buf, 8), 0);
	char back[8];
	ck_assert_int_eq(bus_dma_read(bus, 0x80000200, back, 8), 0);
	ck_assert_str_eq(back, "abcdefg");
	ck_assert_int_eq(bus_dma_read(bus, 0x10000000, back, 8), -1);

	BusRegionInfo info[4];
	ck_assert_uint_eq(bus_regions(bus, info, 4), 3);
	ck_assert_str_eq(info[0].name, "rom");
	ck_assert_str_eq(info[1].name, "dev");
	ck_assert_str_eq(info[2].name, "ram");
	bus_free(bus);
}
END_TEST

static void count_fire(void *opaque)
{
	__atomic_add_fetch((int *)opaque, 1, __ATOMIC_SEQ_CST);
}

START_TEST(test_timers)
{
	Bus *bus = bus_new();
	timers_init(bus);
	int fired = 0, deleted = 0;
	Timer *t = timer_new(count_fire, &fired);
	Timer *d = timer_new(count_fire, &deleted);
	uint64_t now = clock_ticks();
	timer_mod(t, now + SYSEMU_TIMEBASE_HZ / 100); /* 10 ms */
	timer_mod(d, now + SYSEMU_TIMEBASE_HZ / 100);
	timer_del(d);
	for (int i = 0; i < 200 && !__atomic_load_n(&fired, __ATOMIC_SEQ_CST); i++)
		usleep(5000);
	ck_assert_int_eq(fired, 1);
	ck_assert_uint_ge(clock_ticks(), now + SYSEMU_TIMEBASE_HZ / 100);
	usleep(20000);
	ck_assert_int_eq(deleted, 0);
	ck_assert_int_eq(fired, 1);
	clock_set_ticks(5);
	ck_assert_uint_lt(clock_ticks(), SYSEMU_TIMEBASE_HZ);
	timer_free(t);
	timer_free(d);
	timers_shutdown();
	bus_free(bus);
}
END_TEST

Suite *bus_clock_suite(void)
{
	Suite *s = suite_create("bus_clock");
	TCase *tc = tcase_create("bus");
	tcase_add_test(tc, test_regions_and_access);
	tcase_add_test(tc, test_timers);
	suite_add_tcase(s, tc);
	return s;
}
