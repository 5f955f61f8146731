/*
 * The block compiler's driver and the operand helpers every instruction selector uses.
 * jit_compile allocates registers, then walks the IR once: each op is emitted by the
 * selector its table (isel_int.c, isel_mem.c, isel_ctrl.c, isel_fp.c, isel_vec.c for
 * v128 types and vector-only ops) names, straight
 * into the code cache; rarely taken exits go to cold stubs after the block's code. The
 * host code offset of every INSN_START is recorded so a host fault maps back to the
 * guest instruction. In system mode (JIT_SOFTMMU) the driver also notes which temp each
 * register holds, so that a memory access's slow path knows what to preserve.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "jit/x86_64/internal.h"

bool jit_is_const(const JitCompiler *c, IrTemp t)
{
	return c->ra.loc[t].kind == LOC_CONST;
}

uint64_t jit_const(const JitCompiler *c, IrTemp t)
{
	return c->ra.cval[t];
}

X86Mem jit_slot_mem(const JitCompiler *c, IrTemp t)
{
	return x86_mem(X86_RSP, 8 * c->ra.loc[t].slot);
}

bool jit_imm(const JitCompiler *c, IrTemp t, unsigned size, int32_t *imm)
{
	if (!jit_is_const(c, t))
		return false;
	uint64_t v = jit_const(c, t);
	if (size <= 4) {
		*imm = (int32_t)(uint32_t)v;
		return true;
	}
	if (!x86_fits_i32((int64_t)v))
		return false;
	*imm = (int32_t)v;
	return true;
}

X86Reg jit_use(JitCompiler *c, IrTemp t, X86Reg scratch)
{
	const TempLoc *l = &c->ra.loc[t];
	if (l->kind == LOC_REG)
		return (X86Reg)l->reg;
	jit_load(c, scratch, t);
	return scratch;
}

void jit_load(JitCompiler *c, X86Reg r, IrTemp t)
{
	const TempLoc *l = &c->ra.loc[t];
	switch (l->kind) {
	case LOC_REG:
		if (l->reg != r)
			x86_mov_rr(&c->buf, 8, r, (X86Reg)l->reg);
		break;
	case LOC_STACK: x86_mov_rm(&c->buf, 8, r, jit_slot_mem(c, t)); break;
	case LOC_CONST: x86_mov_ri(&c->buf, r, jit_const(c, t)); break;
	default:
		x86_mov_ri(&c->buf, r, 0); /* defined only in unreachable code */
		break;
	}
}

X86Reg jit_def(JitCompiler *c, IrTemp d, X86Reg scratch)
{
	const TempLoc *l = &c->ra.loc[d];
	return l->kind == LOC_REG ? (X86Reg)l->reg : scratch;
}

void jit_def_done(JitCompiler *c, IrTemp d, X86Reg r)
{
	if (c->ra.loc[d].kind == LOC_STACK)
		x86_mov_mr(&c->buf, 8, jit_slot_mem(c, d), r);
}

/* Clobbers rcx when t is a constant too wide for an imm32. */
void jit_alu_temp(JitCompiler *c, X86Alu op, unsigned size, X86Reg r, IrTemp t)
{
	int32_t imm;
	const TempLoc *l = &c->ra.loc[t];
	if (jit_imm(c, t, size, &imm))
		x86_alu_ri(&c->buf, op, size, r, imm);
	else if (l->kind == LOC_REG)
		x86_alu_rr(&c->buf, op, size, r, (X86Reg)l->reg);
	else if (l->kind == LOC_STACK)
		x86_alu_rm(&c->buf, op, size, r, jit_slot_mem(c, t));
	else
		x86_alu_rr(&c->buf, op, size, r, jit_use(c, t, X86_RCX));
}

bool jit_cmp_temps(JitCompiler *c, unsigned size, IrTemp a, IrTemp b)
{
	bool straight = true;
	if (jit_is_const(c, a) && !jit_is_const(c, b)) {
		IrTemp t = a;
		a = b;
		b = t;
		straight = false;
	}
	const TempLoc *la = &c->ra.loc[a], *lb = &c->ra.loc[b];
	int32_t imm;
	if (la->kind == LOC_STACK && jit_imm(c, b, size, &imm)) {
		x86_alu_mi(&c->buf, X86_CMP, size, jit_slot_mem(c, a), imm);
	} else if (la->kind == LOC_STACK && lb->kind == LOC_REG) {
		x86_alu_mr(&c->buf, X86_CMP, size, jit_slot_mem(c, a), (X86Reg)lb->reg);
	} else {
		X86Reg ra = jit_use(c, a, X86_RAX);
		jit_alu_temp(c, X86_CMP, size, ra, b);
	}
	return straight;
}

