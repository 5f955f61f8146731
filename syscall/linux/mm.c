/*
 * Guest memory-management calls on GuestMem: the program break, mmap and friends. Flags
 * and protections go through the conversion module. Whenever a call may remove or
 * change guest code (munmap, mprotect, mremap, MAP_FIXED over executable pages, an
 * explicit icache flush) the engine is told through code_changed so it drops the stale
 * translations.
 */
#include <errno.h>
#include <sys/mman.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

typedef struct ExecProbe {
	uint64_t start, end;
	bool found;
} ExecProbe;

static int probe_exec(void *opaque, uint64_t start, uint64_t end, int prot, const char *name)
{
	ExecProbe *e = opaque;
	if (start >= e->end)
		return 1;
	if (end > e->start && (prot & PROT_EXEC))
		e->found = true;
	return e->found;
}

/* True when some page of [addr, addr+len) is mapped executable, so translations of it
 * may exist. */
static bool range_has_exec(LinuxProc *p, uint64_t addr, uint64_t len)
{
	ExecProbe e = {addr, addr + len, false};
	if (e.end < addr)
		e.end = UINT64_MAX;
	gmem_visit(p->mem, probe_exec, &e);
	return e.found;
}

static uint64_t page_up(LinuxProc *p, uint64_t v)
{
	uint64_t ps = gmem_page_size(p->mem);
	return (v + ps - 1) & ~(ps - 1);
}

/* Linux brk: never below the initial break; on failure the current break is returned
 * unchanged. The heap is anonymous memory mapped page by page above start_brk. */
static uint64_t brk_locked(LinuxProc *p, uint64_t want)
{
	if (want < p->start_brk)
		return p->brk;
	uint64_t end = page_up(p, want);
	if (end < want)
		return p->brk;
	if (end > p->brk_mapped) {
		int64_t r =
		    gmem_mmap(p->mem, p->brk_mapped, end - p->brk_mapped, PROT_READ | PROT_WRITE,
		              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (r < 0)
			return p->brk;
	} else if (end < p->brk_mapped) {
		if (gmem_munmap(p->mem, end, p->brk_mapped - end) < 0)
			return p->brk;
	}
	p->brk_mapped = end;
	p->brk = want;
	return want;
}

/* Threads share the break: the process lock keeps each change whole. */
int64_t sys_brk(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pthread_mutex_lock(&p->lock);
	uint64_t r = brk_locked(p, a[0]);
	pthread_mutex_unlock(&p->lock);
	return (int64_t)r;
}

int64_t sys_mmap(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t addr = a[0], len = a[1];
	int prot = conv_prot_to_host(p->abi, (uint32_t)a[2]);
	int flags = conv_mmap_flags_to_host(p->abi, (uint32_t)a[3]);
	int fd = (flags & MAP_ANONYMOUS) ? -1 : linux_int(a[4]);
	bool replaces_code = (flags & MAP_FIXED) && range_has_exec(p, addr, len);
	int64_t r = gmem_mmap(p->mem, addr, len, prot, flags, fd, (off_t)a[5]);
	if (r >= 0 && replaces_code)
		linux_code_changed(p, (uint64_t)r, page_up(p, len));
	return r;
}

int64_t sys_munmap(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	bool had_code = range_has_exec(p, a[0], a[1]);
	int r = gmem_munmap(p->mem, a[0], a[1]);
	if (r == 0 && had_code)
		linux_code_changed(p, a[0], page_up(p, a[1]));
	return r;
}

int64_t sys_mprotect(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	bool had_code = range_has_exec(p, a[0], a[1]);
	int r = gmem_mprotect(p->mem, a[0], a[1], conv_prot_to_host(p->abi, (uint32_t)a[2]));
	if (r == 0 && had_code)
		linux_code_changed(p, a[0], page_up(p, a[1]));
	return r;
}

/* The MREMAP_* values come from include/uapi/linux/mman.h, the same for every
 * architecture, so they pass unchanged. */
int64_t sys_mremap(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	bool had_code = range_has_exec(p, a[0], a[1]);
	int64_t r = gmem_mremap(p->mem, a[0], a[1], a[2], linux_int(a[3]), a[4]);
	if (r >= 0 && had_code)
		linux_code_changed(p, a[0], page_up(p, a[1]));
	return r;
}

/* MADV_* values are the same for asm-generic guests and the x86-64 host. The range
 * must be guest memory: the host call must never touch the runner's own pages. */
int64_t sys_madvise(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[1] == 0)
		return 0;
	if (!gmem_access_ok(p->mem, a[0], a[1], 0))
		return -ENOMEM;
	return linux_ret(madvise(gmem_g2h(p->mem, a[0]), a[1], linux_int(a[2])));
}

int64_t sys_msync(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[1] && !gmem_access_ok(p->mem, a[0], a[1], 0))
		return -ENOMEM;
	return linux_ret(msync(gmem_g2h(p->mem, a[0]), a[1], linux_int(a[2])));
}

/* riscv_flush_icache(start, end, flags): guest code in the range was rewritten. */
enum { RISCV_FLUSH_ICACHE_LOCAL = 1 };

int64_t sys_riscv_flush_icache(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[2] & ~(uint64_t)RISCV_FLUSH_ICACHE_LOCAL)
		return -EINVAL;
	if (a[1] > a[0])
		linux_code_changed(p, a[0], a[1] - a[0]);
	return 0;
}
