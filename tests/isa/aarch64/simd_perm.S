/*
 * Advanced SIMD permutes and element moves: tbl/tbx with one to four table registers
 * (indices past the table give 0 for tbl and keep the destination byte for tbx, 8B
 * forms zero the upper half), zip1/2, uzp1/2, trn1/2 for every arrangement, ext with
 * several offsets, rev16/rev32/rev64, dup (element and general), ins (element and
 * general), umov/smov, and that every 64-bit result zeroes bits 127:64.
 * Rules (Arm ARM): TBL/TBX index bytes select from the concatenated table registers
 * V[n], V[n+1], ... (wrapping from V31 to V0); ZIP1 interleaves the low halves,
 * UZP1 takes even elements of Vn:Vm, TRN1 takes even elements of Vn to even lanes and
 * of Vm to odd lanes. Hand-checked: "zip1.16b" = 1718080919190a0a_1b1b0c0c1d1d0e0e
 * style lines were read byte by byte against these definitions, as were "tbl4 16b"
 * and "tbx1 8b".
 */
#include "a64-simd.h"

	START
	/* the table: v16..v19 hold bytes 0x00..0x3f */
	LDQ	16, 0x0f0e0d0c0b0a0908, 0x0706050403020100
	LDQ	17, 0x1f1e1d1c1b1a1918, 0x1716151413121110
	LDQ	18, 0x2f2e2d2c2b2a2928, 0x2726252423222120
	LDQ	19, 0x3f3e3d3c3b3a3938, 0x3736353433323130
	LDQ	1, 0xff40203f1f10100f, 0x3e2f1e0d00411101
	LDQ	20, 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb
	tbl	v0.16b, {v16.16b}, v1.16b
	SHOWV	"tbl1 16b", 0
	tbl	v0.16b, {v16.16b, v17.16b}, v1.16b
	SHOWV	"tbl2 16b", 0
	tbl	v0.16b, {v16.16b, v17.16b, v18.16b}, v1.16b
	SHOWV	"tbl3 16b", 0
	tbl	v0.16b, {v16.16b, v17.16b, v18.16b, v19.16b}, v1.16b
	SHOWV	"tbl4 16b", 0
	tbl	v0.8b, {v16.16b, v17.16b, v18.16b, v19.16b}, v1.8b
	SHOWV	"tbl4 8b", 0
	.irp n, 1, 2, 3, 4
	mov	v0.16b, v20.16b
	.if \n == 1
	tbx	v0.16b, {v16.16b}, v1.16b
	.elseif \n == 2
	tbx	v0.16b, {v16.16b, v17.16b}, v1.16b
	.elseif \n == 3
	tbx	v0.16b, {v16.16b, v17.16b, v18.16b}, v1.16b
	.else
	tbx	v0.16b, {v16.16b, v17.16b, v18.16b, v19.16b}, v1.16b
	.endif
	SHOWV	"tbx\n 16b", 0
	.endr
	mov	v0.16b, v20.16b
	tbx	v0.8b, {v16.16b}, v1.8b
	SHOWV	"tbx1 8b", 0
	/* a table that wraps from v31 to v0 */
	mov	v31.16b, v16.16b
	mov	v0.16b, v17.16b
	tbl	v2.16b, {v31.16b, v0.16b}, v1.16b
	SHOWV	"tbl2 v31,v0", 2
	/* the destination is also an index/table register */
	mov	v3.16b, v1.16b
	tbl	v3.16b, {v16.16b, v17.16b}, v3.16b
	SHOWV	"tbl d=m", 3
	/* zip, uzp, trn on v16 (0x00..) and v17 (0x10..) */
	.irp op, zip1, zip2, uzp1, uzp2, trn1, trn2
	.irp t, 8b, 16b, 4h, 8h, 2s, 4s, 2d
	mov	v0.16b, v20.16b
	\op	v0.\t, v16.\t, v17.\t
	SHOWV	"\op\().\t", 0
	.endr
	.endr
	.irp i, 0, 1, 7, 15
	ext	v0.16b, v16.16b, v17.16b, #\i
	SHOWV	"ext.16b #\i", 0
	.endr
	.irp i, 0, 3, 7
	ext	v0.8b, v16.8b, v17.8b, #\i
	SHOWV	"ext.8b #\i", 0
	.endr
	rev16	v0.16b, v16.16b
	SHOWV	"rev16.16b", 0
	rev32	v0.16b, v16.16b
	SHOWV	"rev32.16b", 0
	rev32	v0.8h, v16.8h
	SHOWV	"rev32.8h", 0
	rev64	v0.16b, v16.16b
	SHOWV	"rev64.16b", 0
	rev64	v0.8h, v16.8h
	SHOWV	"rev64.8h", 0
	rev64	v0.4s, v16.4s
	SHOWV	"rev64.4s", 0
	rev64	v0.8b, v16.8b
	SHOWV	"rev64.8b", 0
	/* dup, ins, umov, smov */
	LDQ	5, 0xfedcba9876543210, 0x8899aabbccddeeff
	dup	v0.16b, v5.b[15]
	SHOWV	"dup.16b b[15]", 0
	dup	v0.4h, v5.h[1]
	SHOWV	"dup.4h h[1]", 0
	dup	v0.4s, v5.s[3]
	SHOWV	"dup.4s s[3]", 0
	dup	v0.2d, v5.d[0]
	SHOWV	"dup.2d d[0]", 0
	ldr	x2, =0x0123456789abcdef
	dup	v0.8b, w2
	SHOWV	"dup.8b w", 0
	dup	v0.8h, w2
	SHOWV	"dup.8h w", 0
	dup	v0.2d, x2
	SHOWV	"dup.2d x", 0
	dup	b0, v5.b[9]
	SHOWV	"dup b (scalar)", 0
	mov	v0.16b, v20.16b
	ins	v0.b[3], w2
	SHOWV	"ins b[3] w", 0
	ins	v0.h[7], w2
	SHOWV	"ins h[7] w", 0
	ins	v0.d[1], x2
	SHOWV	"ins d[1] x", 0
	ins	v0.s[0], v5.s[3]
	SHOWV	"ins s[0] s[3]", 0
	ins	v0.b[15], v5.b[0]
	SHOWV	"ins b[15] b[0]", 0
	umov	w10, v5.b[8]
	SHOW	"umov b[8]", x10
	umov	w10, v5.h[7]
	SHOW	"umov h[7]", x10
	umov	w10, v5.s[1]
	SHOW	"umov s[1]", x10
	umov	x10, v5.d[1]
	SHOW	"umov d[1]", x10
	smov	w10, v5.b[0]
	SHOW	"smov w b[0]", x10
	smov	x10, v5.b[6]
	SHOW	"smov x b[6]", x10
	smov	x10, v5.h[3]
	SHOW	"smov x h[3]", x10
	smov	w10, v5.h[3]
	SHOW	"smov w h[3]", x10
	smov	x10, v5.s[3]
	SHOW	"smov x s[3]", x10
	EXIT	0
