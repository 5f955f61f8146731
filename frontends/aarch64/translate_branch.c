/*
 * Translators for branches. Direct branches end the block with chainable gotos: slot 0
 * for the taken target, slot 1 for the fall-through of a conditional branch. bl and blr
 * push the return address as a prediction hint; ret is a return-hinted indirect jump.
 * b.cond takes its condition from the flags the block knows (a64_flags.c), so
 * `cmp; b.cond` compiles to one compare and branch.
 */
#include "frontends/aarch64/translate.h"

A64_TRANS(b)
{
	a64_goto(ctx, ctx->pc + (uint64_t)in->imm, 0);
	return true;
}

A64_TRANS(bl)
{
	uint64_t link = ctx->pc + 4;
	a64_set_x(ctx, A64_LR, a64_const(ctx, link), true);
	ir_push_return(ctx->b, link);
	a64_goto(ctx, ctx->pc + (uint64_t)in->imm, 0);
	return true;
}

/* Taken: slot 0 to the target; not taken: slot 1 to the next instruction. */
static bool a64_branch_if(A64Ctx *ctx, IrTemp taken, int64_t offset)
{
	IrBlock *b = ctx->b;
	uint32_t label = ir_new_label(b);
	ir_br(b, taken, label);
	ir_goto_block(b, ctx->pc + 4, 1);
	ir_label(b, label);
	a64_goto(ctx, ctx->pc + (uint64_t)offset, 0);
	return true;
}

A64_TRANS(bcond)
{
	if (in->cond >= 14) {
		a64_goto(ctx, ctx->pc + (uint64_t)in->imm, 0);
		return true;
	}
	return a64_branch_if(ctx, a64_cond(ctx, in->cond), in->imm);
}

static bool a64_cb(A64Ctx *ctx, const A64Insn *in, IrCond c)
{
	IrBlock *b = ctx->b;
	IrTemp v = a64_x(ctx, in->rd);
	IrTemp t = in->sf ? ir_cmp(b, IR_I64, c, v, a64_const(ctx, 0))
	                  : ir_cmp(b, IR_I32, c, a64_lo32(ctx, v), ir_const(b, IR_I32, 0));
	return a64_branch_if(ctx, t, in->imm);
}

A64_TRANS(cbz)
{
	return a64_cb(ctx, in, IR_EQ);
}
A64_TRANS(cbnz)
{
	return a64_cb(ctx, in, IR_NE);
}

static bool a64_tb(A64Ctx *ctx, const A64Insn *in, IrCond c)
{
	IrBlock *b = ctx->b;
	IrTemp bit = ir_op2i(b, IR_AND, IR_I64, a64_x(ctx, in->rd), 1ull << in->imm2);
	return a64_branch_if(ctx, ir_cmp(b, IR_I64, c, bit, a64_const(ctx, 0)), in->imm);
}

A64_TRANS(tbz)
{
	return a64_tb(ctx, in, IR_EQ);
}
A64_TRANS(tbnz)
{
	return a64_tb(ctx, in, IR_NE);
}

A64_TRANS(br)
{
	ir_lookup_jump(ctx->b, a64_x(ctx, in->rn));
	ctx->ended = true;
	return true;
}

/* The target is read before x30 is written: blr x30 jumps to the old value. */
A64_TRANS(blr)
{
	uint64_t link = ctx->pc + 4;
	IrTemp target = a64_x(ctx, in->rn);
	a64_set_x(ctx, A64_LR, a64_const(ctx, link), true);
	ir_push_return(ctx->b, link);
	ir_lookup_jump(ctx->b, target);
	ctx->ended = true;
	return true;
}

A64_TRANS(ret)
{
	ir_lookup_return(ctx->b, a64_x(ctx, in->rn));
	ctx->ended = true;
	return true;
}
