/*
 * The guest address space in user mode (see guest_mem.h). GuestMem keeps a sorted array
 * of non-overlapping guest mappings (start, end, protection, name) so that guest pointers
 * handed to system calls can be validated and /proc/self/maps can be produced.
 *
 * Two layouts:
 *  - Direct (va_bits > 32): guest address == host address (base 0). Placement is left to
 *    the host kernel, whose default layout stays below 47 bits; results beyond the guest
 *    limit are refused. Only ranges the guest mapped are ever unmapped or reprotected, so
 *    a guest munmap/mprotect cannot pull the runner's own memory from under it, and a
 *    MAP_FIXED mapping onto memory the guest does not own (the runner's heap, code or
 *    stacks) is refused with -ENOMEM instead of silently replacing it.
 *  - Window (va_bits <= 32): the whole guest range is reserved PROT_NONE up front (at host
 *    address 0 when that is free, otherwise wherever the kernel puts it). Every guest
 *    mapping is a MAP_FIXED mapping inside the window and unmapping re-reserves PROT_NONE,
 *    so the runner's own allocations can never land inside the guest range. Placement
 *    without a usable hint is first-fit top-down from the top of the window, like Linux's
 *    default mmap layout: the program and its brk heap sit low and grow up, mappings
 *    come down from the top.
 * Guest pages below GMEM_MIN_ADDR cannot be mapped, mirroring Linux's mmap_min_addr, so
 * guest NULL dereferences fault.
 *
 * One mutex serialises every change and lookup; the host mapping call and the bookkeeping
 * happen under it so that placement decisions are atomic.
 */
#include "common/guest_mem.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4 /* Linux 5.7; older C libraries lack the name */
#endif

#define GMEM_MIN_ADDR 0x10000u
#define GMEM_PROT_MASK (PROT_READ | PROT_WRITE | PROT_EXEC)

typedef struct GmemRegion {
	uint64_t start, end; /* [start, end), page-aligned */
	int prot;
	char *name; /* owned; NULL for anonymous memory */
	/* A SysV shared-memory attach: where it was attached and the segment's size, so
	 * shmdt finds every piece of it (0 for other mappings). */
	uint64_t shm_start, shm_size;
} GmemRegion;

struct GuestMem {
	uintptr_t base;
	uint64_t limit;
	size_t page;
	bool window;         /* 32-bit layout: the whole range is reserved */
	pthread_mutex_t lock;
	GArray *regions;     /* GmemRegion, sorted by start, non-overlapping */
};

/* ---- the region array ---- */

static GmemRegion *reg_at(const GuestMem *m, guint i)
{
	return &g_array_index(m->regions, GmemRegion, i);
}

