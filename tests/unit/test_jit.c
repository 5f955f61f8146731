/*
 * The x86-64 JIT against the IR interpreter. Random blocks (every integer op in both
 * types, compares, selects, extensions, loads and stores of every size, sign and byte
 * order, aligned accesses, floating point, v128 vector ops of every lane width, helper
 * calls, forward branches, early exits)
 * run once on each executor from the same state; the guest state, memory and the way
 * the block left must be identical, and so must the MXCSR exception flags the block
 * raised unless it converts between integers and floats (whose flags the IR leaves
 * unspecified). The blocks run as generated and after the optimizer,
 * with and without the optional bit-count instructions, with guest_base zero (no base
 * register) and not. Then the pieces around single blocks: precise faults on a
 * PROT_NONE page, linking a direct exit, the inline jump-cache lookup, exit requests,
 * and whole loops through the engine with a toy frontend.
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xmmintrin.h>

#include "jit/engine.h"
#include "jit/fault.h"
#include "jit/x86_64/backend.h"
#include "jit/x86_64/emit.h"
#include "tests/unit/ir_test_util.h"

#define MEM_SIZE 256

static uint64_t rng_state;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint64_t interesting(void)
{
	static const uint64_t v[] = {0,
	                             1,
	                             2,
	                             ~0ull,
	                             0x7fffffffffffffffull,
	                             0x8000000000000000ull,
	                             0xffffffffull,
	                             0x80000000ull,
	                             0x7fffffffull,
	                             0xffffffff80000000ull,
	                             0x3ff0000000000000ull, /* 1.0 */
	                             0x7ff8000000000000ull, /* NaN */
	                             0x7ff0000000000001ull, /* signalling NaN */
	                             0xfff0000000000000ull, /* -inf */
	                             0x43e0000000000000ull, /* 2^63 */
	                             0x7fc00000ull,         /* f32 NaN */
	                             0x4f800000ull,         /* f32 2^32 */
	                             0xcf000000ull,         /* f32 -2^31 */
	                             0x41f0000000000000ull, /* 2^32 */
	                             0x7f800001ull,         /* f32 signalling NaN */
	                             0x00800001ull,         /* f32 just above the normal minimum */
	                             0x0010000000000001ull, /* same, f64 */
	                             0x3feffffffffffffeull, /* 1 - 2^-52 */
	                             0xc1e0000000000000ull, /* -2^31 */
	                             63,
	                             64,
	                             31,
	                             32};
	unsigned n = sizeof v / sizeof v[0];
	uint64_t r = rng();
	return r % 3 ? v[r % n] : rng() >> (rng() % 64);
}

/* Test helper: reads and writes guest state, mixes all four arguments. */
static uint64_t mix_helper(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	ToyCpu *t = cpu;
	t->r[6] += a0;
	return (a0 * 3 + (a1 ^ a2)) - a3 + t->r[5];
}
static const IrHelper mix = {"mix", mix_helper, IRH_READS_STATE | IRH_WRITES_STATE};

typedef struct Gen {
	IrBlock *b;
	IrTemp pool[2][256]; /* [0] i32, [1] i64 */
	unsigned n[2];
	IrTemp vpool[256]; /* v128 */
	unsigned nv, saved_nv;
	uint64_t mem_guest; /* guest address of the test memory */
	uint64_t pc;
	int open_label; /* label of an open forward branch, or -1 */
	unsigned saved_n[2];
	bool converts;    /* has ITOF, FTOI or FCVT */
	uint32_t side[8]; /* side exits: labels placed after the block's last exit */
	uint64_t side_pc[8];
	unsigned n_side;
} Gen;

static IrType rand_int_type(void)
{
	return rng() % 3 ? IR_I64 : IR_I32;
}

static IrTemp pick(Gen *g, IrType t)
{
	unsigned k = t == IR_I64;
	return g->pool[k][rng() % g->n[k]];
}

static void add(Gen *g, IrType t, IrTemp v)
{
	unsigned k = t == IR_I64;
	if (g->n[k] < 256)
		g->pool[k][g->n[k]++] = v;
}

static void gen_arith(Gen *g)
{
	static const IrOp bin[] = {IR_ADD,  IR_SUB,  IR_MUL,  IR_MULHS, IR_MULHU, IR_MULHSU,
	                           IR_DIVS, IR_DIVU, IR_REMS, IR_REMU,  IR_AND,   IR_OR,
	                           IR_XOR,  IR_SHL,  IR_SHR,  IR_SAR,   IR_ROTL,  IR_ROTR};
	static const IrOp un[] = {IR_NEG, IR_NOT, IR_BSWAP, IR_CLZ, IR_CTZ, IR_POPCNT};
	IrType t = rand_int_type();
	IrBlock *b = g->b;
	switch (rng() % 5) {
	case 0:
	case 1: add(g, t, ir_op2(b, bin[rng() % 18], t, pick(g, t), pick(g, t))); break;
	case 2: add(g, t, ir_op1(b, un[rng() % 6], t, pick(g, t))); break;
	case 3:
		add(g, t, ir_cmp(b, t, (IrCond)(rng() % IR_COND_COUNT), pick(g, t), pick(g, t)));
		break;
	default:
		add(g, t, ir_select(b, t, pick(g, rand_int_type()), pick(g, t), pick(g, t)));
		break;
	}
}

