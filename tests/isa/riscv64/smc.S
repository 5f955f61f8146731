/*
 * Self-modifying code: a function written into an executable mapping is called, then
 * rewritten and called again after each of the ways a program tells the machine its
 * code changed: fence.i, the riscv_flush_icache system call, and munmap + mmap of the
 * same address with new contents. Each call must run the code as last written, so every
 * line shows the immediate of the latest "addi a0, zero, N".
 */
#include "rv64-test.h"

/* "addi a0, zero, \n" followed by "ret" (jalr zero, 0(ra)) */
	.macro WRITE_FN n
	li	t0, (\n << 20) | (10 << 7) | 0x13
	sw	t0, 0(s0)
	li	t0, 0x00008067
	sw	t0, 4(s0)
	.endm

	.macro MAP_CODE fixed
	mv	a0, \fixed
	li	a1, 4096
	li	a2, 7            /* PROT_READ | PROT_WRITE | PROT_EXEC */
	li	a3, 0x22         /* MAP_PRIVATE | MAP_ANONYMOUS */
	beqz	a0, 1f
	li	a3, 0x32         /* ... | MAP_FIXED */
1:	li	a4, -1
	li	a5, 0
	li	a7, 222          /* mmap */
	ecall
	.endm

	START
	MAP_CODE zero
	mv	s0, a0
	WRITE_FN 1
	fence.i
	jalr	ra, 0(s0)
	mv	s1, a0
	SHOW	"first call", s1

	WRITE_FN 2
	fence.i
	jalr	ra, 0(s0)
	mv	s1, a0
	SHOW	"after fence.i", s1

	WRITE_FN 3
	mv	a0, s0
	addi	a1, s0, 8
	li	a2, 0
	li	a7, 259          /* riscv_flush_icache */
	ecall
	mv	s1, a0
	SHOW	"flush_icache result", s1
	jalr	ra, 0(s0)
	mv	s1, a0
	SHOW	"after flush_icache", s1

	/* A call in a loop keeps its translation hot; the next write must still win. */
	li	s2, 3
2:	jalr	ra, 0(s0)
	addi	s2, s2, -1
	bnez	s2, 2b
	WRITE_FN 4
	fence.i
	jalr	ra, 0(s0)
	mv	s1, a0
	SHOW	"after hot loop", s1

	mv	a0, s0
	li	a1, 4096
	li	a7, 215          /* munmap */
	ecall
	MAP_CODE s0
	sub	s1, a0, s0
	SHOW	"remapped at same address", s1
	WRITE_FN 5
	jalr	ra, 0(s0)
	mv	s1, a0
	SHOW	"after munmap and mmap", s1
	EXIT	0
