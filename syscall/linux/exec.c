/*
 * execve and execveat. The file is looked up like every guest path (absolute names
 * through the -L sysroot, relative ones from the cwd or the directory descriptor) and
 * judged by its first bytes, as the kernel does, before anything irreversible happens:
 *  - an ELF image for this runner's guest ISA: the runner executes itself again (from
 *    the descriptor opened at start-up, see runner/main.c) with the options that must
 *    carry over, `-0` and the guest's argv[0], the program and the guest's arguments,
 *    and the guest's environment, so no binfmt_misc registration is needed;
 *  - an x86-64 (or i386) ELF image: the host executes it natively;
 *  - "#!": the interpreter line is parsed like the kernel's script loader (exec_argv.c)
 *    and the interpreter goes through the same rules, a guest interpreter under the
 *    runner and a host one natively, nested at most EXEC_MAX_DEPTH deep;
 *  - anything else goes to the host's execve, which gives the kernel's answer (ENOEXEC,
 *    or a host binfmt_misc handler's run).
 * Missing files, directories and files without execute permission fail with the
 * kernel's errors before that, and any failure returns to the guest, which keeps
 * running. Under -strace the execve line is written with result 0 just before the host
 * call, because a successful exec never returns to print it; should that host call fail
 * after all, a second line gives the error.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "common/log.h"
#include "loader/loader.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/exec_argv.h"
#include "syscall/linux/path.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/strace.h"
#include "syscall/linux/sys.h"
#include "syscall/linux/vfork.h"

enum {
	LINUX_AT_FDCWD = -100,
	LINUX_AT_SYMLINK_NOFOLLOW = 0x100,
	LINUX_AT_EMPTY_PATH = 0x1000,
	EXEC_MAX_STRINGS = 1 << 20,  /* a guard against endless vectors; the host's E2BIG
	                                limit is far lower in practice */
	EXEC_MAX_STRLEN = 32 * 4096, /* MAX_ARG_STRLEN */
};

/* The file to execute: host path relative to dirfd, and the kernel's execveat flags. */
typedef struct ExecTarget {
	int dirfd;
	const char *path;
	int flags;
} ExecTarget;

static bool empty_path(const ExecTarget *t)
{
	return (t->flags & LINUX_AT_EMPTY_PATH) && !t->path[0];
}

/* Reads a guest NULL-terminated vector of string pointers (argv or envp). */
static int read_strings(LinuxProc *p, uint64_t addr, char ***out)
{
	GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
	unsigned w = conv_word_bytes(p->abi);
	int r = 0;
	for (uint64_t i = 0; addr; i++) {
		uint64_t s;
		if (i >= EXEC_MAX_STRINGS) {
			r = -E2BIG;
			break;
		}
		if (conv_get_word(p->abi, p->mem, addr + i * w, &s) < 0) {
			r = -EFAULT;
			break;
		}
		if (!s)
			break;
		const char *str = gmem_str(p->mem, s, EXEC_MAX_STRLEN);
		if (!str) {
			r = gmem_access_ok(p->mem, s, 1, PROT_READ) ? -E2BIG : -EFAULT;
			break;
		}
		g_ptr_array_add(v, g_strdup(str));
	}
	if (r < 0) {
		g_ptr_array_free(v, TRUE);
		return r;
	}
	g_ptr_array_set_free_func(v, NULL);
	g_ptr_array_add(v, NULL);
	*out = (char **)g_ptr_array_free(v, FALSE);
	return 0;
}

/* Opens the target for reading its header. Returns the descriptor, -EACCES with *fd
 * left -1 when the file may be executable but not readable (the host then decides), or
 * another -errno. */