static void gen_ext(Gen *g)
{
	static const unsigned widths[] = {1, 7, 8, 16, 31, 32, 33, 48, 63, 64};
	IrType t = rand_int_type();
	unsigned bits = widths[rng() % 10];
	if (bits > (t == IR_I32 ? 32u : 64u))
		bits = 32;
	IrTemp src = pick(g, rand_int_type());
	add(g, t, rng() & 1 ? ir_exts(g->b, t, src, bits) : ir_extu(g->b, t, src, bits));
}

/* An address inside the test memory, as an i64 or (sometimes) an i32 temp. */
static IrTemp gen_addr(Gen *g, int64_t *offset)
{
	IrBlock *b = g->b;
	IrTemp idx = ir_op2(b, IR_AND, IR_I64, pick(g, IR_I64), ir_const(b, IR_I64, 0x7f));
	IrTemp a = ir_op2(b, IR_ADD, IR_I64, idx, ir_const(b, IR_I64, g->mem_guest + 64));
	*offset = (int64_t)(rng() % 64) - 32;
	if (rng() % 4 == 0)
		return ir_extu(b, IR_I32, a, 32);
	return a;
}

static void gen_mem(Gen *g)
{
	unsigned mo = (unsigned)(rng() % 4) | (rng() & 1 ? MO_SIGN : 0) | (rng() % 4 ? 0 : MO_BE) |
	              (rng() % 8 ? 0 : MO_ALIGN);
	IrType t = (mo & MO_SIZE) == MO_64 ? IR_I64 : rand_int_type();
	int64_t off;
	IrTemp a = gen_addr(g, &off);
	if (rng() & 1)
		add(g, t, ir_load(g->b, t, mo, a, off));
	else
		ir_store(g->b, t, mo & ~MO_SIGN, a, off, pick(g, t));
}

static IrTemp as_float(Gen *g, IrType ft)
{
	IrType it = ft == IR_F32 ? IR_I32 : IR_I64;
	return ir_conv(g->b, IR_BITCAST, ft, pick(g, it), 0);
}

static void gen_fp(Gen *g)
{
	static const IrOp arith[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT};
	IrBlock *b = g->b;
	IrType ft = rng() & 1 ? IR_F64 : IR_F32, it = rand_int_type();
	IrTemp x = as_float(g, ft), r;
	switch (rng() % 5) {
	case 0: {
		IrOp op = arith[rng() % 5];
		uint16_t aux = rng() & 1 ? IR_FARITH_DEFAULT_NAN : 0;
		r = ir_fop(b, op, ft, aux, x, op == IR_FSQRT ? IR_NONE : as_float(g, ft));
		break;
	}
	case 1:
		add(g, IR_I64,
		    ir_fcmp_sig(b, ft, (IrFCond)(rng() % IR_FCOND_COUNT), rng() & 1, x,
		                as_float(g, ft)));
		return;
	case 2:
		add(g, it, ir_conv(b, IR_FTOI, it, x, rng() & 1));
		g->converts = true;
		return;
	case 3: r = ir_conv(b, IR_ITOF, ft, pick(g, it), rng() & 1); break;
	default:
		r = ir_conv(b, IR_FCVT, ft == IR_F32 ? IR_F64 : IR_F32, x, 0);
		ft = ft == IR_F32 ? IR_F64 : IR_F32;
		break;
	}
	g->converts |= ir_op_info[b->insns[b->n_insns - 1].op].sig == SIG_CONV;
	IrType back = ft == IR_F32 ? IR_I32 : IR_I64;
	add(g, back, ir_conv(b, IR_BITCAST, back, r, 0));
}

static IrTemp vpick(Gen *g)
{
	return g->vpool[rng() % g->nv];
}

static void vadd(Gen *g, IrTemp v)
{
	if (g->nv < 256)
		g->vpool[g->nv++] = v;
}

static unsigned lane_bits(unsigned allowed) /* allowed: bit n for 8 << n */
{
	unsigned bits;
	do
		bits = 8u << (rng() % 4);
	while (!(allowed & (bits >> 3)));
	return bits;
}

static IrTemp gen_vconst(Gen *g)
{
	static const uint64_t v[] = {0, ~0ull, 0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full,
	                             0x0001000200030004ull, 0x0f0e0d0c0b0a0908ull};
	uint64_t x = rng() % 2 ? v[rng() % 6] : rng();
	return ir_vconst(g->b, x, rng() % 4 != 0);
}

