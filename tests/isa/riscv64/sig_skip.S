/*
 * Signal frames: SA_SIGINFO handlers for SIGILL (a custom-0 opcode), SIGSEGV (a load from
 * address 0x10), SIGTRAP (ebreak) and SIGBUS (a misaligned amoadd.w). Each handler prints
 * the signal, si_code, where a1/a2/sp point (a2 = a1 + 0x80, sp = a1, 16-byte aligned),
 * pc and si_addr relative to what the faulting code expected (s11 and s10), and the
 * interrupted s1, fa0 and fcsr read from uc_mcontext; then it edits the frame (pc past the
 * faulting instruction, s4 and fa0 to new values) and returns through the sigreturn
 * trampoline in ra. The main line prints s4, fa0 and fcsr after each resume.
 * Built without compressed instructions so every faulting instruction is 4 bytes.
 */
#include "rv64-test.h"

	.option norvc

	.equ	SIGILL, 4
	.equ	SIGTRAP, 5
	.equ	SIGBUS, 7
	.equ	SIGSEGV, 11
	.equ	MC, 176			/* uc_mcontext within the ucontext */
	.equ	MC_FP, MC + 256		/* f0..f31 */
	.equ	MC_FCSR, MC_FP + 256

	.data
	.p2align 3
act:	.dword	handler, 4, 0		/* handler, SA_SIGINFO, empty mask */
cell:	.dword	0, 0

	.text
/* rt_sigaction(sig, &act, NULL, 8) */
	.macro	SIGACTION sig
	li	a0, \sig
	la	a1, act
	li	a2, 0
	li	a3, 8
	li	a7, 134
	ecall
	SHOW	"sigaction \sig", a0
	.endm

/* After a handled fault: the registers the handler edited in the frame. */
	.macro	AFTER name
	SHOW	"\name s4", s4
	fmv.x.d	s2, fa0
	SHOW	"\name fa0", s2
	frcsr	s2
	SHOW	"\name fcsr", s2
	.endm

	START
	SIGACTION SIGILL
	SIGACTION SIGSEGV
	SIGACTION SIGTRAP
	SIGACTION SIGBUS

	li	s1, 0x1234
	li	s4, 0x1111
	li	t0, 0x400921fb54442d18
	fmv.d.x	fa0, t0
	csrwi	frm, 2
	li	t0, 1
	li	t1, 3
	fcvt.d.l ft0, t0
	fcvt.d.l ft1, t1
	fdiv.d	ft2, ft0, ft1		/* raises NX: fcsr = 0x41 */

	la	s11, ill_insn
	mv	s10, s11
ill_insn:
	.word	0x0000000b		/* custom-0: reserved, illegal */
	AFTER	ill

	li	s1, 0x5678
	la	s11, segv_insn
	li	s10, 0x10
	li	t0, 0x10
segv_insn:
	ld	t1, 0(t0)
	AFTER	segv

	la	s11, trap_insn
	mv	s10, s11
trap_insn:
	ebreak
	AFTER	trap

	la	s11, bus_insn
	la	t0, cell
	addi	t0, t0, 1
	mv	s10, t0
bus_insn:
	amoadd.w t1, zero, (t0)
	AFTER	bus
	EXIT	0

/* a0 = signal, a1 = &siginfo, a2 = &ucontext, ra = sigreturn trampoline */
handler:
	mv	s5, a1
	mv	s6, a2
	mv	s7, a0
	mv	s8, ra
	sub	s9, sp, a1
	SHOW	"signal", s7
	lw	t0, 8(s5)
	SHOW	"si_code", t0
	sub	t0, s6, s5
	SHOW	"uc - info", t0
	SHOW	"sp - info", s9
	andi	t0, s5, 15
	SHOW	"frame & 15", t0
	ld	t0, MC(s6)
	sub	t0, t0, s11
	SHOW	"pc - expected", t0
	ld	t0, 16(s5)
	sub	t0, t0, s10
	SHOW	"si_addr - expected", t0
	ld	t0, MC + 9 * 8(s6)
	SHOW	"mc s1", t0
	ld	t0, MC_FP + 10 * 8(s6)
	SHOW	"mc fa0", t0
	lwu	t0, MC_FCSR(s6)
	SHOW	"mc fcsr", t0
	ld	t0, MC(s6)
	addi	t0, t0, 4
	sd	t0, MC(s6)
	li	t0, 0x2200
	add	t0, t0, s7
	sd	t0, MC + 20 * 8(s6)
	li	t0, 0x3ff0000000000000
	add	t0, t0, s7
	sd	t0, MC_FP + 10 * 8(s6)
	jr	s8
