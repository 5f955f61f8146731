/*
 * The IR block builder: the op-info table generated from ir_ops.h, temp and label
 * allocation, and one small builder function per kind of instruction. The builder never
 * reports errors midway; a failed allocation sets IrBlock.error, which the caller checks
 * once when the block is complete.
 */
#include "jit/ir.h"

#include <stdlib.h>
#include <string.h>

const IrOpInfo ir_op_info[IR_OP_COUNT] = {
#define IR_INFO(name, nsrc, dst, sig, flags) [IR_##name] = {#name, nsrc, dst, sig, flags},
	IR_OP_TABLE(IR_INFO)
#undef IR_INFO
};

const char *const ir_type_name[IR_TYPE_COUNT] = {"i32", "i64", "f32", "f64", "v128"};

void ir_block_init(IrBlock *b, uint64_t guest_pc)
{
	memset(b, 0, sizeof *b);
	ir_block_reset(b, guest_pc);
}

void ir_block_reset(IrBlock *b, uint64_t guest_pc)
{
	b->n_insns = 0;
	b->n_temps = 1; /* temp 0 is IR_NONE */
	b->n_labels = 0;
	b->guest_pc = guest_pc;
	b->guest_size = 0;
	b->guest_insns = 0;
	b->error = false;
}

bool ir_block_copy(IrBlock *dst, const IrBlock *src)
{
	*dst = *src;
	dst->insns = malloc((src->n_insns ? src->n_insns : 1) * sizeof *dst->insns);
	dst->temp_type = malloc(src->n_temps ? src->n_temps : 1);
	if (!dst->insns || !dst->temp_type) {
		ir_block_free(dst);
		return false;
	}
	memcpy(dst->insns, src->insns, src->n_insns * sizeof *dst->insns);
	if (src->n_temps)
		memcpy(dst->temp_type, src->temp_type, src->n_temps);
	dst->cap_insns = src->n_insns;
	dst->cap_temps = src->n_temps;
	return true;
}

void ir_block_free(IrBlock *b)
{
	free(b->insns);
	free(b->temp_type);
	memset(b, 0, sizeof *b);
}

