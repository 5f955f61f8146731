/*
 * Register allocation for one block: linear scan over whole live ranges. IR blocks are
 * SSA with forward branches only, so a temp's live range is simply the insns from its
 * definition to its last use in block order, and giving each temp one location for its
 * whole range keeps every label consistent without any moves. Constants get no
 * location: the instruction selector folds them into immediates or rematerializes them.
 * A temp live across a helper call gets a callee-saved register (or a spill slot);
 * others prefer the caller-saved ones. When registers run out, the range with the fewest
 * reads per remaining instruction goes to a spill slot (slots are not reused within a block, so a range moved to the
 * stack late can never collide with one that was there earlier).
 * v128 temps get xmm2-xmm15 by the same rules from a pool of their own; every xmm
 * register is caller-saved, so a v128 range that crosses a helper call is spilled (to
 * an aligned pair of slots).
 */
#include <stdlib.h>
#include <string.h>

#include "jit/x86_64/internal.h"

static const X86Reg caller_saved[] = {X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10, X86_R11};
static const X86Reg callee_saved[] = {X86_RBP, X86_R12, X86_R13, X86_R15, X86_R14};

typedef struct Scan {
	const IrBlock *b;
	RegAlloc *ra;
	uint32_t *calls_before; /* number of CALL insns before each index */
	IrTemp owner[16];       /* temp holding each host register, or IR_NONE */
	uint32_t owned;         /* bit r set when owner[r] is not IR_NONE */
	IrTemp xowner[16];      /* the same for the xmm registers */
	uint32_t xowned;
	bool allowed[16];
	bool callee[16];
} Scan;

static unsigned n_sources(const IrInsn *in)
{
	return ir_op_info[in->op].sig == SIG_CALL ? 4 : ir_op_info[in->op].n_src;
}

static bool collect_uses(Scan *s)
{
	const IrBlock *b = s->b;
	RegAlloc *ra = s->ra;
	uint32_t calls = 0;
	for (uint32_t i = 0; i < b->n_insns; i++) {
		const IrInsn *in = &b->insns[i];
		s->calls_before[i] = calls;
		calls += in->op == IR_CALL;
		for (unsigned k = 0; k < n_sources(in); k++) {
			IrTemp t = in->src[k];
			if (t != IR_NONE && t < b->n_temps) {
				ra->last_use[t] = i;
				ra->uses[t]++;
			}
		}
		if (ir_op_info[in->op].has_dst && in->dst != IR_NONE && in->op == IR_CONST) {
			ra->loc[in->dst].kind = LOC_CONST;
			ra->loc[in->dst].slot = in->type == IR_V128 ? in->aux : 0;
			ra->cval[in->dst] = in->imm;
		}
	}
	s->calls_before[b->n_insns] = calls;
	return true;
}

static bool to_stack(Scan *s, IrTemp t)
{
	if (s->ra->n_slots >= JIT_SPILL_SLOTS)
		return false;
	s->ra->loc[t] = (TempLoc){LOC_STACK, 0, (uint16_t)s->ra->n_slots++};
	return true;
}

static bool to_stack_vec(Scan *s, IrTemp t)
{
	unsigned slot = (s->ra->n_slots + 1) & ~1u;
	if (slot + 2 > JIT_SPILL_SLOTS)
		return false;
	s->ra->n_slots = slot + 2;
	s->ra->loc[t] = (TempLoc){LOC_STACK, 0, (uint16_t)slot};
	return true;
}

static void give_xmm(Scan *s, IrTemp t, unsigned x)
{
	s->xowner[x] = t;
	s->xowned |= 1u << x;
	s->ra->loc[t] = (TempLoc){LOC_REG, (uint8_t)x, 0};
}

static void give_reg(Scan *s, IrTemp t, X86Reg r)
{
	s->owner[r] = t;
	s->owned |= 1u << r;
	s->ra->loc[t] = (TempLoc){LOC_REG, (uint8_t)r, 0};
}

static bool pick_from(Scan *s, IrTemp t, const X86Reg *regs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s->allowed[regs[i]] && s->owner[regs[i]] == IR_NONE) {
			give_reg(s, t, regs[i]);
			return true;
		}
	return false;
}

/* How much a range gains from a register: its reads per instruction still to come. A
 * spilled range costs a store at its definition and a memory operand at each read. */
static uint64_t spill_cost(const RegAlloc *ra, IrTemp t, uint32_t i)
{
	uint64_t left = ra->last_use[t] > i ? ra->last_use[t] - i : 1;
	return ((uint64_t)ra->uses[t] + 1) * 1024 / left;
}

/* No register free: of the new range and the allowed ones in registers, the one that
 * gains least from its register goes to the stack. */
static bool spill_for(Scan *s, IrTemp t, uint32_t i, bool need_callee)
{
	int victim = -1;
	uint64_t victim_cost = spill_cost(s->ra, t, i);
	for (int r = 0; r < 16; r++) {
		IrTemp o = s->owner[r];
		if (!s->allowed[r] || o == IR_NONE || (need_callee && !s->callee[r]))
			continue;
		uint64_t cost = spill_cost(s->ra, o, i);
		if (cost < victim_cost) {
			victim = r;
			victim_cost = cost;
		}
	}
	if (victim < 0)
		return to_stack(s, t);
	if (!to_stack(s, s->owner[victim]))
		return false;
	give_reg(s, t, (X86Reg)victim);
	return true;
}

/* A v128 destination: the register of a first source dying here when the selector
 * allows, a free xmm register, or the cheaper of it and an xmm owner goes to the stack. */