/* Two-source lane-wise ops with the widths each allows (ir_verify.c). */
static void gen_vbinary(Gen *g)
{
	static const struct { IrOp op; unsigned lanes; unsigned args; } ops[] = {
		{IR_AND, 0, 0}, {IR_OR, 0, 0},      {IR_XOR, 0, 0},   {IR_ANDN, 0, 0},
		{IR_ADD, 15, 0}, {IR_SUB, 15, 0},   {IR_MUL, 6, 0},   {IR_VMIN, 7, 2},
		{IR_VMAX, 7, 2}, {IR_VPERM, 15, IR_VPERM_COUNT},      {IR_VTBL, 1, 0},
		{IR_CMP, 15, 3}, {IR_VEXT, 0, 16},
	};
	unsigned k = (unsigned)(rng() % (sizeof ops / sizeof ops[0]));
	IrBlock *b = g->b;
	IrTemp x = vpick(g), y = vpick(g);
	unsigned arg = ops[k].args ? (unsigned)(rng() % ops[k].args) : 0;
	uint16_t aux;
	if (ops[k].op == IR_CMP)
		arg = (unsigned[]){IR_EQ, IR_GTS, IR_GTU}[arg];
	if (ops[k].op == IR_VEXT)
		aux = (uint16_t)arg;
	else
		aux = ops[k].lanes ? IR_VAUX(lane_bits(ops[k].lanes), arg) : 0;
	if (ops[k].op == IR_VTBL && rng() % 2) /* indices mostly in range */
		y = ir_vop2(b, IR_AND, 0, y, ir_vconst(b, 0x1f1f1f1f1f1f1f1full, true));
	vadd(g, ir_vop2(b, ops[k].op, aux, x, y));
}

static void gen_vunary(Gen *g)
{
	IrBlock *b = g->b;
	IrTemp x = vpick(g);
	unsigned bits;
	switch (rng() % 6) {
	case 0: vadd(g, ir_vop1(b, IR_NOT, 0, x)); break;
	case 1: {
		static const IrOp sh[] = {IR_VSHLI, IR_VSHRI, IR_VSARI};
		IrOp op = sh[rng() % 3];
		bits = lane_bits(op == IR_VSARI ? 7 : 15);
		vadd(g, ir_vshift(b, op, bits, x, (unsigned)(rng() % (bits + 1))));
		break;
	}
	case 2: {
		bits = lane_bits(7);
		unsigned s = (unsigned)__builtin_ctz(bits) - 3, container = s + 1 + (unsigned)(rng() % (3 - s));
		vadd(g, ir_vop1(b, IR_VREV, IR_VAUX(bits, container), x));
		break;
	}
	case 3: vadd(g, ir_vop1(b, IR_VWIDEN, IR_VAUX(lane_bits(7), rng() % 4), x)); break;
	case 4: vadd(g, ir_vop1(b, IR_VNARROW, (uint16_t)lane_bits(14), x)); break;
	default: vadd(g, ir_op1(b, IR_MOV, IR_V128, x)); break;
	}
}

/* Moves between vectors, integers, guest state and memory. */
static void gen_vmove(Gen *g)
{
	IrBlock *b = g->b;
	unsigned bits = lane_bits(15), lane = (unsigned)(rng() % (128 / bits));
	IrType t = bits == 64 ? IR_I64 : rand_int_type();
	int64_t off;
	switch (rng() % 9) {
	case 0: vadd(g, ir_vdup(b, bits, pick(g, rand_int_type()))); break;
	case 7: vadd(g, ir_vpair(b, pick(g, IR_I64), pick(g, IR_I64))); break;
	case 8: /* halves of a vector register, read back whole by a later GET */
		ir_put(b, IR_I64, TOY_V(rng() % 4) + 8 * (rng() % 2), pick(g, IR_I64));
		vadd(g, ir_get(b, IR_V128, TOY_V(rng() % 4)));
		break;
	case 1: add(g, t, ir_vgetlane(b, t, bits, lane, vpick(g))); break;
	case 2: vadd(g, ir_vsetlane(b, bits, lane, vpick(g), pick(g, rand_int_type()))); break;
	case 3: ir_put(b, IR_V128, TOY_V(rng() % 4), vpick(g)); break;
	case 4: vadd(g, gen_vconst(g)); break;
	default: {
		unsigned mo = rng() % 2 ? MO_64 | MO_128 : (unsigned)(rng() % 4);
		mo |= rng() % 8 ? 0 : MO_ALIGN;
		IrTemp a = gen_addr(g, &off);
		if (rng() & 1)
			vadd(g, ir_load(b, IR_V128, mo, a, off));
		else
			ir_store(b, IR_V128, mo, a, off, vpick(g));
		break;
	}
	}
}

static void gen_vec(Gen *g)
{
	switch (rng() % 3) {
	case 0: gen_vbinary(g); break;
	case 1: gen_vunary(g); break;
	default: gen_vmove(g); break;
	}
}

static void gen_state(Gen *g)
{
	IrBlock *b = g->b;
	if (rng() % 3 == 0)
		ir_put(b, IR_I32, TOY_W(rng() % 2), pick(g, IR_I32));
	else
		ir_put(b, IR_I64, TOY_R(rng() % 8), pick(g, IR_I64));
}

