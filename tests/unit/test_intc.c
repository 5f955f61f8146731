/*
 * Unit tests of the interrupt controllers: the CLINT (hw/clint.c: msip lines, mtimecmp
 * and mtime in 32- and 64-bit accesses, MTIP following mtime >= mtimecmp, also when the
 * deadline is reached later on the timer thread) and the PLIC (hw/plic.c: priorities,
 * pending bits, enables, thresholds and claim/complete per context, the level-triggered
 * gateway), both snapshot sections and both resets (power-on registers, lines low, the
 * CLINT's timers off, a claim in service dropped).
 */
#include <check.h>

#include "hw/clint.h"
#include "hw/plic.h"
#include "sysemu/clock.h"
#include "tests/unit/device_test_util.h"
#include "tests/unit/suites.h"

#define CB 0x2000000ull
#define PB 0xc000000ull
enum { MSIP = 3, MTIP = 7, MEIP = 11, SEIP = 9 };

/* Hart h's lines are inputs 16*h + mip bit of one fake receiver. */
static Clint *make_clint(Bus *bus, FakeIrq *irq)
{
	IrqLine msip[2] = {fake_irq_line(irq, MSIP), fake_irq_line(irq, 16 + MSIP)};
	IrqLine mtip[2] = {fake_irq_line(irq, MTIP), fake_irq_line(irq, 16 + MTIP)};
	Clint *c = clint_new(bus, CB, 2, msip, mtip);
	ck_assert_ptr_nonnull(c);
	return c;
}

START_TEST(test_clint_msip)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Clint *c = make_clint(bus, &irq);
	mmio_wr(bus, CB + 4, 4, 0xffffffff);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MSIP), 1);
	ck_assert_int_eq(fake_irq_level(&irq, MSIP), 0);
	ck_assert_uint_eq(mmio_rd(bus, CB + 4, 4), 1);
	mmio_wr(bus, CB + 4, 4, 0);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MSIP), 0);
	mmio_wr(bus, CB + 8, 4, 1); /* no hart 2 */
	ck_assert_uint_eq(mmio_rd(bus, CB + 8, 4), 0);
	bus_free(bus);
	clint_free(c);
}
END_TEST

START_TEST(test_clint_registers)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Clint *c = make_clint(bus, &irq);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4000, 8), UINT64_MAX);
	mmio_wr(bus, CB + 0x4008, 8, 0x1122334455667788ull);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4008, 4), 0x55667788);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x400c, 4), 0x11223344);
	mmio_wr(bus, CB + 0x400c, 4, 0x7fffffff);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4008, 8), 0x7fffffff55667788ull);
	mmio_wr(bus, CB + 0x4008, 4, 0xffffffff);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4008, 8), 0x7fffffffffffffffull);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4000, 8), UINT64_MAX); /* hart 0 untouched */

	uint64_t t1 = mmio_rd(bus, CB + 0xbff8, 8);
	usleep(2000);
	uint64_t t2 = mmio_rd(bus, CB + 0xbff8, 8);
	ck_assert_uint_gt(t2, t1);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0xbffc, 4), t2 >> 32);
	mmio_wr(bus, CB + 0xbff8, 8, 1000);
	uint64_t t3 = mmio_rd(bus, CB + 0xbff8, 8);
	ck_assert_uint_ge(t3, 1000);
	ck_assert_uint_lt(t3, 1000 + SYSEMU_TIMEBASE_HZ);
	mmio_wr(bus, CB + 0xbffc, 4, 5); /* high half */
	ck_assert_uint_eq(mmio_rd(bus, CB + 0xbff8, 8) >> 32, 5);
	bus_free(bus);
	clint_free(c);
}
END_TEST

static bool hart1_mtip(void *arg)
{
	return fake_irq_level(arg, 16 + MTIP) == 1;
}

START_TEST(test_clint_timer_interrupt)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	timers_init(bus);
	Clint *c = make_clint(bus, &irq);
	ck_assert_int_eq(fake_irq_level(&irq, MTIP), 0);
	mmio_wr(bus, CB + 0x4000, 8, 0); /* already due */
	ck_assert_int_eq(fake_irq_level(&irq, MTIP), 1);
	mmio_wr(bus, CB + 0x4000, 8, UINT64_MAX);
	ck_assert_int_eq(fake_irq_level(&irq, MTIP), 0);

	uint64_t now = mmio_rd(bus, CB + 0xbff8, 8);
	bus_lock(bus); /* the timer thread takes the bus lock too */
	mmio_wr(bus, CB + 0x4008, 4, (uint32_t)(now + SYSEMU_TIMEBASE_HZ / 50));
	mmio_wr(bus, CB + 0x400c, 4, (uint32_t)((now + SYSEMU_TIMEBASE_HZ / 50) >> 32));
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MTIP), 0);
	bus_unlock(bus);
	ck_assert(wait_until_true(hart1_mtip, &irq));
	ck_assert_uint_ge(mmio_rd(bus, CB + 0xbff8, 8), now + SYSEMU_TIMEBASE_HZ / 50);
	ck_assert_int_eq(fake_irq_level(&irq, MTIP), 0);

	/* Moving mtime back below mtimecmp lowers MTIP; forward past it raises it. */
	mmio_wr(bus, CB + 0x4008, 8, 5 * SYSEMU_TIMEBASE_HZ);
	mmio_wr(bus, CB + 0xbff8, 8, 0);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MTIP), 0);
	mmio_wr(bus, CB + 0xbff8, 8, 6 * (uint64_t)SYSEMU_TIMEBASE_HZ);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MTIP), 1);
	timers_shutdown();
	bus_free(bus);
	clint_free(c);
}
END_TEST

