/*
 * main() of a per-ISA runner (ferry-<isa>): parse options, load the program into a fresh
 * guest address space, set up the Linux personality and the engine, then run the CPU
 * loop until the guest exits; every guest thread the guest creates runs the same CPU loop
 * on a host thread of its own. The ISA comes from the one LinuxAbi this binary is linked
 * with; nothing here knows which ISA that is.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "jit/engine.h"
#include "jit/fault.h"
#include "loader/loader.h"
#include "runner/binfmt_args.h"
#include "runner/options.h"
#include "syscall/abi/abi.h"
#include "syscall/linux/linux.h"

#define DEFAULT_STACK_SIZE (8ull << 20)

/* The guest environment: the runner's own, then -U removals and -E settings in order. */
static char **guest_environment(const RunnerOptions *o)
{
	char **env = g_get_environ();
	for (guint i = 0; i < o->unset_env->len; i++)
		env = g_environ_unsetenv(env, g_ptr_array_index(o->unset_env, i));
	for (guint i = 0; i < o->set_env->len; i++) {
		const char *kv = g_ptr_array_index(o->set_env, i);
		char *name = g_strndup(kv, (gsize)(strchr(kv, '=') - kv));
		env = g_environ_setenv(env, name, strchr(kv, '=') + 1, TRUE);
		g_free(name);
	}
	return env;
}

static int fetch_code(void *opaque, uint64_t pc, void *buf, size_t len)
{
	GuestMem *mem = opaque;
	if (!gmem_access_ok(mem, pc, len, PROT_EXEC))
		return -EFAULT;
	memcpy(buf, gmem_g2h(mem, pc), len);
	return 0;
}

static void code_changed(void *opaque, uint64_t start, uint64_t len)
{
	engine_invalidate(opaque, start, len);
}

/* The process's engine and personality, which every guest thread's CPU loop uses. */
typedef struct Runner {
	Engine *engine;
	LinuxProc *proc;
} Runner;

/* One guest thread's CPU loop; returns once that thread has exited (the last thread's
 * exit, exit_group and fatal signals end the process instead). */
static void cpu_loop(Runner *r, CpuCommon *cpu)
{
	for (;;) {
		CpuExit why = engine_run(r->engine, cpu);
		if (why == CPU_EXIT_SYSCALL) {
			if (!linux_syscall(r->proc, cpu))
				return;
		} else if (why != CPU_EXIT_INTERRUPT) {
			linux_fault_signal(r->proc, cpu, why);
		}
		linux_signal_deliver(r->proc, cpu);
	}
}

static void run_cpu(void *opaque, CpuCommon *cpu)
{
	cpu_loop(opaque, cpu);
}

static void release_cpu(void *opaque, CpuCommon *cpu)
{
	engine_cpu_release(((Runner *)opaque)->engine, cpu);
}

static void fork_prepare(void *opaque)
{
	engine_fork_prepare(((Runner *)opaque)->engine);
}

static void fork_parent(void *opaque)
{
	engine_fork_parent(((Runner *)opaque)->engine);
}

static void fork_child(void *opaque, CpuCommon *survivor)
{
	engine_fork_child(((Runner *)opaque)->engine, survivor);
}

/* FERRY_STATS=1: one line of translation totals on stderr when the guest exits. */
static void print_stats(void *opaque)
{
	EngineStats s = engine_stats(opaque);
	fprintf(stderr,
	        "ferry-stats: blocks=%" PRIu64 " guest_insns=%" PRIu64 " translate_ns=%" PRIu64,
	        s.blocks, s.guest_insns, s.translate_ns);
	if (s.cosim_checked || s.cosim_unchecked)
		fprintf(stderr, " cosim_checked=%" PRIu64 " cosim_unchecked=%" PRIu64,
			s.cosim_checked, s.cosim_unchecked);
	fputc('\n', stderr);
}

/* The runner's own binary, for re-executing itself when the guest execs another guest
 * program. It is opened now, while the name still leads to it: /proc/self/exe when /proc
 * is there, else the name the kernel ran (AT_EXECFN, then argv[0] and a PATH search).
 * An O_PATH descriptor is enough for execveat(fd, "", AT_EMPTY_PATH) and keeps working
 * after the guest chroots, unmounts /proc or removes the file; it is close-on-exec so
 * neither the guest's exec'd programs nor a re-executed runner inherit it, and it sits at
 * the top of the descriptor range, away from the low numbers guests pick. *path gets an
 * absolute name of the binary for when the descriptor is gone. */
static int open_runner_binary(const char *argv0, char **path)
{
	const char *names[3] = {"/proc/self/exe", (const char *)getauxval(AT_EXECFN), argv0};
	char *found = argv0 && !strchr(argv0, '/') ? g_find_program_in_path(argv0) : NULL;
	if (found)
		names[2] = found;
	int fd = -1;
	for (int i = 0; i < 3 && fd < 0; i++)
		if (names[i])
			fd = open(names[i], O_PATH | O_CLOEXEC);
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = 0;
		*path = g_strdup(buf);
	} else {
		*path = g_canonicalize_filename(found ? found : argv0, NULL);
	}
	g_free(found);
	struct rlimit rl;
	if (fd >= 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 64) {
		int high = fcntl(fd, F_DUPFD_CLOEXEC, (int)(rl.rlim_cur > 4096 ? 4095 : rl.rlim_cur - 1));
		if (high >= 0) {
			close(fd);
			fd = high;
		}
	}
	return fd;
}

