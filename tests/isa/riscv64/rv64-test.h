/*
 * Shared runtime for the hand-written riscv64 ISA tests (int_*.S): a _start prologue,
 * a SHOW macro that prints "label=<16 hex digits>\n" through the write syscall, and an
 * EXIT macro. No libc: every test links with -nostdlib -static.
 *
 * SHOW clobbers ra, a0-a2, a7 and t0-t3; keep values that must survive in s registers.
 * fp-test.h builds on this file: it defines RV64_TEST_CLEAR_FCSR before including it and
 * prints its lines with the show_put_* pieces below.
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
#ifdef RV64_TEST_CLEAR_FCSR
	csrwi	fcsr, 0
#endif
	.endm

/* Prints "\label=" followed by the 64-bit value of \reg in hex. */
	.macro SHOW label, reg
	mv	a0, \reg
	SHOW_CALL show_hex, "\label"
	.endm

/* Calls the print routine \fn with a1 pointing at the NUL-terminated string \label. */
	.macro SHOW_CALL fn, label
	la	a1, .Lshow_label\@
	call	\fn
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
	addi	sp, sp, -176
	sd	ra, 168(sp)
	mv	t0, sp
	call	show_put_label
	li	t2, 60
	call	show_put_hex
	mv	a1, sp
	call	show_put_line
	ld	ra, 168(sp)
	addi	sp, sp, 176
	ret

/*
 * Line-building pieces, leaf routines that append at t0 and advance it; they use t1 and
 * t3 as scratch and leave a2 alone.
 */
/* Appends the NUL-terminated string at a1, then '='. */
show_put_label:
1:	lbu	t1, 0(a1)
	beqz	t1, 2f
	sb	t1, 0(t0)
	addi	a1, a1, 1
	addi	t0, t0, 1
	j	1b
2:	li	t1, '='
	sb	t1, 0(t0)
	addi	t0, t0, 1
	ret
/* Appends hex digits of a0, from bit t2 down to bit 0 in steps of 4. */
show_put_hex:
	srl	t1, a0, t2
	andi	t1, t1, 15
	li	t3, 10
	bltu	t1, t3, 1f
	addi	t1, t1, 'a' - 10
	j	2f
1:	addi	t1, t1, '0'
2:	sb	t1, 0(t0)
	addi	t0, t0, 1
	addi	t2, t2, -4
	bgez	t2, show_put_hex
	ret
/* Appends '\n' and writes the line from a1 up to t0 to stdout; clobbers a0, a2 and a7. */
show_put_line:
	li	t1, '\n'
	sb	t1, 0(t0)
	addi	t0, t0, 1
	li	a0, 1
	sub	a2, t0, a1
	li	a7, 64
	ecall
	ret
	.popsection
