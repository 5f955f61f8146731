/*
 * Prints IR blocks for `-d op` and `-d op_opt` and for test failure messages, one insn per
 * line: `t7:i64 = ADD t3, t5`, with the op's extra operand (immediate, offset, memop,
 * condition, label or helper name) after the temps.
 */
#include "jit/ir.h"

#include <inttypes.h>

#include "common/cpu_common.h"

static const char *const cond_name[IR_COND_COUNT] = {
	"eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu"};
static const char *const fcond_name[IR_FCOND_COUNT] = {"feq", "flt", "fle", "funord"};
static const char *const exit_name[CPU_EXIT_COUNT] = {
	"none", "syscall", "illegal", "breakpoint", "fetch_fault", "mem_fault",
	"misaligned", "halt", "interrupt", "sync_code", "system"};

/* Vector ops: the lane width, the op's own operand and a shift count (ir_ops.h). */
static bool print_vector(const IrInsn *in, FILE *out)
{
	bool vec_only = in->op == IR_ANDN || (in->op >= IR_VMIN && in->op <= IR_VNARROW);
	if (!vec_only && (in->type != IR_V128 || in->op == IR_LOAD || in->op == IR_STORE ||
	                  in->op == IR_GET || in->op == IR_PUT))
		return false;
	if (in->op == IR_CONST) {
		fprintf(out, " 0x%" PRIx64 "%s", in->imm, in->aux & IR_VCONST_SPLAT ? " splat" : "");
		return true;
	}
	if (in->op == IR_VEXT) {
		fprintf(out, " #%u", in->aux);
		return true;
	}
	if (in->op == IR_CMP)
		fprintf(out, " %s", cond_name[ir_varg(in->aux) % IR_COND_COUNT]);
	else if (in->aux)
		fprintf(out, " lanes=%u", ir_vbits(in->aux));
	if (in->op != IR_CMP && ir_varg(in->aux))
		fprintf(out, " arg=%u", ir_varg(in->aux));
	if (in->op == IR_CMP)
		fprintf(out, " lanes=%u", ir_vbits(in->aux));
	if (in->op == IR_VSHLI || in->op == IR_VSHRI || in->op == IR_VSARI)
		fprintf(out, " #%" PRIu64, in->imm);
	return true;
}

static void print_extra(const IrInsn *in, FILE *out)
{
	if (print_vector(in, out))
		return;
	switch ((IrSig)ir_op_info[in->op].sig) {
	case SIG_CMP:
		fprintf(out, " %s", cond_name[in->aux % IR_COND_COUNT]);
		return;
	case SIG_FCMP:
		fprintf(out, " %s%s", fcond_name[(in->aux & IR_FCMP_COND_MASK) % IR_FCOND_COUNT],
			in->aux & IR_FCMP_SIGNALING ? " signaling" : "");
		return;
	case SIG_EXT:
		fprintf(out, " bits=%u", in->aux);
		return;
	case SIG_LOAD:
	case SIG_STORE:
		fprintf(out, " %+" PRId64 " mo=%u%s%s%s", (int64_t)in->imm, 8 * ir_memop_bytes(in->aux),
			in->aux & MO_SIGN ? "s" : "", in->aux & MO_BE ? "be" : "",
			in->aux & MO_ALIGN ? "a" : "");
		return;
	case SIG_STATE:
		fprintf(out, " [cpu+%" PRIu64 "]", in->imm);
		return;
	case SIG_CALL:
		fprintf(out, " %s", ((const IrHelper *)(uintptr_t)in->imm)->name);
		return;
	case SIG_BR:
		fprintf(out, " L%" PRIu64, in->imm);
		return;
	default:
		break;
	}
	if (in->op == IR_CONST || in->op == IR_INSN_START || in->op == IR_GOTO_BLOCK ||
	    in->op == IR_PUSH_RETURN)
		fprintf(out, " 0x%" PRIx64, in->imm);
	if (in->op == IR_GOTO_BLOCK)
		fprintf(out, " slot=%u", in->aux);
	if (in->op == IR_LOOKUP_JUMP && in->aux == IR_JUMP_RETURN)
		fprintf(out, " return");
	if (in->op == IR_LABEL || in->op == IR_JMP)
		fprintf(out, " L%" PRIu64, in->imm);
	if (in->op == IR_EXIT)
		fprintf(out, " %s pc=0x%" PRIx64, exit_name[in->aux % CPU_EXIT_COUNT], in->imm);
	if (in->op == IR_FENCE || in->op == IR_ITOF || in->op == IR_FTOI)
		fprintf(out, " aux=%u", in->aux);
	if (ir_op_is_farith((IrOp)in->op) && in->aux & IR_FARITH_DEFAULT_NAN)
		fprintf(out, " default_nan");
}

void ir_print_insn(const IrBlock *b, const IrInsn *in, FILE *out)
{
	const IrOpInfo *info = &ir_op_info[in->op];
	if (info->has_dst && in->dst)
		fprintf(out, "  t%u:%s = ", in->dst, ir_type_name[ir_temp_type(b, in->dst)]);
	else
		fprintf(out, "  ");
	fprintf(out, "%s", info->name);
	if (info->sig != SIG_NONE && !(info->sig == SIG_SAME && info->n_src == 0))
		fprintf(out, ".%s", ir_type_name[in->type]);
	unsigned n = info->sig == SIG_CALL ? 4 : info->n_src;
	const char *sep = " ";
	for (unsigned s = 0; s < n; s++) {
		if (in->src[s] == IR_NONE)
			continue;
		fprintf(out, "%st%u", sep, in->src[s]);
		sep = ", ";
	}
	print_extra(in, out);
	fputc('\n', out);
}

void ir_print(const IrBlock *b, FILE *out)
{
	fprintf(out, "IR block 0x%" PRIx64 " (%u guest insns, %u ops, %u temps)\n", b->guest_pc,
		b->guest_insns, b->n_insns, b->n_temps - 1);
	for (uint32_t i = 0; i < b->n_insns; i++)
		ir_print_insn(b, &b->insns[i], out);
}
