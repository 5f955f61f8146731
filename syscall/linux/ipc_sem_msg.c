/*
 * SysV semaphores and message queues, the host's. Semaphore operations (struct sembuf),
 * semid_ds / msqid_ds and the *_INFO structs go through the conversion module; a
 * message is the guest's long mtype followed by its text, rebuilt around the host's
 * long. IPC_* values and the SEM_* / MSG_* commands are the same on every ABI. The
 * control calls use the raw host system call so the kernel sees the command exactly as
 * the guest gave it.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

/* The largest semaphore set and operation count the kernel accepts (SEMMSL_MAX-like
 * bounds: the host's own limits are lower and give the exact error). */
enum { SEM_ARRAY_MAX = 65536 };

int64_t sys_semget(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(semget(linux_int(a[0]), linux_int(a[1]), linux_int(a[2])));
}

static int64_t do_semtimedop(LinuxProc *p, const uint64_t a[6], bool timed)
{
	unsigned n = (unsigned)a[2];
	if (n < 1)
		return -EINVAL;
	if (n > SEM_ARRAY_MAX)
		return -E2BIG;
	struct timespec ts;
	if (timed && a[3]) {
		int r = conv_get_timespec(p->abi, p->mem, a[3], &ts);
		if (r < 0)
			return r;
	}
	struct sembuf *ops = g_new(struct sembuf, n);
	int64_t r = conv_get_sembufs(p->abi, p->mem, a[1], ops, n);
	if (r == 0)
		r = linux_blocking_syscall(SYS_semtimedop, linux_int(a[0]), ops, (size_t)n,
		                           timed && a[3] ? &ts : NULL);
	g_free(ops);
	return r;
}

int64_t sys_semop(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_semtimedop(p, a, false);
}

int64_t sys_semtimedop(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_semtimedop(p, a, true);
}

static int64_t semctl_host(int id, int num, int cmd, unsigned long arg)
{
	return linux_ret(syscall(SYS_semctl, id, num, cmd, arg));
}

/* GETALL and SETALL: the set's size comes from IPC_STAT, as the kernel knows it. */
static int64_t semctl_all(LinuxProc *p, int id, int cmd, uint64_t addr)
{
	struct semid_ds ds;
	int64_t r = semctl_host(id, 0, IPC_STAT, (unsigned long)&ds);
	if (r < 0)
		return r;
	unsigned n = (unsigned)ds.sem_nsems;
	if (n > SEM_ARRAY_MAX)
		return -EINVAL;
	uint16_t *vals = g_new0(uint16_t, n ? n : 1);
	if (cmd == SETALL)
		r = conv_get_u16s(p->abi, p->mem, addr, vals, n);
	if (r >= 0)
		r = semctl_host(id, 0, cmd, (unsigned long)vals);
	if (r >= 0 && cmd == GETALL && conv_put_u16s(p->abi, p->mem, addr, vals, n) < 0)
		r = -EFAULT;
	g_free(vals);
	return r;
}

/* The fourth argument is union semun passed by value: a pointer, or SETVAL's int, which
 * a 64-bit big-endian ABI passes in the upper half of the word. */
int64_t sys_semctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int id = linux_int(a[0]), num = linux_int(a[1]), cmd = linux_int(a[2]);
	int64_t r;
	switch (cmd) {
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY: {
		struct semid_ds ds;
		r = semctl_host(id, num, cmd, (unsigned long)&ds);
		if (r >= 0 && conv_put_semid_ds(p->abi, p->mem, a[3], &ds) < 0)
			r = -EFAULT;
		return r;
	}
	case IPC_SET: {
		struct semid_ds ds;
		r = conv_get_semid_ds(p->abi, p->mem, a[3], &ds);
		return r < 0 ? r : semctl_host(id, num, cmd, (unsigned long)&ds);
	}
	case IPC_INFO:
	case SEM_INFO: {
		struct seminfo info;
		r = semctl_host(id, num, cmd, (unsigned long)&info);
		if (r >= 0 && conv_put_seminfo(p->abi, p->mem, a[3], &info) < 0)
			r = -EFAULT;
		return r;
	}
	case GETALL:
	case SETALL: return semctl_all(p, id, cmd, a[3]);
	case SETVAL: {
		bool be64 = p->abi->big_endian && p->abi->word_bits == 64;
		int val = linux_int(be64 ? a[3] >> 32 : a[3]);
		return semctl_host(id, num, cmd, (unsigned long)val);
	}
	}
	/* GETVAL, GETPID, GETNCNT, GETZCNT and IPC_RMID take no argument. */
	return semctl_host(id, num, cmd, 0);
}

