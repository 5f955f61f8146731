/*
 * The x86-64 encoder behind emit.h. Every instruction goes through emit_insn, which
 * writes the legacy prefixes, a REX prefix when one is needed (64-bit operand size,
 * registers r8-r15, or the byte registers spl/bpl/sil/dil that exist only with REX), the
 * opcode and the ModRM/SIB/displacement bytes; the public functions only choose opcodes
 * and immediate sizes. Opcodes are quoted from the Intel SDM in the comments.
 */
#include "jit/x86_64/emit.h"

#include <cpuid.h>
#include <string.h>

X86Features x86_host;

void x86_detect_features(void)
{
	unsigned a, b, c, d;
	X86Features f = {0};
	if (__get_cpuid(1, &a, &b, &c, &d)) {
		f.popcnt = (c >> 23) & 1;
		f.movbe = (c >> 22) & 1;
		f.ssse3 = (c >> 9) & 1;
		f.sse41 = (c >> 19) & 1;
		f.sse42 = (c >> 20) & 1;
	}
	if (__get_cpuid_count(7, 0, &a, &b, &c, &d))
		f.bmi1 = (b >> 3) & 1; /* tzcnt */
	if (__get_cpuid(0x80000001, &a, &b, &c, &d))
		f.lzcnt = (c >> 5) & 1; /* ABM */
	x86_host = f;
}

enum {
	F_W = 1,    /* REX.W: 64-bit operand size */
	F_66 = 2,   /* operand-size prefix: 16-bit operands */
	F_BREG = 4, /* the ModRM reg field names a byte register */
	F_BRM = 8,  /* the ModRM r/m field names a byte register */
};

/* An r/m operand: a register or a memory reference. */
typedef struct Rm {
	bool is_mem;
	uint8_t reg;
	X86Mem m;
} Rm;

static Rm rm_reg(X86Reg r)
{
	return (Rm){false, (uint8_t)r, {0}};
}
static Rm rm_mem(X86Mem m)
{
	return (Rm){true, 0, m};
}

void x86_byte(X86Buf *b, uint8_t v)
{
	if (b->p < b->end)
		*b->p++ = v;
	else
		b->error = true;
}

void x86_u32(X86Buf *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		x86_byte(b, (uint8_t)(v >> (8 * i)));
}

void x86_u64(X86Buf *b, uint64_t v)
{
	x86_u32(b, (uint32_t)v);
	x86_u32(b, (uint32_t)(v >> 32));
}

static void emit_imm(X86Buf *b, unsigned len, int64_t v)
{
	for (unsigned i = 0; i < len; i++)
		x86_byte(b, (uint8_t)((uint64_t)v >> (8 * i)));
}

static unsigned size_flags(unsigned size)
{
	return size == 8 ? F_W : size == 2 ? F_66 : 0;
}

/* Byte-register operands matter only for 8-bit operations. */
static unsigned byte_regs(unsigned size, unsigned flags)
{
	return size == 1 ? flags : 0;
}

static void emit_modrm_mem(X86Buf *b, unsigned reg, const X86Mem *m, unsigned imm_len)
{
	unsigned r = (reg & 7) << 3;
	if (m->rip_target) {
		x86_byte(b, (uint8_t)(r | 5));
		intptr_t next = (intptr_t)b->p + 4 + imm_len;
		x86_u32(b, (uint32_t)(int32_t)((intptr_t)m->rip_target - next + m->disp));
		return;
	}
	unsigned index = m->index == X86_NOREG ? 4 : (m->index & 7);
	if (m->base == X86_NOREG) {
		/* mod 00, r/m 100, SIB base 101: [index*scale + disp32] with no base */
		x86_byte(b, (uint8_t)(r | 4));
		x86_byte(b, (uint8_t)(m->scale << 6 | index << 3 | 5));
		x86_u32(b, (uint32_t)m->disp);
		return;
	}
	unsigned base = m->base & 7, mod;
	/* r/m 101 with mod 00 means disp32 without base: rbp/r13 always take a disp8. */
	if (m->disp == 0 && base != 5)
		mod = 0;
	else if (x86_fits_i8(m->disp))
		mod = 1;
	else
		mod = 2;
	if (m->index != X86_NOREG || base == 4) { /* r/m 100 means a SIB byte follows */
		x86_byte(b, (uint8_t)(mod << 6 | r | 4));
		x86_byte(b, (uint8_t)(m->scale << 6 | index << 3 | base));
	} else {
		x86_byte(b, (uint8_t)(mod << 6 | r | base));
	}
	if (mod == 1)
		x86_byte(b, (uint8_t)m->disp);
	else if (mod == 2)
		x86_u32(b, (uint32_t)m->disp);
}

