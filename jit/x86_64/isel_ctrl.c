/*
 * Instruction selection for control flow: guest instruction boundaries, labels and
 * branches inside a block, and the block exits. An exit stores the guest pc in the CPU
 * struct and jumps to the exit trampoline with the block and an exit code. A direct exit
 * (GOTO_BLOCK) starts with a jmp whose 4-byte-aligned rel32 first points at that exit
 * sequence and is later patched to the successor's code (chaining). An indirect exit
 * (LOOKUP_JUMP) looks the target up in the running CPU's jump cache inline and jumps to
 * the cached code, leaving only on a miss.
 *
 * Return-address prediction: a call's PUSH_RETURN pushes {return pc, host address of a
 * linkable continuation} on the CPU's circular return-address stack; the continuation
 * is a direct exit of the calling block to the return pc, linked like any other. A
 * return's LOOKUP_JUMP pops the top entry and, when its pc is the target, jumps to the
 * continuation; otherwise it falls back to the jump cache. Stale entries are harmless:
 * they can only lead to a continuation of the right pc (the engine clears the stack
 * when code is flushed).
 *
 * Rarely taken paths (an exit request at block entry, a misaligned access, a NaN result
 * to make canonical, a softmmu TLB miss) and the continuations are cold code placed
 * after the block's code. In a page-bounded block (system mode) a direct exit to
 * another guest page is never linked: its mapping may change under it, so it takes the
 * inline jump-cache lookup (per CPU, emptied when the address space changes).
 */
#include <stddef.h>
#include <stdlib.h>

#include "jit/x86_64/internal.h"

#define BUF (&c->buf)

static bool grow(JitCompiler *c, void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	uint32_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(*arr, ncap * elem);
	if (!p) {
		c->failed = true;
		return false;
	}
	*arr = p;
	*cap = ncap;
	return true;
}

void jit_fixup(JitCompiler *c, size_t rel32_at, uint32_t label)
{
	if (c->buf.error ||
	    !grow(c, (void **)&c->fixups, &c->cap_fixups, c->n_fixups + 1, sizeof *c->fixups))
		return;
	c->fixups[c->n_fixups++] = (JitFixup){(uint32_t)rel32_at, label};
}

void jit_cold(JitCompiler *c, JitColdKind kind, size_t rel32_at)
{
	if (c->buf.error ||
	    !grow(c, (void **)&c->colds, &c->cap_colds, c->n_colds + 1, sizeof *c->colds))
		return;
	c->colds[c->n_colds++] = (JitCold){kind, (uint32_t)rel32_at, c->cur_pc, 0, 0};
}

void jit_cold_set_reg(JitCompiler *c, size_t rel32_at, X86Reg reg, uint64_t value)
{
	jit_cold(c, COLD_SET_REG, rel32_at);
	if (c->failed || c->buf.error)
		return;
	JitCold *k = &c->colds[c->n_colds - 1];
	k->pc = value;
	k->reg = (uint8_t)reg;
	k->back = (uint32_t)x86_buf_used(&c->buf);
}

void jit_store_cpu_u64(JitCompiler *c, uint32_t offset, uint64_t value)
{
	X86Mem m = x86_mem(JIT_CPU_REG, (int32_t)offset);
	if (x86_fits_i32((int64_t)value)) {
		x86_mov_mi(BUF, 8, m, (int32_t)value);
	} else {
		x86_mov_ri(BUF, X86_RAX, value);
		x86_mov_mr(BUF, 8, m, X86_RAX);
	}
}

void jit_emit_exit(JitCompiler *c, uint64_t pc, uint32_t code)
{
	jit_store_cpu_u64(c, offsetof(CpuCommon, pc), pc);
	x86_mov_ri(BUF, X86_RAX, (uint64_t)(uintptr_t)c->blk);
	x86_mov_ri(BUF, X86_RDX, code);
	x86_jmp_rel32(BUF, c->be->tramp.exit);
}

static void inline_lookup(JitCompiler *c);

/* JIT_PAGE_BOUNDED: an exit to pc may not be linked (another guest page). */
static bool crosses_page(const JitCompiler *c, uint64_t pc)
{
	return (c->flags & JIT_PAGE_BOUNDED) && (pc ^ c->tb->pc) >> JIT_GUEST_PAGE_BITS;
}

