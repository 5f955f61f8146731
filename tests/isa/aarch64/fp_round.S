/*
 * FPCR.RMode (RN, RP, RM, RZ) applied to fadd, fsub, fmul, fdiv, fsqrt, fmadd, fcvt
 * (double to single, single to half), scvtf/ucvtf, frinti and frintx, on exact ties,
 * values just off a tie, negatives, overflow and underflow; then the fixed-mode frintn,
 * frinta, frintp, frintm, frintz and fcvt{n,a,p,m,z}s, which ignore RMode.
 * Hand-checked lines follow the Arm ARM's FPRound: RN is ties-to-even, RP/RM round toward
 * +inf/-inf, RZ truncates; an overflow rounds to infinity under RN and under the
 * directed mode pointing away from zero, otherwise to the largest normal (OFC and IXC
 * either way); FPRoundInt's frinta ties away from zero and frintx alone raises IXC.
 * For instance under RP: 1 + 2^-53 (a tie) -> 0x3ff0000000000001, -1 - 2^-53 ->
 * 0xbff0000000000000; under RZ: max * 2 -> 0x7fefffffffffffff with fpsr 0x14.
 * With FPCR.AHP a half overflow is FPRoundBase's alternative-format case instead: the
 * largest-magnitude value sign:Ones(15) with IOC alone, in every mode (the error is
 * cleared so that no IXC follows): fcvt.h AHP -196608 -> 0xffff with fpsr 1.
 */
#include "a64-simd.h"

	START
	.irp mode, RN, RP, RM, RZ
	SETFPCR	\mode
	mrs	x10, fpcr
	SHOW	"fpcr", x10
	FD2	fadd, 0x3ff0000000000000, 0x3ca0000000000000	/* 1 + half ulp: tie */
	FD2	fadd, 0xbff0000000000000, 0xbca0000000000000	/* -1 - half ulp */
	FD2	fadd, 0x3ff0000000000001, 0x3ca0000000000000	/* odd + tie */
	FD2	fadd, 0x3ff0000000000000, 0x3ca8000000000000	/* above a tie */
	FD2	fsub, 0x3ff0000000000000, 0x3c90000000000000	/* 1 - quarter ulp */
	FD2	fsub, 0x3ff0000000000000, 0x3ff0000000000000	/* exact zero: -0 under RM */
	FS2	fadd, 0x3f800000, 0x33800000
	FS2	fadd, 0xbf800001, 0xb3800000
	FS2	fmul, 0x3f800001, 0x3f800001
	FS2	fmul, 0xbf800001, 0x3f800001
	FD2	fmul, 0x7fefffffffffffff, 0x4000000000000000	/* overflow */
	FD2	fmul, 0xffefffffffffffff, 0x4000000000000000
	FS2	fmul, 0x00800000, 0x3f000001			/* tiny, inexact */
	FS2	fmul, 0x80000001, 0x3f000000			/* half the smallest */
	FD2	fdiv, 0x3ff0000000000000, 0x4008000000000000	/* 1/3 */
	FD2	fdiv, 0xbff0000000000000, 0x4008000000000000
	FS2	fdiv, 0x40000000, 0x40400000
	FD1	fsqrt, 0x4000000000000000
	FS1	fsqrt, 0x40000000
	FS1	fsqrt, 0x40400000
	FD3	fmadd, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000
	FD3	fmsub, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000
	FS3	fnmadd, 0x3f800001, 0x3f800001, 0x3f800000
	/* fcvt d -> s: 1 + 2^-24 is a tie in single; 1 + 3 * 2^-25 is above it */
	LDD	1, 0x3ff0000010000000
	CLRFPSR
	fcvt	s0, d1
	fmov	w10, s0
	SHOW	"fcvt.s 1+2^-24", x10
	SHOWFPSR "  fpsr"
	LDD	1, 0xbff0000018000000
	CLRFPSR
	fcvt	s0, d1
	fmov	w10, s0
	SHOW	"fcvt.s -(1+3*2^-25)", x10
	SHOWFPSR "  fpsr"
	LDD	1, 0x47efffffffffffff				/* above the single max */
	CLRFPSR
	fcvt	s0, d1
	fmov	w10, s0
	SHOW	"fcvt.s big", x10
	SHOWFPSR "  fpsr"
	LDS	1, 0x3f801000					/* 1 + 2^-11: half tie */
	CLRFPSR
	fcvt	h0, s1
	fmov	w10, s0
	SHOW	"fcvt.h 1+2^-11", x10
	SHOWFPSR "  fpsr"
	LDS	1, 0xc77ff000					/* -65520: overflows half */
	CLRFPSR
	fcvt	h0, s1
	fmov	w10, s0
	SHOW	"fcvt.h -65520", x10
	SHOWFPSR "  fpsr"
	SETFPCR	\mode | AHP
	LDS	1, 0xc8400001				/* about -196608: overflows AHP */
	CLRFPSR
	fcvt	h0, s1
	fmov	w10, s0
	SHOW	"fcvt.h AHP -196608", x10
	SHOWFPSR "  fpsr"
	SETFPCR	\mode
	/* integer to FP: 2^53 + 1 and 2^53 + 3 are ties in double */
	ldr	x2, =0x20000000000001
	CLRFPSR
	scvtf	d0, x2
	fmov	x10, d0
	SHOW	"scvtf.d 2^53+1", x10
	ldr	x2, =0xffdffffffffffffd
	scvtf	d0, x2
	fmov	x10, d0
	SHOW	"scvtf.d -(2^53+3)", x10
	ldr	x2, =0xffffffffffffffff
	ucvtf	s0, x2
	fmov	w10, s0
	SHOW	"ucvtf.s 2^64-1", x10
	ldr	w2, =0x1000001
	ucvtf	s0, w2
	fmov	w10, s0
	SHOW	"ucvtf.s 2^24+1", x10
	SHOWFPSR "  fpsr"
	.irp v, 0x4004000000000000, 0xc004000000000000, 0x3fe0000000000000, 0xbfe0000000000000, 0x3ff8000000000000, 0xbff8000000000000, 0x4330000000000001
	FD1	frinti, \v
	FD1	frintx, \v
	.endr
	.endr

	SETFPCR	RP
	.irp v, 0x4004000000000000, 0xc004000000000000, 0x3fe0000000000000, 0xbfe0000000000000, 0xbfd0000000000000, 0x400c000000000000
	FD1	frintn, \v
	FD1	frinta, \v
	FD1	frintp, \v
	FD1	frintm, \v
	FD1	frintz, \v
	.endr
	.irp v, 0x40200000, 0xc0200000, 0x3f000000, 0xbf000000, 0x40600000
	LDS	1, \v
	fcvtns	x10, s1
	SHOW	"fcvtns \v", x10
	fcvtas	x10, s1
	SHOW	"fcvtas \v", x10
	fcvtps	x10, s1
	SHOW	"fcvtps \v", x10
	fcvtms	x10, s1
	SHOW	"fcvtms \v", x10
	fcvtzs	x10, s1
	SHOW	"fcvtzs \v", x10
	.endr
	EXIT	0