/* prefix: a mandatory F2/F3/66 byte or 0; opcode: 1-3 bytes, most significant first. */
static void emit_insn(X86Buf *b, unsigned flags, uint8_t prefix, uint32_t opcode, unsigned reg,
                      Rm rm, unsigned imm_len)
{
	if (flags & F_66)
		x86_byte(b, 0x66);
	if (prefix)
		x86_byte(b, prefix);
	unsigned rex = (flags & F_W ? 8 : 0) | (reg & 8 ? 4 : 0);
	if (rm.is_mem) {
		if (rm.m.index != X86_NOREG && (rm.m.index & 8))
			rex |= 2;
		if (rm.m.base != X86_NOREG && (rm.m.base & 8))
			rex |= 1;
	} else if (rm.reg & 8) {
		rex |= 1;
	}
	bool rex_for_bytes = ((flags & F_BREG) && reg >= 4 && reg < 8) ||
	                     ((flags & F_BRM) && !rm.is_mem && rm.reg >= 4 && rm.reg < 8);
	if (rex || rex_for_bytes)
		x86_byte(b, (uint8_t)(0x40 | rex));
	if (opcode > 0xffff)
		x86_byte(b, (uint8_t)(opcode >> 16));
	if (opcode > 0xff)
		x86_byte(b, (uint8_t)(opcode >> 8));
	x86_byte(b, (uint8_t)opcode);
	if (rm.is_mem)
		emit_modrm_mem(b, reg, &rm.m, imm_len);
	else
		x86_byte(b, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm.reg & 7)));
}

/* An opcode with no ModRM whose low 3 bits name a register (push, bswap, mov r, imm). */
static void emit_plus_r(X86Buf *b, unsigned flags, uint32_t opcode, X86Reg r)
{
	unsigned rex = (flags & F_W ? 8 : 0) | (r & 8 ? 1 : 0);
	if (rex)
		x86_byte(b, (uint8_t)(0x40 | rex));
	if (opcode > 0xff)
		x86_byte(b, (uint8_t)(opcode >> 8));
	x86_byte(b, (uint8_t)(opcode + (r & 7)));
}

void x86_align(X86Buf *b, unsigned align, unsigned offset)
{
	static const uint8_t nops[4][4] = {{0}, {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}};
	unsigned pad = (unsigned)(align - ((uintptr_t)b->p + offset) % align) % align;
	while (pad) {
		unsigned n = pad > 3 ? 3 : pad;
		for (unsigned i = 0; i < n; i++)
			x86_byte(b, nops[n][i]);
		pad -= n;
	}
}

/* 88 /r MOV r/m8, r8; 89 /r MOV r/m, r */
void x86_mov_rr(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG | F_BRM), 0, size == 1 ? 0x88 : 0x89,
	          src, rm_reg(dst), 0);
}

/* B8+rd id MOV r32, imm32 (zero-extends); REX.W C7 /0 id (sign-extends); REX.W B8+rd io */
void x86_mov_ri(X86Buf *b, X86Reg dst, uint64_t imm)
{
	if (imm <= UINT32_MAX) {
		emit_plus_r(b, 0, 0xb8, dst);
		x86_u32(b, (uint32_t)imm);
	} else if (x86_fits_i32((int64_t)imm)) {
		emit_insn(b, F_W, 0, 0xc7, 0, rm_reg(dst), 4);
		x86_u32(b, (uint32_t)imm);
	} else {
		emit_plus_r(b, F_W, 0xb8, dst);
		x86_u64(b, imm);
	}
}

