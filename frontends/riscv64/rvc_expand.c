/*
 * Compressed instructions (RV64 C extension): each 16-bit pattern of insn_table_rvc.h
 * expands to its 32-bit equivalent, so translation and disassembly have one table to
 * follow. Immediates are gathered by layout (the spec's scrambled bit orders) in one
 * place; an expander only picks registers and the 32-bit encoding, and rejects reserved
 * encodings by returning false.
 */
#include <pthread.h>

#include "frontends/riscv64/decode.h"
#include "frontends/riscv64/insn_table_rvc.h"
#include "frontends/riscv64/rv_index.h"

typedef enum RvcImm {
	RVC_IMM_NONE,
	RVC_IMM_CI,    /* imm[5] at 12, imm[4:0] at 6:2, signed */
	RVC_IMM_CI_U,  /* the same, unsigned (shift amounts) */
	RVC_IMM_LUI,   /* nzimm[17] at 12, nzimm[16:12] at 6:2, signed */
	RVC_IMM_16SP,  /* nzimm[9] at 12; 6:2 = nzimm[4|6|8:7|5], signed */
	RVC_IMM_CIW,   /* 12:5 = nzuimm[5:4|9:6|2|3] */
	RVC_IMM_CL_W,  /* 12:10 = uimm[5:3], 6:5 = uimm[2|6] */
	RVC_IMM_CL_D,  /* 12:10 = uimm[5:3], 6:5 = uimm[7:6] */
	RVC_IMM_LWSP,  /* 12 = uimm[5], 6:2 = uimm[4:2|7:6] */
	RVC_IMM_LDSP,  /* 12 = uimm[5], 6:2 = uimm[4:3|8:6] */
	RVC_IMM_SWSP,  /* 12:7 = uimm[5:2|7:6] */
	RVC_IMM_SDSP,  /* 12:7 = uimm[5:3|8:6] */
	RVC_IMM_CJ,    /* 12:2 = offset[11|4|9:8|10|6|7|3:1|5], signed */
	RVC_IMM_CB,    /* 12:10 = offset[8|4:3], 6:2 = offset[7:6|2:1|5], signed */
} RvcImm;

/* The fields an expander needs: full register numbers from 11:7 and 6:2, the
 * three-bit "prime" registers from 9:7 and 4:2 (x8..x15), and the immediate. */
typedef struct RvcFields {
	unsigned r117, r62, r97, r42;
	int32_t imm;
} RvcFields;

typedef bool (*RvcExpandFn)(const RvcFields *f, uint32_t *out);

typedef struct RvcPattern {
	uint16_t mask, match;
	RvcImm imm;
	RvcExpandFn expand;
} RvcPattern;

/* Bits hi..lo of x, moved to start at bit `to`. */
static inline uint32_t bits(uint32_t x, unsigned hi, unsigned lo, unsigned to)
{
	return ((x >> lo) & ((1u << (hi - lo + 1)) - 1)) << to;
}

static inline int32_t sext(uint32_t v, unsigned width)
{
	return (int32_t)(v << (32 - width)) >> (32 - width);
}

/* Each layout as bit-field moves {hi, lo, to} (instruction bits hi..lo land at immediate
 * bit `to`), with the width of a signed immediate (0: unsigned). */
typedef struct RvcImmLayout {
	uint8_t n_moves, sign_width;
	uint8_t move[8][3];
} RvcImmLayout;

static const RvcImmLayout rvc_layouts[] = {
	[RVC_IMM_NONE] = {0, 0, {{0}}},
	[RVC_IMM_CI] = {2, 6, {{12, 12, 5}, {6, 2, 0}}},
	[RVC_IMM_CI_U] = {2, 0, {{12, 12, 5}, {6, 2, 0}}},
	[RVC_IMM_LUI] = {2, 18, {{12, 12, 17}, {6, 2, 12}}},
	[RVC_IMM_16SP] = {5, 10, {{12, 12, 9}, {6, 6, 4}, {5, 5, 6}, {4, 3, 7}, {2, 2, 5}}},
	[RVC_IMM_CIW] = {4, 0, {{12, 11, 4}, {10, 7, 6}, {6, 6, 2}, {5, 5, 3}}},
	[RVC_IMM_CL_W] = {3, 0, {{12, 10, 3}, {6, 6, 2}, {5, 5, 6}}},
	[RVC_IMM_CL_D] = {2, 0, {{12, 10, 3}, {6, 5, 6}}},
	[RVC_IMM_LWSP] = {3, 0, {{12, 12, 5}, {6, 4, 2}, {3, 2, 6}}},
	[RVC_IMM_LDSP] = {3, 0, {{12, 12, 5}, {6, 5, 3}, {4, 2, 6}}},
	[RVC_IMM_SWSP] = {2, 0, {{12, 9, 2}, {8, 7, 6}}},
	[RVC_IMM_SDSP] = {2, 0, {{12, 10, 3}, {9, 7, 6}}},
	[RVC_IMM_CJ] = {8, 12, {{12, 12, 11}, {11, 11, 4}, {10, 9, 8}, {8, 8, 10},
				 {7, 7, 6}, {6, 6, 7}, {5, 3, 1}, {2, 2, 5}}},
	[RVC_IMM_CB] = {5, 9, {{12, 12, 8}, {11, 10, 3}, {6, 5, 6}, {4, 3, 1}, {2, 2, 5}}},
};

