/*
 * Shared runtime for the hand-written aarch64 ISA tests (*.S): a _start prologue, SHOW
 * (prints "label=<16 hex digits>\n" through the write syscall), SHOWF (the same for
 * NZCV), operand-loading test macros and EXIT. No libc: every test links with
 * -nostdlib -static. SHOW and SHOWF preserve every register and the flags, so a test
 * can print in the middle of a flag-setting sequence.
 */

	.macro START
	.text
	.globl _start
_start:
	.endm

/* Prints "\label=" and the value the instruction \get leaves in x0. */
	.macro SHOW_X0 label, get:vararg
	sub	sp, sp, #32
	stp	x0, x1, [sp]
	str	x30, [sp, #16]
	\get
	adr	x1, .Lshow_label\@
	bl	show_hex
	ldp	x0, x1, [sp]
	ldr	x30, [sp, #16]
	add	sp, sp, #32
	.pushsection .rodata.show, "a"
.Lshow_label\@:
	.asciz	"\label"
	.popsection
	.endm

/* Prints "\label=" and the value of X register \reg. */
	.macro SHOW label, reg
	SHOW_X0	"\label", mov x0, \reg
	.endm

/* Prints "\label=" and NZCV (bits 31:28). */
	.macro SHOWF label
	SHOW_X0	"\label", mrs x0, nzcv
	.endm

/* x1 = x2 op x3 with x2 = a, x3 = b; prints the result. */
	.macro RR op, a, b
	ldr	x2, =\a
	ldr	x3, =\b
	\op	x1, x2, x3
	SHOW	"\op \a \b", x1
	.endm

/* The 32-bit form on the same 64-bit inputs (the upper halves must not matter). */
	.macro RRW op, a, b
	ldr	x2, =\a
	ldr	x3, =\b
	\op	w1, w2, w3
	SHOW	"\op\().w \a \b", x1
	.endm

/* One-source form: x1 = op x2. */
	.macro R1 op, a
	ldr	x2, =\a
	\op	x1, x2
	SHOW	"\op \a", x1
	.endm
	.macro R1W op, a
	ldr	x2, =\a
	\op	w1, w2
	SHOW	"\op\().w \a", x1
	.endm

/* Flag-setting forms: prints the result and NZCV. */
	.macro RRF op, a, b
	RR	\op, \a, \b
	SHOWF	"  nzcv"
	.endm
	.macro RRFW op, a, b
	RRW	\op, \a, \b
	SHOWF	"  nzcv"
	.endm

	.macro EXIT code
	mov	x0, #\code
	mov	x8, #93
	svc	#0
	.endm

	.pushsection .text.show_hex, "ax"
	.p2align 2
/* x0 = value, x1 = NUL-terminated label; preserves everything but x0, x1, x30. */
show_hex:
	stp	x2, x3, [sp, #-80]!
	stp	x4, x5, [sp, #16]
	stp	x6, x7, [sp, #32]
	stp	x8, x9, [sp, #48]
	mrs	x9, nzcv
	str	x9, [sp, #64]
	sub	sp, sp, #128
	mov	x2, sp
1:	ldrb	w3, [x1], #1
	cbz	w3, 2f
	strb	w3, [x2], #1
	b	1b
2:	mov	w3, #'='
	strb	w3, [x2], #1
	mov	x4, #60
3:	lsr	x5, x0, x4
	and	x5, x5, #15
	cmp	x5, #10
	add	x6, x5, #'0'
	add	x7, x5, #('a' - 10)
	csel	x5, x6, x7, lo
	strb	w5, [x2], #1
	subs	x4, x4, #4
	b.pl	3b
	mov	w3, #10
	strb	w3, [x2], #1
	mov	x0, #1
	mov	x1, sp
	sub	x2, x2, x1
	mov	x8, #64
	svc	#0
	add	sp, sp, #128
	ldr	x9, [sp, #64]
	msr	nzcv, x9
	ldp	x8, x9, [sp, #48]
	ldp	x6, x7, [sp, #32]
	ldp	x4, x5, [sp, #16]
	ldp	x2, x3, [sp], #80
	ret
	.popsection