/* 8A /r MOV r8, r/m8; 8B /r MOV r, r/m */
void x86_mov_rm(X86Buf *b, unsigned size, X86Reg dst, X86Mem m)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG), 0, size == 1 ? 0x8a : 0x8b, dst,
	          rm_mem(m), 0);
}

void x86_mov_mr(X86Buf *b, unsigned size, X86Mem m, X86Reg src)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG), 0, size == 1 ? 0x88 : 0x89, src,
	          rm_mem(m), 0);
}

/* C6 /0 ib MOV r/m8, imm8; C7 /0 iw/id MOV r/m, imm */
void x86_mov_mi(X86Buf *b, unsigned size, X86Mem m, int32_t imm)
{
	unsigned len = size == 1 ? 1 : size == 2 ? 2 : 4;
	emit_insn(b, size_flags(size), 0, size == 1 ? 0xc6 : 0xc7, 0, rm_mem(m), len);
	emit_imm(b, len, imm);
}

/* 0F B6/B7 MOVZX r, r/m8/16; 0F BE/BF MOVSX; REX.W 63 /r MOVSXD r64, r/m32 */
static void ext(X86Buf *b, bool sign, unsigned dsize, unsigned ssize, X86Reg dst, Rm rm)
{
	unsigned flags = (dsize == 8 ? F_W : 0) | (ssize == 1 ? F_BRM : 0);
	if (ssize == 4) {
		if (sign)
			emit_insn(b, F_W, 0, 0x63, dst, rm, 0);
		else if (rm.is_mem)
			emit_insn(b, 0, 0, 0x8b, dst, rm, 0); /* mov r32, m32 */
		else
			emit_insn(b, 0, 0, 0x89, rm.reg, rm_reg(dst), 0); /* mov r32, r32 */
		return;
	}
	uint32_t op = (sign ? 0x0fbe : 0x0fb6) + (ssize == 2 ? 1 : 0);
	emit_insn(b, flags, 0, op, dst, rm, 0);
}

void x86_movzx_rr(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Reg src)
{
	ext(b, false, dsize, ssize, dst, rm_reg(src));
}

void x86_movzx_rm(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Mem m)
{
	ext(b, false, dsize, ssize, dst, rm_mem(m));
}

void x86_movsx_rr(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Reg src)
{
	ext(b, true, dsize, ssize, dst, rm_reg(src));
}

void x86_movsx_rm(X86Buf *b, unsigned dsize, unsigned ssize, X86Reg dst, X86Mem m)
{
	ext(b, true, dsize, ssize, dst, rm_mem(m));
}

/* 8D /r LEA r, m */
void x86_lea(X86Buf *b, unsigned size, X86Reg dst, X86Mem m)
{
	emit_insn(b, size_flags(size), 0, 0x8d, dst, rm_mem(m), 0);
}

/* op*8+0/1 /r: r/m op= r (byte / full size); op*8+3 /r: r op= r/m */
void x86_alu_rr(X86Buf *b, X86Alu op, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG | F_BRM), 0,
	          op * 8u + (size == 1 ? 0 : 1), src, rm_reg(dst), 0);
}

void x86_alu_rm(X86Buf *b, X86Alu op, unsigned size, X86Reg dst, X86Mem m)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG), 0, op * 8u + (size == 1 ? 2 : 3),
	          dst, rm_mem(m), 0);
}

void x86_alu_mr(X86Buf *b, X86Alu op, unsigned size, X86Mem m, X86Reg src)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG), 0, op * 8u + (size == 1 ? 0 : 1),
	          src, rm_mem(m), 0);
}

