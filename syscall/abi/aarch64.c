/*
 * The aarch64 Linux ABI: arguments in x0..x5 with the number in x8, the result in x0,
 * the asm-generic syscall numbering (aarch64 has no calls in its arch-specific slots),
 * the open flags arm64 moves (O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE), struct
 * sigaction with sa_restorer, TPIDR_EL0 as the thread pointer, and what the ELF loader
 * checks and reports (EM_AARCH64, AT_PLATFORM "aarch64", AT_HWCAP from
 * a64_features.h). The user address space is 47 bits wide: the host's, since guest
 * addresses are host addresses. The signal frame is in aarch64_signal.c.
 */
#include <elf.h>
#include <fcntl.h>
#include <string.h>

#include "frontends/aarch64/a64_cpu.h"
#include "frontends/aarch64/a64_features.h"
#include "syscall/abi/aarch64_signal.h"
#include "syscall/abi/abi.h"
#include "syscall/abi/asm_generic.h"

static void a64_cpu_init(CpuCommon *c, uint64_t entry, uint64_t sp)
{
	A64Cpu *cpu = (A64Cpu *)c;
	memset(cpu->x, 0, sizeof cpu->x);
	memset(cpu->v, 0, sizeof cpu->v);
	a64_set_nzcv(cpu, 0);
	cpu->tpidr_el0 = 0;
	cpu->fpcr = cpu->fpsr = 0;
	cpu->excl_size = 0;
	cpu->ic_pending = 0;
	cpu->x[A64_SP] = sp;
	c->pc = entry;
}

static uint64_t a64_syscall_args(const CpuCommon *c, uint64_t a[6])
{
	const A64Cpu *cpu = (const A64Cpu *)c;
	for (int i = 0; i < 6; i++)
		a[i] = cpu->x[i];
	return cpu->x[8];
}

static void a64_syscall_return(CpuCommon *c, int64_t ret)
{
	((A64Cpu *)c)->x[0] = (uint64_t)ret;
}
static uint64_t a64_get_sp(const CpuCommon *c)
{
	return ((const A64Cpu *)c)->x[A64_SP];
}
static void a64_set_sp(CpuCommon *c, uint64_t sp)
{
	((A64Cpu *)c)->x[A64_SP] = sp;
}
static void a64_set_tls(CpuCommon *c, uint64_t tls)
{
	((A64Cpu *)c)->tpidr_el0 = tls;
}

/* arm64's O_* values where they differ from asm-generic (which the other bits keep). */
/* the tables' short name for LINUX_FLAG_SAME */
#define SAME LINUX_FLAG_SAME
static const LinuxFlagMap a64_open_flags[] = {
    LINUX_OPEN_FLAGS_COMMON,
    {040000, 040000, O_DIRECTORY, O_DIRECTORY},
    {0100000, 0100000, O_NOFOLLOW, O_NOFOLLOW},
    {0200000, 0200000, O_DIRECT, O_DIRECT},
    {0400000, 0400000, KERNEL_O_LARGEFILE, KERNEL_O_LARGEFILE},
    SAME(01000000, O_NOATIME),
    SAME(02000000, O_CLOEXEC),
    SAME(04000000, O_SYNC & ~O_DSYNC),
    SAME(010000000, O_PATH),
    {020000000, 020000000, O_TMPFILE & ~O_DIRECTORY, O_TMPFILE & ~O_DIRECTORY},
    {0, 0, 0, 0},
};

/* /proc/cpuinfo of an arm64 Linux machine: one block per CPU with the features
 * advertised in AT_HWCAP and the MIDR_EL1 fields. */
static void a64_proc_cpuinfo(FILE *out, unsigned ncpus)
{
	for (unsigned i = 0; i < ncpus; i++)
		fprintf(out,
		        "processor\t: %u\nBogoMIPS\t: 2000.00\nFeatures\t: %s\n"
		        "CPU implementer\t: 0x%02llx\nCPU architecture: 8\nCPU variant\t: 0x%llx\n"
		        "CPU part\t: 0x%03llx\nCPU revision\t: %llu\n\n",
		        i, A64_CPUINFO_FEATURES, A64_MIDR >> 24, A64_MIDR >> 20 & 0xf,
		        A64_MIDR >> 4 & 0xfff, A64_MIDR & 0xf);
}

const LinuxAbi linux_abi = {
    .isa = "aarch64",
    .uname_machine = "aarch64",
    .extensions = "v8.0a+lse+rcpc",
    .arch = &aarch64_arch,
    .word_bits = 64,
    .big_endian = false,
    .va_bits = 47,
    .elf_machine = EM_AARCH64,
    .elf_class = ELFCLASS64,
    .platform = "aarch64",
    .hwcap = A64_HWCAP,
    .hwcap2 = A64_HWCAP2,
    .check_elf_flags = NULL,
    .syscalls = asm_generic_syscalls,
    .n_syscalls = ASM_GENERIC_NR_SYSCALLS,
    .arch_syscalls = NULL,
    .cpu_init = a64_cpu_init,
    .syscall_args = a64_syscall_args,
    .syscall_return = a64_syscall_return,
    .get_sp = a64_get_sp,
    .set_sp = a64_set_sp,
    .set_tls = a64_set_tls,
    .open_flags = a64_open_flags,
    .sigaction_restorer = true,
    .sigframe_size = A64_SIGFRAME_SIZE,
    .sigframe_setup = a64_sigframe_setup,
    .sigframe_restore = a64_sigframe_restore,
    .syscall_restart = a64_syscall_restart,
    .sigreturn_code = a64_sigreturn_code,
    .sigreturn_code_len = sizeof a64_sigreturn_code,
    .proc_cpuinfo = a64_proc_cpuinfo,
};
