/*
 * Advanced SIMD structure loads and stores: ld1-ld4 / st1-st4 of multiple structures
 * (1-4 registers for ld1/st1, 8B and 16B, 4H, 4S, 2D arrangements), single lanes
 * (b, h, s, d; the other lanes are kept, bits 127:64 included), ld1r-ld4r (replicate;
 * the 8B forms zero bits 127:64), post-index writeback by the immediate (the transfer
 * size) and by a register, register lists that wrap from v31 to v0.
 * Rules (Arm ARM, LD1..LD4 / ST1..ST4): ldN of multiple structures de-interleaves
 * element e of structure s into register s of the list; stN interleaves back; the
 * 64-bit arrangements clear bits 127:64. Hand-checked: "ld3.8b v0" =
 * 0000000000000000_15120f0c09060300 (every third byte from 0), "ld4.4s v3" =
 * 3f3e3d3c2f2e2d2c_1f1e1d1c0f0e0d0c, the post-index deltas 0x30 (ld3 16B) and 0x40.
 */
#include "a64-simd.h"

	.data
	.p2align 4
src:	.irpc h, 0123456789abcdef
	.irpc l, 0123456789abcdef
	.byte	0x\h\l
	.endr
	.endr
dst:	.skip	256

	.text
/* Clears v0-v3 and v31 to a marker so unwritten lanes show. */
	.macro MARK
	LDQ	0, 0xeeeeeeeeeeeeeeee, 0xeeeeeeeeeeeeeeee
	mov	v1.16b, v0.16b
	mov	v2.16b, v0.16b
	mov	v3.16b, v0.16b
	mov	v31.16b, v0.16b
	.endm
	.macro SHOW4 label
	SHOWV	"\label v0", 0
	SHOWV	"\label v1", 1
	SHOWV	"\label v2", 2
	SHOWV	"\label v3", 3
	.endm