/* 80 /op ib (byte); 83 /op ib (sign-extended imm8); 81 /op iw/id */
static void alu_imm(X86Buf *b, X86Alu op, unsigned size, Rm rm, int32_t imm)
{
	unsigned flags = size_flags(size) | byte_regs(size, F_BRM);
	if (size == 1) {
		emit_insn(b, flags, 0, 0x80, op, rm, 1);
		emit_imm(b, 1, imm);
	} else if (x86_fits_i8(imm)) {
		emit_insn(b, flags, 0, 0x83, op, rm, 1);
		emit_imm(b, 1, imm);
	} else {
		unsigned len = size == 2 ? 2 : 4;
		emit_insn(b, flags, 0, 0x81, op, rm, len);
		emit_imm(b, len, imm);
	}
}

void x86_alu_ri(X86Buf *b, X86Alu op, unsigned size, X86Reg dst, int32_t imm)
{
	alu_imm(b, op, size, rm_reg(dst), imm);
}

void x86_alu_mi(X86Buf *b, X86Alu op, unsigned size, X86Mem m, int32_t imm)
{
	alu_imm(b, op, size, rm_mem(m), imm);
}

/* 84/85 /r TEST r/m, r; F6 /0 ib, F7 /0 id TEST r/m, imm */
void x86_test_rr(X86Buf *b, unsigned size, X86Reg a, X86Reg c)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BREG | F_BRM), 0, size == 1 ? 0x84 : 0x85,
	          c, rm_reg(a), 0);
}

static void test_imm(X86Buf *b, unsigned size, Rm rm, int32_t imm)
{
	unsigned len = size == 1 ? 1 : size == 2 ? 2 : 4;
	emit_insn(b, size_flags(size) | byte_regs(size, F_BRM), 0, size == 1 ? 0xf6 : 0xf7, 0, rm,
	          len);
	emit_imm(b, len, imm);
}

void x86_test_ri(X86Buf *b, unsigned size, X86Reg a, int32_t imm)
{
	test_imm(b, size, rm_reg(a), imm);
}

void x86_test_mi(X86Buf *b, unsigned size, X86Mem m, int32_t imm)
{
	test_imm(b, size, rm_mem(m), imm);
}

/* D1 /op (by 1), C1 /op ib, D3 /op (by cl); C0/D0/D2 for bytes */
void x86_shift_ri(X86Buf *b, X86Shift op, unsigned size, X86Reg dst, unsigned count)
{
	unsigned flags = size_flags(size) | byte_regs(size, F_BRM);
	if (count == 1) {
		emit_insn(b, flags, 0, size == 1 ? 0xd0 : 0xd1, op, rm_reg(dst), 0);
	} else {
		emit_insn(b, flags, 0, size == 1 ? 0xc0 : 0xc1, op, rm_reg(dst), 1);
		x86_byte(b, (uint8_t)count);
	}
}

void x86_shift_rcl(X86Buf *b, X86Shift op, unsigned size, X86Reg dst)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BRM), 0, size == 1 ? 0xd2 : 0xd3, op,
	          rm_reg(dst), 0);
}

/* F6/F7 /op: NOT NEG MUL IMUL DIV IDIV */
void x86_unary_r(X86Buf *b, X86Unary op, unsigned size, X86Reg r)
{
	emit_insn(b, size_flags(size) | byte_regs(size, F_BRM), 0, size == 1 ? 0xf6 : 0xf7, op,
	          rm_reg(r), 0);
}

void x86_unary_m(X86Buf *b, X86Unary op, unsigned size, X86Mem m)
{
	emit_insn(b, size_flags(size), 0, size == 1 ? 0xf6 : 0xf7, op, rm_mem(m), 0);
}

/* 0F AF /r IMUL r, r/m; 6B /r ib and 69 /r id IMUL r, r/m, imm */
void x86_imul_rr(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0, 0x0faf, dst, rm_reg(src), 0);
}

void x86_imul_rm(X86Buf *b, unsigned size, X86Reg dst, X86Mem m)
{
	emit_insn(b, size_flags(size), 0, 0x0faf, dst, rm_mem(m), 0);
}

