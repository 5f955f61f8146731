/*
 * goldfish RTC (hw/goldfish_rtc.h). Registers are 32-bit, one table line each. Reading
 * TIME_LOW samples the clock and latches the high half for the TIME_HIGH read that
 * follows; writing either half replaces that half of the current time by moving the
 * offset. The alarm is in the guest's nanoseconds; a Timer is set for the guest-clock
 * tick when it falls due and re-checks the wall clock when it fires. A reset disarms
 * the alarm and clears the interrupt but keeps the time, as a battery-backed clock does.
 */
#include "hw/goldfish_rtc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "sysemu/clock.h"

#define RTC_VMSTATE_VERSION 1
#define RTC_NS_PER_TICK     (1000000000u / SYSEMU_TIMEBASE_HZ)

struct GoldfishRtc {
	IrqLine irq;
	Timer *timer;
	int64_t offset; /* guest time - host CLOCK_REALTIME, ns */
	uint64_t alarm; /* guest time, ns */
	uint32_t time_high;
	bool alarm_armed, irq_enabled, irq_pending;
};

static uint64_t rtc_host_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t rtc_now(const GoldfishRtc *r)
{
	return rtc_host_ns() + (uint64_t)r->offset;
}

static void rtc_update_irq(GoldfishRtc *r)
{
	irq_set(&r->irq, r->irq_enabled && r->irq_pending);
}

/* Raises the alarm if it is due, else sets the timer for when it will be. */
static void rtc_check_alarm(GoldfishRtc *r)
{
	if (!r->alarm_armed) {
		timer_del(r->timer);
		return;
	}
	uint64_t now = rtc_now(r);
	if (now >= r->alarm) {
		r->alarm_armed = false;
		r->irq_pending = true;
		timer_del(r->timer);
		rtc_update_irq(r);
		return;
	}
	timer_mod(r->timer, clock_ticks() + (r->alarm - now) / RTC_NS_PER_TICK + 1);
}

static void rtc_timer_fire(void *opaque)
{
	rtc_check_alarm(opaque);
}

static void rtc_set_time(GoldfishRtc *r, uint64_t t, uint64_t now)
{
	r->offset += (int64_t)(t - now);
	rtc_check_alarm(r);
}

static uint32_t rtc_read_time_low(GoldfishRtc *r)
{
	uint64_t now = rtc_now(r);
	r->time_high = (uint32_t)(now >> 32);
	return (uint32_t)now;
}

static void rtc_write_time_low(GoldfishRtc *r, uint32_t v)
{
	uint64_t now = rtc_now(r);
	rtc_set_time(r, (now & ~0xffffffffull) | v, now);
}

static uint32_t rtc_read_time_high(GoldfishRtc *r)
{
	return r->time_high;
}

static void rtc_write_time_high(GoldfishRtc *r, uint32_t v)
{
	uint64_t now = rtc_now(r);
	rtc_set_time(r, (now & 0xffffffffull) | (uint64_t)v << 32, now);
}

static uint32_t rtc_read_alarm_low(GoldfishRtc *r)
{
	return (uint32_t)r->alarm;
}

/* Writing the low half (the second of the pair) arms the alarm. */
static void rtc_write_alarm_low(GoldfishRtc *r, uint32_t v)
{
	r->alarm = (r->alarm & ~0xffffffffull) | v;
	r->alarm_armed = true;
	rtc_check_alarm(r);
}

static uint32_t rtc_read_alarm_high(GoldfishRtc *r)
{
	return (uint32_t)(r->alarm >> 32);
}

static void rtc_write_alarm_high(GoldfishRtc *r, uint32_t v)
{
	r->alarm = (r->alarm & 0xffffffffull) | (uint64_t)v << 32;
}

static uint32_t rtc_read_irq_enabled(GoldfishRtc *r)
{
	return r->irq_enabled;
}

static void rtc_write_irq_enabled(GoldfishRtc *r, uint32_t v)
{
	r->irq_enabled = v & 1;
	rtc_update_irq(r);
}

static void rtc_write_clear_alarm(GoldfishRtc *r, uint32_t v)
{
	r->alarm_armed = false;
	timer_del(r->timer);
}

