/* fclass.s and fclass.d on every class: -inf, -normal, -subnormal, -0, +0,
 * +subnormal, +normal, +inf, signaling NaN, quiet NaN (bits 0..9), without flags. */
#include "fp-test.h"

	START
	TOX	fclass.s, S, 0xff800000
	TOX	fclass.s, S, 0xbf800000
	TOX	fclass.s, S, 0x807fffff
	TOX	fclass.s, S, 0x80000000
	TOX	fclass.s, S, 0x00000000
	TOX	fclass.s, S, 0x00000001
	TOX	fclass.s, S, 0x00800000
	TOX	fclass.s, S, 0x7f800000
	TOX	fclass.s, S, 0x7f800001
	TOX	fclass.s, S, 0xffbfffff
	TOX	fclass.s, S, 0x7fc00000
	TOX	fclass.s, S, 0xffc00001
	TOX	fclass.d, D, 0xfff0000000000000
	TOX	fclass.d, D, 0xbff0000000000000
	TOX	fclass.d, D, 0x800fffffffffffff
	TOX	fclass.d, D, 0x8000000000000000
	TOX	fclass.d, D, 0x0000000000000000
	TOX	fclass.d, D, 0x0000000000000001
	TOX	fclass.d, D, 0x7fefffffffffffff
	TOX	fclass.d, D, 0x7ff0000000000000
	TOX	fclass.d, D, 0x7ff0000000000001
	TOX	fclass.d, D, 0x7ff8000000000000
	TOX	fclass.d, D, 0xfff8000000000001
	EXIT	0
