/*
 * Additions to a64-test.h for the FP and Advanced SIMD tests: loading V registers from
 * literal constants, printing a whole V register ("label=<hi 16 hex>_<lo 16 hex>"), FPSR
 * and FPCR, and one-line FP operation macros that clear FPSR first and print the result
 * bits and the flags the operation raised. Every macro uses x9-x11 as scratch, nothing
 * else, and leaves NZCV alone.
 */
#include "a64-test.h"

/* FPCR values: RMode in bits 23:22, FZ bit 24, DN bit 25, AHP bit 26. */
	.equ	RN, 0
	.equ	RP, 1 << 22
	.equ	RM, 2 << 22
	.equ	RZ, 3 << 22
	.equ	FZ, 1 << 24
	.equ	DN, 1 << 25
	.equ	AHP, 1 << 26

/* Vn = hi:lo (two 64-bit halves) from a literal in .rodata. */
	.macro LDQ n, hi, lo
	ldr	q\n, .Lldq\@
	.pushsection .rodata.ldq, "a"
	.p2align 4
.Lldq\@:
	.dword	\lo, \hi
	.popsection
	.endm

/* Dn / Sn / Hn = bits (the rest of the register zeroed). */
	.macro LDD n, bits
	ldr	x9, =\bits
	fmov	d\n, x9
	.endm
	.macro LDS n, bits
	ldr	w9, =\bits
	fmov	s\n, w9
	.endm

	.macro SETFPCR val
	ldr	x9, =\val
	msr	fpcr, x9
	.endm
	.macro CLRFPSR
	msr	fpsr, xzr
	.endm

/* Prints "\label=" and V register \n as hi_lo. */
	.macro SHOWV label, n
	sub	sp, sp, #48
	stp	x0, x1, [sp]
	stp	x2, x30, [sp, #16]
	mov	x0, v\n\().d[1]
	mov	x2, v\n\().d[0]
	adr	x1, .Lshowv_label\@
	bl	show_hex128
	ldp	x0, x1, [sp]
	ldp	x2, x30, [sp, #16]
	add	sp, sp, #48
	.pushsection .rodata.show, "a"
.Lshowv_label\@:
	.asciz	"\label"
	.popsection
	.endm

	.macro SHOWFPSR label
	mrs	x10, fpsr
	SHOW	"\label", x10
	.endm

/* Scalar double operations: Dd = op(Dn...) on bit patterns; prints d0 and FPSR. */
	.macro FD2 op, a, b
	LDD	1, \a
	LDD	2, \b
	CLRFPSR
	\op	d0, d1, d2
	fmov	x10, d0
	mrs	x11, fpsr
	SHOW	"\op\().d \a \b", x10
	SHOW	"  fpsr", x11
	.endm
	.macro FS2 op, a, b
	LDS	1, \a
	LDS	2, \b
	CLRFPSR
	\op	s0, s1, s2
	fmov	w10, s0
	mrs	x11, fpsr
	SHOW	"\op\().s \a \b", x10
	SHOW	"  fpsr", x11
	.endm
	.macro FD1 op, a
	LDD	1, \a
	CLRFPSR
	\op	d0, d1
	fmov	x10, d0
	mrs	x11, fpsr
	SHOW	"\op\().d \a", x10
	SHOW	"  fpsr", x11
	.endm
	.macro FS1 op, a
	LDS	1, \a
	CLRFPSR
	\op	s0, s1
	fmov	w10, s0
	mrs	x11, fpsr
	SHOW	"\op\().s \a", x10
	SHOW	"  fpsr", x11
	.endm
	.macro FD3 op, a, b, c
	LDD	1, \a
	LDD	2, \b
	LDD	3, \c
	CLRFPSR
	\op	d0, d1, d2, d3
	fmov	x10, d0
	mrs	x11, fpsr
	SHOW	"\op\().d \a \b \c", x10
	SHOW	"  fpsr", x11
	.endm
	.macro FS3 op, a, b, c
	LDS	1, \a
	LDS	2, \b
	LDS	3, \c
	CLRFPSR
	\op	s0, s1, s2, s3
	fmov	w10, s0
	mrs	x11, fpsr
	SHOW	"\op\().s \a \b \c", x10
	SHOW	"  fpsr", x11
	.endm

	.pushsection .text.show_hex128, "ax"
	.p2align 2
/* x0 = high half, x2 = low half, x1 = label: prints "label=hhhh..._llll...". Preserves
 * everything but x0-x2 and x30. */
show_hex128:
	stp	x3, x4, [sp, #-96]!
	stp	x5, x6, [sp, #16]
	stp	x7, x8, [sp, #32]
	mrs	x3, nzcv
	str	x3, [sp, #48]
	sub	sp, sp, #128
	mov	x3, sp
1:	ldrb	w4, [x1], #1
	cbz	w4, 2f
	strb	w4, [x3], #1
	b	1b
2:	mov	w4, #'='
	strb	w4, [x3], #1
	mov	x8, #2
	mov	x1, x0
3:	mov	x4, #60
4:	lsr	x5, x1, x4
	and	x5, x5, #15
	cmp	x5, #10
	add	x6, x5, #'0'
	add	x7, x5, #('a' - 10)
	csel	x5, x6, x7, lo
	strb	w5, [x3], #1
	subs	x4, x4, #4
	b.pl	4b
	subs	x8, x8, #1
	b.eq	5f
	mov	w4, #'_'
	strb	w4, [x3], #1
	mov	x1, x2
	b	3b
5:	mov	w4, #10
	strb	w4, [x3], #1
	mov	x0, #1
	mov	x1, sp
	sub	x2, x3, x1
	mov	x8, #64
	svc	#0
	add	sp, sp, #128
	ldr	x3, [sp, #48]
	msr	nzcv, x3
	ldp	x7, x8, [sp, #32]
	ldp	x5, x6, [sp, #16]
	ldp	x3, x4, [sp], #96
	ret
	.popsection
