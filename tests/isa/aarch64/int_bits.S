/*
 * rev/rev16/rev32/clz/cls/rbit in both widths with upper input bits set, variable
 * shifts (lslv, lsrv, asrv, rorv with amounts 0, 1, width - 1, width and above: only
 * the low 5 or 6 bits count), multiplies (mul, mneg, madd, msub, smull, umull,
 * smaddl, umsubl, smulh, umulh on mixed-sign extremes) and division corners (x / 0 = 0,
 * MIN / -1 = MIN, truncation toward zero, 32-bit forms on dirty upper halves).
 */
#include "a64-test.h"

	START
	.irp v, 0, 1, 0x8000000000000000, 0x00000000ffffffff, 0xf0e1d2c3b4a59687, -1
	R1	rev, \v
	R1W	rev, \v
	R1	rev16, \v
	R1W	rev16, \v
	R1	rev32, \v
	R1	clz, \v
	R1W	clz, \v
	R1	cls, \v
	R1W	cls, \v
	R1	rbit, \v
	R1W	rbit, \v
	.endr
	R1	cls, 0x3fffffffffffffff
	R1W	cls, 0x00000000c0000000
	.irp s, 0, 1, 31, 32, 63, 64, 65, 0xffffffffffffffff
	RR	lslv, 0x8000000000000001, \s
	RRW	lslv, 0xffffffff80000001, \s
	RR	lsrv, 0x8000000000000001, \s
	RRW	lsrv, 0xffffffff80000001, \s
	RR	asrv, 0x8000000000000001, \s
	RRW	asrv, 0xffffffff80000001, \s
	RR	rorv, 0x8000000000000001, \s
	RRW	rorv, 0xffffffff80000001, \s
	.endr
	.irp a, 0x7fffffffffffffff, 0x8000000000000000, -3
	.irp b, -1, 0x7fffffff12345678, 3
	RR	mul, \a, \b
	RRW	mul, \a, \b
	RR	mneg, \a, \b
	RR	smulh, \a, \b
	RR	umulh, \a, \b
	ldr	x2, =\a
	ldr	x3, =\b
	smull	x1, w2, w3
	SHOW	"smull \a \b", x1
	umull	x1, w2, w3
	SHOW	"umull \a \b", x1
	mov	x4, #100
	smaddl	x1, w2, w3, x4
	SHOW	"smaddl \a \b", x1
	umsubl	x1, w2, w3, x4
	SHOW	"umsubl \a \b", x1
	madd	x1, x2, x3, x4
	SHOW	"madd \a \b", x1
	msub	w1, w2, w3, w4
	SHOW	"msub.w \a \b", x1
	.endr
	.endr
	.irp a, 7, -7, 0x8000000000000000, 0xffffffff80000000, 0
	.irp b, 2, -2, 0, -1, 0xffffffff00000000
	RR	sdiv, \a, \b
	RRW	sdiv, \a, \b
	RR	udiv, \a, \b
	RRW	udiv, \a, \b
	.endr
	.endr
	EXIT	0