START_TEST(test_clint_vmstate)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Clint *c = make_clint(bus, &irq);
	mmio_wr(bus, CB + 4, 4, 1);
	mmio_wr(bus, CB + 0x4000, 8, 0);
	mmio_wr(bus, CB + 0x4008, 8, 0x123456789abcull);
	mmio_wr(bus, CB + 0xbff8, 8, 0x10000000ull);
	VmStateSection sec = clint_vmstate(c);
	ck_assert_str_eq(sec.name, "clint");
	GByteArray *bytes = g_byte_array_new();
	sec.save(sec.opaque, bytes);

	Bus *bus2 = bus_new();
	FakeIrq irq2 = {0};
	Clint *c2 = make_clint(bus2, &irq2);
	clock_set_ticks(0x7000000000ull);
	VmStateSection sec2 = clint_vmstate(c2);
	VmReader in = {bytes->data, bytes->len, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &in), 0);
	ck_assert_int_eq(fake_irq_level(&irq2, 16 + MSIP), 1);
	ck_assert_int_eq(fake_irq_level(&irq2, MTIP), 1);
	ck_assert_int_eq(fake_irq_level(&irq2, 16 + MTIP), 0);
	ck_assert_uint_eq(mmio_rd(bus2, CB + 0x4008, 8), 0x123456789abcull);
	uint64_t t = mmio_rd(bus2, CB + 0xbff8, 8);
	ck_assert_uint_ge(t, 0x10000000ull);
	ck_assert_uint_lt(t, 0x10000000ull + SYSEMU_TIMEBASE_HZ);
	VmReader short_in = {bytes->data, bytes->len - 4, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &short_in), -1);
	g_byte_array_free(bytes, TRUE);
	bus_free(bus);
	bus_free(bus2);
	clint_free(c);
	clint_free(c2);
}
END_TEST

START_TEST(test_clint_reset)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	timers_init(bus);
	Clint *c = make_clint(bus, &irq);
	mmio_wr(bus, CB + 4, 4, 1);
	mmio_wr(bus, CB + 0x4000, 8, 0); /* hart 0: due at once */
	uint64_t now = mmio_rd(bus, CB + 0xbff8, 8);
	mmio_wr(bus, CB + 0x4008, 8, now + SYSEMU_TIMEBASE_HZ / 50); /* hart 1: in 20 ms */
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MSIP), 1);
	ck_assert_int_eq(fake_irq_level(&irq, MTIP), 1);
	bus_lock(bus);
	clint_reset(c);
	bus_unlock(bus);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MSIP), 0);
	ck_assert_int_eq(fake_irq_level(&irq, MTIP), 0);
	ck_assert_uint_eq(mmio_rd(bus, CB + 4, 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4000, 8), UINT64_MAX);
	ck_assert_uint_eq(mmio_rd(bus, CB + 0x4008, 8), UINT64_MAX);
	usleep(60000); /* hart 1's deadline passed: its timer was cancelled */
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MTIP), 0);
	ck_assert_uint_ge(mmio_rd(bus, CB + 0xbff8, 8), now); /* mtime goes on */
	timers_shutdown();
	bus_free(bus);
	clint_free(c);
}
END_TEST

/* Two harts: context 2h is hart h's M-mode (input 16h + MEIP), 2h+1 its S-mode. */
static Plic *make_plic(Bus *bus, FakeIrq *irq)
{
	IrqLine out[4] = {fake_irq_line(irq, MEIP), fake_irq_line(irq, SEIP),
	                  fake_irq_line(irq, 16 + MEIP), fake_irq_line(irq, 16 + SEIP)};
	Plic *p = plic_new(bus, PB, 96, 4, out);
	ck_assert_ptr_nonnull(p);
	return p;
}

