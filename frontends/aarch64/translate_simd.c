/*
 * Translators for Advanced SIMD, the crypto extension and CRC32 (insn_table_simd.h).
 * a64_trans_v_<name> are generated from A64_SIMD_OPS: after checking the reserved
 * encodings its rules name, each offers the instruction to translate_vec.c, which turns
 * the common integer ones into v128 IR, and otherwise makes one helper call (simd.h)
 * that gets the raw instruction word. Copies are v128 IR here: the modified-immediate
 * group (MOVI, MVNI, ORR, BIC, FMOV vector), DUP, INS, UMOV/SMOV, and LD1/ST1 of whole
 * registers (the hot path of memcpy-like loops). Structure loads and stores
 * that interleave (LD2-LD4, single lanes, replicate) call a64_simd_ldst_helper, which
 * reaches guest memory directly (IRH_MEM: a fault is reported at this instruction).
 */
#include "frontends/aarch64/simd.h"
#include "frontends/aarch64/translate.h"
#include "frontends/aarch64/translate_vec.h"

static bool a64_simd_rules_ok(uint32_t raw, unsigned rules)
{
	unsigned size = raw >> 22 & 3, q = raw >> 30 & 1, sz = raw >> 22 & 1;
	unsigned immh = raw >> 19 & 15, lbit = raw >> 21 & 1;
	bool scalar = raw >> 28 & 1;
	bool bad = ((rules & A64_R_QD) && !scalar && size == 3 && !q) ||
		   ((rules & A64_R_NO64) && size == 3) || ((rules & A64_R_SD) && scalar && size != 3) ||
		   ((rules & A64_R_B) && size != 0) || ((rules & A64_R_HS) && (size == 0 || size == 3)) ||
		   ((rules & A64_R_FPQ) && !scalar && sz && !q) || ((rules & A64_R_Q1) && !q) ||
		   ((rules & A64_R_NO8) && size == 0) ||
		   ((rules & A64_R_BH) && (size == 3 || (size == 2 && !q))) ||
		   ((rules & A64_R_FP4S) && (sz || !q)) || ((rules & A64_R_P) && (size == 1 || size == 2)) ||
		   ((rules & A64_R_S) && sz) || ((rules & A64_R_LT2) && size >= 2) ||
		   ((rules & A64_R_EF) && ((sz && lbit) || (!scalar && sz && !q))) ||
		   ((rules & A64_R_EXT) && !q && (raw >> 14 & 1));
	if (bad)
		return false;
	if (rules & (A64_R_SHD | A64_R_SHQ | A64_R_SHN | A64_R_SHF)) {
		if (immh == 0)
			return false;
		if ((rules & A64_R_SHD) && scalar && !(immh & 8))
			return false;
		if ((rules & (A64_R_SHD | A64_R_SHQ | A64_R_SHF)) && !scalar && (immh & 8) && !q)
			return false;
		if ((rules & A64_R_SHN) && (immh & 8))
			return false;
		if ((rules & A64_R_SHF) && immh < 4)
			return false;
	}
	return true;
}

#define A64_SIMD_FLAGS (IRH_READS_STATE | IRH_WRITES_STATE)