static void gen_call(Gen *g)
{
	IrTemp a[4] = {IR_NONE, IR_NONE, IR_NONE, IR_NONE};
	unsigned n = (unsigned)(rng() % 5);
	for (unsigned k = 0; k < n; k++)
		a[k] = pick(g, rand_int_type());
	add(g, IR_I64, ir_call(g->b, &mix, a[0], a[1], a[2], a[3]));
}

static void gen_exit(Gen *g, IrTemp target)
{
	IrBlock *b = g->b;
	switch (rng() % 3) {
	case 0: ir_exit(b, (unsigned)(1 + rng() % (CPU_EXIT_HALT)), g->pc + rng() % 64); break;
	case 1:
		if (rng() & 1)
			ir_push_return(b, g->pc + 4);
		ir_goto_block(b, g->pc + 4 * (rng() % 64), (unsigned)(rng() & 1));
		break;
	default:
		if (rng() & 1) {
			ir_lookup_return(b, target);
		} else {
			if (rng() & 1)
				ir_push_return(b, g->pc + 4);
			ir_lookup_jump(b, target);
		}
		break;
	}
}

/* Opens or closes a forward branch; temps defined inside are dropped at the label. */
static void gen_control(Gen *g)
{
	IrBlock *b = g->b;
	if (g->open_label >= 0) {
		ir_label(b, (uint32_t)g->open_label);
		g->open_label = -1;
		g->n[0] = g->saved_n[0];
		g->n[1] = g->saved_n[1];
		g->nv = g->saved_nv;
		return;
	}
	uint32_t l = ir_new_label(b);
	if (g->n_side < 8 && rng() % 3 == 0) {
		/* A superblock's side exit: later instruction boundaries lie in between. */
		IrType t = rand_int_type();
		IrTemp c = rng() & 1 ? ir_cmp(b, t, (IrCond)(rng() % IR_COND_COUNT), pick(g, t),
		                              pick(g, t))
		                     : pick(g, t);
		ir_br(b, c, l);
		g->side_pc[g->n_side] = g->pc + 4 * (rng() % 64);
		g->side[g->n_side++] = l;
		ir_insn_start(b, g->pc += 4);
		return;
	}
	ir_br(b, pick(g, rand_int_type()), l);
	if (rng() % 3 == 0) {
		gen_state(g);
		gen_exit(g, pick(g, IR_I64));
		ir_label(b, l);
		return;
	}
	g->open_label = (int)l;
	g->saved_n[0] = g->n[0];
	g->saved_n[1] = g->n[1];
	g->saved_nv = g->nv;
}

/* Returns whether the block's exception flags are defined (it does not convert). */
static bool random_block(IrBlock *b, uint64_t mem_guest)
{
	Gen g = {.b = b, .mem_guest = mem_guest, .pc = 0x1000, .open_label = -1};
	ir_block_init(b, g.pc);
	ir_insn_start(b, g.pc);
	for (unsigned r = 0; r < 8; r++)
		add(&g, IR_I64, ir_get(b, IR_I64, TOY_R(r)));
	for (unsigned w = 0; w < 2; w++)
		add(&g, IR_I32, ir_get(b, IR_I32, TOY_W(w)));
	for (unsigned k = 0; k < 4; k++) {
		add(&g, IR_I64, ir_const(b, IR_I64, interesting()));
		add(&g, IR_I32, ir_const(b, IR_I32, interesting()));
		vadd(&g, ir_get(b, IR_V128, TOY_V(k)));
	}
	vadd(&g, gen_vconst(&g));
	unsigned len = 20 + (unsigned)(rng() % 60);
	for (unsigned k = 0; k < len; k++) {
		unsigned what = (unsigned)(rng() % 100);
		if (what < 40)
			gen_arith(&g);
		else if (what < 50)
			gen_ext(&g);
		else if (what < 62)
			gen_mem(&g);
		else if (what < 70)
			gen_fp(&g);
		else if (what < 82)
			gen_state(&g);
		else if (what < 86)
			gen_call(&g);
		else if (what < 94)
			gen_control(&g);
		else if (what < 96 && g.open_label < 0)
			ir_insn_start(b, g.pc += 4);
		else
			for (unsigned v = 0; v < 8; v++)
				gen_vec(&g);
	}
	if (g.open_label >= 0)
		gen_control(&g);
	for (unsigned r = 0; r < 8; r++)
		if (rng() & 1)
			ir_put(b, IR_I64, TOY_R(r), pick(&g, IR_I64));
	gen_exit(&g, pick(&g, rand_int_type()));
	for (unsigned i = 0; i < g.n_side; i++) {
		ir_label(b, g.side[i]);
		if (rng() % 4 == 0)
			ir_exit(b, CPU_EXIT_SYSCALL, g.side_pc[i]);
		else
			ir_goto_block(b, g.side_pc[i], (unsigned)(rng() & 1));
	}
	return !g.converts;
}

typedef struct World {
	ToyCpu cpu;
	uint8_t *mem; /* MEM_SIZE bytes below 4 GiB, so i32 addresses reach it */
} World;

