/*
 * A guest ISA's Linux ABI as the generic personality sees it: how syscall numbers and
 * arguments sit in the CPU state, the syscall table for its numbering, the word size and
 * byte order every struct conversion follows, and what the ELF loader and uname report.
 * Each runner is linked with exactly one LinuxAbi, named `linux_abi`, defined in
 * syscall/abi/<isa>.c.
 */
#ifndef FERRY_ABI_H
#define FERRY_ABI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/cpu_common.h"
#include "common/guest_mem.h"
#include "jit/guest_arch.h"

typedef struct LinuxProc LinuxProc;

/* A handler gets the raw guest argument words; returns the result or -errno (Linux
 * numbering). */
typedef int64_t (*LinuxSyscallFn)(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6]);

/* One line of a syscall table. `args` describes each argument for -strace, one char
 * per argument: d signed int, u unsigned, x hex, s guest string, p pointer, o octal mode,
 * f open flags, a *at dirfd, m mmap prot, M mmap flags. */
typedef struct LinuxSyscallDesc {
	const char *name;
	LinuxSyscallFn fn; /* NULL: returns -ENOSYS, logged under -d unimp */
	const char *args;
	unsigned flags; /* LINUX_SC_* */
} LinuxSyscallDesc;

/* The call returns EINTR to a signal handler even when the handler has SA_RESTART (the
 * kernel's ERESTARTNOHAND and restart-block calls: sleeps, waits for signals, polls). */
#define LINUX_SC_NORESTART 1u

/* What an rt signal frame holds besides the CPU state. On the way in (sigframe_setup)
 * every field is used; on the way out (sigframe_restore) mask and the stack_t fields
 * are filled from the frame, which the handler may have edited. */
typedef struct LinuxSigFrame {
	int sig;
	const uint8_t *siginfo;  /* the guest siginfo bytes (CONV_SIGINFO_SIZE) */
	uint64_t handler;        /* guest address the handler starts at */
	uint64_t return_addr;    /* where the handler returns to: a sigreturn trampoline */
	uint64_t mask;           /* uc_sigmask: the mask rt_sigreturn puts back */
	uint64_t ss_sp, ss_size; /* uc_stack: the alternate stack at delivery */
	int32_t ss_flags;
} LinuxSigFrame;

/* One guest flag (or a multi-bit field under `guest_mask`) and the host bits it stands
 * for; a table ends with an all-zero entry. */
typedef struct LinuxFlagMap {
	uint32_t guest_mask, guest_bits;
	uint32_t host_mask, host_bits;
} LinuxFlagMap;

/* A one-bit flag (or one value of a field): the guest's bits and the host's. */
/* clang-format off */
#define LINUX_FLAG_SAME(guest, host) { (guest), (guest), (host), (host) }
/* clang-format on */

/* O_LARGEFILE: glibc's x86-64 headers define it as 0, the kernel uses this value and
 * sets it on every 64-bit open file. */
#define KERNEL_O_LARGEFILE 0100000

/* The start of every open-flag table (<fcntl.h> at the use): the access mode and
 * O_CREAT to O_ASYNC, whose values asm-generic and arm64 share. */
#define LINUX_OPEN_FLAGS_COMMON                                                                    \
	{3, 0, O_ACCMODE, O_RDONLY}, {3, 1, O_ACCMODE, O_WRONLY}, {3, 2, O_ACCMODE, O_RDWR},       \
	    LINUX_FLAG_SAME(0100, O_CREAT), LINUX_FLAG_SAME(0200, O_EXCL),                         \
	    LINUX_FLAG_SAME(0400, O_NOCTTY), LINUX_FLAG_SAME(01000, O_TRUNC),                      \
	    LINUX_FLAG_SAME(02000, O_APPEND), LINUX_FLAG_SAME(04000, O_NONBLOCK),                  \
	    LINUX_FLAG_SAME(010000, O_DSYNC), LINUX_FLAG_SAME(020000, O_ASYNC)

typedef struct LinuxAbi {
	const char *isa;           /* runner suffix: "riscv64" -> ferry-riscv64 */
	const char *uname_machine; /* utsname.machine */
	const char *extensions;    /* the ISA extensions implemented, for --features */
	const GuestArch *arch;     /* the frontend */
	unsigned word_bits;        /* 64 or 32: long and pointer size */
	bool big_endian;
	unsigned va_bits; /* user address-space width */
	uint16_t elf_machine;
	uint8_t elf_class;    /* ELFCLASS64/32 */
	const char *platform; /* AT_PLATFORM, or NULL */
	uint64_t hwcap, hwcap2;
	const char *(*check_elf_flags)(uint32_t e_flags); /* NULL or a reason to refuse */
	const LinuxSyscallDesc *syscalls;                 /* indexed by guest syscall number */
	unsigned n_syscalls;
	/* The ISA's own calls where a shared numbering leaves slots to each architecture:
	 * number arch_syscall_first + i is arch_syscalls[i] (takes precedence). */
	const LinuxSyscallDesc *arch_syscalls;
	unsigned arch_syscall_first, n_arch_syscalls;
	/* Zeroes the guest registers and sets pc and stack pointer for process start. */
	void (*cpu_init)(CpuCommon *cpu, uint64_t entry, uint64_t sp);
	/* Reads the syscall number and six argument words from the CPU state. */
	uint64_t (*syscall_args)(const CpuCommon *cpu, uint64_t a[6]);
	void (*syscall_return)(CpuCommon *cpu, int64_t ret);
	uint64_t (*get_sp)(const CpuCommon *cpu);
	void (*set_sp)(CpuCommon *cpu, uint64_t sp);
	void (*set_tls)(CpuCommon *cpu, uint64_t tls);
	/* Layout differences among asm-generic ISAs: aarch64 moves four O_* bits and puts
	 * sa_restorer in struct sigaction; riscv64 keeps the generic values. */
	const LinuxFlagMap *open_flags; /* NULL: the asm-generic O_* values */
	bool sigaction_restorer;
	/* Signal delivery. sigframe_size bounds the frame, for the alternate-stack overflow
	 * check. sigframe_setup writes the rt frame below `sp` (already on the alternate stack
	 * when that applies) and enters the handler: registers as the ISA's kernel sets them;
	 * returns the frame address or -EFAULT. sigframe_restore is rt_sigreturn: it reloads
	 * the CPU state from the frame at the stack pointer; 0 or -EFAULT. */
	uint64_t sigframe_size;
	int64_t (*sigframe_setup)(CpuCommon *cpu, GuestMem *m, uint64_t sp, const LinuxSigFrame *f);
	int (*sigframe_restore)(CpuCommon *cpu, GuestMem *m, LinuxSigFrame *f);
	/* Makes the syscall just completed run again: pc back on the syscall instruction and
	 * its first argument (which the result overwrote) put back. */
	void (*syscall_restart)(CpuCommon *cpu, uint64_t arg0);
	/* The code of the sigreturn trampoline handlers return to (a vDSO's rt_sigreturn),
	 * copied to a read+exec guest page at process start. */
	const uint8_t *sigreturn_code;
	unsigned sigreturn_code_len;
	/* Writes /proc/cpuinfo as a machine of this ISA with `ncpus` processors shows it;
	 * NULL leaves the host's. */
	void (*proc_cpuinfo)(FILE *out, unsigned ncpus);
} LinuxAbi;

extern const LinuxAbi linux_abi;

#endif