static int32_t rvc_imm(RvcImm kind, uint32_t x)
{
	const RvcImmLayout *l = &rvc_layouts[kind];
	uint32_t v = 0;
	for (unsigned i = 0; i < l->n_moves; i++)
		v |= bits(x, l->move[i][0], l->move[i][1], l->move[i][2]);
	return l->sign_width ? sext(v, l->sign_width) : (int32_t)v;
}

/* 32-bit encoders (base opcodes of the RV64 instructions compressed forms map to). */
enum {
	OPC_LOAD = 0x03, OPC_LOAD_FP = 0x07, OPC_OP_IMM = 0x13, OPC_OP_IMM_32 = 0x1b,
	OPC_STORE = 0x23, OPC_STORE_FP = 0x27, OPC_OP = 0x33, OPC_LUI = 0x37,
	OPC_OP_32 = 0x3b, OPC_BRANCH = 0x63, OPC_JALR = 0x67, OPC_JAL = 0x6f,
};

static uint32_t enc_i(unsigned opc, unsigned f3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm << 20) | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static uint32_t enc_r(unsigned opc, unsigned f3, unsigned f7, unsigned rd, unsigned rs1,
		      unsigned rs2)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static uint32_t enc_s(unsigned opc, unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return bits(u, 11, 5, 25) | rs2 << 20 | rs1 << 15 | f3 << 12 | bits(u, 4, 0, 7) | opc;
}

static uint32_t enc_b(unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return bits(u, 12, 12, 31) | bits(u, 10, 5, 25) | rs2 << 20 | rs1 << 15 | f3 << 12 |
	       bits(u, 4, 1, 8) | bits(u, 11, 11, 7) | OPC_BRANCH;
}

static uint32_t enc_j(unsigned rd, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return bits(u, 20, 20, 31) | bits(u, 10, 1, 21) | bits(u, 11, 11, 20) |
	       bits(u, 19, 12, 12) | rd << 7 | OPC_JAL;
}

#define RVC_FN(name) static bool name(const RvcFields *f, uint32_t *out)

RVC_FN(rvc_addi4spn)
{
	*out = enc_i(OPC_OP_IMM, 0, f->r42, 2, f->imm);
	return f->imm != 0;
}
RVC_FN(rvc_fld) { *out = enc_i(OPC_LOAD_FP, 3, f->r42, f->r97, f->imm); return true; }
RVC_FN(rvc_lw) { *out = enc_i(OPC_LOAD, 2, f->r42, f->r97, f->imm); return true; }
RVC_FN(rvc_ld) { *out = enc_i(OPC_LOAD, 3, f->r42, f->r97, f->imm); return true; }
RVC_FN(rvc_fsd) { *out = enc_s(OPC_STORE_FP, 3, f->r97, f->r42, f->imm); return true; }
RVC_FN(rvc_sw) { *out = enc_s(OPC_STORE, 2, f->r97, f->r42, f->imm); return true; }
RVC_FN(rvc_sd) { *out = enc_s(OPC_STORE, 3, f->r97, f->r42, f->imm); return true; }

/* c.addi with rd = x0 is c.nop (or a HINT), both executed as addi x0. */
RVC_FN(rvc_addi) { *out = enc_i(OPC_OP_IMM, 0, f->r117, f->r117, f->imm); return true; }
RVC_FN(rvc_addiw)
{
	*out = enc_i(OPC_OP_IMM_32, 0, f->r117, f->r117, f->imm);
	return f->r117 != 0;
}
RVC_FN(rvc_li) { *out = enc_i(OPC_OP_IMM, 0, f->r117, 0, f->imm); return true; }
RVC_FN(rvc_addi16sp)
{
	*out = enc_i(OPC_OP_IMM, 0, 2, 2, f->imm);
	return f->imm != 0;
}
/* rd = x0 with a nonzero immediate is a HINT (executed as lui x0). */
RVC_FN(rvc_lui)
{
	*out = (uint32_t)f->imm | f->r117 << 7 | OPC_LUI;
	return f->imm != 0;
}
RVC_FN(rvc_srli) { *out = enc_i(OPC_OP_IMM, 5, f->r97, f->r97, f->imm); return true; }
RVC_FN(rvc_srai)
{
	*out = enc_i(OPC_OP_IMM, 5, f->r97, f->r97, 0x400 | f->imm);
	return true;
}
RVC_FN(rvc_andi) { *out = enc_i(OPC_OP_IMM, 7, f->r97, f->r97, f->imm); return true; }
RVC_FN(rvc_sub) { *out = enc_r(OPC_OP, 0, 0x20, f->r97, f->r97, f->r42); return true; }
RVC_FN(rvc_xor) { *out = enc_r(OPC_OP, 4, 0, f->r97, f->r97, f->r42); return true; }
RVC_FN(rvc_or) { *out = enc_r(OPC_OP, 6, 0, f->r97, f->r97, f->r42); return true; }
RVC_FN(rvc_and) { *out = enc_r(OPC_OP, 7, 0, f->r97, f->r97, f->r42); return true; }
RVC_FN(rvc_subw) { *out = enc_r(OPC_OP_32, 0, 0x20, f->r97, f->r97, f->r42); return true; }
RVC_FN(rvc_addw) { *out = enc_r(OPC_OP_32, 0, 0, f->r97, f->r97, f->r42); return true; }
RVC_FN(rvc_j) { *out = enc_j(0, f->imm); return true; }
RVC_FN(rvc_beqz) { *out = enc_b(0, f->r97, 0, f->imm); return true; }
RVC_FN(rvc_bnez) { *out = enc_b(1, f->r97, 0, f->imm); return true; }

