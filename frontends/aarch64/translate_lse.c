/*
 * Translators for the ARMv8.1 LSE atomics: the atomic memory operations (ldadd, ldclr,
 * ldeor, ldset, ldsmax, ldsmin, ldumax, ldumin, swp; bits 23:22 give the ordering, bits
 * 31:30 the size; stadd and friends are these with Rt = zr), cas and casp. Each is a
 * helper on host __atomic builtins at guest_base + address, sequentially consistent
 * whatever the ordering asked for; Rt (or Rs for cas) gets the old value, zero-extended
 * from the access size. A misaligned address raises SIGBUS before memory is touched.
 */
#include "frontends/aarch64/translate.h"

#define A64_HELPER_ARGS void *cpu, uint64_t addr, uint64_t val, uint64_t a2, uint64_t a3

/* Operations with a direct builtin (ldclr is fetch-and of the complement). */
#define A64_AMO_BUILTIN(name, T, builtin, prep)                                                    \
	static uint64_t a64_##name(A64_HELPER_ARGS)                                                \
	{                                                                                          \
		return (T)builtin((T *)a64_host(cpu, addr), (T)(prep val), __ATOMIC_SEQ_CST);      \
	}
/* min/max: a compare-and-swap loop; S is the type the comparison is made in. */
#define A64_AMO_PICK(name, T, S, want_greater)                                                     \
	static uint64_t a64_##name(A64_HELPER_ARGS)                                                \
	{                                                                                          \
		T *p = a64_host(cpu, addr), old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;        \
		do {                                                                               \
			bool greater = (S)(T)val > (S)old;                                         \
			nv = greater == (want_greater) ? (T)val : old;                             \
		} while (!__atomic_compare_exchange_n(p, &old, nv, true, __ATOMIC_SEQ_CST,         \
		                                      __ATOMIC_RELAXED));                          \
		return old;                                                                        \
	}

