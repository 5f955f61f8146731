/*
 * Conversions float <-> integer: rounding per rm, saturation (NaN and too large -> max,
 * too small -> min, 0 for unsigned) with NV and without NX, the sign-extension of 32-bit
 * results (fcvt.wu's included), and integer -> float rounding on ties.
 */
#include "fp-test.h"

	.macro TOINT rm
	CVTI	fcvt.w.s, S, \rm, 0x40200000
	CVTI	fcvt.w.s, S, \rm, 0xc0200000
	CVTI	fcvt.w.s, S, \rm, 0x3f000000
	CVTI	fcvt.w.s, S, \rm, 0xbf000000
	CVTI	fcvt.wu.s, S, \rm, 0xbf000000
	CVTI	fcvt.l.d, D, \rm, 0xc004000000000000
	CVTI	fcvt.lu.d, D, \rm, 0x3ff8000000000000
	CVTI	fcvt.w.d, D, \rm, 0x41dfffffffe00000
	CVTI	fcvt.w.d, D, \rm, 0xc1e0000000100000
	CVTF	fcvt.s.w, \rm, 16777217
	CVTF	fcvt.s.w, \rm, -16777217
	CVTF	fcvt.s.lu, \rm, 0xffffffffffffffff
	CVTF	fcvt.d.l, \rm, 0x20000000000001
	CVTF	fcvt.d.l, \rm, -0x20000000000001
	CVTF	fcvt.d.lu, \rm, 0xffffffffffffffff
	.endm

	START
	TOINT	rne
	TOINT	rtz
	TOINT	rdn
	TOINT	rup
	TOINT	rmm
	CVTI	fcvt.w.s, S, rne, 0x4f32d05e
	CVTI	fcvt.w.s, S, rne, 0xcf32d05e
	CVTI	fcvt.w.s, S, rne, 0x7fc00000
	CVTI	fcvt.w.s, S, rne, 0xffc00000
	CVTI	fcvt.w.s, S, rne, 0x7f800000
	CVTI	fcvt.w.s, S, rne, 0xff800000
	CVTI	fcvt.w.s, S, rne, 0xcf000000
	CVTI	fcvt.wu.s, S, rne, 0x4f32d05e
	CVTI	fcvt.wu.s, S, rne, 0x4fa00000
	CVTI	fcvt.wu.s, S, rne, 0xbf800000
	CVTI	fcvt.wu.s, S, rne, 0x7fc00000
	CVTI	fcvt.wu.s, S, rne, 0xff800000
	CVTI	fcvt.l.s, S, rne, 0x5f000000
	CVTI	fcvt.l.s, S, rne, 0xdf000000
	CVTI	fcvt.lu.s, S, rne, 0x5f800000
	CVTI	fcvt.lu.s, S, rne, 0x5f7fffff
	CVTI	fcvt.l.d, D, rne, 0x43e0000000000000
	CVTI	fcvt.l.d, D, rne, 0xc3e0000000000000
	CVTI	fcvt.l.d, D, rne, 0x7ff8000000000000
	CVTI	fcvt.l.d, D, rne, 0xfff0000000000000
	CVTI	fcvt.lu.d, D, rne, 0xbff0000000000000
	CVTI	fcvt.lu.d, D, rne, 0x43f0000000000000
	CVTI	fcvt.lu.d, D, rne, 0x43efffffffffffff
	CVTI	fcvt.wu.d, D, rne, 0x41efffffffe00000
	CVTI	fcvt.wu.d, D, rtz, 0x41efffffffe00000
	CVTI	fcvt.l.d, D, rne, 0x8000000000000001
	CVTF	fcvt.s.wu, rne, -1
	CVTF	fcvt.s.l, rne, 0x8000000000000000
	CVTFN	fcvt.d.w, 0x80000000
	CVTFN	fcvt.d.wu, 0xffffffff80000000
	CVTF	fcvt.s.w, rne, 0
	CVTF	fcvt.d.lu, rdn, 0
	EXIT	0