static int open_target(const ExecTarget *t, int *fd)
{
	*fd = -1;
	int nofollow = (t->flags & LINUX_AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0;
	if (empty_path(t)) {
		char proc[64];
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", t->dirfd);
		*fd = fcntl(t->dirfd, F_DUPFD_CLOEXEC, 0);
		if (*fd < 0)
			return -errno;
		/* an O_PATH descriptor cannot be read; its file can be reopened */
		int flags = fcntl(*fd, F_GETFL);
		if (flags >= 0 && (flags & O_PATH)) {
			close(*fd);
			*fd = open(proc, O_RDONLY | O_CLOEXEC);
		}
	} else {
		*fd = openat(t->dirfd, t->path, O_RDONLY | O_CLOEXEC | nofollow);
	}
	return *fd < 0 ? -errno : *fd;
}

/* The kernel's permission rules: a regular file with execute permission for the
 * effective ids, on a file system that allows execution. */
static int check_executable(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EACCES;
	if (syscall(SYS_faccessat2, fd, "", X_OK, AT_EACCESS | AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return -errno;
	/* hosts before Linux 5.8: the mode bits (supplementary groups aside) */
	mode_t bit = geteuid() == 0           ? 0111
	             : st.st_uid == geteuid() ? S_IXUSR
	             : st.st_gid == getegid() ? S_IXGRP
	                                      : S_IXOTH;
	return (st.st_mode & bit) ? 0 : -EACCES;
}

/* Writes the pending -strace line as a successful call (see the file comment), the
 * runner's end-of-image report (-stats) and flushes what the runner buffered, since the
 * process image is about to go. The report stays armed: should the exec fail, the
 * image's exit reports again with the totals grown since. */
static void before_host_exec(LinuxProc *p)
{
	if (linux_self()->strace_pending)
		strace_end(p, 0);
	if (p->at_exit)
		p->at_exit(p->at_exit_opaque);
	fflush(stdout);
	fflush(stderr);
	FILE *f = log_file();
	if (f)
		fflush(f);
}

static int64_t exec_host(LinuxProc *p, const ExecTarget *t, char **argv, char **envp)
{
	before_host_exec(p);
	/* the AT_* values are the same for every Linux ABI */
	return linux_ret(syscall(SYS_execveat, t->dirfd, t->path, argv, envp, t->flags));
}

/* True while self.fd still is the runner binary (the guest may have dup2'ed over it). */
static bool self_fd_valid(const LinuxExecSelf *self)
{
	struct stat st;
	return self->fd >= 0 && fstat(self->fd, &st) == 0 && st.st_dev == self->dev &&
	       st.st_ino == self->ino;
}

/* A path the re-executed runner can open for a guest program found through `fd`. */
static char *program_path(const ExecTarget *t, int fd)
{
	if (!empty_path(t) && (t->path[0] == '/' || t->dirfd == LINUX_AT_FDCWD))
		return g_strdup(t->path);
	char link[64], buf[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, sizeof buf - 1);
	if (n <= 0 || buf[0] != '/')
		return NULL;
	buf[n] = 0;
	return g_strdup(buf);
}

static int64_t exec_self(LinuxProc *p, const char *prog, char **argv, char **envp)
{
	const LinuxExecSelf *self = &p->self;
	if (self->fd < 0 && !self->path)
		return -ENOEXEC;
	char **rargv = exec_runner_argv(self->path ? self->path : "ferry", self->opts, prog, argv);
	before_host_exec(p);
	int64_t r = -ENOEXEC;
	if (self_fd_valid(self))
		r = linux_ret(syscall(SYS_execveat, self->fd, "", rargv, envp, AT_EMPTY_PATH));
	if (self->path && r != -E2BIG)
		r = linux_ret(execve(self->path, rargv, envp));
	g_strfreev(rargv);
	return r;
}

static int64_t exec_run(LinuxProc *p, const ExecTarget *t, char **argv, char **envp, int depth);

/* A "#!" script: its interpreter runs with the script's (host) name as an argument. */
static int64_t exec_script(LinuxProc *p, const ExecTarget *t, const uint8_t *hdr, size_t n,
                           char **argv, char **envp, int depth)
{
	ExecShebang sb;
	if (depth >= EXEC_MAX_DEPTH)
		return -ELOOP;
	if (exec_parse_shebang(hdr, n, &sb) < 0)
		return -ENOEXEC;
	char *script;
	if (empty_path(t))
		script = g_strdup_printf("/dev/fd/%d", t->dirfd);
	else if (t->path[0] != '/' && t->dirfd != LINUX_AT_FDCWD)
		script = g_strdup_printf("/dev/fd/%d/%s", t->dirfd, t->path);
	else
		script = g_strdup(t->path);
	char **iargv = exec_script_argv(&sb, script, argv);
	char *interp = loader_resolve_path(p->sysroot, sb.interp);
	ExecTarget it = {LINUX_AT_FDCWD, interp, 0};
	int64_t r = exec_run(p, &it, iargv, envp, depth + 1);
	g_free(interp);
	g_strfreev(iargv);
	g_free(script);
	return r;
}

static int64_t exec_run(LinuxProc *p, const ExecTarget *t, char **argv, char **envp, int depth)
{
	int fd;
	int r = open_target(t, &fd);
	if (r == -EACCES)
		return exec_host(p, t, argv, envp);
	if (r < 0)
		return r;
	uint8_t hdr[EXEC_HEADER_SIZE] = {0};
	ssize_t n = (r = check_executable(fd)) < 0 ? -1 : pread(fd, hdr, sizeof hdr, 0);
	if (r == 0 && n < 0)
		r = -errno;
	if (r < 0) {
		close(fd);
		return r;
	}
	const LinuxAbi *abi = p->abi;
	ExecElfId guest = {abi->elf_machine, abi->elf_class,
	                   abi->big_endian ? ELFDATA2MSB : ELFDATA2LSB};
	int64_t ret;
	switch (exec_classify(hdr, (size_t)n, &guest)) {
	case EXEC_GUEST_ELF: {
		char *prog = program_path(t, fd);
		ret = prog ? exec_self(p, prog, argv, envp) : -ENOENT;
		g_free(prog);
		break;
	}
	case EXEC_SCRIPT: ret = exec_script(p, t, hdr, (size_t)n, argv, envp, depth); break;
	default: ret = exec_host(p, t, argv, envp); break;
	}
	close(fd);
	return ret;
}

static int64_t do_execveat(LinuxProc *p, int dirfd, uint64_t path, uint64_t argv_addr,
                           uint64_t envp_addr, int flags)
{
	if (flags & ~(LINUX_AT_EMPTY_PATH | LINUX_AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	LinuxPath lp;
	int r = linux_path_get(p, path, true, &lp);
	if (r < 0)
		return r;
	char **argv = NULL, **envp = NULL;
	if ((r = read_strings(p, argv_addr, &argv)) == 0)
		r = read_strings(p, envp_addr, &envp);
	if (r == 0 && !lp.host[0] && !(flags & LINUX_AT_EMPTY_PATH))
		r = -ENOENT;
	int64_t ret = r;
	if (r == 0) {
		ExecTarget t = {dirfd, lp.host, flags};
		ret = exec_run(p, &t, argv, envp, 0);
	}
	g_strfreev(argv);
	g_strfreev(envp);
	linux_path_free(&lp);
	return ret;
}

int64_t sys_execve(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_execveat(p, LINUX_AT_FDCWD, a[0], a[1], a[2], 0);
}

int64_t sys_execveat(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_execveat(p, linux_int(a[0]), a[1], a[2], a[3], linux_int(a[4]));
}

bool linux_exec_fd_reserved(const LinuxProc *p, int fd)
{
	return fd >= 0 && (fd == p->self.fd || linux_vfork_fd_reserved(fd));
}

/* close_range around the runner's own descriptors: the runner binary's and, in a vfork
 * child, the channel to the parent (vfork.c). */
int64_t linux_exec_close_range(const LinuxProc *p, unsigned lo, unsigned hi, unsigned flags)
{
	if (lo > hi)
		return linux_ret(syscall(SYS_close_range, lo, hi, flags));
	int a = p->self.fd, b = linux_vfork_fd();
	const int keep[2] = {a < b ? a : b, a < b ? b : a};
	unsigned from = lo;
	for (size_t i = 0; i < 2; i++) {
		if (keep[i] < 0 || (unsigned)keep[i] < from || (unsigned)keep[i] > hi)
			continue;
		if ((unsigned)keep[i] > from &&
		    syscall(SYS_close_range, from, (unsigned)keep[i] - 1, flags) < 0)
			return -errno;
		from = (unsigned)keep[i] + 1;
	}
	if (from > hi)
		return 0;
	return linux_ret(syscall(SYS_close_range, from, hi, flags));
}