static void world_init(World *w, uintptr_t guest_base, uint64_t seed)
{
	memset(&w->cpu, 0, sizeof w->cpu);
	w->cpu.common.guest_base = guest_base;
	uint64_t saved = rng_state;
	rng_state = seed;
	for (int r = 0; r < 8; r++)
		w->cpu.r[r] = interesting();
	w->cpu.w[0] = (uint32_t)interesting();
	w->cpu.w[1] = (uint32_t)interesting();
	for (int v = 0; v < 4; v++)
		for (int i = 0; i < 16; i++)
			w->cpu.v[v][i] = (uint8_t)(rng() % 3 ? rng() : rng() % 3 ? 0x80 : 0x7f);
	for (int i = 0; i < MEM_SIZE; i++)
		w->mem[i] = (uint8_t)rng();
	rng_state = saved;
}

static void check_same(const World *a, const World *c, TbExit xa, TbExit xc, int round, IrBlock *b)
{
	bool same = xa.kind == xc.kind && xa.reason == xc.reason &&
	            (xa.kind != TB_GOTO || xa.slot == xc.slot) &&
	            a->cpu.common.pc == c->cpu.common.pc &&
	            memcmp(a->cpu.r, c->cpu.r, sizeof a->cpu.r) == 0 &&
	            memcmp(a->cpu.w, c->cpu.w, sizeof a->cpu.w) == 0 &&
	            memcmp(a->cpu.v, c->cpu.v, sizeof a->cpu.v) == 0 &&
	            memcmp(a->mem, c->mem, MEM_SIZE) == 0 &&
	            (xa.reason != CPU_EXIT_MISALIGNED ||
	             a->cpu.common.fault_addr == c->cpu.common.fault_addr);
	if (!same) {
		ir_print(b, stderr);
		for (int r = 0; r < 8; r++)
			fprintf(stderr, "r%d interp %016llx jit %016llx\n", r,
			        (unsigned long long)a->cpu.r[r], (unsigned long long)c->cpu.r[r]);
		fprintf(stderr, "w interp %08x %08x jit %08x %08x\n", a->cpu.w[0], a->cpu.w[1],
		        c->cpu.w[0], c->cpu.w[1]);
		for (int v = 0; v < 4; v++)
			fprintf(stderr, "v%d interp %016llx%016llx jit %016llx%016llx\n", v,
			        (unsigned long long)((uint64_t *)a->cpu.v[v])[1],
			        (unsigned long long)((uint64_t *)a->cpu.v[v])[0],
			        (unsigned long long)((uint64_t *)c->cpu.v[v])[1],
			        (unsigned long long)((uint64_t *)c->cpu.v[v])[0]);
		fprintf(stderr, "exit interp %d/%u/%d pc %llx, jit %d/%u/%d pc %llx\n", xa.kind,
		        xa.slot, xa.reason, (unsigned long long)a->cpu.common.pc, xc.kind, xc.slot,
		        xc.reason, (unsigned long long)c->cpu.common.pc);
	}
	ck_assert_msg(same, "round %d: the JIT and the interpreter disagree", round);
}

/* MXCSR's exception flags, cleared. */
static unsigned take_host_flags(void)
{
	unsigned m = _mm_getcsr();
	_mm_setcsr(m & ~0x3fu);
	return m & 0x3f;
}

static TbExit run_interp(IrBlock *b, World *w, unsigned *flags)
{
	Tb tb;
	memset(&tb, 0, sizeof tb);
	tb.ir = *b;
	tb.pc = b->guest_pc;
	ck_assert(tb_resolve_labels(&tb));
	uint64_t *temps = calloc(2 * b->n_temps + 1, sizeof *temps);
	take_host_flags();
	TbExit x = interp_run(&tb, &w->cpu.common, temps, NULL);
	*flags = take_host_flags();
	free(temps);
	free(tb.label_pos);
	return x;
}

static TbExit run_jit(JitBackend *be, IrBlock *b, World *w, unsigned *flags)
{
	Tb tb;
	memset(&tb, 0, sizeof tb);
	tb.ir = *b;
	tb.pc = b->guest_pc;
	JitStatus st;
	JitBlock *blk = jit_compile(be, &tb, w->cpu.common.guest_base, JIT_STANDALONE, &st);
	ck_assert_int_eq(st, JIT_OK);
	take_host_flags();
	TbExit x = jit_run_one(be, blk, &w->cpu.common);
	*flags = take_host_flags();
	return x;
}

/* The JIT's memory sits at host address guest + jit_base (jit_base 0: no base
 * register); the interpreter's copy at a different host address with its own base. */
