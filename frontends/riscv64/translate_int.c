/*
 * Translators for the RV64I computational, control-transfer and system instructions
 * and the M extension. Full-width operations work on i64 temps; the W forms truncate
 * their operands to i32, operate there and sign-extend the result back to 64 bits.
 * Division follows RISC-V: the IR's x/0 = 0 becomes all ones with a select, while the
 * IR already gives x%0 = x and MIN/-1 = MIN with remainder 0.
 */
#include "frontends/riscv64/translate.h"

#define RV_TRANS(name) bool trans_##name(RvCtx *ctx, const RvInsn *in)

/* Bitwise ops keep sign extensions: on values that are sign-extended 32-bit ones (W
 * results, sign-extended immediates) they are computed in 32 bits, so chains of W
 * instructions and logic (shift-shift-or rotations, for one) stay in i32. */
static bool rv_bitwise(IrOp op)
{
	return op == IR_AND || op == IR_OR || op == IR_XOR;
}

static bool gen_r(RvCtx *ctx, const RvInsn *in, IrOp op)
{
	IrTemp a32 = rv_gpr_w32(ctx, in->rs1), c32 = rv_gpr_w32(ctx, in->rs2);
	if (rv_bitwise(op) && a32 != IR_NONE && c32 != IR_NONE) {
		rv_set_gpr_w(ctx, in->rd, ir_op2(ctx->b, op, IR_I32, a32, c32));
		return true;
	}
	IrTemp a = rv_gpr(ctx, in->rs1), c = rv_gpr(ctx, in->rs2);
	rv_set_gpr(ctx, in->rd, ir_op2(ctx->b, op, IR_I64, a, c));
	return true;
}

static bool gen_i(RvCtx *ctx, const RvInsn *in, IrOp op)
{
	IrTemp a32 = rv_gpr_w32(ctx, in->rs1);
	if (a32 != IR_NONE && rv_bitwise(op)) {
		rv_set_gpr_w(ctx, in->rd, ir_op2i(ctx->b, op, IR_I32, a32, (uint32_t)in->imm));
		return true;
	}
	IrTemp a = rv_gpr(ctx, in->rs1);
	rv_set_gpr(ctx, in->rd, ir_op2i(ctx->b, op, IR_I64, a, (uint64_t)in->imm));
	if (op == IR_ADD && in->imm == 0 && in->rd != 0 && in->rd != in->rs1) {
		ctx->w32[in->rd] = a32; /* mv keeps what is known of the value */
		ctx->lo32[in->rd] = ctx->lo32[in->rs1];
	}
	return true;
}

static bool gen_r_w(RvCtx *ctx, const RvInsn *in, IrOp op)
{
	IrTemp a = rv_gpr_lo32(ctx, in->rs1), c = rv_gpr_lo32(ctx, in->rs2);
	rv_set_gpr_w(ctx, in->rd, ir_op2(ctx->b, op, IR_I32, a, c));
	return true;
}

static bool gen_i_w(RvCtx *ctx, const RvInsn *in, IrOp op)
{
	IrTemp a = rv_gpr_lo32(ctx, in->rs1);
	rv_set_gpr_w(ctx, in->rd, ir_op2i(ctx->b, op, IR_I32, a, (uint32_t)in->imm));
	return true;
}

static bool gen_slt(RvCtx *ctx, IrTemp a, IrTemp c, IrCond cond, unsigned rd)
{
	rv_set_gpr(ctx, rd, ir_cmp(ctx->b, IR_I64, cond, a, c));
	return true;
}

/* Quotient with RISC-V's division by zero: every bit set, in the operation's width. */
static IrTemp rv_quotient(RvCtx *ctx, IrType t, IrOp op, IrTemp a, IrTemp c)
{
	IrBlock *b = ctx->b;
	IrTemp q = ir_op2(b, op, t, a, c);
	IrTemp zero = ir_cmp(b, t, IR_EQ, c, ir_const(b, t, 0));
	return ir_select(b, t, zero, ir_const(b, t, t == IR_I32 ? UINT32_MAX : UINT64_MAX), q);
}

static bool gen_div(RvCtx *ctx, const RvInsn *in, IrOp op)
{
	IrTemp a = rv_gpr(ctx, in->rs1), c = rv_gpr(ctx, in->rs2);
	rv_set_gpr(ctx, in->rd, rv_quotient(ctx, IR_I64, op, a, c));
	return true;
}

