/*
 * NaN-boxing: single-precision operations read an f register whose upper 32 bits are
 * not all ones as the canonical NaN; flw, fmv.w.x and every single result write boxed
 * values; fmv.x.w and fsw move the low 32 bits without checking the boxing.
 */
#include "fp-test.h"

	START
	OP2	fadd.s, D, rne, 0x000000003f800000, 0xffffffff3f800000
	OP2	fmul.s, D, rne, 0xffffffff3f800000, 0xfffffffe3f800000
	OP2N	fsgnj.s, D, 0xffffffff3f800000, 0x00000000bf800000
	OP2N	fsgnjn.s, D, 0x7fffffff3f800000, 0x7fffffff3f800000
	OP2N	fsgnjx.s, D, 0xffffffffbf800000, 0x00000000bf800000
	OP2N	fsgnjn.s, S, 0x3f800000, 0x3f800000
	OP2N	fsgnjx.s, S, 0xbf800000, 0xbf800000
	OP2N	fsgnj.s, S, 0x7fc01234, 0x80000000
	OP2N	fsgnj.d, D, 0x7ff0000000001234, 0x8000000000000000
	OP2N	fsgnjn.d, D, 0x3ff0000000000000, 0x3ff0000000000000
	OP2N	fsgnjx.d, D, 0xbff0000000000000, 0xbff0000000000000
	OP2N	fmin.s, D, 0x0000000040000000, 0xffffffff40000000
	OP2N	fmax.s, D, 0x0000000040000000, 0x00000000c0000000
	CMP	feq.s, D, 0x000000003f800000, 0x000000003f800000
	CMP	fle.s, D, 0x000000003f800000, 0xffffffff3f800000
	TOX	fclass.s, D, 0x000000003f800000
	TOX	fclass.s, D, 0xffffffff3f800000
	TOX	fmv.x.w, D, 0x00000000bf800000
	TOX	fmv.x.w, D, 0x123456787f800000
	TOX	fmv.x.d, D, 0x123456789abcdef0
	OP1N	fcvt.d.s, D, 0x000000003f800000
	CVTI	fcvt.w.s, D, rtz, 0x0000000040000000
	li	s2, 0x123456789abcdef0
	fmv.w.x	f0, s2
	SHOWF	"fmv.w.x 0x123456789abcdef0", f0
	fmv.d.x	f0, s2
	SHOWF	"fmv.d.x 0x123456789abcdef0", f0
	addi	sp, sp, -16
	li	s2, 0x89abcdef40490fdb
	sd	s2, 0(sp)
	flw	f0, 0(sp)
	SHOWF	"flw 0x40490fdb", f0
	flw	f1, 4(sp)
	SHOWF	"flw 0x89abcdef", f1
	fld	f2, 0(sp)
	SHOWF	"fld", f2
	LD_D	f3, 0x00000000c0000000
	sd	zero, 8(sp)
	fsw	f3, 8(sp)
	ld	s1, 8(sp)
	SHOWX	"fsw unboxed", s1
	fsd	f3, 8(sp)
	ld	s1, 8(sp)
	SHOWX	"fsd", s1
	addi	sp, sp, 16
	EXIT	0
