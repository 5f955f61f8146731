/*
 * Exclusives and atomics: ldxr/stxr of every size (success, failure after an
 * intervening store to the location, after clrex, after a system call, at another
 * address),
 * ldaxr/stlxr, ldxp/stxp of W and X pairs, ldar/stlr/ldapr, the LSE atomic memory
 * operations in every size with old values returned zero-extended and their st*
 * aliases, swp, cas (match and mismatch, every size) and casp of W and X pairs.
 */
#include "a64-test.h"
	.arch	armv8.3-a

	.data
	.p2align 4
mem:	.quad	0x8877665544332211, 0xf0e1d2c3b4a59687, 0, 0
	.text

	.macro AMO op, size, val
	ldr	x20, =mem
	ldr	x2, =0x8877665544332211
	str	x2, [x20]
	ldr	x3, =\val
	\op\size	w3, w1, [x20]
	SHOW	"\op\size \val old", x1
	ldr	x1, [x20]
	SHOW	"  mem", x1
	.endm
	.macro AMOX op, val
	ldr	x20, =mem
	ldr	x2, =0x8877665544332211
	str	x2, [x20]
	ldr	x3, =\val
	\op	x3, x1, [x20]
	SHOW	"\op \val old", x1
	ldr	x1, [x20]
	SHOW	"  mem", x1
	.endm

	START
	ldr	x20, =mem
	/* success */
	ldxr	x1, [x20]
	add	x1, x1, #1
	stxr	w5, x1, [x20]
	SHOW	"stxr ok status", x5
	ldr	x1, [x20]
	SHOW	"  mem", x1
	/* failure after an intervening store */
	ldxrb	w1, [x20]
	mov	w2, #0x55
	strb	w2, [x20]
	stxrb	w5, w1, [x20]
	SHOW	"stxrb after store status", x5
	ldr	x1, [x20]
	SHOW	"  mem", x1
	/* failure after clrex */
	ldaxrh	w1, [x20]
	clrex
	stlxrh	w5, w1, [x20]
	SHOW	"stlxrh after clrex status", x5
	/* failure at another address */
	ldxr	w1, [x20]
	add	x21, x20, #4
	stxr	w5, w1, [x21]
	SHOW	"stxr other addr status", x5
	/* a second store-exclusive fails: the first cleared the monitor */
	ldxr	w1, [x20]
	stxr	w5, w1, [x20]
	SHOW	"stxr.w status", x5
	stxr	w5, w1, [x20]
	SHOW	"  again status", x5
	/* pairs */
	ldxp	x1, x2, [x20]
	stxp	w5, x2, x1, [x20]
	SHOW	"ldxp first", x1
	SHOW	"  second", x2
	SHOW	"stxp status", x5
	/* a system call in between clears the monitor */
	ldxr	x1, [x20]
	SHOW	"ldxr", x1
	stxr	w5, x1, [x20]
	SHOW	"stxr after svc status", x5
	ldp	x1, x2, [x20]
	SHOW	"  mem0", x1
	SHOW	"  mem8", x2
	add	x21, x20, #8
	ldaxp	w1, w2, [x21]
	add	x21, x20, #8
	stlxp	w5, w2, w1, [x21]
	SHOW	"stlxp.w status", x5
	ldr	x1, [x20, #8]
	SHOW	"  mem8", x1
	/* acquire / release */
	ldr	x2, =0x0123456789abcdef
	add	x21, x20, #16
	stlr	x2, [x21]
	add	x21, x20, #16
	ldar	w1, [x21]
	SHOW	"ldar.w", x1
	add	x21, x20, #24
	stlrb	w2, [x21]
	add	x21, x20, #24
	ldarh	w1, [x21]
	SHOW	"ldarh", x1
	add	x21, x20, #16
	ldapr	x1, [x21]
	SHOW	"ldapr", x1
	add	x21, x20, #17
	ldaprb	w1, [x21]
	SHOW	"ldaprb", x1
	/* LSE atomic memory operations */
	.irp size, b, h, ,
	AMO	ldadd, \size, 0xf0
	AMO	ldclral, \size, 0x11
	AMO	ldeora, \size, 0xff
	AMO	ldsetl, \size, 0x8080
	AMO	ldsmax, \size, 0x7f
	AMO	ldsmin, \size, 0x7f
	AMO	ldumax, \size, 0x7f
	AMO	ldumin, \size, 0x7f
	AMO	swp, \size, 0x12345678
	.endr
	AMOX	ldadd, -1
	AMOX	ldsmax, 0x7fffffffffffffff
	AMOX	ldsmin, 0x8000000000000000
	AMOX	swpal, 0
	ldr	x3, =0x100
	stadd	x3, [x20]
	ldr	x1, [x20]
	SHOW	"stadd mem", x1
	staddlb	w3, [x20]
	stsetl	w3, [x20]
	ldr	x1, [x20]
	SHOW	"stsetl mem", x1
	/* compare and swap */
	ldr	x2, =0x8877665544332211
	str	x2, [x20]
	mov	x3, x2
	ldr	x4, =0x1111111111111111
	casal	x3, x4, [x20]
	SHOW	"cas match old", x3
	ldr	x1, [x20]
	SHOW	"  mem", x1
	mov	x3, #0
	cas	x3, x2, [x20]
	SHOW	"cas mismatch old", x3
	ldr	x1, [x20]
	SHOW	"  mem", x1
	mov	w3, #0x11
	mov	w4, #0xab
	casb	w3, w4, [x20]
	SHOW	"casb match old", x3
	mov	w3, #0x1111
	add	x21, x20, #2
	casah	w3, w4, [x21]
	SHOW	"casah match old", x3
	ldr	x1, [x20]
	SHOW	"  mem", x1
	ldr	w3, [x20]
	casl	w3, wzr, [x20]
	ldr	x1, [x20]
	SHOW	"casl.w zero mem", x1
	/* casp */
	ldp	x6, x7, [x20]
	mov	x8, #1
	mov	x9, #2
	caspal	x6, x7, x8, x9, [x20]
	ldp	x1, x2, [x20]
	SHOW	"casp match mem0", x1
	SHOW	"  mem8", x2
	SHOW	"  old0", x6
	mov	x6, #5
	casp	x6, x7, x8, x9, [x20]
	SHOW	"casp mismatch old0", x6
	SHOW	"  old1", x7
	mov	w10, #1
	mov	w11, #2
	mov	w12, #3
	mov	w13, #4
	caspa	w10, w11, w12, w13, [x20]
	SHOW	"casp.w old0", x10
	SHOW	"  old1", x11
	ldr	x1, [x20]
	SHOW	"  mem", x1
	EXIT	0
