/*
 * The riscv64 GuestArch: the block translation (on the shared loop of
 * jit/translate_util.h) and the helpers every translator shares (translate.h). A block
 * is a run of guest instructions, each opened by an INSN_START; it ends at the first
 * unconditional control transfer, system instruction or fence.i (the translator emits
 * the exit and sets ctx->ended), at an undecodable instruction (an ILLEGAL exit at its
 * pc), at the instruction limit or before an instruction that cannot be fetched (a
 * chainable goto to it, so the fault is raised when it runs first). A conditional branch
 * does not end it: the taken path leaves through a side exit placed after the block's
 * last exit, and the not-taken path goes on in the same block, so the optimizer and the
 * register allocator see loop bodies and if-chains whole (up to RV_MAX_SIDE_EXITS of
 * them).
 */
#include "frontends/riscv64/translate.h"

#include "frontends/riscv64/fp_helpers.h"
#include "frontends/riscv64/rv_sys.h"
#include "jit/translate_util.h"

#define RV_MAX_BLOCK_INSNS 64

IrTemp rv_gpr(RvCtx *ctx, unsigned n)
{
	if (n == 0)
		return ir_const(ctx->b, IR_I64, 0);
	return ir_get(ctx->b, IR_I64, RV_OFF_X(n));
}

void rv_set_gpr(RvCtx *ctx, unsigned n, IrTemp v)
{
	if (n != 0)
		ir_put(ctx->b, IR_I64, RV_OFF_X(n), v);
	ctx->w32[n] = ctx->lo32[n] = IR_NONE;
}

void rv_set_gpr_w(RvCtx *ctx, unsigned n, IrTemp v32)
{
	rv_set_gpr(ctx, n, ir_exts(ctx->b, IR_I64, v32, 32));
	if (n != 0)
		ctx->w32[n] = ctx->lo32[n] = v32;
}

IrTemp rv_gpr_lo32(RvCtx *ctx, unsigned n)
{
	if (n == 0)
		return ir_const(ctx->b, IR_I32, 0);
	if (ctx->lo32[n] == IR_NONE)
		ctx->lo32[n] = ir_extu(ctx->b, IR_I32, rv_gpr(ctx, n), 32);
	return ctx->lo32[n];
}

IrTemp rv_gpr_w32(RvCtx *ctx, unsigned n)
{
	if (n == 0)
		return ir_const(ctx->b, IR_I32, 0);
	return ctx->w32[n];
}

IrTemp rv_fpr(RvCtx *ctx, unsigned n) { return ir_get(ctx->b, IR_I64, RV_OFF_F(n)); }

void rv_set_fpr(RvCtx *ctx, unsigned n, IrTemp v)
{
	ctx->f_boxed &= ~(UINT32_C(1) << n);
	ir_put(ctx->b, IR_I64, RV_OFF_F(n), v);
}

void rv_set_fpr_boxed(RvCtx *ctx, unsigned n, IrTemp v)
{
	ir_put(ctx->b, IR_I64, RV_OFF_F(n), v);
	ctx->f_boxed |= UINT32_C(1) << n;
}

IrTemp rv_addr(RvCtx *ctx, unsigned rs1, int64_t imm)
{
	IrTemp base = rv_gpr(ctx, rs1);
	if (imm == 0)
		return base;
	return ir_op2i(ctx->b, IR_ADD, IR_I64, base, (uint64_t)imm);
}

void rv_goto(RvCtx *ctx, uint64_t target, unsigned slot)
{
	ir_goto_block(ctx->b, target, slot);
	ctx->ended = true;
}

void rv_raise(RvCtx *ctx, unsigned cpu_exit)
{
	ir_exit(ctx->b, cpu_exit, ctx->pc);
	ctx->ended = true;
}

/* Reads the instruction at pc: its 32-bit form (compressed ones unexpanded) and length.
 * Returns false when it cannot be fetched. */
static bool rv_fetch(const GuestFetch *fetch, uint64_t pc, uint32_t *raw, unsigned *len)
{
	uint8_t b[4];
	if (fetch->read(fetch->opaque, pc, b, 2) != 0)
		return false;
	*raw = (uint32_t)b[0] | (uint32_t)b[1] << 8;
	*len = 2;
	if ((*raw & 3) != 3)
		return true;
	if (fetch->read(fetch->opaque, pc + 2, b + 2, 2) != 0)
		return false;
	*raw |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	*len = 4;
	return true;
}

/* Guest code read ahead in one fetch up to the end of its page (executability is per
 * page), so a block costs a few fetches rather than two per instruction. */
#define RV_FETCH_PAGE 4096u
typedef struct RvWindow {
	uint64_t pc;
	unsigned len;
	uint8_t bytes[256];
} RvWindow;

