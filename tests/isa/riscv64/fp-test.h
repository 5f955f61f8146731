/*
 * Shared runtime for the riscv64 floating-point ISA tests (fp_*.S): operand loaders
 * from raw bit patterns, one macro per instruction shape, and SHOWF/SHOWX, which print
 * "label=<16 hex digits of the register> ff=<fflags in hex>" through the write syscall
 * and then clear fflags so that every line shows the flags of its own case. No libc:
 * the tests link with -nostdlib -static.
 *
 * Builds on rv64-test.h (START, EXIT, the line-printing pieces).
 *
 * Registers: operands in f1-f3, results in f0 or s1; the print routine clobbers ra,
 * a0-a2, a7 and t0-t3.
 */

/* Every file starts from fcsr = 0 (RNE, no flags); START, SHOW_CALL and EXIT come from here. */
#define RV64_TEST_CLEAR_FCSR
#include "rv64-test.h"

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
	SHOW_CALL fp_show, "\label"
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
	addi	sp, sp, -224
	sd	ra, 216(sp)
	mv	t0, sp
	call	show_put_label
	li	t2, 60
	call	show_put_hex
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
	call	show_put_hex
	mv	a1, sp
	call	show_put_line
	ld	ra, 216(sp)
	addi	sp, sp, 224
	ret
	.popsection
