/*
 * NaN propagation and FPCR.DN, and fmin/fmax against fminnm/fmaxnm. Rules (Arm ARM):
 * FPProcessNaNs picks op1 if it is signaling, else op2 if signaling, else op1 if quiet,
 * else op2; a signaling NaN is returned quieted (bit 51 / bit 22 set, sign and payload
 * kept) with IOC. FPProcessNaNs3 (fmadd and friends) checks Va, Vn, Vm in that order,
 * and FPMulAdd returns the default NaN with IOC when Va is a quiet NaN and Vn * Vm is
 * 0 * inf. With FPCR.DN every NaN result is the default NaN 0x7ff8000000000000 /
 * 0x7fc00000 (positive). fabs, fneg and fmov are not arithmetic: they never quiet or
 * replace a NaN and raise nothing. FPMax/FPMin order +0 above -0; FPMaxNum/FPMinNum
 * replace one quiet NaN by -inf / +inf before FPMax, so a number beats a quiet NaN, but
 * a signaling NaN still propagates.
 * Hand-checked: "fadd.d 0x7ff8000000000002 0x7ff0000000000001" = 0x7ff8000000000001
 * (sNaN op2 before qNaN op1), "fmadd.d 0 inf qNaN" = 0x7ff8000000000000 with fpsr 1,
 * "fmaxnm.s qNaN 1.0" = 0x3f800000, "fmin.d +0 -0" = 0x8000000000000000.
 */
#include "a64-simd.h"

	.equ	QA, 0x7ff8000000000002	/* quiet, payload 2 */
	.equ	QB, 0xfff8000000000003	/* quiet, negative, payload 3 */
	.equ	SA, 0x7ff0000000000001	/* signaling, payload 1 */
	.equ	SB, 0xfff0000000000004	/* signaling, negative, payload 4 */
	.equ	ONE, 0x3ff0000000000000
	.equ	INF, 0x7ff0000000000000
	.equ	PZ, 0
	.equ	NZ, 0x8000000000000000

	START
	.irp fpcr, RN, DN
	SETFPCR	\fpcr
	mrs	x10, fpcr
	SHOW	"fpcr", x10
	.irp a, QA, SA, ONE
	.irp b, QB, SB, ONE
	FD2	fadd, \a, \b
	.endr
	.endr
	FD2	fmul, SB, QA
	FD2	fdiv, QB, SA
	FD2	fsub, QA, QB
	FD2	fnmul, SB, ONE
	FD2	fmulx, QB, ONE
	FD2	fdiv, PZ, PZ			/* invalid: default NaN */
	FD2	fmul, INF, PZ
	FD1	fsqrt, QB
	FD1	fsqrt, SB
	FD1	fsqrt, 0xbff0000000000000	/* sqrt(-1): default NaN */
	FD1	frintn, SA
	FD1	frintx, QB
	FD1	fabs, SB
	FD1	fneg, SA
	FD1	fmov, SB
	FS2	fadd, 0x7fc00005, 0xff800007
	FS2	fmul, 0xffc00005, 0x7f800007
	FS1	fsqrt, 0xff800003
	/* fmadd d0 = d3 + d1 * d2: Va (d3), Vn (d1), Vm (d2) */
	FD3	fmadd, QA, QB, SA		/* FD3 op, n, m, a: the addend SA wins */
	FD3	fmadd, SA, SB, QA
	FD3	fmadd, QA, QB, ONE
	FD3	fmadd, ONE, QB, QA
	FD3	fmadd, ONE, ONE, QB
	FD3	fmsub, SB, ONE, ONE
	FD3	fnmadd, QB, ONE, ONE
	FD3	fnmsub, ONE, SB, QA
	FD3	fmadd, PZ, INF, QA		/* qNaN addend, 0 * inf: default NaN */
	FD3	fmadd, INF, NZ, QB
	FD3	fmadd, PZ, INF, SA
	FD3	fmadd, PZ, INF, ONE		/* plain invalid */
	FS3	fmadd, 0x00000000, 0x7f800000, 0xffc00009
	FS3	fmsub, 0x7fa00001, 0x3f800000, 0x7fc00002
	/* fcvt of NaNs keeps the top of the payload (or gives the default NaN with DN) */
	LDD	1, 0xfff0000020000001
	CLRFPSR
	fcvt	s0, d1
	fmov	w10, s0
	SHOW	"fcvt.s sNaN", x10
	SHOWFPSR "  fpsr"
	LDS	1, 0x7f800011
	CLRFPSR
	fcvt	d0, s1
	fmov	x10, d0
	SHOW	"fcvt.d sNaN", x10
	SHOWFPSR "  fpsr"
	LDS	1, 0xffc02000
	CLRFPSR
	fcvt	h0, s1
	fmov	w10, s0
	SHOW	"fcvt.h qNaN", x10
	SHOWFPSR "  fpsr"
	/* min/max: NaNs and signed zeros */
	.irp op, fmax, fmin, fmaxnm, fminnm
	FD2	\op, PZ, NZ
	FD2	\op, NZ, PZ
	FD2	\op, QA, ONE
	FD2	\op, ONE, QB
	FD2	\op, SA, ONE
	FD2	\op, ONE, SB
	FD2	\op, QA, SB
	FD2	\op, QA, QB
	FD2	\op, INF, QA
	FS2	\op, 0x7fc00001, 0xbf800000
	FS2	\op, 0x80000000, 0x00000000
	.endr
	.endr
	SETFPCR	RN
	/* vector forms, four lanes at once */
	LDQ	1, 0x7fc0000180000000, 0x7f800001ffc00002
	LDQ	2, 0x3f80000000000000, 0x3f800000bf800000
	.irp op, fmax, fmin, fmaxnm, fminnm, fmaxp, fminp, fmaxnmp, fminnmp, fadd
	CLRFPSR
	\op	v0.4s, v1.4s, v2.4s
	SHOWV	"\op\().4s", 0
	SHOWFPSR "  fpsr"
	.endr
	.irp op, fmaxv, fminv, fmaxnmv, fminnmv
	CLRFPSR
	\op	s0, v1.4s
	SHOWV	"\op v1", 0
	SHOWFPSR "  fpsr"
	\op	s0, v2.4s
	SHOWV	"\op v2", 0
	.endr
	LDQ	3, 0x7fc00000ff800000, 0x7fc000007fc00000
	fmaxnmv	s0, v3.4s
	SHOWV	"fmaxnmv -inf+qNaNs", 0
	fminnmv	s0, v3.4s
	SHOWV	"fminnmv -inf+qNaNs", 0
	EXIT	0
