/*
 * Instruction selection for the integer IR ops, matching ir_eval bit for bit: i32
 * values are computed with 32-bit instructions (which zero the upper half, as the IR
 * requires), shift counts are masked by the hardware exactly as the IR's "modulo the
 * width", and division is total (x/0 = 0, x%0 = x, MIN/-1 = MIN rem 0) through explicit
 * checks before div/idiv, which would trap. A compare whose only use is the branch or
 * select right after it sets the flags for that consumer directly.
 */
#include "jit/x86_64/internal.h"

#define BUF (&c->buf)

static void isel_nop(JitCompiler *c, const IrInsn *in, uint32_t i)
{
}

static void isel_mov(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	jit_load(c, r, in->src[0]);
	jit_def_done(c, in->dst, r);
}

static const X86Alu alu_of[IR_OP_COUNT] = {
    [IR_ADD] = X86_ADD, [IR_SUB] = X86_SUB, [IR_AND] = X86_AND,
    [IR_OR] = X86_OR,   [IR_XOR] = X86_XOR,
};

/* add d, a, b as one lea when a sits in a register other than d's. */
static bool add_as_lea(JitCompiler *c, const IrInsn *in, X86Reg r, unsigned size)
{
	const TempLoc *la = &c->ra.loc[in->src[0]], *lb = &c->ra.loc[in->src[1]];
	int32_t imm;
	if (in->op != IR_ADD || la->kind != LOC_REG || la->reg == r)
		return false;
	if (jit_imm(c, in->src[1], 8, &imm))
		x86_lea(BUF, size, r, x86_mem((X86Reg)la->reg, imm));
	else if (lb->kind == LOC_REG)
		x86_lea(BUF, size, r, x86_mem_idx((X86Reg)la->reg, (X86Reg)lb->reg, 0, 0));
	else
		return false;
	return true;
}

static void isel_alu(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	if (!add_as_lea(c, in, r, size)) {
		jit_load(c, r, in->src[0]);
		jit_alu_temp(c, alu_of[in->op], size, r, in->src[1]);
	}
	jit_def_done(c, in->dst, r);
}

static void isel_mul(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	IrTemp b = in->src[1];
	int32_t imm;
	if (jit_imm(c, b, size, &imm)) {
		x86_imul_rri(BUF, size, r, jit_use(c, in->src[0], X86_RCX), imm);
	} else {
		jit_load(c, r, in->src[0]);
		if (c->ra.loc[b].kind == LOC_STACK)
			x86_imul_rm(BUF, size, r, jit_slot_mem(c, b));
		else
			x86_imul_rr(BUF, size, r, jit_use(c, b, X86_RCX));
	}
	jit_def_done(c, in->dst, r);
}

/* One-operand mul/imul/div/idiv with t as the r/m operand (rcx for a constant). */
static void unary_temp(JitCompiler *c, X86Unary op, unsigned size, IrTemp t)
{
	if (c->ra.loc[t].kind == LOC_STACK)
		x86_unary_m(BUF, op, size, jit_slot_mem(c, t));
	else
		x86_unary_r(BUF, op, size, jit_use(c, t, X86_RCX));
}

static void put_result(JitCompiler *c, IrTemp d, X86Reg from, unsigned size)
{
	X86Reg r = jit_def(c, d, from);
	if (r != from || size == 4)
		x86_mov_rr(BUF, size, r, from);
	jit_def_done(c, d, r);
}

/* i32 mulhsu: the signed x unsigned 64-bit product's bits 32..63. */
static void mulhsu32(JitCompiler *c, const IrInsn *in)
{
	x86_movsx_rr(BUF, 8, 4, X86_RAX, jit_use(c, in->src[0], X86_RAX));
	jit_load(c, X86_RCX, in->src[1]);
	x86_imul_rr(BUF, 8, X86_RAX, X86_RCX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RAX, 32);
	put_result(c, in->dst, X86_RAX, 4);
}