static bool gen_div_w(RvCtx *ctx, const RvInsn *in, IrOp op)
{
	IrTemp a = rv_gpr_lo32(ctx, in->rs1), c = rv_gpr_lo32(ctx, in->rs2);
	rv_set_gpr_w(ctx, in->rd, rv_quotient(ctx, IR_I32, op, a, c));
	return true;
}

/* name, generator, IR op: one translator per line. */
#define RV_SIMPLE_OPS(X)                                                                  \
	X(add, gen_r, IR_ADD) X(sub, gen_r, IR_SUB) X(sll, gen_r, IR_SHL)                 \
	X(srl, gen_r, IR_SHR) X(sra, gen_r, IR_SAR) X(xor, gen_r, IR_XOR)                 \
	X(or, gen_r, IR_OR) X(and, gen_r, IR_AND)                                         \
	X(addi, gen_i, IR_ADD) X(xori, gen_i, IR_XOR) X(ori, gen_i, IR_OR)                \
	X(andi, gen_i, IR_AND) X(slli, gen_i, IR_SHL) X(srli, gen_i, IR_SHR)              \
	X(srai, gen_i, IR_SAR)                                                            \
	X(addw, gen_r_w, IR_ADD) X(subw, gen_r_w, IR_SUB) X(sllw, gen_r_w, IR_SHL)        \
	X(srlw, gen_r_w, IR_SHR) X(sraw, gen_r_w, IR_SAR)                                 \
	X(addiw, gen_i_w, IR_ADD) X(slliw, gen_i_w, IR_SHL) X(srliw, gen_i_w, IR_SHR)     \
	X(sraiw, gen_i_w, IR_SAR)                                                         \
	X(mul, gen_r, IR_MUL) X(mulh, gen_r, IR_MULHS) X(mulhsu, gen_r, IR_MULHSU)        \
	X(mulhu, gen_r, IR_MULHU) X(div, gen_div, IR_DIVS) X(divu, gen_div, IR_DIVU)      \
	X(rem, gen_r, IR_REMS) X(remu, gen_r, IR_REMU)                                    \
	X(mulw, gen_r_w, IR_MUL) X(divw, gen_div_w, IR_DIVS) X(divuw, gen_div_w, IR_DIVU) \
	X(remw, gen_r_w, IR_REMS) X(remuw, gen_r_w, IR_REMU)

#define RV_DEF_SIMPLE(name, gen, op)                                                      \
	RV_TRANS(name) { return gen(ctx, in, op); }
RV_SIMPLE_OPS(RV_DEF_SIMPLE)
#undef RV_DEF_SIMPLE

RV_TRANS(slt) { return gen_slt(ctx, rv_gpr(ctx, in->rs1), rv_gpr(ctx, in->rs2), IR_LTS, in->rd); }
RV_TRANS(sltu) { return gen_slt(ctx, rv_gpr(ctx, in->rs1), rv_gpr(ctx, in->rs2), IR_LTU, in->rd); }
RV_TRANS(slti)
{
	IrTemp imm = ir_const(ctx->b, IR_I64, (uint64_t)in->imm);
	return gen_slt(ctx, rv_gpr(ctx, in->rs1), imm, IR_LTS, in->rd);
}
/* sltiu compares against the sign-extended immediate as an unsigned number. */
RV_TRANS(sltiu)
{
	IrTemp imm = ir_const(ctx->b, IR_I64, (uint64_t)in->imm);
	return gen_slt(ctx, rv_gpr(ctx, in->rs1), imm, IR_LTU, in->rd);
}

RV_TRANS(lui)
{
	rv_set_gpr(ctx, in->rd, ir_const(ctx->b, IR_I64, (uint64_t)in->imm));
	return true;
}

RV_TRANS(auipc)
{
	rv_set_gpr(ctx, in->rd, ir_const(ctx->b, IR_I64, ctx->pc + (uint64_t)in->imm));
	return true;
}

/* The calling convention's link registers, ra (x1) and t0 (x5): the spec's hint table
 * makes a jump that writes one a call (push) and a jalr through one that writes neither
 * a return (pop). A jalr through one link register into the other (pop, then push, for
 * coroutines) is only hinted as a call. */
static bool rv_is_link(unsigned r) { return r == 1 || r == 5; }