#define PRIO(s)      (PB + 4 * (s))
#define PENDING(w)   (PB + 0x1000 + 4 * (w))
#define ENABLE(c, w) (PB + 0x2000 + 0x80 * (c) + 4 * (w))
#define THRESH(c)    (PB + 0x200000 + 0x1000 * (c))
#define CLAIM(c)     (PB + 0x200004 + 0x1000 * (c))

START_TEST(test_plic_registers)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Plic *p = make_plic(bus, &irq);
	mmio_wr(bus, PRIO(0), 4, 5);
	ck_assert_uint_eq(mmio_rd(bus, PRIO(0), 4), 0);
	mmio_wr(bus, PRIO(96), 4, 0xff);
	ck_assert_uint_eq(mmio_rd(bus, PRIO(96), 4), 7);
	mmio_wr(bus, PRIO(97), 4, 3);
	ck_assert_uint_eq(mmio_rd(bus, PRIO(97), 4), 0);
	mmio_wr(bus, ENABLE(3, 0), 4, 0xffffffff);
	ck_assert_uint_eq(mmio_rd(bus, ENABLE(3, 0), 4), 0xfffffffe);
	mmio_wr(bus, ENABLE(3, 3), 4, 0xffffffff);
	ck_assert_uint_eq(mmio_rd(bus, ENABLE(3, 3), 4), 1); /* only source 96 */
	ck_assert_uint_eq(mmio_rd(bus, ENABLE(2, 0), 4), 0);
	mmio_wr(bus, THRESH(2), 4, 0x13);
	ck_assert_uint_eq(mmio_rd(bus, THRESH(2), 4), 3);
	ck_assert_uint_eq(mmio_rd(bus, THRESH(1), 4), 0);
	mmio_wr(bus, THRESH(4), 4, 1); /* no context 4 */
	ck_assert_uint_eq(mmio_rd(bus, THRESH(4), 4), 0);
	bus_free(bus);
	plic_free(p);
}
END_TEST

START_TEST(test_plic_claim_complete)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Plic *p = make_plic(bus, &irq);
	IrqLine uart = plic_irq_line(p, 10);
	mmio_wr(bus, PRIO(10), 4, 1);
	irq_set(&uart, 1);
	ck_assert_uint_eq(mmio_rd(bus, PENDING(0), 4), 1u << 10);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0); /* not enabled anywhere */
	mmio_wr(bus, ENABLE(1, 0), 4, 1u << 10);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 1);
	ck_assert_int_eq(fake_irq_level(&irq, MEIP), 0);
	mmio_wr(bus, THRESH(1), 4, 1); /* priority must exceed the threshold */
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 0);
	mmio_wr(bus, THRESH(1), 4, 0);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 1);

	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 10);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);
	ck_assert_uint_eq(mmio_rd(bus, PENDING(0), 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 0);
	mmio_wr(bus, CLAIM(0), 4, 10); /* not enabled for context 0: ignored */
	ck_assert_uint_eq(mmio_rd(bus, PENDING(0), 4), 0);
	mmio_wr(bus, CLAIM(1), 4, 10); /* complete with the line still high */
	ck_assert_uint_eq(mmio_rd(bus, PENDING(0), 4), 1u << 10);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 1);
	irq_set(&uart, 0);
	ck_assert_uint_eq(mmio_rd(bus, PENDING(0), 4), 0);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);

	/* claimed and still in service: a new edge waits for the complete */
	irq_set(&uart, 1);
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 10);
	irq_set(&uart, 0);
	irq_set(&uart, 1);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);
	mmio_wr(bus, CLAIM(1), 4, 10);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 1);
	bus_free(bus);
	plic_free(p);
}
END_TEST

START_TEST(test_plic_priority_order)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Plic *p = make_plic(bus, &irq);
	unsigned srcs[] = {3, 5, 7, 40, 96};
	unsigned prio[] = {2, 2, 5, 2, 1};
	for (int i = 0; i < 5; i++) {
		mmio_wr(bus, PRIO(srcs[i]), 4, prio[i]);
		IrqLine l = plic_irq_line(p, srcs[i]);
		irq_set(&l, 1);
	}
	mmio_wr(bus, ENABLE(2, 0), 4, 1u << 3 | 1u << 5 | 1u << 7);
	mmio_wr(bus, ENABLE(2, 1), 4, 1u << (40 - 32));
	mmio_wr(bus, ENABLE(2, 3), 4, 1);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MEIP), 1);
	ck_assert_int_eq(fake_irq_level(&irq, MEIP), 0);
	ck_assert_uint_eq(mmio_rd(bus, PENDING(1), 4), 1u << (40 - 32));
	ck_assert_uint_eq(mmio_rd(bus, PENDING(3), 4), 1);
	unsigned expect[] = {7, 3, 5, 40, 96, 0};
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(mmio_rd(bus, CLAIM(2), 4), expect[i]);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MEIP), 0);
	bus_free(bus);
	plic_free(p);
}
END_TEST