static bool grow(void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	uint32_t ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	void *p = realloc(*arr, (size_t)ncap * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

IrTemp ir_new_temp(IrBlock *b, IrType type)
{
	if (b->error || !grow((void **)&b->temp_type, &b->cap_temps, b->n_temps + 1, 1)) {
		b->error = true;
		return IR_NONE;
	}
	b->temp_type[b->n_temps] = (uint8_t)type;
	return b->n_temps++;
}

uint32_t ir_new_label(IrBlock *b)
{
	return b->n_labels++;
}

uint32_t ir_emit(IrBlock *b, IrOp op, IrType type, uint16_t aux, IrTemp dst, IrTemp s0,
		 IrTemp s1, IrTemp s2, uint64_t imm)
{
	if (b->error || !grow((void **)&b->insns, &b->cap_insns, b->n_insns + 1, sizeof(IrInsn))) {
		b->error = true;
		return UINT32_MAX;
	}
	IrInsn *in = &b->insns[b->n_insns];
	*in = (IrInsn){.op = (uint8_t)op, .type = (uint8_t)type, .aux = aux, .dst = dst,
		       .src = {s0, s1, s2, IR_NONE}, .imm = imm};
	return b->n_insns++;
}

static IrTemp emit_def(IrBlock *b, IrOp op, IrType t, uint16_t aux, IrTemp s0, IrTemp s1,
		       IrTemp s2, uint64_t imm)
{
	IrTemp d = ir_new_temp(b, t);
	ir_emit(b, op, t, aux, d, s0, s1, s2, imm);
	return d;
}

IrTemp ir_const(IrBlock *b, IrType t, uint64_t v)
{
	if (t == IR_I32 || t == IR_F32)
		v = (uint32_t)v;
	return emit_def(b, IR_CONST, t, 0, 0, 0, 0, v);
}

IrTemp ir_get(IrBlock *b, IrType t, uint32_t offset)
{
	return emit_def(b, IR_GET, t, 0, 0, 0, 0, offset);
}

void ir_put(IrBlock *b, IrType t, uint32_t offset, IrTemp v)
{
	ir_emit(b, IR_PUT, t, 0, IR_NONE, v, 0, 0, offset);
}

IrTemp ir_op1(IrBlock *b, IrOp op, IrType t, IrTemp a)
{
	return emit_def(b, op, t, 0, a, 0, 0, 0);
}

IrTemp ir_op2(IrBlock *b, IrOp op, IrType t, IrTemp a, IrTemp c)
{
	return emit_def(b, op, t, 0, a, c, 0, 0);
}

IrTemp ir_op2i(IrBlock *b, IrOp op, IrType t, IrTemp a, uint64_t imm)
{
	return ir_op2(b, op, t, a, ir_const(b, t, imm));
}

IrTemp ir_cmp(IrBlock *b, IrType t, IrCond c, IrTemp x, IrTemp y)
{
	return emit_def(b, IR_CMP, t, (uint16_t)c, x, y, 0, 0);
}

IrTemp ir_fcmp(IrBlock *b, IrType t, IrFCond c, IrTemp x, IrTemp y)
{
	IrTemp d = ir_new_temp(b, IR_I64);
	ir_emit(b, IR_FCMP, t, (uint16_t)c, d, x, y, 0, 0);
	return d;
}

IrTemp ir_fcmp_sig(IrBlock *b, IrType t, IrFCond c, bool signaling, IrTemp x, IrTemp y)
{
	IrTemp d = ir_new_temp(b, IR_I64);
	ir_emit(b, IR_FCMP, t, (uint16_t)(c | (signaling ? IR_FCMP_SIGNALING : 0)), d, x, y, 0, 0);
	return d;
}

IrTemp ir_fop(IrBlock *b, IrOp op, IrType t, uint16_t aux, IrTemp a, IrTemp c)
{
	return emit_def(b, op, t, aux, a, c, 0, 0);
}

IrTemp ir_select(IrBlock *b, IrType t, IrTemp cond, IrTemp if_true, IrTemp if_false)
{
	return emit_def(b, IR_SELECT, t, 0, cond, if_true, if_false, 0);
}

IrTemp ir_exts(IrBlock *b, IrType t, IrTemp a, unsigned bits)
{
	return emit_def(b, IR_EXTS, t, (uint16_t)bits, a, 0, 0, 0);
}

IrTemp ir_extu(IrBlock *b, IrType t, IrTemp a, unsigned bits)
{
	return emit_def(b, IR_EXTU, t, (uint16_t)bits, a, 0, 0, 0);
}

IrTemp ir_conv(IrBlock *b, IrOp op, IrType t, IrTemp a, uint16_t aux)
{
	return emit_def(b, op, t, aux, a, 0, 0, 0);
}

IrTemp ir_load(IrBlock *b, IrType t, unsigned memop, IrTemp addr, int64_t offset)
{
	return emit_def(b, IR_LOAD, t, (uint16_t)memop, addr, 0, 0, (uint64_t)offset);
}

void ir_store(IrBlock *b, IrType t, unsigned memop, IrTemp addr, int64_t offset, IrTemp v)
{
	ir_emit(b, IR_STORE, t, (uint16_t)memop, IR_NONE, addr, v, 0, (uint64_t)offset);
}

void ir_fence(IrBlock *b, unsigned kinds)
{
	ir_emit(b, IR_FENCE, IR_I64, (uint16_t)kinds, 0, 0, 0, 0, 0);
}

IrTemp ir_vconst(IrBlock *b, uint64_t imm, bool splat)
{
	return emit_def(b, IR_CONST, IR_V128, splat ? IR_VCONST_SPLAT : 0, 0, 0, 0, imm);
}

IrTemp ir_vop1(IrBlock *b, IrOp op, uint16_t aux, IrTemp a)
{
	return emit_def(b, op, IR_V128, aux, a, 0, 0, 0);
}

IrTemp ir_vop2(IrBlock *b, IrOp op, uint16_t aux, IrTemp a, IrTemp c)
{
	return emit_def(b, op, IR_V128, aux, a, c, 0, 0);
}

IrTemp ir_vshift(IrBlock *b, IrOp op, unsigned bits, IrTemp a, unsigned count)
{
	return emit_def(b, op, IR_V128, (uint16_t)bits, a, 0, 0, count);
}

IrTemp ir_vdup(IrBlock *b, unsigned bits, IrTemp x)
{
	return emit_def(b, IR_VDUP, IR_V128, (uint16_t)bits, x, 0, 0, 0);
}

IrTemp ir_vgetlane(IrBlock *b, IrType t, unsigned bits, unsigned lane, IrTemp v)
{
	return emit_def(b, IR_VGETLANE, t, IR_VAUX(bits, lane), v, 0, 0, 0);
}

IrTemp ir_vsetlane(IrBlock *b, unsigned bits, unsigned lane, IrTemp v, IrTemp x)
{
	return emit_def(b, IR_VSETLANE, IR_V128, IR_VAUX(bits, lane), v, x, 0, 0);
}

IrTemp ir_vpair(IrBlock *b, IrTemp lo, IrTemp hi)
{
	return emit_def(b, IR_VPAIR, IR_V128, 0, lo, hi, 0, 0);
}

IrTemp ir_call(IrBlock *b, const IrHelper *h, IrTemp a0, IrTemp a1, IrTemp a2, IrTemp a3)
{
	IrTemp d = ir_new_temp(b, IR_I64);
	uint32_t i = ir_emit(b, IR_CALL, IR_I64, 0, d, a0, a1, a2, (uint64_t)(uintptr_t)h);
	if (i != UINT32_MAX)
		b->insns[i].src[3] = a3;
	return d;
}

void ir_label(IrBlock *b, uint32_t label)
{
	ir_emit(b, IR_LABEL, IR_I64, 0, 0, 0, 0, 0, label);
}

void ir_br(IrBlock *b, IrTemp cond, uint32_t label)
{
	ir_emit(b, IR_BR, IR_I64, 0, 0, cond, 0, 0, label);
}

void ir_jmp(IrBlock *b, uint32_t label)
{
	ir_emit(b, IR_JMP, IR_I64, 0, 0, 0, 0, 0, label);
}

void ir_insn_start(IrBlock *b, uint64_t guest_pc)
{
	ir_emit(b, IR_INSN_START, IR_I64, 0, 0, 0, 0, 0, guest_pc);
}

void ir_goto_block(IrBlock *b, uint64_t guest_pc, unsigned slot)
{
	ir_emit(b, IR_GOTO_BLOCK, IR_I64, (uint16_t)slot, 0, 0, 0, 0, guest_pc);
}

void ir_lookup_jump(IrBlock *b, IrTemp pc)
{
	ir_emit(b, IR_LOOKUP_JUMP, ir_temp_type(b, pc), 0, 0, pc, 0, 0, 0);
}

void ir_lookup_return(IrBlock *b, IrTemp pc)
{
	ir_emit(b, IR_LOOKUP_JUMP, ir_temp_type(b, pc), IR_JUMP_RETURN, 0, pc, 0, 0, 0);
}

void ir_push_return(IrBlock *b, uint64_t return_pc)
{
	ir_emit(b, IR_PUSH_RETURN, IR_I64, 0, 0, 0, 0, 0, return_pc);
}

void ir_exit(IrBlock *b, unsigned cpu_exit, uint64_t pc)
{
	ir_emit(b, IR_EXIT, IR_I64, (uint16_t)cpu_exit, 0, 0, 0, 0, pc);
}
