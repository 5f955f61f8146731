/*
 * Resource limits. RLIMIT_* numbers are the same for asm-generic guests and x86-64.
 * Limits on the address space, data and stack size are reported but never applied to
 * the runner: they would limit the translator's own reservations (the guest address
 * space, the code cache) rather than the guest's memory, and could stop it from
 * running the guest at all.
 */
#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

static bool applies_to_runner(int resource)
{
	return resource != RLIMIT_AS && resource != RLIMIT_DATA && resource != RLIMIT_STACK;
}

/* A 32-bit guest's struct rlimit cannot hold large host limits: they read as infinity,
 * and its infinity is the host's. */
static rlim_t to_guest_word(const LinuxAbi *abi, rlim_t v)
{
	uint64_t max = abi->word_bits == 64 ? UINT64_MAX : UINT32_MAX;
	return v > max ? max : v;
}

static rlim_t from_guest_word(const LinuxAbi *abi, rlim_t v)
{
	uint64_t max = abi->word_bits == 64 ? UINT64_MAX : UINT32_MAX;
	return v == max ? RLIM_INFINITY : v;
}

int64_t sys_getrlimit(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct rlimit rl;
	if (getrlimit(linux_int(a[0]), &rl) < 0)
		return -errno;
	rl.rlim_cur = to_guest_word(p->abi, rl.rlim_cur);
	rl.rlim_max = to_guest_word(p->abi, rl.rlim_max);
	return conv_put_rlimit(p->abi, p->mem, a[1], &rl);
}

int64_t sys_setrlimit(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct rlimit rl;
	int r = conv_get_rlimit(p->abi, p->mem, a[1], &rl);
	if (r < 0)
		return r;
	rl.rlim_cur = from_guest_word(p->abi, rl.rlim_cur);
	rl.rlim_max = from_guest_word(p->abi, rl.rlim_max);
	int resource = linux_int(a[0]);
	if (!applies_to_runner(resource))
		return rl.rlim_cur > rl.rlim_max ? -EINVAL : 0;
	return linux_ret(setrlimit(resource, &rl));
}

/* prlimit64(pid, resource, new, old): struct rlimit64 is two u64 on every ABI. */
int64_t sys_prlimit64(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t pid = linux_int(a[0]);
	int resource = linux_int(a[1]);
	struct rlimit nl, ol;
	if (a[2]) {
		int r = conv_get_rlimit64(p->abi, p->mem, a[2], &nl);
		if (r < 0)
			return r;
	}
	bool self = pid == 0 || pid == getpid();
	bool apply = a[2] && (!self || applies_to_runner(resource));
	if (a[2] && !apply && nl.rlim_cur > nl.rlim_max)
		return -EINVAL;
	if (prlimit(pid, resource, apply ? &nl : NULL, &ol) < 0)
		return -errno;
	return a[3] ? conv_put_rlimit64(p->abi, p->mem, a[3], &ol) : 0;
}
