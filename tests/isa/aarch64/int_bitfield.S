/*
 * Bitfield moves and their aliases in both widths (lsl, lsr, asr, ubfx, sbfx, ubfiz,
 * sbfiz, bfi (also of zr), bfxil, sxtb/h/w, uxtb/h), with upper input bits set so that 32-bit
 * forms must ignore them; logical immediates of every element size (2..64 bits, with
 * rotation, in and/orr/eor/ands and mov); extr and ror; move wide (movz/movn/movk in
 * every halfword, 32-bit movn).
 */
#include "a64-test.h"

	.macro BF insn, ops:vararg
	ldr	x2, =0xf0e1d2c3b4a59687
	ldr	x1, =0x123456789abcdef0
	\insn	\ops
	SHOW	"\insn \ops", x1
	.endm

	START
	BF	lsl, x1, x2, #0
	BF	lsl, x1, x2, #1
	BF	lsl, x1, x2, #63
	BF	lsl, w1, w2, #1
	BF	lsl, w1, w2, #31
	BF	lsr, x1, x2, #1
	BF	lsr, x1, x2, #63
	BF	lsr, w1, w2, #1
	BF	lsr, w1, w2, #31
	BF	asr, x1, x2, #1
	BF	asr, x1, x2, #63
	BF	asr, w1, w2, #4
	BF	asr, w1, w2, #31
	BF	ubfx, x1, x2, #8, #12
	BF	ubfx, x1, x2, #60, #4
	BF	ubfx, w1, w2, #28, #4
	BF	sbfx, x1, x2, #4, #8
	BF	sbfx, x1, x2, #0, #64
	BF	sbfx, w1, w2, #28, #4
	BF	sbfx, w1, w2, #3, #5
	BF	ubfiz, x1, x2, #4, #8
	BF	ubfiz, w1, w2, #28, #4
	BF	sbfiz, x1, x2, #60, #4
	BF	sbfiz, w1, w2, #8, #8
	BF	bfi, x1, x2, #4, #8
	BF	bfi, x1, x2, #48, #16
	BF	bfi, w1, w2, #28, #4
	BF	bfxil, x1, x2, #4, #8
	BF	bfxil, w1, w2, #28, #4
	BF	bfi, x1, xzr, #8, #16
	BF	bfi, w1, wzr, #0, #31
	BF	sxtb, x1, w2
	BF	sxth, x1, w2
	BF	sxtw, x1, w2
	BF	sxtb, w1, w2
	BF	sxth, w1, w2
	BF	uxtb, w1, w2
	BF	uxth, w1, w2
	BF	and, x1, x2, #0x5555555555555555
	BF	and, x1, x2, #0x3333333333333333
	BF	and, x1, x2, #0x0f0f0f0f0f0f0f0f
	BF	and, x1, x2, #0x00ff00ff00ff00ff
	BF	and, x1, x2, #0x0000ffff0000ffff
	BF	and, x1, x2, #0x00000000ffffffff
	BF	and, x1, x2, #0x7ffffffffffffffe
	BF	orr, x1, x2, #0x8000000000000001
	BF	eor, x1, x2, #0xfffffffffffff000
	BF	ands, x1, x2, #0xff00
	BF	and, w1, w2, #0x55555555
	BF	orr, w1, w2, #0xf000000f
	BF	eor, w1, w2, #0x7ffffffe
	BF	mov, x1, #0xaaaaaaaaaaaaaaaa
	BF	mov, w1, #0x3ffc
	BF	extr, x1, x2, x1, #0
	BF	extr, x1, x2, x1, #4
	BF	extr, x1, x2, x1, #63
	BF	extr, w1, w2, w1, #4
	BF	extr, w1, w2, w1, #31
	BF	ror, x1, x2, #12
	BF	ror, w1, w2, #12
	BF	movz, x1, #0xbeef, lsl #48
	BF	movn, x1, #0xbeef, lsl #16
	BF	movn, w1, #0xbeef, lsl #16
	BF	movn, w1, #0
	BF	movk, x1, #0xbeef, lsl #32
	BF	movk, w1, #0xbeef, lsl #16
	BF	movk, w1, #0xbeef
	/* logical and add/sub with shifted and extended registers */
	BF	orr, x1, x2, x1, ror #8
	BF	eon, x1, x2, x1, lsr #60
	BF	bic, w1, w2, w1, asr #3
	BF	orn, w1, w2, w1, ror #31
	BF	mvn, x1, x2, lsl #4
	BF	add, x1, x2, x1, asr #63
	BF	sub, w1, w2, w1, lsl #31
	BF	neg, x1, x2, lsr #1
	BF	add, x1, x1, w2, sxtb #2
	BF	add, x1, x1, w2, uxth #4
	BF	sub, x1, x1, w2, sxtw
	BF	sub, x1, x1, x2, sxtx #3
	BF	add, w1, w1, w2, sxth #1
	mov	x2, #-16
	add	x1, sp, x2, sxtx
	mov	x3, sp
	sub	x1, x1, x3
	SHOW	"add sp sxtx", x1
	mov	x1, sp
	add	sp, sp, #-32 & 0xfff
	sub	sp, sp, #-32 & 0xfff
	mov	x3, sp
	sub	x1, x1, x3
	SHOW	"sp imm round trip", x1
	EXIT	0
