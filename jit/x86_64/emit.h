/*
 * The x86-64 instruction encoder used by the JIT backend. Each function appends one
 * instruction to an X86Buf and picks the shortest encoding (imm8 instead of imm32,
 * disp8 instead of disp32, no REX prefix when none is needed). Operands are registers,
 * immediates or memory references [base + index*scale + disp] (or [rip + disp]). The
 * buffer never overflows: a write past its end sets a sticky error flag that the caller
 * checks once when the block is complete. Host CPU features (lzcnt, tzcnt, popcnt,
 * movbe) are detected once with CPUID; the instruction selector asks x86_host before
 * using an instruction that not every x86-64 CPU has.
 */
#ifndef FERRY_X86_EMIT_H
#define FERRY_X86_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum X86Reg {
	X86_RAX,
	X86_RCX,
	X86_RDX,
	X86_RBX,
	X86_RSP,
	X86_RBP,
	X86_RSI,
	X86_RDI,
	X86_R8,
	X86_R9,
	X86_R10,
	X86_R11,
	X86_R12,
	X86_R13,
	X86_R14,
	X86_R15,
	X86_NOREG = 0xff
} X86Reg;

/* XMM registers are plain numbers 0..15 in the SSE functions. */

/* The eight classic ALU operations, numbered as their /digit in opcodes 80/81/83. */
typedef enum X86Alu {
	X86_ADD = 0,
	X86_OR = 1,
	X86_ADC = 2,
	X86_SBB = 3,
	X86_AND = 4,
	X86_SUB = 5,
	X86_XOR = 6,
	X86_CMP = 7
} X86Alu;

/* Shift and rotate operations, numbered as their /digit in C1/D3. */
typedef enum X86Shift { X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 } X86Shift;

/* Group-3 unary operations (F7 /digit). */
typedef enum X86Unary {
	X86_NOT = 2,
	X86_NEG = 3,
	X86_MUL = 4,
	X86_IMUL1 = 5,
	X86_DIV = 6,
	X86_IDIV = 7
} X86Unary;

/* Condition codes as the low nibble of Jcc/SETcc/CMOVcc. */
typedef enum X86Cond {
	X86_CC_O,
	X86_CC_NO,
	X86_CC_B,
	X86_CC_AE,
	X86_CC_E,
	X86_CC_NE,
	X86_CC_BE,
	X86_CC_A,
	X86_CC_S,
	X86_CC_NS,
	X86_CC_P,
	X86_CC_NP,
	X86_CC_L,
	X86_CC_GE,
	X86_CC_LE,
	X86_CC_G
} X86Cond;

/* Scalar SSE arithmetic, as the second opcode byte after F2/F3 0F. */
typedef enum X86SseOp {
	X86_SQRT = 0x51,
	X86_ADDS = 0x58,
	X86_MULS = 0x59,
	X86_SUBS = 0x5c,
	X86_DIVS = 0x5e
} X86SseOp;

typedef struct X86Mem {
	uint8_t base;  /* X86Reg or X86_NOREG */
	uint8_t index; /* X86Reg (never RSP) or X86_NOREG */
	uint8_t scale; /* log2 of the index scale, 0..3 */
	int32_t disp;
	const void *rip_target; /* non-NULL: [rip + disp] addressing this absolute address */
} X86Mem;

static inline X86Mem x86_mem(X86Reg base, int32_t disp)
{
	return (X86Mem){(uint8_t)base, X86_NOREG, 0, disp, NULL};
}

static inline X86Mem x86_mem_idx(X86Reg base, X86Reg index, unsigned scale, int32_t disp)
{
	return (X86Mem){(uint8_t)base, (uint8_t)index, (uint8_t)scale, disp, NULL};
}

static inline X86Mem x86_mem_rip(const void *target)
{
	return (X86Mem){X86_NOREG, X86_NOREG, 0, 0, target};
}

typedef struct X86Buf {
	uint8_t *start, *p, *end;
	bool error; /* sticky: an instruction did not fit */
} X86Buf;

static inline void x86_buf_init(X86Buf *b, void *mem, size_t size)
{
	b->start = b->p = mem;
	b->end = b->p + size;
	b->error = false;
}

static inline size_t x86_buf_used(const X86Buf *b)
{
	return (size_t)(b->p - b->start);
}

