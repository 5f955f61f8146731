/*
 * Compressed instructions (C extension), written explicitly as c.* so each one is a
 * 16-bit encoding: c.li, c.lui (sign-extended), c.addi, c.addiw (sign extension of the
 * 32-bit result), c.addi16sp, c.addi4spn, c.slli/c.srli/c.srai, c.andi, c.mv, c.add,
 * c.sub/c.xor/c.or/c.and, c.addw/c.subw, c.lw/c.ld/c.sw/c.sd, c.lwsp/c.ldsp/c.swsp/c.sdsp,
 * c.beqz/c.bnez, c.j, c.jr, c.jalr, and a mix of 16- and 32-bit instructions so that
 * 32-bit instructions sit at 2-byte-aligned addresses.
 */
#include "rv64-test.h"

	.data
	.p2align 3
cbuf:	.dword 0x8877665544332211, 0xfedcba9876543210

	.text
	START
	.option push
	.option rvc
	c.li	s1, -32
	SHOW	"c.li -32", s1
	c.li	s1, 31
	SHOW	"c.li 31", s1
	c.lui	s1, 0xfffe0
	SHOW	"c.lui 0xfffe0", s1
	c.lui	s1, 0x1f
	SHOW	"c.lui 0x1f", s1
	c.li	s1, 5
	c.addi	s1, -6
	SHOW	"c.addi 5 -6", s1
	li	s1, 0x7fffffff
	c.addiw	s1, 1
	SHOW	"c.addiw 0x7fffffff 1", s1
	li	s1, 0x123456789
	c.addiw	s1, 0
	SHOW	"c.addiw sext 0x123456789", s1
	li	s1, 0x8000000000000001
	c.slli	s1, 63
	SHOW	"c.slli 63", s1
	li	s0, 0x8000000000000000
	c.srli	s0, 32
	SHOW	"c.srli 32", s0
	li	s0, 0x8000000000000000
	c.srai	s0, 63
	SHOW	"c.srai 63", s0
	li	s0, 0x12345
	c.andi	s0, -16
	SHOW	"c.andi -16", s0
	li	s0, 0xff
	c.andi	s0, 0x1f
	SHOW	"c.andi 0x1f", s0
	li	s1, 40
	c.mv	s2, s1
	c.add	s2, s1
	SHOW	"c.mv+c.add 40", s2
	li	s0, 0xf0f0
	li	s1, 0x0ff0
	c.sub	s0, s1
	SHOW	"c.sub", s0
	li	s0, 0xf0f0
	c.xor	s0, s1
	SHOW	"c.xor", s0
	li	s0, 0xf0f0
	c.or	s0, s1
	SHOW	"c.or", s0
	li	s0, 0xf0f0
	c.and	s0, s1
	SHOW	"c.and", s0
	li	s0, 0x7fffffff
	li	s1, 1
	c.addw	s0, s1
	SHOW	"c.addw 0x7fffffff 1", s0
	li	s0, 0
	c.subw	s0, s1
	SHOW	"c.subw 0 1", s0
	/* loads and stores through a base register in x8..x15 */
	la	s0, cbuf
	c.lw	a4, 4(s0)
	mv	s1, a4
	SHOW	"c.lw sign-extends", s1
	la	s0, cbuf
	c.ld	a5, 8(s0)
	mv	s1, a5
	SHOW	"c.ld", s1
	la	s0, cbuf
	li	a4, 0x0badf00d
	c.sw	a4, 0(s0)
	c.ld	a5, 0(s0)
	mv	s1, a5
	SHOW	"c.sw then c.ld", s1
	/* stack-pointer relative forms */
	c.addi16sp sp, -64
	li	s1, -2
	c.sdsp	s1, 8(sp)
	c.ldsp	s2, 8(sp)
	SHOW	"c.sdsp/c.ldsp", s2
	c.swsp	s1, 16(sp)
	c.lwsp	s2, 16(sp)
	SHOW	"c.swsp/c.lwsp", s2
	c.addi4spn a5, sp, 24
	sub	s1, a5, sp
	SHOW	"c.addi4spn 24", s1
	c.addi16sp sp, 64
	/* control flow */
	li	s1, 0
	li	a4, 0
	c.beqz	a4, 1f
	c.li	s1, 1
1:	SHOW	"c.beqz taken (0)", s1
	li	s1, 0
	c.bnez	a4, 2f
	c.li	s1, 2
2:	SHOW	"c.bnez not taken (2)", s1
	li	s1, 0
	c.j	3f
	c.li	s1, 3
3:	SHOW	"c.j skips (0)", s1
	la	a5, 4f
	li	s1, 0
	c.jr	a5
	c.li	s1, 4
4:	SHOW	"c.jr skips (0)", s1
	la	a5, 6f
	c.jalr	a5
5:	j	7f
6:	la	s2, 5b
	sub	s1, ra, s2
	SHOW	"c.jalr link = next insn (0)", s1
	la	a5, 5b
	c.jr	a5
7:	c.nop
	/* 32-bit instruction at an address that is only 2-byte aligned */
	.p2align 2
	c.nop
	addi	s1, zero, 0x123
	SHOW	"addi after c.nop", s1
	.option pop
	EXIT	0
