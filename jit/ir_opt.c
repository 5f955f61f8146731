/*
 * The block optimizer: one forward pass that folds constants (with ir_eval, the same code
 * the interpreter runs), propagates copies, applies a few algebraic identities, turns
 * shift-shift-or rotations into rotates, forwards
 * values through guest-state slots (a GET after a PUT or GET of the same slot reuses the
 * value) and drops PUTs that a later PUT to the same slot overwrites before anything could
 * observe them; then dead-code elimination and compaction. Blocks are in SSA form with
 * forward branches only (the verifier's rules), so a forward pass sees every definition
 * before its uses. State knowledge is dropped at labels; pending PUTs are kept at anything
 * that may observe guest state: branches, exits, helper calls and memory accesses (which
 * may fault and must leave earlier instructions' results in place).
 */
#include "jit/ir.h"

#include <stdlib.h>
#include <string.h>

#include "jit/ir_eval.h"

#define MAX_SLOTS 64

typedef struct StateSlot {
	uint32_t offset, size;
	IrTemp value;        /* temp holding the slot's current value, or IR_NONE */
	uint8_t type;
	uint32_t pending_put;/* index of a PUT nobody has observed yet, or UINT32_MAX */
} StateSlot;

typedef struct Optimizer {
	IrBlock *b;
	IrTemp *repl;      /* temp -> the temp to use instead (itself when none) */
	uint32_t *def;     /* temp -> index of the insn defining it */
	uint8_t *is_const;
	uint64_t *val;
	StateSlot slots[MAX_SLOTS];
	unsigned n_slots;
} Optimizer;

static const uint32_t type_size[IR_TYPE_COUNT] = {4, 8, 4, 8, 16};

static void forget_pending(Optimizer *o)
{
	for (unsigned i = 0; i < o->n_slots; i++)
		o->slots[i].pending_put = UINT32_MAX;
}

static void forget_all(Optimizer *o)
{
	o->n_slots = 0;
}

static StateSlot *slot_for(Optimizer *o, uint32_t offset, IrType type, bool create)
{
	uint32_t size = type_size[type];
	for (unsigned i = 0; i < o->n_slots; i++) {
		StateSlot *s = &o->slots[i];
		if (s->offset == offset && s->size == size && s->type == type)
			return s;
	}
	/* A differently shaped access overlapping a tracked slot makes that slot unknown. */
	for (unsigned i = 0; i < o->n_slots;) {
		StateSlot *s = &o->slots[i];
		if (s->offset < offset + size && offset < s->offset + s->size)
			o->slots[i] = o->slots[--o->n_slots];
		else
			i++;
	}
	if (!create || o->n_slots == MAX_SLOTS)
		return NULL;
	StateSlot *s = &o->slots[o->n_slots++];
	*s = (StateSlot){offset, size, IR_NONE, (uint8_t)type, UINT32_MAX};
	return s;
}

static void make_nop(IrInsn *in)
{
	*in = (IrInsn){.op = IR_NOP};
}

static void replace_with(Optimizer *o, IrInsn *in, IrTemp t)
{
	o->repl[in->dst] = t;
	make_nop(in);
}

static void make_const(Optimizer *o, IrInsn *in, uint64_t v)
{
	IrTemp d = in->dst;
	*in = (IrInsn){.op = IR_CONST, .type = in->type, .dst = d, .imm = v};
	o->is_const[d] = 1;
	o->val[d] = v;
}

/* x op identity -> x, for the common identities with a constant second operand. */
static bool simplify_identity(Optimizer *o, IrInsn *in)
{
	if (ir_op_info[in->op].n_src != 2 || !o->is_const[in->src[1]])
		return false;
	uint64_t c = o->val[in->src[1]];
	uint64_t ones = in->type == IR_I32 ? 0xffffffffull : ~0ull;
	bool identity;
	switch (in->op) {
	case IR_ADD: case IR_SUB: case IR_OR: case IR_XOR:
	case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
		identity = c == 0;
		break;
	case IR_AND:
		identity = c == ones;
		break;
	case IR_MUL:
		identity = c == 1;
		break;
	default:
		identity = false;
	}
	if (identity && in->type <= IR_I64)
		replace_with(o, in, in->src[0]);
	return identity;
}

