/*
 * Unit tests of the guest address-space bookkeeping (common/guest_mem.c): the mapping
 * calls keep the region map in step with the host (splits and merges on munmap,
 * mprotect and mremap), guest pointer checks return -EFAULT/NULL instead of crashing,
 * and the 32-bit layout keeps every mapping inside its reserved 4 GiB window.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "common/guest_mem.h"
#include "tests/unit/suites.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

typedef struct VisitLog {
	int n;
	uint64_t start[16], end[16];
	int prot[16];
	char *name[16];
} VisitLog;

static int record(void *opaque, uint64_t start, uint64_t end, int prot, const char *name)
{
	VisitLog *v = opaque;
	if (v->n < 16) {
		v->start[v->n] = start;
		v->end[v->n] = end;
		v->prot[v->n] = prot;
		v->name[v->n] = g_strdup(name);
	}
	v->n++;
	return 0;
}

static void visit_log_clear(VisitLog *v)
{
	for (int i = 0; i < v->n && i < 16; i++)
		g_free(v->name[i]);
	memset(v, 0, sizeof *v);
}

/* Regions of m that intersect [lo, hi), in v. */
static int regions_in(GuestMem *m, uint64_t lo, uint64_t hi, VisitLog *v)
{
	VisitLog all = { 0 };
	gmem_visit(m, record, &all);
	memset(v, 0, sizeof *v);
	for (int i = 0; i < all.n && i < 16; i++)
		if (all.start[i] < hi && all.end[i] > lo)
			record(v, all.start[i], all.end[i], all.prot[i], all.name[i]);
	visit_log_clear(&all);
	return v->n;
}

static GuestMem *mem64;
static uint64_t pg;

static void setup64(void)
{
	mem64 = gmem_new(47);
	ck_assert_ptr_nonnull(mem64);
	pg = gmem_page_size(mem64);
}

static void teardown64(void)
{
	gmem_free(mem64);
}

START_TEST(test_new_direct)
{
	ck_assert_uint_eq(gmem_base(mem64), 0);
	ck_assert_uint_eq(gmem_limit(mem64), (uint64_t)1 << 47);
	ck_assert_uint_eq(pg, (uint64_t)sysconf(_SC_PAGESIZE));
	int x;
	ck_assert_ptr_eq(gmem_g2h(mem64, (uintptr_t)&x), &x);
	ck_assert_uint_eq(gmem_h2g(mem64, &x), (uintptr_t)&x);
	ck_assert_ptr_null(gmem_new(8));
}
END_TEST

