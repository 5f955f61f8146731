/*
 * FPCR.FZ (flush-to-zero) in double and single precision. Rules (Arm ARM FPUnpack and
 * FPRound): with FZ a denormal input is replaced by a zero of the same sign and IDC is
 * set (even when the operation's result does not depend on it); a result that would be
 * tiny before rounding is replaced by a zero of the same sign and UFC is set, without
 * IXC, whether or not the result was exact. Without FZ an exact denormal result raises
 * nothing and an inexact one raises UFC and IXC. fabs, fneg and fmov never flush.
 * FPCompare unpacks its operands, so fcmp of a denormal with FZ sets IDC too.
 * Hand-checked: "fadd.d 0x0000000000000001 0x3ff0000000000000" under FZ = 1.0 with
 * fpsr 0x80 (IDC, no IXC: the flushed input makes it exact); "fmul.d 2^-1000 2^-30"
 * under FZ = +0 with fpsr 0x08 and without FZ = 0x0000000000400000 with fpsr 0;
 * "fmul.d 2^-1022 (1-2^-53)" = 2^-1022 (0x0010000000000000, fpsr 0x18) without FZ but
 * +0 with fpsr 0x08 under FZ: FPRound flushes on the exponent of the unrounded value.
 */
#include "a64-simd.h"

	.equ	DMIN, 0x0000000000000001	/* smallest double denormal */
	.equ	NDEN, 0x800fffffffffffff	/* largest negative double denormal */
	.equ	ONE, 0x3ff0000000000000
	.equ	E1000, 0x0170000000000000	/* 2^-1000 */
	.equ	E30, 0x3e10000000000000		/* 2^-30 */
	.equ	NORMIN, 0x0010000000000000	/* 2^-1022 */
	.equ	HALF, 0x3fe0000000000000

	START
	.irp fpcr, RN, FZ, FZ|DN, FZ|RP
	SETFPCR	\fpcr
	mrs	x10, fpcr
	SHOW	"fpcr", x10
	FD2	fadd, DMIN, ONE
	FD2	fadd, DMIN, DMIN
	FD2	fadd, NDEN, DMIN
	FD2	fsub, NORMIN, DMIN		/* tiny result from normal inputs */
	FD2	fmul, E1000, E30		/* exact denormal result */
	FD2	fmul, 0x8170000000000000, E30
	FD2	fmul, NORMIN, 0x3fefffffffffffff	/* tiny before rounding, inexact */
	FD2	fmul, NORMIN, HALF
	FD2	fdiv, NORMIN, 0x3ff0000000000001	/* rounds up to the smallest normal */
	FS2	fmul, 0x00800000, 0x3f7fffff
	FD2	fdiv, ONE, DMIN
	FD2	fdiv, DMIN, DMIN
	FD2	fmax, DMIN, NDEN
	FD2	fminnm, NDEN, 0x7ff8000000000000
	FD1	fsqrt, DMIN
	FD1	fabs, NDEN
	FD1	fneg, DMIN
	FD1	frintp, DMIN
	FD1	frecpe, DMIN
	FD1	frecpe, 0x7fd0000000000000	/* 1/x denormal */
	FD1	frsqrte, NDEN
	FD3	fmadd, DMIN, ONE, ONE
	FD3	fmadd, E1000, E30, 0x0000000000000004
	FD3	fmadd, NORMIN, 0x3fefffffffffffff, 0
	FS2	fadd, 0x00000001, 0x3f800000
	FS2	fmul, 0x00800000, 0x3f000000
	FS2	fmul, 0x80800000, 0x3f000000
	FS1	fsqrt, 0x007fffff
	LDD	1, DMIN
	LDD	2, 0
	CLRFPSR
	fcmp	d1, d2
	SHOWF	"fcmp denormal 0 nzcv"
	SHOWFPSR "  fpsr"
	CLRFPSR
	fcvtzs	x10, d1
	SHOW	"fcvtzs denormal", x10
	SHOWFPSR "  fpsr"
	LDD	1, 0x3800000000000000		/* 2^-127: a single denormal */
	CLRFPSR
	fcvt	s0, d1
	fmov	w10, s0
	SHOW	"fcvt.s 2^-127", x10
	SHOWFPSR "  fpsr"
	LDS	1, 0x80000003
	CLRFPSR
	fcvt	d0, s1
	fmov	x10, d0
	SHOW	"fcvt.d single denormal", x10
	SHOWFPSR "  fpsr"
	/* vector lanes each flush on their own */
	LDQ	1, 0x0000000180000001, 0x3f80000000400000
	LDQ	2, 0x0000000000000000, 0x0000000100000000
	CLRFPSR
	fadd	v0.4s, v1.4s, v2.4s
	SHOWV	"fadd.4s", 0
	SHOWFPSR "  fpsr"
	LDQ	2, 0x3f0000003f000000, 0x3f0000003f000000
	LDQ	1, 0x0080000080800000, 0x3f80000000800001
	CLRFPSR
	fmul	v0.4s, v1.4s, v2.4s
	SHOWV	"fmul.4s", 0
	SHOWFPSR "  fpsr"
	.endr

	/* Results tiny before rounding that round to the smallest normal (x86 would call
	 * them tiny after rounding only with an unbounded exponent): UFC and IXC without
	 * FZ, +-0 and UFC alone with FZ. Scalar forms under RP and FZ (the helpers), vector
	 * forms under every mode. */
	.irp fpcr, RN, RP, FZ
	SETFPCR	\fpcr
	mrs	x10, fpcr
	SHOW	"fpcr", x10
	.ifnc \fpcr, RN
	FD2	fmul, 0x3feffffffffffffe, 0x0010000000000001
	FS2	fmul, 0xbf7ffffe, 0x00800001
	FD3	fmadd, 0x1e20000000000000, 0x9e20000000000000, NORMIN
	LDD	1, 0xb80fffffffffffff
	CLRFPSR
	fcvt	s0, d1
	fmov	w10, s0
	SHOW	"fcvt.s -(2^-126-ulp)", x10
	SHOWFPSR "  fpsr"
	.endif
	LDQ	1, 0x3feffffffffffffe, 0x3ff0000000000000
	LDQ	2, 0x8010000000000001, 0x0010000000000001
	CLRFPSR
	fmul	v0.2d, v1.2d, v2.2d
	SHOWV	"fmul.2d", 0
	SHOWFPSR "  fpsr"
	LDQ	3, 0, NORMIN
	LDQ	1, 0x1e20000000000000, 0x1e20000000000000
	LDQ	2, 0x9e20000000000000, 0x1e20000000000000
	CLRFPSR
	fmla	v3.2d, v1.2d, v2.2d
	SHOWV	"fmla.2d", 3
	SHOWFPSR "  fpsr"
	.endr
	EXIT	0
