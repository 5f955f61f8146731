/*
 * Branches: bl/ret nesting (the link register and the return-address prediction agree
 * with the architecture when a callee returns elsewhere), br and blr through registers
 * (blr x30 jumps to the old x30), cbz/cbnz on W registers whose upper half is set,
 * tbz/tbnz on bits 0, 31, 32 and 63, and b.cond at the end of a block that is also the
 * target of another branch.
 */
#include "a64-test.h"

	.macro TB insn, val, bit
	ldr	x2, =\val
	mov	x1, #0
	\insn	x2, #\bit, 1f
	mov	x1, #1
1:	SHOW	"\insn \val \bit", x1
	.endm

	START
	mov	x19, #0
	bl	f1
	SHOW	"after f1", x19
	adr	x2, f2
	blr	x2
	SHOW	"after blr f2", x19
	adr	x30, f2
	blr	x30
	SHOW	"after blr x30", x19
	adr	x2, 1f
	br	x2
	mov	x19, #-1
1:	SHOW	"after br", x19
	/* a callee that returns to its caller's caller */
	bl	g1
	SHOW	"after g1", x19
	ldr	x2, =0xffffffff00000000
	mov	x1, #0
	cbz	w2, 1f
	mov	x1, #1
1:	SHOW	"cbz.w upper set", x1
	mov	x1, #0
	cbnz	x2, 1f
	mov	x1, #1
1:	SHOW	"cbnz.x", x1
	TB	tbz, 1, 0
	TB	tbnz, 1, 0
	TB	tbz, 0x80000000, 31
	TB	tbnz, 0x100000000, 32
	TB	tbz, 0x8000000000000000, 63
	TB	tbnz, 0x7fffffffffffffff, 63
	mov	x3, #3
	b	2f
1:	add	x19, x19, #100
2:	subs	x3, x3, #1
	b.ne	1b
	SHOW	"loop", x19
	EXIT	0

f1:	add	x19, x19, #1
	str	x30, [sp, #-16]!
	bl	f2
	ldr	x30, [sp], #16
	add	x19, x19, #10
	ret
f2:	add	x19, x19, #1000
	ret

g1:	stp	x29, x30, [sp, #-16]!
	bl	g2
	add	x19, x19, #77        /* skipped: g2 returns past it */
	ldp	x29, x30, [sp], #16
	ret
g2:	add	x30, x30, #4
	ret
