/*
 * Advanced SIMD integer: across-lanes reductions (addv, umaxv, uminv, smaxv, sminv,
 * saddlv, uaddlv), saturating arithmetic and FPSR.QC (sqadd, uqadd, sqsub, uqsub,
 * sqabs, sqneg, sqdmulh, sqrdmulh, sqshl, uqshl, suqadd, usqadd: QC is set only by a
 * saturating element and stays set), narrowing (xtn, xtn2, sqxtn, uqxtn, sqxtun,
 * shrn, rshrn, sqshrn, sqrshrn, uqshrn, sqshrun) and widening (uxtl, sxtl, ushll,
 * sshll2, umull, smull, umull2, smlal, pmull, pmull2), shifts by register (sshl,
 * ushl, srshl, urshl with positive, negative and out-of-range counts: only the low
 * byte of each count element counts, a count >= the width gives 0 or the sign, a
 * count <= -width gives 0 or the sign, and the rounding forms add the half that is
 * shifted out), sli/sri (the shifted-in bits come from the source, the others are kept
 * from the destination), cnt, clz, cls, rbit, and the scalar forms.
 * Hand-checked: "sshl.8h" lane 0x8000 << -16 = 0xffff; "srshl.4s" -1 >> 1 rounded = 0;
 * "urshl.16b" 0xff >> 1 rounded = 0x80; "sqxtun.8b" lane -5 -> 0 (QC); "sri.8h #4"
 * keeps the top 4 bits of the destination; "saddlv.8h" of 0x8000 x 8 = -0x40000.
 */
