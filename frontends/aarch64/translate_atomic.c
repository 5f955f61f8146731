/*
 * Translators for the exclusives (ldxr/stxr and their acquire/release and pair forms,
 * clrex), load-acquire/store-release (ldar, stlr, ldapr) and the ARMv8.1 LSE atomics
 * (cas, casp, ldadd, ldclr, ldeor, ldset, ld{s,u}{max,min}, swp in every size and
 * ordering; the st* aliases are these with Rt = zr). Atomic accesses are C helpers on
 * host atomics at guest_base + address, so guest threads on host threads see real
 * atomicity; every helper is sequentially consistent, which covers every ordering the
 * instructions ask for. Misaligned exclusive and atomic accesses raise SIGBUS, as on a
 * CPU without LSE2: the IR checks alignment before the helper runs.
 *
 * The exclusive monitor is A64Cpu.excl_*: load-exclusive records the address, size and
 * value(s) it read; store-exclusive succeeds only when its address and size match and
 * memory still holds that value, which one compare-and-swap checks and replaces (an
 * ABA change in between goes unnoticed, which the architecture permits as it allows a
 * monitor to stay set across a store of the same value). Either way the monitor is
 * then clear. These fields are touched only by helpers, never by IR GET/PUT.
 *
 * On x86-64 loads are already acquire and stores release; ldar after stlr must still
 * not be reordered (the store-then-load case), so stlr is followed by a store-load
 * fence. ldapr (RCpc) needs none.
 */
#include "frontends/aarch64/translate.h"

#define A64_HELPER_ARGS void *cpu, uint64_t addr, uint64_t val, uint64_t a2, uint64_t a3

/* Load-exclusive of 1, 2, 4 or 8 bytes, and of a 16-byte pair (the second word is
 * fetched with a64_excl_hi). A 16-byte atomic read is a compare-and-swap of the value
 * with itself. */
static uint64_t a64_ldxr(A64_HELPER_ARGS)
{
	A64Cpu *c = cpu;
	void *p = a64_host(cpu, addr);
	uint64_t v;
	switch (val) {
	case 1: v = __atomic_load_n((uint8_t *)p, __ATOMIC_SEQ_CST); break;
	case 2: v = __atomic_load_n((uint16_t *)p, __ATOMIC_SEQ_CST); break;
	case 4: v = __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST); break;
	case 8: v = __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST); break;
	default: {
		unsigned __int128 w = __sync_val_compare_and_swap((unsigned __int128 *)p, 0, 0);
		v = (uint64_t)w;
		c->excl_val2 = (uint64_t)(w >> 64);
	}
	}
	c->excl_addr = addr;
	c->excl_size = val;
	c->excl_val = v;
	return v;
}

static uint64_t a64_excl_hi(A64_HELPER_ARGS)
{
	return ((A64Cpu *)cpu)->excl_val2;
}

/* Store-exclusive: 0 on success, 1 on failure. a2 is the pair's second word. */
static uint64_t a64_stxr(void *cpu, uint64_t addr, uint64_t val, uint64_t a2, uint64_t size)
{
	A64Cpu *c = cpu;
	bool ok = false;
	if (c->excl_size == size && c->excl_addr == addr) {
		void *p = a64_host(cpu, addr);
		uint64_t e = c->excl_val;
		switch (size) {
		case 1:
			ok = __sync_bool_compare_and_swap((uint8_t *)p, (uint8_t)e, (uint8_t)val);
			break;
		case 2:
			ok =
			    __sync_bool_compare_and_swap((uint16_t *)p, (uint16_t)e, (uint16_t)val);
			break;
		case 4:
			ok =
			    __sync_bool_compare_and_swap((uint32_t *)p, (uint32_t)e, (uint32_t)val);
			break;
		case 8: ok = __sync_bool_compare_and_swap((uint64_t *)p, e, val); break;
		default: {
			unsigned __int128 ew = (unsigned __int128)c->excl_val2 << 64 | e;
			unsigned __int128 nw = (unsigned __int128)a2 << 64 | val;
			ok = __sync_bool_compare_and_swap((unsigned __int128 *)p, ew, nw);
		}
		}
	}
	c->excl_size = 0;
	return !ok;
}

static uint64_t a64_clrex(A64_HELPER_ARGS)
{
	((A64Cpu *)cpu)->excl_size = 0;
	return 0;
}

