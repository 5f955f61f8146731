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
#include <sys/stat.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/signal_int.h"

static void comm_from_path(char comm[16], const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : (path ? path : "");
	g_strlcpy(comm, base, 16);
}

/* The extent of `n` consecutive NUL-terminated strings starting where the first pointer
 * of the vector at `vec` points, as the kernel records arg_start/arg_end and
 * env_start/env_end: the loader lays the strings out back to back. */
static void string_area(LinuxProc *p, uint64_t vec, uint64_t n, uint64_t *start, uint64_t *end)
{
	uint64_t first = 0, last = 0;
	*start = *end = 0;
	if (n == 0 || conv_get_word(p->abi, p->mem, vec, &first) < 0 ||
	    conv_get_word(p->abi, p->mem, vec + (n - 1) * conv_word_bytes(p->abi), &last) < 0)
		return;
	const char *s = gmem_str(p->mem, last, 1u << 20);
	if (!s)
		return;
	*start = first;
	*end = last + strlen(s) + 1;
}

static void find_strings(LinuxProc *p, uint64_t sp)
{
	unsigned w = conv_word_bytes(p->abi);
	uint64_t argc = 0, envc = 0, v;
	if (!sp || conv_get_word(p->abi, p->mem, sp, &argc) < 0)
		return;
	uint64_t argv = sp + w, envp = argv + (argc + 1) * w;
	while (conv_get_word(p->abi, p->mem, envp + envc * w, &v) == 0 && v)
		envc++;
	string_area(p, argv, argc, &p->arg_start, &p->arg_end);
	string_area(p, envp, envc, &p->env_start, &p->env_end);
}

static void self_init(LinuxExecSelf *self, const LinuxProcInit *init)
{
	struct stat st;
	/* Without a runner path (unit tests) there is no runner binary to run again. */
	self->fd = init->runner_path ? init->runner_fd : -1;
	if (self->fd >= 0 && fstat(self->fd, &st) == 0) {
		self->dev = st.st_dev;
		self->ino = st.st_ino;
	}
	self->path = g_strdup(init->runner_path);
	self->opts = init->runner_opts;
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
	p->start_code = init->start_code;
	p->end_code = init->end_code;
	p->start_data = init->start_data;
	p->end_data = init->end_data;
	p->start_stack = init->initial_sp;
	find_strings(p, init->initial_sp);
	self_init(&p->self, init);
	p->code_changed = init->code_changed;
	p->code_changed_opaque = init->code_changed_opaque;
	p->at_exit = init->at_exit;
	p->at_exit_opaque = init->at_exit_opaque;
	p->hooks = init->hooks;
	linux_thread_init(p);
	comm_from_path(linux_self()->comm, init->exe_path);
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
