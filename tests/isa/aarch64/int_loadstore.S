/*
 * Loads and stores in every addressing form: unsigned scaled offset, unscaled (ldur),
 * unprivileged (ldtr/sttr), pre- and post-index with base writeback (also of sp),
 * register offset with lsl/uxtw/sxtw/sxtx and the scale shift, literals (ldr w/x,
 * ldrsw, SIMD&FP), sign-extending loads to W and X of every size, pairs (stp/ldp W and
 * X, ldpsw, stnp/ldnp, pre/post), SIMD&FP b/h/s/d/q loads and stores and pairs (the
 * register's upper bytes are zeroed by a narrower load), and prfm as a no-op.
 */
#include "a64-test.h"

/* Prints both halves of q\n through memory (clobbers x1, x2). */
	.macro SHOWQ label, n
	str	q\n, [sp, #-16]!
	ldp	x1, x2, [sp], #16
	SHOW	"\label lo", x1
	SHOW	"\label hi", x2
	.endm

	.data
	.p2align 4
buf:	.quad	0x8877665544332211, 0xf0e1d2c3b4a59687, 0x0123456789abcdef, 0xfedcba9876543210
	.quad	0, 0, 0, 0
	.text

	START
	adr	x9, lit
	ldr	x20, =buf
	/* sign- and zero-extending loads */
	ldrb	w1, [x20, #15]
	SHOW	"ldrb 15", x1
	ldrsb	w1, [x20, #15]
	SHOW	"ldrsb.w 15", x1
	ldrsb	x1, [x20, #15]
	SHOW	"ldrsb.x 15", x1
	ldrh	w1, [x20, #14]
	SHOW	"ldrh 14", x1
	ldrsh	w1, [x20, #14]
	SHOW	"ldrsh.w 14", x1
	ldrsh	x1, [x20, #14]
	SHOW	"ldrsh.x 14", x1
	ldr	w1, [x20, #12]
	SHOW	"ldr.w 12", x1
	ldrsw	x1, [x20, #12]
	SHOW	"ldrsw 12", x1
	ldr	x1, [x20, #8]
	SHOW	"ldr.x 8", x1
	/* unscaled and unprivileged, negative offsets */
	add	x21, x20, #16
	ldur	x1, [x21, #-9]
	SHOW	"ldur -9", x1
	ldursh	x1, [x21, #-3]
	SHOW	"ldursh -3", x1
	ldtr	w1, [x21, #-4]
	SHOW	"ldtr -4", x1
	ldtrsb	x1, [x21, #-1]
	SHOW	"ldtrsb -1", x1
	mov	x2, #0x4142
	sttrh	w2, [x21, #16]
	sturb	w2, [x21, #18]
	ldr	x1, [x20, #32]
	SHOW	"sttrh sturb", x1
	/* pre- and post-index */
	mov	x22, x20
	ldr	x1, [x22, #8]!
	SHOW	"ldr pre", x1
	SHOW	"  base", x22
	sub	x22, x22, x20
	SHOW	"  base delta", x22
	mov	x22, x20
	ldrsw	x1, [x22], #12
	SHOW	"ldrsw post", x1
	sub	x22, x22, x20
	SHOW	"  base delta", x22
	add	x22, x20, #40
	mov	x2, #0x77
	strb	w2, [x22, #-1]!
	sub	x3, x22, x20
	SHOW	"strb pre -1 delta", x3
	str	x2, [x22], #-7
	sub	x3, x22, x20
	SHOW	"str post -7 delta", x3
	ldr	x1, [x20, #32]
	SHOW	"  mem32", x1
	ldr	x1, [x20, #40]
	SHOW	"  mem40", x1
	/* sp as base, with writeback */
	mov	x3, sp
	ldr	x2, =0x1122334455667788
	str	x2, [sp, #-16]!
	ldr	x1, [sp], #16
	SHOW	"sp push pop", x1
	mov	x4, sp
	sub	x4, x4, x3
	SHOW	"  sp delta", x4
	/* register offsets */
	mov	x2, #3
	ldr	x1, [x20, x2, lsl #3]
	SHOW	"ldr lsl3", x1
	ldr	x1, [x20, x2]
	SHOW	"ldr reg", x1
	ldr	x2, =0xffffffff00000004
	ldrh	w1, [x20, w2, uxtw #1]
	SHOW	"ldrh uxtw1", x1
	mov	x2, #-1
	add	x21, x20, #16
	ldr	w1, [x21, w2, sxtw #2]
	SHOW	"ldr sxtw2", x1
	ldrsb	x1, [x21, x2, sxtx]
	SHOW	"ldrsb sxtx", x1
	mov	x2, #5
	mov	w3, #0x99
	strb	w3, [x20, x2]
	ldr	x1, [x20]
	SHOW	"strb reg", x1
	prfm	pldl1keep, [x20, #64]
	prfm	pstl2strm, [x20, x2, lsl #3]
	prfum	pldl1keep, [x20, #-1]
	/* literals */
	ldr	w1, lit
	SHOW	"ldr.w lit", x1
	ldr	x1, lit
	SHOW	"ldr.x lit", x1
	ldrsw	x1, lit + 4
	SHOW	"ldrsw lit", x1
	prfm	pldl1keep, lit
	/* pairs */
	ldp	x1, x2, [x20, #16]
	SHOW	"ldp x", x1
	SHOW	"  second", x2
	ldp	w1, w2, [x20, #4]
	SHOW	"ldp w", x1
	SHOW	"  second", x2
	ldpsw	x1, x2, [x20, #8]
	SHOW	"ldpsw", x1
	SHOW	"  second", x2
	mov	x22, x20
	ldp	x1, x2, [x22, #16]!
	sub	x3, x22, x20
	SHOW	"ldp pre delta", x3
	ldp	w1, w2, [x22], #-8
	sub	x3, x22, x20
	SHOW	"ldp post delta", x3
	SHOW	"  first", x1
	ldnp	x1, x2, [x20]
	SHOW	"ldnp", x2
	ldr	x4, =0xaaaabbbbccccdddd
	mvn	x5, x4
	add	x22, x20, #48
	stp	x4, x5, [x22, #-16]!
	stp	w5, w4, [x22, #24]
	stnp	x5, x4, [x20, #32]
	ldr	x1, [x20, #32]
	SHOW	"stp mem32", x1
	ldr	x1, [x20, #48]
	SHOW	"stp mem48", x1
	ldr	x1, [x20, #56]
	SHOW	"stp mem56", x1
	sub	x3, x22, x20
	SHOW	"stp pre delta", x3
	/* SIMD&FP registers */
	ldr	q0, [x20]
	SHOWQ	"ldr q", 0
	ldr	s0, [x20, #4]
	SHOWQ	"ldr s", 0
	ldr	q1, [x20, #16]
	ldr	h1, [x20, #2]
	SHOWQ	"ldr h", 1
	ldr	b1, [x20, #15]
	SHOWQ	"ldr b", 1
	ldur	d2, [x20, #1]
	SHOWQ	"ldur d", 2
	ldr	q3, [x20, #16]
	str	q3, [x20, #32]
	str	s3, [x20, #48]
	str	h3, [x20, #52]
	str	b3, [x20, #54]
	ldr	x1, [x20, #40]
	SHOW	"str q hi", x1
	ldr	x1, [x20, #48]
	SHOW	"str s h b", x1
	ldp	q4, q5, [x20], #0
	SHOWQ	"ldp q", 5
	ldp	d4, d5, [x20, #8]
	SHOWQ	"ldp d", 5
	ldp	s4, s5, [x20, #4]
	SHOWQ	"ldp s", 4
	add	x22, x20, #64
	stp	q4, q0, [x22, #-32]!
	ldr	x1, [x20, #56]
	SHOW	"stp q", x1
	ldr	q6, litq
	SHOWQ	"ldr q lit", 6
	ldr	d6, lit
	SHOWQ	"ldr d lit", 6
	mov	x2, #1
	ldr	q7, [x20, x2, lsl #4]
	SHOWQ	"ldr q reg lsl4", 7
	EXIT	0
	.p2align 4
litq:	.quad	0x1111111111111111, 0x2222222222222222
lit:	.quad	0x89abcdef01234567