#define A64_AMO_SIZES(Y, name, ...)                                                                \
	Y(name##_1, uint8_t, __VA_ARGS__)                                                          \
	Y(name##_2, uint16_t, __VA_ARGS__)                                                         \
	Y(name##_4, uint32_t, __VA_ARGS__)                                                         \
	Y(name##_8, uint64_t, __VA_ARGS__)
#define A64_PICK_SIZES(name, greater, s8, s16, s32, s64)                                           \
	A64_AMO_PICK(name##_1, uint8_t, s8, greater)                                               \
	A64_AMO_PICK(name##_2, uint16_t, s16, greater)                                             \
	A64_AMO_PICK(name##_4, uint32_t, s32, greater)                                             \
	A64_AMO_PICK(name##_8, uint64_t, s64, greater)

A64_AMO_SIZES(A64_AMO_BUILTIN, ldadd, __atomic_fetch_add, )
A64_AMO_SIZES(A64_AMO_BUILTIN, ldclr, __atomic_fetch_and, ~)
A64_AMO_SIZES(A64_AMO_BUILTIN, ldeor, __atomic_fetch_xor, )
A64_AMO_SIZES(A64_AMO_BUILTIN, ldset, __atomic_fetch_or, )
A64_AMO_SIZES(A64_AMO_BUILTIN, swp, __atomic_exchange_n, )
A64_PICK_SIZES(ldsmax, true, int8_t, int16_t, int32_t, int64_t)
A64_PICK_SIZES(ldsmin, false, int8_t, int16_t, int32_t, int64_t)
A64_PICK_SIZES(ldumax, true, uint8_t, uint16_t, uint32_t, uint64_t)
A64_PICK_SIZES(ldumin, false, uint8_t, uint16_t, uint32_t, uint64_t)

/* cas: val = expected (Rs), a2 = new (Rt); returns the old value. */
#define A64_CAS(name, T)                                                                           \
	static uint64_t a64_##name(A64_HELPER_ARGS)                                                \
	{                                                                                          \
		return __sync_val_compare_and_swap((T *)a64_host(cpu, addr), (T)val, (T)a2);       \
	}
A64_CAS(cas_1, uint8_t)
A64_CAS(cas_2, uint16_t)
A64_CAS(cas_4, uint32_t)
A64_CAS(cas_8, uint64_t)

static uint64_t a64_reg(const A64Cpu *c, uint64_t r)
{
	return r == 31 ? 0 : c->x[r];
}

/* casp of two X registers: val = Rs, a2 = Rt (both even); compares Rs:Rs+1 with the
 * 16 bytes at addr, stores Rt:Rt+1 when equal, and puts the old value in Rs:Rs+1. */
static uint64_t a64_casp_8(A64_HELPER_ARGS)
{
	A64Cpu *c = cpu;
	unsigned __int128 e = (unsigned __int128)a64_reg(c, val + 1) << 64 | a64_reg(c, val);
	unsigned __int128 n = (unsigned __int128)a64_reg(c, a2 + 1) << 64 | a64_reg(c, a2);
	unsigned __int128 old =
	    __sync_val_compare_and_swap((unsigned __int128 *)a64_host(cpu, addr), e, n);
	if (val != 31)
		c->x[val] = (uint64_t)old;
	if (val + 1 != 31)
		c->x[val + 1] = (uint64_t)(old >> 64);
	return 0;
}

#define A64_HELPER_SET(name)                                                                       \
	static const IrHelper a64_##name##_helpers[4] = {                                          \
	    {#name "b", a64_##name##_1, IRH_MEM},                                                  \
	    {#name "h", a64_##name##_2, IRH_MEM},                                                  \
	    {#name, a64_##name##_4, IRH_MEM},                                                      \
	    {#name, a64_##name##_8, IRH_MEM},                                                      \
	};
A64_HELPER_SET(ldadd)
A64_HELPER_SET(ldclr)
A64_HELPER_SET(ldeor)
A64_HELPER_SET(ldset)
A64_HELPER_SET(ldsmax)
A64_HELPER_SET(ldsmin)
A64_HELPER_SET(ldumax)
A64_HELPER_SET(ldumin)
A64_HELPER_SET(swp)
A64_HELPER_SET(cas)
static const IrHelper a64_casp_helper = {"casp", a64_casp_8,
                                         IRH_MEM | IRH_READS_STATE | IRH_WRITES_STATE};

/* Rt = helper(Rn, Rs): the atomic memory operations. */
static bool a64_amo(A64Ctx *ctx, const A64Insn *in, const IrHelper *h)
{
	IrTemp addr = a64_x_sp(ctx, in->rn);
	a64_check_aligned(ctx, addr, 1u << in->scale);
	IrTemp v = ir_call(ctx->b, &h[in->scale], addr, a64_x(ctx, in->rm), IR_NONE, IR_NONE);
	a64_set_x(ctx, in->rd, v, true);
	return true;
}

#define A64_DEF_AMO(name)                                                                          \
	A64_TRANS(name)                                                                            \
	{                                                                                          \
		return a64_amo(ctx, in, a64_##name##_helpers);                                     \
	}
A64_DEF_AMO(ldadd)
A64_DEF_AMO(ldclr)
A64_DEF_AMO(ldeor)
A64_DEF_AMO(ldset)
A64_DEF_AMO(ldsmax)
A64_DEF_AMO(ldsmin)
A64_DEF_AMO(ldumax)
A64_DEF_AMO(ldumin)
A64_DEF_AMO(swp)

/* cas: Rs = old value; the store happens when it equalled Rs. */
A64_TRANS(cas)
{
	IrTemp addr = a64_x_sp(ctx, in->rn);
	a64_check_aligned(ctx, addr, 1u << in->scale);
	IrTemp old = ir_call(ctx->b, &a64_cas_helpers[in->scale], addr, a64_x(ctx, in->rm),
	                     a64_x(ctx, in->rd), IR_NONE);
	a64_set_x(ctx, in->rm, old, true);
	return true;
}

/* casp: Rs and Rt must be even; bit 30 selects W pairs (one 8-byte CAS) or X pairs. */
A64_TRANS(casp)
{
	IrBlock *b = ctx->b;
	unsigned rs = in->rm, rt = in->rd;
	bool x = in->raw >> 30 & 1;
	if ((rs & 1) || (rt & 1))
		return false;
	IrTemp addr = a64_x_sp(ctx, in->rn);
	a64_check_aligned(ctx, addr, x ? 16 : 8);
	if (x) {
		ir_call(b, &a64_casp_helper, addr, a64_const(ctx, rs), a64_const(ctx, rt), IR_NONE);
		return true;
	}
	IrTemp e = ir_op2(b, IR_OR, IR_I64, ir_extu(b, IR_I64, a64_x(ctx, rs), 32),
	                  ir_op2i(b, IR_SHL, IR_I64, a64_x(ctx, rs + 1), 32));
	IrTemp n = ir_op2(b, IR_OR, IR_I64, ir_extu(b, IR_I64, a64_x(ctx, rt), 32),
	                  ir_op2i(b, IR_SHL, IR_I64, a64_x(ctx, rt + 1), 32));
	IrTemp old = ir_call(b, &a64_cas_helpers[3], addr, e, n, IR_NONE);
	a64_set_x(ctx, rs, ir_extu(b, IR_I64, old, 32), true);
	a64_set_x(ctx, rs + 1, ir_op2i(b, IR_SHR, IR_I64, old, 32), true);
	return true;
}
