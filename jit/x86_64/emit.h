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
	bool ssse3, sse41, sse42; /* packed-integer extensions the vector selectors use */
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
void x86_stmxcsr(X86Buf *b, X86Mem m);
void x86_ldmxcsr(X86Buf *b, X86Mem m);
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

/* Packed SSE on xmm registers (legacy encoding): an X86Vec names the mandatory prefix
 * (bits 24-31, 0 for none) and the opcode after it (0F xx, 0F 38 xx or 0F 3A xx). */
typedef enum X86Vec {
	X86_MOVDQA = 0x66000f6f,  /* load form; 66 0F 7F stores */
	X86_MOVDQU = 0xf3000f6f,
	X86_PUNPCKLBW = 0x66000f60, X86_PUNPCKLWD = 0x66000f61, X86_PUNPCKLDQ = 0x66000f62,
	X86_PUNPCKHBW = 0x66000f68, X86_PUNPCKHWD = 0x66000f69, X86_PUNPCKHDQ = 0x66000f6a,
	X86_PUNPCKLQDQ = 0x66000f6c, X86_PUNPCKHQDQ = 0x66000f6d,
	X86_PSHUFD = 0x66000f70, X86_PSHUFLW = 0xf2000f70, X86_PSHUFHW = 0xf3000f70,
	X86_PCMPEQB = 0x66000f74, X86_PCMPEQW = 0x66000f75, X86_PCMPEQD = 0x66000f76,
	X86_PCMPEQQ = 0x660f3829, X86_PCMPGTB = 0x66000f64, X86_PCMPGTW = 0x66000f65,
	X86_PCMPGTD = 0x66000f66, X86_PCMPGTQ = 0x660f3837,
	X86_PADDB = 0x66000ffc, X86_PADDW = 0x66000ffd, X86_PADDD = 0x66000ffe,
	X86_PADDQ = 0x66000fd4, X86_PSUBB = 0x66000ff8, X86_PSUBW = 0x66000ff9,
	X86_PSUBD = 0x66000ffa, X86_PSUBQ = 0x66000ffb, X86_PADDUSB = 0x66000fdc,
	X86_PMULLW = 0x66000fd5, X86_PMULLD = 0x660f3840,
	X86_PAND = 0x66000fdb, X86_PANDN = 0x66000fdf, X86_POR = 0x66000feb, X86_PXOR = 0x66000fef,
	X86_PMINUB = 0x66000fda, X86_PMAXUB = 0x66000fde, X86_PMINSW = 0x66000fea,
	X86_PMAXSW = 0x66000fee, X86_PMINSB = 0x660f3838, X86_PMAXSB = 0x660f383c,
	X86_PMINUW = 0x660f383a, X86_PMAXUW = 0x660f383e, X86_PMINSD = 0x660f3839,
	X86_PMAXSD = 0x660f383d, X86_PMINUD = 0x660f383b, X86_PMAXUD = 0x660f383f,
	X86_PSHUFB = 0x660f3800, X86_PALIGNR = 0x660f3a0f,
	X86_PMOVSXBW = 0x660f3820, X86_PMOVSXWD = 0x660f3823, X86_PMOVSXDQ = 0x660f3825,
	X86_PMOVZXBW = 0x660f3830, X86_PMOVZXWD = 0x660f3833, X86_PMOVZXDQ = 0x660f3835,
	/* shifts by imm8: 66 0F 71/72/73 /digit ib; the digit is in bits 8-10 here */
	X86_PSRLW_I = 0x66000271, X86_PSRAW_I = 0x66000471, X86_PSLLW_I = 0x66000671,
	X86_PSRLD_I = 0x66000272, X86_PSRAD_I = 0x66000472, X86_PSLLD_I = 0x66000672,
	X86_PSRLQ_I = 0x66000273, X86_PSRLDQ_I = 0x66000373, X86_PSLLQ_I = 0x66000673,
	X86_PSLLDQ_I = 0x66000773,
} X86Vec;

void x86_vec_rr(X86Buf *b, X86Vec op, unsigned dst, unsigned src);
void x86_vec_rm(X86Buf *b, X86Vec op, unsigned dst, X86Mem m);
/* With an imm8 (pshufd, palignr). */
void x86_vec_rri(X86Buf *b, X86Vec op, unsigned dst, unsigned src, uint8_t imm);
/* A shift by immediate (X86_PS*_I). */
void x86_vec_shift(X86Buf *b, X86Vec op, unsigned xmm, uint8_t count);
/* Stores: movdqu m, xmm; movq m64, xmm (66 0F D6); movd m32, xmm. */
void x86_movdqu_mx(X86Buf *b, X86Mem m, unsigned xmm);
void x86_movq_mx(X86Buf *b, X86Mem m, unsigned xmm);
void x86_movd_mx(X86Buf *b, X86Mem m, unsigned xmm);
/* Loads that zero the rest: movq xmm, m64 (F3 0F 7E); movd xmm, m32. */
void x86_movq_xm(X86Buf *b, unsigned xmm, X86Mem m);
void x86_movd_xm(X86Buf *b, unsigned xmm, X86Mem m);
/* Lane moves with a general register (size 1, 2, 4 or 8; pextrw and pinsrw are SSE2,
 * the others SSE4.1). pextr zero-extends into the 32/64-bit register. */
void x86_pextr(X86Buf *b, unsigned size, X86Reg dst, unsigned xmm, uint8_t lane);
void x86_pinsr(X86Buf *b, unsigned size, unsigned xmm, X86Reg src, uint8_t lane);

#endif