static bool rv_fetch_window(RvWindow *w, const GuestFetch *fetch, uint64_t pc, uint32_t *raw,
			    unsigned *len)
{
	if (pc < w->pc || pc + 4 > w->pc + w->len) {
		uint64_t to_page_end = RV_FETCH_PAGE - (pc & (RV_FETCH_PAGE - 1));
		unsigned n = to_page_end < sizeof w->bytes ? (unsigned)to_page_end : sizeof w->bytes;
		w->len = 0;
		if (n < 4 || fetch->read(fetch->opaque, pc, w->bytes, n) != 0)
			return rv_fetch(fetch, pc, raw, len);
		w->pc = pc;
		w->len = n;
	}
	const uint8_t *b = w->bytes + (pc - w->pc);
	*raw = (uint32_t)b[0] | (uint32_t)b[1] << 8;
	*len = 2;
	if ((*raw & 3) == 3) {
		*raw |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
		*len = 4;
	}
	return true;
}

/* One block's translation: what the shared loop (jit/translate_util.h) hands back. */
typedef struct RvTranslation {
	RvCtx ctx;
	const GuestFetch *fetch;
	RvWindow *win;
	uint64_t page; /* system mode: the page the block starts on */
} RvTranslation;

/* In system mode an instruction on another page is not fetched: the block ends with a
 * chainable goto to it (see rv_sys.h). */
static unsigned rv_fetch_insn(void *opaque, uint64_t pc, uint32_t *raw)
{
	RvTranslation *t = opaque;
	if (t->ctx.sys && (pc & ~(uint64_t)(RV_FETCH_PAGE - 1)) != t->page)
		return 0;
	return rv_fetch_window(t->win, t->fetch, pc, raw, &t->ctx.len) ? t->ctx.len : 0;
}

/* Translates one fetched instruction; false when it is undecodable or reserved, after
 * dropping the side exits its translator registered before it found out. */
static bool rv_translate_insn(void *opaque, uint64_t pc, uint32_t raw, bool *ended)
{
	RvCtx *ctx = &((RvTranslation *)opaque)->ctx;
	uint32_t word = raw;
	RvInsn in;
	ctx->pc = pc;
	ctx->ended = false;
	unsigned n_side = ctx->n_side;
	if ((ctx->len == 2 && !rv_expand16((uint16_t)raw, &word)) || !rv_decode32(word, &in))
		return false;
	if (ctx->sys)
		rv_sys_fp_guard(ctx, word);
	if (!in.pat->translate(ctx, &in)) {
		ctx->n_side = n_side;
		return false;
	}
	*ended = ctx->ended;
	return true;
}

static const IrTranslateOps rv_translate_ops = {
    .fetch = rv_fetch_insn,
    .translate = rv_translate_insn,
};

static void rv_translate(IrBlock *b, const GuestFetch *fetch, uint64_t pc, const RvSysHooks *sys)
{
	RvWindow win;
	win.len = 0;
	RvTranslation t = {.ctx = {.b = b, .sys = sys},
	                   .fetch = fetch,
	                   .win = &win,
	                   .page = pc & ~(uint64_t)(RV_FETCH_PAGE - 1)};
	RvCtx *ctx = &t.ctx;
	ir_translate_block(b, pc, RV_MAX_BLOCK_INSNS, &rv_translate_ops, &t);
	/* the side exits go after the block's last exit */
	for (unsigned i = 0; i < ctx->n_side; i++) {
		if (ctx->side[i].kind == RV_SIDE_FP_SLOW) {
			rv_fp_slow_exit(ctx, &ctx->side[i]);
			continue;
		}
		ir_label(b, ctx->side[i].label);
		if (ctx->side[i].kind == RV_SIDE_ILLEGAL)
			ir_exit(b, CPU_EXIT_ILLEGAL, ctx->side[i].target);
		else
			ir_goto_block(b, ctx->side[i].target, 1);
	}
}

static void rv_translate_block(IrBlock *b, const GuestFetch *fetch, uint64_t pc)
{
	rv_translate(b, fetch, pc, NULL);
}

void rv_translate_block_sys(IrBlock *b, const GuestFetch *fetch, uint64_t pc,
                            const RvSysHooks *sys)
{
	rv_translate(b, fetch, pc, sys);
}

unsigned rv_arch_disas(const GuestFetch *fetch, uint64_t pc, char *buf, size_t bufsz)
{
	uint32_t raw;
	unsigned len;
	if (!rv_fetch(fetch, pc, &raw, &len)) {
		if (bufsz)
			buf[0] = '\0';
		return 0;
	}
	rv_disas_insn(raw, len, pc, buf, bufsz);
	return len;
}

const GuestArch riscv64_arch = {
	.name = "riscv64",
	.cpu_size = sizeof(RiscvCpu),
	.max_block_insns = RV_MAX_BLOCK_INSNS,
	.translate = rv_translate_block,
	.disas = rv_arch_disas,
	.enter = rv_fp_enter,
	.sync_state = rv_fp_sync_state,
};
