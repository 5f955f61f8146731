/*
 * Zicsr on the floating-point CSRs: initial fcsr/frm/fflags, csrw/csrr, csrrs/csrrc
 * returning the old value, the immediate forms csrrwi/csrrsi/csrrci, the pseudo forms
 * frrm/fsrm/frflags/fsflags, flag accumulation from real FP operations (inexact,
 * divide by zero, invalid, overflow, underflow) and that fcsr = frm << 5 | fflags.
 */
#include "rv64-test.h"

	.data
	.p2align 3
consts:	.double 1.0, 3.0, 0.0, 1e300, 1e-300

	.text
	START
	frcsr	s1
	SHOW	"fcsr initial", s1
	frrm	s1
	SHOW	"frm initial", s1
	/* 1/3 is inexact */
	la	s4, consts
	fld	fa0, 0(s4)
	fld	fa1, 8(s4)
	fdiv.d	fa2, fa0, fa1
	frflags	s1
	SHOW	"fflags after 1/3 (NX)", s1
	/* 1/0 raises DZ, accumulating with NX */
	fld	fa1, 16(s4)
	fdiv.d	fa2, fa0, fa1
	frflags	s1
	SHOW	"fflags after 1/0 (DZ|NX)", s1
	/* 0/0 raises NV */
	fld	fa0, 16(s4)
	fdiv.d	fa2, fa0, fa1
	frflags	s1
	SHOW	"fflags after 0/0 (+NV)", s1
	fsflags	s1, zero
	SHOW	"fsflags old value", s1
	frflags	s1
	SHOW	"fflags cleared", s1
	/* overflow and underflow */
	fld	fa0, 24(s4)
	fmul.d	fa2, fa0, fa0
	frflags	s1
	SHOW	"fflags 1e300^2 (OF|NX)", s1
	fsflags	zero
	fld	fa0, 32(s4)
	fmul.d	fa2, fa0, fa0
	frflags	s1
	SHOW	"fflags 1e-300^2 (UF|NX)", s1
	/* exact operation leaves flags alone */
	fsflags	zero
	fld	fa0, 0(s4)
	fadd.d	fa2, fa0, fa0
	frflags	s1
	SHOW	"fflags after 1+1 (0)", s1
	/* rounding mode field */
	li	s2, 3
	fsrm	s1, s2
	SHOW	"fsrm old", s1
	frrm	s1
	SHOW	"frm now", s1
	li	s2, 0x1f
	csrs	fflags, s2
	frcsr	s1
	SHOW	"fcsr = frm<<5|fflags", s1
	li	s2, 0x05
	csrrc	s1, fflags, s2
	SHOW	"csrrc old", s1
	csrr	s1, fflags
	SHOW	"after csrrc", s1
	csrrwi	s1, frm, 1
	SHOW	"csrrwi frm old", s1
	csrrsi	s1, fflags, 0x10
	SHOW	"csrrsi fflags old", s1
	csrrci	s1, fflags, 0x1a
	SHOW	"csrrci fflags old", s1
	csrr	s1, fcsr
	SHOW	"fcsr", s1
	/* writes beyond the field width are masked */
	li	s2, -1
	csrw	fcsr, s2
	csrr	s1, fcsr
	SHOW	"fcsr after writing -1", s1
	csrr	s1, frm
	SHOW	"frm after writing -1", s1
	csrwi	fcsr, 0
	csrr	s1, fcsr
	SHOW	"fcsr after clearing", s1
	/* rounding mode affects results: 1/3 rounded up vs down differ in the last bit */
	fld	fa0, 0(s4)
	fld	fa1, 8(s4)
	fsrmi	2
	fdiv.d	fa2, fa0, fa1
	fsrmi	3
	fdiv.d	fa3, fa0, fa1
	fsrmi	0
	fmv.x.d	s2, fa2
	fmv.x.d	s3, fa3
	sub	s1, s3, s2
	SHOW	"ulp(1/3 RUP) - ulp(1/3 RDN)", s1
	/* static rounding mode in the instruction overrides frm */
	fsrmi	2
	fdiv.d	fa2, fa0, fa1, rup
	fmv.x.d	s3, fa2
	sub	s1, s3, s2
	SHOW	"static rup under frm=rdn (1)", s1
	fsrmi	0
	EXIT	0
