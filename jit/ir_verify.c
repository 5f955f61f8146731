/*
 * The IR verifier, run on every block in debug builds and in tests. It checks what the
 * executors rely on: known ops and types, the arity and operand types each op's
 * signature (ir_ops.h) demands, that every temp is defined exactly once and on every
 * path before it is used, that branches go forward to labels defined once, and that no
 * path falls off the end of the block without an exit, and that a branch skipping an
 * INSN_START goes to a side exit: a label followed at once by an exit or by an
 * INSN_START (executors map code positions to guest instructions statically; an exit's
 * code cannot fault, and code after an INSN_START belongs to that instruction).
 */
#include "jit/ir.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct Verifier {
	const IrBlock *b;
	uint8_t *defined;      /* temps defined on the current path */
	uint8_t *ever_defined; /* temps defined anywhere so far (single assignment) */
	uint8_t **label_in;    /* per label: intersection of incoming defined sets, or NULL */
	uint8_t *label_seen;
	uint32_t *label_since; /* per label: instruction boundaries seen at its first branch */
	uint32_t boundaries;   /* INSN_STARTs so far */
	bool reachable;
	uint32_t open_labels;  /* labels branched to but not placed yet */
	char *err;
	size_t errsz;
} Verifier;

static bool fail(Verifier *v, uint32_t i, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(v->err, v->errsz, "insn %u (%s): ", i,
			 i < v->b->n_insns && v->b->insns[i].op < IR_OP_COUNT
				 ? ir_op_info[v->b->insns[i].op].name : "?");
	if (n < 0 || (size_t)n >= v->errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(v->err + n, v->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static bool is_int(IrType t) { return t == IR_I32 || t == IR_I64; }
static bool is_float(IrType t) { return t == IR_F32 || t == IR_F64; }
static unsigned type_bits(IrType t)
{
	static const unsigned bits[IR_TYPE_COUNT] = {32, 64, 32, 64, 128};
	return bits[t];
}

static bool check_src(Verifier *v, uint32_t i, IrTemp t, bool need_int, int need_type)
{
	if (t == IR_NONE || t >= v->b->n_temps)
		return fail(v, i, "source t%u is not a temp", t);
	if (!v->defined[t])
		return fail(v, i, "t%u used before it is defined on every path", t);
	IrType ty = ir_temp_type(v->b, t);
	if (need_int && !is_int(ty))
		return fail(v, i, "t%u must be an integer, is %s", t, ir_type_name[ty]);
	if (need_type >= 0 && ty != (IrType)need_type)
		return fail(v, i, "t%u is %s, expected %s", t, ir_type_name[ty],
			    ir_type_name[need_type]);
	return true;
}

static bool check_dst(Verifier *v, uint32_t i, IrTemp t, IrType need)
{
	if (t == IR_NONE || t >= v->b->n_temps)
		return fail(v, i, "destination t%u is not a temp", t);
	if (v->ever_defined[t])
		return fail(v, i, "t%u is defined twice", t);
	if (ir_temp_type(v->b, t) != need)
		return fail(v, i, "destination t%u is %s, expected %s", t,
			    ir_type_name[ir_temp_type(v->b, t)], ir_type_name[need]);
	v->ever_defined[t] = v->defined[t] = 1;
	return true;
}

/* Vector ops: which lane widths each allows (bit n: 8 << n bits), per ir_ops.h. Ops
 * absent here take no v128 type; ops marked vector-only take nothing else. */
enum { L8 = 1, L16 = 2, L32 = 4, L64 = 8, LALL = 15, LNONE = 16 };
static const uint8_t vec_lanes[IR_OP_COUNT] = {
	[IR_CONST] = LNONE, [IR_MOV] = LNONE, [IR_GET] = LNONE, [IR_PUT] = LNONE,
	[IR_LOAD] = LNONE, [IR_STORE] = LNONE, [IR_AND] = LNONE, [IR_OR] = LNONE,
	[IR_XOR] = LNONE, [IR_NOT] = LNONE, [IR_ANDN] = LNONE, [IR_ADD] = LALL,
	[IR_SUB] = LALL, [IR_MUL] = L16 | L32, [IR_CMP] = LALL, [IR_VMIN] = L8 | L16 | L32,
	[IR_VMAX] = L8 | L16 | L32, [IR_VSHLI] = LALL, [IR_VSHRI] = LALL,
	[IR_VSARI] = L8 | L16 | L32, [IR_VDUP] = LALL, [IR_VGETLANE] = LALL,
	[IR_VSETLANE] = LALL, [IR_VPAIR] = LNONE, [IR_VTBL] = L8, [IR_VPERM] = LALL, [IR_VEXT] = LNONE,
	[IR_VREV] = L8 | L16 | L32, [IR_VWIDEN] = L8 | L16 | L32, [IR_VNARROW] = L16 | L32 | L64,
};

static bool vector_only(IrOp op)
{
	return op == IR_ANDN || (op >= IR_VMIN && op <= IR_VNARROW);
}

/* The op-specific part of a vector op's aux (and imm). */
static bool vec_arg_ok(const IrInsn *in, unsigned bits)
{
	unsigned arg = ir_varg(in->aux);
	switch ((IrOp)in->op) {
	case IR_CONST: return in->aux <= IR_VCONST_SPLAT;
	case IR_CMP: return arg == IR_EQ || arg == IR_GTS || arg == IR_GTU;
	case IR_VMIN: case IR_VMAX: return arg <= IR_VSIGNED;
	case IR_VSHLI: case IR_VSHRI: case IR_VSARI: return arg == 0 && in->imm <= bits;
	case IR_VGETLANE: case IR_VSETLANE: return arg < 128 / bits;
	case IR_VPERM: return arg < IR_VPERM_COUNT;
	case IR_VEXT: return in->aux < 16;
	case IR_VREV: return arg >= 1 && arg <= 3 && (8u << arg) > bits;
	case IR_VWIDEN: return arg <= (IR_VSIGNED | IR_VHIGH);
	case IR_LOAD: case IR_STORE:
		return !(in->aux & (MO_BE | MO_SIGN)) &&
		       (!(in->aux & MO_128) || (in->aux & MO_SIZE) == MO_64);
	default: return arg == 0;
	}
}

static bool check_vector(Verifier *v, uint32_t i, const IrInsn *in)
{
	uint8_t lanes = vec_lanes[in->op];
	IrType T = (IrType)in->type;
	if (!lanes || (vector_only((IrOp)in->op) && T != IR_V128 && in->op != IR_VGETLANE))
		return fail(v, i, "op does not take type %s", ir_type_name[T]);
	unsigned bits = ir_vbits(in->aux);
	if (in->op == IR_VEXT || in->op == IR_LOAD || in->op == IR_STORE || in->op == IR_CONST)
		bits = 8;
	else if (lanes == LNONE)
		bits = in->aux == 0 ? 8 : 0;
	else if (bits < 8 || bits > 64 || (bits & (bits - 1)) || !(lanes & (bits >> 3)))
		bits = 0;
	if (!bits || !vec_arg_ok(in, bits))
		return fail(v, i, "bad vector operand aux=0x%x imm=%llu", in->aux,
			    (unsigned long long)in->imm);
	if (in->op == IR_VGETLANE && (!is_int(T) || bits > type_bits(T)))
		return fail(v, i, "lane wider than %s", ir_type_name[T]);
	return true;
}

static bool check_vec_sig(Verifier *v, uint32_t i, const IrInsn *in)
{
	if (in->op == IR_VDUP)
		return check_src(v, i, in->src[0], true, -1) && check_dst(v, i, in->dst, IR_V128);
	if (in->op == IR_VGETLANE)
		return check_src(v, i, in->src[0], false, IR_V128) &&
		       check_dst(v, i, in->dst, (IrType)in->type);
	if (in->op == IR_VPAIR)
		return check_src(v, i, in->src[0], false, IR_I64) &&
		       check_src(v, i, in->src[1], false, IR_I64) && check_dst(v, i, in->dst, IR_V128);
	return check_src(v, i, in->src[0], false, IR_V128) &&
	       check_src(v, i, in->src[1], true, -1) && check_dst(v, i, in->dst, IR_V128);
}

/* Operand checks per signature; `T` is the instruction's type. */
static bool check_operands(Verifier *v, uint32_t i, const IrInsn *in)
{
	IrType T = (IrType)in->type;
	const IrOpInfo *info = &ir_op_info[in->op];
	if ((T == IR_V128 || vector_only((IrOp)in->op)) && !check_vector(v, i, in))
		return false;
	if (T != IR_V128 && (in->op == IR_LOAD || in->op == IR_STORE) && (in->aux & MO_128))
		return fail(v, i, "a 16-byte access needs type v128");
	switch ((IrSig)info->sig) {
	case SIG_NONE:
		return true;
	case SIG_SAME:
		if (ir_op_is_farith((IrOp)in->op) &&
		    (!is_float(T) || (in->aux & ~IR_FARITH_DEFAULT_NAN)))
			return fail(v, i, "float arithmetic needs a float type and known flags");
		for (unsigned s = 0; s < info->n_src; s++)
			if (!check_src(v, i, in->src[s], false, T))
				return false;
		return check_dst(v, i, in->dst, T);
	case SIG_CMP:
		if (T == IR_V128)
			return check_src(v, i, in->src[0], false, T) &&
			       check_src(v, i, in->src[1], false, T) && check_dst(v, i, in->dst, T);
		if (!is_int(T) || in->aux >= IR_COND_COUNT)
			return fail(v, i, "integer compare needs an integer type and a condition");
		return check_src(v, i, in->src[0], false, T) &&
		       check_src(v, i, in->src[1], false, T) && check_dst(v, i, in->dst, T);
	case SIG_FCMP:
		if (!is_float(T) || (in->aux & IR_FCMP_COND_MASK) >= IR_FCOND_COUNT ||
		    (in->aux & ~(IR_FCMP_COND_MASK | IR_FCMP_SIGNALING)))
			return fail(v, i, "float compare needs a float type and a condition");
		return check_src(v, i, in->src[0], false, T) &&
		       check_src(v, i, in->src[1], false, T) && check_dst(v, i, in->dst, IR_I64);
	case SIG_SEL:
		return check_src(v, i, in->src[0], true, -1) &&
		       check_src(v, i, in->src[1], false, T) &&
		       check_src(v, i, in->src[2], false, T) && check_dst(v, i, in->dst, T);
	case SIG_EXT:
		if (!is_int(T) || in->aux == 0 || in->aux > type_bits(T))
			return fail(v, i, "bad extension width %u to %s", in->aux, ir_type_name[T]);
		return check_src(v, i, in->src[0], true, -1) && check_dst(v, i, in->dst, T);
	case SIG_CONV:
		return check_src(v, i, in->src[0], false, -1) && check_dst(v, i, in->dst, T);
	case SIG_LOAD:
		if (ir_memop_bytes(in->aux) * 8 > type_bits(T))
			return fail(v, i, "access wider than %s", ir_type_name[T]);
		return check_src(v, i, in->src[0], true, -1) && check_dst(v, i, in->dst, T);
	case SIG_STORE:
		if (ir_memop_bytes(in->aux) * 8 > type_bits(T))
			return fail(v, i, "access wider than %s", ir_type_name[T]);
		return check_src(v, i, in->src[0], true, -1) &&
		       check_src(v, i, in->src[1], false, T);
	case SIG_STATE:
		if (info->has_dst)
			return check_dst(v, i, in->dst, T);
		return check_src(v, i, in->src[0], false, T);
	case SIG_CALL:
		if (!in->imm)
			return fail(v, i, "call without a helper");
		for (unsigned s = 0; s < 4; s++)
			if (in->src[s] != IR_NONE && !check_src(v, i, in->src[s], true, -1))
				return false;
		return check_dst(v, i, in->dst, IR_I64);
	case SIG_JUMP:
		if (in->aux != IR_JUMP_PLAIN && in->aux != IR_JUMP_RETURN)
			return fail(v, i, "unknown jump hint %u", in->aux);
		return check_src(v, i, in->src[0], true, -1);
	case SIG_BR:
		return check_src(v, i, in->src[0], true, -1);
	case SIG_VEC:
		return check_vec_sig(v, i, in);
	}
	return fail(v, i, "unknown signature");
}

/* Merges the current defined set into a label's incoming set. */
static void flow_to_label(Verifier *v, uint32_t label)
{
	size_t n = v->b->n_temps;
	if (!v->label_in[label]) {
		v->label_in[label] = malloc(n);
		if (v->label_in[label])
			memcpy(v->label_in[label], v->defined, n);
		return;
	}
	for (size_t t = 0; t < n; t++)
		v->label_in[label][t] &= v->defined[t];
}

static bool check_control(Verifier *v, uint32_t i, const IrInsn *in)
{
	uint32_t label = (uint32_t)in->imm;
	bool is_label = in->op == IR_LABEL, is_branch = in->op == IR_BR || in->op == IR_JMP;
	if ((is_label || is_branch) && label >= v->b->n_labels)
		return fail(v, i, "label %u was never allocated", label);
	if (is_branch) {
		if (v->label_seen[label])
			return fail(v, i, "branch back to label %u (only forward branches)", label);
		if (v->label_in[label] == NULL)
			v->label_since[label] = v->boundaries;
		v->open_labels += v->label_in[label] == NULL;
		flow_to_label(v, label);
		if (in->op == IR_JMP)
			v->reachable = false;
	} else if (is_label) {
		if (v->label_seen[label])
			return fail(v, i, "label %u defined twice", label);
		v->label_seen[label] = 1;
		v->open_labels -= v->label_in[label] != NULL;
		const IrInsn *next = i + 1 < v->b->n_insns ? in + 1 : NULL;
		if (v->label_in[label] && v->label_since[label] != v->boundaries &&
		    (!next || !(ir_op_info[next->op].flags & IRF_EXIT || next->op == IR_INSN_START)))
			return fail(v, i, "a branch across instruction boundaries must go to a side "
			                  "exit (a label right before an exit or an INSN_START)");
		if (v->reachable)
			flow_to_label(v, label);
		if (v->label_in[label]) {
			memcpy(v->defined, v->label_in[label], v->b->n_temps);
			v->reachable = true;
		} else {
			v->reachable = false; /* nothing jumps here: dead code follows */
		}
	} else if (ir_op_info[in->op].flags & IRF_EXIT) {
		v->reachable = false;
	} else if (in->op == IR_INSN_START) {
		v->boundaries++;
	} else if (in->op == IR_PUSH_RETURN) {
		const IrInsn *next = i + 1 < v->b->n_insns ? in + 1 : NULL;
		if (!next || (next->op != IR_GOTO_BLOCK && next->op != IR_LOOKUP_JUMP))
			return fail(v, i, "a return-address push must come right before a jump");
	}
	return true;
}

static bool verify_insns(Verifier *v)
{
	const IrBlock *b = v->b;
	for (uint32_t i = 0; i < b->n_insns; i++) {
		const IrInsn *in = &b->insns[i];
		if (in->op >= IR_OP_COUNT || in->type >= IR_TYPE_COUNT)
			return fail(v, i, "unknown op %u or type %u", in->op, in->type);
		const IrOpInfo *info = &ir_op_info[in->op];
		if (info->sig != SIG_CALL)
			for (unsigned s = info->n_src; s < 4; s++)
				if (in->src[s] != IR_NONE)
					return fail(v, i, "unexpected source operand %u", s);
		if (!info->has_dst && in->dst != IR_NONE)
			return fail(v, i, "op has no destination");
		if (v->reachable && !check_operands(v, i, in))
			return false;
		if (!check_control(v, i, in))
			return false;
	}
	if (v->reachable)
		return fail(v, b->n_insns ? b->n_insns - 1 : 0, "block falls off its end");
	for (uint32_t l = 0; l < b->n_labels; l++)
		if (v->label_in[l] && !v->label_seen[l])
			return fail(v, b->n_insns - 1, "branch to label %u, which is not placed", l);
	return true;
}

bool ir_verify(const IrBlock *b, char *err, size_t errsz)
{
	if (b->error) {
		snprintf(err, errsz, "block builder ran out of memory");
		return false;
	}
	Verifier v = {.b = b, .reachable = true, .err = err, .errsz = errsz};
	v.defined = calloc(b->n_temps + 1, 1);
	v.ever_defined = calloc(b->n_temps + 1, 1);
	v.label_in = calloc(b->n_labels + 1, sizeof *v.label_in);
	v.label_seen = calloc(b->n_labels + 1, 1);
	v.label_since = calloc(b->n_labels + 1, sizeof *v.label_since);
	bool ok = v.defined && v.ever_defined && v.label_in && v.label_seen && v.label_since;
	if (!ok)
		snprintf(err, errsz, "verifier ran out of memory");
	else
		ok = verify_insns(&v);
	for (uint32_t l = 0; v.label_in && l < b->n_labels; l++)
		free(v.label_in[l]);
	free(v.label_in);
	free(v.label_seen);
	free(v.label_since);
	free(v.defined);
	free(v.ever_defined);
	return ok;
}
