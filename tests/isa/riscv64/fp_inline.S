/*
 * The cases the inline FP path changes (round-to-nearest arithmetic and compares run as
 * host SSE code, their exception flags held in MXCSR until something reads fflags):
 * flags accrued over many blocks of inline ops and read with csrr, replaced by fflags
 * and fcsr writes, kept across a system call, in the signal frame of an asynchronous
 * signal and of a fault right after an inline op (and restored by sigreturn, dropping
 * the handler's), tininess detected after rounding, canonical NaN results, improperly
 * NaN-boxed singles, and frm switched to every other mode and back between dynamic
 * rounding-mode ops of one block.
 */
#include "fp-test.h"

	.equ	SIGUSR1, 10
	.equ	SIGSEGV, 11
	.equ	MC, 176			/* uc_mcontext within the ucontext */
	.equ	MC_FCSR, MC + 512	/* after pc, x1..x31 and f0..f31 */

	.data
	.p2align 3
act:	.dword	handler, 4, 0		/* handler, SA_SIGINFO, empty mask */

	.text
/* s3 iterations of \body, each iteration a block of its own (the loop branch ends it). */
	.macro	LOOP n, body:vararg
	li	s3, \n
1:	\body
	addi	s3, s3, -1
	bnez	s3, 1b
	.endm

/* Reads fflags into s1 and prints it (the ff column then shows the same flags). */
	.macro	FLAGS label
	csrr	s1, fflags
	SHOWX	"\label", s1
	.endm

	START
	LD_D	f1, 0x3ff0000000000000	/* 1.0 */
	LD_D	f2, 0x4008000000000000	/* 3.0 */
	LD_D	f3, 0x0000000000000000	/* 0.0 */
	LD_D	f6, 0x7fefffffffffffff	/* largest finite */
	LD_D	f7, 0x0010000000000000	/* smallest normal */

	LOOP	200, fadd.d f4, f1, f1
	FLAGS	"200 exact adds"
	fdiv.d	f4, f1, f2
	LOOP	100, fmul.d f5, f1, f2
	FLAGS	"1/3 then 100 exact blocks"
	fdiv.d	f4, f1, f3
	LOOP	10, fadd.d f5, f1, f2
	fdiv.d	f4, f3, f3
	LOOP	10, fsqrt.d f5, f1
	fdiv.d	f4, f1, f2
	LOOP	10, fsub.d f5, f2, f1
	fmul.d	f4, f6, f6
	LOOP	10, fmul.d f5, f2, f2
	fmul.d	f4, f7, f7
	FLAGS	"DZ, NV, NX, OF, UF in separate blocks"

/* CSR writes replace what the inline ops accrued; fcsr reads see it. */
	fdiv.d	f4, f1, f2
	csrwi	fflags, 0
	fadd.d	f4, f1, f1
	FLAGS	"inexact, fflags = 0, exact"
	fdiv.d	f4, f1, f2
	csrwi	fflags, 4
	FLAGS	"inexact, fflags = 4"
	fdiv.d	f4, f1, f3
	csrwi	fcsr, 0
	FLAGS	"divide by zero, fcsr = 0"
	fdiv.d	f4, f1, f2
	frcsr	s1
	SHOWX	"inexact, fcsr", s1
	fdiv.d	f4, f1, f3
	csrrsi	s1, fflags, 0x10
	SHOWX	"divide by zero, csrrsi 0x10 old (ff column: new)", s1
	fdiv.d	f4, f1, f2
	csrrci	s1, fflags, 0x01
	SHOWX	"inexact, csrrci 0x01 old (ff column: new)", s1

/* A system call in between. */
	fdiv.d	f4, f1, f2
	li	a7, 172			/* getpid */
	ecall
	FLAGS	"inexact, getpid"

/* An asynchronous signal: the frame holds the inline op's flag, the handler's own
 * flags are dropped by sigreturn. */
	li	a0, SIGUSR1
	la	a1, act
	li	a2, 0
	li	a3, 8
	li	a7, 134			/* rt_sigaction */
	ecall
	li	a0, SIGSEGV
	la	a1, act
	li	a7, 134
	ecall
	li	a7, 172
	ecall
	mv	s4, a0
	fdiv.d	f4, f1, f2
	mv	a0, s4
	li	a1, SIGUSR1
	li	a7, 129			/* kill */
	ecall
	FLAGS	"inexact, SIGUSR1 handler raised DZ"

/* A fault in the same block as the inline op that raised the flag. */
	fdiv.d	f4, f1, f2
	li	t0, 0x10
	ld	t1, 0(t0)
	FLAGS	"inexact, SIGSEGV in the same block"

/* Tininess after rounding: 2^-1022 (1 - 2^-104) and 2^-126 (1 - 2^-46) round to the
 * smallest normal, so only NX; an exact subnormal sum raises nothing. */
	OP2	fmul.d, D, rne, 0x3feffffffffffffe, 0x0010000000000001
	OP2	fmul.d, D, dyn, 0x0010000000000001, 0x3feffffffffffffe
	OP2	fmul.s, S, rne, 0x3f7ffffe, 0x00800001
	OP2	fmul.s, S, dyn, 0x3f7fffff, 0x00800000
	OP2	fmul.d, D, rne, 0x0010000000000001, 0x3fe0000000000000
	OP2	fadd.d, D, rne, 0x0010000000000001, 0x8010000000000000
	OP2	fsub.s, S, dyn, 0x00800001, 0x00800000
	OP2	fdiv.d, D, rne, 0x0010000000000000, 0x4000000000000000