/* Source 10 with priority 1, enabled for context 1 (hart 0's S-mode). */
static void plic_route_uart(Bus *bus)
{
	mmio_wr(bus, PRIO(10), 4, 1);
	mmio_wr(bus, ENABLE(1, 0), 4, 1u << 10);
}

START_TEST(test_plic_reset)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Plic *p = make_plic(bus, &irq);
	IrqLine uart = plic_irq_line(p, 10), disk = plic_irq_line(p, 8);
	plic_route_uart(bus);
	mmio_wr(bus, PRIO(8), 4, 3);
	mmio_wr(bus, ENABLE(2, 0), 4, 1u << 8);
	mmio_wr(bus, THRESH(2), 4, 1);
	irq_set(&uart, 1);
	irq_set(&disk, 1);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MEIP), 1);
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 10); /* in service, never completed */
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);

	plic_reset(p);
	ck_assert_int_eq(fake_irq_level(&irq, 16 + MEIP), 0);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);
	ck_assert_uint_eq(mmio_rd(bus, PRIO(8), 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, PRIO(10), 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, ENABLE(1, 0), 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, ENABLE(2, 0), 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, THRESH(2), 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, PENDING(0), 4), 1u << 8 | 1u << 10); /* lines still high */
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 0);

	/* The devices' resets lower their lines; the next boot's first interrupt gets through. */
	irq_set(&uart, 0);
	irq_set(&disk, 0);
	plic_route_uart(bus);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 0);
	irq_set(&uart, 1);
	ck_assert_int_eq(fake_irq_level(&irq, SEIP), 1);
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(1), 4), 10);
	bus_free(bus);
	plic_free(p);
}
END_TEST

START_TEST(test_plic_vmstate)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	Plic *p = make_plic(bus, &irq);
	IrqLine a = plic_irq_line(p, 1), b = plic_irq_line(p, 33);
	mmio_wr(bus, PRIO(1), 4, 4);
	mmio_wr(bus, PRIO(33), 4, 6);
	mmio_wr(bus, ENABLE(0, 0), 4, 2);
	mmio_wr(bus, ENABLE(0, 1), 4, 2);
	mmio_wr(bus, THRESH(3), 4, 2);
	irq_set(&a, 1);
	irq_set(&b, 1);
	ck_assert_uint_eq(mmio_rd(bus, CLAIM(0), 4), 33);
	VmStateSection sec = plic_vmstate(p);
	ck_assert_str_eq(sec.name, "plic");
	GByteArray *bytes = g_byte_array_new();
	sec.save(sec.opaque, bytes);

	Bus *bus2 = bus_new();
	FakeIrq irq2 = {0};
	Plic *p2 = make_plic(bus2, &irq2);
	VmStateSection sec2 = plic_vmstate(p2);
	VmReader short_in = {bytes->data, bytes->len - 1, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &short_in), -1);
	ck_assert_uint_eq(mmio_rd(bus2, PRIO(1), 4), 0);
	VmReader in = {bytes->data, bytes->len, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &in), 0);
	ck_assert_int_eq(fake_irq_level(&irq2, MEIP), 1); /* source 1 still pending */
	ck_assert_uint_eq(mmio_rd(bus2, PRIO(33), 4), 6);
	ck_assert_uint_eq(mmio_rd(bus2, THRESH(3), 4), 2);
	ck_assert_uint_eq(mmio_rd(bus2, CLAIM(0), 4), 1);
	ck_assert_uint_eq(mmio_rd(bus2, CLAIM(0), 4), 0); /* 33 is still in service */
	mmio_wr(bus2, CLAIM(0), 4, 33);
	ck_assert_uint_eq(mmio_rd(bus2, CLAIM(0), 4), 33);
	g_byte_array_free(bytes, TRUE);
	bus_free(bus);
	bus_free(bus2);
	plic_free(p);
	plic_free(p2);
}
END_TEST

Suite *intc_suite(void)
{
	Suite *s = suite_create("intc");
	TCase *tc = tcase_create("clint_plic");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_clint_msip);
	tcase_add_test(tc, test_clint_registers);
	tcase_add_test(tc, test_clint_timer_interrupt);
	tcase_add_test(tc, test_clint_vmstate);
	tcase_add_test(tc, test_clint_reset);
	tcase_add_test(tc, test_plic_registers);
	tcase_add_test(tc, test_plic_claim_complete);
	tcase_add_test(tc, test_plic_priority_order);
	tcase_add_test(tc, test_plic_vmstate);
	tcase_add_test(tc, test_plic_reset);
	suite_add_tcase(s, tc);
	return s;
}
