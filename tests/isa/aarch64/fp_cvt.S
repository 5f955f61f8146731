/*
 * FP to integer conversions (fcvtzs/zu, ns/nu, as/au, ps/pu, ms/mu into W and X, from
 * single and double), their saturation (IOC, the nearest representable bound) and NaN
 * to 0 (IOC); and fixed point: scvtf/ucvtf and fcvtzs/fcvtzu with #fbits, scalar and
 * vector. Rules (Arm ARM FPToFixed): the value times 2^fbits is rounded by the
 * instruction's mode; a result outside the destination's range saturates and raises IOC
 * only (not IXC); an in-range inexact result raises IXC; a NaN gives 0 with IOC; the
 * unsigned forms saturate negatives to 0 (IOC) unless they round to 0 (-0.4 -> 0 with
 * IXC only). FixedToFP divides the integer by 2^fbits with one rounding.
 * Hand-checked: fcvtzs w of 2^31 = 0x7fffffff fpsr 1; fcvtzu x of -1.0 = 0, fpsr 1;
 * fcvtau w of 2.5 = 3; fcvtns w of -2.5 = 0xfffffffe; fcvtzs w of 1.75 #1 = 3 (fpsr
 * 0x10); scvtf d of 0x80000000 (w) #31 = -1.0.
 */
#include "a64-simd.h"

	.macro CVT op, rd, fn, val
	.ifc \fn, d
	LDD	1, \val
	.else
	LDS	1, \val
	.endif
	CLRFPSR
	\op	\rd\()10, \fn\()1
	mrs	x11, fpsr
	SHOW	"\op \rd \fn \val", x10
	SHOW	"  fpsr", x11
	.endm

	START
	.irp op, fcvtzs, fcvtzu, fcvtns, fcvtnu, fcvtas, fcvtau, fcvtps, fcvtpu, fcvtms, fcvtmu
	.irp v, 0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000200000, 0x41f0000000000000, 0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000, 0x4004000000000000, 0xc004000000000000, 0xbfd999999999999a, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff0000000000001, 0x8000000000000001
	CVT	\op, w, d, \v
	CVT	\op, x, d, \v
	.endr
	.irp v, 0x4f000000, 0xcf000000, 0x5f800000, 0xdf000000, 0x3fc00000, 0xbfc00000, 0x7fc00000
	CVT	\op, w, s, \v
	CVT	\op, x, s, \v
	.endr
	.endr
	/* fixed point, scalar */
	LDD	1, 0x3ffc000000000000		/* 1.75 */
	CLRFPSR
	fcvtzs	w10, d1, #1
	SHOW	"fcvtzs w 1.75 #1", x10
	fcvtzs	x10, d1, #64
	SHOW	"fcvtzs x 1.75 #64", x10
	fcvtzu	w10, d1, #32
	SHOW	"fcvtzu w 1.75 #32", x10
	fcvtzs	w10, d1, #31
	SHOW	"fcvtzs w 1.75 #31", x10
	SHOWFPSR "  fpsr"
	LDS	1, 0xbfe00000			/* -1.75 */
	CLRFPSR
	fcvtzs	x10, s1, #3
	SHOW	"fcvtzs x -1.75 #3", x10
	fcvtzu	x10, s1, #3
	SHOW	"fcvtzu x -1.75 #3", x10
	SHOWFPSR "  fpsr"
	ldr	x2, =0x80000000
	CLRFPSR
	scvtf	d0, w2, #31
	fmov	x10, d0
	SHOW	"scvtf d w 0x80000000 #31", x10
	ucvtf	d0, w2, #31
	fmov	x10, d0
	SHOW	"ucvtf d w 0x80000000 #31", x10
	ldr	x2, =0xffffffffffffffff
	scvtf	s0, x2, #64
	fmov	w10, s0
	SHOW	"scvtf s x -1 #64", x10
	ucvtf	d0, x2, #64
	fmov	x10, d0
	SHOW	"ucvtf d x 2^64-1 #64", x10
	ucvtf	s0, x2, #1
	fmov	w10, s0
	SHOW	"ucvtf s x 2^64-1 #1", x10
	SHOWFPSR "  fpsr"
	ldr	x2, =0x0000000001000001
	CLRFPSR
	scvtf	s0, x2, #2
	fmov	w10, s0
	SHOW	"scvtf s 2^24+1 #2", x10
	SHOWFPSR "  fpsr"
	/* fixed point and plain conversions, vector */
	LDQ	1, 0xc00c000000000000, 0x3ffc000000000000	/* -3.5, 1.75 */
	CLRFPSR
	fcvtzs	v0.2d, v1.2d, #2
	SHOWV	"fcvtzs.2d #2", 0
	fcvtzu	v0.2d, v1.2d, #2
	SHOWV	"fcvtzu.2d #2", 0
	SHOWFPSR "  fpsr"
	LDQ	1, 0x4f800000cf000001, 0x7fc000003f400000	/* 2^32, <-2^31, NaN, 0.75 */
	CLRFPSR
	fcvtzs	v0.4s, v1.4s
	SHOWV	"fcvtzs.4s", 0
	fcvtnu	v0.4s, v1.4s
	SHOWV	"fcvtnu.4s", 0
	fcvtas	v0.4s, v1.4s
	SHOWV	"fcvtas.4s", 0
	fcvtzs	v0.4s, v1.4s, #4
	SHOWV	"fcvtzs.4s #4", 0
	SHOWFPSR "  fpsr"
	LDQ	1, 0xffffffff80000000, 0x0000000700000003
	CLRFPSR
	scvtf	v0.4s, v1.4s, #1
	SHOWV	"scvtf.4s #1", 0
	ucvtf	v0.4s, v1.4s, #32
	SHOWV	"ucvtf.4s #32", 0
	scvtf	v0.2d, v1.2d
	SHOWV	"scvtf.2d", 0
	ucvtf	v0.2d, v1.2d, #3
	SHOWV	"ucvtf.2d #3", 0
	SHOWFPSR "  fpsr"
	/* scalar-of-vector forms: one element, the rest of V[d] zeroed */
	LDQ	0, 0x1111111111111111, 0x2222222222222222
	LDQ	1, 0x4000000000000000, 0xc0200000c0000000
	fcvtzs	s0, s1
	SHOWV	"fcvtzs s (simd)", 0
	scvtf	d0, d1, #3
	SHOWV	"scvtf d #3 (simd)", 0
	EXIT	0
