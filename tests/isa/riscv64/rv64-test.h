/*
 * Shared runtime for the hand-written riscv64 ISA tests (int_*.S): a _start prologue,
 * a SHOW macro that prints "label=<16 hex digits>\n" through the write syscall, and an
 * EXIT macro. No libc: every test links with -nostdlib -static.
 *
 * SHOW clobbers ra, a0-a2, a7 and t0-t3; keep values that must survive in s registers.
 */

/* Sets up gp (linker relaxation may turn `la` into gp-relative addressing). */
	.macro START
	.text
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	.endm

/* Prints "\label=" followed by the 64-bit value of \reg in hex. */
	.macro SHOW label, reg
	mv	a0, \reg
	la	a1, .Lshow_label\@
	call	show_hex
	.pushsection .rodata.show, "a"
.Lshow_label\@:
	.asciz	"\label"
	.popsection
	.endm

/* Loads two operands, applies a register-register op, prints "op a b=result". */
	.macro RR op, a, b
	li	s2, \a
	li	s3, \b
	\op	s1, s2, s3
	SHOW	"\op \a \b", s1
	.endm

/* Loads one operand, applies a register-immediate op, prints "op a imm=result". */
	.macro RI op, a, imm
	li	s2, \a
	\op	s1, s2, \imm
	SHOW	"\op \a \imm", s1
	.endm

	.macro EXIT code
	li	a0, \code
	li	a7, 93
	ecall
	.endm

	.pushsection .text.show_hex, "ax"
	.p2align 2
/* a0 = value, a1 = NUL-terminated label */
show_hex:
	addi	sp, sp, -160
	mv	t0, sp
1:	lbu	t1, 0(a1)
	beqz	t1, 2f
	sb	t1, 0(t0)
	addi	a1, a1, 1
	addi	t0, t0, 1
	j	1b
2:	li	t1, '='
	sb	t1, 0(t0)
	addi	t0, t0, 1
	li	t2, 60
3:	srl	t1, a0, t2
	andi	t1, t1, 15
	li	t3, 10
	bltu	t1, t3, 4f
	addi	t1, t1, 'a' - 10
	j	5f
4:	addi	t1, t1, '0'
5:	sb	t1, 0(t0)
	addi	t0, t0, 1
	addi	t2, t2, -4
	bgez	t2, 3b
	li	t1, '\n'
	sb	t1, 0(t0)
	addi	t0, t0, 1
	li	a0, 1
	mv	a1, sp
	sub	a2, t0, sp
	li	a7, 64
	ecall
	addi	sp, sp, 160
	ret
	.popsection