static unsigned type_bits(IrType t)
{
	return type_size[t] * 8;
}

/* An extension of an extension: when the outer one keeps no more bits than the inner
 * one produced from its source, it can read that source directly; and an extension
 * that keeps every bit of a source of its own type is that source. */
static bool simplify_extension(Optimizer *o, IrInsn *in)
{
	IrTemp a = in->src[0];
	if (o->def[a] >= o->b->n_insns)
		return false;
	const IrInsn *d = &o->b->insns[o->def[a]];
	if ((d->op == IR_EXTS || d->op == IR_EXTU) && d->dst == a && in->aux <= d->aux) {
		in->src[0] = d->src[0];
		a = in->src[0];
	}
	if (ir_temp_type(o->b, a) == in->type && in->aux >= type_bits((IrType)in->type)) {
		replace_with(o, in, a);
		return true;
	}
	return false;
}

/* The insn defining t when it is a non-constant op of this block, else NULL. */
static const IrInsn *def_of(const Optimizer *o, IrTemp t)
{
	if (o->is_const[t] || o->def[t] >= o->b->n_insns)
		return NULL;
	const IrInsn *d = &o->b->insns[o->def[t]];
	return d->dst == t && ir_op_info[d->op].has_dst ? d : NULL;
}

/* (x << c) | (x >> (w - c)) is a rotation (also with + or ^, as the two shifted parts
 * share no bit): ISAs without rotate instructions, and C code written for them, spell
 * rotations this way, and one host rotate replaces three instructions. */
static bool fold_rotate(Optimizer *o, IrInsn *in)
{
	if ((in->op != IR_OR && in->op != IR_XOR && in->op != IR_ADD) || in->type > IR_I64)
		return false;
	const IrInsn *l = def_of(o, in->src[0]), *r = def_of(o, in->src[1]);
	if (!l || !r)
		return false;
	if (l->op == IR_SHR) {
		const IrInsn *t = l;
		l = r;
		r = t;
	}
	if (l->op != IR_SHL || r->op != IR_SHR || l->src[0] != r->src[0] || l->type != in->type ||
	    r->type != in->type || !o->is_const[l->src[1]] || !o->is_const[r->src[1]])
		return false;
	uint64_t w = type_bits((IrType)in->type), cl = o->val[l->src[1]], cr = o->val[r->src[1]];
	if (cl == 0 || cr == 0 || cl + cr != w)
		return false;
	in->op = IR_ROTL;
	in->src[0] = l->src[0];
	in->src[1] = l->src[1];
	return true;
}

/* Integer ops that commute get a constant as their second operand, where the identities
 * and the instruction selectors look for it. */
static void canonicalize(Optimizer *o, IrInsn *in)
{
	if ((ir_op_info[in->op].flags & IRF_COMMUTES) && in->type <= IR_I64 &&
	    o->is_const[in->src[0]] && !o->is_const[in->src[1]]) {
		IrTemp t = in->src[0];
		in->src[0] = in->src[1];
		in->src[1] = t;
	}
}

/* The value of a v128 temp defined by a CONST, or false. v128 constants are not in
 * is_const/val (64 bits); their CONST insn, with its splat flag, is the record. */
static bool vec_const(const Optimizer *o, IrTemp t, IrVec *v)
{
	const IrInsn *d = def_of(o, t);
	if (!d || d->op != IR_CONST || d->type != IR_V128)
		return false;
	*v = (IrVec){.d = {d->imm, d->aux & IR_VCONST_SPLAT ? d->imm : 0}};
	return true;
}

/* A vector op whose sources are all constants becomes a constant when the result has a
 * CONST form (high half 0 or equal to the low half). */
