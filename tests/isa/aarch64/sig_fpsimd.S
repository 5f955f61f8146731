/*
 * Signal frames with FP/SIMD state: SA_SIGINFO handlers for SIGUSR1 (sent to itself by
 * kill) and SIGSEGV (a load from address 0x10). Each handler finds the fpsimd_context
 * record first in uc_mcontext.__reserved (magic 0x46508001, size 528), prints the
 * interrupted FPSR, FPCR, V0, V1 and V31 saved there and x19, pc, NZCV and
 * fault_address from the sigcontext, then clobbers its own live V1, FPSR and FPCR and
 * edits the frame: V1, FPSR, FPCR (RMode and DN), x19, NZCV in pstate and, for the
 * fault, pc past the load. It returns through the sigreturn trampoline in x30. The
 * main line prints what rt_sigreturn restored: the edited values, the untouched V0 and
 * V31, and FPCR in effect (1/3 rounded by the restored RMode).
 * Layout (arm64 <asm/sigcontext.h>, <asm/ucontext.h>): uc_mcontext at 176;
 * fault_address +0, regs[31] +8, sp +256, pc +264, pstate +272, __reserved +288;
 * fpsimd_context: magic +0, size +4, fpsr +8, fpcr +12, vregs +16.
 * qemu-aarch64's default CPU has SVE, and its frames then carry an sve_context with
 * the Z registers that rt_sigreturn restores over the fpsimd_context's V registers, so
 * the edited V1 is lost there (with -cpu cortex-a72 qemu agrees with this file). Linux
 * writes SVE register data only for a task that has used SVE; for any other the
 * fpsimd_context is what rt_sigreturn restores, and ferry has no SVE: the expected V1
 * is the edited one.
 */
#include "a64-simd.h"

	.equ	SIGUSR1, 10
	.equ	SIGSEGV, 11
	.equ	MC, 176
	.equ	MC_FAULT, MC
	.equ	MC_X, MC + 8
	.equ	MC_PC, MC + 264
	.equ	MC_PSTATE, MC + 272
	.equ	FPS, MC + 288
	.equ	FPS_FPSR, FPS + 8
	.equ	FPS_FPCR, FPS + 12
	.equ	FPS_V, FPS + 16

	.data
	.p2align 3
act:	.dword	handler, 4, 0, 0	/* handler, SA_SIGINFO, no restorer, empty mask */

	.text
	.macro	SIGACTION sig
	mov	x0, #\sig
	adr	x1, act
	mov	x2, #0
	mov	x3, #8
	mov	x8, #134
	svc	#0
	SHOW	"sigaction \sig", x0
	.endm

/* After a handled signal: what rt_sigreturn restored. */
	.macro	AFTER name
	SHOWF	"\name nzcv"
	SHOW	"\name x19", x19
	SHOWV	"\name v0", 0
	SHOWV	"\name v1", 1
	SHOWV	"\name v31", 31
	mrs	x10, fpsr
	SHOW	"\name fpsr", x10
	mrs	x10, fpcr
	SHOW	"\name fpcr", x10
	fmov	d5, #1.0
	fmov	d6, #3.0
	fdiv	d7, d5, d6
	fmov	x10, d7
	SHOW	"\name 1/3", x10
	.endm

	START
	SIGACTION SIGUSR1
	SIGACTION SIGSEGV
	LDQ	0, 0x0001020304050607, 0x08090a0b0c0d0e0f
	LDQ	1, 0x1111111111111111, 0x2222222222222222
	LDQ	31, 0xf0f1f2f3f4f5f6f7, 0xf8f9fafbfcfdfeff
	SETFPCR	RP
	ldr	x10, =0x08000010		/* QC IXC */
	msr	fpsr, x10
	mov	x19, #0x1919
	cmp	x19, x19			/* Z C */
	mov	x8, #172			/* getpid */
	svc	#0
	mov	x1, #SIGUSR1
	mov	x8, #129			/* kill */
	adr	x21, after_kill
	svc	#0
after_kill:
	AFTER	usr1

	/* the fault: the frame holds the faulting pc; the handler skips the load */
	mov	x19, #0x2929
	cmn	x19, #1				/* nothing set */
	mov	x10, #0x10
	adr	x21, fault
fault:
	ldr	x11, [x10]
	AFTER	segv
	EXIT	0

/* x0 = signal, x1 = &siginfo, x2 = &ucontext, x30 = sigreturn trampoline */
handler:
	mov	x22, x0
	mov	x23, x2
	mov	x24, x30
	SHOW	"signal", x22
	ldr	w10, [x23, #FPS]
	SHOW	"fpsimd magic", x10
	ldr	w10, [x23, #FPS + 4]
	SHOW	"fpsimd size", x10
	ldr	w10, [x23, #FPS_FPSR]
	SHOW	"frame fpsr", x10
	ldr	w10, [x23, #FPS_FPCR]
	SHOW	"frame fpcr", x10
	ldp	x10, x11, [x23, #FPS_V]
	SHOW	"frame v0.hi", x11
	SHOW	"frame v0.lo", x10
	ldp	x10, x11, [x23, #FPS_V + 16]
	SHOW	"frame v1.hi", x11
	SHOW	"frame v1.lo", x10
	add	x12, x23, #FPS_V + 31 * 16
	ldp	x10, x11, [x12]
	SHOW	"frame v31.hi", x11
	SHOW	"frame v31.lo", x10
	ldr	x10, [x23, #MC_X + 19 * 8]
	SHOW	"frame x19", x10
	ldr	x10, [x23, #MC_PC]
	sub	x10, x10, x21
	SHOW	"frame pc - expected", x10
	ldr	x10, [x23, #MC_PSTATE]
	and	x10, x10, #0xf0000000
	SHOW	"frame nzcv", x10
	cmp	x22, #SIGSEGV
	b.ne	1f
	ldr	x10, [x23, #MC_FAULT]
	SHOW	"frame fault_address", x10
	ldr	x10, [x23, #MC_PC]
	add	x10, x10, #4
	str	x10, [x23, #MC_PC]
1:	/* clobber the live state: sigreturn must take the frame's */
	movi	v1.16b, #0x77
	movi	v0.16b, #0x66
	mov	x10, #(RM | DN)
	msr	fpcr, x10
	mov	x10, #0x9f
	msr	fpsr, x10
	/* edit the frame */
	ldr	x10, =0xa5a5a5a5a5a5a5a5
	add	x10, x10, x22
	ldr	x11, =0x5a5a5a5a5a5a5a5a
	stp	x10, x11, [x23, #FPS_V + 16]
	cmp	x22, #SIGSEGV
	mov	w10, #0x2			/* SIGUSR1: DZC */
	ldr	w11, =0x08000004		/* SIGSEGV: QC OFC */
	csel	w10, w10, w11, ne
	str	w10, [x23, #FPS_FPSR]
	mov	w10, #RZ
	mov	w11, #(RM | DN)
	csel	w10, w10, w11, ne
	str	w10, [x23, #FPS_FPCR]
	mov	x10, #0x3300
	add	x10, x10, x22
	str	x10, [x23, #MC_X + 19 * 8]
	ldr	x10, [x23, #MC_PSTATE]
	bic	x10, x10, #0xf0000000
	mov	x11, #0x90000000		/* N V */
	orr	x10, x10, x11
	str	x10, [x23, #MC_PSTATE]
	ret	x24