/* Canonical NaN results. */
	OP2	fsub.d, D, rne, 0x7ff0000000000000, 0x7ff0000000000000
	OP2	fsub.s, S, dyn, 0xff800000, 0xff800000
	OP2	fdiv.d, D, dyn, 0x0000000000000000, 0x8000000000000000
	OP2	fdiv.s, S, rne, 0x00000000, 0x00000000
	OP1	fsqrt.d, D, rne, 0xbff0000000000000
	OP1	fsqrt.s, S, dyn, 0xbf800000
	OP1	fsqrt.d, D, rne, 0x8000000000000000
	OP2	fadd.d, D, rne, 0x7ff0000000001234, 0x3ff0000000000000
	OP2	fadd.d, D, dyn, 0x3ff0000000000000, 0xfff8000000001234
	OP2	fmul.d, D, rne, 0xfff8000000000001, 0x7ff8000000000002
	OP2	fmul.s, S, rne, 0x7f801234, 0x3f800000
	OP2	fdiv.s, S, dyn, 0x3f800000, 0xffc01234
	OP2	fmul.d, D, rne, 0x7ff0000000000000, 0x0000000000000000

/* Compares: feq quiet, flt and fle signaling. */
	CMP	feq.d, D, 0x7ff8000000000000, 0x3ff0000000000000
	CMP	feq.d, D, 0x7ff0000000000001, 0x3ff0000000000000
	CMP	flt.d, D, 0x7ff8000000000000, 0x3ff0000000000000
	CMP	fle.d, D, 0x3ff0000000000000, 0xfff8000000000000
	CMP	feq.s, S, 0x7fc00000, 0x7fc00000
	CMP	flt.s, S, 0x7fc00000, 0x3f800000
	CMP	fle.s, S, 0x80000000, 0x00000000
	CMP	flt.d, D, 0x8000000000000000, 0x0000000000000000
	CMP	fle.d, D, 0x3ff0000000000000, 0x3ff0000000000001

/* Improperly NaN-boxed singles read as the canonical NaN, also right after a write
 * that replaces a properly boxed value in the same block. */
	li	t0, 0x3f800000
	fmv.d.x	f1, t0			/* upper half zero: not boxed */
	fadd.s	f0, f1, f1
	SHOWF	"fadd.s unboxed 1.0", f0
	li	t0, 0xffffffff3f800000
	fmv.d.x	f2, t0
	li	t0, 0x40000000
	fmv.w.x	f1, t0			/* boxed 2.0 */
	fmul.s	f0, f1, f2
	fmv.x.w	s1, f0
	SHOWX	"fmul.s boxed 2.0 1.0", s1
	li	t0, 0x00000000bf800000
	fmv.d.x	f1, t0
	fsub.s	f0, f2, f1
	SHOWF	"fsub.s 1.0 unboxed -1.0", f0
	li	t0, 0xfffffffe3f800000
	fmv.d.x	f3, t0
	flt.s	s1, f2, f3
	SHOWX	"flt.s 1.0 badly boxed", s1
	feq.s	s1, f3, f3
	SHOWX	"feq.s badly boxed twice", s1
	fsgnjn.s f4, f3, f3
	fadd.s	f0, f4, f2
	SHOWF	"fsgnjn.s of badly boxed, plus 1.0", f0
	fsqrt.s	f0, f3
	SHOWF	"fsqrt.s badly boxed", f0

/* frm switched inside one block: each dynamic op after a change tests frm again. */
	LD_D	f1, 0x3ff0000000000000
	LD_D	f2, 0x4008000000000000
	LD_D	f3, 0xbff0000000000000
	.irp	mode, 1, 2, 3, 4
	csrwi	frm, 0
	fdiv.d	f10, f1, f2, dyn
	fdiv.d	f11, f3, f2, dyn
	csrwi	frm, \mode
	fdiv.d	f12, f1, f2, dyn
	fdiv.d	f13, f3, f2, dyn
	fdiv.s	f14, f1, f2, dyn
	csrwi	frm, 0
	fdiv.d	f15, f3, f2, dyn
	SHOWF	"frm 0: 1/3", f10
	SHOWF	"frm 0: -1/3", f11
	SHOWF	"frm \mode: 1/3", f12
	SHOWF	"frm \mode: -1/3", f13
	SHOWF	"frm \mode: fdiv.s of unboxed 1/3", f14
	SHOWF	"frm 0 again: -1/3", f15
	.endr
	LD_D	f2, 0x4008000000000000
	csrwi	frm, 3
	LOOP	3, fadd.d f5, f1, f1
	fdiv.d	f10, f1, f2
	csrwi	frm, 0
	fdiv.d	f11, f1, f2
	SHOWF	"frm 3 from an earlier block: 1/3", f10
	SHOWF	"frm 0: 1/3", f11
	EXIT	0

/* For SIGUSR1 and SIGSEGV: prints the signal, the frame's fcsr and the handler's own
 * fflags, raises DZ, skips a faulting instruction, and returns. */
handler:
	mv	s5, a0
	mv	s6, a2
	mv	s8, ra
	SHOWX	"handler signal", s5
	lwu	s1, MC_FCSR(s6)
	SHOWX	"handler frame fcsr", s1
	LD_D	f8, 0x3ff0000000000000
	LD_D	f9, 0x0000000000000000
	fdiv.d	f8, f8, f9
	li	t0, SIGSEGV
	bne	s5, t0, 1f
	ld	t0, MC(s6)
	addi	t0, t0, 4
	sd	t0, MC(s6)
1:	jr	s8
