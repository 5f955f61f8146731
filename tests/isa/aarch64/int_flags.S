/*
 * Flags: adds/subs/adcs/sbcs (64- and 32-bit) on the edge values 0, 1, -1, MIN, MAX
 * (carry out, signed overflow both ways, zero), cmn/cmp with immediates, tst/ands and
 * bics, ccmp/ccmn (register and immediate, condition true and false), every condition
 * code through cset after a compare in the same block and after a branch (a new block
 * that must recover the flags), and csel/csinc/csinv/csneg.
 */
#include "a64-test.h"

/* cset of every condition after `cmp a, b`, in the same block. */
	.macro CONDS a, b
	ldr	x2, =\a
	ldr	x3, =\b
	cmp	x2, x3
	cset	x10, eq
	cset	x11, ne
	cset	x12, hs
	cset	x13, lo
	cset	x14, mi
	cset	x15, pl
	cset	x16, vs
	cset	x17, vc
	cset	x18, hi
	cset	x19, ls
	cset	x20, ge
	cset	x21, lt
	cset	x22, gt
	cset	x23, le
	orr	x1, x10, x11, lsl #4
	orr	x1, x1, x12, lsl #8
	orr	x1, x1, x13, lsl #12
	orr	x1, x1, x14, lsl #16
	orr	x1, x1, x15, lsl #20
	orr	x1, x1, x16, lsl #24
	orr	x1, x1, x17, lsl #28
	orr	x1, x1, x18, lsl #32
	orr	x1, x1, x19, lsl #36
	orr	x1, x1, x20, lsl #40
	orr	x1, x1, x21, lsl #44
	orr	x1, x1, x22, lsl #48
	orr	x1, x1, x23, lsl #52
	SHOW	"conds \a \b", x1
	.endm

/* The same conditions read by b.cond in blocks that did not set the flags. */
	.macro BCONDS a, b, w=x
	ldr	x2, =\a
	ldr	x3, =\b
	cmp	\w\()2, \w\()3
	mov	x1, #0
	b	.Lb0\@
.Lb0\@:	b.eq	.Lb1\@
	orr	x1, x1, #1
.Lb1\@:	b.ne	.Lb2\@
	orr	x1, x1, #2
.Lb2\@:	b.hs	.Lb3\@
	orr	x1, x1, #4
.Lb3\@:	b.lo	.Lb4\@
	orr	x1, x1, #8
.Lb4\@:	b.mi	.Lb5\@
	orr	x1, x1, #16
.Lb5\@:	b.pl	.Lb6\@
	orr	x1, x1, #32
.Lb6\@:	b.vs	.Lb7\@
	orr	x1, x1, #64
.Lb7\@:	b.vc	.Lb8\@
	orr	x1, x1, #128
.Lb8\@:	b.hi	.Lb9\@
	orr	x1, x1, #256
.Lb9\@:	b.ls	.Lb10\@
	orr	x1, x1, #512
.Lb10\@: b.ge	.Lb11\@
	orr	x1, x1, #1024
.Lb11\@: b.lt	.Lb12\@
	orr	x1, x1, #2048
.Lb12\@: b.gt	.Lb13\@
	orr	x1, x1, #4096
.Lb13\@: b.le	.Lb14\@
	orr	x1, x1, #8192
