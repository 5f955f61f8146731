/*
 * fcntl: one table line per command saying what its argument is. The command numbers
 * and FD_CLOEXEC are the same for the 64-bit asm-generic ABIs and x86-64; file status
 * flags and struct flock go through the conversion module.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

typedef enum FcntlArg {
	FA_NONE,     /* no argument */
	FA_INT,      /* an integer passed by value */
	FA_GETFL,    /* result is a file status flag word */
	FA_SETFL,    /* argument is a file status flag word */
	FA_LOCK_GET, /* struct flock in and out */
	FA_LOCK_SET, /* struct flock in */
} FcntlArg;

typedef struct FcntlCmd {
	int cmd;
	FcntlArg arg;
} FcntlCmd;

static const FcntlCmd fcntl_cmds[] = {
    {F_DUPFD, FA_INT},          {F_GETFD, FA_NONE},         {F_SETFD, FA_INT},
    {F_GETFL, FA_GETFL},        {F_SETFL, FA_SETFL},        {F_GETLK, FA_LOCK_GET},
    {F_SETLK, FA_LOCK_SET},     {F_SETLKW, FA_LOCK_SET},    {F_SETOWN, FA_INT},
    {F_GETOWN, FA_NONE},        {F_SETSIG, FA_INT},         {F_GETSIG, FA_NONE},
    {F_OFD_GETLK, FA_LOCK_GET}, {F_OFD_SETLK, FA_LOCK_SET}, {F_OFD_SETLKW, FA_LOCK_SET},
    {F_SETLEASE, FA_INT},       {F_GETLEASE, FA_NONE},      {F_NOTIFY, FA_INT},
    {F_DUPFD_CLOEXEC, FA_INT},  {F_SETPIPE_SZ, FA_INT},     {F_GETPIPE_SZ, FA_NONE},
    {F_ADD_SEALS, FA_INT},      {F_GET_SEALS, FA_NONE},
};

static const FcntlCmd *fcntl_lookup(int cmd)
{
	for (size_t i = 0; i < sizeof fcntl_cmds / sizeof fcntl_cmds[0]; i++)
		if (fcntl_cmds[i].cmd == cmd)
			return &fcntl_cmds[i];
	return NULL;
}

static int64_t fcntl_lock(LinuxProc *p, int fd, int cmd, uint64_t addr, bool get)
{
	struct flock fl;
	int r = conv_get_flock(p->abi, p->mem, addr, &fl);
	if (r < 0)
		return r;
	if (fcntl(fd, cmd, &fl) < 0)
		return -errno;
	return get ? conv_put_flock(p->abi, p->mem, addr, &fl) : 0;
}

int64_t sys_fcntl(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int fd = linux_int(a[0]), cmd = linux_int(a[1]);
	const FcntlCmd *c = fcntl_lookup(cmd);
	if (!c) {
		if (log_on(LOG_UNIMP))
			log_printf("unimplemented fcntl command %d\n", cmd);
		return -EINVAL;
	}
	switch (c->arg) {
	case FA_NONE: return linux_ret(fcntl(fd, cmd));
	case FA_INT: return linux_ret(fcntl(fd, cmd, linux_int(a[2])));
	case FA_GETFL: {
		int r = fcntl(fd, cmd);
		return r < 0 ? -errno : (int64_t)conv_open_flags_to_guest(p->abi, r);
	}
	case FA_SETFL:
		return linux_ret(fcntl(fd, cmd, conv_open_flags_to_host(p->abi, (uint32_t)a[2])));
	case FA_LOCK_GET: return fcntl_lock(p, fd, cmd, a[2], true);
	case FA_LOCK_SET: return fcntl_lock(p, fd, cmd, a[2], false);
	}
	return -EINVAL;
}
