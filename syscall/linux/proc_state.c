/*
 * Creation of the per-process state of the Linux personality from what the loader and
 * the runner's options provide (LinuxProcInit), and the few process-wide helpers the
 * handler files share.
 */
#include "syscall/linux/proc_state.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>

#include "common/log.h"
#include "syscall/linux/signal_int.h"

static void comm_from_path(char comm[16], const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : (path ? path : "");
	g_strlcpy(comm, base, 16);
}

LinuxProc *linux_proc_new(const LinuxAbi *abi, GuestMem *mem, const LinuxProcInit *init)
{
	LinuxProc *p = g_new0(LinuxProc, 1);
	p->abi = abi;
	p->mem = mem;
	p->exe_path = g_strdup(init->exe_path);
	p->sysroot = init->sysroot && init->sysroot[0] ? g_strdup(init->sysroot) : NULL;
	p->uname_release = g_strdup(init->uname_release);
	p->start_brk = init->start_brk;
	p->brk = init->start_brk;
	uint64_t ps = gmem_page_size(mem);
	p->brk_mapped = (init->start_brk + ps - 1) & ~(ps - 1);
	p->auxv_addr = init->auxv_addr;
	p->auxv_len = init->auxv_len;
	p->stack_top = init->stack_top;
	p->stack_limit = init->stack_limit;
	p->code_changed = init->code_changed;
	p->code_changed_opaque = init->code_changed_opaque;
	p->at_exit = init->at_exit;
	p->at_exit_opaque = init->at_exit_opaque;
	comm_from_path(p->comm, init->exe_path);
	p->sig.altstack_flags = LINUX_SS_DISABLE;
	linux_signal_init(p);
	return p;
}

void linux_flush_logs(LinuxProc *p)
{
	void (*at_exit)(void *) = p->at_exit;
	p->at_exit = NULL;
	if (at_exit)
		at_exit(p->at_exit_opaque);
	strace_flush_pending(p);
	fflush(stdout);
	fflush(stderr);
	FILE *f = log_file();
	if (f)
		fflush(f);
}
