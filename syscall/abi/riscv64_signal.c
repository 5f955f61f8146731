/*
 * The riscv64 rt signal frame, as the Linux uapi headers lay it out (asm/sigcontext.h,
 * asm/ucontext.h, asm/ptrace.h): struct rt_sigframe { siginfo_t info; struct ucontext
 * uc; }, with the ucontext's mcontext holding pc and x1..x31 (user_regs_struct), then the
 * FP state union in its D-extension form (f0..f31, fcsr). The union is sized by the Q
 * form, and its tail is where newer kernels chain extension records (an all-zero end
 * record), so zero-filling the frame matches both. Handlers return through a trampoline
 * holding `li a7, 139; ecall`, the code of the vDSO's __vdso_rt_sigreturn.
 */
#include <errno.h>
#include <string.h>

#include "frontends/riscv64/rv_cpu.h"
#include "syscall/abi/riscv64_signal.h"
#include "syscall/linux/conv.h"

enum { RV_RA = 1, RV_SP = 2, RV_A0 = 10, RV_A1 = 11, RV_A2 = 12 };

/* Offsets inside the frame (siginfo_t is 128 bytes; the ucontext is 16-byte aligned). */
enum {
	FRAME_UC = 128,
	UC_STACK_SP = 16,
	UC_STACK_FLAGS = 24,
	UC_STACK_SIZE = 32,
	UC_SIGMASK = 40,
	UC_MCONTEXT = 176, /* after uc_sigmask and its 120-byte reserve */
	MC_FP = 256,       /* sc_fpregs: after pc and x1..x31 */
	MC_FCSR = MC_FP + 32 * 8,
	FRAME_SIZE = RV_SIGFRAME_SIZE, /* FRAME_UC + the 960-byte ucontext (528-byte FP union) */
};

/* li a7, 139 (rt_sigreturn); ecall */
const uint8_t rv_sigreturn_code[8] = {0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00};

static void put64(uint8_t *p, uint64_t v)
{
	conv_store(&linux_abi, p, 8, v);
}

static uint64_t get64(const uint8_t *p)
{
	return conv_load(&linux_abi, p, 8);
}

static void save_mcontext(const RiscvCpu *cpu, uint8_t *mc)
{
	put64(mc, cpu->common.pc);
	for (int i = 1; i < 32; i++)
		put64(mc + 8 * i, cpu->x[i]);
	for (int i = 0; i < 32; i++)
		put64(mc + MC_FP + 8 * i, cpu->f[i]);
	conv_store(&linux_abi, mc + MC_FCSR, 4, (cpu->frm << 5) | cpu->fflags);
}

static void load_mcontext(RiscvCpu *cpu, const uint8_t *mc)
{
	cpu->common.pc = get64(mc);
	for (int i = 1; i < 32; i++)
		cpu->x[i] = get64(mc + 8 * i);
	for (int i = 0; i < 32; i++)
		cpu->f[i] = get64(mc + MC_FP + 8 * i);
	uint32_t fcsr = (uint32_t)conv_load(&linux_abi, mc + MC_FCSR, 4);
	cpu->fflags = fcsr & 0x1f;
	cpu->frm = (fcsr >> 5) & 7;
}

int64_t rv_sigframe_setup(CpuCommon *c, GuestMem *m, uint64_t sp, const LinuxSigFrame *f)
{
	RiscvCpu *cpu = (RiscvCpu *)c;
	uint64_t frame = (sp - FRAME_SIZE) & ~(uint64_t)15;
	uint8_t buf[FRAME_SIZE];
	memset(buf, 0, sizeof buf);
	memcpy(buf, f->siginfo, CONV_SIGINFO_SIZE);
	uint8_t *uc = buf + FRAME_UC;
	put64(uc + UC_STACK_SP, f->ss_sp);
	conv_store(&linux_abi, uc + UC_STACK_FLAGS, 4, (uint32_t)f->ss_flags);
	put64(uc + UC_STACK_SIZE, f->ss_size);
	put64(uc + UC_SIGMASK, f->mask);
	save_mcontext(cpu, uc + UC_MCONTEXT);
	if (frame > sp || gmem_write(m, frame, buf, sizeof buf) < 0)
		return -EFAULT;
	cpu->x[RV_RA] = f->return_addr;
	cpu->x[RV_SP] = frame;
	cpu->x[RV_A0] = (uint64_t)f->sig;
	cpu->x[RV_A1] = frame;
	cpu->x[RV_A2] = frame + FRAME_UC;
	/* The kernel's trap return drops any LR reservation; so does entering the handler. */
	cpu->res_addr = RV_NO_RESERVATION;
	c->pc = f->handler;
	return (int64_t)frame;
}

int rv_sigframe_restore(CpuCommon *c, GuestMem *m, LinuxSigFrame *f)
{
	RiscvCpu *cpu = (RiscvCpu *)c;
	uint8_t buf[FRAME_SIZE];
	if (gmem_read(m, cpu->x[RV_SP], buf, sizeof buf) < 0)
		return -EFAULT;
	const uint8_t *uc = buf + FRAME_UC;
	f->ss_sp = get64(uc + UC_STACK_SP);
	f->ss_flags = (int32_t)conv_load(&linux_abi, uc + UC_STACK_FLAGS, 4);
	f->ss_size = get64(uc + UC_STACK_SIZE);
	f->mask = get64(uc + UC_SIGMASK);
	load_mcontext(cpu, uc + UC_MCONTEXT);
	cpu->res_addr = RV_NO_RESERVATION;
	return 0;
}

/* ecall has no compressed form: the call is always the 4 bytes before pc. */
void rv_syscall_restart(CpuCommon *c, uint64_t arg0)
{
	c->pc -= 4;
	((RiscvCpu *)c)->x[RV_A0] = arg0;
}
