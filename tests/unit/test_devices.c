/*
 * Unit tests of the small `virt` devices: the sifive,test finisher (hw/syscon.c: command
 * words to shutdown callbacks) and the goldfish RTC (hw/goldfish_rtc.c: wall-clock time
 * with a guest-set offset, the TIME_HIGH latch, the alarm interrupt, its snapshot and its
 * reset, which disarms the alarm and lowers the line but keeps the time).
 */
#include <check.h>
#include <time.h>

#include "hw/goldfish_rtc.h"
#include "hw/syscon.h"
#include "sysemu/clock.h"
#include "tests/unit/device_test_util.h"
#include "tests/unit/suites.h"

#define SB 0x100000ull
#define RB 0x101000ull
enum {
	TIME_LOW = 0,
	TIME_HIGH = 4,
	ALARM_LOW = 8,
	ALARM_HIGH = 0xc,
	IRQ_ENABLED = 0x10,
	CLEAR_ALARM = 0x14,
	ALARM_STATUS = 0x18,
	CLEAR_INTERRUPT = 0x1c
};

typedef struct ShutdownLog {
	int calls, kind, code;
} ShutdownLog;

static void record_shutdown(void *opaque, int kind, int code)
{
	ShutdownLog *log = opaque;
	log->calls++;
	log->kind = kind;
	log->code = code;
}

START_TEST(test_syscon_commands)
{
	Bus *bus = bus_new();
	ShutdownLog log = {0};
	Syscon *s = syscon_new(bus, SB, record_shutdown, &log);
	ck_assert_ptr_nonnull(s);
	mmio_wr(bus, SB, 4, 0x1234);
	mmio_wr(bus, SB + 4, 4, 0x5555);
	ck_assert_int_eq(log.calls, 0);
	ck_assert_uint_eq(mmio_rd(bus, SB, 4), 0);
	mmio_wr(bus, SB, 4, 0x5555);
	ck_assert_int_eq(log.calls, 1);
	ck_assert_int_eq(log.kind, SYSCON_POWEROFF);
	ck_assert_int_eq(log.code, 0);
	mmio_wr(bus, SB, 4, 0x7777);
	ck_assert_int_eq(log.kind, SYSCON_RESET);
	mmio_wr(bus, SB, 4, (42u << 16) | 0x3333);
	ck_assert_int_eq(log.calls, 3);
	ck_assert_int_eq(log.kind, SYSCON_FAIL);
	ck_assert_int_eq(log.code, 42);
	/* OpenSBI's finisher driver writes 16 bits: a reset must still reset */
	mmio_wr(bus, SB, 2, 0x7777);
	ck_assert_int_eq(log.calls, 4);
	ck_assert_int_eq(log.kind, SYSCON_RESET);
	mmio_wr(bus, SB, 1, 0x55);
	ck_assert_int_eq(log.calls, 4);
	bus_free(bus);
	syscon_free(s);
}
END_TEST

static uint64_t rtc_time(Bus *bus)
{
	uint64_t lo = mmio_rd(bus, RB + TIME_LOW, 4);
	return lo | mmio_rd(bus, RB + TIME_HIGH, 4) << 32;
}

static uint64_t host_realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

START_TEST(test_rtc_time)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	GoldfishRtc *r = goldfish_rtc_new(bus, RB, fake_irq_line(&irq, 11));
	ck_assert_ptr_nonnull(r);
	uint64_t host = host_realtime_ns(), t1 = rtc_time(bus);
	ck_assert_uint_ge(t1, host);
	ck_assert_uint_lt(t1, host + 1000000000u);
	usleep(2000);
	uint64_t t2 = rtc_time(bus);
	ck_assert_uint_ge(t2, t1 + 2000000u);
	/* TIME_HIGH gives the half latched by the TIME_LOW read */
	(void)mmio_rd(bus, RB + TIME_LOW, 4);
	uint64_t latched = mmio_rd(bus, RB + TIME_HIGH, 4);
	mmio_wr(bus, RB + TIME_HIGH, 4, latched + 3);
	ck_assert_uint_eq(mmio_rd(bus, RB + TIME_HIGH, 4), latched);
	(void)mmio_rd(bus, RB + TIME_LOW, 4);
	ck_assert_uint_eq(mmio_rd(bus, RB + TIME_HIGH, 4), latched + 3);
	mmio_wr(bus, RB + TIME_HIGH, 4, 0);
	mmio_wr(bus, RB + TIME_LOW, 4, 1000000000u); /* the guest sets 1 s since the epoch */
	uint64_t t3 = rtc_time(bus);
	ck_assert_uint_ge(t3, 1000000000u);
	ck_assert_uint_lt(t3, 2000000000u);
	bus_free(bus);
	goldfish_rtc_free(r);
}
END_TEST

static bool rtc_irq_high(void *arg)
{
	return fake_irq_level(arg, 11) == 1;
}

static void rtc_set_alarm(Bus *bus, uint64_t t)
{
	mmio_wr(bus, RB + ALARM_HIGH, 4, t >> 32);
	mmio_wr(bus, RB + ALARM_LOW, 4, (uint32_t)t);
}

