/*
 * System-mode guest memory for the x86-64 backend (JIT_SOFTMMU). Every LOAD/STORE looks
 * the guest virtual address up in the running CPU's software TLB (common/softmmu.h)
 * inline and, on a hit, accesses host memory at address + addend:
 *
 *     rcx = guest address
 *     rax = (rcx >> 7) & (255 << 5)       byte offset of the entry (32-byte entries)
 *     rax += cpu->mmu                     the entry (the TLB is SoftMmu's first member)
 *     rdx = rcx & (PAGE_MASK | (size-1))
 *     cmp rdx, [rax + tag_read/write]; jne slow
 *     rcx += [rax + addend]               the access is then on [rcx]
 *
 * Anything else (a miss, a misaligned or page-crossing access, MMIO, a fault) takes the
 * jne to a cold slow path: it stores the guest pc in cpu->insn_pc, saves the
 * caller-saved registers (general and xmm) that hold temps live across the access,
 * calls mmu->ops->load or store with the raw little-endian bytes (a 16-byte access as
 * two 8-byte calls), converts between those bytes and the IR value (MO_BE, MO_SIGN),
 * restores the registers and jumps back behind the access. It keeps MXCSR too: a
 * frontend may hold guest FP flags there while guest code runs (guest_arch.h), and the
 * machine's C code is free to raise host flags. The destination of a load
 * is never saved: it is not live yet, and the slow path leaves the value in it. A slow
 * path that finds the access illegal leaves through softmmu_raise; PUTs are stored at
 * once, so the CPU struct then holds every earlier guest write.
 */
#include <stddef.h>

#include "common/softmmu.h"
#include "jit/x86_64/internal.h"

#define BUF         (&c->buf)
#define ENTRY_SHIFT 5

_Static_assert(sizeof(SoftTlbEntry) == 1u << ENTRY_SHIFT, "TLB index scaling");
_Static_assert(offsetof(SoftMmu, tlb) == 0, "the entry is at mmu + its offset");

static const X86Reg caller_saved[] = {X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10, X86_R11};

void jit_mmu_note_def(JitCompiler *c, const IrInsn *in)
{
	if (!ir_op_info[in->op].has_dst || in->dst == IR_NONE)
		return;
	const TempLoc *l = &c->ra.loc[in->dst];
	if (l->kind != LOC_REG)
		return;
	if (ir_temp_type(c->ir, in->dst) == IR_V128)
		c->xmm_temp[l->reg] = in->dst;
	else
		c->gpr_temp[l->reg] = in->dst;
}

static bool live_after(const JitCompiler *c, IrTemp t, uint32_t i)
{
	return t != IR_NONE && c->ra.last_use[t] > i;
}

/* The registers a call at insn i would clobber while they hold a temp read later. */
static void note_live(const JitCompiler *c, JitCold *k, uint32_t i)
{
	for (size_t n = 0; n < sizeof caller_saved / sizeof caller_saved[0]; n++)
		if (live_after(c, c->gpr_temp[caller_saved[n]], i))
			k->save_gpr |= (uint16_t)(1u << caller_saved[n]);
	for (unsigned x = JIT_FIRST_VEC_REG; x < 16; x++)
		if (live_after(c, c->xmm_temp[x], i))
			k->save_xmm |= (uint16_t)(1u << x);
}

X86Mem jit_mmu_access(JitCompiler *c, const IrInsn *in)
{
	unsigned bytes = ir_memop_bytes(in->aux);
	int32_t tag = in->op == IR_LOAD ? (int32_t)offsetof(SoftTlbEntry, tag_read)
	                                : (int32_t)offsetof(SoftTlbEntry, tag_write);
	jit_guest_addr_to_rcx(c, in->src[0], in->imm);
	x86_mov_rr(BUF, 8, X86_RAX, X86_RCX);
	x86_shift_ri(BUF, X86_SHR, 8, X86_RAX, SOFTMMU_PAGE_BITS - ENTRY_SHIFT);
	x86_alu_ri(BUF, X86_AND, 4, X86_RAX, (int32_t)((SOFTMMU_TLB_SIZE - 1) << ENTRY_SHIFT));
	x86_alu_rm(BUF, X86_ADD, 8, X86_RAX, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, mmu)));
	x86_mov_rr(BUF, 8, X86_RDX, X86_RCX);
	x86_alu_ri(BUF, X86_AND, 8, X86_RDX, (int32_t)(SOFTMMU_PAGE_MASK | (bytes - 1)));
	x86_alu_rm(BUF, X86_CMP, 8, X86_RDX, x86_mem(X86_RAX, tag));
	uint32_t n = c->n_colds;
	jit_cold(c, COLD_MMU, x86_jcc_rel32(BUF, X86_CC_NE, NULL));
	c->mmu_cold = UINT32_MAX;
	if (c->n_colds == n + 1) {
		JitCold *k = &c->colds[n];
		k->insn = (uint32_t)(in - c->ir->insns);
		note_live(c, k, k->insn);
		c->mmu_cold = n;
	}
	x86_alu_rm(BUF, X86_ADD, 8, X86_RCX,
	           x86_mem(X86_RAX, (int32_t)offsetof(SoftTlbEntry, addend)));
	return x86_mem(X86_RCX, 0);
}

