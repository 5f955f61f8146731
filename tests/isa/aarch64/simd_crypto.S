/*
 * The crypto extension and CRC32 on published vectors: AES-128 (FIPS-197 Appendix C.1:
 * key 000102..0f, plaintext 00112233..ff, ciphertext 69c4e0d86a7b0430d8cdb78070b4c55a)
 * with the key schedule built from AESE (SubWord of a word replicated in all columns,
 * where ShiftRows is the identity), encryption by AESE/AESMC and decryption back by
 * AESD/AESIMC with InvMixColumns applied to the middle round keys; SHA-1 and SHA-256
 * of "abc" (FIPS 180-4 examples: a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d and
 * ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad) with the
 * schedule from sha1su0/sha1su1 and sha256su0/sha256su1; PMULL/PMULL2 (1Q) where
 * all-ones times all-ones is 0x5555..55 (bit k of the product has min(k, 126 - k) + 1
 * terms) and x^63 * x^63 = x^126; CRC32 and CRC32C of "123456789" through every operand
 * size (check values 0xcbf43926 and 0xe3069283, with the initial all-ones and final
 * inversion done in software, as the instructions do neither).
 * The printed round key 10 is FIPS-197 C.1's 13111d7fe3944a17f307a78b4d2b30c5.
 */
#include "a64-simd.h"
	.arch	armv8-a+crypto+crc

	.data
	.p2align 4
rk:	.skip	16 * 11
rcon:	.byte	0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36
	.p2align 2
abc:	.word	0x61626380, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x18
sha256_h:
	.word	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a
	.word	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
sha256_k:
	.word	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1
	.word	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
	.word	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786
	.word	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
	.word	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147
	.word	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
	.word	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b
	.word	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
	.word	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a
	.word	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
	.word	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
digits:	.ascii	"123456789"

	.text
