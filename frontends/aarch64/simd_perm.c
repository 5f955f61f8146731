/*
 * Advanced SIMD permutes and copies (simd.h): UZP1/2, ZIP1/2, TRN1/2, EXT, TBL and TBX
 * with one to four table registers, DUP (element and general) and INS (element and
 * general). TBL/TBX use the host's PSHUFB when it has SSSE3: an index byte of 16 or
 * more selects nothing from a one-register table, which PSHUFB gives for indexes with
 * bit 7 set only, so the indexes are saturated first.
 */
#include <immintrin.h>

#include "frontends/aarch64/simd.h"

typedef enum A64PermOp { A64_P_UZP1, A64_P_UZP2, A64_P_ZIP1, A64_P_ZIP2, A64_P_TRN1, A64_P_TRN2 } A64PermOp;

static uint64_t a64_perm(void *cpu_, uint64_t insn, A64PermOp op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r = {{0}};
	unsigned w = 8u << o.size, e = o.elems, half = e / 2;
	for (unsigned i = 0; i < e; i++) {
		uint64_t v;
		unsigned j, p = i / 2, odd = i & 1;
		switch (op) {
		case A64_P_UZP1:
		case A64_P_UZP2:
			j = 2 * i + (op == A64_P_UZP2);
			v = j < e ? a64_elt(&n, w, j) : a64_elt(&m, w, j - e);
			break;
		case A64_P_ZIP1:
		case A64_P_ZIP2:
			j = p + (op == A64_P_ZIP2 ? half : 0);
			v = odd ? a64_elt(&m, w, j) : a64_elt(&n, w, j);
			break;
		default:
			j = (i & ~1u) + (op == A64_P_TRN2);
			v = odd ? a64_elt(&m, w, j) : a64_elt(&n, w, j);
			break;
		}
		a64_set_elt(&r, w, i, v);
	}
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(uzp1) { return a64_perm(cpu_, insn, A64_P_UZP1); }
A64_SIMD_HELPER(uzp2) { return a64_perm(cpu_, insn, A64_P_UZP2); }
A64_SIMD_HELPER(zip1) { return a64_perm(cpu_, insn, A64_P_ZIP1); }
A64_SIMD_HELPER(zip2) { return a64_perm(cpu_, insn, A64_P_ZIP2); }
A64_SIMD_HELPER(trn1) { return a64_perm(cpu_, insn, A64_P_TRN1); }
A64_SIMD_HELPER(trn2) { return a64_perm(cpu_, insn, A64_P_TRN2); }

/* EXT: bytes imm4 onwards of Vm:Vn. */
A64_SIMD_HELPER(ext)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned pos = insn >> 11 & 15;
	uint8_t cat[32];
	A64V r;
	memcpy(cat, &cpu->v[o.n], o.bytes);
	memcpy(cat + o.bytes, &cpu->v[o.m], o.bytes);
	memcpy(&r, cat + pos, o.bytes);
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

/* One-register TBL with PSHUFB: indexes >= 16 become 0x80 (PSHUFB's zero). */
__attribute__((target("ssse3"))) static void a64_tbl1_ssse3(const uint8_t *table, const A64V *idx,
							      A64V *r)
{
	__m128i t = _mm_loadu_si128((const __m128i *)table);
	__m128i ix = _mm_loadu_si128((const __m128i *)idx);
	__m128i big = _mm_cmpgt_epi8(_mm_min_epu8(ix, _mm_set1_epi8(16)), _mm_set1_epi8(15));
	_mm_storeu_si128((__m128i *)r, _mm_shuffle_epi8(t, _mm_or_si128(ix, big)));
}

/* TBL/TBX: table = V[n], V[n+1], ... (len + 1 registers, wrapping at 31). */
static uint64_t a64_tbl(void *cpu_, uint64_t insn, bool tbx)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned nregs = (insn >> 13 & 3) + 1;
	uint8_t table[64];
	for (unsigned i = 0; i < nregs; i++)
		memcpy(table + 16 * i, &cpu->v[(o.n + i) & 31], 16);
	A64V idx = a64_vget(cpu, o.m), r = a64_vget(cpu, o.d);
	if (nregs == 1 && !tbx && a64_host_features()->ssse3) {
		a64_tbl1_ssse3(table, &idx, &r);
	} else {
		for (unsigned i = 0; i < o.bytes; i++) {
			unsigned k = idx.u8[i];
			if (k < 16 * nregs)
				r.u8[i] = table[k];
			else if (!tbx)
				r.u8[i] = 0;
		}
	}
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(tbl) { return a64_tbl(cpu_, insn, false); }
A64_SIMD_HELPER(tbx) { return a64_tbl(cpu_, insn, true); }

/* The element size (log2 bytes) and index that imm5 encodes. */
static unsigned a64_imm5(uint64_t insn, unsigned *index)
{
	unsigned imm5 = insn >> 16 & 31, size = (unsigned)__builtin_ctz(imm5);
	*index = imm5 >> (size + 1);
	return size;
}

/* DUP (element), its scalar form (mov Bd/Hd/Sd/Dd, Vn.T[i]) and DUP (general), which
 * passes the general register's value as a1 (imm4 = 0001). */
A64_SIMD_HELPER(dup_e)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned index, size = a64_imm5(insn, &index), w = 8u << size;
	bool general = (insn >> 11 & 15) == 1;
	uint64_t v;
	if (general) {
		v = a1 & a64_emask(w);
	} else {
		A64V n = a64_vget(cpu, o.n);
		v = a64_elt(&n, w, index);
	}
	unsigned bytes = o.scalar ? 1u << size : o.q ? 16 : 8;
	A64V r;
	for (unsigned i = 0; i < bytes >> size; i++)
		a64_set_elt(&r, w, i, v);
	a64_vput(cpu, o.d, &r, bytes);
	return 0;
}

/* INS (element): Vd.T[imm5 index] = Vn.T[imm4 index]; INS (general, op = 0) takes the
 * value from a1. The rest of Vd is kept. */
A64_SIMD_HELPER(ins_e)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	unsigned index, size = a64_imm5(insn, &index), w = 8u << size;
	A64V r = a64_vget(cpu, o.d);
	uint64_t v;
	if (insn >> 29 & 1) {
		A64V n = a64_vget(cpu, o.n);
		v = a64_elt(&n, w, (insn >> 11 & 15) >> size);
	} else {
		v = a1 & a64_emask(w);
	}
	a64_set_elt(&r, w, index, v);
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}