static void fold_vector(Optimizer *o, IrInsn *in)
{
	IrVec v[2] = {{.d = {0, 0}}, {.d = {0, 0}}};
	uint64_t x[2] = {0, 0};
	unsigned nv = 0, nx = 0;
	for (unsigned s = 0; s < ir_op_info[in->op].n_src; s++) {
		IrTemp t = in->src[s];
		if (ir_temp_type(o->b, t) == IR_V128) {
			if (!vec_const(o, t, &v[nv++]))
				return;
		} else if (o->is_const[t]) {
			x[nx++] = o->val[t];
		} else {
			return;
		}
	}
	IrVec r = ir_eval_vec((IrOp)in->op, in->aux, in->imm, v, x);
	if (in->type != IR_V128) {
		make_const(o, in, r.d[0]);
	} else if (r.d[1] == 0 || r.d[1] == r.d[0]) {
		IrTemp d = in->dst;
		*in = (IrInsn){.op = IR_CONST, .type = IR_V128, .dst = d, .imm = r.d[0],
		               .aux = r.d[1] && r.d[0] ? IR_VCONST_SPLAT : 0};
	}
}

static void fold(Optimizer *o, IrInsn *in)
{
	const IrOpInfo *info = &ir_op_info[in->op];
	if (ir_eval_is_vector((IrOp)in->op, (IrType)in->type)) {
		fold_vector(o, in);
		return;
	}
	canonicalize(o, in);
	if ((in->op == IR_EXTS || in->op == IR_EXTU) && !o->is_const[in->src[0]] &&
	    simplify_extension(o, in))
		return;
	fold_rotate(o, in);
	if (in->op == IR_SELECT && o->is_const[in->src[0]]) {
		replace_with(o, in, o->val[in->src[0]] ? in->src[1] : in->src[2]);
		return;
	}
	if (!ir_eval_supported((IrOp)in->op, (IrType)in->type))
		return;
	uint64_t v[3] = {0, 0, 0};
	for (unsigned s = 0; s < info->n_src; s++) {
		if (!o->is_const[in->src[s]]) {
			simplify_identity(o, in);
			return;
		}
		v[s] = o->val[in->src[s]];
	}
	make_const(o, in, ir_eval((IrOp)in->op, (IrType)in->type, in->aux, v));
}

/* The value of a tracked slot of exactly this shape, or IR_NONE (no slot is dropped). */
static IrTemp known_value(const Optimizer *o, uint32_t offset, IrType type)
{
	for (unsigned i = 0; i < o->n_slots; i++) {
		const StateSlot *s = &o->slots[i];
		if (s->offset == offset && s->size == type_size[type] && s->type == type)
			return s->value;
	}
	return IR_NONE;
}

/* A v128 GET of 16 bytes last written as two i64 halves becomes a VPAIR of those
 * values: a 16-byte load right after two 8-byte stores to it would wait for them to
 * reach the cache (the host's store buffer forwards only to loads they cover). */
static void pair_halves(Optimizer *o, IrInsn *in)
{
	uint32_t off = (uint32_t)in->imm;
	IrTemp lo = known_value(o, off, IR_I64), hi = known_value(o, off + 8, IR_I64);
	if (lo == IR_NONE || hi == IR_NONE)
		return;
	IrTemp d = in->dst;
	*in = (IrInsn){.op = IR_VPAIR, .type = IR_V128, .dst = d, .src = {lo, hi}};
}

static void track_state(Optimizer *o, IrInsn *in, uint32_t index)
{
	if (in->op == IR_GET && in->type == IR_V128) {
		uint32_t off = (uint32_t)in->imm;
		pair_halves(o, in);
		StateSlot *s = slot_for(o, off, IR_V128, true);
		if (s && s->value != IR_NONE && in->op == IR_GET)
			replace_with(o, in, s->value);
		else if (s)
			s->value = in->dst;
		return;
	}
	if (in->op == IR_GET) {
		StateSlot *s = slot_for(o, (uint32_t)in->imm, (IrType)in->type, true);
		if (s && s->value != IR_NONE)
			replace_with(o, in, s->value);
		else if (s)
			s->value = in->dst;
		return;
	}
	StateSlot *s = slot_for(o, (uint32_t)in->imm, (IrType)in->type, true);
	if (!s)
		return;
	if (s->pending_put != UINT32_MAX)
		make_nop(&o->b->insns[s->pending_put]);
	s->value = in->src[0];
	s->pending_put = index;
}

