/*
 * The riscv64 decoder and disassembler, both built from the instruction tables
 * (insn_table_int.h, insn_table_fp.h): the X-macro lines become the translator
 * prototypes, the pattern array and the printable mnemonics. Decoding extracts the
 * register fields of every format and the immediate the format defines; a bucket index
 * on the major opcode keeps it to a handful of mask compares. disas.c prints what this
 * file decodes.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "frontends/riscv64/decode.h"
#include "frontends/riscv64/insn_table_fp.h"
#include "frontends/riscv64/insn_table_int.h"
#include "frontends/riscv64/rv_index.h"

#define RV_INSN_TABLE_ALL(X) RV_INSN_TABLE_INT(X) RV_INSN_TABLE_FP(X)

#define RV_PROTO(name, mask, match, fmt, fn) bool fn(RvCtx *ctx, const RvInsn *in);
RV_INSN_TABLE_ALL(RV_PROTO)
#undef RV_PROTO

enum {
#define RV_ENUM(name, mask, match, fmt, fn) RV_P_##name,
	RV_INSN_TABLE_ALL(RV_ENUM)
#undef RV_ENUM
	RV_N_PATTERNS
};

/* Writable so that initialisation can turn the identifiers' '_' into '.'. */
static char rv_mnemonics[RV_N_PATTERNS + 1][24] = {
#define RV_NAME(name, mask, match, fmt, fn) #name,
	RV_INSN_TABLE_ALL(RV_NAME)
#undef RV_NAME
};

static const RvPattern rv_patterns[RV_N_PATTERNS + 1] = {
#define RV_LINE(name, mask, match, fmt, fn) {rv_mnemonics[RV_P_##name], mask, match, fmt, fn},
	RV_INSN_TABLE_ALL(RV_LINE)
#undef RV_LINE
};

static RvIndex rv_index;
static uint16_t rv_order[(RV_N_PATTERNS + 1) * RV_INDEX_KEYS];
static pthread_once_t rv_once = PTHREAD_ONCE_INIT;

/* Index key: opcode bits 6:2 (bits 1:0 are 11 for every 32-bit instruction). */
static bool rv_in_bucket(size_t i, unsigned key)
{
	uint32_t key_insn = key << 2 | 3, key_mask = 0x7f;
	return ((key_insn ^ rv_patterns[i].match) & rv_patterns[i].mask & key_mask) == 0;
}

static void rv_decode_init(void)
{
	for (size_t i = 0; i < RV_N_PATTERNS; i++)
		for (char *c = rv_mnemonics[i]; *c; c++)
			if (*c == '_')
				*c = '.';
	rv_index_build(&rv_index, rv_order, RV_N_PATTERNS, rv_in_bucket);
}

/* Immediate extraction, one function per format that has an immediate. */
static int64_t sext64(uint64_t v, unsigned width)
{
	return (int64_t)(v << (64 - width)) >> (64 - width);
}
static uint32_t field(uint32_t x, unsigned hi, unsigned lo, unsigned to)
{
	return ((x >> lo) & ((1u << (hi - lo + 1)) - 1)) << to;
}
static int64_t imm_i(uint32_t x) { return sext64(x >> 20, 12); }
static int64_t imm_shamt(uint32_t x) { return x >> 20 & 0x3f; }
static int64_t imm_s(uint32_t x) { return sext64(field(x, 31, 25, 5) | field(x, 11, 7, 0), 12); }
static int64_t imm_u(uint32_t x) { return (int64_t)(int32_t)(x & 0xfffff000u); }
static int64_t imm_csri(uint32_t x) { return x >> 15 & 31; }
static int64_t imm_fence(uint32_t x) { return x >> 20 & 0xfff; } /* fm:pred:succ */
static int64_t imm_aqrl(uint32_t x) { return x >> 25 & 3; }       /* aq = 2, rl = 1 */
/* B: imm[12|10:5] at 31:25, imm[4:1|11] at 11:7 */
static int64_t imm_b(uint32_t x)
{
	return sext64(field(x, 31, 31, 12) | field(x, 30, 25, 5) | field(x, 11, 8, 1) |
		      field(x, 7, 7, 11), 13);
}
/* J: imm[20|10:1|11|19:12] at 31:12 */
static int64_t imm_j(uint32_t x)
{
	return sext64(field(x, 31, 31, 20) | field(x, 30, 21, 1) | field(x, 20, 20, 11) |
		      field(x, 19, 12, 12), 21);
}

/* Indexed by RvFormat (RVF_FENCE is the last); formats without an immediate are NULL. */
static int64_t (*const rv_imm_of[RVF_FENCE + 1])(uint32_t) = {
	[RVF_I] = imm_i,         [RVF_I_LOAD] = imm_i,   [RVF_I_SHIFT] = imm_shamt,
	[RVF_S] = imm_s,         [RVF_B] = imm_b,        [RVF_U] = imm_u,
	[RVF_J] = imm_j,         [RVF_CSRI] = imm_csri,  [RVF_AMO] = imm_aqrl,
	[RVF_LR] = imm_aqrl,     [RVF_FENCE] = imm_fence,
};

static void rv_fields(uint32_t x, const RvPattern *p, RvInsn *out)
{
	int64_t (*imm)(uint32_t) = rv_imm_of[p->format];
	*out = (RvInsn){
		.raw = x,
		.rd = x >> 7 & 31,
		.rs1 = x >> 15 & 31,
		.rs2 = x >> 20 & 31,
		.rs3 = x >> 27 & 31,
		.rm = x >> 12 & 7,
		.imm = imm ? imm(x) : 0,
		.csr = x >> 20 & 0xfff,
		.pat = p,
	};
}

const RvPattern *rv_decode32(uint32_t insn, RvInsn *out)
{
	pthread_once(&rv_once, rv_decode_init);
	if ((insn & 3) != 3)
		return NULL;
	unsigned key = insn >> 2 & 31;
	for (unsigned i = rv_index.start[key]; i < rv_index.start[key + 1]; i++) {
		const RvPattern *p = &rv_patterns[rv_index.order[i]];
		if ((insn & p->mask) == p->match) {
			rv_fields(insn, p, out);
			return p;
		}
	}
	return NULL;
}
