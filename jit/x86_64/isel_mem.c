/*
 * Instruction selection for guest state (GET/PUT at rbx + offset), guest memory
 * (LOAD/STORE), fences and helper calls. A guest access is one instruction on
 * [address + offset] when guest_base is 0, [r14 + address + offset] otherwise; i32
 * addresses wrap at 4 GiB first. In system mode (JIT_SOFTMMU) the operand comes from
 * the inline TLB lookup of isel_softmmu.c instead, and each access then marks where
 * its slow path rejoins. PUT stores at once, so the CPU struct holds every
 * earlier guest write whenever an access faults; the fault handler finds the guest pc
 * from the block's table of INSN_START offsets. x86 is TSO, so only a fence ordering
 * earlier stores before later loads needs an instruction (mfence).
 *
 * Helper calls follow the SysV ABI: rdi = the CPU, then rsi, rdx, rcx, r8. The register
 * allocator keeps temps that live across a call out of caller-saved registers, so the
 * call needs no saving; a helper that may fault on guest memory first gets the current
 * guest pc in cpu->insn_pc, which the fault handler uses when the fault is not in
 * generated code.
 */
#include <stddef.h>

#include "jit/x86_64/internal.h"

#define BUF (&c->buf)

static X86Mem cpu_field(uint64_t offset)
{
	return x86_mem(JIT_CPU_REG, (int32_t)offset);
}

static void isel_get(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	x86_mov_rm(BUF, jit_size((IrType)in->type), r, cpu_field(in->imm));
	jit_def_done(c, in->dst, r);
}

static void isel_put(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned size = jit_size((IrType)in->type);
	int32_t imm;
	if (jit_imm(c, in->src[0], size, &imm))
		x86_mov_mi(BUF, size, cpu_field(in->imm), imm);
	else
		x86_mov_mr(BUF, size, cpu_field(in->imm), jit_use(c, in->src[0], X86_RAX));
}

/* Host memory operand for a guest address held in register r. */
static X86Mem host_mem(JitCompiler *c, X86Reg r, int32_t disp)
{
	if (c->base_reg)
		return x86_mem_idx(JIT_BASE_REG, r, 0, disp);
	return x86_mem(r, disp);
}

void jit_guest_addr_to_rcx(JitCompiler *c, IrTemp addr, uint64_t offset)
{
	bool narrow = ir_temp_type(c->ir, addr) == IR_I32;
	int64_t off = narrow ? (int32_t)(uint32_t)offset : (int64_t)offset;
	if (jit_is_const(c, addr)) {
		uint64_t v = jit_const(c, addr) + offset;
		x86_mov_ri(BUF, X86_RCX, narrow ? (uint32_t)v : v);
	} else if (x86_fits_i32(off)) {
		x86_lea(BUF, narrow ? 4 : 8, X86_RCX,
		        x86_mem(jit_use(c, addr, X86_RCX), (int32_t)off));
	} else {
		x86_mov_ri(BUF, X86_RCX, (uint64_t)off);
		jit_alu_temp(c, X86_ADD, 8, X86_RCX, addr);
	}
}

/* The host operand for the access `in` makes; may leave the guest address in rcx. */
X86Mem jit_guest_mem(JitCompiler *c, const IrInsn *in)
{
	if (c->softmmu)
		return jit_mmu_access(c, in);
	IrTemp a = in->src[0];
	bool narrow = ir_temp_type(c->ir, a) == IR_I32;
	unsigned bytes = ir_memop_bytes(in->aux);
	bool check = (in->aux & MO_ALIGN) && bytes > 1;
	if (!narrow && !check) {
		int64_t off = (int64_t)in->imm;
		if (jit_is_const(c, a)) {
			int64_t v = (int64_t)(jit_const(c, a) + in->imm);
			if (x86_fits_i32(v))
				return c->base_reg ? x86_mem(JIT_BASE_REG, (int32_t)v)
				                   : x86_mem(X86_NOREG, (int32_t)v);
		} else if (x86_fits_i32(off)) {
			return host_mem(c, jit_use(c, a, X86_RCX), (int32_t)off);
		}
	}
	jit_guest_addr_to_rcx(c, a, in->imm);
	if (check) {
		x86_test_ri(BUF, 1, X86_RCX, (int32_t)(bytes - 1));
		jit_cold(c, COLD_MISALIGNED, x86_jcc_rel32(BUF, X86_CC_NE, NULL));
	}
	return host_mem(c, X86_RCX, 0);
}