static void observe(Optimizer *o, const IrInsn *in)
{
	const IrOpInfo *info = &ir_op_info[in->op];
	if (in->op == IR_LABEL) {
		forget_all(o);
	} else if (in->op == IR_CALL) {
		const IrHelper *h = (const IrHelper *)(uintptr_t)in->imm;
		if (h->flags & (IRH_READS_STATE | IRH_MEM))
			forget_pending(o);
		if (h->flags & IRH_WRITES_STATE)
			forget_all(o);
	} else if (info->flags & (IRF_CONTROL | IRF_EXIT | IRF_MEM)) {
		forget_pending(o);
	}
}

static void forward_pass(Optimizer *o)
{
	IrBlock *b = o->b;
	for (uint32_t i = 0; i < b->n_insns; i++) {
		IrInsn *in = &b->insns[i];
		for (unsigned s = 0; s < 4; s++)
			in->src[s] = o->repl[in->src[s]];
		switch (in->op) {
		case IR_CONST:
			if (in->type == IR_V128)
				o->def[in->dst] = i;
			else
				make_const(o, in, in->imm);
			continue;
		case IR_MOV:
			replace_with(o, in, in->src[0]);
			continue;
		case IR_GET:
		case IR_PUT:
			track_state(o, in, i);
			continue;
		case IR_BR:
			if (o->is_const[in->src[0]]) {
				if (o->val[in->src[0]])
					*in = (IrInsn){.op = IR_JMP, .type = IR_I64, .imm = in->imm};
				else
					make_nop(in);
			}
			break;
		default:
			break;
		}
		if (ir_op_info[in->op].has_dst && !(ir_op_info[in->op].flags & IRF_SIDE))
			fold(o, in);
		if (ir_op_info[in->op].has_dst && in->dst != IR_NONE)
			o->def[in->dst] = i;
		observe(o, in);
	}
}

/* Removes side-effect-free insns whose result nobody uses, then compacts. */
static void dead_code(IrBlock *b, uint32_t *uses)
{
	memset(uses, 0, b->n_temps * sizeof *uses);
	for (uint32_t i = b->n_insns; i-- > 0;) {
		IrInsn *in = &b->insns[i];
		const IrOpInfo *info = &ir_op_info[in->op];
		if (in->op != IR_NOP && !(info->flags & IRF_SIDE) && info->has_dst && !uses[in->dst]) {
			make_nop(in);
			continue;
		}
		for (unsigned s = 0; s < 4; s++)
			uses[in->src[s]]++;
	}
	uint32_t n = 0;
	for (uint32_t i = 0; i < b->n_insns; i++)
		if (b->insns[i].op != IR_NOP)
			b->insns[n++] = b->insns[i];
	b->n_insns = n;
}

/* Per-temp arrays, kept per thread from one block to the next: translation is frequent
 * and blocks are small, so allocating them afresh each time would dominate. */
typedef struct OptScratch {
	IrTemp *repl;
	uint32_t *def; /* also dead_code's use counts */
	uint8_t *is_const;
	uint64_t *val;
	uint32_t cap;
} OptScratch;

static __thread OptScratch scratch;

static bool scratch_fit(uint32_t n)
{
	if (n <= scratch.cap)
		return true;
	uint32_t cap = n < 256 ? 256 : n * 2;
	IrTemp *repl = realloc(scratch.repl, cap * sizeof *repl);
	if (repl)
		scratch.repl = repl;
	uint32_t *def = realloc(scratch.def, cap * sizeof *def);
	if (def)
		scratch.def = def;
	uint8_t *is_const = realloc(scratch.is_const, cap);
	if (is_const)
		scratch.is_const = is_const;
	uint64_t *val = realloc(scratch.val, cap * sizeof *val);
	if (val)
		scratch.val = val;
	if (!repl || !def || !is_const || !val)
		return false;
	scratch.cap = cap;
	return true;
}

void ir_optimize(IrBlock *b)
{
	if (b->error || !scratch_fit(b->n_temps))
		return;
	Optimizer o; /* not zeroed as a whole: slots[] is only read below n_slots */
	o.b = b;
	o.repl = scratch.repl;
	o.def = scratch.def;
	o.is_const = scratch.is_const;
	o.val = scratch.val;
	o.n_slots = 0;
	for (IrTemp t = 0; t < b->n_temps; t++)
		o.repl[t] = t;
	memset(o.is_const, 0, b->n_temps);
	forward_pass(&o);
	dead_code(b, scratch.def);
}