/* A direct exit whose rel32 can be linked to a successor; returns nothing useful when
 * the block has no site left (then it is a plain exit). An exit to another page of a
 * page-bounded block looks its target up in the jump cache instead, every time. */
static void linkable_exit(JitCompiler *c, uint64_t pc, unsigned slot)
{
	JitBlock *blk = c->blk;
	unsigned site = JIT_NO_SITE;
	if (!(c->flags & JIT_STANDALONE) && crosses_page(c, pc)) {
		x86_mov_ri(BUF, X86_RAX, pc);
		inline_lookup(c);
		return;
	}
	if (!(c->flags & JIT_STANDALONE) && blk->n_sites < JIT_NO_SITE) {
		site = blk->n_sites++;
		x86_align(BUF, 4, 1); /* the rel32 after the E9 opcode is patched atomically */
		size_t at = x86_jmp_rel32(BUF, NULL);
		blk->sites[site] = (JitSite){c->buf.start + at, c->buf.p};
	}
	jit_emit_exit(c, pc, JIT_CODE(TB_GOTO, site, slot, 0));
}

void jit_emit_colds(JitCompiler *c)
{
	for (uint32_t i = 0; i < c->n_colds; i++) {
		const JitCold *k = &c->colds[i];
		if (k->kind == COLD_RETURN_SITE) {
			x86_align(BUF, 4, 1);
			jit_patch_here(c, k->at);
			linkable_exit(c, k->pc, 2);
			continue;
		}
		jit_patch_here(c, k->at);
		if (k->kind == COLD_SET_REG) {
			x86_mov_ri(BUF, (X86Reg)k->reg, k->pc);
			x86_jmp_rel32(BUF, c->buf.start + k->back);
		} else if (k->kind == COLD_MMU) {
			jit_mmu_emit_slow(c, k);
		} else if (k->kind == COLD_INTERRUPT) {
			jit_emit_exit(c, c->tb->pc,
			              JIT_CODE(TB_EXIT, JIT_NO_SITE, 0, CPU_EXIT_INTERRUPT));
		} else {
			x86_mov_mr(BUF, 8, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, fault_addr)),
			           X86_RCX);
			jit_emit_exit(c, k->pc,
			              JIT_CODE(TB_EXIT, JIT_NO_SITE, 0, CPU_EXIT_MISALIGNED));
		}
	}
}

static void isel_insn_start(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	c->cur_pc = in->imm;
	JitBlock *blk = c->blk;
	JitPcEntry *last = &blk->pcs[blk->n_pcs - 1];
	uint32_t off = (uint32_t)x86_buf_used(BUF);
	if (last->offset == off)
		last->pc = in->imm; /* no code for the previous instruction */
	else
		blk->pcs[blk->n_pcs++] = (JitPcEntry){off, in->imm};
}

static void isel_label(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	c->label_off[in->imm] = (uint32_t)x86_buf_used(BUF);
}

static void isel_br(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	if (jit_is_const(c, in->src[0])) {
		if (jit_const(c, in->src[0]))
			jit_fixup(c, x86_jmp_rel32(BUF, NULL), (uint32_t)in->imm);
		return;
	}
	jit_test_temp(c, in->src[0]);
	jit_fixup(c, x86_jcc_rel32(BUF, X86_CC_NE, NULL), (uint32_t)in->imm);
}

static void isel_jmp(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	jit_fixup(c, x86_jmp_rel32(BUF, NULL), (uint32_t)in->imm);
}

static void isel_goto_block(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	linkable_exit(c, in->imm, in->aux);
}

static X86Mem ras_top(void)
{
	return x86_mem(JIT_CPU_REG, offsetof(CpuCommon, ras_top));
}

/* The entry at index rax (already scaled by 16), field at byte `field`. */
static X86Mem ras_entry(X86Reg scaled, int32_t field)
{
	return x86_mem_idx(JIT_CPU_REG, scaled, 0, (int32_t)offsetof(CpuCommon, ras) + field);
}