.Lb14\@: SHOW	"bconds \w \a \b", x1
	.endm

	START
	RRF	adds, 0, 0
	RRF	adds, 1, -1
	RRF	adds, -1, -1
	RRF	adds, 0x7fffffffffffffff, 1
	RRF	adds, 0x8000000000000000, 0x8000000000000000
	RRF	adds, 0x8000000000000000, -1
	RRFW	adds, 0xffffffff7fffffff, 1
	RRFW	adds, 0x00000001ffffffff, 1
	RRFW	adds, 0x80000000, 0x80000000
	RRF	subs, 0, 0
	RRF	subs, 0, 1
	RRF	subs, 1, 0
	RRF	subs, 0x8000000000000000, 1
	RRF	subs, 0x7fffffffffffffff, -1
	RRF	subs, -1, -1
	RRFW	subs, 0x80000000, 1
	RRFW	subs, 0xffffffff00000000, 1
	RRFW	subs, 0x7fffffff, 0xffffffff
	RRF	ands, 0x8000000000000000, -1
	RRF	ands, 0xf0, 0x0f
	RRFW	ands, 0xffffffff80000000, 0x80000000
	RRF	bics, -1, 0x7fffffffffffffff
	/* carry in from a preceding compare, both values */
	.irp c, 0, 1
	ldr	x4, =\c
	cmp	x4, #1      /* C = (x4 >= 1) */
	RRF	adcs, -1, 0
	cmp	x4, #1
	RRF	adcs, 0x7fffffffffffffff, 0
	cmp	x4, #1
	RRFW	adcs, 0xffffffff, 0
	cmp	x4, #1
	RRFW	adcs, 0x7fffffff, 0
	cmp	x4, #1
	RRF	sbcs, 0, 0
	cmp	x4, #1
	RRF	sbcs, 0x8000000000000000, 0
	cmp	x4, #1
	RRFW	sbcs, 0, 0
	cmp	x4, #1
	RRFW	sbcs, 0x80000000, 0
	cmp	x4, #1
	RR	adc, 5, 6
	cmp	x4, #1
	RR	sbc, 5, 6
	.endr
	/* immediates */
	mov	x2, #-4
	cmn	x2, #4
	SHOWF	"cmn -4 #4"
	cmp	x2, #4095
	SHOWF	"cmp -4 #4095"
	cmp	w2, #1, lsl #12
	SHOWF	"cmp.w -4 #4096"
	adds	x1, x2, #8
	SHOWF	"adds -4 #8"
	tst	x2, #3
	SHOWF	"tst -4 #3"
	tst	w2, #0x80000000
	SHOWF	"tst.w -4 #0x80000000"
	/* conditional compares */
	mov	x2, #5
	mov	x3, #7
	cmp	x2, x3
	ccmp	x2, #5, #0b0010, lt     /* lt holds: flags of 5 - 5 */
	SHOWF	"ccmp lt taken"
	cmp	x2, x3
	ccmp	x2, #5, #0b0010, gt     /* gt fails: nzcv = 0010 */
	SHOWF	"ccmp gt not taken"
	cmp	x2, x3
	ccmn	x2, x3, #0b1001, ne
	SHOWF	"ccmn ne taken"
	cmp	x2, x2
	ccmn	w2, w3, #0b1001, ne
	SHOWF	"ccmn.w ne not taken"
	cmp	x2, x3
	ccmp	x2, x3, #0, eq
	ccmp	x3, x2, #4, ne
	cset	x1, gt
	SHOW	"ccmp chain gt", x1
	mov	x5, #0x80000000
	cmp	x2, x2
	ccmp	w5, #1, #0, eq
	SHOWF	"ccmp.w MIN 1"
	/* every condition code */
	CONDS	0, 0
	CONDS	1, 2
	CONDS	2, 1
	CONDS	-1, 1
	CONDS	0x8000000000000000, 1
	CONDS	0x7fffffffffffffff, -1
	BCONDS	0, 0
	BCONDS	1, 2
	BCONDS	-1, 1
	BCONDS	0x8000000000000000, 1
	BCONDS	0x7fffffffffffffff, -1
	BCONDS	0x80000000, 1, w
	BCONDS	0x1ffffffff, 0x100000000, w
	/* flags of a logical op read in another block */
	ldr	x2, =0x8000000000000000
	tst	x2, x2
	b	1f
1:	cset	x1, mi
	cset	x3, ge
	orr	x1, x1, x3, lsl #4
	SHOW	"tst next block mi ge", x1
	/* flags of adds read in another block */
	mov	x2, #-1
	adds	x1, x2, #1
	b	1f
1:	cset	x1, hs
	cset	x3, eq
	orr	x1, x1, x3, lsl #4
	SHOW	"adds next block hs eq", x1
	/* conditional select family */
	mov	x2, #10
	mov	x3, #20
	cmp	x2, x3
	csel	x1, x2, x3, lt
	SHOW	"csel lt", x1
	csinc	x1, x2, x3, gt
	SHOW	"csinc gt", x1
	csinv	x1, x2, x3, gt
	SHOW	"csinv gt", x1
	csneg	x1, x2, x3, gt
	SHOW	"csneg gt", x1
	csneg	w1, w2, w3, gt
	SHOW	"csneg.w gt", x1
	csetm	x1, ne
	SHOW	"csetm ne", x1
	cinc	w1, w2, lt
	SHOW	"cinc.w lt", x1
	/* msr nzcv round trip */
	mov	x2, #0x50000000
	msr	nzcv, x2
	SHOWF	"msr nzcv"
	cset	x1, vs
	SHOW	"vs after msr", x1
	EXIT	0
