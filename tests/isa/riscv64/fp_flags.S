/*
 * fflags accumulate across instructions until software clears them; fcsr is
 * frm << 5 | fflags; the fflags/frm/fcsr CSRs read and write through csrr/csrw/csrs/
 * csrc and their immediate forms, keeping only the valid bits. Also underflow with
 * tininess detected after rounding.
 */
#include "fp-test.h"

	START
	LD_S	f1, 0x3f800000
	LD_S	f2, 0x00000000
	LD_S	f3, 0x33800000
	fdiv.s	f0, f1, f2
	csrr	s1, fflags
	SHOWX	"fflags after 1/0", s1
	fdiv.s	f0, f1, f2
	fadd.s	f0, f1, f3
	frflags	s1
	SHOWX	"fflags after 1/0, inexact add", s1
	fsub.s	f0, f0, f0
	fdiv.s	f0, f2, f2
	csrr	s1, fflags
	SHOWX	"fflags after 0/0", s1
	fadd.s	f0, f1, f1
	csrr	s1, fflags
	SHOWX	"fflags after exact add", s1
	csrwi	frm, 3
	fadd.s	f0, f1, f3
	csrr	s1, fcsr
	SHOWX	"fcsr frm=3 NX", s1
	csrr	s1, frm
	SHOWX	"frm", s1
	li	s2, 0xffffffff
	csrw	fcsr, s2
	csrr	s1, fcsr
	SHOWX	"fcsr after write 0xffffffff", s1
	csrr	s1, frm
	SHOWX	"frm after fcsr write", s1
	li	s2, 9
	csrrw	s1, frm, s2
	SHOWX	"csrrw frm old", s1
	csrr	s1, frm
	SHOWX	"frm after write 9", s1
	csrwi	fflags, 0x01
	csrrsi	s1, fflags, 0x14
	SHOWX	"csrrsi 0x14 old (ff column: new)", s1
	csrsi	fflags, 0x1f
	csrci	fflags, 0x05
	csrr	s1, fflags
	SHOWX	"fflags after csrsi 0x1f csrci 0x05", s1
	csrwi	fflags, 0x1f
	li	s2, 0x3
	csrc	fflags, s2
	fsflags	s3, zero
	SHOWX	"fsflags old", s3
	csrw	frm, zero
	fsrm	s3, zero
	SHOWX	"fsrm old", s3
	csrwi	fcsr, 0
	OP1	fcvt.s.d, D, rne, 0x380ffffff0000000
	OP1	fcvt.s.d, D, rne, 0x380fffffe0000000
	OP2	fmul.s, S, rne, 0x3f7fffff, 0x00800000
	OP2	fmul.s, S, rne, 0x00800000, 0x3f000000
	OP2	fmul.s, S, rtz, 0x00800000, 0x00800000
	OP2	fmul.d, D, rne, 0x0010000000000001, 0x3fe0000000000000
	OP2	fmul.d, D, rmm, 0x0010000000000001, 0x3fe0000000000000
	OP2	fmul.d, D, rmm, 0x3fefffffffffffff, 0x0010000000000001
	OP2	fmul.s, S, rmm, 0x7f7fffff, 0x3f800001
	OP2	fmul.s, S, rmm, 0x00000001, 0x3f000000
	OP2	fmul.s, S, rmm, 0x00000001, 0x3effffff
	OP2	fadd.s, S, rmm, 0x3f800000, 0xbf800000
	OP2	fadd.s, S, rdn, 0x3f800000, 0xbf800000
	OP2	fadd.s, S, rmm, 0x00000000, 0x80000000
	OP2	fdiv.s, S, rmm, 0x3f800000, 0x00000000
	CVTF	fcvt.s.w, rmm, 0
	EXIT	0
