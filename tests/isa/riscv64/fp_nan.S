/*
 * NaN rules: results that are NaN are the canonical NaN (payloads never propagate),
 * signaling NaN inputs raise NV, invalid operations (inf - inf, 0/0, 0 * inf, sqrt of a
 * negative) raise NV; fmin/fmax return the non-NaN operand and order -0 below +0; feq
 * is quiet, flt/fle signal on any NaN; fused multiply-add raises NV for inf * 0 even
 * with a quiet NaN addend.
 */
#include "fp-test.h"

	START
	OP2	fadd.s, S, rne, 0x7fc01234, 0x3f800000
	OP2	fadd.s, S, rne, 0x7f800001, 0x3f800000
	OP2	fadd.s, S, rne, 0xffc00000, 0x7fc00000
	OP2	fsub.s, S, rne, 0x7f800000, 0x7f800000
	OP2	fmul.s, S, rne, 0x00000000, 0xff800000
	OP2	fdiv.s, S, rne, 0x00000000, 0x80000000
	OP2	fdiv.s, S, rne, 0xbf800000, 0x00000000
	OP1	fsqrt.s, S, rne, 0xbf800000
	OP1	fsqrt.s, S, rne, 0x80000000
	OP1	fsqrt.s, S, rne, 0x7f800001
	OP2	fadd.d, D, rne, 0x7ff0000000000001, 0x3ff0000000000000
	OP2	fadd.d, D, rne, 0x7ff8000000001234, 0x3ff0000000000000
	OP2	fsub.d, D, rne, 0xfff0000000000000, 0xfff0000000000000
	OP2	fdiv.d, D, rne, 0x3ff0000000000000, 0x8000000000000000
	OP1	fsqrt.d, D, rne, 0xbff0000000000000
	OP3	fmadd.s, S, rne, 0x7f800000, 0x00000000, 0x7fc00000
	OP3	fmadd.s, S, rne, 0x00000000, 0x7f800000, 0x3f800000
	OP3	fmadd.s, S, rne, 0x3f800000, 0x3f800000, 0x7fc00000
	OP3	fmadd.s, S, rne, 0x3f800000, 0x3f800000, 0x7f800001
	OP3	fmadd.d, D, rne, 0x0000000000000000, 0xfff0000000000000, 0x7ff8000000000000
	OP3	fnmadd.d, D, rne, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000
	OP3	fmadd.s, S, rne, 0x3f800001, 0x3f800001, 0xbf800002
	OP3	fnmadd.s, S, rne, 0x3f800000, 0x00000000, 0x00000000
	OP3	fmsub.s, S, rne, 0x3f800000, 0x00000000, 0x00000000
	OP3	fmsub.s, S, rdn, 0x3f800000, 0x00000000, 0x00000000
	OP2N	fmin.s, S, 0x7fc00000, 0x3f800000
	OP2N	fmin.s, S, 0x3f800000, 0x7f800001
	OP2N	fmax.s, S, 0x7fc00000, 0xffc00000
	OP2N	fmax.s, S, 0x7f800001, 0x7fc00000
	OP2N	fmin.s, S, 0x00000000, 0x80000000
	OP2N	fmax.s, S, 0x80000000, 0x00000000
	OP2N	fmin.s, S, 0xbf800000, 0x3f800000
	OP2N	fmax.s, S, 0xbf800000, 0x3f800000
	OP2N	fmin.d, D, 0x7ff8000000000000, 0xbff0000000000000
	OP2N	fmax.d, D, 0x7ff0000000000001, 0x3ff0000000000000
	OP2N	fmin.d, D, 0x0000000000000000, 0x8000000000000000
	OP2N	fmax.d, D, 0x8000000000000000, 0x0000000000000000
	OP2N	fmax.d, D, 0x7ff8000000000000, 0x7ff0000000000001
	CMP	feq.s, S, 0x7fc00000, 0x3f800000
	CMP	feq.s, S, 0x7f800001, 0x3f800000
	CMP	flt.s, S, 0x7fc00000, 0x3f800000
	CMP	fle.s, S, 0x3f800000, 0x7fc00000
	CMP	feq.s, S, 0x80000000, 0x00000000
	CMP	flt.s, S, 0x80000000, 0x00000000
	CMP	fle.s, S, 0x80000000, 0x00000000
	CMP	flt.s, S, 0xff800000, 0x7f800000
	CMP	feq.d, D, 0x7ff8000000000000, 0x7ff8000000000000
	CMP	feq.d, D, 0x7ff0000000000001, 0x3ff0000000000000
	CMP	flt.d, D, 0x3ff0000000000000, 0x7ff8000000000000
	CMP	fle.d, D, 0x3ff0000000000000, 0x3ff0000000000000
	CMP	flt.d, D, 0xbff0000000000000, 0x3ff0000000000000
	OP1	fcvt.s.d, D, rne, 0x7ff0000000000001
	OP1	fcvt.s.d, D, rne, 0xfff8000012345678
	OP1N	fcvt.d.s, S, 0x7f800001
	OP1N	fcvt.d.s, S, 0xffc12345
	OP1N	fcvt.d.s, S, 0x00000001
	EXIT	0