static void load_or_exit(const RunnerOptions *o, char **argv, GuestMem *mem, LoadedImage *img)
{
	const LinuxAbi *abi = &linux_abi;
	LoaderArch arch = {
	    .elf_machine = abi->elf_machine,
	    .elf_class = abi->elf_class,
	    .elf_data = abi->big_endian ? ELFDATA2MSB : ELFDATA2LSB,
	    .platform = abi->platform,
	    .hwcap = abi->hwcap,
	    .hwcap2 = abi->hwcap2,
	    .check_flags = abi->check_elf_flags,
	};
	const char *path = argv[o->prog_index];
	char **guest_argv = g_strdupv(argv + o->prog_index);
	if (o->argv0) {
		g_free(guest_argv[0]);
		guest_argv[0] = g_strdup(o->argv0);
	}
	char **env = guest_environment(o);
	LoaderParams p = {
	    .path = path,
	    .exec_fd = o->exec_fd,
	    .sysroot = o->sysroot,
	    .argv = guest_argv,
	    .envp = env,
	    .execfn = path,
	    .stack_size = o->stack_size ? o->stack_size : DEFAULT_STACK_SIZE,
	    .secure = o->secure,
	    .uid = getuid(),
	    .euid = geteuid(),
	    .gid = getgid(),
	    .egid = getegid(),
	};
	LoaderError err;
	if (loader_load(&arch, &p, mem, img, &err) < 0) {
		fprintf(stderr, "%s: %s: %s\n", o->runner_name, path, err.msg);
		exit(err.exit_status);
	}
	if (o->exec_fd >= 0)
		close(o->exec_fd);
	g_strfreev(guest_argv);
	g_strfreev(env);
}

static void setup_logging(const RunnerOptions *o)
{
	log_mask = o->log_mask;
	if (o->log_file) {
		int r = log_set_file(o->log_file, o->log_append);
		if (r < 0) {
			fprintf(stderr, "%s: %s: %s\n", o->runner_name, o->log_file, strerror(-r));
			exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	setvbuf(stderr, NULL, _IONBF, 0);
	const LinuxAbi *abi = &linux_abi;
	RunnerOptions o = {.runner_name = g_strdup_printf("ferry-%s", abi->isa), .abi = abi};
	binfmt_args_apply(&o, &argc, &argv);
	int r = options_parse(&o, argc, argv);
	if (r >= 0)
		return r;
	setup_logging(&o);
	char *runner_path;
	int runner_fd = open_runner_binary(argv[0], &runner_path);
	char **carry = options_carry(&o);

	GuestMem *mem = gmem_new(abi->va_bits);
	if (!mem) {
		fprintf(stderr, "%s: cannot reserve the guest address space\n", o.runner_name);
		return 1;
	}
	LoadedImage img;
	load_or_exit(&o, argv, mem, &img);

	CpuCommon *cpu = calloc(1, abi->arch->cpu_size);
	GuestFetch fetch = {fetch_code, mem};
	Engine *engine = engine_new(abi->arch, o.engine, &fetch);
	if (!cpu || !engine) {
		fprintf(stderr, "%s: %s\n", o.runner_name,
		        cpu ? "this engine is not available in this build (use -engine interp)"
		            : "out of memory");
		return 1;
	}
	abi->cpu_init(cpu, img.entry, img.sp);
	cpu->guest_base = gmem_base(mem);
	static Runner runner;
	runner.engine = engine;
	LinuxProcInit init = {
	    .exe_path = img.exe_path,
	    .sysroot = o.sysroot,
	    .uname_release = o.uname_release,
	    .start_brk = img.start_brk,
	    .auxv_addr = img.auxv_addr,
	    .auxv_len = img.auxv_len,
	    .stack_top = img.stack_top,
	    .stack_limit = img.stack_limit,
	    .initial_sp = img.sp,
	    .start_code = img.start_code,
	    .end_code = img.end_code,
	    .start_data = img.start_data,
	    .end_data = img.end_data,
	    .runner_fd = runner_fd,
	    .runner_path = runner_path,
	    .runner_opts = carry,
	    .code_changed = code_changed,
	    .code_changed_opaque = engine,
	    .at_exit = o.stats && !o.secure ? print_stats : NULL,
	    .at_exit_opaque = engine,
	    .hooks = {run_cpu, release_cpu, fork_prepare, fork_parent, fork_child, &runner},
	};
	runner.proc = linux_proc_new(abi, mem, &init);
	fault_install();
	linux_signal_attach(runner.proc, cpu);
	cpu_loop(&runner, cpu);
	/* The first thread exited while others run on: end only this host thread, without
	 * the C library's process-wide exit. */
	syscall(SYS_exit, 0);
	return 0;
}
