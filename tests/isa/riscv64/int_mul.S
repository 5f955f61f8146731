/*
 * Multiplication (M extension): mul (low 64 bits), mulh (signed x signed high),
 * mulhsu (signed rs1 x unsigned rs2 high), mulhu (unsigned high) and mulw (low 32 bits,
 * sign-extended, upper operand bits ignored) on the edges: 0, 1, -1, the most negative
 * and most positive values, and patterns whose products carry across the halves.
 */
#include "rv64-test.h"
	START
	RR	mul, 3, 7
	RR	mul, -3, 7
	RR	mul, 0x7fffffffffffffff, 2
	RR	mul, -0x8000000000000000, -1
	RR	mul, 0xdeadbeefcafebabe, 0x0123456789abcdef
	RR	mulh, 3, 7
	RR	mulh, -3, 7
	RR	mulh, -1, -1
	RR	mulh, -0x8000000000000000, -0x8000000000000000
	RR	mulh, -0x8000000000000000, 0x7fffffffffffffff
	RR	mulh, 0x7fffffffffffffff, 0x7fffffffffffffff
	RR	mulh, 0xdeadbeefcafebabe, 0x0123456789abcdef
	RR	mulhsu, -1, -1
	RR	mulhsu, -1, 1
	RR	mulhsu, 1, -1
	RR	mulhsu, -0x8000000000000000, -1
	RR	mulhsu, 0x7fffffffffffffff, -1
	RR	mulhsu, -2, 0x8000000000000000
	RR	mulhsu, 0xdeadbeefcafebabe, 0x0123456789abcdef
	RR	mulhu, -1, -1
	RR	mulhu, -1, 2
	RR	mulhu, 0x8000000000000000, 0x8000000000000000
	RR	mulhu, 0x100000000, 0x100000000
	RR	mulhu, 0xffffffff, 0xffffffff
	RR	mulhu, 0xdeadbeefcafebabe, 0x0123456789abcdef
	RR	mulw, 3, 7
	RR	mulw, 0x10000, 0x8000
	RR	mulw, 0x7fffffff, 2
	RR	mulw, -1, -1
	RR	mulw, 0x123456789, 0x100000002
	RR	mulw, 0xffffffff00000005, 0xffffffff00000006
	/* same register as both sources */
	li	s2, -5
	mulh	s1, s2, s2
	SHOW	"mulh -5 -5 same reg", s1
	mulhu	s1, s2, s2
	SHOW	"mulhu -5 -5 same reg", s1
	EXIT	0
