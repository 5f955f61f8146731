/*
 * Integer division corner cases (M extension): div/divu/rem/remu and the W forms with a
 * zero divisor (quotient all ones, remainder = dividend), signed overflow
 * (most negative / -1: quotient = dividend, remainder 0), rounding toward zero for
 * mixed signs, and W forms that ignore the upper 32 bits of their operands and
 * sign-extend their 32-bit result.
 */
#include "rv64-test.h"
	START
	RR	div, 7, 2
	RR	div, -7, 2
	RR	div, 7, -2
	RR	div, -7, -2
	RR	div, 5, 0
	RR	div, -5, 0
	RR	div, 0, 0
	RR	div, -0x8000000000000000, -1
	RR	div, -0x8000000000000000, 1
	RR	div, 0x7fffffffffffffff, -1
	RR	divu, 7, 2
	RR	divu, -7, 2
	RR	divu, 5, 0
	RR	divu, -1, -1
	RR	divu, 0x8000000000000000, -1
	RR	rem, 7, 2
	RR	rem, -7, 2
	RR	rem, 7, -2
	RR	rem, -7, -2
	RR	rem, 5, 0
	RR	rem, -5, 0
	RR	rem, -0x8000000000000000, -1
	RR	remu, 7, 2
	RR	remu, -7, 2
	RR	remu, 5, 0
	RR	remu, -5, 0
	RR	remu, -1, 0x100000000
	RR	divw, 7, 2
	RR	divw, -7, 2
	RR	divw, 5, 0
	RR	divw, 0x123456780000000a, 0x7fffffff00000003
	RR	divw, -0x80000000, -1
	RR	divw, 0x80000000, -1
	RR	divw, 0x7fffffff, 1
	RR	divuw, -7, 2
	RR	divuw, 0x1fffffff6, 2
	RR	divuw, 5, 0
	RR	divuw, 0x80000000, 1
	RR	remw, -7, 2
	RR	remw, 7, -2
	RR	remw, 5, 0
	RR	remw, 0xfffffffb, 0
	RR	remw, -0x80000000, -1
	RR	remuw, -7, 2
	RR	remuw, 5, 0
	RR	remuw, 0xfffffffb, 0
	RR	remuw, 0x1234567880000001, 0x10
	/* destination equal to a source */
	li	s1, 100
	li	s2, 7
	div	s1, s1, s2
	SHOW	"div rd=rs1 100 7", s1
	li	s1, 100
	rem	s1, s2, s1
	SHOW	"rem rd=rs2 7 100", s1
	/* writes to x0 are discarded */
	li	s2, 9
	div	zero, s2, s2
	SHOW	"div x0", zero
	EXIT	0
