/*
 * Translators for the A extension: LR/SC and the AMOs, each a call to a C helper that
 * performs the access with a host atomic on guest memory (guest_ptr: guest_base +
 * address in user mode, the softmmu's host page in system mode, where a page that does
 * not allow the access raises the guest's fault from inside the helper), so guest
 * threads running on host threads see real atomicity. AMOs and SC need write access
 * (which implies read on RISC-V), LR read access. Every helper
 * is sequentially consistent, which satisfies any aq/rl combination. The alignment the
 * ISA demands is checked in the IR first: a misaligned address leaves the block with
 * CPU_EXIT_MISALIGNED (fault_addr set) before memory is touched.
 *
 * LR records a reservation (address, size and the value read) in RiscvCpu; SC succeeds
 * only when its address and size match the reservation and memory still holds that
 * value, which it checks and replaces in one compare-and-swap; either way the
 * reservation is gone afterwards. The reservation fields are touched only by these
 * helpers, never by IR GET/PUT, so the helpers carry only IRH_MEM.
 */
#include <stddef.h>

#include "common/softmmu.h"
#include "frontends/riscv64/translate.h"

#define RV_HELPER_ARGS void *cpu, uint64_t addr, uint64_t val, uint64_t a2, uint64_t a3

/* The value an AMO/LR of type T returns in rd: .w results are sign-extended. */
#define RV_RET32(v) ((uint64_t)(int64_t)(int32_t)(v))
#define RV_RET64(v) ((uint64_t)(v))

/* AMOs with a direct host builtin: swap, add, xor, and, or. */
#define RV_AMO_BUILTIN(name, T, RET, builtin)                                             \
	static uint64_t rv_##name(RV_HELPER_ARGS)                                         \
	{                                                                                 \
		T *p = guest_ptr(cpu, addr, sizeof(T), MMU_WRITE);                        \
		return RET(builtin(p, (T)val, __ATOMIC_SEQ_CST));                         \
	}
/* min/max: a compare-and-swap loop; C is the type the comparison is made in. */
#define RV_AMO_PICK(name, T, C, RET, want_greater)                                        \
	static uint64_t rv_##name(RV_HELPER_ARGS)                                         \
	{                                                                                 \
		T *p = guest_ptr(cpu, addr, sizeof(T), MMU_WRITE);                        \
		T old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;                         \
		do {                                                                      \
			bool greater = (C)(T)val > (C)old;                                \
			nv = greater == (want_greater) ? (T)val : old;                    \
		} while (!__atomic_compare_exchange_n(p, &old, nv, true, __ATOMIC_SEQ_CST, \
						      __ATOMIC_RELAXED));                 \
		return RET(old);                                                          \
	}

