/*
 * Reciprocal and reciprocal square root estimates and steps, scalar and vector:
 * frecpe and frsqrte over normal, denormal, tiny, huge, zero, infinite, negative and NaN
 * inputs (under RN and RZ, and with FZ), urecpe/ursqrte, frecpx, frecps/frsqrts
 * including the 0 * inf cases; and a few vector FP forms the scalar tests do not reach
 * (fmulx, fabd, faddp, fmla/fmls by element, fcvtn/fcvtn2, fcvtl/fcvtl2, fcvtxn).
 * Rules (Arm ARM FPRecipEstimate, FPRSqrtEstimate, RecipEstimate, RecipSqrtEstimate,
 * FPRecipStepFused, FPRSqrtStepFused): the estimates use an 8-bit table lookup on the
 * top fraction bits; 1/+-0 is +-inf with DZC; an input so small that 1/x overflows gives
 * inf (RN) or the largest normal (RZ) with OFC and IXC; frsqrte of a negative number
 * is the default NaN with IOC; frecps(0, inf) = 2.0 and frsqrts(0, inf) = 1.5 without
 * IOC; fcvtxn rounds to odd. FPRSqrtStepFused computes (3 - a*b) / 2 with one
 * rounding: frsqrts.d of the largest normal and -2.0 is that largest normal, not inf. Hand-checked: frecpe.s 1.0 = 0x3f7f8000
 * (RecipEstimate(256) = 511, fraction 0xff << 15, exponent 253 - 127 - 1), frsqrte.s
 * 1.0 = 0x3f7f8000, frsqrte.s 4.0 = 0x3eff8000, frecpe.d 2^-1030 = inf, fpsr 0x14.
 */
#include "a64-simd.h"

	START
	.irp fpcr, RN, RZ, FZ
	SETFPCR	\fpcr
	mrs	x10, fpcr
	SHOW	"fpcr", x10
	.irp v, 0x3f800000, 0x40000000, 0x40400000, 0x3dcccccd, 0xc0a00000, 0x00400000, 0x00000001, 0x00200000, 0x7f000000, 0x7e800000, 0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7f800001, 0xffc00001, 0x40800000, 0x3f000000, 0x417fffff
	FS1	frecpe, \v
	FS1	frsqrte, \v
	FS1	frecpx, \v
	.endr
	.irp v, 0x3ff0000000000000, 0x3fb999999999999a, 0xc010000000000000, 0x0000000000000001, 0x0008000000000000, 0x0004000000000000, 0x7fd0000000000000, 0x7fc0000000000000, 0x8000000000000000, 0xfff0000000000000, 0x7ff4000000000000, 0x0010000000000000, 0x4030000000000000
	FD1	frecpe, \v
	FD1	frsqrte, \v
	FD1	frecpx, \v
	.endr
	.endr
	SETFPCR	RN
	LDQ	1, 0x00000001ffffffff, 0x800000003fffffff
	urecpe	v0.4s, v1.4s
	SHOWV	"urecpe.4s", 0
	ursqrte	v0.4s, v1.4s
	SHOWV	"ursqrte.4s", 0
	LDQ	1, 0x5000000040000000, 0xc0000000c0000001
	urecpe	v0.4s, v1.4s
	SHOWV	"urecpe.4s b", 0
	ursqrte	v0.4s, v1.4s
	SHOWV	"ursqrte.4s b", 0
	/* steps: frecps = 2 - a*b, frsqrts = (3 - a*b) / 2 */
	.irp op, frecps, frsqrts
	FS2	\op, 0x3f800000, 0x3f000000
	FS2	\op, 0x00000000, 0x7f800000
	FS2	\op, 0xff800000, 0x80000000
	FS2	\op, 0x7f800000, 0x3f800000
	FS2	\op, 0x7fc00001, 0x7f800001
	FS2	\op, 0x3f800001, 0x3fffffff
	FD2	\op, 0x4000000000000000, 0x3ff8000000000000
	FD2	\op, 0x8000000000000000, 0xfff0000000000000
	FD2	\op, 0x7fefffffffffffff, 0xc000000000000000
	.endr
	/* FPRSqrtStepFused rounds once, after halving: (3 + 2 * max) / 2 is finite */
	.irp fpcr, RN, RM
	SETFPCR	\fpcr
	FS2	frsqrts, 0x7f7fffff, 0xc0000000
	FD2	frsqrts, 0xc000000000000000, 0x7fefffffffffffff
	FD2	frsqrts, 0x0000000000000001, 0x0000000000000003
	FD2	frsqrts, 0x0010000000000001, 0x3ff0000000000001
	FS2	frsqrts, 0x00800001, 0x00000003
	FS2	frecps, 0x7f7fffff, 0xc0000000
	.endr
	SETFPCR	RN
	/* a Newton-Raphson refinement of 1/3 in four lanes */
	LDQ	1, 0x4040000040400000, 0x4040000040400000
	frecpe	v2.4s, v1.4s
	SHOWV	"frecpe 3", 2
	frecps	v3.4s, v1.4s, v2.4s
	fmul	v2.4s, v2.4s, v3.4s
	SHOWV	"after step 1", 2
	frecps	v3.4s, v1.4s, v2.4s
	fmul	v2.4s, v2.4s, v3.4s
	SHOWV	"after step 2", 2
	frsqrte	v2.2d, v1.2d
	SHOWV	"frsqrte.2d", 2
	/* more vector FP */
	LDQ	1, 0x7ff0000000000000, 0xc008000000000000
	LDQ	2, 0x8000000000000000, 0x3fe0000000000000
	CLRFPSR
	fmulx	v0.2d, v1.2d, v2.2d
	SHOWV	"fmulx.2d", 0
	fabd	v0.2d, v1.2d, v2.2d
	SHOWV	"fabd.2d", 0
	faddp	v0.2d, v1.2d, v2.2d
	SHOWV	"faddp.2d", 0
	faddp	d0, v2.2d
	SHOWV	"faddp d", 0
	SHOWFPSR "  fpsr"
	LDQ	3, 0x4000000040400000, 0x3f800000bf800000
	LDQ	4, 0x4080000040a00000, 0x40c0000040e00000
	mov	v0.16b, v4.16b
	fmla	v0.4s, v3.4s, v4.s[2]
	SHOWV	"fmla.4s s[2]", 0
	mov	v0.16b, v4.16b
	fmls	v0.4s, v3.4s, v4.s[3]
	SHOWV	"fmls.4s s[3]", 0
	fmul	s0, s3, v4.s[1]
	SHOWV	"fmul s by s[1]", 0
	LDQ	5, 0x3ff0000010000000, 0x47efffffffffffff
	LDQ	0, 0x1111111111111111, 0x2222222222222222
	CLRFPSR
	fcvtn	v0.2s, v5.2d
	SHOWV	"fcvtn.2s", 0
	fcvtn2	v0.4s, v5.2d
	SHOWV	"fcvtn2.4s", 0
	fcvtxn	v0.2s, v5.2d
	SHOWV	"fcvtxn.2s", 0
	SHOWFPSR "  fpsr"
	fcvtl	v0.2d, v3.2s
	SHOWV	"fcvtl.2d", 0
	fcvtl2	v0.2d, v3.4s
	SHOWV	"fcvtl2.2d", 0
	LDQ	6, 0x7c01fc00bc003c00, 0x0001800003ff7bff
	fcvtl	v0.4s, v6.4h
	SHOWV	"fcvtl.4s (half)", 0
	fcvtl2	v0.4s, v6.8h
	SHOWV	"fcvtl2.4s (half)", 0
	EXIT	0