START_TEST(test_rtc_alarm)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	timers_init(bus);
	GoldfishRtc *r = goldfish_rtc_new(bus, RB, fake_irq_line(&irq, 11));
	mmio_wr(bus, RB + IRQ_ENABLED, 4, 1);
	ck_assert_uint_eq(mmio_rd(bus, RB + IRQ_ENABLED, 4), 1);
	uint64_t due = rtc_time(bus) + 20000000u; /* 20 ms */
	rtc_set_alarm(bus, due);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_STATUS, 4), 1);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_LOW, 4), (uint32_t)due);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_HIGH, 4), due >> 32);
	ck_assert(wait_until_true(rtc_irq_high, &irq));
	ck_assert_uint_ge(rtc_time(bus), due);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_STATUS, 4), 0);
	mmio_wr(bus, RB + CLEAR_INTERRUPT, 4, 1);
	ck_assert_int_eq(fake_irq_level(&irq, 11), 0);

	rtc_set_alarm(bus, rtc_time(bus) - 1); /* in the past: at once */
	ck_assert_int_eq(fake_irq_level(&irq, 11), 1);
	mmio_wr(bus, RB + IRQ_ENABLED, 4, 0);
	ck_assert_int_eq(fake_irq_level(&irq, 11), 0);
	mmio_wr(bus, RB + CLEAR_INTERRUPT, 4, 1);
	mmio_wr(bus, RB + IRQ_ENABLED, 4, 1);
	ck_assert_int_eq(fake_irq_level(&irq, 11), 0);

	rtc_set_alarm(bus, rtc_time(bus) + 20000000u);
	mmio_wr(bus, RB + CLEAR_ALARM, 4, 1);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_STATUS, 4), 0);
	usleep(60000);
	ck_assert_int_eq(fake_irq_level(&irq, 11), 0);
	timers_shutdown();
	bus_free(bus);
	goldfish_rtc_free(r);
}
END_TEST

START_TEST(test_rtc_vmstate)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	GoldfishRtc *r = goldfish_rtc_new(bus, RB, fake_irq_line(&irq, 11));
	mmio_wr(bus, RB + TIME_HIGH, 4, 0);
	mmio_wr(bus, RB + TIME_LOW, 4, 5000);
	mmio_wr(bus, RB + IRQ_ENABLED, 4, 1);
	rtc_set_alarm(bus, 0x100000000ull * 100);
	VmStateSection sec = goldfish_rtc_vmstate(r);
	ck_assert_str_eq(sec.name, "goldfish_rtc");
	GByteArray *bytes = g_byte_array_new();
	sec.save(sec.opaque, bytes);

	Bus *bus2 = bus_new();
	FakeIrq irq2 = {0};
	GoldfishRtc *r2 = goldfish_rtc_new(bus2, RB, fake_irq_line(&irq2, 11));
	VmStateSection sec2 = goldfish_rtc_vmstate(r2);
	VmReader short_in = {bytes->data, 8, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &short_in), -1);
	VmReader in = {bytes->data, bytes->len, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &in), 0);
	ck_assert_uint_lt(rtc_time(bus2), 1000000000u);
	ck_assert_uint_eq(mmio_rd(bus2, RB + ALARM_STATUS, 4), 1);
	ck_assert_uint_eq(mmio_rd(bus2, RB + ALARM_HIGH, 4), 100);
	ck_assert_uint_eq(mmio_rd(bus2, RB + IRQ_ENABLED, 4), 1);
	ck_assert_int_eq(fake_irq_level(&irq2, 11), 0);
	g_byte_array_free(bytes, TRUE);
	bus_free(bus);
	bus_free(bus2);
	goldfish_rtc_free(r);
	goldfish_rtc_free(r2);
}
END_TEST

START_TEST(test_rtc_reset)
{
	Bus *bus = bus_new();
	FakeIrq irq = {0};
	timers_init(bus);
	GoldfishRtc *r = goldfish_rtc_new(bus, RB, fake_irq_line(&irq, 11));
	mmio_wr(bus, RB + TIME_HIGH, 4, 0);
	mmio_wr(bus, RB + TIME_LOW, 4, 5000);
	mmio_wr(bus, RB + IRQ_ENABLED, 4, 1);
	rtc_set_alarm(bus, 0); /* in the past: pending at once */
	ck_assert_int_eq(fake_irq_level(&irq, 11), 1);
	rtc_set_alarm(bus, rtc_time(bus) + 20000000u);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_STATUS, 4), 1);

	bus_lock(bus);
	goldfish_rtc_reset(r);
	bus_unlock(bus);
	ck_assert_int_eq(fake_irq_level(&irq, 11), 0);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_STATUS, 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_LOW, 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, RB + ALARM_HIGH, 4), 0);
	ck_assert_uint_eq(mmio_rd(bus, RB + IRQ_ENABLED, 4), 0);
	ck_assert_uint_lt(rtc_time(bus), 1000000000u); /* the guest's time is kept */
	usleep(60000);
	mmio_wr(bus, RB + IRQ_ENABLED, 4, 1); /* nothing pending: the alarm never fired */
	ck_assert_int_eq(fake_irq_level(&irq, 11), 0);
	timers_shutdown();
	bus_free(bus);
	goldfish_rtc_free(r);
}
END_TEST

Suite *devices_suite(void)
{
	Suite *s = suite_create("devices");
	TCase *tc = tcase_create("syscon_rtc");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_syscon_commands);
	tcase_add_test(tc, test_rtc_time);
	tcase_add_test(tc, test_rtc_alarm);
	tcase_add_test(tc, test_rtc_vmstate);
	tcase_add_test(tc, test_rtc_reset);
	suite_add_tcase(s, tc);
	return s;
}
