/*
 * Shifts and 32-bit (W) arithmetic: sll/srl/sra by 0, 1, 31, 32, 63 and register
 * amounts >= 64 (only the low 6 bits count), immediate forms, W forms where only the
 * low 5 bits of the amount count and the 32-bit result is sign-extended (srlw by 0 of a
 * value with bit 31 set), addw/subw/addiw/sext.w overflow wrapping, and lui
 * sign extension on RV64.
 */
#include "rv64-test.h"
	START
	RR	sll, 0x8000000000000001, 0
	RR	sll, 0x8000000000000001, 1
	RR	sll, 0x8000000000000001, 31
	RR	sll, 0x8000000000000001, 32
	RR	sll, 0x8000000000000001, 63
	RR	sll, 0x8000000000000001, 64
	RR	sll, 0x8000000000000001, 65
	RR	sll, 0x8000000000000001, -1
	RR	srl, 0x8000000000000001, 0
	RR	srl, 0x8000000000000001, 1
	RR	srl, 0x8000000000000001, 31
	RR	srl, 0x8000000000000001, 32
	RR	srl, 0x8000000000000001, 63
	RR	srl, 0x8000000000000001, 127
	RR	sra, 0x8000000000000001, 0
	RR	sra, 0x8000000000000001, 1
	RR	sra, 0x8000000000000001, 31
	RR	sra, 0x8000000000000001, 32
	RR	sra, 0x8000000000000001, 63
	RR	sra, 0x4000000000000000, 62
	RR	sra, 0x8000000000000000, 0x40
	RI	slli, 0x00000000ffffffff, 0
	RI	slli, 0x00000000ffffffff, 31
	RI	slli, 0x00000000ffffffff, 32
	RI	slli, 0x00000000ffffffff, 63
	RI	srli, -1, 0
	RI	srli, -1, 31
	RI	srli, -1, 32
	RI	srli, -1, 63
	RI	srai, 0x8000000000000000, 31
	RI	srai, 0x8000000000000000, 32
	RI	srai, 0x8000000000000000, 63
	RI	srai, 0x7fffffffffffffff, 63
	RR	sllw, 1, 31
	RR	sllw, 1, 32
	RR	sllw, 1, 33
	RR	sllw, 0x1234567800000003, 30
	RR	srlw, 0x80000000, 0
	RR	srlw, 0x80000000, 1
	RR	srlw, 0x80000000, 31
	RR	srlw, 0x80000000, 32
	RR	srlw, 0xffffffff00000010, 4
	RR	sraw, 0x80000000, 0
	RR	sraw, 0x80000000, 4
	RR	sraw, 0x80000000, 31
	RR	sraw, 0x80000000, 32
	RR	sraw, 0x0000000070000000, 36
	RI	slliw, 0x1, 31
	RI	slliw, 0xffffffff80000001, 0
	RI	slliw, 0x3, 30
	RI	srliw, 0x80000000, 0
	RI	srliw, 0x80000000, 1
	RI	srliw, -1, 31
	RI	sraiw, 0x80000000, 0
	RI	sraiw, 0x80000000, 31
	RI	sraiw, 0x7fffffff80000000, 8
	RR	addw, 0x7fffffff, 1
	RR	addw, 0xffffffff, 1
	RR	addw, 0x100000000, 0x100000000
	RR	subw, 0, 1
	RR	subw, -0x80000000, 1
	RR	subw, 0x500000000, 0x300000000
	RI	addiw, 0x7fffffff, 1
	RI	addiw, 0x12345678ffffffff, 0
	RI	addiw, 0, -2048
	RR	add, 0x7fffffffffffffff, 1
	RR	sub, -0x8000000000000000, 1
	li	s2, 0xfedcba9880000000
	sext.w	s1, s2
	SHOW	"sext.w 0xfedcba9880000000", s1
	lui	s1, 0x80000
	SHOW	"lui 0x80000", s1
	lui	s1, 0x7ffff
	SHOW	"lui 0x7ffff", s1
	lui	s1, 0xfffff
	SHOW	"lui 0xfffff", s1
	EXIT	0