void jit_patch_here(JitCompiler *c, size_t at)
{
	if (!c->buf.error)
		x86_patch_rel32(c->buf.start + at, c->buf.p);
}

static const X86Cond cond_map[IR_COND_COUNT] = {
    [IR_EQ] = X86_CC_E,   [IR_NE] = X86_CC_NE, [IR_LTS] = X86_CC_L, [IR_GES] = X86_CC_GE,
    [IR_LES] = X86_CC_LE, [IR_GTS] = X86_CC_G, [IR_LTU] = X86_CC_B, [IR_GEU] = X86_CC_AE,
    [IR_LEU] = X86_CC_BE, [IR_GTU] = X86_CC_A,
};

static const X86Cond cond_swapped[IR_COND_COUNT] = {
    [IR_EQ] = X86_CC_E,   [IR_NE] = X86_CC_NE, [IR_LTS] = X86_CC_G, [IR_GES] = X86_CC_LE,
    [IR_LES] = X86_CC_GE, [IR_GTS] = X86_CC_L, [IR_LTU] = X86_CC_A, [IR_GEU] = X86_CC_BE,
    [IR_LEU] = X86_CC_AE, [IR_GTU] = X86_CC_B,
};

X86Cond jit_cond(IrCond cond)
{
	return cond_map[cond];
}
X86Cond jit_cond_swapped(IrCond cond)
{
	return cond_swapped[cond];
}

/* Ops whose selector reads its first source before writing the destination register
 * and reads no other source after that write. */
static const bool reuses_src0[IR_OP_COUNT] = {
    [IR_MOV] = true,  [IR_ADD] = true,  [IR_SUB] = true, [IR_MUL] = true, [IR_AND] = true,
    [IR_OR] = true,   [IR_XOR] = true,  [IR_SHL] = true, [IR_SHR] = true, [IR_SAR] = true,
    [IR_ROTL] = true, [IR_ROTR] = true, [IR_NEG] = true, [IR_NOT] = true, [IR_BSWAP] = true,
    [IR_EXTS] = true, [IR_EXTU] = true, [IR_BITCAST] = true,
    [IR_VMIN] = true, [IR_VMAX] = true, [IR_VSHLI] = true, [IR_VSHRI] = true,
    [IR_VSARI] = true, [IR_VTBL] = true, [IR_VPERM] = true, [IR_VREV] = true,
    [IR_VNARROW] = true, [IR_VSETLANE] = true, [IR_VWIDEN] = true,
};

bool jit_isel_reuses_src0(IrOp op)
{
	return reuses_src0[op];
}

static JitIselFn selector(IrOp op, IrType type)
{
	if (type == IR_V128 || op == IR_VGETLANE)
		return jit_isel_vec[op];
	if (jit_isel_int[op])
		return jit_isel_int[op];
	if (jit_isel_mem[op])
		return jit_isel_mem[op];
	if (jit_isel_ctrl[op])
		return jit_isel_ctrl[op];
	return jit_isel_fp[op];
}

static JitBlock *new_block(Tb *tb)
{
	uint32_t sites = 0, pcs = 1;
	for (uint32_t i = 0; i < tb->ir.n_insns; i++) {
		sites +=
		    tb->ir.insns[i].op == IR_GOTO_BLOCK || tb->ir.insns[i].op == IR_PUSH_RETURN;
		pcs += tb->ir.insns[i].op == IR_INSN_START;
	}
	if (sites > JIT_NO_SITE)
		sites = JIT_NO_SITE;
	JitBlock *blk = calloc(1, sizeof *blk + sites * sizeof(JitSite) + pcs * sizeof(JitPcEntry));
	if (!blk)
		return NULL;
	blk->tb = tb;
	blk->pcs = (JitPcEntry *)(blk + 1);
	blk->sites = (JitSite *)(blk->pcs + pcs);
	return blk;
}

static void emit_entry_check(JitCompiler *c)
{
	x86_alu_mi(&c->buf, X86_CMP, 4, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, exit_request)), 0);
	jit_cold(c, COLD_INTERRUPT, x86_jcc_rel32(&c->buf, X86_CC_NE, NULL));
}