/* One SHA-1 group of four rounds: \f is c, p or m; \k the vector holding K. */
	.macro SHA1G f, k
	add	v5.4s, v16.4s, \k\().4s
	sha1h	s2, s0
	sha1\f	q0, s1, v5.4s
	mov	v1.16b, v2.16b
	sha1su0	v16.4s, v17.4s, v18.4s
	sha1su1	v16.4s, v19.4s
	mov	v7.16b, v16.16b
	mov	v16.16b, v17.16b
	mov	v17.16b, v18.16b
	mov	v18.16b, v19.16b
	mov	v19.16b, v7.16b
	.endm

	START
	/* AES-128 key schedule: w10..w13 = w[4r..4r+3] */
	ldr	w10, =0x03020100
	ldr	w11, =0x07060504
	ldr	w12, =0x0b0a0908
	ldr	w13, =0x0f0e0d0c
	adr	x1, rk
	adr	x2, rcon
	movi	v7.16b, #0
	stp	w10, w11, [x1]
	stp	w12, w13, [x1, #8]
	mov	x3, #10
1:	dup	v6.4s, w13
	aese	v6.16b, v7.16b
	umov	w14, v6.s[0]
	ror	w14, w14, #8
	ldrb	w15, [x2], #1
	eor	w14, w14, w15
	eor	w10, w10, w14
	eor	w11, w11, w10
	eor	w12, w12, w11
	eor	w13, w13, w12
	add	x1, x1, #16
	stp	w10, w11, [x1]
	stp	w12, w13, [x1, #8]
	subs	x3, x3, #1
	b.ne	1b
	adr	x1, rk
	ld1	{v20.16b, v21.16b, v22.16b, v23.16b}, [x1], #64
	ld1	{v24.16b, v25.16b, v26.16b, v27.16b}, [x1], #64
	ld1	{v28.16b, v29.16b, v30.16b}, [x1]
	SHOWV	"aes rk1", 21
	SHOWV	"aes rk10", 30
	LDQ	0, 0xffeeddccbbaa9988, 0x7766554433221100
	.irp r, 20, 21, 22, 23, 24, 25, 26, 27, 28
	aese	v0.16b, v\r\().16b
	aesmc	v0.16b, v0.16b
	.endr
	aese	v0.16b, v29.16b
	eor	v0.16b, v0.16b, v30.16b
	SHOWV	"aes-128 encrypt", 0
	mov	v1.16b, v0.16b
	aesd	v1.16b, v30.16b
	.irp r, 29, 28, 27, 26, 25, 24, 23, 22, 21
	aesimc	v1.16b, v1.16b
	aesimc	v31.16b, v\r\().16b
	aesd	v1.16b, v31.16b
	.endr
	eor	v1.16b, v1.16b, v20.16b
	SHOWV	"aes-128 decrypt", 1
	/* single steps on the plaintext, keyed with round key 1 */
	LDQ	2, 0xffeeddccbbaa9988, 0x7766554433221100
	aese	v2.16b, v21.16b
	SHOWV	"aese", 2
	aesmc	v3.16b, v2.16b
	SHOWV	"aesmc", 3
	aesimc	v3.16b, v3.16b
	SHOWV	"aesimc(aesmc)", 3
	aesd	v2.16b, v21.16b
	SHOWV	"aesd", 2

	/* SHA-1 of "abc" */
	adr	x1, abc
	ld1	{v16.4s, v17.4s, v18.4s, v19.4s}, [x1]
	LDQ	0, 0x1032547698badcfe, 0xefcdab8967452301
	ldr	w10, =0xc3d2e1f0
	fmov	s1, w10
	mov	v8.16b, v0.16b
	mov	v9.16b, v1.16b
	ldr	w10, =0x5a827999
	dup	v10.4s, w10
	ldr	w10, =0x6ed9eba1
	dup	v11.4s, w10
	ldr	w10, =0x8f1bbcdc
	dup	v12.4s, w10
	ldr	w10, =0xca62c1d6
	dup	v13.4s, w10
	.rept 5
	SHA1G	c, v10
	.endr
	.rept 5
	SHA1G	p, v11
	.endr
	.rept 5
	SHA1G	m, v12
	.endr
	.rept 5
	SHA1G	p, v13
	.endr
	add	v0.4s, v0.4s, v8.4s
	add	v1.4s, v1.4s, v9.4s
	SHOWV	"sha1 abc h0-h3", 0
	SHOWV	"sha1 abc h4", 1

	/* SHA-256 of "abc" */
	adr	x1, abc
	ld1	{v16.4s, v17.4s, v18.4s, v19.4s}, [x1]
	adr	x1, sha256_h
	ld1	{v0.4s, v1.4s}, [x1]
	mov	v8.16b, v0.16b
	mov	v9.16b, v1.16b
	adr	x1, sha256_k
	mov	x3, #16
2:	ld1	{v5.4s}, [x1], #16
	add	v5.4s, v5.4s, v16.4s
	mov	v6.16b, v0.16b
	sha256h	q0, q1, v5.4s
	sha256h2 q1, q6, v5.4s
	sha256su0 v16.4s, v17.4s
	sha256su1 v16.4s, v18.4s, v19.4s
	mov	v7.16b, v16.16b
	mov	v16.16b, v17.16b
	mov	v17.16b, v18.16b
	mov	v18.16b, v19.16b
	mov	v19.16b, v7.16b
	subs	x3, x3, #1
	b.ne	2b
	add	v0.4s, v0.4s, v8.4s
	add	v1.4s, v1.4s, v9.4s
	SHOWV	"sha256 abc h0-h3", 0
	SHOWV	"sha256 abc h4-h7", 1

	/* PMULL, 64 x 64 -> 128 */
	LDQ	1, 0x8000000000000000, 0xffffffffffffffff
	LDQ	2, 0x8000000000000000, 0xffffffffffffffff
	pmull	v0.1q, v1.1d, v2.1d
	SHOWV	"pmull ~0 * ~0", 0
	pmull2	v0.1q, v1.2d, v2.2d
	SHOWV	"pmull2 x^63 * x^63", 0
	LDQ	3, 0x0000000000000087, 0x0123456789abcdef
	pmull	v0.1q, v3.1d, v3.1d
	SHOWV	"pmull a * a (squares spread the bits)", 0
	pmull2	v0.1q, v3.2d, v1.2d
	SHOWV	"pmull2 0x87 * x^63", 0

	/* CRC32 and CRC32C of "123456789" */
	adr	x1, digits
	ldr	x2, [x1]
	ldrb	w3, [x1, #8]
	.irp c, crc32, crc32c
	mov	w0, #-1
	\c\()x	w0, w0, x2
	\c\()b	w0, w0, w3
	mvn	w0, w0
	SHOW	"\c x+b", x0
	mov	w0, #-1
	mov	x4, #0
3:	ldrb	w5, [x1, x4]
	\c\()b	w0, w0, w5
	add	x4, x4, #1
	cmp	x4, #9
	b.ne	3b
	mvn	w0, w0
	SHOW	"\c b*9", x0
	mov	w0, #-1
	ldrh	w5, [x1]
	\c\()h	w0, w0, w5
	ldrh	w5, [x1, #2]
	\c\()h	w0, w0, w5
	ldr	w5, [x1, #4]
	\c\()w	w0, w0, w5
	\c\()b	w0, w0, w3
	mvn	w0, w0
	SHOW	"\c h+h+w+b", x0
	mov	w5, #0
	ldr	x6, =0xffffffffffffffff
	\c\()x	w5, w5, x6
	SHOW	"\c\()x 0 ~0", x5
	\c\()b	w5, w5, w6		/* only the low byte of w6 */
	SHOW	"  then \c\()b ~0", x5
	.endr
	EXIT	0