#define A64_SIMD_TRANS(name, rules)                                                       \
	static const IrHelper a64_h_##name = {"a64_simd_" #name, a64_simd_##name,          \
					      A64_SIMD_FLAGS};                            \
	A64_TRANS(v_##name)                                                               \
	{                                                                                 \
		if (!a64_simd_rules_ok(in->raw, rules))                                   \
			return false;                                                     \
		if (a64_vec_inline(ctx, in, A64_VOP_##name))                              \
			return true;                                                      \
		ir_call(ctx->b, &a64_h_##name, a64_const(ctx, in->raw), IR_NONE, IR_NONE,  \
			IR_NONE);                                                         \
		return true;                                                              \
	}
A64_SIMD_OPS(A64_SIMD_TRANS)
#undef A64_SIMD_TRANS

/* ---- Copies that involve a general register. ---- */

/* imm5: the element size (log2 bytes; 4 when reserved) and index. */
static unsigned a64_imm5_size(uint32_t raw, unsigned *index)
{
	unsigned imm5 = raw >> 16 & 31;
	if (!(imm5 & 15))
		return 4;
	unsigned size = (unsigned)__builtin_ctz(imm5);
	*index = imm5 >> (size + 1);
	return size;
}

/* DUP (general): 0 Q 0 01110000 imm5 0 0001 1 Rn Rd; size 3 needs Q. */
A64_TRANS(v_dup_g)
{
	unsigned index, size = a64_imm5_size(in->raw, &index);
	bool q = in->raw >> 30 & 1;
	if (size > 3 || (size == 3 && !q))
		return false;
	if (a64_vec_helpers_only) {
		ir_call(ctx->b, &a64_h_dup_e, a64_const(ctx, in->raw), a64_x(ctx, in->rn), IR_NONE,
		        IR_NONE);
		return true;
	}
	a64_vreg_set(ctx, in->rd, ir_vdup(ctx->b, 8u << size, a64_x(ctx, in->rn)), q);
	return true;
}

/* DUP (element) and its scalar form: size 3 vectors need Q. */
A64_TRANS(v_dup)
{
	unsigned index, size = a64_imm5_size(in->raw, &index);
	bool scalar = in->raw >> 28 & 1;
	bool q = in->raw >> 30 & 1;
	if (size > 3 || (!scalar && size == 3 && !q))
		return false;
	if (a64_vec_helpers_only) {
		ir_call(ctx->b, &a64_h_dup_e, a64_const(ctx, in->raw), IR_NONE, IR_NONE, IR_NONE);
		return true;
	}
	IrBlock *b = ctx->b;
	unsigned bits = 8u << size;
	IrTemp x = ir_vgetlane(b, IR_I64, bits, index, a64_vreg(ctx, in->rn));
	IrTemp v = scalar ? ir_vsetlane(b, bits, 0, ir_vconst(b, 0, false), x) : ir_vdup(b, bits, x);
	a64_vreg_set(ctx, in->rd, v, q && !scalar);
	return true;
}

/* INS (general): 0 1 0 01110000 imm5 0 0011 1 Rn Rd; INS (element): 0 1 1 01110000 imm5 0
 * imm4 1 Rn Rd. */
A64_TRANS(v_ins)
{
	unsigned index, size = a64_imm5_size(in->raw, &index);
	if (size > 3)
		return false;
	bool general = !(in->raw >> 29 & 1);
	if (a64_vec_helpers_only) {
		ir_call(ctx->b, &a64_h_ins_e, a64_const(ctx, in->raw),
		        general ? a64_x(ctx, in->rn) : IR_NONE, IR_NONE, IR_NONE);
		return true;
	}
	IrBlock *b = ctx->b;
	unsigned bits = 8u << size, from = (in->raw >> 11 & 15) >> size;
	IrTemp x = general ? a64_x(ctx, in->rn)
	                   : ir_vgetlane(b, IR_I64, bits, from, a64_vreg(ctx, in->rn));
	a64_vreg_set(ctx, in->rd, ir_vsetlane(b, bits, index, a64_vreg(ctx, in->rd), x), true);
	return true;
}

/* Element index of V[n] as an i64 temp, zero- or sign-extended. */
static IrTemp a64_v_elem(A64Ctx *ctx, unsigned n, unsigned size, unsigned index, bool sgn)
{
	IrBlock *b = ctx->b;
	unsigned bits = 8u << size;
	IrTemp v = ir_vgetlane(b, IR_I64, bits, index, a64_vreg(ctx, n));
	if (bits == 64 || !sgn)
		return v;
	return ir_exts(b, IR_I64, v, bits);
}

/* UMOV: 0 Q 0 01110000 imm5 0 0111 1 Rn Rd (Q = 1 only for doublewords). */
A64_TRANS(v_umov)
{
	unsigned index = 0, size = a64_imm5_size(in->raw, &index);
	bool q = in->raw >> 30 & 1;
	if (size > 3 || q != (size == 3))
		return false;
	a64_set_x(ctx, in->rd, a64_v_elem(ctx, in->rn, size, index, false), size == 3);
	return true;
}

/* SMOV: 0 Q 0 01110000 imm5 0 0101 1 Rn Rd: bytes and halfwords to W or X, words to X. */
A64_TRANS(v_smov)
{
	unsigned index = 0, size = a64_imm5_size(in->raw, &index);
	bool q = in->raw >> 30 & 1;
	if (size > 2 || (size == 2 && !q))
		return false;
	a64_set_x(ctx, in->rd, a64_v_elem(ctx, in->rn, size, index, true), q);
	return true;
}

/* ---- Modified immediate: AdvSIMDExpandImm. ---- */

static uint64_t a64_rep32(uint64_t v) { return v << 32 | (v & 0xffffffffu); }
static uint64_t a64_rep16(uint64_t v) { return a64_rep32(v << 16 | (v & 0xffff)); }

static uint64_t a64_expand_imm(unsigned op, unsigned cmode, uint64_t imm8)
{
	switch (cmode >> 1) {
	case 0: return a64_rep32(imm8);
	case 1: return a64_rep32(imm8 << 8);
	case 2: return a64_rep32(imm8 << 16);
	case 3: return a64_rep32(imm8 << 24);
	case 4: return a64_rep16(imm8);
	case 5: return a64_rep16(imm8 << 8);
	case 6: return a64_rep32(cmode & 1 ? imm8 << 16 | 0xffff : imm8 << 8 | 0xff);
	default: break;
	}
	if (!(cmode & 1) && !op)
		return imm8 * 0x0101010101010101ull;
	if (!(cmode & 1)) {
		uint64_t r = 0;
		for (unsigned i = 0; i < 8; i++)
			if (imm8 >> i & 1)
				r |= 0xffull << (8 * i);
		return r;
	}
	uint64_t a = imm8 >> 7, b = imm8 >> 6 & 1, low = imm8 & 0x3f;
	if (!op) /* single: a:NOT(b):bbbbb:cdefgh:Zeros(19) */
		return a64_rep32(a << 31 | (b ^ 1) << 30 | (b ? 0x1full << 25 : 0) | low << 19);
	return a << 63 | (b ^ 1) << 62 | (b ? 0xffull << 54 : 0) | low << 48;
}

/* 0 Q op 0111100000 abc cmode o2 1 defgh Rd */
A64_TRANS(v_movi)
{
	IrBlock *b = ctx->b;
	unsigned q = in->raw >> 30 & 1, op = in->raw >> 29 & 1, cmode = in->raw >> 12 & 15;
	uint64_t imm8 = (in->raw >> 16 & 7) << 5 | (in->raw >> 5 & 31);
	if (in->raw >> 11 & 1)
		return false; /* o2 = 1: FMOV half precision (FEAT_FP16) */
	if (op && cmode == 15 && !q)
		return false;
	uint64_t imm = a64_expand_imm(op, cmode, imm8);
	bool logic = cmode < 12 && (cmode & 1), invert = op && cmode < 14;
	IrTemp v;
	if (!logic)
		v = ir_vconst(b, invert ? ~imm : imm, q);
	else if (op) /* BIC */
		v = ir_vop2(b, IR_AND, 0, a64_vreg(ctx, in->rd), ir_vconst(b, ~imm, q));
	else /* ORR */
		v = ir_vop2(b, IR_OR, 0, a64_vreg(ctx, in->rd), ir_vconst(b, imm, q));
	a64_vreg_set(ctx, in->rd, v, q || !logic || op);
	return true;
}

/* ---- CRC32{B,H,W,X} and CRC32C{B,H,W,X}: sf 0 0 11010110 Rm 010 C sz Rn Rd. ---- */

static uint64_t a64_crc_fn(void *cpu, uint64_t acc, uint64_t val, uint64_t kind, uint64_t u3)
{
	unsigned bytes = 1u << (kind & 3);
	return kind & 4 ? a64_crc32c((uint32_t)acc, val, bytes) : a64_crc32((uint32_t)acc, val, bytes);
}
static const IrHelper a64_crc_helper = {"a64_crc32", a64_crc_fn, IRH_PURE};

A64_TRANS(crc32)
{
	unsigned sz = in->raw >> 10 & 3, c = in->raw >> 12 & 1;
	if (in->sf != (sz == 3))
		return false;
	IrTemp r = ir_call(ctx->b, &a64_crc_helper, a64_x(ctx, in->rn), a64_x(ctx, in->rm),
			   a64_const(ctx, c << 2 | sz), IR_NONE);
	a64_set_x(ctx, in->rd, r, false);
	return true;
}