static void differential(uint64_t seed, uintptr_t jit_base, bool optimize, int rounds)
{
	uint8_t *mem = mmap(NULL, 2 * MEM_SIZE, PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	ck_assert_ptr_ne(mem, MAP_FAILED);
	JitBackend *be = jit_backend_new(4);
	ck_assert_ptr_nonnull(be);
	World a = {.mem = mem}, c = {.mem = mem + MEM_SIZE};
	uint64_t guest = (uintptr_t)c.mem - jit_base;
	rng_state = seed;
	for (int round = 0; round < rounds; round++) {
		IrBlock b;
		uint64_t state_seed = rng();
		bool flags_defined = random_block(&b, guest);
		char err[256];
		if (!ir_verify(&b, err, sizeof err)) {
			ir_print(&b, stderr);
			ck_abort_msg("generator made invalid IR: %s", err);
		}
		if (optimize)
			ir_optimize(&b);
		world_init(&a, (uintptr_t)a.mem - guest, state_seed);
		world_init(&c, jit_base, state_seed);
		unsigned fa, fc;
		TbExit xa = run_interp(&b, &a, &fa);
		jit_flush(be);
		TbExit xc = run_jit(be, &b, &c, &fc);
		check_same(&a, &c, xa, xc, round, &b);
		/* the denormal-operand flag (bit 1) is left out: no guest maps it */
		if (flags_defined && (fa & 0x3d) != (fc & 0x3d)) {
			ir_print(&b, stderr);
			ck_abort_msg("round %d: exception flags interp %#x jit %#x", round, fa, fc);
		}
		ir_block_free(&b);
	}
	jit_backend_free(be);
	munmap(mem, 2 * MEM_SIZE);
}

START_TEST(random_blocks_match_the_interpreter)
{
	differential(0x1234567 + (uint64_t)_i, 0, false, 300);
}
END_TEST

START_TEST(optimized_random_blocks_match_the_interpreter)
{
	differential(0x7654321 + (uint64_t)_i, 0, true, 300);
}
END_TEST

START_TEST(blocks_match_with_a_guest_base_register)
{
	differential(0x5555 + (uint64_t)_i, 0x10000, _i, 200);
}
END_TEST

START_TEST(blocks_match_without_optional_instructions)
{
	X86Features saved = x86_host;
	x86_host = (X86Features){0};
	differential(0xabcdef + (uint64_t)_i, 0, true, 200);
	x86_host = saved;
}
END_TEST

/* A compiled block of the backend tests: its IR outlives the JitBlock. */
typedef struct TestBlock {
	Tb tb;
	JitBlock *blk;
} TestBlock;

static void compile_test_block(JitBackend *be, TestBlock *t, IrBlock *b)
{
	memset(&t->tb, 0, sizeof t->tb);
	t->tb.ir = *b;
	t->tb.pc = b->guest_pc;
	JitStatus st;
	t->blk = jit_compile(be, &t->tb, 0, 0, &st);
	ck_assert_int_eq(st, JIT_OK);
}

/* pc 0x1000: r0 += 1, then goto 0x2000 (slot 0), or an indirect jump to r4 */
static void block_a(JitBackend *be, TestBlock *t, bool indirect)
{
	IrBlock b;
	ir_block_init(&b, 0x1000);
	ir_insn_start(&b, 0x1000);
	ir_put(&b, IR_I64, TOY_R(0), ir_op2i(&b, IR_ADD, IR_I64, ir_get(&b, IR_I64, TOY_R(0)), 1));
	if (indirect)
		ir_lookup_jump(&b, ir_get(&b, IR_I64, TOY_R(4)));
	else
		ir_goto_block(&b, 0x2000, 0);
	compile_test_block(be, t, &b);
}

/* pc 0x2000: r1 = r0 * 2, then a halt exit */
static void block_b(JitBackend *be, TestBlock *t)
{
	IrBlock b;
	ir_block_init(&b, 0x2000);
	ir_insn_start(&b, 0x2000);
	ir_put(&b, IR_I64, TOY_R(1), ir_op2i(&b, IR_MUL, IR_I64, ir_get(&b, IR_I64, TOY_R(0)), 2));
	ir_exit(&b, CPU_EXIT_HALT, 0x2004);
	compile_test_block(be, t, &b);
}

static JitJumpEntry test_jc[16];

static JitBackend *test_backend(void)
{
	JitBackend *be = jit_backend_new(4);
	ck_assert_ptr_nonnull(be);
	for (int i = 0; i < 16; i++)
		test_jc[i] = (JitJumpEntry){UINT64_MAX, jit_lookup_miss_code(be)};
	return be;
}

static void free_test_block(TestBlock *t)
{
	ir_block_free(&t->tb.ir);
}

START_TEST(direct_exits_link_to_their_successor)
{
	JitBackend *be = test_backend();
	TestBlock a, b;
	block_a(be, &a, false);
	block_b(be, &b);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.jump_cache = test_jc;
	JitRun r = jit_run(be, a.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_GOTO);
	ck_assert_ptr_eq(r.from, a.blk);
	ck_assert_uint_eq(cpu.common.pc, 0x2000);
	jit_link(be, r.from, r.site, b.blk);
	r = jit_run(be, a.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_EXIT);
	ck_assert_int_eq(r.exit.reason, CPU_EXIT_HALT);
	ck_assert_ptr_eq(r.from, b.blk);
	ck_assert_uint_eq(cpu.r[0], 2);
	ck_assert_uint_eq(cpu.r[1], 4);
	ck_assert_uint_eq(cpu.common.pc, 0x2004);
	free_test_block(&a);
	free_test_block(&b);
	jit_backend_free(be);
}
END_TEST

START_TEST(indirect_jumps_use_the_jump_cache_inline)
{
	JitBackend *be = test_backend();
	TestBlock a, b;
	block_a(be, &a, true);
	block_b(be, &b);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.jump_cache = test_jc;
	cpu.r[4] = 0x2000;
	JitRun r = jit_run(be, a.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_LOOKUP);
	ck_assert_uint_eq(cpu.common.pc, 0x2000);
	unsigned slot = (0x2000 >> 1) & 15;
	test_jc[slot] = (JitJumpEntry){0x2000 + 32, jit_block_code(b.blk)}; /* same slot */
	r = jit_run(be, a.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_LOOKUP);
	test_jc[slot] = (JitJumpEntry){0x2000, jit_block_code(b.blk)};
	r = jit_run(be, a.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_EXIT);
	ck_assert_ptr_eq(r.from, b.blk);
	ck_assert_uint_eq(cpu.r[0], 3);
	ck_assert_uint_eq(cpu.r[1], 6);
	free_test_block(&a);
	free_test_block(&b);
	jit_backend_free(be);
}
END_TEST

START_TEST(exit_requests_stop_blocks_before_they_start)
{
	JitBackend *be = test_backend();
	TestBlock a;
	block_a(be, &a, false);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.jump_cache = test_jc;
	cpu.common.exit_request = 1;
	JitRun r = jit_run(be, a.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_EXIT);
	ck_assert_int_eq(r.exit.reason, CPU_EXIT_INTERRUPT);
	ck_assert_uint_eq(cpu.common.pc, 0x1000);
	ck_assert_uint_eq(cpu.r[0], 0);
	free_test_block(&a);
	jit_backend_free(be);
}
END_TEST

/* pc 0x3000 calls 0x4000 (return address 0x3004); 0x4000 returns to r4. */
static void call_and_return_blocks(JitBackend *be, TestBlock *call, TestBlock *ret)
{
	IrBlock b;
	ir_block_init(&b, 0x3000);
	ir_insn_start(&b, 0x3000);
	ir_push_return(&b, 0x3004);
	ir_goto_block(&b, 0x4000, 0);
	compile_test_block(be, call, &b);
	ir_block_init(&b, 0x4000);
	ir_insn_start(&b, 0x4000);
	ir_lookup_return(&b, ir_get(&b, IR_I64, TOY_R(4)));
	compile_test_block(be, ret, &b);
}

START_TEST(returns_follow_the_return_address_stack)
{
	JitBackend *be = test_backend();
	TestBlock call, ret, after;
	call_and_return_blocks(be, &call, &ret);
	block_b(be, &after); /* stands in for the code at the return address */
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.common.jump_cache = test_jc;
	jit_ras_validate(be, &cpu.common);
	cpu.r[4] = 0x3004;
	JitRun r = jit_run(be, call.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_GOTO);
	jit_link(be, r.from, r.site, ret.blk);
	r = jit_run(be, call.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_GOTO); /* the continuation, not yet linked */
	ck_assert_int_eq(r.exit.slot, 2);
	ck_assert_ptr_eq(r.from, call.blk);
	ck_assert_uint_eq(cpu.common.pc, 0x3004);
	jit_link(be, r.from, r.site, after.blk);
	r = jit_run(be, call.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_EXIT);
	ck_assert_ptr_eq(r.from, after.blk);
	cpu.r[4] = 0x3008; /* a return elsewhere: the prediction fails, the lookup misses */
	r = jit_run(be, call.blk, &cpu.common);
	ck_assert_int_eq(r.exit.kind, TB_LOOKUP);
	ck_assert_uint_eq(cpu.common.pc, 0x3008);
	free_test_block(&call);
	free_test_block(&ret);
	free_test_block(&after);
	jit_backend_free(be);
}
END_TEST

/* Toy ISA for whole-engine runs, one byte per instruction:
 *   'i' r0 += 1   's' store64 [r3] = r0   'l' r2 = load64 [r3]   'x' syscall exit
 *   'J' if r0 < r1 jump to r4 (indirect) else next   'j' if r0 < r1 goto 0 else next */
static uint8_t toy_code[32];

static int toy_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	if (pc + len > sizeof toy_code)
		return -EFAULT;
	memcpy(buf, toy_code + pc, len);
	return 0;
}