/* i64 mulhsu = mulhu(a, b) - (a < 0 ? b : 0). */
static void mulhsu64(JitCompiler *c, const IrInsn *in)
{
	IrTemp b = in->src[1];
	if (jit_is_const(c, b)) {
		jit_load(c, X86_RCX, b);
		b = IR_NONE;
	}
	jit_load(c, X86_RAX, in->src[0]);
	if (b == IR_NONE)
		x86_unary_r(BUF, X86_MUL, 8, X86_RCX);
	else
		unary_temp(c, X86_MUL, 8, b);
	jit_load(c, X86_RAX, in->src[0]);
	x86_shift_ri(BUF, X86_SAR, 8, X86_RAX, 63);
	if (b == IR_NONE)
		x86_alu_rr(BUF, X86_AND, 8, X86_RAX, X86_RCX);
	else
		jit_alu_temp(c, X86_AND, 8, X86_RAX, b);
	x86_alu_rr(BUF, X86_SUB, 8, X86_RDX, X86_RAX);
	put_result(c, in->dst, X86_RDX, 8);
}

static void isel_mulh(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	if (in->op == IR_MULHSU) {
		if (size == 4)
			mulhsu32(c, in);
		else
			mulhsu64(c, in);
		return;
	}
	jit_load(c, X86_RAX, in->src[0]);
	unary_temp(c, in->op == IR_MULHS ? X86_IMUL1 : X86_MUL, size, in->src[1]);
	put_result(c, in->dst, X86_RDX, size);
}

/* Division by a constant: no zero check, and -1 needs none of the hardware's help. */
static bool div_by_const(JitCompiler *c, const IrInsn *in, unsigned size, bool sign, bool rem)
{
	if (!jit_is_const(c, in->src[1]))
		return false;
	uint64_t v = jit_const(c, in->src[1]), ones = size == 4 ? 0xffffffffull : ~0ull;
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	if (v == 0 || (sign && v == ones)) {
		jit_load(c, r, in->src[0]);
		if (v == 0 && !rem)
			x86_mov_ri(BUF, r, 0);
		else if (v != 0 && rem)
			x86_mov_ri(BUF, r, 0);
		else if (v != 0)
			x86_unary_r(BUF, X86_NEG, size, r);
		jit_def_done(c, in->dst, r);
		return true;
	}
	jit_load(c, X86_RCX, in->src[1]);
	jit_load(c, X86_RAX, in->src[0]);
	if (sign)
		x86_cqo(BUF, size);
	else
		x86_alu_rr(BUF, X86_XOR, 4, X86_RDX, X86_RDX);
	x86_unary_r(BUF, sign ? X86_IDIV : X86_DIV, size, X86_RCX);
	put_result(c, in->dst, rem ? X86_RDX : X86_RAX, size);
	return true;
}

/* Compares t with an immediate (t in a register or a spill slot). */
static void cmp_temp_imm(JitCompiler *c, unsigned size, IrTemp t, int32_t imm)
{
	if (c->ra.loc[t].kind == LOC_STACK)
		x86_alu_mi(BUF, X86_CMP, size, jit_slot_mem(c, t), imm);
	else
		x86_alu_ri(BUF, X86_CMP, size, (X86Reg)c->ra.loc[t].reg, imm);
}