#include "a64-simd.h"

	.macro V3 op, t, label
	\op	v0.\t, v1.\t, v2.\t
	SHOWV	"\op\().\t \label", 0
	.endm

	START
	msr	fpsr, xzr
	LDQ	1, 0x80ff7f0001fe8081, 0x7f7f0000ff018000
	LDQ	2, 0x8000800080008000, 0x8000800080008000
	.irp op, addv, umaxv, uminv, smaxv, sminv
	\op	b0, v1.16b
	SHOWV	"\op\().16b", 0
	\op	b0, v1.8b
	SHOWV	"\op\().8b", 0
	\op	h0, v1.8h
	SHOWV	"\op\().8h", 0
	\op	h0, v1.4h
	SHOWV	"\op\().4h", 0
	\op	s0, v1.4s
	SHOWV	"\op\().4s", 0
	.endr
	.irp op, saddlv, uaddlv
	\op	h0, v1.16b
	SHOWV	"\op\().16b", 0
	\op	s0, v1.8h
	SHOWV	"\op\().8h", 0
	\op	s0, v2.8h
	SHOWV	"\op\().8h all 0x8000", 0
	\op	d0, v1.4s
	SHOWV	"\op\().4s", 0
	.endr
	SHOWFPSR "fpsr after reductions"
	/* saturating: each op once with and once without saturation */
	LDQ	3, 0x7fffffffffffffff, 0x0000000000000001
	LDQ	4, 0x0000000000000001, 0x8000000000000000
	.irp op, sqadd, uqadd, sqsub, uqsub
	.irp t, 16b, 8h, 4s, 2d
	msr	fpsr, xzr
	\op	v0.\t, v1.\t, v2.\t
	SHOWV	"\op\().\t", 0
	SHOWFPSR "  fpsr"
	.endr
	msr	fpsr, xzr
	\op	d0, d3, d4
	SHOWV	"\op d", 0
	SHOWFPSR "  fpsr"
	.endr
	LDQ	5, 0x0000000100020003, 0x0004000500060007
	msr	fpsr, xzr
	sqadd	v0.8h, v5.8h, v5.8h
	SHOWFPSR "no saturation: fpsr"
	.irp op, sqabs, sqneg
	msr	fpsr, xzr
	\op	v0.16b, v1.16b
	SHOWV	"\op\().16b", 0
	SHOWFPSR "  fpsr"
	\op	v0.2d, v4.2d
	SHOWV	"\op\().2d", 0
	.endr
	.irp op, sqdmulh, sqrdmulh
	msr	fpsr, xzr
	V3	\op, 8h
	SHOWFPSR "  fpsr"
	V3	\op, 4s
	.endr
	msr	fpsr, xzr
	suqadd	v0.16b, v1.16b
	SHOWV	"suqadd.16b", 0
	usqadd	v0.16b, v1.16b
	SHOWV	"usqadd.16b", 0
	SHOWFPSR "  fpsr"
	/* shifts by register: counts (signed low byte of each element) */
	LDQ	6, 0x80008000ffff7fff, 0x0001000100810081
	LDQ	7, 0xf0f1f8ff00107f10, 0x0f10010100080107
	.irp op, sshl, ushl, srshl, urshl, sqshl, uqshl, sqrshl, uqrshl
	msr	fpsr, xzr
	\op	v0.16b, v6.16b, v7.16b
	SHOWV	"\op\().16b", 0
	\op	v0.8h, v6.8h, v7.8h
	SHOWV	"\op\().8h", 0
	\op	v0.4s, v6.4s, v7.4s
	SHOWV	"\op\().4s", 0
	\op	v0.2d, v6.2d, v7.2d
	SHOWV	"\op\().2d", 0
	SHOWFPSR "  fpsr"
	.endr
	LDQ	8, 0x0000000000000000, 0xffffffffffffffff
	LDQ	9, 0xffffffffffffffc1, 0xffffffffffffffff
	srshl	v0.4s, v8.4s, v9.4s
	SHOWV	"srshl.4s -1 by -1", 0
	sshl	d0, d6, d9
	SHOWV	"sshl d by -1", 0
	urshl	d0, d8, d9
	SHOWV	"urshl d ~0 by -1", 0
	LDQ	9, 0x0000000000000000, 0x00000000000000c0
	sshl	d0, d8, d9
	SHOWV	"sshl d -1 by -64", 0
	ushl	d0, d8, d9
	SHOWV	"ushl d ~0 by -64", 0
	LDQ	9, 0x0000000000000000, 0x0000000000000140
	ushl	d0, d8, d9
	SHOWV	"ushl d by 0x140 (64)", 0
	/* sli, sri */
	LDQ	10, 0x123456789abcdef0, 0x0fedcba987654321
	.irp i, 0, 1, 4, 7
	mov	v0.16b, v20.16b
	LDQ	0, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555
	sli	v0.16b, v10.16b, #\i
	SHOWV	"sli.16b #\i", 0
	LDQ	0, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555
	sri	v0.16b, v10.16b, #(\i + 1)
	SHOWV	"sri.16b #\i+1", 0
	.endr
	LDQ	0, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555
	sri	v0.8h, v10.8h, #4
	SHOWV	"sri.8h #4", 0
	LDQ	0, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555
	sli	v0.4s, v10.4s, #31
	SHOWV	"sli.4s #31", 0
	LDQ	0, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555
	sri	d0, d10, #64
	SHOWV	"sri d #64", 0
	LDQ	0, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555
	sli	d0, d10, #63
	SHOWV	"sli d #63", 0
	/* bit counts */
	.irp v, 1, 6, 10
	cnt	v0.16b, v\v\().16b
	SHOWV	"cnt.16b v\v", 0
	clz	v0.16b, v\v\().16b
	SHOWV	"clz.16b v\v", 0
	clz	v0.8h, v\v\().8h
	SHOWV	"clz.8h v\v", 0
	clz	v0.4s, v\v\().4s
	SHOWV	"clz.4s v\v", 0
	cls	v0.16b, v\v\().16b
	SHOWV	"cls.16b v\v", 0
	cls	v0.8h, v\v\().8h
	SHOWV	"cls.8h v\v", 0
	cls	v0.2s, v\v\().2s
	SHOWV	"cls.2s v\v", 0
	rbit	v0.16b, v\v\().16b
	SHOWV	"rbit.16b v\v", 0
	rbit	v0.8b, v\v\().8b
	SHOWV	"rbit.8b v\v", 0
	.endr
	/* narrowing */
	LDQ	11, 0x7fff8000fffb0100, 0x00ff0080ff7f0005
	LDQ	12, 0x7fffffff80000000, 0xffffffff00010000
	.irp op, xtn, sqxtn, uqxtn, sqxtun
	mov	v0.16b, v20.16b
	msr	fpsr, xzr
	\op	v0.8b, v11.8h
	SHOWV	"\op\().8b", 0
	\op\()2	v0.16b, v11.8h
	SHOWV	"\op\()2.16b", 0
	\op	v0.4h, v12.4s
	SHOWV	"\op\().4h", 0
	\op	v0.2s, v12.2d
	SHOWV	"\op\().2s", 0
	SHOWFPSR "  fpsr"
	.endr
	.irp op, shrn, rshrn, sqshrn, sqrshrn, uqshrn, uqrshrn, sqshrun, sqrshrun
	msr	fpsr, xzr
	\op	v0.8b, v11.8h, #1
	SHOWV	"\op\().8b #1", 0
	\op	v0.8b, v11.8h, #8
	SHOWV	"\op\().8b #8", 0
	\op	v0.4h, v12.4s, #16
	SHOWV	"\op\().4h #16", 0
	SHOWFPSR "  fpsr"
	.endr
	/* widening */
	uxtl	v0.8h, v11.8b
	SHOWV	"uxtl.8h", 0
	sxtl	v0.8h, v11.8b
	SHOWV	"sxtl.8h", 0
	sxtl2	v0.4s, v11.8h
	SHOWV	"sxtl2.4s", 0
	uxtl2	v0.2d, v12.4s
	SHOWV	"uxtl2.2d", 0
	ushll	v0.8h, v11.8b, #7
	SHOWV	"ushll.8h #7", 0
	sshll2	v0.2d, v12.4s, #31
	SHOWV	"sshll2.2d #31", 0
	.irp op, umull, smull, umlal, smlal, umlsl, smlsl
	mov	v0.16b, v10.16b
	\op	v0.8h, v11.8b, v1.8b
	SHOWV	"\op\().8h", 0
	mov	v0.16b, v10.16b
	\op\()2	v0.4s, v11.8h, v12.8h
	SHOWV	"\op\()2.4s", 0
	mov	v0.16b, v10.16b
	\op	v0.2d, v12.2s, v11.2s
	SHOWV	"\op\().2d", 0
	.endr
	pmull	v0.8h, v10.8b, v11.8b
	SHOWV	"pmull.8h", 0
	pmull2	v0.8h, v10.16b, v11.16b
	SHOWV	"pmull2.8h", 0
	EXIT	0
