/*
 * futex, futex_waitv and the robust-futex list. Guest futex words are guest memory,
 * which is host memory at guest_base + address, and guest thread ids are host thread ids,
 * so every operation, the priority-inheritance ones included, is the host kernel's own on
 * the host address of the word: waiters on one word meet whichever guest thread they
 * belong to. What the runner does is check and convert the arguments: each command's
 * table line says which of the last three arguments are a timeout, a second count
 * (val2) and a second futex word, and every futex word must be an aligned 4-byte word of
 * the guest's memory (EINVAL, EFAULT), so no guest can make the kernel read or write the
 * runner's own memory. FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME have the same values on
 * every Linux ABI and go to the host unchanged, which also decides from the command
 * whether a timeout is relative (FUTEX_WAIT) or absolute (the others); the timespec
 * itself goes through the conversion module.
 *
 * The robust list: the kernel walks a dying thread's list of held robust mutexes and
 * marks each one owner-died. For a guest whose list has the host's layout (64-bit
 * little-endian words) at the host's addresses (guest_base 0) the list is registered with
 * the host for the calling host thread, so the kernel does this for guest threads too,
 * whatever way they die. Otherwise the address is only recorded (get_robust_list reports
 * it) and mutexes of a thread that dies holding them are not marked.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/futex.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/safe_syscall.h"
#include "syscall/linux/sys.h"

enum { FUTEX_ARG_TIMEOUT = 1, FUTEX_ARG_VAL2 = 2, FUTEX_ARG_UADDR2 = 4 };
enum { WAITV_MAX = 128, WAITV_ENTRY_SIZE = 24 };

/* What the fourth and fifth arguments of each command are (0 for none). */
static const uint8_t futex_args[] = {
    [FUTEX_WAIT] = FUTEX_ARG_TIMEOUT,
    [FUTEX_WAKE] = 0,
    [FUTEX_REQUEUE] = FUTEX_ARG_VAL2 | FUTEX_ARG_UADDR2,
    [FUTEX_CMP_REQUEUE] = FUTEX_ARG_VAL2 | FUTEX_ARG_UADDR2,
    [FUTEX_WAKE_OP] = FUTEX_ARG_VAL2 | FUTEX_ARG_UADDR2,
    [FUTEX_LOCK_PI] = FUTEX_ARG_TIMEOUT,
    [FUTEX_UNLOCK_PI] = 0,
    [FUTEX_TRYLOCK_PI] = 0,
    [FUTEX_WAIT_BITSET] = FUTEX_ARG_TIMEOUT,
    [FUTEX_WAKE_BITSET] = 0,
    [FUTEX_WAIT_REQUEUE_PI] = FUTEX_ARG_TIMEOUT | FUTEX_ARG_UADDR2,
    [FUTEX_CMP_REQUEUE_PI] = FUTEX_ARG_VAL2 | FUTEX_ARG_UADDR2,
    [FUTEX_LOCK_PI2] = FUTEX_ARG_TIMEOUT,
};
/* Commands the table knows; FUTEX_FD (2) is gone from the kernel too. */
static const bool futex_known[] = {
    [FUTEX_WAIT] = true,
    [FUTEX_WAKE] = true,
    [FUTEX_REQUEUE] = true,
    [FUTEX_CMP_REQUEUE] = true,
    [FUTEX_WAKE_OP] = true,
    [FUTEX_LOCK_PI] = true,
    [FUTEX_UNLOCK_PI] = true,
    [FUTEX_TRYLOCK_PI] = true,
    [FUTEX_WAIT_BITSET] = true,
    [FUTEX_WAKE_BITSET] = true,
    [FUTEX_WAIT_REQUEUE_PI] = true,
    [FUTEX_CMP_REQUEUE_PI] = true,
    [FUTEX_LOCK_PI2] = true,
};

/* The host address of a futex word at guest addr, or NULL with *err set. */
static uint32_t *futex_word(GuestMem *m, uint64_t addr, int *err)
{
	if (addr & 3) {
		*err = -EINVAL;
		return NULL;
	}
	if (!gmem_access_ok(m, addr, 4, PROT_READ)) {
		*err = -EFAULT;
		return NULL;
	}
	return gmem_g2h(m, addr);
}

