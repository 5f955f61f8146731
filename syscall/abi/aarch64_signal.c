/*
 * The aarch64 rt signal frame, as the Linux uapi headers lay it out (asm/sigcontext.h,
 * asm/ucontext.h): struct rt_sigframe { siginfo_t info; struct ucontext uc; } where the
 * ucontext's uc_mcontext is struct sigcontext { fault_address, regs[31], sp, pc, pstate,
 * __reserved[4096] (16-byte aligned) }. __reserved holds a chain of records: the
 * fpsimd_context (magic 0x46508001, 528 bytes: fpsr, fpcr, vregs[32]) and the
 * all-zero terminator. Above the frame the kernel pushes a frame record {x29, x30} so
 * that unwinders can walk out of the handler, and points x29 at it. Handlers return
 * through sa_restorer when SA_RESTORER is set (glibc sets it) and otherwise through a
 * trampoline holding `mov x8, #139; svc #0`, the vDSO's __kernel_rt_sigreturn.
 * The offsets below are checked against the headers in the unit tests.
 */
#include <errno.h>
#include <string.h>

#include "frontends/aarch64/a64_cpu.h"
#include "syscall/abi/aarch64_signal.h"
#include "syscall/linux/conv.h"

enum {
	FRAME_UC = 128,
	UC_STACK_SP = 16,
	UC_STACK_FLAGS = 24,
	UC_STACK_SIZE = 32,
	UC_SIGMASK = 40,
	UC_MCONTEXT = 176, /* after uc_sigmask and its 120-byte reserve, 16-byte aligned */
	SC_FAULT = 0,
	SC_REGS = 8,
	SC_SP = 256,
	SC_PC = 264,
	SC_PSTATE = 272,
	SC_RESERVED = 288,
	FP_MAGIC = 0x46508001,
	FP_SIZE = 528,
	FP_FPSR = 8,
	FP_FPCR = 12,
	FP_VREGS = 16,
	FRAME_SIZE = FRAME_UC + UC_MCONTEXT + SC_RESERVED + 4096, /* 4688 */
	RECORD_SIZE = 16,
};

/* movz x8, #139 (rt_sigreturn); svc #0 */
const uint8_t a64_sigreturn_code[8] = {0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4};

static void put64(uint8_t *p, uint64_t v)
{
	conv_store(&linux_abi, p, 8, v);
}
static void put32(uint8_t *p, uint32_t v)
{
	conv_store(&linux_abi, p, 4, v);
}
static uint64_t get64(const uint8_t *p)
{
	return conv_load(&linux_abi, p, 8);
}
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)conv_load(&linux_abi, p, 4);
}

static void save_mcontext(const A64Cpu *cpu, uint8_t *sc, uint64_t fault_addr)
{
	put64(sc + SC_FAULT, fault_addr);
	for (int i = 0; i < 31; i++)
		put64(sc + SC_REGS + 8 * i, cpu->x[i]);
	put64(sc + SC_SP, cpu->x[A64_SP]);
	put64(sc + SC_PC, cpu->common.pc);
	put64(sc + SC_PSTATE, a64_get_nzcv(cpu));
	uint8_t *fp = sc + SC_RESERVED;
	put32(fp, FP_MAGIC);
	put32(fp + 4, FP_SIZE);
	put32(fp + FP_FPSR, cpu->fpsr);
	put32(fp + FP_FPCR, cpu->fpcr);
	for (int i = 0; i < 32; i++) {
		put64(fp + FP_VREGS + 16 * i, cpu->v[i].lo);
		put64(fp + FP_VREGS + 16 * i + 8, cpu->v[i].hi);
	}
}

/* Linux refuses a frame whose first record is not the FP/SIMD context. */
static int load_mcontext(A64Cpu *cpu, const uint8_t *sc)
{
	const uint8_t *fp = sc + SC_RESERVED;
	if (get32(fp) != FP_MAGIC || get32(fp + 4) != FP_SIZE)
		return -EFAULT;
	for (int i = 0; i < 31; i++)
		cpu->x[i] = get64(sc + SC_REGS + 8 * i);
	cpu->x[A64_SP] = get64(sc + SC_SP);
	cpu->common.pc = get64(sc + SC_PC);
	a64_set_nzcv(cpu, (uint32_t)get64(sc + SC_PSTATE));
	cpu->fpsr = get32(fp + FP_FPSR);
	cpu->fpcr = get32(fp + FP_FPCR);
	for (int i = 0; i < 32; i++) {
		cpu->v[i].lo = get64(fp + FP_VREGS + 16 * i);
		cpu->v[i].hi = get64(fp + FP_VREGS + 16 * i + 8);
	}
	return 0;
}

int64_t a64_sigframe_setup(CpuCommon *c, GuestMem *m, uint64_t sp, const LinuxSigFrame *f)
{
	A64Cpu *cpu = (A64Cpu *)c;
	uint64_t record = (sp - RECORD_SIZE) & ~(uint64_t)15;
	uint64_t frame = (record - FRAME_SIZE) & ~(uint64_t)15;
	static __thread uint8_t buf[FRAME_SIZE];
	memset(buf, 0, sizeof buf);
	memcpy(buf, f->siginfo, CONV_SIGINFO_SIZE);
	uint8_t *uc = buf + FRAME_UC;
	put64(uc + UC_STACK_SP, f->ss_sp);
	put32(uc + UC_STACK_FLAGS, (uint32_t)f->ss_flags);
	put64(uc + UC_STACK_SIZE, f->ss_size);
	put64(uc + UC_SIGMASK, f->mask);
	save_mcontext(cpu, uc + UC_MCONTEXT, c->fault_addr);
	uint8_t rec[RECORD_SIZE];
	put64(rec, cpu->x[29]);
	put64(rec + 8, cpu->x[A64_LR]);
	if (frame > sp || gmem_write(m, frame, buf, sizeof buf) < 0 ||
	    gmem_write(m, record, rec, sizeof rec) < 0)
		return -EFAULT;
	cpu->x[0] = (uint64_t)f->sig;
	cpu->x[1] = frame;
	cpu->x[2] = frame + FRAME_UC;
	cpu->x[29] = record;
	cpu->x[A64_LR] = f->return_addr;
	cpu->x[A64_SP] = frame;
	/* Taking an exception clears the exclusive monitor. */
	cpu->excl_size = 0;
	c->pc = f->handler;
	return (int64_t)frame;
}

int a64_sigframe_restore(CpuCommon *c, GuestMem *m, LinuxSigFrame *f)
{
	A64Cpu *cpu = (A64Cpu *)c;
	static __thread uint8_t buf[FRAME_SIZE];
	if (gmem_read(m, cpu->x[A64_SP], buf, sizeof buf) < 0)
		return -EFAULT;
	const uint8_t *uc = buf + FRAME_UC;
	f->ss_sp = get64(uc + UC_STACK_SP);
	f->ss_flags = (int32_t)get32(uc + UC_STACK_FLAGS);
	f->ss_size = get64(uc + UC_STACK_SIZE);
	f->mask = get64(uc + UC_SIGMASK);
	cpu->excl_size = 0;
	return load_mcontext(cpu, uc + UC_MCONTEXT);
}

/* svc is always the 4 bytes before pc. */
void a64_syscall_restart(CpuCommon *c, uint64_t arg0)
{
	c->pc -= 4;
	((A64Cpu *)c)->x[0] = arg0;
}