void jit_mmu_done(JitCompiler *c, unsigned reg)
{
	if (c->mmu_cold == UINT32_MAX)
		return;
	JitCold *k = &c->colds[c->mmu_cold];
	k->back = (uint32_t)x86_buf_used(BUF);
	k->reg = (uint8_t)reg;
	c->mmu_cold = UINT32_MAX;
}

/* The slow path's frame: the guest address, the first half of a 16-byte access, the
 * MXCSR, then the saved xmm and general registers; a multiple of 16 bytes, so the
 * calls see the aligned stack generated code runs on. */
#define FRAME_ADDR  0
#define FRAME_HALF  8
#define FRAME_MXCSR 16
#define FRAME_SAVES 32

static int32_t frame_size(const JitCold *k)
{
	unsigned n = FRAME_SAVES + 16 * (unsigned)__builtin_popcount(k->save_xmm) +
	             8 * (unsigned)__builtin_popcount(k->save_gpr);
	return (int32_t)((n + 15) & ~15u);
}

static void save_or_restore(JitCompiler *c, const JitCold *k, bool restore)
{
	int32_t at = FRAME_SAVES;
	for (unsigned x = 0; x < 16; x++) {
		if (!(k->save_xmm >> x & 1))
			continue;
		if (restore)
			x86_vec_rm(BUF, X86_MOVDQU, x, x86_mem(X86_RSP, at));
		else
			x86_movdqu_mx(BUF, x86_mem(X86_RSP, at), x);
		at += 16;
	}
	for (unsigned r = 0; r < 16; r++) {
		if (!(k->save_gpr >> r & 1))
			continue;
		if (restore)
			x86_mov_rm(BUF, 8, (X86Reg)r, x86_mem(X86_RSP, at));
		else
			x86_mov_mr(BUF, 8, x86_mem(X86_RSP, at), (X86Reg)r);
		at += 8;
	}
}

/* Calls mmu->ops->fn(cpu, rsi, rdx, rcx). */
static void call_op(JitCompiler *c, size_t fn)
{
	x86_mov_rr(BUF, 8, X86_RDI, JIT_CPU_REG);
	x86_mov_rm(BUF, 8, X86_RAX, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, mmu)));
	x86_mov_rm(BUF, 8, X86_RAX, x86_mem(X86_RAX, offsetof(SoftMmu, ops)));
	x86_mov_rm(BUF, 8, X86_RAX, x86_mem(X86_RAX, (int32_t)fn));
	x86_call_r(BUF, X86_RAX);
}

/* rsi = the guest address of the access's second half (the first is at [rsp]). */
static void second_half_address(JitCompiler *c)
{
	x86_mov_rm(BUF, 8, X86_RSI, x86_mem(X86_RSP, FRAME_ADDR));
	x86_alu_ri(BUF, X86_ADD, 8, X86_RSI, 8);
}

static void slow_load(JitCompiler *c, const JitCold *k, const IrInsn *in)
{
	unsigned mo = in->aux, bytes = ir_memop_bytes(mo);
	x86_mov_rr(BUF, 8, X86_RSI, X86_RCX);
	x86_mov_ri(BUF, X86_RDX, mo & (MO_SIZE | MO_ALIGN));
	call_op(c, offsetof(SoftMmuOps, load));
	if (bytes == 16) {
		x86_mov_mr(BUF, 8, x86_mem(X86_RSP, FRAME_HALF), X86_RAX);
		second_half_address(c);
		x86_mov_ri(BUF, X86_RDX, mo & (MO_SIZE | MO_ALIGN));
		call_op(c, offsetof(SoftMmuOps, load));
	}
	if (in->type != IR_V128) {
		/* the bytes go through the frame (the address is no longer needed) to be
		 * converted as an access to memory is */
		x86_mov_mr(BUF, 8, x86_mem(X86_RSP, FRAME_ADDR), X86_RAX);
		jit_load_value(c, (X86Reg)k->reg, mo, jit_size((IrType)in->type),
		               x86_mem(X86_RSP, FRAME_ADDR));
	} else if (bytes == 16) {
		x86_movq_xm(BUF, k->reg, x86_mem(X86_RSP, FRAME_HALF));
		x86_movq_xr(BUF, 8, 0, X86_RAX);
		x86_vec_rr(BUF, X86_PUNPCKLQDQ, k->reg, 0);
	} else {
		x86_movq_xr(BUF, 8, k->reg, X86_RAX);
	}
}