void x86_imul_rri(X86Buf *b, unsigned size, X86Reg dst, X86Reg src, int32_t imm)
{
	bool short_imm = x86_fits_i8(imm);
	unsigned len = short_imm ? 1 : size == 2 ? 2 : 4;
	emit_insn(b, size_flags(size), 0, short_imm ? 0x6b : 0x69, dst, rm_reg(src), len);
	emit_imm(b, len, imm);
}

/* 99 CDQ; REX.W 99 CQO */
void x86_cqo(X86Buf *b, unsigned size)
{
	if (size == 8)
		x86_byte(b, 0x48);
	x86_byte(b, 0x99);
}

/* 0F C8+rd BSWAP */
void x86_bswap(X86Buf *b, unsigned size, X86Reg r)
{
	emit_plus_r(b, size == 8 ? F_W : 0, 0x0fc8, r);
}

/* 0F BD BSR, 0F BC BSF; F3 0F BD LZCNT, F3 0F BC TZCNT, F3 0F B8 POPCNT */
void x86_bsr(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0, 0x0fbd, dst, rm_reg(src), 0);
}

void x86_bsf(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0, 0x0fbc, dst, rm_reg(src), 0);
}

void x86_lzcnt(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0xf3, 0x0fbd, dst, rm_reg(src), 0);
}

void x86_tzcnt(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0xf3, 0x0fbc, dst, rm_reg(src), 0);
}

void x86_popcnt(X86Buf *b, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0xf3, 0x0fb8, dst, rm_reg(src), 0);
}

/* 0F 90+cc /0 SETcc r/m8; 0F 40+cc /r CMOVcc r, r/m */
void x86_setcc(X86Buf *b, X86Cond cc, X86Reg dst8)
{
	emit_insn(b, F_BRM, 0, 0x0f90u + cc, 0, rm_reg(dst8), 0);
}

void x86_cmov_rr(X86Buf *b, X86Cond cc, unsigned size, X86Reg dst, X86Reg src)
{
	emit_insn(b, size_flags(size), 0, 0x0f40u + cc, dst, rm_reg(src), 0);
}

void x86_cmov_rm(X86Buf *b, X86Cond cc, unsigned size, X86Reg dst, X86Mem m)
{
	emit_insn(b, size_flags(size), 0, 0x0f40u + cc, dst, rm_mem(m), 0);
}

static size_t rel32(X86Buf *b, const void *target)
{
	size_t at = x86_buf_used(b);
	intptr_t next = (intptr_t)b->p + 4;
	x86_u32(b, (uint32_t)(int32_t)((intptr_t)target - next));
	return at;
}

/* E9 cd JMP rel32; 0F 80+cc cd Jcc rel32 */
size_t x86_jmp_rel32(X86Buf *b, const void *target)
{
	x86_byte(b, 0xe9);
	return rel32(b, target ? target : b->p + 4);
}

size_t x86_jcc_rel32(X86Buf *b, X86Cond cc, const void *target)
{
	x86_byte(b, 0x0f);
	x86_byte(b, (uint8_t)(0x80 + cc));
	return rel32(b, target ? target : b->p + 4);
}

void x86_patch_rel32(uint8_t *at, const void *target)
{
	int32_t rel = (int32_t)((intptr_t)target - (intptr_t)(at + 4));
	memcpy(at, &rel, 4);
}

/* FF /4 JMP r/m64; FF /2 CALL r/m64 */
void x86_jmp_r(X86Buf *b, X86Reg r)
{
	emit_insn(b, 0, 0, 0xff, 4, rm_reg(r), 0);
}
void x86_jmp_m(X86Buf *b, X86Mem m)
{
	emit_insn(b, 0, 0, 0xff, 4, rm_mem(m), 0);
}
void x86_call_r(X86Buf *b, X86Reg r)
{
	emit_insn(b, 0, 0, 0xff, 2, rm_reg(r), 0);
}
void x86_ret(X86Buf *b)
{
	x86_byte(b, 0xc3);
}
/* 50+rd PUSH, 58+rd POP */
void x86_push(X86Buf *b, X86Reg r)
{
	emit_plus_r(b, 0, 0x50, r);
}
void x86_pop(X86Buf *b, X86Reg r)
{
	emit_plus_r(b, 0, 0x58, r);
}