#define RV_AMO_SIZES(Y, name, ...)                                                       \
	Y(name##_w, uint32_t, RV_RET32, __VA_ARGS__) Y(name##_d, uint64_t, RV_RET64, __VA_ARGS__)

RV_AMO_SIZES(RV_AMO_BUILTIN, amoswap, __atomic_exchange_n)
RV_AMO_SIZES(RV_AMO_BUILTIN, amoadd, __atomic_fetch_add)
RV_AMO_SIZES(RV_AMO_BUILTIN, amoxor, __atomic_fetch_xor)
RV_AMO_SIZES(RV_AMO_BUILTIN, amoand, __atomic_fetch_and)
RV_AMO_SIZES(RV_AMO_BUILTIN, amoor, __atomic_fetch_or)
RV_AMO_PICK(amomin_w, uint32_t, int32_t, RV_RET32, false)
RV_AMO_PICK(amomin_d, uint64_t, int64_t, RV_RET64, false)
RV_AMO_PICK(amomax_w, uint32_t, int32_t, RV_RET32, true)
RV_AMO_PICK(amomax_d, uint64_t, int64_t, RV_RET64, true)
RV_AMO_PICK(amominu_w, uint32_t, uint32_t, RV_RET32, false)
RV_AMO_PICK(amominu_d, uint64_t, uint64_t, RV_RET64, false)
RV_AMO_PICK(amomaxu_w, uint32_t, uint32_t, RV_RET32, true)
RV_AMO_PICK(amomaxu_d, uint64_t, uint64_t, RV_RET64, true)

#define RV_LR(name, T, S, RET)                                                            \
	static uint64_t rv_##name(RV_HELPER_ARGS)                                         \
	{                                                                                 \
		RiscvCpu *c = cpu;                                                        \
		T *p = guest_ptr(cpu, addr, S, MMU_READ);                                 \
		uint64_t v = RET(__atomic_load_n(p, __ATOMIC_SEQ_CST));                   \
		c->res_addr = addr;                                                       \
		c->res_size = S;                                                          \
		c->res_value = v;                                                         \
		return v;                                                                 \
	}
#define RV_SC(name, T, S)                                                                 \
	static uint64_t rv_##name(RV_HELPER_ARGS)                                         \
	{                                                                                 \
		RiscvCpu *c = cpu;                                                        \
		bool ok = false;                                                          \
		if (c->res_addr == addr && c->res_size == S) {                            \
			T expected = (T)c->res_value;                                     \
			T *p = guest_ptr(cpu, addr, S, MMU_WRITE);                        \
			ok = __atomic_compare_exchange_n(p, &expected,                    \
							 (T)val, false, __ATOMIC_SEQ_CST,  \
							 __ATOMIC_SEQ_CST);                \
		}                                                                         \
		c->res_addr = RV_NO_RESERVATION;                                          \
		return ok ? 0 : 1;                                                        \
	}
RV_LR(lr_w, uint32_t, 4, RV_RET32)
RV_LR(lr_d, uint64_t, 8, RV_RET64)
RV_SC(sc_w, uint32_t, 4)
RV_SC(sc_d, uint64_t, 8)

/* Leaves the block with CPU_EXIT_MISALIGNED unless addr is a multiple of size. */
static void rv_check_aligned(RvCtx *ctx, IrTemp addr, unsigned size)
{
	IrBlock *b = ctx->b;
	IrTemp low = ir_op2i(b, IR_AND, IR_I64, addr, size - 1);
	IrTemp ok = ir_cmp(b, IR_I64, IR_EQ, low, ir_const(b, IR_I64, 0));
	uint32_t label = ir_new_label(b);
	ir_br(b, ok, label);
	ir_put(b, IR_I64, (uint32_t)offsetof(CpuCommon, fault_addr), addr);
	ir_exit(b, CPU_EXIT_MISALIGNED, ctx->pc);
	ir_label(b, label);
}

/* rd = helper(x[rs1], x[rs2]) after the alignment check; LR passes no value. */
static bool gen_atomic(RvCtx *ctx, const RvInsn *in, const IrHelper *h, unsigned size,
		       bool has_value)
{
	IrTemp addr = rv_gpr(ctx, in->rs1);
	IrTemp val = has_value ? rv_gpr(ctx, in->rs2) : IR_NONE;
	rv_check_aligned(ctx, addr, size);
	rv_set_gpr(ctx, in->rd, ir_call(ctx->b, h, addr, val, IR_NONE, IR_NONE));
	return true;
}

/* name, access size, whether rs2 supplies a value */
#define RV_ATOMIC_OPS(X)                                                                  \
	X(lr_w, 4, false) X(sc_w, 4, true) X(amoswap_w, 4, true) X(amoadd_w, 4, true)     \
	X(amoxor_w, 4, true) X(amoand_w, 4, true) X(amoor_w, 4, true)                     \
	X(amomin_w, 4, true) X(amomax_w, 4, true) X(amominu_w, 4, true)                   \
	X(amomaxu_w, 4, true)                                                             \
	X(lr_d, 8, false) X(sc_d, 8, true) X(amoswap_d, 8, true) X(amoadd_d, 8, true)     \
	X(amoxor_d, 8, true) X(amoand_d, 8, true) X(amoor_d, 8, true)                     \
	X(amomin_d, 8, true) X(amomax_d, 8, true) X(amominu_d, 8, true)                   \
	X(amomaxu_d, 8, true)

#define RV_DEF_ATOMIC(name, size, has_value)                                              \
	static const IrHelper rv_helper_##name = {#name, rv_##name, IRH_MEM};             \
	bool trans_##name(RvCtx *ctx, const RvInsn *in)                                   \
	{                                                                                 \
		return gen_atomic(ctx, in, &rv_helper_##name, size, has_value);           \
	}
RV_ATOMIC_OPS(RV_DEF_ATOMIC)
#undef RV_DEF_ATOMIC