/* rdx (and rax for the second half of 16 bytes) = the bytes a store writes. */
static void store_value_bytes(JitCompiler *c, const IrInsn *in)
{
	IrTemp v = in->src[1];
	const TempLoc *l = &c->ra.loc[v];
	unsigned size = 1u << (in->aux & MO_SIZE);
	if (in->type != IR_V128) {
		jit_load(c, X86_RDX, v);
		if ((in->aux & MO_BE) && size == 2)
			x86_shift_ri(BUF, X86_ROL, 2, X86_RDX, 8);
		else if ((in->aux & MO_BE) && size > 2)
			x86_bswap(BUF, size, X86_RDX);
	} else if (l->kind == LOC_REG) {
		x86_movq_rx(BUF, 8, X86_RDX, l->reg);
		x86_vec_rri(BUF, X86_PSHUFD, 0, l->reg, 0xee);
		x86_movq_rx(BUF, 8, X86_RAX, 0);
	} else if (l->kind == LOC_STACK) {
		x86_mov_rm(BUF, 8, X86_RDX, jit_slot_mem(c, v));
		x86_mov_rm(BUF, 8, X86_RAX, x86_mem(X86_RSP, 8 * l->slot + 8));
	} else {
		uint64_t lo = l->kind == LOC_CONST ? c->ra.cval[v] : 0;
		x86_mov_ri(BUF, X86_RDX, lo);
		x86_mov_ri(BUF, X86_RAX, l->slot & IR_VCONST_SPLAT ? lo : 0);
	}
}

/* Clears the bits of rdx above the first `bytes` bytes. */
static void zero_extend_rdx(JitCompiler *c, unsigned bytes)
{
	if (bytes < 4)
		x86_movzx_rr(BUF, 4, bytes, X86_RDX, X86_RDX);
	else if (bytes == 4)
		x86_mov_rr(BUF, 4, X86_RDX, X86_RDX);
}

/* rdx = the raw little-endian bytes a store writes, zero-extended (rax = the second
 * half of a 16-byte store); before the frame, as spilled temps are rsp-relative. */
static void store_value(JitCompiler *c, const IrInsn *in)
{
	store_value_bytes(c, in);
	zero_extend_rdx(c, ir_memop_bytes(in->aux));
}

static void slow_store(JitCompiler *c, const IrInsn *in)
{
	unsigned mo = in->aux;
	x86_mov_rr(BUF, 8, X86_RSI, X86_RCX);
	x86_mov_ri(BUF, X86_RCX, mo & (MO_SIZE | MO_ALIGN));
	call_op(c, offsetof(SoftMmuOps, store));
	if (ir_memop_bytes(mo) == 16) {
		second_half_address(c);
		x86_mov_rm(BUF, 8, X86_RDX, x86_mem(X86_RSP, FRAME_HALF));
		x86_mov_ri(BUF, X86_RCX, mo & (MO_SIZE | MO_ALIGN));
		call_op(c, offsetof(SoftMmuOps, store));
	}
}

void jit_mmu_emit_slow(JitCompiler *c, const JitCold *k)
{
	const IrInsn *in = &c->ir->insns[k->insn];
	int32_t size = frame_size(k);
	jit_store_cpu_u64(c, offsetof(CpuCommon, insn_pc), k->pc);
	if (in->op == IR_STORE)
		store_value(c, in);
	x86_alu_ri(BUF, X86_SUB, 8, X86_RSP, size);
	save_or_restore(c, k, false);
	x86_stmxcsr(BUF, x86_mem(X86_RSP, FRAME_MXCSR));
	x86_mov_mr(BUF, 8, x86_mem(X86_RSP, FRAME_ADDR), X86_RCX);
	if (in->op == IR_STORE) {
		x86_mov_mr(BUF, 8, x86_mem(X86_RSP, FRAME_HALF), X86_RAX);
		slow_store(c, in);
	} else {
		slow_load(c, k, in);
	}
	x86_ldmxcsr(BUF, x86_mem(X86_RSP, FRAME_MXCSR));
	save_or_restore(c, k, true);
	x86_alu_ri(BUF, X86_ADD, 8, X86_RSP, size);
	x86_jmp_rel32(BUF, c->buf.start + k->back);
}