void jit_load_value(JitCompiler *c, X86Reg r, unsigned mo, unsigned tsize, X86Mem m)
{
	bool sign = mo & MO_SIGN, be = mo & MO_BE;
	switch (mo & MO_SIZE) {
	case MO_8:
		if (sign)
			x86_movsx_rm(BUF, tsize, 1, r, m);
		else
			x86_movzx_rm(BUF, 4, 1, r, m);
		break;
	case MO_16:
		if (be) {
			x86_movzx_rm(BUF, 4, 2, r, m);
			x86_shift_ri(BUF, X86_ROL, 2, r, 8);
			if (sign)
				x86_movsx_rr(BUF, tsize, 2, r, r);
		} else if (sign) {
			x86_movsx_rm(BUF, tsize, 2, r, m);
		} else {
			x86_movzx_rm(BUF, 4, 2, r, m);
		}
		break;
	case MO_32:
		if (be) {
			x86_mov_rm(BUF, 4, r, m);
			x86_bswap(BUF, 4, r);
			if (sign && tsize == 8)
				x86_movsx_rr(BUF, 8, 4, r, r);
		} else if (sign && tsize == 8) {
			x86_movsx_rm(BUF, 8, 4, r, m);
		} else {
			x86_mov_rm(BUF, 4, r, m);
		}
		break;
	default:
		x86_mov_rm(BUF, 8, r, m);
		if (be)
			x86_bswap(BUF, 8, r);
		break;
	}
}

static void isel_load(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Mem m = jit_guest_mem(c, in);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	jit_load_value(c, r, in->aux, jit_size((IrType)in->type), m);
	if (c->softmmu)
		jit_mmu_done(c, r);
	jit_def_done(c, in->dst, r);
}

static void isel_store(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Mem m = jit_guest_mem(c, in);
	unsigned size = 1u << (in->aux & MO_SIZE);
	IrTemp v = in->src[1];
	int32_t imm;
	if (in->aux & MO_BE) {
		jit_load(c, X86_RAX, v);
		if (size == 2)
			x86_shift_ri(BUF, X86_ROL, 2, X86_RAX, 8);
		else if (size > 2)
			x86_bswap(BUF, size, X86_RAX);
		x86_mov_mr(BUF, size, m, X86_RAX);
	} else if (jit_imm(c, v, size, &imm)) {
		x86_mov_mi(BUF, size, m, imm);
	} else {
		x86_mov_mr(BUF, size, m, jit_use(c, v, X86_RAX));
	}
	if (c->softmmu)
		jit_mmu_done(c, 0);
}

static void isel_fence(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	if (in->aux & IR_FENCE_ST_LD)
		x86_mfence(BUF);
}

/* Moves the call's arguments into rsi, rdx, rcx, r8. rdx and rcx never hold temps, so
 * they are filled first; rsi and r8 may hold each other's source. */
static void call_args(JitCompiler *c, const IrInsn *in)
{
	static const X86Reg dst[4] = {X86_RSI, X86_RDX, X86_RCX, X86_R8};
	for (unsigned k = 1; k <= 2; k++) {
		if (in->src[k] == IR_NONE)
			x86_mov_ri(BUF, dst[k], 0);
		else
			jit_load(c, dst[k], in->src[k]);
	}
	IrTemp a0 = in->src[0], a3 = in->src[3];
	bool a3_in_rsi = a3 && c->ra.loc[a3].kind == LOC_REG && c->ra.loc[a3].reg == X86_RSI;
	bool a0_in_r8 = a0 && c->ra.loc[a0].kind == LOC_REG && c->ra.loc[a0].reg == X86_R8;
	if (a3_in_rsi && a0_in_r8) {
		x86_mov_rr(BUF, 8, X86_RAX, X86_RSI);
		x86_mov_rr(BUF, 8, X86_RSI, X86_R8);
		x86_mov_rr(BUF, 8, X86_R8, X86_RAX);
		return;
	}
	for (unsigned n = 0; n < 2; n++) {
		unsigned k = (n == 0) == a3_in_rsi ? 3 : 0;
		if (in->src[k] == IR_NONE)
			x86_mov_ri(BUF, dst[k], 0);
		else
			jit_load(c, dst[k], in->src[k]);
	}
}

static void isel_call(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	const IrHelper *h = (const IrHelper *)(uintptr_t)in->imm;
	if (h->flags & IRH_MEM)
		jit_store_cpu_u64(c, offsetof(CpuCommon, insn_pc), c->cur_pc);
	call_args(c, in);
	x86_mov_rr(BUF, 8, X86_RDI, JIT_CPU_REG);
	x86_mov_ri(BUF, X86_RAX, (uint64_t)(uintptr_t)h->fn);
	x86_call_r(BUF, X86_RAX);
	if (in->dst != IR_NONE && c->ra.uses[in->dst]) {
		X86Reg r = jit_def(c, in->dst, X86_RAX);
		if (r != X86_RAX)
			x86_mov_rr(BUF, 8, r, X86_RAX);
		jit_def_done(c, in->dst, r);
	}
}

const JitIselFn jit_isel_mem[IR_OP_COUNT] = {
    [IR_GET] = isel_get,     [IR_PUT] = isel_put,     [IR_LOAD] = isel_load,
    [IR_STORE] = isel_store, [IR_FENCE] = isel_fence, [IR_CALL] = isel_call,
};
