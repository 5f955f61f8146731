/*
 * SysV shared memory. Segments are the host's, so a guest shares them with its forked
 * children and with any other process; attaching goes through GuestMem (gmem_shmat),
 * which places the segment at a guest address under Linux's rules and records it in the
 * guest map. shmid_ds and the IPC_INFO / SHM_INFO structs go through the conversion
 * module. IPC_* and SHM_* values are the same on every ABI; the control calls use the
 * raw host system call so the kernel sees the command exactly as the guest gave it.
 */
#include <errno.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

int64_t sys_shmget(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(shmget(linux_int(a[0]), a[1], linux_int(a[2])));
}

/* A new attach may replace mapped guest code (SHM_REMAP) and a detach removes what was
 * there, so translations of the range are dropped either way. */
int64_t sys_shmat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t size = 0;
	int64_t r = gmem_shmat(p->mem, linux_int(a[0]), a[1], linux_int(a[2]), &size);
	if (r >= 0)
		linux_code_changed(p, (uint64_t)r, size);
	return r;
}

int64_t sys_shmdt(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	uint64_t size = 0;
	int r = gmem_shmdt(p->mem, a[0], &size);
	if (r == 0)
		linux_code_changed(p, a[0], size);
	return r;
}

static int64_t shmctl_host(int id, int cmd, void *buf)
{
	return linux_ret(syscall(SYS_shmctl, id, cmd, buf));
}

int64_t sys_shmctl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int id = linux_int(a[0]), cmd = linux_int(a[1]);
	int64_t r;
	switch (cmd) {
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY: {
		struct shmid_ds ds;
		r = shmctl_host(id, cmd, &ds);
		if (r >= 0 && conv_put_shmid_ds(p->abi, p->mem, a[2], &ds) < 0)
			r = -EFAULT;
		return r;
	}
	case IPC_SET: {
		struct shmid_ds ds;
		r = conv_get_shmid_ds(p->abi, p->mem, a[2], &ds);
		return r < 0 ? r : shmctl_host(id, cmd, &ds);
	}
	case IPC_INFO: {
		struct shminfo info;
		r = shmctl_host(id, cmd, &info);
		if (r >= 0 && conv_put_shminfo(p->abi, p->mem, a[2], &info) < 0)
			r = -EFAULT;
		return r;
	}
	case SHM_INFO: {
		struct shm_info info;
		r = shmctl_host(id, cmd, &info);
		if (r >= 0 && conv_put_shm_info(p->abi, p->mem, a[2], &info) < 0)
			r = -EFAULT;
		return r;
	}
	}
	/* IPC_RMID, SHM_LOCK, SHM_UNLOCK take no buffer; the host refuses the rest. */
	return shmctl_host(id, cmd, NULL);
}