static void resolve_fixups(JitCompiler *c)
{
	for (uint32_t i = 0; i < c->n_fixups; i++) {
		uint32_t target = c->label_off[c->fixups[i].label];
		if (target == UINT32_MAX)
			target = c->fixups[i].at + 4; /* a branch to a label in dead code */
		x86_patch_rel32(c->buf.start + c->fixups[i].at, c->buf.start + target);
	}
}

static bool emit_body(JitCompiler *c)
{
	const IrBlock *b = c->ir;
	c->blk->pcs[c->blk->n_pcs++] = (JitPcEntry){0, c->tb->pc};
	c->cur_pc = c->tb->pc;
	if (!(c->flags & JIT_STANDALONE))
		emit_entry_check(c);
	for (uint32_t i = 0; i < b->n_insns && !c->buf.error && !c->failed; i++) {
		if (c->skip_next != i) {
			JitIselFn fn = selector((IrOp)b->insns[i].op, (IrType)b->insns[i].type);
			if (!fn)
				return false;
			fn(c, &b->insns[i], i);
		}
		if (c->softmmu)
			jit_mmu_note_def(c, &b->insns[i]);
	}
	jit_emit_colds(c);
	resolve_fixups(c);
	return true;
}

void jit_scratch_free(JitScratch *s)
{
	if (!s)
		return;
	jit_regalloc_free(&s->ra);
	free(s->label_off);
	free(s->fixups);
	free(s->colds);
	free(s);
}

/* The compiler borrows the backend's reusable arrays and gives them back (perhaps
 * grown) when the block is done. */
static void borrow_scratch(JitCompiler *c, JitScratch *s)
{
	c->ra = s->ra;
	c->label_off = s->label_off;
	c->fixups = s->fixups;
	c->cap_fixups = s->cap_fixups;
	c->colds = s->colds;
	c->cap_colds = s->cap_colds;
}

static void return_scratch(JitCompiler *c, JitScratch *s)
{
	s->ra = c->ra;
	s->label_off = c->label_off;
	s->fixups = c->fixups;
	s->cap_fixups = c->cap_fixups;
	s->colds = c->colds;
	s->cap_colds = c->cap_colds;
}

static bool reset_labels(JitCompiler *c, JitScratch *s)
{
	uint32_t n = c->ir->n_labels + 1;
	if (n > s->cap_labels) {
		uint32_t *p = realloc(c->label_off, n * sizeof *p);
		if (!p)
			return false;
		c->label_off = p;
		s->cap_labels = n;
	}
	memset(c->label_off, 0xff, n * sizeof *c->label_off);
	return true;
}

static JitStatus compile_into(JitCompiler *c)
{
	CodeCache *cc = &c->be->cache;
	if (!jit_regalloc(c->ir, !c->base_reg, &c->ra))
		return JIT_UNSUPPORTED;
	if (!reset_labels(c, c->be->scratch))
		return JIT_UNSUPPORTED;
	x86_buf_init(&c->buf, code_cache_free_start(cc), code_cache_free_size(cc));
	if (!emit_body(c) || c->failed)
		return JIT_UNSUPPORTED;
	if (c->buf.error)
		return JIT_CACHE_FULL;
	c->blk->code = c->buf.start;
	c->blk->size = (uint32_t)x86_buf_used(&c->buf);
	if (!code_cache_commit(cc, c->blk, c->blk->size))
		return JIT_CACHE_FULL;
	return JIT_OK;
}

JitBlock *jit_compile(JitBackend *be, Tb *tb, uintptr_t guest_base, unsigned flags,
                      JitStatus *status)
{
	bool softmmu = flags & JIT_SOFTMMU;
	if (!softmmu && be->guest_base_known && be->guest_base != guest_base) {
		*status = JIT_UNSUPPORTED;
		return NULL;
	}
	if (!softmmu) {
		be->guest_base = guest_base;
		be->guest_base_known = true;
	}
	JitCompiler c = {.be = be,
	                 .ir = &tb->ir,
	                 .tb = tb,
	                 .flags = flags,
	                 .base_reg = !softmmu && guest_base != 0,
	                 .softmmu = softmmu,
	                 .skip_next = UINT32_MAX,
	                 .mmu_cold = UINT32_MAX};
	borrow_scratch(&c, be->scratch);
	c.blk = new_block(tb);
	*status = c.blk ? compile_into(&c) : JIT_UNSUPPORTED;
	return_scratch(&c, be->scratch);
	if (*status != JIT_OK) {
		free(c.blk);
		return NULL;
	}
	if (log_on(LOG_OUT_ASM))
		jit_log_block(c.blk);
	jit_perf_map_note(be, c.blk);
	return c.blk;
}
