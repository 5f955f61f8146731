/*
 * The aarch64 GuestArch: the block translation (on the shared loop of
 * jit/translate_util.h) and the register helpers every translator shares (translate.h).
 * A block is a run of guest instructions, each opened by an INSN_START; it ends at the
 * first branch, exception-generating instruction or isb (the translator emits the exit
 * and sets ctx->ended), at an undecodable or reserved instruction (an ILLEGAL exit at
 * its pc), at the instruction limit, or before an instruction that cannot be fetched (a
 * chainable goto to it, so the fault is raised when it runs first). A64 instructions are
 * 4 bytes and little-endian in user mode.
 */
#include "frontends/aarch64/translate.h"

#include "frontends/aarch64/fp_helpers.h"
#include "jit/translate_util.h"

#include <stddef.h>

#define A64_MAX_BLOCK_INSNS 64

IrTemp a64_const(A64Ctx *ctx, uint64_t v)
{
	return ir_const(ctx->b, IR_I64, v);
}

IrTemp a64_x(A64Ctx *ctx, unsigned n)
{
	if (n == 31)
		return a64_const(ctx, 0);
	return ir_get(ctx->b, IR_I64, A64_OFF_X(n));
}

IrTemp a64_x_sp(A64Ctx *ctx, unsigned n)
{
	return ir_get(ctx->b, IR_I64, A64_OFF_X(n));
}

void a64_set_x_sp(A64Ctx *ctx, unsigned n, IrTemp v, bool sf)
{
	if (!sf)
		v = ir_extu(ctx->b, IR_I64, v, 32);
	ir_put(ctx->b, IR_I64, A64_OFF_X(n), v);
}

void a64_set_x(A64Ctx *ctx, unsigned n, IrTemp v, bool sf)
{
	if (n != 31)
		a64_set_x_sp(ctx, n, v, sf);
}

IrTemp a64_lo32(A64Ctx *ctx, IrTemp v)
{
	return ir_extu(ctx->b, IR_I32, v, 32);
}

IrTemp a64_zext32(A64Ctx *ctx, IrTemp v32)
{
	return ir_extu(ctx->b, IR_I64, v32, 32);
}

void a64_goto(A64Ctx *ctx, uint64_t target, unsigned slot)
{
	ir_goto_block(ctx->b, target, slot);
	ctx->ended = true;
}

void a64_raise(A64Ctx *ctx, unsigned cpu_exit)
{
	ir_exit(ctx->b, cpu_exit, ctx->pc);
	ctx->ended = true;
}

void a64_end_after(A64Ctx *ctx, unsigned cpu_exit)
{
	ir_exit(ctx->b, cpu_exit, ctx->pc + 4);
	ctx->ended = true;
}

void a64_check_aligned(A64Ctx *ctx, IrTemp addr, unsigned size)
{
	IrBlock *b = ctx->b;
	if (size == 1)
		return;
	IrTemp low = ir_op2i(b, IR_AND, IR_I64, addr, size - 1);
	IrTemp ok = ir_cmp(b, IR_I64, IR_EQ, low, a64_const(ctx, 0));
	uint32_t label = ir_new_label(b);
	ir_br(b, ok, label);
	ir_put(b, IR_I64, (uint32_t)offsetof(CpuCommon, fault_addr), addr);
	ir_exit(b, CPU_EXIT_MISALIGNED, ctx->pc);
	ir_label(b, label);
}

static bool a64_fetch(const GuestFetch *fetch, uint64_t pc, uint32_t *raw)
{
	uint8_t b[4];
	if (fetch->read(fetch->opaque, pc, b, 4) != 0)
		return false;
	*raw = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return true;
}

/* One block's translation: what the shared loop (jit/translate_util.h) hands back. */
typedef struct A64Translation {
	A64Ctx ctx;
	const GuestFetch *fetch;
} A64Translation;

static unsigned a64_fetch_insn(void *opaque, uint64_t pc, uint32_t *raw)
{
	const A64Translation *t = opaque;
	return a64_fetch(t->fetch, pc, raw) ? 4 : 0;
}

/* Translates one instruction; false when it is undecodable or reserved. */
static bool a64_translate_insn(void *opaque, uint64_t pc, uint32_t raw, bool *ended)
{
	A64Ctx *ctx = &((A64Translation *)opaque)->ctx;
	A64Insn in;
	ctx->pc = pc;
	ctx->ended = false;
	if (!a64_decode(raw, &in) || !in.pat->translate(ctx, &in))
		return false;
	*ended = ctx->ended;
	return true;
}

static const IrTranslateOps a64_translate_ops = {
    .fetch = a64_fetch_insn,
    .translate = a64_translate_insn,
};

static void a64_translate_block(IrBlock *b, const GuestFetch *fetch, uint64_t pc)
{
	A64Translation t = {.ctx = {.b = b}, .fetch = fetch};
	t.ctx.fl.op = A64_FL_UNKNOWN;
	ir_translate_block(b, pc, A64_MAX_BLOCK_INSNS, &a64_translate_ops, &t);
}

static unsigned a64_disas(const GuestFetch *fetch, uint64_t pc, char *buf, size_t bufsz)
{
	uint32_t raw;
	if (!a64_fetch(fetch, pc, &raw)) {
		if (bufsz)
			buf[0] = '\0';
		return 0;
	}
	a64_disas_insn(raw, pc, buf, bufsz);
	return 4;
}

const GuestArch aarch64_arch = {
    .name = "aarch64",
    .cpu_size = sizeof(A64Cpu),
    .max_block_insns = A64_MAX_BLOCK_INSNS,
    .translate = a64_translate_block,
    .disas = a64_disas,
    .enter = a64_fp_enter,
    .sync_state = a64_fp_sync_state,
};