static uint32_t rtc_read_alarm_status(GoldfishRtc *r)
{
	return r->alarm_armed;
}

static void rtc_write_clear_interrupt(GoldfishRtc *r, uint32_t v)
{
	r->irq_pending = false;
	rtc_update_irq(r);
}

/* Indexed by offset / 4: TIME_LOW, TIME_HIGH, ALARM_LOW, ALARM_HIGH, IRQ_ENABLED,
 * CLEAR_ALARM, ALARM_STATUS, CLEAR_INTERRUPT. */
static const struct {
	uint32_t (*read)(GoldfishRtc *r);
	void (*write)(GoldfishRtc *r, uint32_t v);
} rtc_regs[8] = {
    {rtc_read_time_low, rtc_write_time_low},
    {rtc_read_time_high, rtc_write_time_high},
    {rtc_read_alarm_low, rtc_write_alarm_low},
    {rtc_read_alarm_high, rtc_write_alarm_high},
    {rtc_read_irq_enabled, rtc_write_irq_enabled},
    {NULL, rtc_write_clear_alarm},
    {rtc_read_alarm_status, NULL},
    {NULL, rtc_write_clear_interrupt},
};

static uint64_t rtc_read(void *opaque, uint64_t off, unsigned size)
{
	if (size != 4 || (off & 3) || off / 4 >= 8 || !rtc_regs[off / 4].read)
		return 0;
	return rtc_regs[off / 4].read(opaque);
}

static void rtc_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
	if (size != 4 || (off & 3) || off / 4 >= 8 || !rtc_regs[off / 4].write)
		return;
	rtc_regs[off / 4].write(opaque, (uint32_t)value);
}

static const MemRegionOps rtc_ops = {rtc_read, rtc_write};

void goldfish_rtc_reset(GoldfishRtc *r)
{
	r->alarm = 0;
	r->time_high = 0;
	r->alarm_armed = r->irq_enabled = r->irq_pending = false;
	timer_del(r->timer);
	rtc_update_irq(r);
}

GoldfishRtc *goldfish_rtc_new(Bus *bus, uint64_t base, IrqLine irq)
{
	GoldfishRtc *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->irq = irq;
	r->timer = timer_new(rtc_timer_fire, r);
	if (!r->timer || bus_add_mmio(bus, base, GOLDFISH_RTC_SIZE, &rtc_ops, r, "rtc")) {
		goldfish_rtc_free(r);
		return NULL;
	}
	goldfish_rtc_reset(r);
	return r;
}

static void rtc_save(void *opaque, GByteArray *out)
{
	GoldfishRtc *r = opaque;
	vmstate_put_u32(out, RTC_VMSTATE_VERSION);
	vmstate_put_u64(out, (uint64_t)r->offset);
	vmstate_put_u64(out, r->alarm);
	vmstate_put_u32(out, r->time_high);
	vmstate_put_u32(out, (uint32_t)r->alarm_armed | (uint32_t)r->irq_enabled << 1 |
	                         (uint32_t)r->irq_pending << 2);
}

static int rtc_load(void *opaque, VmReader *in)
{
	GoldfishRtc *r = opaque;
	if (vmstate_get_u32(in) != RTC_VMSTATE_VERSION)
		return -1;
	uint64_t offset = vmstate_get_u64(in), alarm = vmstate_get_u64(in);
	uint32_t time_high = vmstate_get_u32(in), flags = vmstate_get_u32(in);
	if (in->error)
		return -1;
	r->offset = (int64_t)offset;
	r->alarm = alarm;
	r->time_high = time_high;
	r->alarm_armed = flags & 1;
	r->irq_enabled = flags & 2;
	r->irq_pending = flags & 4;
	rtc_update_irq(r);
	rtc_check_alarm(r);
	return 0;
}

VmStateSection goldfish_rtc_vmstate(GoldfishRtc *r)
{
	return (VmStateSection){"goldfish_rtc", rtc_save, rtc_load, r};
}

void goldfish_rtc_free(GoldfishRtc *r)
{
	if (!r)
		return;
	timer_free(r->timer);
	free(r);
}