/* 0F AE F0 MFENCE; 0F 0B UD2 */
void x86_mfence(X86Buf *b)
{
	x86_byte(b, 0x0f);
	x86_byte(b, 0xae);
	x86_byte(b, 0xf0);
}

/* 0F AE /3 STMXCSR m32, 0F AE /2 LDMXCSR m32 */
void x86_stmxcsr(X86Buf *b, X86Mem m)
{
	emit_insn(b, 0, 0, 0x0fae, 3, rm_mem(m), 0);
}

void x86_ldmxcsr(X86Buf *b, X86Mem m)
{
	emit_insn(b, 0, 0, 0x0fae, 2, rm_mem(m), 0);
}

void x86_ud2(X86Buf *b)
{
	x86_byte(b, 0x0f);
	x86_byte(b, 0x0b);
}

/* 66 (REX.W) 0F 6E /r MOVD/MOVQ xmm, r/m; 66 (REX.W) 0F 7E /r MOVD/MOVQ r/m, xmm */
void x86_movq_xr(X86Buf *b, unsigned size, unsigned xmm, X86Reg src)
{
	emit_insn(b, size == 8 ? F_W : 0, 0x66, 0x0f6e, xmm, rm_reg(src), 0);
}

void x86_movq_rx(X86Buf *b, unsigned size, X86Reg dst, unsigned xmm)
{
	emit_insn(b, size == 8 ? F_W : 0, 0x66, 0x0f7e, xmm, rm_reg((X86Reg)dst), 0);
}

/* F2 0F op (sd) / F3 0F op (ss): SQRT ADD MUL SUB DIV xmm, xmm/m */
void x86_sse_rr(X86Buf *b, X86SseOp op, bool dbl, unsigned dst, unsigned src)
{
	emit_insn(b, 0, dbl ? 0xf2 : 0xf3, 0x0f00u + op, dst, rm_reg((X86Reg)src), 0);
}

/* 66 0F 2E UCOMISD; 0F 2E UCOMISS */
void x86_ucomis(X86Buf *b, bool dbl, unsigned a, unsigned c)
{
	emit_insn(b, 0, dbl ? 0x66 : 0, 0x0f2e, a, rm_reg((X86Reg)c), 0);
}

/* 66 0F 2F COMISD; 0F 2F COMISS: like UCOMIS, but invalid for a quiet NaN too */
void x86_comis(X86Buf *b, bool dbl, unsigned a, unsigned c)
{
	emit_insn(b, 0, dbl ? 0x66 : 0, 0x0f2f, a, rm_reg((X86Reg)c), 0);
}

/* F2/F3 (REX.W) 0F 2A CVTSI2SD/SS xmm, r/m; F2/F3 (REX.W) 0F 2C CVTTSD2SI/CVTTSS2SI */
void x86_cvtsi2s(X86Buf *b, bool dbl, unsigned isize, unsigned dst, X86Reg src)
{
	emit_insn(b, isize == 8 ? F_W : 0, dbl ? 0xf2 : 0xf3, 0x0f2a, dst, rm_reg(src), 0);
}

void x86_cvtts2si(X86Buf *b, bool dbl, unsigned isize, X86Reg dst, unsigned src)
{
	emit_insn(b, isize == 8 ? F_W : 0, dbl ? 0xf2 : 0xf3, 0x0f2c, dst, rm_reg((X86Reg)src), 0);
}

/* F3 0F 5A CVTSS2SD; F2 0F 5A CVTSD2SS */
void x86_cvts2s(X86Buf *b, bool to_dbl, unsigned dst, unsigned src)
{
	emit_insn(b, 0, to_dbl ? 0xf3 : 0xf2, 0x0f5a, dst, rm_reg((X86Reg)src), 0);
}