int futex_prepare(const LinuxAbi *abi, GuestMem *m, const uint64_t a[6], FutexCall *c)
{
	int op = (int)(uint32_t)a[1];
	int cmd = op & FUTEX_CMD_MASK;
	if (cmd < 0 || (size_t)cmd >= sizeof futex_known || !futex_known[cmd])
		return -ENOSYS;
	unsigned what = futex_args[cmd];
	int err = 0;
	*c = (FutexCall){.op = op, .val = (uint32_t)a[2], .val3 = (uint32_t)a[5]};
	if (!(c->uaddr = futex_word(m, a[0], &err)))
		return err;
	if ((what & FUTEX_ARG_UADDR2) && !(c->uaddr2 = futex_word(m, a[4], &err)))
		return err;
	if (what & FUTEX_ARG_VAL2)
		c->val2 = (uint32_t)a[3];
	if ((what & FUTEX_ARG_TIMEOUT) && a[3]) {
		int r = conv_get_timespec(abi, m, a[3], &c->ts);
		if (r < 0)
			return r;
		c->has_timeout = true;
	}
	return 0;
}

long futex_host(const FutexCall *c)
{
	const void *arg4 = c->has_timeout ? (const void *)&c->ts : (const void *)(uintptr_t)c->val2;
	return syscall(SYS_futex, c->uaddr, c->op, c->val, arg4, c->uaddr2, c->val3);
}

/* The commands that can sleep, whose host call goes through the blocking-call entry. */
static bool futex_may_block(int op)
{
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
	case FUTEX_WAIT_REQUEUE_PI:
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2: return true;
	default: return false;
	}
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
int64_t sys_futex(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	FutexCall c;
	int r = futex_prepare(p->abi, p->mem, a, &c);
	if (r < 0)
		return r;
	if (!futex_may_block(c.op))
		return linux_ret(futex_host(&c));
	const void *arg4 = c.has_timeout ? (const void *)&c.ts : (const void *)(uintptr_t)c.val2;
	return linux_blocking_syscall(SYS_futex, c.uaddr, c.op, c.val, arg4, c.uaddr2, c.val3);
}

/* futex_waitv(waiters, nr, flags, timeout, clockid): struct futex_waitv is
 * {u64 val; u64 uaddr; u32 flags; u32 reserved} on every ABI; the addresses become host
 * addresses and the (absolute) timeout a host timespec. */
int64_t sys_futex_waitv(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned nr = (unsigned)a[1];
	if (!nr || nr > WAITV_MAX)
		return -EINVAL;
	uint64_t w[WAITV_MAX][3];
	if (gmem_read(p->mem, a[0], w, (size_t)nr * WAITV_ENTRY_SIZE) < 0)
		return -EFAULT;
	for (unsigned i = 0; i < nr; i++) {
		int err = 0;
		uint32_t *h = futex_word(p->mem, w[i][1], &err);
		if (!h)
			return err;
		w[i][1] = (uint64_t)(uintptr_t)h;
	}
	struct timespec ts, *tp = NULL;
	if (a[3]) {
		int r = conv_get_timespec(p->abi, p->mem, a[3], &ts);
		if (r < 0)
			return r;
		tp = &ts;
	}
	return linux_blocking_syscall(SYS_futex_waitv, w, nr, (unsigned)a[2], tp, linux_int(a[4]));
}

/* The list has the host's layout at the host's addresses. */
static bool robust_list_native(const LinuxProc *p)
{
	return p->abi->word_bits == 64 && !p->abi->big_endian && gmem_base(p->mem) == 0;
}

/* struct robust_list_head is three guest words. */
int64_t sys_set_robust_list(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	if (a[1] != 3u * conv_word_bytes(p->abi))
		return -EINVAL;
	if (robust_list_native(p) &&
	    syscall(SYS_set_robust_list, (uintptr_t)a[0], (size_t)a[1]) < 0)
		return -errno;
	LinuxThread *t = linux_self();
	t->robust_list = a[0];
	t->robust_list_len = a[1];
	return 0;
}

typedef struct RobustQuery {
	uint64_t head, len;
} RobustQuery;

static void robust_of(LinuxThread *t, void *arg)
{
	RobustQuery *q = arg;
	q->head = t->robust_list;
	q->len = t->robust_list_len;
}

/* get_robust_list(pid, head_ptr, len_ptr): this process's threads from their records,
 * other processes' from the host (their addresses are guest addresses when guest_base
 * is 0, the only case a guest process registers them with the host). */
int64_t sys_get_robust_list(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	pid_t pid = linux_int(a[0]);
	RobustQuery q = {0};
	if (pid == 0 || pid == gettid()) {
		robust_of(linux_self(), &q);
	} else if (linux_thread_with(p, pid, robust_of, &q) < 0) {
		void *head;
		size_t len;
		if (syscall(SYS_get_robust_list, pid, &head, &len) < 0)
			return -errno;
		q.head = (uint64_t)(uintptr_t)head;
		q.len = len;
	}
	if (conv_put_word(p->abi, p->mem, a[1], q.head) < 0 ||
	    conv_put_word(p->abi, p->mem, a[2], q.len) < 0)
		return -EFAULT;
	return 0;
}