static void isel_div(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	bool sign = in->op == IR_DIVS || in->op == IR_REMS;
	bool rem = in->op == IR_REMS || in->op == IR_REMU;
	if (div_by_const(c, in, size, sign, rem))
		return;
	IrTemp b = in->src[1];
	jit_load(c, X86_RAX, in->src[0]);
	cmp_temp_imm(c, size, b, 0);
	size_t to_zero = x86_jcc_rel32(BUF, X86_CC_E, NULL), to_minus1 = 0;
	if (sign) {
		cmp_temp_imm(c, size, b, -1);
		to_minus1 = x86_jcc_rel32(BUF, X86_CC_E, NULL);
		x86_cqo(BUF, size);
	} else {
		x86_alu_rr(BUF, X86_XOR, 4, X86_RDX, X86_RDX);
	}
	unary_temp(c, sign ? X86_IDIV : X86_DIV, size, b);
	size_t to_done = x86_jmp_rel32(BUF, NULL), to_done2 = 0;
	if (sign) {
		jit_patch_here(c, to_minus1);
		if (rem)
			x86_alu_rr(BUF, X86_XOR, 4, X86_RDX, X86_RDX);
		else
			x86_unary_r(BUF, X86_NEG, size, X86_RAX);
		to_done2 = x86_jmp_rel32(BUF, NULL);
	}
	jit_patch_here(c, to_zero);
	if (rem)
		x86_mov_rr(BUF, 8, X86_RDX, X86_RAX);
	else
		x86_alu_rr(BUF, X86_XOR, 4, X86_RAX, X86_RAX);
	jit_patch_here(c, to_done);
	if (sign)
		jit_patch_here(c, to_done2);
	put_result(c, in->dst, rem ? X86_RDX : X86_RAX, size);
}

static const X86Shift shift_of[IR_OP_COUNT] = {
    [IR_SHL] = X86_SHL,  [IR_SHR] = X86_SHR,  [IR_SAR] = X86_SAR,
    [IR_ROTL] = X86_ROL, [IR_ROTR] = X86_ROR,
};

static void isel_shift(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	if (jit_is_const(c, in->src[1])) {
		unsigned n = (unsigned)jit_const(c, in->src[1]) & (size * 8 - 1);
		jit_load(c, r, in->src[0]);
		if (n)
			x86_shift_ri(BUF, shift_of[in->op], size, r, n);
	} else {
		jit_load(c, X86_RCX, in->src[1]);
		jit_load(c, r, in->src[0]);
		x86_shift_rcl(BUF, shift_of[in->op], size, r);
	}
	jit_def_done(c, in->dst, r);
}

static void isel_unary(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	jit_load(c, r, in->src[0]);
	if (in->op == IR_BSWAP)
		x86_bswap(BUF, size, r);
	else
		x86_unary_r(BUF, in->op == IR_NEG ? X86_NEG : X86_NOT, size, r);
	jit_def_done(c, in->dst, r);
}

/* Population count without the popcnt instruction: the classic SWAR reduction. */
static void popcount_swar(JitCompiler *c, IrTemp a)
{
	static const uint64_t masks[3] = {0x5555555555555555ull, 0x3333333333333333ull,
	                                  0x0f0f0f0f0f0f0f0full};
	jit_load(c, X86_RAX, a);
	x86_mov_rr(BUF, 8, X86_RCX, X86_RAX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RCX, 1);
	x86_mov_ri(BUF, X86_RDX, masks[0]);
	x86_alu_rr(BUF, X86_AND, 8, X86_RCX, X86_RDX);
	x86_alu_rr(BUF, X86_SUB, 8, X86_RAX, X86_RCX);
	x86_mov_rr(BUF, 8, X86_RCX, X86_RAX);
	x86_mov_ri(BUF, X86_RDX, masks[1]);
	x86_alu_rr(BUF, X86_AND, 8, X86_RAX, X86_RDX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RCX, 2);
	x86_alu_rr(BUF, X86_AND, 8, X86_RCX, X86_RDX);
	x86_alu_rr(BUF, X86_ADD, 8, X86_RAX, X86_RCX);
	x86_mov_rr(BUF, 8, X86_RCX, X86_RAX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RCX, 4);
	x86_alu_rr(BUF, X86_ADD, 8, X86_RAX, X86_RCX);
	x86_mov_ri(BUF, X86_RDX, masks[2]);
	x86_alu_rr(BUF, X86_AND, 8, X86_RAX, X86_RDX);
	x86_mov_ri(BUF, X86_RDX, 0x0101010101010101ull);
	x86_imul_rr(BUF, 8, X86_RAX, X86_RDX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RAX, 56);
}

