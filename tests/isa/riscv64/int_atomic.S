/*
 * Atomics (A extension): lr/sc success (sc writes 0 and the store lands), failure
 * without a reservation and after a previous sc consumed it (sc writes nonzero, memory
 * unchanged), lr.w sign extension; amoswap/amoadd/amoand/amoor/amoxor/amomin/amomax/
 * amominu/amomaxu in .w and .d forms: rd receives the old value (sign-extended for .w)
 * and memory the new one. Printed as "op rd" and "op mem" lines.
 */
#include "rv64-test.h"

	.data
	.p2align 3
word:	.dword 0
dword:	.dword 0

	.text
/* .d form: mem = init; amo rd, src, (mem); print rd and mem */
	.macro AMOD op, init, src
	la	s4, dword
	li	s2, \init
	sd	s2, 0(s4)
	li	s3, \src
	\op	s1, s3, (s4)
	SHOW	"\op \init \src rd", s1
	ld	s1, 0(s4)
	SHOW	"\op \init \src mem", s1
	.endm

/* .w form: the upper word next to it must stay untouched; mem printed as 64-bit */
	.macro AMOW op, init, src
	la	s4, word
	li	s2, 0x5555555500000000
	sd	s2, 0(s4)
	li	s2, \init
	sw	s2, 0(s4)
	li	s3, \src
	\op	s1, s3, (s4)
	SHOW	"\op \init \src rd", s1
	ld	s1, 0(s4)
	SHOW	"\op \init \src mem", s1
	.endm

	START
	/* lr/sc success */
	la	s4, dword
	li	s2, 0x1111
	sd	s2, 0(s4)
	lr.d	s1, (s4)
	SHOW	"lr.d", s1
	li	s3, 0x2222
	sc.d	s5, s3, (s4)
	SHOW	"sc.d after lr.d (0=ok)", s5
	ld	s1, 0(s4)
	SHOW	"mem after sc.d", s1
	/* a second sc without a new lr fails and does not store */
	li	s3, 0x3333
	sc.d	s5, s3, (s4)
	snez	s5, s5
	SHOW	"second sc.d fails (1)", s5
	ld	s1, 0(s4)
	SHOW	"mem after failed sc.d", s1
	/* lr.w sign-extends */
	la	s4, word
	li	s2, 0x00000000fffffff0
	sd	s2, 0(s4)
	lr.w	s1, (s4)
	SHOW	"lr.w 0xfffffff0", s1
	li	s3, 0x80000001
	sc.w	s5, s3, (s4)
	SHOW	"sc.w after lr.w (0=ok)", s5
	ld	s1, 0(s4)
	SHOW	"mem after sc.w", s1
	li	s3, 7
	sc.w	s5, s3, (s4)
	snez	s5, s5
	SHOW	"second sc.w fails (1)", s5
	/* aq/rl variants decode and behave the same */
	la	s4, dword
	lr.d.aqrl s1, (s4)
	li	s3, 0x4444
	sc.d.rl	s5, s3, (s4)
	SHOW	"sc.d.rl after lr.d.aqrl (0=ok)", s5

	AMOD	amoswap.d, 0x1122334455667788, -1
	AMOD	amoadd.d, 0x7fffffffffffffff, 1
	AMOD	amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
	AMOD	amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
	AMOD	amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
	AMOD	amomin.d, -1, 1
	AMOD	amomin.d, 1, -1
	AMOD	amomax.d, -1, 1
	AMOD	amominu.d, -1, 1
	AMOD	amomaxu.d, -1, 1
	AMOD	amomaxu.d, 1, 0x8000000000000000
	AMOD	amoadd.d.aqrl, 5, 6
	AMOW	amoswap.w, 0x80000000, 0x12345678
	AMOW	amoswap.w, 0x12345678, 0xffffffff80000000
	AMOW	amoadd.w, 0x7fffffff, 1
	AMOW	amoadd.w, 0xffffffff, 1
	AMOW	amoadd.w, 5, 0x100000003
	AMOW	amoand.w, 0xf0f0f0f0, 0xff00ff00
	AMOW	amoor.w, 0x0000000f, 0x80000000
	AMOW	amoxor.w, 0xffffffff, 0x0000ffff
	AMOW	amomin.w, 0x80000000, 1
	AMOW	amomin.w, 1, 0x80000000
	AMOW	amomin.w, 1, 0x100000000
	AMOW	amomax.w, 0xffffffff, 1
	AMOW	amomax.w, 1, 0xffffffff
	AMOW	amominu.w, 0xffffffff, 1
	AMOW	amominu.w, 1, 0xffffffff
	AMOW	amomaxu.w, 0xffffffff, 1
	AMOW	amomaxu.w, 1, 0x80000000
	AMOW	amomaxu.w, 1, 0xfffffffe00000000
	/* rd = x0 still performs the update */
	la	s4, dword
	li	s2, 10
	sd	s2, 0(s4)
	li	s3, 32
	amoadd.d zero, s3, (s4)
	ld	s1, 0(s4)
	SHOW	"amoadd.d rd=x0 mem", s1
	/* rd equal to rs2 */
	li	s1, 1
	amoswap.d s1, s1, (s4)
	SHOW	"amoswap.d rd=rs2 rd", s1
	ld	s1, 0(s4)
	SHOW	"amoswap.d rd=rs2 mem", s1
	EXIT	0