/* Index of the first region whose end is above addr (regions.len when none). */
static guint reg_lower_bound(const GuestMem *m, uint64_t addr)
{
	guint lo = 0, hi = m->regions->len;
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (reg_at(m, mid)->end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool names_equal(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Splits the region containing addr (strictly inside) in two at addr. */
static void reg_split_at(GuestMem *m, uint64_t addr)
{
	guint i = reg_lower_bound(m, addr);
	if (i >= m->regions->len)
		return;
	GmemRegion *r = reg_at(m, i);
	if (r->start >= addr)
		return;
	GmemRegion tail = { addr, r->end, r->prot, g_strdup(r->name), r->shm_start, r->shm_size };
	r->end = addr;
	g_array_insert_val(m->regions, i + 1, tail);
}

static bool reg_mergeable(const GmemRegion *a, const GmemRegion *b)
{
	return a->end == b->start && a->prot == b->prot && names_equal(a->name, b->name) &&
	       a->shm_start == b->shm_start;
}

/* Joins touching, identical regions among indices [from, to]. */
static void reg_merge_range(GuestMem *m, guint from, guint to)
{
	guint i = from;
	while (i < to && i + 1 < m->regions->len) {
		GmemRegion *a = reg_at(m, i), *b = reg_at(m, i + 1);
		if (!reg_mergeable(a, b)) {
			i++;
			continue;
		}
		a->end = b->end;
		g_free(b->name);
		g_array_remove_index(m->regions, i + 1);
		to--;
	}
}

/* Forgets every mapping in [start, end). */
static void reg_remove(GuestMem *m, uint64_t start, uint64_t end)
{
	reg_split_at(m, start);
	reg_split_at(m, end);
	guint i = reg_lower_bound(m, start);
	guint n = 0;
	while (i + n < m->regions->len && reg_at(m, i + n)->start < end) {
		g_free(reg_at(m, i + n)->name);
		n++;
	}
	if (n)
		g_array_remove_range(m->regions, i, n);
}

static void reg_add_shm(GuestMem *m, uint64_t start, uint64_t end, int prot, const char *name,
			uint64_t shm_size)
{
	reg_remove(m, start, end);
	guint i = reg_lower_bound(m, start);
	GmemRegion r = { start, end, prot & GMEM_PROT_MASK, g_strdup(name),
			 shm_size ? start : 0, shm_size };
	g_array_insert_val(m->regions, i, r);
	reg_merge_range(m, i > 0 ? i - 1 : 0, i + 1);
}

static void reg_add(GuestMem *m, uint64_t start, uint64_t end, int prot, const char *name)
{
	reg_add_shm(m, start, end, prot, name, 0);
}

/* Applies prot (when prot >= 0) and/or name (when set_name) to the mapped parts of
 * [start, end). */
static void reg_update(GuestMem *m, uint64_t start, uint64_t end, int prot, bool set_name,
		       const char *name)
{
	reg_split_at(m, start);
	reg_split_at(m, end);
	guint first = reg_lower_bound(m, start), last = first;
	for (; last < m->regions->len && reg_at(m, last)->start < end; last++) {
		GmemRegion *r = reg_at(m, last);
		if (prot >= 0)
			r->prot = prot & GMEM_PROT_MASK;
		if (set_name) {
			g_free(r->name);
			r->name = g_strdup(name);
		}
	}
	reg_merge_range(m, first > 0 ? first - 1 : 0, last);
}

/* True when [start, end) is entirely mapped (with at least prot, when prot >= 0). */
static bool reg_covered(const GuestMem *m, uint64_t start, uint64_t end, int prot)
{
	uint64_t pos = start;
	for (guint i = reg_lower_bound(m, start); pos < end; i++) {
		if (i >= m->regions->len)
			return false;
		const GmemRegion *r = reg_at(m, i);
		if (r->start > pos || (prot > 0 && (r->prot & prot) != prot))
			return false;
		pos = r->end;
	}
	return true;
}

static bool reg_overlaps(const GuestMem *m, uint64_t start, uint64_t end)
{
	guint i = reg_lower_bound(m, start);
	return i < m->regions->len && reg_at(m, i)->start < end;
}

/* ---- host helpers ---- */

static void *g2h(const GuestMem *m, uint64_t guest)
{
	return (void *)(m->base + (uintptr_t)guest);
}

/* Puts the PROT_NONE reservation back over [start, end) of the window. */
static void window_reserve(GuestMem *m, uint64_t start, uint64_t end)
{
	if (end > start)
		mmap(g2h(m, start), end - start, PROT_NONE,
		     MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

/* Releases the guest's mappings in [start, end): re-reserved in the window layout,
 * unmapped (only where the guest had mapped) in the direct layout. */
static void host_release(GuestMem *m, uint64_t start, uint64_t end)
{
	if (m->window) {
		window_reserve(m, start, end);
		return;
	}
	for (guint i = reg_lower_bound(m, start); i < m->regions->len; i++) {
		const GmemRegion *r = reg_at(m, i);
		if (r->start >= end)
			break;
		uint64_t s = MAX(r->start, start), e = MIN(r->end, end);
		munmap(g2h(m, s), e - s);
	}
}

/* Rounds len up to whole pages; false on overflow or zero. */
static bool page_round(const GuestMem *m, uint64_t len, uint64_t *out)
{
	uint64_t r;
	if (len == 0 || __builtin_add_overflow(len, m->page - 1, &r))
		return false;
	*out = r & ~(uint64_t)(m->page - 1);
	return true;
}

static bool page_aligned(const GuestMem *m, uint64_t v)
{
	return (v & (m->page - 1)) == 0;
}

/* True when [addr, addr+len) fits in the guest range above GMEM_MIN_ADDR. */
static bool in_range(const GuestMem *m, uint64_t addr, uint64_t len)
{
	return addr >= GMEM_MIN_ADDR && addr <= m->limit && len <= m->limit - addr;
}

/* ---- creation ---- */

static bool window_create(GuestMem *m)
{
	const int fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	uint64_t low = GMEM_MIN_ADDR;
	void *want = (void *)(uintptr_t)low;
	void *p = mmap(want, m->limit - low, PROT_NONE, fl | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == want) {
		m->base = 0;
		return true;
	}
	if (p != MAP_FAILED)
		munmap(p, m->limit - low);
	/* Base 0 is taken: reserve the whole window wherever the kernel likes. */
	p = mmap(NULL, m->limit, PROT_NONE, fl, -1, 0);
	if (p == MAP_FAILED)
		return false;
	m->base = (uintptr_t)p;
	return true;
}

GuestMem *gmem_new(unsigned va_bits)
{
	if (va_bits < 20 || va_bits > 63)
		return NULL;
	GuestMem *m = g_new0(GuestMem, 1);
	m->limit = (uint64_t)1 << va_bits;
	m->page = (size_t)sysconf(_SC_PAGESIZE);
	m->window = va_bits <= 32;
	m->regions = g_array_new(FALSE, FALSE, sizeof(GmemRegion));
	pthread_mutex_init(&m->lock, NULL);
	if (m->window && !window_create(m)) {
		gmem_free(m);
		return NULL;
	}
	return m;
}

void gmem_free(GuestMem *m)
{
	if (!m)
		return;
	if (m->window) {
		uint64_t low = m->base ? 0 : GMEM_MIN_ADDR;
		munmap(g2h(m, low), m->limit - low);
	} else {
		host_release(m, 0, m->limit);
	}
	for (guint i = 0; i < m->regions->len; i++)
		g_free(reg_at(m, i)->name);
	g_array_free(m->regions, TRUE);
	pthread_mutex_destroy(&m->lock);
	g_free(m);
}

uintptr_t gmem_base(const GuestMem *m)
{
	return m->base;
}

uint64_t gmem_limit(const GuestMem *m)
{
	return m->limit;
}

size_t gmem_page_size(const GuestMem *m)
{
	return m->page;
}

void *gmem_g2h(const GuestMem *m, uint64_t guest)
{
	return g2h(m, guest);
}

uint64_t gmem_h2g(const GuestMem *m, const void *host)
{
	return (uint64_t)((uintptr_t)host - m->base);
}

static void lock(const GuestMem *m)
{
	pthread_mutex_lock(&((GuestMem *)m)->lock);
}

static void unlock(const GuestMem *m)
{
	pthread_mutex_unlock(&((GuestMem *)m)->lock);
}

void gmem_fork_prepare(GuestMem *m)
{
	lock(m);
}

void gmem_fork_parent(GuestMem *m)
{
	unlock(m);
}

void gmem_fork_child(GuestMem *m)
{
	pthread_mutex_init(&m->lock, NULL);
}

/* ---- placement ---- */

/* First free gap of len bytes, searched top-down from the top of the window; the hint is
 * taken when that range is free. Returns the address or 0 when nothing fits. */
static uint64_t window_find_free(const GuestMem *m, uint64_t hint, uint64_t len)
{
	hint &= ~(uint64_t)(m->page - 1);
	if (hint && in_range(m, hint, len) && !reg_overlaps(m, hint, hint + len))
		return hint;
	uint64_t top = m->limit;
	for (guint i = m->regions->len + 1; i-- > 0;) {
		uint64_t bottom = i > 0 ? reg_at(m, i - 1)->end : GMEM_MIN_ADDR;
		if (bottom < GMEM_MIN_ADDR)
			bottom = GMEM_MIN_ADDR;
		if (top >= bottom && top - bottom >= len)
			return top - len;
		if (i > 0)
			top = reg_at(m, i - 1)->start;
	}
	return 0;
}

/* Calls fn on each part of [start, end) the guest has not mapped, lowest first; stops at
 * the first failure and stores where that gap began in *failed_at. */
static int for_each_gap(const GuestMem *m, uint64_t start, uint64_t end,
			int (*fn)(const GuestMem *m, uint64_t s, uint64_t e), uint64_t *failed_at)
{
	uint64_t pos = start;
	for (guint i = reg_lower_bound(m, start); pos < end; i++) {
		uint64_t gap_end = end;
		if (i < m->regions->len && reg_at(m, i)->start < end)
			gap_end = reg_at(m, i)->start;
		if (gap_end > pos) {
			int r = fn(m, pos, gap_end);
			if (r) {
				*failed_at = pos;
				return r;
			}
		}
		if (i >= m->regions->len)
			break;
		pos = MAX(pos, reg_at(m, i)->end);
	}
	return 0;
}

static int gap_claim(const GuestMem *m, uint64_t s, uint64_t e)
{
	void *want = g2h(m, s);
	void *p = mmap(want, e - s, PROT_NONE,
		       MAP_FIXED_NOREPLACE | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == want)
		return 0;
	/* Kernels before 4.17 treat the flag as a hint and may map elsewhere. */
	if (p != MAP_FAILED)
		munmap(p, e - s);
	return -ENOMEM;
}

static int gap_release(const GuestMem *m, uint64_t s, uint64_t e)
{
	munmap(g2h(m, s), e - s);
	return 0;
}

/* Direct layout: before a MAP_FIXED mapping, claims each part of the range the guest has
 * not mapped with a no-replace probe, so memory the runner owns is never replaced.
 * Returns 0, or -ENOMEM after giving back the probes already made. */
static int direct_claim_gaps(const GuestMem *m, uint64_t start, uint64_t end)
{
	uint64_t failed_at = end, unused;
	if (for_each_gap(m, start, end, gap_claim, &failed_at) == 0)
		return 0;
	for_each_gap(m, start, failed_at, gap_release, &unused);
	return -ENOMEM;
}

/* Gives back the probes of a successful direct_claim_gaps when the mapping failed. */
static void direct_unclaim_gaps(const GuestMem *m, uint64_t start, uint64_t end)
{
	uint64_t unused;
	for_each_gap(m, start, end, gap_release, &unused);
}

/* The file behind fd, for naming file mappings. */
static char *fd_name(int fd)
{
	char link[64], buf[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return g_strdup(buf);
}

static int64_t mmap_window(GuestMem *m, uint64_t addr, uint64_t len, int prot, int flags,
			   int fd, off_t offset)
{
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	if (fixed) {
		if (!in_range(m, addr, len))
			return addr < GMEM_MIN_ADDR ? -EPERM : -ENOMEM;
		if ((flags & MAP_FIXED_NOREPLACE) && reg_overlaps(m, addr, addr + len))
			return -EEXIST;
	} else {
		addr = window_find_free(m, addr, len);
		if (!addr)
			return -ENOMEM;
	}
	bool was_free = !reg_overlaps(m, addr, addr + len);
	flags = (flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED;
	void *p = mmap(g2h(m, addr), len, prot, flags, fd, offset);
	if (p == MAP_FAILED) {
		int err = errno;
		/* A failed MAP_FIXED may already have dropped the reservation. */
		if (was_free)
			window_reserve(m, addr, addr + len);
		return -err;
	}
	return (int64_t)addr;
}

static int64_t mmap_direct(GuestMem *m, uint64_t addr, uint64_t len, int prot, int flags,
			   int fd, off_t offset)
{
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!in_range(m, addr, len))
			return addr < GMEM_MIN_ADDR ? -EPERM : -ENOMEM;
		if ((flags & MAP_FIXED_NOREPLACE) && reg_overlaps(m, addr, addr + len))
			return -EEXIST;
		int r = direct_claim_gaps(m, addr, addr + len);
		if (r < 0)
			return (flags & MAP_FIXED_NOREPLACE) ? -EEXIST : r;
		flags = (flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED;
	} else if (!in_range(m, addr, len)) {
		addr = 0;
	}
	void *p = mmap(addr ? g2h(m, addr) : NULL, len, prot, flags, fd, offset);
	if (p == MAP_FAILED) {
		int err = errno;
		if (flags & MAP_FIXED)
			direct_unclaim_gaps(m, addr, addr + len);
		return -err;
	}
	uint64_t g = gmem_h2g(m, p);
	if (!in_range(m, g, len)) {
		munmap(p, len);
		return -ENOMEM;
	}
	return (int64_t)g;
}

/* -d page: one line per change of the guest map, in the order they happen. */
static void log_map_change(const char *what, uint64_t start, uint64_t len, int prot, int64_t r)
{
	if (!log_on(LOG_PAGE))
		return;
	log_printf("page: %s 0x%" PRIx64 "+0x%" PRIx64 " %c%c%c", what, start, len,
		   prot & PROT_READ ? 'r' : '-', prot & PROT_WRITE ? 'w' : '-',
		   prot & PROT_EXEC ? 'x' : '-');
	if (r < 0)
		log_printf(" = %s\n", strerror((int)-r));
	else
		log_printf(" = 0x%" PRIx64 "\n", (uint64_t)r);
}

int64_t gmem_mmap(GuestMem *m, uint64_t addr, uint64_t len, int prot, int flags, int fd,
		  off_t offset)
{
	uint64_t rlen;
	if (!page_round(m, len, &rlen))
		return len ? -ENOMEM : -EINVAL;
	if (offset < 0 || !page_aligned(m, (uint64_t)offset))
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && !page_aligned(m, addr))
		return -EINVAL;
	if (rlen > m->limit)
		return -ENOMEM;
	char *name = (!(flags & MAP_ANONYMOUS) && fd >= 0) ? fd_name(fd) : NULL;
	lock(m);
	int64_t r = m->window ? mmap_window(m, addr, rlen, prot, flags, fd, offset)
			      : mmap_direct(m, addr, rlen, prot, flags, fd, offset);
	if (r >= 0)
		reg_add(m, (uint64_t)r, (uint64_t)r + rlen, prot, name);
	unlock(m);
	g_free(name);
	log_map_change("mmap", addr, rlen, prot, r);
	return r;
}

int gmem_munmap(GuestMem *m, uint64_t addr, uint64_t len)
{
	uint64_t rlen;
	if (!page_aligned(m, addr) || !page_round(m, len, &rlen))
		return -EINVAL;
	if (addr > m->limit || rlen > m->limit - addr)
		return -EINVAL;
	lock(m);
	host_release(m, addr, addr + rlen);
	reg_remove(m, addr, addr + rlen);
	unlock(m);
	log_map_change("munmap", addr, rlen, 0, 0);
	return 0;
}

int gmem_mprotect(GuestMem *m, uint64_t addr, uint64_t len, int prot)
{
	uint64_t rlen;
	if (!page_aligned(m, addr))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!page_round(m, len, &rlen) || addr > m->limit || rlen > m->limit - addr)
		return -ENOMEM;
	lock(m);
	int r = 0;
	if (!reg_covered(m, addr, addr + rlen, -1))
		r = -ENOMEM;
	else if (mprotect(g2h(m, addr), rlen, prot) != 0)
		r = -errno;
	else
		reg_update(m, addr, addr + rlen, prot, false, NULL);
	unlock(m);
	log_map_change("mprotect", addr, rlen, prot, r);
	return r;
}

/* ---- mremap ---- */

/* Moves [old, old+old_len) to new_addr (already checked free or guest-owned) and
 * records it. */
static int64_t remap_move(GuestMem *m, const GmemRegion *src, uint64_t old, uint64_t old_len,
			  uint64_t new_len, int flags, uint64_t new_addr)
{
	if (!m->window) {
		int r = direct_claim_gaps(m, new_addr, new_addr + new_len);
		if (r < 0)
			return r;
	}
	int hflags = MREMAP_MAYMOVE | MREMAP_FIXED | (flags & MREMAP_DONTUNMAP);
	void *p = mremap(g2h(m, old), old_len, new_len, hflags, g2h(m, new_addr));
	if (p == MAP_FAILED) {
		int err = errno;
		if (m->window && !reg_overlaps(m, new_addr, new_addr + new_len))
			window_reserve(m, new_addr, new_addr + new_len);
		else if (!m->window)
			direct_unclaim_gaps(m, new_addr, new_addr + new_len);
		return -err;
	}
	int prot = src->prot;
	char *name = g_strdup(src->name);
	if (!(flags & MREMAP_DONTUNMAP)) {
		if (m->window)
			window_reserve(m, old, old + old_len);
		reg_remove(m, old, old + old_len);
	}
	reg_add(m, new_addr, new_addr + new_len, prot, name);
	g_free(name);
	return (int64_t)new_addr;
}

/* Grows [old, old+old_len) in place when the pages after it are free. */
static bool remap_grow_in_place(GuestMem *m, uint64_t old, uint64_t old_len, uint64_t new_len)
{
	uint64_t end = old + old_len, new_end = old + new_len;
	if (!in_range(m, old, new_len) || reg_overlaps(m, end, new_end))
		return false;
	if (m->window)
		munmap(g2h(m, end), new_end - end);
	if (mremap(g2h(m, old), old_len, new_len, 0) == MAP_FAILED) {
		if (m->window)
			window_reserve(m, end, new_end);
		return false;
	}
	guint i = reg_lower_bound(m, old);
	GmemRegion *r = reg_at(m, i);
	reg_add(m, end, new_end, r->prot, r->name);
	return true;
}

/* Picks where a moving mremap goes: first fit in the window; in the direct layout the
 * kernel chooses, so a free address is asked of it with a throw-away reservation. */
static uint64_t remap_pick(GuestMem *m, uint64_t len)
{
	if (m->window)
		return window_find_free(m, 0, len);
	void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	uint64_t g = gmem_h2g(m, p);
	munmap(p, len);
	return in_range(m, g, len) ? g : 0;
}

static int64_t remap_locked(GuestMem *m, uint64_t old, uint64_t old_len, uint64_t new_len,
			    int flags, uint64_t new_addr)
{
	guint i = reg_lower_bound(m, old);
	/* Like Linux, the old range must lie within one mapping. */
	if (i >= m->regions->len || reg_at(m, i)->start > old || reg_at(m, i)->end < old + old_len)
		return -EFAULT;
	GmemRegion src = *reg_at(m, i);
	if (flags & MREMAP_FIXED) {
		if (!in_range(m, new_addr, new_len))
			return -EINVAL;
		if (new_addr < old + old_len && old < new_addr + new_len)
			return -EINVAL;
		return remap_move(m, &src, old, old_len, new_len, flags, new_addr);
	}
	if (new_len <= old_len && !(flags & MREMAP_DONTUNMAP)) {
		host_release(m, old + new_len, old + old_len);
		reg_remove(m, old + new_len, old + old_len);
		return (int64_t)old;
	}
	if (!(flags & MREMAP_DONTUNMAP) && remap_grow_in_place(m, old, old_len, new_len))
		return (int64_t)old;
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	uint64_t to = remap_pick(m, new_len);
	if (!to)
		return -ENOMEM;
	return remap_move(m, &src, old, old_len, new_len, flags, to);
}

int64_t gmem_mremap(GuestMem *m, uint64_t old_addr, uint64_t old_len, uint64_t new_len,
		    int flags, uint64_t new_addr)
{
	uint64_t olen, nlen;
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (!page_aligned(m, old_addr) || ((flags & MREMAP_FIXED) && !page_aligned(m, new_addr)))
		return -EINVAL;
	/* A zero old_len duplicates a shared mapping in Linux; mappings here are not
	 * tracked as shared or private, so that form is refused. */
	if (!page_round(m, old_len, &olen) || !page_round(m, new_len, &nlen))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && olen != nlen)
		return -EINVAL;
	if (old_addr > m->limit || olen > m->limit - old_addr)
		return -EFAULT;
	lock(m);
	int64_t r = remap_locked(m, old_addr, olen, nlen, flags, new_addr);
	unlock(m);
	log_map_change("mremap", old_addr, nlen, 0, r);
	return r;
}

/* ---- SysV shared memory ---- */

/* Attaches at guest address addr (already checked and free unless SHM_REMAP) with the
 * host's shmat, which replaces the window's reservation or the probes of
 * direct_claim_gaps. */
static int64_t shmat_fixed(GuestMem *m, int shmid, uint64_t addr, uint64_t size, int shmflg)
{
	bool was_free = !reg_overlaps(m, addr, addr + size);
	if (!m->window) {
		int r = direct_claim_gaps(m, addr, addr + size);
		if (r < 0)
			return r;
	}
	void *p = shmat(shmid, g2h(m, addr), shmflg | SHM_REMAP);
	if (p == (void *)-1) {
		int err = errno;
		if (m->window && was_free)
			window_reserve(m, addr, addr + size);
		else if (!m->window)
			direct_unclaim_gaps(m, addr, addr + size);
		return -err;
	}
	return (int64_t)addr;
}

/* Linux shmat's address rules: SHM_RND rounds an unaligned address down to SHMLBA (the
 * page size on every ABI ferry runs), an unaligned one without it is -EINVAL, and a
 * given address must be free unless SHM_REMAP (which needs an address). */
static int64_t shmat_locked(GuestMem *m, int shmid, uint64_t addr, uint64_t size, int shmflg)
{
	if (!addr) {
		if (shmflg & SHM_REMAP)
			return -EINVAL;
		if (m->window) {
			addr = window_find_free(m, 0, size);
			return addr ? shmat_fixed(m, shmid, addr, size, shmflg) : -ENOMEM;
		}
		void *p = shmat(shmid, NULL, shmflg);
		if (p == (void *)-1)
			return -errno;
		if (!in_range(m, gmem_h2g(m, p), size)) {
			shmdt(p);
			return -ENOMEM;
		}
		return (int64_t)gmem_h2g(m, p);
	}
	if (!page_aligned(m, addr)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(uint64_t)(m->page - 1);
	}
	if (!in_range(m, addr, size))
		return -EINVAL;
	if (!(shmflg & SHM_REMAP) && reg_overlaps(m, addr, addr + size))
		return -EINVAL;
	return shmat_fixed(m, shmid, addr, size, shmflg);
}

int64_t gmem_shmat(GuestMem *m, int shmid, uint64_t addr, int shmflg, uint64_t *size_out)
{
	struct shmid_ds ds;
	uint64_t size;
	if (shmflg & ~(SHM_RDONLY | SHM_RND | SHM_REMAP | SHM_EXEC))
		return -EINVAL;
	if (shmctl(shmid, IPC_STAT, &ds) < 0)
		return -errno;
	if (!page_round(m, ds.shm_segsz, &size))
		return -EINVAL;
	int prot = (shmflg & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE;
	if (shmflg & SHM_EXEC)
		prot |= PROT_EXEC;
	char name[40];
	snprintf(name, sizeof name, "/SYSV%08x (deleted)", (unsigned)ds.shm_perm.__key);
	lock(m);
	int64_t r = shmat_locked(m, shmid, addr, size, shmflg);
	if (r >= 0)
		reg_add_shm(m, (uint64_t)r, (uint64_t)r + size, prot, name, size);
	unlock(m);
	log_map_change("shmat", addr, size, prot, r);
	if (size_out)
		*size_out = size;
	return r;
}

int gmem_shmdt(GuestMem *m, uint64_t addr, uint64_t *size_out)
{
	if (!page_aligned(m, addr))
		return -EINVAL;
	lock(m);
	guint i = reg_lower_bound(m, addr);
	if (i >= m->regions->len || reg_at(m, i)->start != addr ||
	    reg_at(m, i)->shm_start != addr) {
		unlock(m);
		return -EINVAL;
	}
	uint64_t end = addr + reg_at(m, i)->shm_size;
	shmdt(g2h(m, addr));
	/* The host dropped every piece of this attach in [addr, end); forget them too. */
	while (i < m->regions->len && reg_at(m, i)->start < end) {
		GmemRegion *r = reg_at(m, i);
		if (r->shm_start != addr) {
			i++;
			continue;
		}
		uint64_t s = r->start, e = MIN(r->end, end);
		if (m->window)
			window_reserve(m, s, e);
		reg_remove(m, s, e);
		i = reg_lower_bound(m, e);
	}
	unlock(m);
	log_map_change("shmdt", addr, end - addr, 0, 0);
	if (size_out)
		*size_out = end - addr;
	return 0;
}

/* ---- guest pointer checks ---- */

bool gmem_access_ok(const GuestMem *m, uint64_t addr, uint64_t len, int prot)
{
	uint64_t end;
	if (__builtin_add_overflow(addr, len, &end) || end > m->limit)
		return false;
	if (len == 0)
		return true;
	lock(m);
	bool ok = reg_covered(m, addr, end, prot & GMEM_PROT_MASK);
	unlock(m);
	return ok;
}

const char *gmem_str(const GuestMem *m, uint64_t addr, size_t max)
{
	const char *res = NULL;
	uint64_t pos = addr, left = max;
	lock(m);
	for (guint i = reg_lower_bound(m, addr); left > 0 && i < m->regions->len; i++) {
		const GmemRegion *r = reg_at(m, i);
		if (r->start > pos || !(r->prot & PROT_READ))
			break;
		uint64_t n = MIN(r->end - pos, left);
		if (memchr(g2h(m, pos), '\0', n)) {
			res = g2h(m, addr);
			break;
		}
		pos += n;
		left -= n;
	}
	unlock(m);
	return res;
}

int gmem_read(const GuestMem *m, uint64_t addr, void *dst, size_t len)
{
	if (!gmem_access_ok(m, addr, len, PROT_READ))
		return -EFAULT;
	if (len)
		memcpy(dst, g2h(m, addr), len);
	return 0;
}

int gmem_write(const GuestMem *m, uint64_t addr, const void *src, size_t len)
{
	if (!gmem_access_ok(m, addr, len, PROT_WRITE))
		return -EFAULT;
	if (len)
		memcpy(g2h(m, addr), src, len);
	return 0;
}

/* ---- listing and naming ---- */

int gmem_visit(const GuestMem *m, GmemVisitFn fn, void *opaque)
{
	/* Work on a copy so the callback may call back into GuestMem. */
	lock(m);
	guint n = m->regions->len;
	GmemRegion *copy = g_new(GmemRegion, n ? n : 1);
	for (guint i = 0; i < n; i++) {
		copy[i] = *reg_at(m, i);
		copy[i].name = g_strdup(copy[i].name);
	}
	unlock(m);
	int r = 0;
	for (guint i = 0; i < n; i++) {
		if (!r)
			r = fn(opaque, copy[i].start, copy[i].end, copy[i].prot, copy[i].name);
		g_free(copy[i].name);
	}
	g_free(copy);
	return r;
}

void gmem_set_name(GuestMem *m, uint64_t start, uint64_t len, const char *name)
{
	uint64_t end;
	if (len == 0 || __builtin_add_overflow(start, len, &end))
		return;
	lock(m);
	uint64_t mask = m->page - 1;
	end = end > UINT64_MAX - mask ? UINT64_MAX & ~mask : (end + mask) & ~mask;
	reg_update(m, start & ~mask, end, -1, true, name);
	unlock(m);
}
