/*
 * fcmp/fcmpe (register and #0.0, single and double) NZCV for less, equal, greater and
 * unordered, +0 = -0, infinities; and the IOC rule: fcmp raises IOC only for a
 * signaling NaN operand, fcmpe for any NaN. fccmp/fccmpe take the compare when the
 * condition holds and the immediate NZCV otherwise (raising nothing then); vector
 * fcmeq/fcmge/fcmgt/facge/facgt (register and zero) give all-ones lanes, where
 * equality compares are quiet and the ordered ones signal on any NaN.
 * Rules (Arm ARM FPCompare): less 1000 (0x8), equal 0110 (0x6), greater 0010 (0x2),
 * unordered 0011 (0x3). Hand-checked: "fcmp.d 1 qNaN" nzcv=0x30000000 fpsr 0,
 * "fcmpe.d 1 qNaN" fpsr 1, "fcmp.d -0 +0" 0x60000000, "fcmp.s -inf 1" 0x80000000.
 */
#include "a64-simd.h"

	.macro FCMPD op, a, b
	LDD	1, \a
	LDD	2, \b
	CLRFPSR
	\op	d1, d2
	SHOWF	"\op\().d \a \b nzcv"
	SHOWFPSR "  fpsr"
	.endm
	.macro FCMPS op, a, b
	LDS	1, \a
	LDS	2, \b
	CLRFPSR
	\op	s1, s2
	SHOWF	"\op\().s \a \b nzcv"
	SHOWFPSR "  fpsr"
	.endm

	START
	.irp op, fcmp, fcmpe
	.irp a, 0x3ff0000000000000, 0x8000000000000000, 0x7ff8000000000000, 0x7ff0000000000001, 0xfff0000000000000
	.irp b, 0x3ff0000000000000, 0x0000000000000000, 0x7ff8000000000000, 0xfff4000000000000, 0x7ff0000000000000
	FCMPD	\op, \a, \b
	.endr
	.endr
	FCMPS	\op, 0xff800000, 0x3f800000
	FCMPS	\op, 0x3f800001, 0x3f800000
	FCMPS	\op, 0x7fc00000, 0x7fc00000
	FCMPS	\op, 0x00000001, 0x80000000
	LDD	1, 0x8000000000000000
	\op	d1, #0.0
	SHOWF	"\op\().d -0 #0 nzcv"
	LDS	1, 0x7f800001
	CLRFPSR
	\op	s1, #0.0
	SHOWF	"\op\().s sNaN #0 nzcv"
	SHOWFPSR "  fpsr"
	LDS	1, 0xbf800000
	\op	s1, #0.0
	SHOWF	"\op\().s -1 #0 nzcv"
	.endr
	/* fccmp: condition true -> compare; false -> #nzcv */
	LDD	1, 0x3ff0000000000000
	LDD	2, 0x7ff8000000000000
	mov	x3, #1
	cmp	x3, #1
	CLRFPSR
	fccmp	d1, d2, #0x4, eq
	SHOWF	"fccmp eq-true 1 qNaN nzcv"
	SHOWFPSR "  fpsr"
	cmp	x3, #2
	fccmpe	d1, d2, #0x4, eq
	SHOWF	"fccmpe eq-false nzcv"
	SHOWFPSR "  fpsr"
	cmp	x3, #1
	fccmpe	d1, d2, #0x4, eq
	SHOWF	"fccmpe eq-true 1 qNaN nzcv"
	SHOWFPSR "  fpsr"
	cmp	x3, #1
	fccmp	d2, d1, #0xf, ne
	SHOWF	"fccmp ne-false nzcv"
	fcsel	d0, d1, d2, eq
	fmov	x10, d0
	SHOW	"fcsel eq", x10
	/* vector compares: lanes 1.0 | -0 | qNaN | -2.0 against 1.0 | +0 | 1.0 | 2.0 */
	LDQ	1, 0xc00000007fc00000, 0x800000003f800000
	LDQ	2, 0x400000003f800000, 0x000000003f800000
	.irp op, fcmeq, fcmge, fcmgt, facge, facgt
	CLRFPSR
	\op	v0.4s, v1.4s, v2.4s
	SHOWV	"\op\().4s", 0
	SHOWFPSR "  fpsr"
	.endr
	.irp op, fcmeq, fcmge, fcmgt, fcmle, fcmlt
	CLRFPSR
	\op	v0.4s, v1.4s, #0.0
	SHOWV	"\op\().4s #0", 0
	SHOWFPSR "  fpsr"
	.endr
	LDQ	1, 0x7ff0000000000001, 0xfff0000000000000
	CLRFPSR
	fcmeq	v0.2d, v1.2d, #0.0
	SHOWV	"fcmeq.2d sNaN -inf #0", 0
	SHOWFPSR "  fpsr"
	EXIT	0
