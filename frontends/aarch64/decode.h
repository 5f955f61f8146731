/*
 * The aarch64 decoder's shared types. The instruction set is described declaratively in
 * insn_table_*.h: one X-macro line per instruction pattern, X(mnemonic, mask, match,
 * format, translator). decode.c builds the decoder, the disassembler's names and the
 * translator prototypes from those lines; the format says which fields the decoder
 * extracts into an A64Insn and how disas.c prints the operands. A new instruction is
 * one table line plus one translator (or a line reusing one).
 */
#ifndef FERRY_A64_DECODE_H
#define FERRY_A64_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/aarch64/a64_cpu.h"
#include "jit/ir.h"

/* Operand formats: which immediate the decoder computes and how operands print. Register
 * fields are always extracted (rd/rt 4:0, rn 9:5, rm/rs 20:16, ra/rt2 14:10). */
typedef enum A64Format {
	A64F_NONE,         /* no operands (nop, isb without option) */
	A64F_ADDSUB_IMM,   /* rd|sp, rn|sp, #imm12 {lsl #12}: imm = shifted value */
	A64F_LOGIC_IMM,    /* rd|sp, rn, #bitmask: imm = the decoded mask, valid = encodable */
	A64F_MOVEWIDE,     /* rd, #imm16, lsl #shift: imm = imm16, imm2 = hw * 16 */
	A64F_ADR,          /* rd, label: imm = byte offset from pc */
	A64F_ADRP,         /* rd, label: imm = 4 KiB page offset from pc's page */
	A64F_BITFIELD,     /* rd, rn, #immr, #imms: imm = immr, imm2 = imms */
	A64F_EXTR,         /* rd, rn, rm, #lsb: imm = imms */
	A64F_SHIFTED,      /* rd, rn, rm {, shift #amount}: imm = amount, imm2 = shift type */
	A64F_EXTENDED,     /* rd|sp, rn|sp, rm, extend {#amount}: imm = amount, imm2 = option */
	A64F_RRR,          /* rd, rn, rm */
	A64F_RR,           /* rd, rn */
	A64F_RRRR,         /* rd, rn, rm, ra */
	A64F_CSEL,         /* rd, rn, rm, cond */
	A64F_CCMP_REG,     /* rn, rm, #nzcv, cond: imm = nzcv */
	A64F_CCMP_IMM,     /* rn, #imm5, #nzcv, cond: imm = nzcv, imm2 = imm5 */
	A64F_B26,          /* label: imm = byte offset (imm26 * 4) */
	A64F_BCOND,        /* b.cond label: imm = byte offset (imm19 * 4) */
	A64F_CB,           /* rt, label: imm = imm19 * 4 */
	A64F_TB,           /* rt, #bit, label: imm = imm14 * 4, imm2 = bit number */
	A64F_BR,           /* rn */
	A64F_EXC,          /* #imm16: imm */
	A64F_MRS,          /* rt, sysreg: imm = op0:op1:CRn:CRm:op2 (16 bits) */
	A64F_MSR_REG,      /* sysreg, rt: imm as for A64F_MRS */
	A64F_MSR_IMM,      /* pstatefield, #imm: imm = op1:op2 (6 bits), imm2 = CRm */
	A64F_BARRIER,      /* option: imm = CRm */
	A64F_SYS,          /* sys op: imm = op1:CRn:CRm:op2 (14 bits), rt */
	A64F_LS_UIMM,      /* rt, [rn|sp, #imm]: imm = imm12 << scale */
	A64F_LS_SIMM,      /* rt, [rn|sp, #simm9] (unscaled, unprivileged): imm */
	A64F_LS_PRE,       /* rt, [rn|sp, #simm9]!: imm */
	A64F_LS_POST,      /* rt, [rn|sp], #simm9: imm */
	A64F_LS_REG,       /* rt, [rn|sp, rm, extend {#amount}]: imm = S, imm2 = option */
	A64F_LS_LIT,       /* rt, label: imm = imm19 * 4 */
	A64F_LS_PAIR,      /* rt, rt2, [rn|sp, #imm7 << scale]: imm */
	A64F_LS_PAIR_PRE,  /* rt, rt2, [rn|sp, #imm]! */
	A64F_LS_PAIR_POST, /* rt, rt2, [rn|sp], #imm */
	A64F_LDX,          /* rt, [rn|sp] (load-exclusive, load-acquire, store-release) */
	A64F_STX,          /* ws, rt, [rn|sp] (store-exclusive) */
	A64F_LDXP,         /* rt, rt2, [rn|sp] */
	A64F_STXP,         /* ws, rt, rt2, [rn|sp] */
	A64F_ATOMIC,       /* rs, rt, [rn|sp] (cas, ldadd..., swp) */
	A64F_CASP,         /* rs, rs+1, rt, rt+1, [rn|sp] */
	A64F_SIMD,         /* FP and SIMD: operands shown as the raw word; translators decode */
	A64F_COUNT
} A64Format;

/* The decoded fields of one instruction. */
typedef struct A64Insn {
	uint32_t raw;
	uint8_t rd, rn, rm, ra;
	uint8_t cond;  /* bits 15:12 (csel, ccmp) or 3:0 (b.cond) */
	uint8_t scale; /* log2 of the access size for loads and stores */
	bool sf;       /* bit 31: 64-bit operation */
	bool valid;    /* the format's immediate is encodable (logical immediates) */
	int64_t imm;
	int64_t imm2;
	const struct A64Pattern *pat;
} A64Insn;

/* What the translator knows about NZCV on the path being translated (a64_flags.c). */
typedef struct A64FlagState {
	uint8_t op;  /* A64CcOp, or A64_FL_UNKNOWN: only the CPU struct knows */
	IrTemp a, b; /* operands (i64 temps; 32-bit kinds use their low halves) */
	IrTemp res;  /* the result for ADD and LOGIC kinds, or IR_NONE */
	IrTemp sel;  /* not IR_NONE: the state above holds only when sel is true, */
	uint8_t alt; /* and NZCV = alt << 28 otherwise (a conditional compare) */
} A64FlagState;
#define A64_FL_UNKNOWN 0xff

/* Translation context for one block. */
typedef struct A64Ctx {
	IrBlock *b;
	uint64_t pc; /* address of the instruction being translated */
	bool ended;  /* the translator emitted the block's exit */
	A64FlagState fl;
	bool fp_std; /* FPCR was found standard on this path (translate_fp.c) */
} A64Ctx;

/* A translator returns false when the encoding is reserved or unallocated (SIGILL). */
typedef bool (*A64TranslateFn)(A64Ctx *ctx, const A64Insn *in);

typedef struct A64Pattern {
	const char *mnemonic;
	uint32_t mask, match;
	uint8_t format; /* A64Format */
	A64TranslateFn translate;
} A64Pattern;

/* Decodes one instruction word; NULL when no pattern matches. */
const A64Pattern *a64_decode(uint32_t insn, A64Insn *out);
/* The bitmask immediate of N:immr:imms for a datasize of 32 or 64 bits; false when the
 * combination is reserved. */
bool a64_decode_bitmask(unsigned n, unsigned immr, unsigned imms, unsigned datasize, uint64_t *out);
/* Formats one instruction as "mnemonic operands". */
void a64_disas_insn(uint32_t raw, uint64_t pc, char *buf, size_t bufsz);
/* Number of table lines (for tests). */
size_t a64_pattern_count(void);

#endif
