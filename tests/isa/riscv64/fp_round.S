/*
 * Rounding modes on ties and negatives: each of RNE RTZ RDN RUP RMM as a static rm and
 * through frm (rm = dyn), for add, div, fused multiply-add, sqrt and fcvt between the
 * formats, single and double. Ties: 1 + 2^-24 (single) and 1 + 2^-53 (double) lie
 * halfway between two neighbours; RNE picks the even one, RMM the larger magnitude.
 */
#include "fp-test.h"

	.macro TIES rm
	OP2	fadd.s, S, \rm, 0x3f800000, 0x33800000
	OP2	fadd.s, S, \rm, 0x3f800001, 0x33800000
	OP2	fadd.s, S, \rm, 0xbf800000, 0xb3800000
	OP2	fadd.s, S, \rm, 0x3f800000, 0x33c00000
	OP2	fdiv.s, S, \rm, 0x3f800000, 0x40400000
	OP2	fdiv.s, S, \rm, 0xbf800000, 0x40400000
	OP3	fmadd.s, S, \rm, 0x3f800000, 0x3f800000, 0x33800000
	OP3	fnmsub.s, S, \rm, 0x3f800000, 0x3f800000, 0xb3800000
	OP1	fsqrt.s, S, \rm, 0x40000000
	OP2	fadd.d, D, \rm, 0x3ff0000000000000, 0x3ca0000000000000
	OP2	fadd.d, D, \rm, 0xbff0000000000000, 0xbca0000000000000
	OP2	fdiv.d, D, \rm, 0x3ff0000000000000, 0x4008000000000000
	OP2	fdiv.d, D, \rm, 0xbff0000000000000, 0x4008000000000000
	OP3	fmsub.d, D, \rm, 0x3ff0000000000000, 0x3ff0000000000000, 0xbca0000000000000
	OP1	fsqrt.d, D, \rm, 0x4000000000000000
	OP1	fcvt.s.d, D, \rm, 0x3ff0000010000000
	OP1	fcvt.s.d, D, \rm, 0xbff0000010000000
	OP2	fmul.s, S, \rm, 0x00800001, 0x3f000000
	OP2	fmul.s, S, \rm, 0x80800001, 0x3f000000
	OP2	fmul.s, S, \rm, 0x7f7fffff, 0x40000000
	OP2	fmul.d, D, \rm, 0xffefffffffffffff, 0x4000000000000000
	.endm

	.macro DYN frm
	csrwi	frm, \frm
	csrr	s1, frm
	SHOWX	"frm", s1
	TIES	dyn
	.endm

	START
	TIES	rne
	TIES	rtz
	TIES	rdn
	TIES	rup
	TIES	rmm
	DYN	0
	DYN	1
	DYN	2
	DYN	3
	DYN	4
	EXIT	0