/* Prints the first 64 bytes of dst, then clears them. */
	.macro SHOWDST label
	adr	x12, dst
	ldp	x10, x11, [x12]
	SHOW	"\label dst+0", x10
	SHOW	"\label dst+8", x11
	ldp	x10, x11, [x12, #16]
	SHOW	"\label dst+16", x10
	SHOW	"\label dst+24", x11
	ldp	x10, x11, [x12, #32]
	SHOW	"\label dst+32", x10
	SHOW	"\label dst+40", x11
	ldp	x10, x11, [x12, #48]
	SHOW	"\label dst+48", x10
	SHOW	"\label dst+56", x11
	stp	xzr, xzr, [x12]
	stp	xzr, xzr, [x12, #16]
	stp	xzr, xzr, [x12, #32]
	stp	xzr, xzr, [x12, #48]
	.endm

	START
	adr	x20, src
	adr	x21, dst
	MARK
	ld1	{v0.16b}, [x20]
	ld1	{v1.8b, v2.8b}, [x20]
	SHOW4	"ld1 16b/8b"
	MARK
	ld1	{v0.4s, v1.4s, v2.4s, v3.4s}, [x20]
	SHOW4	"ld1x4.4s"
	MARK
	ld1	{v31.2d, v0.2d, v1.2d}, [x20]
	SHOWV	"ld1x3.2d wrap v31", 31
	SHOW4	"ld1x3.2d wrap"
	MARK
	ld2	{v0.8h, v1.8h}, [x20]
	SHOW4	"ld2.8h"
	MARK
	ld2	{v0.8b, v1.8b}, [x20]
	SHOW4	"ld2.8b"
	MARK
	ld3	{v0.8b, v1.8b, v2.8b}, [x20]
	SHOW4	"ld3.8b"
	MARK
	ld3	{v0.2d, v1.2d, v2.2d}, [x20]
	SHOW4	"ld3.2d"
	MARK
	mov	x22, x20
	ld3	{v0.16b, v1.16b, v2.16b}, [x22], #48
	sub	x10, x22, x20
	SHOW	"ld3.16b post-index delta", x10
	SHOW4	"ld3.16b"
	MARK
	mov	x22, x20
	mov	x23, #5
	ld4	{v0.4s, v1.4s, v2.4s, v3.4s}, [x22], x23
	sub	x10, x22, x20
	SHOW	"ld4.4s post-index x23 delta", x10
	SHOW4	"ld4.4s"
	MARK
	ld4	{v0.4h, v1.4h, v2.4h, v3.4h}, [x20]
	SHOW4	"ld4.4h"
	/* single lanes */
	MARK
	ld1	{v0.b}[5], [x20]
	ld1	{v1.h}[7], [x20]
	ld1	{v2.s}[2], [x20]
	ld1	{v3.d}[0], [x20]
	SHOW4	"ld1 lanes"
	MARK
	mov	x22, x20
	ld2	{v0.h, v1.h}[3], [x22], #4
	ld3	{v1.s, v2.s, v3.s}[1], [x22], #12
	sub	x10, x22, x20
	SHOW	"ld2/ld3 lane post-index delta", x10
	SHOW4	"ld2/ld3 lanes"
	MARK
	ld4	{v0.b, v1.b, v2.b, v3.b}[15], [x20]
	SHOW4	"ld4 lane b[15]"
	MARK
	ld4	{v0.d, v1.d, v2.d, v3.d}[1], [x20]
	SHOW4	"ld4 lane d[1]"
	/* replicate */
	MARK
	ld1r	{v0.16b}, [x20]
	ld1r	{v1.8b}, [x20]
	ld2r	{v2.4s, v3.4s}, [x20]
	SHOW4	"ld1r/ld2r"
	MARK
	mov	x22, x20
	ld3r	{v0.8h, v1.8h, v2.8h}, [x22], #6
	sub	x10, x22, x20
	SHOW	"ld3r post-index delta", x10
	SHOW4	"ld3r.8h"
	MARK
	mov	x22, x20
	mov	x23, #-3
	ld4r	{v0.2d, v1.2d, v2.2d, v3.2d}, [x22], x23
	sub	x10, x22, x20
	SHOW	"ld4r post-index x23 delta", x10
	SHOW4	"ld4r.2d"
	MARK
	ld4r	{v0.1d, v1.1d, v2.1d, v3.1d}, [x20]
	SHOW4	"ld4r.1d"
	/* stores: load a known set, store it back interleaved differently */
	ld1	{v4.16b, v5.16b, v6.16b, v7.16b}, [x20]
	st1	{v4.16b, v5.16b}, [x21]
	SHOWDST	"st1x2"
	st2	{v4.4s, v5.4s}, [x21]
	SHOWDST	"st2.4s"
	mov	x22, x21
	st3	{v4.8b, v5.8b, v6.8b}, [x22], #24
	sub	x10, x22, x21
	SHOW	"st3.8b post-index delta", x10
	SHOWDST	"st3.8b"
	mov	x22, x21
	mov	x23, #64
	st4	{v4.16b, v5.16b, v6.16b, v7.16b}, [x22], x23
	sub	x10, x22, x21
	SHOW	"st4.16b post-index delta", x10
	SHOWDST	"st4.16b"
	st4	{v4.2d, v5.2d, v6.2d, v7.2d}, [x21]
	SHOWDST	"st4.2d"
	st1	{v5.b}[15], [x21]
	st2	{v4.h, v5.h}[5], [x21]
	add	x22, x21, #8
	st3	{v4.s, v5.s, v6.s}[3], [x22], #12
	st4	{v4.d, v5.d, v6.d, v7.d}[1], [x22]
	sub	x10, x22, x21
	SHOW	"lane stores end", x10
	SHOWDST	"lane stores"
	/* ld/st round trip: st2 of what ld2 loaded gives the source back */
	ld2	{v8.8h, v9.8h}, [x20]
	st2	{v8.8h, v9.8h}, [x21]
	ldp	x10, x11, [x21]
	SHOW	"ld2/st2 round trip +0", x10
	ldp	x10, x11, [x21, #16]
	SHOW	"ld2/st2 round trip +24", x11
	EXIT	0
