/*
 * PC-relative arithmetic and jumps: auipc with zero, positive and negative immediates
 * (compared with the address of the auipc itself, so no absolute address is printed),
 * jal/jalr link values, jalr clearing bit 0 of the target, jalr with rd == rs1 (the
 * target uses the old rs1), jalr with a negative offset, and a call/ret pair.
 */
#include "rv64-test.h"
	START
	.option push
	.option norvc
1:	auipc	s1, 0
	la	s2, 1b
	sub	s1, s1, s2
	SHOW	"auipc 0 - pc", s1
2:	auipc	s1, 1
	la	s2, 2b
	sub	s1, s1, s2
	SHOW	"auipc 1 - pc", s1
3:	auipc	s1, 0xfffff
	la	s2, 3b
	sub	s1, s1, s2
	SHOW	"auipc 0xfffff - pc", s1
4:	auipc	s1, 0x80000
	la	s2, 4b
	sub	s1, s1, s2
	SHOW	"auipc 0x80000 - pc", s1
	/* jal: link = pc + 4 */
	jal	s3, 5f
6:	j	7f
5:	la	s2, 6b
	sub	s1, s3, s2
	SHOW	"jal link - next", s1
	jr	s3
7:
	/* jalr with an odd target: bit 0 is cleared */
	la	s3, 8f
	addi	s3, s3, 1
	li	s1, 0
	jalr	s4, 0(s3)
	li	s1, 99
8:	SHOW	"jalr odd target lands (0)", s1
	/* jalr rd == rs1: the jump uses the old value, rd gets the link */
	la	s3, 10f
	jalr	s3, 0(s3)
9:	j	11f
10:	la	s2, 9b
	sub	s1, s3, s2
	SHOW	"jalr rd=rs1 link - next", s1
	jr	s3
11:
	/* negative offset */
	la	s3, 13f
	addi	s3, s3, 16
	li	s1, 1
	jalr	zero, -16(s3)
	li	s1, 2
13:	SHOW	"jalr -16 lands (1)", s1
	/* call/ret through a function that computes with its argument */
	li	a0, 20
	call	twice
	mv	s1, a0
	SHOW	"call twice(20)", s1
	.option pop
	EXIT	0

twice:
	add	a0, a0, a0
	ret