int64_t sys_msgget(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(msgget(linux_int(a[0]), linux_int(a[1])));
}

/* A guest long, sign-extended. */
static int64_t guest_long(LinuxProc *p, uint64_t w)
{
	return p->abi->word_bits == 64 ? (int64_t)w : (int64_t)(int32_t)w;
}

/* The most text one message can carry: the host's msgmax or msgmnb, whichever is
 * larger (a queue's size bounds its messages), so the host buffer stays bounded. */
static size_t msg_text_max(void)
{
	struct msginfo info;
	if (syscall(SYS_msgctl, 0, IPC_INFO, &info) < 0)
		return 8192;
	return (size_t)(info.msgmax > info.msgmnb ? info.msgmax : info.msgmnb);
}

int64_t sys_msgsnd(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t size = a[2], w = conv_word_bytes(p->abi);
	if ((int64_t)size < 0 || size > msg_text_max())
		return -EINVAL;
	uint64_t type;
	int64_t r = conv_get_word(p->abi, p->mem, a[1], &type);
	if (r < 0)
		return r;
	struct msgbuf *m = g_malloc(sizeof(long) + (size ? size : 1));
	m->mtype = (long)guest_long(p, type);
	r = gmem_read(p->mem, a[1] + w, m->mtext, size);
	if (r == 0)
		r = linux_blocking_syscall(SYS_msgsnd, linux_int(a[0]), m, size, linux_int(a[3]));
	g_free(m);
	return r;
}

int64_t sys_msgrcv(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	size_t size = a[2], w = conv_word_bytes(p->abi);
	if ((int64_t)size < 0)
		return -EINVAL;
	size_t max = msg_text_max();
	if (size > max)
		size = max;
	struct msgbuf *m = g_malloc(sizeof(long) + (size ? size : 1));
	int64_t r = linux_blocking_syscall(SYS_msgrcv, linux_int(a[0]), m, size,
	                                   guest_long(p, a[3]), linux_int(a[4]));
	if (r >= 0 && (conv_put_word(p->abi, p->mem, a[1], (uint64_t)m->mtype) < 0 ||
	               gmem_write(p->mem, a[1] + w, m->mtext, (size_t)r) < 0))
		r = -EFAULT;
	g_free(m);
	return r;
}

int64_t sys_msgctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int id = linux_int(a[0]), cmd = linux_int(a[1]);
	int64_t r;
	switch (cmd) {
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY: {
		struct msqid_ds ds;
		r = linux_ret(syscall(SYS_msgctl, id, cmd, &ds));
		if (r >= 0 && conv_put_msqid_ds(p->abi, p->mem, a[2], &ds) < 0)
			r = -EFAULT;
		return r;
	}
	case IPC_SET: {
		struct msqid_ds ds;
		r = conv_get_msqid_ds(p->abi, p->mem, a[2], &ds);
		return r < 0 ? r : linux_ret(syscall(SYS_msgctl, id, cmd, &ds));
	}
	case IPC_INFO:
	case MSG_INFO: {
		struct msginfo info;
		r = linux_ret(syscall(SYS_msgctl, id, cmd, &info));
		if (r >= 0 && conv_put_msginfo(p->abi, p->mem, a[2], &info) < 0)
			r = -EFAULT;
		return r;
	}
	}
	return linux_ret(syscall(SYS_msgctl, id, cmd, NULL));
}