RV_TRANS(jal)
{
	uint64_t link = ctx->pc + ctx->len;
	rv_set_gpr(ctx, in->rd, ir_const(ctx->b, IR_I64, link));
	if (rv_is_link(in->rd))
		ir_push_return(ctx->b, link);
	rv_goto(ctx, ctx->pc + (uint64_t)in->imm, 0);
	return true;
}

/* The target is computed before rd is written: rd may be rs1. */
RV_TRANS(jalr)
{
	uint64_t link = ctx->pc + ctx->len;
	IrTemp target = ir_op2i(ctx->b, IR_AND, IR_I64, rv_addr(ctx, in->rs1, in->imm), ~1ull);
	rv_set_gpr(ctx, in->rd, ir_const(ctx->b, IR_I64, link));
	if (rv_is_link(in->rd)) {
		ir_push_return(ctx->b, link);
		ir_lookup_jump(ctx->b, target);
	} else if (rv_is_link(in->rs1)) {
		ir_lookup_return(ctx->b, target);
	} else {
		ir_lookup_jump(ctx->b, target);
	}
	ctx->ended = true;
	return true;
}

/* Taken: a side exit to the target (chain slot 1), and the block goes on with the next
 * instruction; once the block has all the side exits it may have, the branch ends it
 * (taken: slot 0 to the target, not taken: slot 1 to the next instruction). */
static bool gen_branch(RvCtx *ctx, const RvInsn *in, IrCond cond)
{
	IrBlock *b = ctx->b;
	IrTemp taken = ir_cmp(b, IR_I64, cond, rv_gpr(ctx, in->rs1), rv_gpr(ctx, in->rs2));
	uint32_t label = ir_new_label(b);
	uint64_t target = ctx->pc + (uint64_t)in->imm;
	ir_br(b, taken, label);
	if (ctx->n_side < RV_MAX_SIDE_EXITS) {
		ctx->side[ctx->n_side++] = (RvSideExit){.label = label, .target = target};
		return true;
	}
	ir_goto_block(b, ctx->pc + ctx->len, 1);
	ir_label(b, label);
	rv_goto(ctx, target, 0);
	return true;
}

RV_TRANS(beq) { return gen_branch(ctx, in, IR_EQ); }
RV_TRANS(bne) { return gen_branch(ctx, in, IR_NE); }
RV_TRANS(blt) { return gen_branch(ctx, in, IR_LTS); }
RV_TRANS(bge) { return gen_branch(ctx, in, IR_GES); }
RV_TRANS(bltu) { return gen_branch(ctx, in, IR_LTU); }
RV_TRANS(bgeu) { return gen_branch(ctx, in, IR_GEU); }

/* The syscall exit resumes after the ecall; the OS layer reads a7/a0.. from x[]. */
RV_TRANS(ecall)
{
	ir_exit(ctx->b, CPU_EXIT_SYSCALL, ctx->pc + ctx->len);
	ctx->ended = true;
	return true;
}

RV_TRANS(ebreak)
{
	rv_raise(ctx, CPU_EXIT_BREAKPOINT);
	return true;
}

/* fence pred,succ (imm = fm:pred:succ, each set IORW from bit 3 down). Device input
 * and output order like reads and writes of memory. */
RV_TRANS(fence)
{
	unsigned pred = (unsigned)in->imm >> 4 & 15, succ = (unsigned)in->imm & 15;
	bool pr = pred & 0xa, pw = pred & 0x5, sr = succ & 0xa, sw = succ & 0x5;
	unsigned kinds = (pr && sr ? IR_FENCE_LD_LD : 0) | (pr && sw ? IR_FENCE_LD_ST : 0) |
			 (pw && sr ? IR_FENCE_ST_LD : 0) | (pw && sw ? IR_FENCE_ST_ST : 0);
	if (kinds)
		ir_fence(ctx->b, kinds);
	return true;
}

/* fence.tso orders everything except earlier stores before later loads. */
RV_TRANS(fence_tso)
{
	ir_fence(ctx->b, IR_FENCE_LD_LD | IR_FENCE_LD_ST | IR_FENCE_ST_ST);
	return true;
}

/* The engine invalidates translations when code pages are written; ending the block
 * makes the next instruction come from a fresh lookup. */
/* fence.i: later instruction fetches must see this hart's earlier stores, so code the
 * program wrote since it was translated is translated again. */
RV_TRANS(fence_i)
{
	ir_exit(ctx->b, CPU_EXIT_SYNC_CODE, ctx->pc + ctx->len);
	ctx->ended = true;
	return true;
}
