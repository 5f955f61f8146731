/*
 * The riscv64 decoder's shared types. The instruction set is described declaratively in
 * insn_table_*.h (one X-macro line per instruction pattern: mnemonic, mask, match,
 * operand format, translator); decode.c builds both the decoder and the disassembler
 * from those lines. Compressed (16-bit) encodings are described in insn_table_rvc.h as
 * patterns that expand to their 32-bit equivalent, which then goes through the main table.
 */
#ifndef FERRY_RV_DECODE_H
#define FERRY_RV_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontends/riscv64/rv_cpu.h"
#include "jit/ir.h"

/* Operand formats: how fields are extracted and how the disassembler prints them. */
typedef enum RvFormat {
	RVF_R,      /* rd, rs1, rs2 */
	RVF_R4,     /* rd, rs1, rs2, rs3 (fused multiply-add), rm */
	RVF_I,      /* rd, rs1, imm12 */
	RVF_I_LOAD, /* rd, imm12(rs1) */
	RVF_I_SHIFT,/* rd, rs1, shamt */
	RVF_S,      /* rs2, imm12(rs1) */
	RVF_B,      /* rs1, rs2, pc-relative target */
	RVF_U,      /* rd, imm20 << 12 */
	RVF_J,      /* rd, pc-relative target */
	RVF_CSR,    /* rd, csr, rs1 */
	RVF_CSRI,   /* rd, csr, uimm5 */
	RVF_AMO,    /* rd, rs2, (rs1) with aq/rl */
	RVF_LR,     /* rd, (rs1) */
	RVF_FR_RM,  /* float rd, rs1, rs2 with rounding mode */
	RVF_FR1_RM, /* float rd, rs1 with rounding mode (fsqrt, fcvt) */
	RVF_FR1,    /* rd, rs1 (fmv, fclass) */
	RVF_NONE,   /* no operands (ecall, ebreak, fence.i) */
	RVF_FENCE,  /* pred, succ */
} RvFormat;

/* The decoded fields of one 32-bit instruction. */
typedef struct RvInsn {
	uint32_t raw;
	uint8_t rd, rs1, rs2, rs3, rm;
	int64_t imm;       /* sign-extended immediate for the format (B/J: byte offset) */
	uint16_t csr;
	const struct RvPattern *pat;
} RvInsn;

/* Translation context for one block. */
/* A taken conditional branch leaves the block through a side exit: the branch goes to
 * a label placed after the block's last exit, where a direct exit to its target waits,
 * and translation goes on with the next instruction. An FP instruction with rm = DYN
 * whose frm check fails leaves the same way, to its helper-based slow path
 * (RV_SIDE_FP_SLOW), and so does, in system mode, the first FP instruction of a block
 * that finds mstatus.FS Off (RV_SIDE_ILLEGAL: an ILLEGAL exit at its pc), so the common
 * path has no label at which the optimizer would forget guest state. */
#define RV_MAX_SIDE_EXITS 8
typedef enum RvSideKind { RV_SIDE_BRANCH, RV_SIDE_FP_SLOW, RV_SIDE_ILLEGAL } RvSideKind;
typedef struct RvSideExit {
	uint32_t label;
	uint64_t target; /* the branch target, or the pc of the instruction */
	RvSideKind kind;
	uint8_t fp_len, fp_helper, fp_nsrc;
	RvInsn fp_insn;
} RvSideExit;

typedef struct RvCtx {
	IrBlock *b;
	uint64_t pc;       /* PC of the instruction being translated */
	unsigned len;      /* its length: 4, or 2 for a compressed one */
	bool ended;        /* the translator emitted the block's exit */
	/* Facts about guest state on the straight-line path being translated, used by the
	 * inline FP code (translate_fp.c). Valid because every other path out of an
	 * instruction leaves the block; a translator that lets two guest paths join inside
	 * a block must clear them. */
	bool frm_rne;     /* frm was checked to be RNE and not written since */
	bool fs_on;       /* system mode: mstatus.FS was checked to be on */
	uint32_t f_boxed; /* bit n: f[n] holds a properly NaN-boxed single */
	IrTemp w32[32];   /* x[n] = EXTS.i64(w32[n]) for an i32 temp, or IR_NONE */
	IrTemp lo32[32];  /* an i32 temp holding the low half of x[n], or IR_NONE */
	unsigned n_side;   /* side exits so far */
	RvSideExit side[RV_MAX_SIDE_EXITS];
	/* System mode: the machine's hooks (rv_sys.h); NULL in user mode. */
	const struct RvSysHooks *sys;
} RvCtx;

/* A translator returns false when the encoding is reserved (then SIGILL). */
typedef bool (*RvTranslateFn)(RvCtx *ctx, const RvInsn *in);

typedef struct RvPattern {
	const char *mnemonic;
	uint32_t mask, match;
	RvFormat format;
	RvTranslateFn translate;
} RvPattern;

/* Decodes a 32-bit instruction; NULL when no pattern matches. */
const RvPattern *rv_decode32(uint32_t insn, RvInsn *out);
/* Expands a 16-bit compressed instruction to its 32-bit equivalent; false when the
 * encoding is reserved or illegal. */
bool rv_expand16(uint16_t insn, uint32_t *out);
/* Formats an instruction (either length) as "mnemonic operands". */
void rv_disas_insn(uint32_t raw, unsigned len, uint64_t pc, char *buf, size_t bufsz);

#endif
