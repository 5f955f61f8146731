/*
 * The riscv64 Linux ABI: arguments in a0..a5 with the number in a7, the result in a0,
 * the asm-generic syscall numbering and struct layouts, and what the ELF loader checks
 * and reports (EM_RISCV, RV64GC hwcap letters, no AT_PLATFORM). The signal frame is in
 * riscv64_signal.c.
 */
#include <elf.h>
#include <string.h>

#include "frontends/riscv64/rv_cpu.h"
#include "syscall/abi/abi.h"
#include "syscall/abi/asm_generic.h"
#include "syscall/abi/riscv64_signal.h"
#include "syscall/linux/sys.h"

enum { RV_SP = 2, RV_TP = 4, RV_A0 = 10, RV_A7 = 17 };

/* e_flags bits of the riscv psABI. */
#define RV_EF_FLOAT_ABI      0x6
#define RV_EF_FLOAT_ABI_QUAD 0x6
#define RV_EF_RVE            0x8

#define RV_HWCAP(letter) (1ull << ((letter) - 'A'))

static const char *rv_check_elf_flags(uint32_t e_flags)
{
	if (e_flags & RV_EF_RVE)
		return "RV64E programs (EF_RISCV_RVE) are not supported";
	if ((e_flags & RV_EF_FLOAT_ABI) == RV_EF_FLOAT_ABI_QUAD)
		return "the quad-precision float ABI needs the Q extension, which is not supported";
	return NULL;
}

static void rv_cpu_init(CpuCommon *c, uint64_t entry, uint64_t sp)
{
	RiscvCpu *cpu = (RiscvCpu *)c;
	memset(cpu->x, 0, sizeof cpu->x);
	memset(cpu->f, 0, sizeof cpu->f);
	cpu->fflags = 0;
	cpu->frm = 0;
	cpu->res_addr = RV_NO_RESERVATION;
	cpu->res_value = 0;
	cpu->res_size = 0;
	cpu->x[RV_SP] = sp;
	c->pc = entry;
}

static uint64_t rv_syscall_args(const CpuCommon *c, uint64_t a[6])
{
	const RiscvCpu *cpu = (const RiscvCpu *)c;
	for (int i = 0; i < 6; i++)
		a[i] = cpu->x[RV_A0 + i];
	return cpu->x[RV_A7];
}

static void rv_syscall_return(CpuCommon *c, int64_t ret)
{
	((RiscvCpu *)c)->x[RV_A0] = (uint64_t)ret;
}

static uint64_t rv_get_sp(const CpuCommon *c)
{
	return ((const RiscvCpu *)c)->x[RV_SP];
}

static void rv_set_sp(CpuCommon *c, uint64_t sp)
{
	((RiscvCpu *)c)->x[RV_SP] = sp;
}

static void rv_set_tls(CpuCommon *c, uint64_t tls)
{
	((RiscvCpu *)c)->x[RV_TP] = tls;
}

/* /proc/cpuinfo of a riscv64 Linux machine: one block per hart, with the ISA string
 * of the extensions this runner implements and Sv48 paging, the guest's 47-bit user
 * address space. */
static void rv_proc_cpuinfo(FILE *out, unsigned ncpus)
{
	for (unsigned i = 0; i < ncpus; i++)
		fprintf(out,
		        "processor\t: %u\nhart\t\t: %u\nisa\t\t: rv64imafdc_zicsr_zifencei\n"
		        "mmu\t\t: sv48\nuarch\t\t: ferry,rv64gc\nmvendorid\t: 0x0\n"
		        "marchid\t\t: 0x0\nmimpid\t\t: 0x0\n\n",
		        i, i);
}

/* riscv64's calls in the asm-generic arch-specific slots (244 + 14 and 244 + 15). */
static const LinuxSyscallDesc rv_arch_syscalls[ASM_GENERIC_ARCH_COUNT] = {
    [14] = {"riscv_hwprobe", NULL, ""},
    [15] = {"riscv_flush_icache", sys_riscv_flush_icache, "ppx"},
};

const LinuxAbi linux_abi = {
    .isa = "riscv64",
    .uname_machine = "riscv64",
    .extensions = "imafdc_zicsr_zifencei",
    .arch = &riscv64_arch,
    .word_bits = 64,
    .big_endian = false,
    .va_bits = 47,
    .elf_machine = EM_RISCV,
    .elf_class = ELFCLASS64,
    .platform = NULL,
    .hwcap = RV_HWCAP('I') | RV_HWCAP('M') | RV_HWCAP('A') | RV_HWCAP('F') | RV_HWCAP('D') |
             RV_HWCAP('C'),
    .hwcap2 = 0,
    .check_elf_flags = rv_check_elf_flags,
    .syscalls = asm_generic_syscalls,
    .n_syscalls = ASM_GENERIC_NR_SYSCALLS,
    .arch_syscalls = rv_arch_syscalls,
    .arch_syscall_first = ASM_GENERIC_ARCH_FIRST,
    .n_arch_syscalls = ASM_GENERIC_ARCH_COUNT,
    .cpu_init = rv_cpu_init,
    .syscall_args = rv_syscall_args,
    .syscall_return = rv_syscall_return,
    .get_sp = rv_get_sp,
    .set_sp = rv_set_sp,
    .set_tls = rv_set_tls,
    .open_flags = NULL,
    .sigaction_restorer = false,
    .sigframe_size = RV_SIGFRAME_SIZE,
    .sigframe_setup = rv_sigframe_setup,
    .sigframe_restore = rv_sigframe_restore,
    .syscall_restart = rv_syscall_restart,
    .sigreturn_code = rv_sigreturn_code,
    .sigreturn_code_len = sizeof rv_sigreturn_code,
    .proc_cpuinfo = rv_proc_cpuinfo,
};
