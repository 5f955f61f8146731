/*
 * Comparisons: slt/sltu/slti/sltiu on the signed/unsigned boundary (sltiu sign-extends
 * its immediate before the unsigned compare), seqz/snez, and the conditional branches
 * beq/bne/blt/bge/bltu/bgeu on the same edges, each branch result recorded as 0 or 1.
 */
#include "rv64-test.h"

/* s1 = 1 if "\br a, b" is taken, else 0 */
	.macro BR br, a, b
	li	s2, \a
	li	s3, \b
	li	s1, 1
	\br	s2, s3, 1f
	li	s1, 0
1:	SHOW	"\br \a \b", s1
	.endm

	START
	RR	slt, -1, 0
	RR	slt, 0, -1
	RR	slt, -0x8000000000000000, 0x7fffffffffffffff
	RR	slt, 0x7fffffffffffffff, -0x8000000000000000
	RR	slt, 5, 5
	RR	sltu, -1, 0
	RR	sltu, 0, -1
	RR	sltu, 0x7fffffffffffffff, 0x8000000000000000
	RR	sltu, 5, 5
	RI	slti, -1, 0
	RI	slti, 0, -1
	RI	slti, -2049, -2048
	RI	slti, 2046, 2047
	RI	slti, 0x7fffffffffffffff, 2047
	RI	sltiu, 0, 1
	RI	sltiu, 1, 1
	RI	sltiu, 0xfffffffffffffffe, -1
	RI	sltiu, -1, -1
	RI	sltiu, 0x7ff, 2047
	RI	sltiu, 0x800, -2048
	li	s2, 0
	seqz	s1, s2
	SHOW	"seqz 0", s1
	li	s2, 0x100000000
	seqz	s1, s2
	SHOW	"seqz 0x100000000", s1
	snez	s1, s2
	SHOW	"snez 0x100000000", s1
	li	s2, 1
	sltz	s1, s2
	SHOW	"sltz 1", s1
	li	s2, -0x8000000000000000
	sltz	s1, s2
	SHOW	"sltz min", s1
	sgtz	s1, s2
	SHOW	"sgtz min", s1
	BR	beq, 0x100000000, 0
	BR	beq, -1, -1
	BR	bne, 0x100000000, 0
	BR	blt, -1, 0
	BR	blt, 0, -1
	BR	blt, 3, 3
	BR	bge, 3, 3
	BR	bge, -0x8000000000000000, 0x7fffffffffffffff
	BR	bge, 0x7fffffffffffffff, -0x8000000000000000
	BR	bltu, 0, -1
	BR	bltu, -1, 0
	BR	bltu, 0x7fffffffffffffff, 0x8000000000000000
	BR	bgeu, -1, 0
	BR	bgeu, 3, 3
	BR	bgeu, 0, 1
	EXIT	0
