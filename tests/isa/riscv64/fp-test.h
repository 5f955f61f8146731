/*
 * Shared runtime for the riscv64 floating-point ISA tests (fp_*.S): operand loaders
 * from raw bit patterns, one macro per instruction shape, and SHOWF/SHOWX, which print
 * "label=<16 hex digits of the register> ff=<fflags in hex>" through the write syscall
 * and then clear fflags so that every line shows the flags of its own case. No libc:
 * the tests link with -nostdlib -static.
 *
 * Registers: operands in f1-f3, results in f0 or s1; the print routine clobbers ra,
 * a0-a3, a7 and t0-t3.
 */

	.macro START
	.text
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	csrwi	fcsr, 0
	.endm

	.macro FP_EXIT
	li	a0, 0
	li	a7, 93
	ecall
	.endm

/* f-register loads: LD_D takes a 64-bit pattern, LD_S a 32-bit one it NaN-boxes. */
	.macro LD_D freg, bits
	li	t0, \bits
	fmv.d.x	\freg, t0
	.endm

	.macro LD_S freg, bits
	li	t0, 0xffffffff00000000 | (\bits)
	fmv.d.x	\freg, t0
	.endm

/* Prints "\label=" the raw f register, then fflags, and clears fflags. */
	.macro SHOWF label, freg
	fmv.x.d	a0, \freg
	SHOW_A0	"\label"
	.endm

	.macro SHOWX label, reg
	mv	a0, \reg
	SHOW_A0	"\label"
	.endm

	.macro SHOW_A0 label
	csrr	a2, fflags
	csrwi	fflags, 0
	la	a1, .Lfp_label\@
	call	fp_show
	.pushsection .rodata.fp_show, "a"
.Lfp_label\@:
	.asciz	"\label"
	.popsection
	.endm

/* Instruction shapes; P is S or D (operand width), rm a rounding-mode name or dyn. */
	.macro OP2 op, P, rm, a, b
	LD_\P	f1, \a
	LD_\P	f2, \b
	\op	f0, f1, f2, \rm
	SHOWF	"\op \rm \a \b", f0
	.endm

	.macro OP2N op, P, a, b
	LD_\P	f1, \a
	LD_\P	f2, \b
	\op	f0, f1, f2
	SHOWF	"\op \a \b", f0
	.endm

	.macro OP1 op, P, rm, a
	LD_\P	f1, \a
	\op	f0, f1, \rm
	SHOWF	"\op \rm \a", f0
	.endm

	.macro OP3 op, P, rm, a, b, c
	LD_\P	f1, \a
	LD_\P	f2, \b
	LD_\P	f3, \c
	\op	f0, f1, f2, f3, \rm
	SHOWF	"\op \rm \a \b \c", f0
	.endm

/* Exact conversions (fcvt.d.s, fcvt.d.w[u]): the assembler takes no rm. */
	.macro OP1N op, P, a
	LD_\P	f1, \a
	\op	f0, f1
	SHOWF	"\op \a", f0
	.endm

	.macro CVTFN op, x
	li	s2, \x
	\op	f0, s2
	SHOWF	"\op \x", f0
	.endm

/* Float compare (result in an x register). */
	.macro CMP op, P, a, b
	LD_\P	f1, \a
	LD_\P	f2, \b
	\op	s1, f1, f2
	SHOWX	"\op \a \b", s1
	.endm

/* fclass and fmv.x.*: one f source, x result. */
	.macro TOX op, P, a
	LD_\P	f1, \a
	\op	s1, f1
	SHOWX	"\op \a", s1
	.endm

/* Float -> integer conversion with a rounding mode. */
	.macro CVTI op, P, rm, a
	LD_\P	f1, \a
	\op	s1, f1, \rm
	SHOWX	"\op \rm \a", s1
	.endm

/* Integer -> float conversion with a rounding mode. */
	.macro CVTF op, rm, x
	li	s2, \x
	\op	f0, s2, \rm
	SHOWF	"\op \rm \x", f0
	.endm

	.pushsection .text.fp_show, "ax"
	.p2align 2
/* a0 = value, a1 = NUL-terminated label, a2 = fflags */
fp_show:
	addi	sp, sp, -208
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
	mv	a3, ra
	call	fp_hex
	li	t1, ' '
	sb	t1, 0(t0)
	li	t1, 'f'
	sb	t1, 1(t0)
	sb	t1, 2(t0)
	li	t1, '='
	sb	t1, 3(t0)
	addi	t0, t0, 4
	mv	a0, a2
	li	t2, 4
	call	fp_hex
	mv	ra, a3
	li	t1, '\n'
	sb	t1, 0(t0)
	addi	t0, t0, 1
	li	a0, 1
	mv	a1, sp
	sub	a2, t0, sp
	li	a7, 64
	ecall
	addi	sp, sp, 208
	ret
/* Appends hex digits of a0 at t0, from bit t2 down to bit 0 in steps of 4. */
fp_hex:
	srl	t1, a0, t2
	andi	t1, t1, 15
	li	t3, 10
	bltu	t1, t3, 3f
	addi	t1, t1, 'a' - 10
	j	4f
3:	addi	t1, t1, '0'
4:	sb	t1, 0(t0)
	addi	t0, t0, 1
	addi	t2, t2, -4
	bgez	t2, fp_hex
	ret
	.popsection