static void toy_branch(IrBlock *b, uint64_t pc, bool indirect)
{
	uint32_t back = ir_new_label(b);
	IrTemp c =
	    ir_cmp(b, IR_I64, IR_LTU, ir_get(b, IR_I64, TOY_R(0)), ir_get(b, IR_I64, TOY_R(1)));
	ir_br(b, c, back);
	ir_goto_block(b, pc + 1, 1);
	ir_label(b, back);
	if (indirect)
		ir_lookup_jump(b, ir_get(b, IR_I64, TOY_R(4)));
	else
		ir_goto_block(b, 0, 0);
}

static void toy_translate(IrBlock *b, const GuestFetch *f, uint64_t pc)
{
	for (;; pc++) {
		uint8_t op;
		if (f->read(f->opaque, pc, &op, 1) < 0) {
			ir_exit(b, CPU_EXIT_FETCH_FAULT, pc);
			return;
		}
		ir_insn_start(b, pc);
		b->guest_size++;
		b->guest_insns++;
		IrTemp r3 = ir_get(b, IR_I64, TOY_R(3));
		if (op == 'i') {
			ir_put(b, IR_I64, TOY_R(0),
			       ir_op2i(b, IR_ADD, IR_I64, ir_get(b, IR_I64, TOY_R(0)), 1));
		} else if (op == 's') {
			ir_store(b, IR_I64, MO_64, r3, 0, ir_get(b, IR_I64, TOY_R(0)));
		} else if (op == 'l') {
			ir_put(b, IR_I64, TOY_R(2), ir_load(b, IR_I64, MO_64, r3, 0));
		} else if (op == 'j' || op == 'J') {
			toy_branch(b, pc, op == 'J');
			return;
		} else {
			ir_exit(b, op == 'x' ? CPU_EXIT_SYSCALL : CPU_EXIT_ILLEGAL,
			        pc + (op == 'x'));
			return;
		}
	}
}