RVC_FN(rvc_slli) { *out = enc_i(OPC_OP_IMM, 1, f->r117, f->r117, f->imm); return true; }
RVC_FN(rvc_fldsp) { *out = enc_i(OPC_LOAD_FP, 3, f->r117, 2, f->imm); return true; }
RVC_FN(rvc_lwsp)
{
	*out = enc_i(OPC_LOAD, 2, f->r117, 2, f->imm);
	return f->r117 != 0;
}
RVC_FN(rvc_ldsp)
{
	*out = enc_i(OPC_LOAD, 3, f->r117, 2, f->imm);
	return f->r117 != 0;
}
RVC_FN(rvc_jr)
{
	*out = enc_i(OPC_JALR, 0, 0, f->r117, 0);
	return f->r117 != 0;
}
RVC_FN(rvc_mv) { *out = enc_r(OPC_OP, 0, 0, f->r117, 0, f->r62); return true; }
RVC_FN(rvc_ebreak) { *out = 0x00100073; return true; }
RVC_FN(rvc_jalr) { *out = enc_i(OPC_JALR, 0, 1, f->r117, 0); return true; }
RVC_FN(rvc_add) { *out = enc_r(OPC_OP, 0, 0, f->r117, f->r117, f->r62); return true; }
RVC_FN(rvc_fsdsp) { *out = enc_s(OPC_STORE_FP, 3, 2, f->r62, f->imm); return true; }
RVC_FN(rvc_swsp) { *out = enc_s(OPC_STORE, 2, 2, f->r62, f->imm); return true; }
RVC_FN(rvc_sdsp) { *out = enc_s(OPC_STORE, 3, 2, f->r62, f->imm); return true; }

static const RvcPattern rvc_patterns[] = {
#define RVC_LINE(name, mask, match, imm, fn) {mask, match, imm, fn},
	RV_INSN_TABLE_RVC(RVC_LINE)
#undef RVC_LINE
};
#define RVC_N_PATTERNS (sizeof rvc_patterns / sizeof rvc_patterns[0])

/* The index key of a compressed instruction: quadrant (1:0) and funct3 (15:13). */
static unsigned rvc_key(uint32_t x) { return (x & 3) << 3 | (x >> 13 & 7); }

static bool rvc_in_bucket(size_t i, unsigned key)
{
	uint32_t key_insn = (key >> 3) | (key & 7) << 13, key_mask = 0xe003;
	const RvcPattern *p = &rvc_patterns[i];
	return ((key_insn ^ p->match) & p->mask & key_mask) == 0;
}

static RvIndex rvc_index;
static uint16_t rvc_order[RVC_N_PATTERNS * RV_INDEX_KEYS];
static pthread_once_t rvc_once = PTHREAD_ONCE_INIT;

static void rvc_init(void) { rv_index_build(&rvc_index, rvc_order, RVC_N_PATTERNS, rvc_in_bucket); }

bool rv_expand16(uint16_t insn, uint32_t *out)
{
	pthread_once(&rvc_once, rvc_init);
	unsigned key = rvc_key(insn);
	for (unsigned i = rvc_index.start[key]; i < rvc_index.start[key + 1]; i++) {
		const RvcPattern *p = &rvc_patterns[rvc_index.order[i]];
		if ((insn & p->mask) != p->match)
			continue;
		RvcFields f = {
			.r117 = insn >> 7 & 31,
			.r62 = insn >> 2 & 31,
			.r97 = (insn >> 7 & 7) + 8,
			.r42 = (insn >> 2 & 7) + 8,
			.imm = rvc_imm(p->imm, insn),
		};
		return p->expand(&f, out);
	}
	return false;
}