/* The prefix and opcode bytes of an X86Vec: 0F xx is stored as 0x00_0f_xx. */
static void vec_insn(X86Buf *b, unsigned flags, X86Vec op, unsigned reg, Rm rm, unsigned imm_len)
{
	uint32_t opcode = (uint32_t)op & 0xffffff;
	if ((opcode >> 16) == 0)
		opcode &= 0xffff;
	emit_insn(b, flags, (uint8_t)((uint32_t)op >> 24), opcode, reg, rm, imm_len);
}

void x86_vec_rr(X86Buf *b, X86Vec op, unsigned dst, unsigned src)
{
	vec_insn(b, 0, op, dst, rm_reg((X86Reg)src), 0);
}

void x86_vec_rm(X86Buf *b, X86Vec op, unsigned dst, X86Mem m)
{
	vec_insn(b, 0, op, dst, rm_mem(m), 0);
}

void x86_vec_rri(X86Buf *b, X86Vec op, unsigned dst, unsigned src, uint8_t imm)
{
	vec_insn(b, 0, op, dst, rm_reg((X86Reg)src), 1);
	x86_byte(b, imm);
}

/* 66 0F 71/72/73 /digit ib: the digit sits in the ModRM reg field. */
void x86_vec_shift(X86Buf *b, X86Vec op, unsigned xmm, uint8_t count)
{
	unsigned digit = ((uint32_t)op >> 8) & 7;
	emit_insn(b, 0, 0x66, 0x0f00u | ((uint32_t)op & 0xff), digit, rm_reg((X86Reg)xmm), 1);
	x86_byte(b, count);
}

/* F3 0F 7F MOVDQU m128, xmm */
void x86_movdqu_mx(X86Buf *b, X86Mem m, unsigned xmm)
{
	emit_insn(b, 0, 0xf3, 0x0f7f, xmm, rm_mem(m), 0);
}

/* 66 0F D6 MOVQ m64, xmm */
void x86_movq_mx(X86Buf *b, X86Mem m, unsigned xmm)
{
	emit_insn(b, 0, 0x66, 0x0fd6, xmm, rm_mem(m), 0);
}

/* 66 0F 7E MOVD m32, xmm */
void x86_movd_mx(X86Buf *b, X86Mem m, unsigned xmm)
{
	emit_insn(b, 0, 0x66, 0x0f7e, xmm, rm_mem(m), 0);
}

/* F3 0F 7E MOVQ xmm, m64 */
void x86_movq_xm(X86Buf *b, unsigned xmm, X86Mem m)
{
	emit_insn(b, 0, 0xf3, 0x0f7e, xmm, rm_mem(m), 0);
}

/* 66 0F 6E MOVD xmm, m32 */
void x86_movd_xm(X86Buf *b, unsigned xmm, X86Mem m)
{
	emit_insn(b, 0, 0x66, 0x0f6e, xmm, rm_mem(m), 0);
}

/* 66 0F C5 /r ib PEXTRW r32, xmm (reg = the GPR); 66 0F 3A 14/16 /r ib PEXTRB/D/Q r/m,
 * xmm (reg = the xmm; REX.W for Q). */
void x86_pextr(X86Buf *b, unsigned size, X86Reg dst, unsigned xmm, uint8_t lane)
{
	if (size == 2)
		emit_insn(b, 0, 0x66, 0x0fc5, dst, rm_reg((X86Reg)xmm), 1);
	else
		emit_insn(b, size == 8 ? F_W : 0, 0x66, size == 1 ? 0x0f3a14 : 0x0f3a16, xmm,
		          rm_reg(dst), 1);
	x86_byte(b, lane);
}

/* 66 0F C4 /r ib PINSRW xmm, r32; 66 0F 3A 20/22 /r ib PINSRB/D/Q xmm, r/m */
void x86_pinsr(X86Buf *b, unsigned size, unsigned xmm, X86Reg src, uint8_t lane)
{
	uint32_t opcode = size == 2 ? 0x0fc4 : size == 1 ? 0x0f3a20 : 0x0f3a22;
	emit_insn(b, size == 8 ? F_W : 0, 0x66, opcode, xmm, rm_reg(src), 1);
	x86_byte(b, lane);
}