START_TEST(test_mmap_munmap_split)
{
	int64_t a = gmem_mmap(mem64, 0, 4 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	ck_assert_uint_lt((uint64_t)a + 4 * pg, gmem_limit(mem64));
	ck_assert(gmem_access_ok(mem64, a, 4 * pg, RW));
	uint32_t v = 0x12345678, back = 0;
	ck_assert_int_eq(gmem_write(mem64, a + pg + 8, &v, 4), 0);
	ck_assert_int_eq(gmem_read(mem64, a + pg + 8, &back, 4), 0);
	ck_assert_uint_eq(back, v);

	ck_assert_int_eq(gmem_munmap(mem64, a + pg, pg), 0);
	VisitLog l;
	ck_assert_int_eq(regions_in(mem64, a, a + 4 * pg, &l), 2);
	ck_assert_uint_eq(l.start[0], a);
	ck_assert_uint_eq(l.end[0], a + pg);
	ck_assert_uint_eq(l.start[1], a + 2 * pg);
	ck_assert_uint_eq(l.end[1], a + 4 * pg);
	visit_log_clear(&l);
	ck_assert(!gmem_access_ok(mem64, a, 2 * pg, 0));
	ck_assert_int_eq(gmem_read(mem64, a + pg + 8, &back, 4), -EFAULT);
	ck_assert_int_eq(gmem_write(mem64, a + pg - 2, &v, 4), -EFAULT);

	ck_assert_int_eq(gmem_munmap(mem64, a, 4 * pg), 0);
	ck_assert_int_eq(regions_in(mem64, a, a + 4 * pg, &l), 0);
	/* Unmapping nothing succeeds, as in Linux. */
	ck_assert_int_eq(gmem_munmap(mem64, a, 4 * pg), 0);
}
END_TEST

START_TEST(test_mmap_bad_args)
{
	ck_assert_int_eq(gmem_mmap(mem64, 0, 0, RW, ANON, -1, 0), -EINVAL);
	ck_assert_int_eq(gmem_mmap(mem64, 0, pg, RW, ANON, -1, 1), -EINVAL);
	ck_assert_int_eq(gmem_mmap(mem64, 0x10001000 + 1, pg, RW, ANON | MAP_FIXED, -1, 0),
			 -EINVAL);
	ck_assert_int_eq(gmem_mmap(mem64, 0, UINT64_MAX, RW, ANON, -1, 0), -ENOMEM);
	ck_assert_int_eq(gmem_mmap(mem64, gmem_limit(mem64) - pg, 2 * pg, RW, ANON | MAP_FIXED,
				   -1, 0),
			 -ENOMEM);
	ck_assert_int_eq(gmem_mmap(mem64, 0, pg, RW, ANON | MAP_FIXED, -1, 0), -EPERM);
	ck_assert_int_eq(gmem_mmap(mem64, 0, pg, RW, MAP_PRIVATE, 12345, 0), -EBADF);
	ck_assert_int_eq(gmem_munmap(mem64, 1, pg), -EINVAL);
	ck_assert_int_eq(gmem_munmap(mem64, pg * 16, 0), -EINVAL);
}
END_TEST

START_TEST(test_fixed_and_noreplace)
{
	int64_t a = gmem_mmap(mem64, 0, 8 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	int64_t b = gmem_mmap(mem64, a + 2 * pg, 2 * pg, PROT_READ, ANON | MAP_FIXED, -1, 0);
	ck_assert_int_eq(b, a + 2 * pg);
	VisitLog l;
	ck_assert_int_eq(regions_in(mem64, a, a + 8 * pg, &l), 3);
	ck_assert_int_eq(l.prot[1], PROT_READ);
	visit_log_clear(&l);
	ck_assert_int_eq(gmem_mmap(mem64, a, pg, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
	ck_assert_int_eq(gmem_munmap(mem64, a, 8 * pg), 0);
	ck_assert_int_eq(gmem_mmap(mem64, a, pg, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), a);
	gmem_munmap(mem64, a, pg);
}
END_TEST

START_TEST(test_fixed_over_host_memory_refused)
{
	/* Memory the runner owns (here: a host mapping made behind GuestMem's back) must not
	 * be replaced by a guest MAP_FIXED mapping. */
	char *host = mmap(NULL, 2 * pg, RW, ANON, -1, 0);
	ck_assert_ptr_ne(host, MAP_FAILED);
	host[0] = 42;
	uint64_t g = gmem_h2g(mem64, host);
	ck_assert_int_eq(gmem_mmap(mem64, g, pg, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
	ck_assert_int_eq(host[0], 42);
	/* munmap and mprotect do not touch it either. */
	ck_assert_int_eq(gmem_munmap(mem64, g, 2 * pg), 0);
	ck_assert_int_eq(gmem_mprotect(mem64, g, pg, PROT_NONE), -ENOMEM);
	ck_assert_int_eq(host[0], 42);
	munmap(host, 2 * pg);
}
END_TEST

START_TEST(test_mprotect_split_merge)
{
	int64_t a = gmem_mmap(mem64, 0, 4 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	ck_assert_int_eq(gmem_mprotect(mem64, a + pg, 2 * pg, PROT_READ), 0);
	VisitLog l;
	ck_assert_int_eq(regions_in(mem64, a, a + 4 * pg, &l), 3);
	ck_assert_int_eq(l.prot[0], RW);
	ck_assert_int_eq(l.prot[1], PROT_READ);
	ck_assert_uint_eq(l.end[1] - l.start[1], 2 * pg);
	visit_log_clear(&l);
	ck_assert(gmem_access_ok(mem64, a + pg, 2 * pg, PROT_READ));
	ck_assert(!gmem_access_ok(mem64, a + pg, 8, PROT_WRITE));
	char c = 1;
	ck_assert_int_eq(gmem_write(mem64, a + 2 * pg, &c, 1), -EFAULT);
	ck_assert_int_eq(gmem_write(mem64, a + 3 * pg, &c, 1), 0);

	ck_assert_int_eq(gmem_mprotect(mem64, a + pg, 2 * pg, RW), 0);
	ck_assert_int_eq(regions_in(mem64, a, a + 4 * pg, &l), 1);
	visit_log_clear(&l);

	ck_assert_int_eq(gmem_mprotect(mem64, a + 1, pg, PROT_READ), -EINVAL);
	ck_assert_int_eq(gmem_mprotect(mem64, a, 0, PROT_READ), 0);
	ck_assert_int_eq(gmem_munmap(mem64, a + 3 * pg, pg), 0);
	ck_assert_int_eq(gmem_mprotect(mem64, a, 4 * pg, PROT_READ), -ENOMEM);
	ck_assert(gmem_access_ok(mem64, a, 3 * pg, RW));
	gmem_munmap(mem64, a, 4 * pg);
}
END_TEST

START_TEST(test_access_limits)
{
	int64_t a = gmem_mmap(mem64, 0, pg, PROT_READ, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	ck_assert(gmem_access_ok(mem64, a, pg, PROT_READ));
	ck_assert(gmem_access_ok(mem64, a, 0, PROT_READ));
	ck_assert(!gmem_access_ok(mem64, a, pg + 1, PROT_READ));
	ck_assert(!gmem_access_ok(mem64, a, UINT64_MAX, 0));
	ck_assert(!gmem_access_ok(mem64, UINT64_MAX - 3, 8, 0));
	ck_assert(!gmem_access_ok(mem64, gmem_limit(mem64), 1, 0));
	ck_assert(!gmem_access_ok(mem64, 0, 1, 0));
	ck_assert(!gmem_access_ok(mem64, a, 1, PROT_EXEC));
	char buf[8];
	ck_assert_int_eq(gmem_read(mem64, 0, buf, 1), -EFAULT);
	ck_assert_int_eq(gmem_read(mem64, a + pg - 4, buf, 8), -EFAULT);
	gmem_munmap(mem64, a, pg);
}
END_TEST

START_TEST(test_str)
{
	int64_t a = gmem_mmap(mem64, 0, 2 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	char *h = gmem_g2h(mem64, a);
	strcpy(h + 16, "hello");
	ck_assert_str_eq(gmem_str(mem64, a + 16, 100), "hello");
	ck_assert_ptr_null(gmem_str(mem64, a + 16, 5)); /* NUL not within max */
	ck_assert_ptr_nonnull(gmem_str(mem64, a + 16, 6));
	/* A string crossing from one region into an adjacent one. */
	ck_assert_int_eq(gmem_mprotect(mem64, a + pg, pg, PROT_READ), 0);
	memset(h, 'x', pg);
	ck_assert_ptr_nonnull(gmem_str(mem64, a + pg - 3, 100));
	ck_assert_int_eq(gmem_str(mem64, a + pg - 3, 100)[3], '\0');
	/* A string running into unmapped memory. */
	ck_assert_int_eq(gmem_munmap(mem64, a + pg, pg), 0);
	ck_assert_ptr_null(gmem_str(mem64, a + 4, 3 * pg));
	/* Unreadable memory. */
	h[0] = '\0';
	ck_assert_int_eq(gmem_mprotect(mem64, a, pg, PROT_NONE), 0);
	ck_assert_ptr_null(gmem_str(mem64, a, 10));
	ck_assert_ptr_null(gmem_str(mem64, 0, 10));
	gmem_munmap(mem64, a, pg);
}
END_TEST

START_TEST(test_mremap)
{
	int64_t a = gmem_mmap(mem64, 0, 2 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	memset(gmem_g2h(mem64, a), 0x5a, 2 * pg);
	/* Shrink. */
	ck_assert_int_eq(gmem_mremap(mem64, a, 2 * pg, pg, 0, 0), a);
	ck_assert(!gmem_access_ok(mem64, a + pg, 1, 0));
	/* Grow, moving if needed; contents follow. */
	int64_t b = gmem_mremap(mem64, a, pg, 64 * pg, MREMAP_MAYMOVE, 0);
	ck_assert_int_ge(b, 0);
	ck_assert(gmem_access_ok(mem64, b, 64 * pg, RW));
	ck_assert_int_eq(((unsigned char *)gmem_g2h(mem64, b))[pg - 1], 0x5a);
	if (b != a)
		ck_assert(!gmem_access_ok(mem64, a, 1, 0));
	/* MREMAP_FIXED to a chosen place. */
	int64_t dst = gmem_mmap(mem64, 0, 64 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(dst, 0);
	ck_assert_int_eq(gmem_munmap(mem64, dst, 64 * pg), 0);
	ck_assert_int_eq(gmem_mremap(mem64, b, 64 * pg, 32 * pg, MREMAP_MAYMOVE | MREMAP_FIXED,
				     dst),
			 dst);
	ck_assert(!gmem_access_ok(mem64, b, 1, 0));
	ck_assert(gmem_access_ok(mem64, dst, 32 * pg, RW));
	ck_assert(!gmem_access_ok(mem64, dst + 32 * pg, 1, 0));
	ck_assert_int_eq(((unsigned char *)gmem_g2h(mem64, dst))[0], 0x5a);
	/* Errors. */
	ck_assert_int_eq(gmem_mremap(mem64, dst, pg, 2 * pg, MREMAP_FIXED, dst + 8 * pg),
			 -EINVAL);
	ck_assert_int_eq(gmem_mremap(mem64, dst, pg, 2 * pg, 0x100, 0), -EINVAL);
	ck_assert_int_eq(gmem_mremap(mem64, dst + 1, pg, 2 * pg, 0, 0), -EINVAL);
	ck_assert_int_eq(gmem_mremap(mem64, dst, pg, 0, 0, 0), -EINVAL);
	ck_assert_int_eq(gmem_mremap(mem64, dst, 64 * pg, 65 * pg, MREMAP_MAYMOVE, 0), -EFAULT);
	ck_assert_int_eq(gmem_mremap(mem64, dst, 32 * pg, 16 * pg, MREMAP_MAYMOVE | MREMAP_FIXED,
				     dst + 8 * pg),
			 -EINVAL);
	gmem_munmap(mem64, dst, 32 * pg);
}
END_TEST

START_TEST(test_mremap_grow_in_place_blocked)
{
	int64_t a = gmem_mmap(mem64, 0, 3 * pg, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0);
	ck_assert_int_eq(gmem_munmap(mem64, a + pg, pg), 0);
	/* The page after a+pg is free but the one after that is another mapping. */
	ck_assert_int_eq(gmem_mremap(mem64, a, pg, 3 * pg, 0, 0), -ENOMEM);
	ck_assert_int_eq(gmem_mremap(mem64, a, pg, 2 * pg, 0, 0), a);
	VisitLog l;
	ck_assert_int_eq(regions_in(mem64, a, a + 3 * pg, &l), 1);
	ck_assert_uint_eq(l.end[0], a + 3 * pg);
	visit_log_clear(&l);
	gmem_munmap(mem64, a, 3 * pg);
}
END_TEST

START_TEST(test_names)
{
	char tmpl[] = "/tmp/ferry-gmem-XXXXXX";
	int fd = mkstemp(tmpl);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 2 * pg), 0);
	int64_t a = gmem_mmap(mem64, 0, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 0);
	ck_assert_int_ge(a, 0);
	VisitLog l;
	ck_assert_int_eq(regions_in(mem64, a, a + 2 * pg, &l), 1);
	ck_assert_str_eq(l.name[0], tmpl);
	visit_log_clear(&l);
	gmem_set_name(mem64, a + pg, 1, "[x]");
	ck_assert_int_eq(regions_in(mem64, a, a + 2 * pg, &l), 2);
	ck_assert_str_eq(l.name[1], "[x]");
	visit_log_clear(&l);
	gmem_munmap(mem64, a, 2 * pg);
	close(fd);
	unlink(tmpl);
}
END_TEST

static int stop_first(void *opaque, uint64_t s, uint64_t e, int prot, const char *n)
{
	(*(int *)opaque)++;
	return 7;
}

START_TEST(test_visit_stops)
{
	int64_t a = gmem_mmap(mem64, 0, 3 * pg, RW, ANON, -1, 0);
	ck_assert_int_eq(gmem_mprotect(mem64, a + pg, pg, PROT_READ), 0);
	int calls = 0;
	ck_assert_int_eq(gmem_visit(mem64, stop_first, &calls), 7);
	ck_assert_int_eq(calls, 1);
	gmem_munmap(mem64, a, 3 * pg);
}
END_TEST

/* ---- 32-bit window ---- */

static bool host_range_reserved(void *h, size_t len)
{
	void *p = mmap(h, len, PROT_NONE, MAP_FIXED_NOREPLACE | ANON, -1, 0);
	if (p == h) {
		munmap(p, len);
		return false;
	}
	return p == MAP_FAILED && errno == EEXIST;
}

START_TEST(test_window_placement)
{
	GuestMem *m = gmem_new(32);
	ck_assert_ptr_nonnull(m);
	uint64_t p = gmem_page_size(m);
	ck_assert_uint_eq(gmem_limit(m), (uint64_t)1 << 32);
	/* The whole window is reserved from the host's point of view. */
	ck_assert(host_range_reserved(gmem_g2h(m, 0x40000000), p));

	int64_t a = gmem_mmap(m, 0, 3 * p, RW, ANON, -1, 0);
	int64_t b = gmem_mmap(m, 0, p, RW, ANON, -1, 0);
	ck_assert_int_ge(a, 0x10000);
	ck_assert_uint_le((uint64_t)a + 3 * p, (uint64_t)1 << 32);
	/* First fit top-down: the first mapping ends at the top, the next sits below it. */
	ck_assert_uint_eq((uint64_t)a + 3 * p, (uint64_t)1 << 32);
	ck_assert_int_eq(b, a - (int64_t)p);
	memset(gmem_g2h(m, a), 1, 3 * p);

	/* A free hint is honoured; a taken one is not. */
	ck_assert_int_eq(gmem_mmap(m, 0x10000000, p, RW, ANON, -1, 0), 0x10000000);
	int64_t c = gmem_mmap(m, 0x10000000, p, RW, ANON, -1, 0);
	ck_assert_int_ge(c, 0);
	ck_assert_int_ne(c, 0x10000000);

	/* munmap leaves the range reserved, so the host cannot reuse it. */
	ck_assert_int_eq(gmem_munmap(m, a, p), 0);
	ck_assert(host_range_reserved(gmem_g2h(m, a), p));
	ck_assert(!gmem_access_ok(m, a, 1, 0));
	/* The freed hole is found again by first fit. */
	ck_assert_int_eq(gmem_mmap(m, 0, p, RW, ANON, -1, 0), a);

	ck_assert_int_eq(gmem_mmap(m, 0xffffe000, 4 * p, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
	ck_assert_int_eq(gmem_mmap(m, 0x1000, p, RW, ANON | MAP_FIXED, -1, 0), -EPERM);
	ck_assert_int_eq(gmem_mmap(m, 0x10000000, p, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
			 -EEXIST);
	ck_assert_int_eq(gmem_mmap(m, 0x20000000, p, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
			 0x20000000);
	ck_assert_int_eq(gmem_mmap(m, 0, (uint64_t)1 << 32, RW, ANON, -1, 0), -ENOMEM);
	ck_assert(!gmem_access_ok(m, 0xfffffff0, 0x20, 0));
	gmem_free(m);
}
END_TEST

START_TEST(test_window_mremap)
{
	GuestMem *m = gmem_new(32);
	ck_assert_ptr_nonnull(m);
	uint64_t p = gmem_page_size(m);
	ck_assert_int_eq(gmem_mmap(m, 0x30000000, p, RW, ANON | MAP_FIXED, -1, 0), 0x30000000);
	memset(gmem_g2h(m, 0x30000000), 0x77, p);
	/* Grow in place into reserved-but-free pages. */
	ck_assert_int_eq(gmem_mremap(m, 0x30000000, p, 4 * p, 0, 0), 0x30000000);
	ck_assert(gmem_access_ok(m, 0x30000000, 4 * p, RW));
	memset(gmem_g2h(m, 0x30000000 + 3 * p), 0x11, p);
	/* Blocked growth moves. */
	ck_assert_int_eq(gmem_mmap(m, 0x30000000 + 4 * p, p, RW, ANON | MAP_FIXED, -1, 0),
			 0x30000000 + 4 * p);
	int64_t b = gmem_mremap(m, 0x30000000, 4 * p, 8 * p, MREMAP_MAYMOVE, 0);
	ck_assert_int_ge(b, 0);
	ck_assert_int_ne(b, 0x30000000);
	ck_assert_uint_le((uint64_t)b + 8 * p, (uint64_t)1 << 32);
	ck_assert_int_eq(((unsigned char *)gmem_g2h(m, b))[0], 0x77);
	ck_assert_int_eq(((unsigned char *)gmem_g2h(m, b))[3 * p], 0x11);
	ck_assert(!gmem_access_ok(m, 0x30000000, 1, 0));
	ck_assert(host_range_reserved(gmem_g2h(m, 0x30000000), 4 * p));
	/* MREMAP_FIXED inside the window. */
	ck_assert_int_eq(gmem_mremap(m, b, 8 * p, 8 * p, MREMAP_MAYMOVE | MREMAP_FIXED,
				     0x50000000),
			 0x50000000);
	ck_assert(host_range_reserved(gmem_g2h(m, b), 8 * p));
	ck_assert_int_eq(((unsigned char *)gmem_g2h(m, 0x50000000))[3 * p], 0x11);
	ck_assert_int_eq(gmem_mremap(m, 0x50000000, 8 * p, 8 * p, MREMAP_MAYMOVE | MREMAP_FIXED,
				     0xfffff000),
			 -EINVAL);
	gmem_free(m);
}
END_TEST

Suite *guest_mem_suite(void)
{
	Suite *s = suite_create("guest_mem");
	TCase *d = tcase_create("direct");
	tcase_add_checked_fixture(d, setup64, teardown64);
	tcase_add_test(d, test_new_direct);
	tcase_add_test(d, test_mmap_munmap_split);
	tcase_add_test(d, test_mmap_bad_args);
	tcase_add_test(d, test_fixed_and_noreplace);
	tcase_add_test(d, test_fixed_over_host_memory_refused);
	tcase_add_test(d, test_mprotect_split_merge);
	tcase_add_test(d, test_access_limits);
	tcase_add_test(d, test_str);
	tcase_add_test(d, test_mremap);
	tcase_add_test(d, test_mremap_grow_in_place_blocked);
	tcase_add_test(d, test_names);
	tcase_add_test(d, test_visit_stops);
	suite_add_tcase(s, d);
	TCase *w = tcase_create("window32");
	tcase_add_test(w, test_window_placement);
	tcase_add_test(w, test_window_mremap);
	suite_add_tcase(s, w);
	return s;
}
