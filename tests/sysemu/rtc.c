/* The goldfish RTC at 0x101000: TIME_LOW (+0) then TIME_HIGH (+4) give nanoseconds
   since 1970 (reading the low word latches the high word); the value is after
   2020-01-01 and two reads 10 ms of mtime apart increase by roughly that much. */
#include "common.h"

static u64 rtc_ns(void)
{
	u64 lo = mmio_read32(RTC_BASE + 0);
	u64 hi = mmio_read32(RTC_BASE + 4);
	return hi << 32 | lo;
}

int main(void)
{
	u64 a = rtc_ns();
	CHECK(1, a > 1577836800UL * 1000000000UL);       /* 2020-01-01 */
	CHECK(2, a < 4102444800UL * 1000000000UL);       /* 2100-01-01 */
	delay_ticks(100000);                            /* 10 ms at 10 MHz */
	u64 b = rtc_ns();
	CHECK(3, b > a);
	CHECK(4, b - a >= 5000000UL);    /* at least 5 ms */
	CHECK(5, b - a < 5000000000UL);  /* less than 5 s */
	return 0;
}