static bool place_vec(Scan *s, const IrInsn *in, uint32_t i, bool crosses)
{
	RegAlloc *ra = s->ra;
	IrTemp d = in->dst, a = in->src[0];
	if (crosses)
		return to_stack_vec(s, d);
	if (jit_isel_reuses_src0((IrOp)in->op) && a != IR_NONE &&
	    ir_temp_type(s->b, a) == IR_V128 && ra->loc[a].kind == LOC_REG &&
	    ra->last_use[a] == i && s->xowner[ra->loc[a].reg] == a) {
		give_xmm(s, d, ra->loc[a].reg);
		return true;
	}
	for (unsigned x = JIT_FIRST_VEC_REG; x < 16; x++)
		if (s->xowner[x] == IR_NONE) {
			give_xmm(s, d, x);
			return true;
		}
	unsigned victim = 0;
	uint64_t victim_cost = spill_cost(ra, d, i);
	for (unsigned x = JIT_FIRST_VEC_REG; x < 16; x++) {
		uint64_t cost = spill_cost(ra, s->xowner[x], i);
		if (cost < victim_cost) {
			victim = x;
			victim_cost = cost;
		}
	}
	if (!victim)
		return to_stack_vec(s, d);
	if (!to_stack_vec(s, s->xowner[victim]))
		return false;
	give_xmm(s, d, victim);
	return true;
}

static bool place_dst(Scan *s, const IrInsn *in, uint32_t i)
{
	RegAlloc *ra = s->ra;
	IrTemp d = in->dst;
	if (ra->last_use[d] < i)
		ra->last_use[d] = i;
	uint32_t end = ra->last_use[d];
	bool crosses = s->calls_before[end] > s->calls_before[i + 1 <= end ? i + 1 : end];
	if (ir_temp_type(s->b, d) == IR_V128)
		return place_vec(s, in, i, crosses);
	IrTemp a = in->src[0];
	if (jit_isel_reuses_src0((IrOp)in->op) && a != IR_NONE && ra->loc[a].kind == LOC_REG &&
	    ra->last_use[a] == i && s->owner[ra->loc[a].reg] == a &&
	    (!crosses || s->callee[ra->loc[a].reg])) {
		give_reg(s, d, (X86Reg)ra->loc[a].reg);
		return true;
	}
	if (!crosses && pick_from(s, d, caller_saved, sizeof caller_saved / sizeof caller_saved[0]))
		return true;
	if (pick_from(s, d, callee_saved, sizeof callee_saved / sizeof callee_saved[0]))
		return true;
	return spill_for(s, d, i, crosses);
}

static bool scan(Scan *s)
{
	const IrBlock *b = s->b;
	RegAlloc *ra = s->ra;
	for (uint32_t i = 0; i < b->n_insns; i++) {
		const IrInsn *in = &b->insns[i];
		for (uint32_t m = s->owned; m; m &= m - 1) {
			int r = __builtin_ctz(m);
			if (ra->last_use[s->owner[r]] < i) {
				s->owner[r] = IR_NONE;
				s->owned &= ~(1u << r);
			}
		}
		for (uint32_t m = s->xowned; m; m &= m - 1) {
			int x = __builtin_ctz(m);
			if (ra->last_use[s->xowner[x]] < i) {
				s->xowner[x] = IR_NONE;
				s->xowned &= ~(1u << x);
			}
		}
		if (!ir_op_info[in->op].has_dst || in->dst == IR_NONE || in->op == IR_CONST)
			continue;
		if (!place_dst(s, in, i))
			return false;
	}
	return true;
}

static bool grow(void **p, size_t n, size_t elem)
{
	void *q = realloc(*p, n * elem);
	if (!q)
		return false;
	*p = q;
	return true;
}

/* Makes room for n temps and n_insns insns, and clears what this block uses. */
static bool prepare(RegAlloc *ra, uint32_t n, uint32_t n_insns)
{
	if (n > ra->cap_temps) {
		if (!grow((void **)&ra->loc, n, sizeof *ra->loc) ||
		    !grow((void **)&ra->cval, n, sizeof *ra->cval) ||
		    !grow((void **)&ra->last_use, n, sizeof *ra->last_use) ||
		    !grow((void **)&ra->uses, n, sizeof *ra->uses))
			return false;
		ra->cap_temps = n;
	}
	if (n_insns + 1 > ra->cap_insns) {
		if (!grow((void **)&ra->calls_before, n_insns + 1, sizeof *ra->calls_before))
			return false;
		ra->cap_insns = n_insns + 1;
	}
	memset(ra->loc, 0, n * sizeof *ra->loc);
	memset(ra->last_use, 0, n * sizeof *ra->last_use);
	memset(ra->uses, 0, n * sizeof *ra->uses);
	ra->n_slots = 0;
	return true;
}

bool jit_regalloc(const IrBlock *b, bool base_reg_free, RegAlloc *ra)
{
	if (!prepare(ra, b->n_temps + 1, b->n_insns))
		return false;
	Scan s = {.b = b, .ra = ra, .calls_before = ra->calls_before};
	for (size_t i = 0; i < sizeof caller_saved / sizeof caller_saved[0]; i++)
		s.allowed[caller_saved[i]] = true;
	for (size_t i = 0; i < sizeof callee_saved / sizeof callee_saved[0]; i++)
		s.allowed[callee_saved[i]] = s.callee[callee_saved[i]] = true;
	s.allowed[JIT_BASE_REG] = base_reg_free;
	return collect_uses(&s) && scan(&s);
}

void jit_regalloc_free(RegAlloc *ra)
{
	free(ra->loc);
	free(ra->cval);
	free(ra->last_use);
	free(ra->uses);
	free(ra->calls_before);
	memset(ra, 0, sizeof *ra);
}