static unsigned toy_disas(const GuestFetch *f, uint64_t pc, char *buf, size_t n)
{
	uint8_t op;
	if (f->read(f->opaque, pc, &op, 1) < 0)
		return 0;
	snprintf(buf, n, "%c", op);
	return 1;
}

static const GuestArch toy_arch = {"toy", sizeof(ToyCpu), 16, toy_translate, toy_disas};
static const GuestFetch toy_fetch = {toy_read, NULL};

START_TEST(engine_loops_through_links_and_lookups)
{
	memcpy(toy_code, "iijx\0iiJx", 10);
	Engine *e = engine_new(&toy_arch, ENGINE_JIT, &toy_fetch);
	ck_assert_ptr_nonnull(e);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.r[1] = 100000;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 100000);
	ck_assert_uint_eq(cpu.common.pc, 4);
	ck_assert_uint_eq(engine_blocks_translated(e), 2);
	cpu.common.pc = 5;
	cpu.r[0] = 0;
	cpu.r[4] = 5;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 100000);
	ck_assert_uint_eq(cpu.common.pc, 9);
	ck_assert_uint_eq(engine_blocks_translated(e), 4);
	cpu.common.exit_request = 1;
	cpu.common.pc = 0;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_INTERRUPT);
	ck_assert_uint_eq(cpu.common.pc, 0);
	engine_free(e);
}
END_TEST

START_TEST(faults_leave_earlier_instructions_done)
{
	memcpy(toy_code, "iisilx", 7);
	uint8_t *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(page, MAP_FAILED);
	fault_install();
	Engine *e = engine_new(&toy_arch, ENGINE_JIT, &toy_fetch);
	ToyCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	cpu.r[3] = (uintptr_t)page + 16;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_MEM_FAULT);
	ck_assert_uint_eq(cpu.common.pc, 2);
	ck_assert_uint_eq(cpu.r[0], 2);
	ck_assert_uint_eq(cpu.common.fault_addr, (uintptr_t)page + 16);
	ck_assert_int_eq(cpu.common.fault_write, 1);
	mprotect(page, 4096, PROT_READ);
	cpu.common.pc = 2;
	cpu.r[0] = 7;
	cpu.r[2] = 1;
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_MEM_FAULT);
	ck_assert_uint_eq(cpu.common.pc, 2);
	mprotect(page, 4096, PROT_WRITE | PROT_READ);
	ck_assert_int_eq(engine_run(e, &cpu.common), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu.r[0], 8);
	ck_assert_uint_eq(cpu.r[2], 7);
	ck_assert_uint_eq(cpu.common.pc, 6);
	munmap(page, 4096);
	engine_free(e);
}
END_TEST

Suite *jit_suite(void)
{
	Suite *s = suite_create("jit");
	TCase *tc = tcase_create("differential");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, random_blocks_match_the_interpreter, 0, 3);
	tcase_add_loop_test(tc, optimized_random_blocks_match_the_interpreter, 0, 3);
	tcase_add_loop_test(tc, blocks_match_with_a_guest_base_register, 0, 2);
	tcase_add_loop_test(tc, blocks_match_without_optional_instructions, 0, 2);
	suite_add_tcase(s, tc);
	TCase *run = tcase_create("run");
	tcase_add_test(run, direct_exits_link_to_their_successor);
	tcase_add_test(run, indirect_jumps_use_the_jump_cache_inline);
	tcase_add_test(run, returns_follow_the_return_address_stack);
	tcase_add_test(run, exit_requests_stop_blocks_before_they_start);
	tcase_add_test(run, engine_loops_through_links_and_lookups);
	tcase_add_test(run, faults_leave_earlier_instructions_done);
	suite_add_tcase(s, run);
	return s;
}