/* CLZ/CTZ of 0 is the width; bsr/bsf leave ZF set for 0 and then a cmov fixes it. */
static void isel_bitcount(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type), w = size * 8;
	if (in->op == IR_POPCNT && !x86_host.popcnt) {
		popcount_swar(c, in->src[0]);
		put_result(c, in->dst, X86_RAX, 8);
		return;
	}
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	X86Reg a = jit_use(c, in->src[0], X86_RCX);
	if (in->op == IR_POPCNT) {
		x86_popcnt(BUF, 8, r, a);
	} else if (in->op == IR_CLZ && x86_host.lzcnt) {
		x86_lzcnt(BUF, size, r, a);
	} else if (in->op == IR_CTZ && x86_host.bmi1) {
		x86_tzcnt(BUF, size, r, a);
	} else if (in->op == IR_CLZ) {
		x86_bsr(BUF, size, r, a);
		x86_mov_ri(BUF, X86_RDX, size == 4 ? 0xffffffffu : ~0ull);
		x86_cmov_rr(BUF, X86_CC_E, size, r, X86_RDX);
		x86_unary_r(BUF, X86_NEG, size, r);
		x86_alu_ri(BUF, X86_ADD, size, r, (int32_t)w - 1);
	} else {
		x86_bsf(BUF, size, r, a);
		x86_mov_ri(BUF, X86_RDX, w);
		x86_cmov_rr(BUF, X86_CC_E, size, r, X86_RDX);
	}
	jit_def_done(c, in->dst, r);
}

/* Sets the flags for `a cond b` and returns the x86 condition that holds. */
static X86Cond compare(JitCompiler *c, const IrInsn *cmp)
{
	unsigned size = jit_size((IrType)cmp->type);
	bool straight = jit_cmp_temps(c, size, cmp->src[0], cmp->src[1]);
	return straight ? jit_cond((IrCond)cmp->aux) : jit_cond_swapped((IrCond)cmp->aux);
}

/* The next insn consumes this compare's result and nothing else does. */
static const IrInsn *sole_consumer(JitCompiler *c, const IrInsn *in, uint32_t i, IrOp op)
{
	if (i + 1 >= c->ir->n_insns || c->ra.uses[in->dst] != 1)
		return NULL;
	const IrInsn *next = &c->ir->insns[i + 1];
	return next->op == op && next->src[0] == in->dst ? next : NULL;
}

/* Moves (including constant loads) leave the flags alone, so the select's operands
 * are loaded after the compare. */
static void select_on_flags(JitCompiler *c, const IrInsn *sel, X86Cond cc)
{
	unsigned size = jit_size((IrType)sel->type);
	X86Reg r = jit_def(c, sel->dst, X86_RAX);
	IrTemp x = sel->src[1];
	jit_load(c, r, sel->src[2]);
	if (c->ra.loc[x].kind == LOC_STACK)
		x86_cmov_rm(BUF, cc, size, r, jit_slot_mem(c, x));
	else
		x86_cmov_rr(BUF, cc, size, r, jit_use(c, x, X86_RCX));
	jit_def_done(c, sel->dst, r);
}

static void isel_cmp(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	const IrInsn *next;
	if ((next = sole_consumer(c, in, i, IR_BR))) {
		X86Cond cc = compare(c, in);
		jit_fixup(c, x86_jcc_rel32(BUF, cc, NULL), (uint32_t)next->imm);
		c->skip_next = i + 1;
		return;
	}
	if ((next = sole_consumer(c, in, i, IR_SELECT)) && next->src[1] != in->dst &&
	    next->src[2] != in->dst) {
		select_on_flags(c, next, compare(c, in));
		c->skip_next = i + 1;
		return;
	}
	X86Cond cc = compare(c, in);
	x86_setcc(BUF, cc, X86_RAX);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	x86_movzx_rr(BUF, 4, 1, r, X86_RAX);
	jit_def_done(c, in->dst, r);
}