static void isel_push_return(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	if (c->flags & JIT_STANDALONE)
		return;
	x86_mov_rm(BUF, 4, X86_RAX, ras_top());
	x86_alu_ri(BUF, X86_ADD, 4, X86_RAX, 1);
	x86_alu_ri(BUF, X86_AND, 4, X86_RAX, CPU_RAS_SIZE - 1);
	x86_mov_mr(BUF, 4, ras_top(), X86_RAX);
	x86_shift_ri(BUF, X86_SHL, 4, X86_RAX, 4);
	if (x86_fits_i32((int64_t)in->imm)) {
		x86_mov_mi(BUF, 8, ras_entry(X86_RAX, 0), (int32_t)in->imm);
	} else {
		x86_mov_ri(BUF, X86_RCX, in->imm);
		x86_mov_mr(BUF, 8, ras_entry(X86_RAX, 0), X86_RCX);
	}
	x86_lea(BUF, 8, X86_RCX, x86_mem_rip(c->buf.p));
	jit_cold(c, COLD_RETURN_SITE, x86_buf_used(BUF) - 4);
	if (c->n_colds && c->colds[c->n_colds - 1].kind == COLD_RETURN_SITE)
		c->colds[c->n_colds - 1].pc = in->imm;
	x86_mov_mr(BUF, 8, ras_entry(X86_RAX, 8), X86_RCX);
}

/* rax = target pc: pop the return-address stack and jump to the continuation when the
 * prediction holds; fall through otherwise. */
static void predict_return(JitCompiler *c)
{
	x86_mov_rm(BUF, 4, X86_RCX, ras_top());
	x86_lea(BUF, 4, X86_RDX, x86_mem(X86_RCX, -1));
	x86_alu_ri(BUF, X86_AND, 4, X86_RDX, CPU_RAS_SIZE - 1);
	x86_mov_mr(BUF, 4, ras_top(), X86_RDX);
	x86_shift_ri(BUF, X86_SHL, 4, X86_RCX, 4);
	x86_alu_rm(BUF, X86_CMP, 8, X86_RAX, ras_entry(X86_RCX, 0));
	size_t miss = x86_jcc_rel32(BUF, X86_CC_NE, NULL);
	x86_jmp_m(BUF, ras_entry(X86_RCX, 8));
	jit_patch_here(c, miss);
}

/* rax = target pc. Jump-cache entry (pc >> 1) & mask is 16 bytes at
 * jump_cache + ((pc << 3) & (mask << 4)); the cache is the running CPU's own, found
 * through its CpuCommon, so threads never share entries. */
static void inline_lookup(JitCompiler *c)
{
	JitBackend *be = c->be;
	uint32_t mask = (1u << be->jump_cache_bits) - 1;
	x86_mov_rr(BUF, 8, X86_RCX, X86_RAX);
	x86_shift_ri(BUF, X86_SHL, 8, X86_RCX, 3);
	x86_alu_ri(BUF, X86_AND, 4, X86_RCX, (int32_t)(mask << 4));
	x86_mov_rm(BUF, 8, X86_RDX, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, jump_cache)));
	x86_alu_rm(BUF, X86_CMP, 8, X86_RAX, x86_mem_idx(X86_RDX, X86_RCX, 0, 0));
	x86_jcc_rel32(BUF, X86_CC_NE, be->tramp.miss);
	x86_jmp_m(BUF, x86_mem_idx(X86_RDX, X86_RCX, 0, offsetof(JitJumpEntry, code)));
}

static void isel_lookup_jump(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	jit_load(c, X86_RAX, in->src[0]);
	if (c->flags & JIT_STANDALONE) {
		x86_mov_mr(BUF, 8, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, pc)), X86_RAX);
		x86_mov_ri(BUF, X86_RAX, (uint64_t)(uintptr_t)c->blk);
		x86_mov_ri(BUF, X86_RDX, JIT_CODE(TB_LOOKUP, JIT_NO_SITE, 0, 0));
		x86_jmp_rel32(BUF, c->be->tramp.exit);
		return;
	}
	if (in->aux == IR_JUMP_RETURN)
		predict_return(c);
	inline_lookup(c);
}

static void isel_exit(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	jit_emit_exit(c, in->imm, JIT_CODE(TB_EXIT, JIT_NO_SITE, 0, in->aux));
}

const JitIselFn jit_isel_ctrl[IR_OP_COUNT] = {
    [IR_INSN_START] = isel_insn_start,
    [IR_LABEL] = isel_label,
    [IR_BR] = isel_br,
    [IR_JMP] = isel_jmp,
    [IR_GOTO_BLOCK] = isel_goto_block,
    [IR_LOOKUP_JUMP] = isel_lookup_jump,
    [IR_EXIT] = isel_exit,
    [IR_PUSH_RETURN] = isel_push_return,
};
