/*
 * FPSR as a cumulative register: flags raised by many operations (inline arithmetic,
 * helpers, vector forms, conversions and saturating integer SIMD for QC) accumulate
 * until msr fpsr writes them; a write sets exactly the writable bits (QC, IDC, IXC,
 * UFC, OFC, DZC, IOC: 0x0800009f) and reads back as written; msr fpsr, xzr clears
 * them. A signaling compare of a quiet NaN raises IOC, a quiet one does not; exact
 * operations raise nothing. FPCR reads back its writable fields (AHP, DN, FZ, RMode
 * and FZ16 at least; no trap-enable bits, which are RES0 on an implementation without
 * trapping).
 * Hand-checked: after 1/0, max*2, 1/3, sqrt(-1) and a denormal product the value read
 * is 0x1f (IOC DZC OFC UFC IXC); msr fpsr with all ones reads 0x0800009f.
 * qemu differs: it keeps FPSR bits 31:28 (the AArch32 NZCV) and reads back 0xf800009f.
 * The Arm ARM makes those bits RES0 when AArch32 is not implemented, and ferry reports
 * an AArch64-only EL0 (ID_AA64PFR0_EL1.EL0 = 1, see sys_regs.S).
 */
#include "a64-simd.h"

	START
	SETFPCR	RN
	CLRFPSR
	SHOWFPSR "start"
	LDD	1, 0x3ff0000000000000
	LDD	2, 0
	LDD	3, 0x4008000000000000
	fadd	d0, d1, d1			/* exact: nothing */
	SHOWFPSR "exact add"
	fdiv	d0, d1, d2			/* DZC */
	SHOWFPSR "1/0"
	fdiv	d0, d1, d3			/* IXC */
	SHOWFPSR "1/3"
	LDD	4, 0x7fefffffffffffff
	fmul	d0, d4, d4			/* OFC IXC */
	SHOWFPSR "max*max"
	fsub	d5, d2, d1
	fsqrt	d0, d5				/* IOC */
	SHOWFPSR "sqrt(-1)"
	LDD	6, 0x0010000000000000
	fmul	d0, d6, d3			/* exact: nothing new */
	SHOWFPSR "3*min"
	fdiv	d0, d6, d3			/* UFC IXC */
	SHOWFPSR "min/3"
	msr	fpsr, xzr
	SHOWFPSR "cleared"
	/* a block of mixed operations, read once at the end */
	fadd	d0, d1, d3
	fmul	s0, s1, s1
	fcvt	s0, d3
	fcvtzs	w10, d3
	scvtf	d0, x10
	fadd	v0.2d, v1.2d, v3.2d
	LDQ	7, 0x7f7fffff7f7fffff, 0x7f7fffff7f7fffff
	fadd	v0.4s, v7.4s, v7.4s		/* OFC IXC */
	SHOWFPSR "mixed"
	msr	fpsr, xzr
	LDQ	8, 0x7fff7fff7fff7fff, 0x7fff7fff7fff7fff
	sqadd	v0.8h, v8.8h, v8.8h		/* QC */
	SHOWFPSR "sqadd QC"
	fdiv	d0, d1, d2
	SHOWFPSR "QC sticks"
	/* compares */
	msr	fpsr, xzr
	LDD	9, 0x7ff8000000000000
	fcmp	d9, d1
	SHOWFPSR "fcmp qNaN"
	fcmpe	d9, d1
	SHOWFPSR "fcmpe qNaN"
	msr	fpsr, xzr
	LDD	9, 0x7ff0000000000001
	fcmp	d1, d9
	SHOWFPSR "fcmp sNaN"
	/* writes */
	mov	x10, #-1
	msr	fpsr, x10
	SHOWFPSR "all ones"
	mov	x10, #0x10
	msr	fpsr, x10
	fadd	d0, d1, d1
	SHOWFPSR "wrote IXC"
	ldr	x10, =0x08000001
	msr	fpsr, x10
	SHOWFPSR "wrote QC IOC"
	msr	fpsr, xzr
	ldr	x10, =0x07c00000
	msr	fpcr, x10
	mrs	x10, fpcr
	SHOW	"fpcr AHP DN FZ RMode", x10
	msr	fpcr, xzr
	mrs	x10, fpcr
	SHOW	"fpcr 0", x10
	EXIT	0