void jit_test_temp(JitCompiler *c, IrTemp t)
{
	unsigned size = jit_size(ir_temp_type(c->ir, t));
	if (c->ra.loc[t].kind == LOC_STACK) {
		x86_alu_mi(BUF, X86_CMP, size, jit_slot_mem(c, t), 0);
	} else {
		X86Reg r = jit_use(c, t, X86_RAX);
		x86_test_rr(BUF, size, r, r);
	}
}

static void isel_select(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	if (jit_is_const(c, in->src[0])) {
		X86Reg r = jit_def(c, in->dst, X86_RAX);
		jit_load(c, r, jit_const(c, in->src[0]) ? in->src[1] : in->src[2]);
		jit_def_done(c, in->dst, r);
		return;
	}
	jit_test_temp(c, in->src[0]);
	select_on_flags(c, in, X86_CC_NE);
}

static void extend_8_16_32(JitCompiler *c, bool sign, unsigned dsize, unsigned bits, X86Reg r,
                           IrTemp a)
{
	unsigned ssize = bits / 8;
	if (c->ra.loc[a].kind == LOC_STACK) {
		if (sign)
			x86_movsx_rm(BUF, dsize, ssize, r, jit_slot_mem(c, a));
		else
			x86_movzx_rm(BUF, dsize, ssize, r, jit_slot_mem(c, a));
	} else {
		X86Reg s = jit_use(c, a, X86_RCX);
		if (sign)
			x86_movsx_rr(BUF, dsize, ssize, r, s);
		else
			x86_movzx_rr(BUF, dsize, ssize, r, s);
	}
}

static void isel_ext(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type), w = size * 8, bits = in->aux;
	bool sign = in->op == IR_EXTS;
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	if (bits == 8 || bits == 16 || (bits == 32 && (size == 8 || !sign))) {
		extend_8_16_32(c, sign, sign ? size : 4, bits, r, in->src[0]);
	} else if (bits >= w) {
		jit_load(c, r, in->src[0]);
		if (size == 4)
			x86_mov_rr(BUF, 4, r, r);
	} else if (!sign && bits < 32) {
		jit_load(c, r, in->src[0]);
		x86_alu_ri(BUF, X86_AND, 4, r, (int32_t)((1u << bits) - 1));
	} else {
		jit_load(c, r, in->src[0]);
		x86_shift_ri(BUF, X86_SHL, size, r, w - bits);
		x86_shift_ri(BUF, sign ? X86_SAR : X86_SHR, size, r, w - bits);
	}
	jit_def_done(c, in->dst, r);
}

const JitIselFn jit_isel_int[IR_OP_COUNT] = {
    [IR_NOP] = isel_nop,      [IR_CONST] = isel_nop,     [IR_MOV] = isel_mov,
    [IR_ADD] = isel_alu,      [IR_SUB] = isel_alu,       [IR_AND] = isel_alu,
    [IR_OR] = isel_alu,       [IR_XOR] = isel_alu,       [IR_MUL] = isel_mul,
    [IR_MULHS] = isel_mulh,   [IR_MULHU] = isel_mulh,    [IR_MULHSU] = isel_mulh,
    [IR_DIVS] = isel_div,     [IR_DIVU] = isel_div,      [IR_REMS] = isel_div,
    [IR_REMU] = isel_div,     [IR_SHL] = isel_shift,     [IR_SHR] = isel_shift,
    [IR_SAR] = isel_shift,    [IR_ROTL] = isel_shift,    [IR_ROTR] = isel_shift,
    [IR_NEG] = isel_unary,    [IR_NOT] = isel_unary,     [IR_BSWAP] = isel_unary,
    [IR_CLZ] = isel_bitcount, [IR_CTZ] = isel_bitcount,  [IR_POPCNT] = isel_bitcount,
    [IR_CMP] = isel_cmp,      [IR_SELECT] = isel_select, [IR_EXTS] = isel_ext,
    [IR_EXTU] = isel_ext,
};