static inline bool x86_fits_i8(int64_t v)
{
	return v >= -128 && v <= 127;
}
static inline bool x86_fits_i32(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

typedef struct X86Features {
	bool lzcnt, bmi1, popcnt, movbe;
} X86Features;

/* What the host CPU offers; filled by x86_detect_features (tests may override it). */
extern X86Features x86_host;
void x86_detect_features(void);

/* Raw bytes and alignment padding (multi-byte NOPs). */
void x86_byte(X86Buf *b, uint8_t v);
void x86_u32(X86Buf *b, uint32_t v);
void x86_u64(X86Buf *b, uint64_t v);
void x86_align(X86Buf *b, unsigned align, unsigned offset);

/* Moves. size is the operand size in bytes: 1, 2, 4 or 8 (4 zero-extends to 64 bits). */
void x86_mov_rr(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);
void x86_mov_ri(X86Buf *b, X86Reg dst, uint64_t imm); /* shortest form for a 64-bit value */
void x86_mov_rm(X86Buf *b, unsigned size, X86Reg dst, X86Mem m);  /* load */
void x86_mov_mr(X86Buf *b, unsigned size, X86Mem m, X86Reg src);  /* store */
void x86_mov_mi(X86Buf *b, unsigned size, X86Mem m, int32_t imm); /* 8: sign-extended */
/* Zero/sign extension of an 8/16-bit source (and movsxd from 32) to size 4 or 8. */
void x86_movzx_rr(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Reg src);
void x86_movzx_rm(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Mem m);
void x86_movsx_rr(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Reg src);
void x86_movsx_rm(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Mem m);
void x86_lea(X86Buf *b, unsigned size, X86Reg dst, X86Mem m);

/* ALU: dst op= src. */
void x86_alu_rr(X86Buf *b, X86Alu op, unsigned size, X86Reg dst, X86Reg src);
void x86_alu_ri(X86Buf *b, X86Alu op, unsigned size, X86Reg dst, int32_t imm);
void x86_alu_rm(X86Buf *b, X86Alu op, unsigned size, X86Reg dst, X86Mem m);
void x86_alu_mr(X86Buf *b, X86Alu op, unsigned size, X86Mem m, X86Reg src);
void x86_alu_mi(X86Buf *b, X86Alu op, unsigned size, X86Mem m, int32_t imm);
void x86_test_rr(X86Buf *b, unsigned size, X86Reg a, X86Reg c);
void x86_test_ri(X86Buf *b, unsigned size, X86Reg a, int32_t imm);
void x86_test_mi(X86Buf *b, unsigned size, X86Mem m, int32_t imm);

void x86_shift_ri(X86Buf *b, X86Shift op, unsigned size, X86Reg dst, unsigned count);
void x86_shift_rcl(X86Buf *b, X86Shift op, unsigned size, X86Reg dst); /* count in cl */
void x86_unary_r(X86Buf *b, X86Unary op, unsigned size, X86Reg r);
void x86_unary_m(X86Buf *b, X86Unary op, unsigned size, X86Mem m);
void x86_imul_rr(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);
void x86_imul_rm(X86Buf *b, unsigned size, X86Reg dst, X86Mem m);
void x86_imul_rri(X86Buf *b, unsigned size, X86Reg dst, X86Reg src, int32_t imm);
void x86_cqo(X86Buf *b, unsigned size); /* cdq (4) or cqo (8) */

/* Bit operations (register sources). lzcnt/tzcnt/popcnt need the CPU feature. */
void x86_bswap(X86Buf *b, unsigned size, X86Reg r);
void x86_bsr(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);
void x86_bsf(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);
void x86_lzcnt(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);
void x86_tzcnt(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);
void x86_popcnt(X86Buf *b, unsigned size, X86Reg dst, X86Reg src);

void x86_setcc(X86Buf *b, X86Cond cc, X86Reg dst8);
void x86_cmov_rr(X86Buf *b, X86Cond cc, unsigned size, X86Reg dst, X86Reg src);
void x86_cmov_rm(X86Buf *b, X86Cond cc, unsigned size, X86Reg dst, X86Mem m);

/* Control flow. The rel32 forms return the offset of their 4-byte displacement so it
 * can be patched (x86_patch_rel32) once the target is known. */
size_t x86_jmp_rel32(X86Buf *b, const void *target);
size_t x86_jcc_rel32(X86Buf *b, X86Cond cc, const void *target);
void x86_jmp_r(X86Buf *b, X86Reg r);
void x86_jmp_m(X86Buf *b, X86Mem m);
void x86_call_r(X86Buf *b, X86Reg r);
void x86_ret(X86Buf *b);
void x86_push(X86Buf *b, X86Reg r);
void x86_pop(X86Buf *b, X86Reg r);
void x86_mfence(X86Buf *b);
void x86_ud2(X86Buf *b);
/* Points the rel32 at `at` (a pointer into the buffer) to target. */
void x86_patch_rel32(uint8_t *at, const void *target);

/* SSE2 scalar floating point; dbl selects double (F2) or single (F3) precision. */
void x86_movq_xr(X86Buf *b, unsigned size, unsigned xmm, X86Reg src); /* movd/movq xmm, r */
void x86_movq_rx(X86Buf *b, unsigned size, X86Reg dst, unsigned xmm); /* movd/movq r, xmm */
void x86_sse_rr(X86Buf *b, X86SseOp op, bool dbl, unsigned dst, unsigned src);
void x86_ucomis(X86Buf *b, bool dbl, unsigned a, unsigned c);
void x86_comis(X86Buf *b, bool dbl, unsigned a, unsigned c);
void x86_cvtsi2s(X86Buf *b, bool dbl, unsigned isize, unsigned dst, X86Reg src);
void x86_cvtts2si(X86Buf *b, bool dbl, unsigned isize, X86Reg dst, unsigned src);
void x86_cvts2s(X86Buf *b, bool to_dbl, unsigned dst, unsigned src); /* cvtss2sd/cvtsd2ss */

#endif