static const IrHelper a64_ldxr_helper = {"ldxr", a64_ldxr, IRH_MEM};
static const IrHelper a64_stxr_helper = {"stxr", a64_stxr, IRH_MEM};
static const IrHelper a64_excl_hi_helper = {"ldxp.hi", a64_excl_hi, 0};
static const IrHelper a64_clrex_helper = {"clrex", a64_clrex, 0};

/* Taking an exception (svc) clears the monitor, as Linux and qemu-user behave. */
void a64_clear_exclusive(A64Ctx *ctx)
{
	ir_call(ctx->b, &a64_clrex_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
}

static IrTemp a64_call(A64Ctx *ctx, const IrHelper *h, IrTemp a0, IrTemp a1, IrTemp a2, IrTemp a3)
{
	return ir_call(ctx->b, h, a0, a1, a2, a3);
}

/* ldxr/ldaxr (size from bits 31:30). */
A64_TRANS(ldxr)
{
	unsigned size = 1u << in->scale;
	IrTemp addr = a64_x_sp(ctx, in->rn);
	a64_check_aligned(ctx, addr, size);
	IrTemp v = a64_call(ctx, &a64_ldxr_helper, addr, a64_const(ctx, size), IR_NONE, IR_NONE);
	a64_set_x(ctx, in->rd, v, true);
	return true;
}

/* stxr/stlxr: Ws = status. */
A64_TRANS(stxr)
{
	unsigned size = 1u << in->scale;
	IrTemp addr = a64_x_sp(ctx, in->rn);
	a64_check_aligned(ctx, addr, size);
	IrTemp st = a64_call(ctx, &a64_stxr_helper, addr, a64_x(ctx, in->rd), IR_NONE,
	                     a64_const(ctx, size));
	a64_set_x(ctx, in->rm, st, true);
	return true;
}

/* ldxp/ldaxp: bit 30 selects 32-bit (one 8-byte access) or 64-bit registers. */
A64_TRANS(ldxp)
{
	IrBlock *b = ctx->b;
	bool x = in->raw >> 30 & 1;
	IrTemp addr = a64_x_sp(ctx, in->rn);
	a64_check_aligned(ctx, addr, x ? 16 : 8);
	IrTemp lo =
	    a64_call(ctx, &a64_ldxr_helper, addr, a64_const(ctx, x ? 16 : 8), IR_NONE, IR_NONE);
	IrTemp hi;
	if (x) {
		hi = a64_call(ctx, &a64_excl_hi_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
	} else {
		hi = ir_op2i(b, IR_SHR, IR_I64, lo, 32);
		lo = ir_extu(b, IR_I64, lo, 32);
	}
	a64_set_x(ctx, in->rd, lo, true);
	a64_set_x(ctx, in->ra, hi, true);
	return true;
}

A64_TRANS(stxp)
{
	IrBlock *b = ctx->b;
	bool x = in->raw >> 30 & 1;
	IrTemp addr = a64_x_sp(ctx, in->rn), lo = a64_x(ctx, in->rd), hi = a64_x(ctx, in->ra);
	a64_check_aligned(ctx, addr, x ? 16 : 8);
	if (!x) {
		lo = ir_op2(b, IR_OR, IR_I64, ir_extu(b, IR_I64, lo, 32),
		            ir_op2i(b, IR_SHL, IR_I64, hi, 32));
		hi = IR_NONE;
	}
	IrTemp st = a64_call(ctx, &a64_stxr_helper, addr, lo, hi, a64_const(ctx, x ? 16 : 8));
	a64_set_x(ctx, in->rm, st, true);
	return true;
}

A64_TRANS(clrex)
{
	a64_clear_exclusive(ctx);
	return true;
}

/* ldar and ldapr: an aligned load (x86 loads are acquire). */
A64_TRANS(ldar)
{
	IrTemp v = ir_load(ctx->b, IR_I64, in->scale | MO_ALIGN, a64_x_sp(ctx, in->rn), 0);
	a64_set_x(ctx, in->rd, v, true);
	return true;
}

/* stlr: an aligned store, then the store-load fence that keeps a later ldar behind it. */
A64_TRANS(stlr)
{
	ir_store(ctx->b, IR_I64, in->scale | MO_ALIGN, a64_x_sp(ctx, in->rn), 0,
	         a64_x(ctx, in->rd));
	ir_fence(ctx->b, IR_FENCE_ST_LD);
	return true;
}
