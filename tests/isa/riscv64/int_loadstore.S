/*
 * Loads and stores: sign extension of lb/lh/lw versus zero extension of lbu/lhu/lwu,
 * sb/sh/sw writing only their width, negative and positive 12-bit offsets, and a store
 * followed by loads of overlapping narrower widths (little-endian byte order).
 */
#include "rv64-test.h"

	.data
	.p2align 4
buf:	.dword 0x8081828384858687, 0xf0e0d0c0b0a09080, 0, 0

	.text
	/* GAS macro names are case-insensitive, so this one must not be called "ld" */
	.macro LOADCASE op, off
	la	s4, buf
	\op	s1, \off(s4)
	SHOW	"\op \off", s1
	.endm

	START
	LOADCASE	lb, 0
	LOADCASE	lbu, 0
	LOADCASE	lb, 7
	LOADCASE	lbu, 7
	LOADCASE	lh, 0
	LOADCASE	lhu, 0
	LOADCASE	lh, 6
	LOADCASE	lhu, 6
	LOADCASE	lw, 0
	LOADCASE	lwu, 0
	LOADCASE	lw, 4
	LOADCASE	lwu, 4
	LOADCASE	lw, 8
	LOADCASE	lwu, 12
	LOADCASE	ld, 0
	LOADCASE	ld, 8
	la	s4, buf
	addi	s5, s4, 2047
	lbu	s1, -2039(s5)
	SHOW	"lbu via +2047/-2039", s1
	li	s2, -1
	sd	s2, 16(s4)
	li	s2, 0x1234567890abcdef
	sb	s2, 16(s4)
	ld	s1, 16(s4)
	SHOW	"sb into all ones", s1
	sh	s2, 18(s4)
	ld	s1, 16(s4)
	SHOW	"then sh at +2", s1
	sw	s2, 20(s4)
	ld	s1, 16(s4)
	SHOW	"then sw at +4", s1
	sd	s2, 24(s4)
	lbu	s1, 24(s4)
	SHOW	"sd then lbu +0", s1
	lhu	s1, 30(s4)
	SHOW	"sd then lhu +6", s1
	lw	s1, 28(s4)
	SHOW	"sd then lw +4", s1
	/* load into the base register */
	la	s1, buf
	ld	s1, 8(s1)
	SHOW	"ld rd=rs1", s1
	/* x0 as destination */
	lw	zero, 0(s4)
	SHOW	"lw x0", zero
	EXIT	0
