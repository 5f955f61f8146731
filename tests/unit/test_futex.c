/*
 * futex argument conversion (syscall/linux/futex.c): per command, which arguments are a
 * timeout, a count and a second futex word, guest addresses turned into host ones, the
 * flags left for the host, and the errors for misaligned or unmapped words; then a few
 * calls made on the host with the converted arguments.
 */
#include <check.h>
#include <errno.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/mman.h>

#include "syscall/linux/futex.h"

extern const LinuxAbi linux_abi;

static GuestMem *mem;
static uint64_t page;

static void setup(void)
{
	mem = gmem_new(linux_abi.va_bits);
	ck_assert_ptr_nonnull(mem);
	int64_t r =
	    gmem_mmap(mem, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(r, 0);
	page = (uint64_t)r;
}

static void teardown(void)
{
	gmem_free(mem);
}

/* A guest struct timespec (riscv64: two 64-bit words) at page + off. */
static uint64_t guest_timespec(uint64_t off, int64_t sec, int64_t nsec)
{
	int64_t ts[2] = {sec, nsec};
	ck_assert_int_eq(gmem_write(mem, page + off, ts, sizeof ts), 0);
	return page + off;
}

START_TEST(wait_takes_a_timeout_and_keeps_the_flags)
{
	uint64_t ts = guest_timespec(64, 3, 500);
	const uint64_t a[6] = {
	    page, FUTEX_WAIT | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 7, ts, 0xdead, 9};
	FutexCall c;
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, a, &c), 0);
	ck_assert_ptr_eq(c.uaddr, gmem_g2h(mem, page));
	ck_assert_ptr_null(c.uaddr2); /* FUTEX_WAIT has no second word */
	ck_assert_int_eq(c.op, FUTEX_WAIT | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	ck_assert_uint_eq(c.val, 7);
	ck_assert(c.has_timeout);
	ck_assert_int_eq(c.ts.tv_sec, 3);
	ck_assert_int_eq(c.ts.tv_nsec, 500);
	ck_assert_uint_eq(c.val3, 9);
}
END_TEST

START_TEST(no_timeout_pointer_means_forever)
{
	const uint64_t a[6] = {page, FUTEX_WAIT_BITSET, 1, 0, 0, 0xffffffff};
	FutexCall c;
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, a, &c), 0);
	ck_assert(!c.has_timeout);
	ck_assert_uint_eq(c.val3, 0xffffffff);
}
END_TEST

START_TEST(requeue_has_a_count_and_a_second_word)
{
	const uint64_t a[6] = {page, FUTEX_CMP_REQUEUE, 1, 100, page + 8, 5};
	FutexCall c;
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, a, &c), 0);
	ck_assert(!c.has_timeout);
	ck_assert_uint_eq(c.val2, 100);
	ck_assert_ptr_eq(c.uaddr2, gmem_g2h(mem, page + 8));
	const uint64_t w[6] = {page, FUTEX_WAKE_OP, 1, 2, page + 12, 0x12345678};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, w, &c), 0);
	ck_assert_uint_eq(c.val2, 2);
	ck_assert_uint_eq(c.val3, 0x12345678);
	ck_assert_ptr_eq(c.uaddr2, gmem_g2h(mem, page + 12));
}
END_TEST

START_TEST(pi_waits_have_absolute_timeouts_and_requeue_targets)
{
	uint64_t ts = guest_timespec(128, 1000, 1);
	const uint64_t a[6] = {page, FUTEX_WAIT_REQUEUE_PI, 0, ts, page + 16, 0};
	FutexCall c;
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, a, &c), 0);
	ck_assert(c.has_timeout);
	ck_assert_int_eq(c.ts.tv_sec, 1000);
	ck_assert_ptr_eq(c.uaddr2, gmem_g2h(mem, page + 16));
	const uint64_t l[6] = {page, FUTEX_LOCK_PI2, 0, ts, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, l, &c), 0);
	ck_assert(c.has_timeout);
	ck_assert_ptr_null(c.uaddr2);
}
END_TEST

START_TEST(bad_words_and_commands_are_refused)
{
	FutexCall c;
	const uint64_t misaligned[6] = {page + 2, FUTEX_WAKE, 1, 0, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, misaligned, &c), -EINVAL);
	const uint64_t unmapped[6] = {page + 8192, FUTEX_WAKE, 1, 0, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, unmapped, &c), -EFAULT);
	const uint64_t second[6] = {page, FUTEX_REQUEUE, 1, 1, page + 8192, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, second, &c), -EFAULT);
	const uint64_t bad_ts[6] = {page, FUTEX_WAIT, 0, page + 8192, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, bad_ts, &c), -EFAULT);
	const uint64_t fd[6] = {page, 2 /* FUTEX_FD, gone */, 0, 0, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, fd, &c), -ENOSYS);
	const uint64_t unknown[6] = {page, 14, 0, 0, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, unknown, &c), -ENOSYS);
}
END_TEST

START_TEST(converted_calls_run_on_the_host)
{
	uint32_t v = 5;
	ck_assert_int_eq(gmem_write(mem, page, &v, 4), 0);
	FutexCall c;
	const uint64_t wake[6] = {page, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, wake, &c), 0);
	ck_assert_int_eq(futex_host(&c), 0); /* nobody waits */
	const uint64_t wait[6] = {page, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 4, 0, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, wait, &c), 0);
	errno = 0;
	ck_assert_int_eq(futex_host(&c), -1); /* the word is 5, not 4: no wait */
	ck_assert_int_eq(errno, EAGAIN);
	uint64_t ts = guest_timespec(64, 0, 1000);
	const uint64_t timed[6] = {page, FUTEX_WAIT, 5, ts, 0, 0};
	ck_assert_int_eq(futex_prepare(&linux_abi, mem, timed, &c), 0);
	ck_assert_int_eq(futex_host(&c), -1);
	ck_assert_int_eq(errno, ETIMEDOUT);
}
END_TEST

Suite *futex_suite(void)
{
	Suite *s = suite_create("futex");
	TCase *tc = tcase_create("conversion");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, wait_takes_a_timeout_and_keeps_the_flags);
	tcase_add_test(tc, no_timeout_pointer_means_forever);
	tcase_add_test(tc, requeue_has_a_count_and_a_second_word);
	tcase_add_test(tc, pi_waits_have_absolute_timeouts_and_requeue_targets);
	tcase_add_test(tc, bad_words_and_commands_are_refused);
	tcase_add_test(tc, converted_calls_run_on_the_host);
	suite_add_tcase(s, tc);
	return s;
}
