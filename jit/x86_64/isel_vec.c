/*
 * Instruction selection for the v128 IR ops (ir_ops.h) on SSE2 to SSE4.2. v128 temps
 * live in xmm2-xmm15 or in aligned pairs of spill slots; xmm0 and xmm1 are scratch.
 * Most ops are the x86 two-operand form `d = a; d op= b`, which the allocator helps by
 * giving d the register of a first source that dies there (jit_isel_reuses_src0). What
 * x86 lacks is built from a few instructions:
 *   - byte shifts: a word shift, then a mask clearing the bits that crossed a lane (an
 *     arithmetic one sign-extends with (x ^ m) - m, m the shifted sign bit);
 *   - unsigned compares: both operands with their lane sign bits flipped, then pcmpgt;
 *   - TBL: pshufb zeroes a lane whose index has bit 7 set, and a saturating add of
 *     0x70 sets bit 7 exactly for indices 16-255 while keeping the low nibble of 0-15;
 *   - permutations, lane reversal and narrowing: pshufb with a constant control (two,
 *     or-ed, for a two-source permutation).
 * The controls and masks are computed once from the reference semantics themselves
 * (ir_eval_vec applied to lane-numbering vectors) and kept at the start of the code
 * cache, where every block reaches them rip-relative. Ops needing SSSE3 or SSE4.x on a
 * host without it fail the block's compilation: it then runs in the IR interpreter.
 */
#include <string.h>

#include "jit/ir_eval.h"
#include "jit/x86_64/internal.h"

#define BUF (&c->buf)

/* Constant table layout: 16 bytes each. */
enum {
	K_TBL70,
	K_SIGN = K_TBL70 + 1,     /* [lane size log2]: the lane sign bits */
	K_SHL8 = K_SIGN + 4,      /* [n]: bytes 0xff << n */
	K_SHR8 = K_SHL8 + 8,      /* [n]: bytes 0xff >> n */
	K_SAR8 = K_SHR8 + 8,      /* [n]: bytes 0x80 >> n */
	K_PERM = K_SAR8 + 8,      /* [kind][lane size log2][source]: pshufb controls */
	K_REV = K_PERM + IR_VPERM_COUNT * 4 * 2, /* [lane size log2][container log2 - 1] */
	K_NARROW = K_REV + 9,     /* [source lane size log2 - 1] */
	K_COUNT = K_NARROW + 3
};

static unsigned lane_log2(unsigned bits)
{
	return (unsigned)__builtin_ctz(bits) - 3;
}

/* The pshufb control picking, for each result byte, the byte of source `src` the
 * vector op yields there (0x80: zero, or taken from the other source). Lanes are
 * numbered 1-32 in the inputs so that a 0 in the result means "zero". */
static void control_of(uint8_t *out, IrOp op, uint16_t aux, unsigned src)
{
	IrVec v[2];
	for (unsigned i = 0; i < 16; i++) {
		v[0].b[i] = (uint8_t)(i + 1);
		v[1].b[i] = (uint8_t)(i + 17);
	}
	uint64_t none[2] = {0, 0};
	IrVec r = ir_eval_vec(op, aux, 0, v, none);
	for (unsigned i = 0; i < 16; i++) {
		unsigned k = r.b[i];
		out[i] = k >= 1 + 16 * src && k <= 16 + 16 * src ? (uint8_t)(k - 1 - 16 * src) : 0x80;
	}
}

static void fill_constants(uint8_t (*k)[16])
{
	memset(k[K_TBL70], 0x70, 16);
	for (unsigned s = 0; s < 4; s++)
		for (unsigned i = 0; i < 16; i++)
			k[K_SIGN + s][i] = (i + 1) % (1u << s) == 0 ? 0x80 : 0;
	for (unsigned n = 0; n < 8; n++) {
		memset(k[K_SHL8 + n], (uint8_t)(0xff << n), 16);
		memset(k[K_SHR8 + n], 0xff >> n, 16);
		memset(k[K_SAR8 + n], 0x80 >> n, 16);
	}
	for (unsigned kind = 0; kind < IR_VPERM_COUNT; kind++)
		for (unsigned s = 0; s < 4; s++)
			for (unsigned src = 0; src < 2; src++)
				control_of(k[K_PERM + (kind * 4 + s) * 2 + src], IR_VPERM,
				           IR_VAUX(8u << s, kind), src);
	for (unsigned s = 0; s < 3; s++)
		for (unsigned ct = s + 1; ct <= 3; ct++)
			control_of(k[K_REV + s * 3 + ct - 1], IR_VREV, IR_VAUX(8u << s, ct), 0);
	for (unsigned s = 1; s < 4; s++)
		control_of(k[K_NARROW + s - 1], IR_VNARROW, (uint16_t)(8u << s), 0);
}

bool jit_vec_init(CodeCache *cc, size_t *offset)
{
	size_t pad = (16 - (uintptr_t)code_cache_free_start(cc) % 16) % 16;
	/* A whole number of cache lines, so that blocks keep the alignment they had. */
	size_t need = (pad + K_COUNT * 16 + 63) & ~(size_t)63;
	if (code_cache_free_size(cc) < need)
		return false;
	fill_constants((uint8_t(*)[16])(code_cache_free_start(cc) + pad));
	*offset = cc->used + pad;
	code_cache_commit(cc, NULL, need);
	cc->reserved = cc->used;
	return true;
}

static X86Mem kmem(const JitCompiler *c, unsigned k)
{
	return x86_mem_rip(c->be->cache.base + c->be->vec_consts + 16 * k);
}

/* Fails the block when the host lacks what the instruction needs: pshufb and palignr
 * are SSSE3, pcmpgtq SSE4.2, the other 0F 38 / 0F 3A opcodes SSE4.1. */
static bool host_has(JitCompiler *c, X86Vec op)
{
	uint32_t o = (uint32_t)op & 0xffffff;
	bool ok = o < 0x0f3800 ||
	          (op == X86_PSHUFB || op == X86_PALIGNR ? x86_host.ssse3
	           : op == X86_PCMPGTQ                   ? x86_host.sse42
	                                                 : x86_host.sse41);
	if (!ok)
		c->failed = true;
	return ok;
}

/* pextrb/d/q and pinsrb/d/q */
static bool host_has_sse41(JitCompiler *c)
{
	if (!x86_host.sse41)
		c->failed = true;
	return x86_host.sse41;
}

static void vrr(JitCompiler *c, X86Vec op, unsigned d, unsigned s)
{
	if (host_has(c, op))
		x86_vec_rr(BUF, op, d, s);
}

static void vrk(JitCompiler *c, X86Vec op, unsigned d, unsigned k)
{
	if (host_has(c, op))
		x86_vec_rm(BUF, op, d, kmem(c, k));
}

/* xmm x = the value of t. */
static void vload(JitCompiler *c, unsigned x, IrTemp t)
{
	const TempLoc *l = &c->ra.loc[t];
	uint64_t v = c->ra.cval[t];
	bool splat = l->slot & IR_VCONST_SPLAT;
	switch (l->kind) {
	case LOC_REG:
		if (l->reg != x)
			x86_vec_rr(BUF, X86_MOVDQA, x, l->reg);
		break;
	case LOC_STACK:
		x86_vec_rm(BUF, X86_MOVDQU, x, jit_slot_mem(c, t));
		break;
	case LOC_CONST:
		if (v == ~0ull && splat) {
			x86_vec_rr(BUF, X86_PCMPEQD, x, x);
			break;
		}
		if (v == 0) {
			x86_vec_rr(BUF, X86_PXOR, x, x);
			break;
		}
		x86_mov_ri(BUF, X86_RAX, v);
		x86_movq_xr(BUF, 8, x, X86_RAX);
		if (splat)
			x86_vec_rr(BUF, X86_PUNPCKLQDQ, x, x);
		break;
	default:
		x86_vec_rr(BUF, X86_PXOR, x, x); /* defined only in unreachable code */
		break;
	}
}

/* An xmm register holding t: its own, or `scratch` loaded with it. */
static unsigned vsrc(JitCompiler *c, IrTemp t, unsigned scratch)
{
	if (c->ra.loc[t].kind == LOC_REG)
		return c->ra.loc[t].reg;
	vload(c, scratch, t);
	return scratch;
}

/* The register to compute d in (xmm1 when d is spilled) and the store back. */
static unsigned vdef(JitCompiler *c, IrTemp d)
{
	return c->ra.loc[d].kind == LOC_REG ? c->ra.loc[d].reg : 1;
}

static void vdone(JitCompiler *c, IrTemp d, unsigned x)
{
	if (c->ra.loc[d].kind == LOC_STACK)
		x86_movdqu_mx(BUF, jit_slot_mem(c, d), x);
}

/* d = a; d op= b. d never holds b: b is still live when d is placed, unless a is b. */
static void binary(JitCompiler *c, const IrInsn *in, X86Vec op)
{
	unsigned d = vdef(c, in->dst);
	unsigned b = vsrc(c, in->src[1], 0);
	vload(c, d, in->src[0]);
	vrr(c, op, d, b);
	vdone(c, in->dst, d);
}

static void isel_nothing(JitCompiler *c, const IrInsn *in, uint32_t i)
{
}

static void isel_vmov(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst);
	vload(c, d, in->src[0]);
	vdone(c, in->dst, d);
}

static void isel_vget(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst);
	x86_vec_rm(BUF, X86_MOVDQU, d, x86_mem(JIT_CPU_REG, (int32_t)in->imm));
	vdone(c, in->dst, d);
}

static void isel_vput(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	x86_movdqu_mx(BUF, x86_mem(JIT_CPU_REG, (int32_t)in->imm), vsrc(c, in->src[0], 0));
}

static void isel_vload(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Mem m = jit_guest_mem(c, in);
	unsigned d = vdef(c, in->dst), bytes = ir_memop_bytes(in->aux);
	if (bytes == 16) {
		x86_vec_rm(BUF, X86_MOVDQU, d, m);
	} else if (bytes == 8) {
		x86_movq_xm(BUF, d, m);
	} else if (bytes == 4) {
		x86_movd_xm(BUF, d, m);
	} else {
		x86_movzx_rm(BUF, 4, bytes, X86_RAX, m);
		x86_movq_xr(BUF, 4, d, X86_RAX);
	}
	if (c->softmmu)
		jit_mmu_done(c, d);
	vdone(c, in->dst, d);
}

static void isel_vstore(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	X86Mem m = jit_guest_mem(c, in);
	unsigned s = vsrc(c, in->src[1], 0), bytes = ir_memop_bytes(in->aux);
	if (bytes == 16) {
		x86_movdqu_mx(BUF, m, s);
	} else if (bytes == 8) {
		x86_movq_mx(BUF, m, s);
	} else if (bytes == 4) {
		x86_movd_mx(BUF, m, s);
	} else {
		x86_movq_rx(BUF, 4, X86_RAX, s);
		x86_mov_mr(BUF, bytes, m, X86_RAX);
	}
	if (c->softmmu)
		jit_mmu_done(c, 0);
}

/* Per lane size (8, 16, 32, 64 bits); 0 where x86 has no such instruction (the
 * verifier keeps those widths away). */
static const X86Vec add_op[4] = {X86_PADDB, X86_PADDW, X86_PADDD, X86_PADDQ};
static const X86Vec sub_op[4] = {X86_PSUBB, X86_PSUBW, X86_PSUBD, X86_PSUBQ};
static const X86Vec mul_op[4] = {0, X86_PMULLW, X86_PMULLD, 0};
static const X86Vec cmpeq_op[4] = {X86_PCMPEQB, X86_PCMPEQW, X86_PCMPEQD, X86_PCMPEQQ};
static const X86Vec cmpgt_op[4] = {X86_PCMPGTB, X86_PCMPGTW, X86_PCMPGTD, X86_PCMPGTQ};
/* [max][signed][size] */
static const X86Vec minmax_op[2][2][3] = {
	{{X86_PMINUB, X86_PMINUW, X86_PMINUD}, {X86_PMINSB, X86_PMINSW, X86_PMINSD}},
	{{X86_PMAXUB, X86_PMAXUW, X86_PMAXUD}, {X86_PMAXSB, X86_PMAXSW, X86_PMAXSD}},
};

static void isel_vbitwise(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	binary(c, in, in->op == IR_AND ? X86_PAND : in->op == IR_OR ? X86_POR : X86_PXOR);
}

static void isel_varith(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	const X86Vec *ops = in->op == IR_ADD ? add_op : in->op == IR_SUB ? sub_op : mul_op;
	binary(c, in, ops[lane_log2(ir_vbits(in->aux))]);
}

static void isel_vminmax(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	bool sgn = ir_varg(in->aux) & IR_VSIGNED;
	binary(c, in, minmax_op[in->op == IR_VMAX][sgn][lane_log2(ir_vbits(in->aux))]);
}

/* a >u b is (a ^ sign) >s (b ^ sign), lane by lane. */
static void isel_vcmp(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned s = lane_log2(ir_vbits(in->aux)), cond = ir_varg(in->aux);
	if (cond != IR_GTU) {
		binary(c, in, cond == IR_EQ ? cmpeq_op[s] : cmpgt_op[s]);
		return;
	}
	unsigned d = vdef(c, in->dst);
	vload(c, 0, in->src[1]);
	x86_vec_rm(BUF, X86_PXOR, 0, kmem(c, K_SIGN + s));
	vload(c, d, in->src[0]);
	x86_vec_rm(BUF, X86_PXOR, d, kmem(c, K_SIGN + s));
	vrr(c, cmpgt_op[s], d, 0);
	vdone(c, in->dst, d);
}

static void isel_vnot(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst);
	vload(c, d, in->src[0]);
	x86_vec_rr(BUF, X86_PCMPEQD, 0, 0);
	x86_vec_rr(BUF, X86_PXOR, d, 0);
	vdone(c, in->dst, d);
}

/* pandn is ~dst & src: the complemented operand goes in first. */
static void isel_vandn(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	vload(c, 0, in->src[1]);
	x86_vec_rr(BUF, X86_PANDN, 0, vsrc(c, in->src[0], 1));
	unsigned d = vdef(c, in->dst);
	x86_vec_rr(BUF, X86_MOVDQA, d, 0);
	vdone(c, in->dst, d);
}

/* [op: SHL SHR SAR][size] */
static const X86Vec shift_op[3][4] = {
	{0, X86_PSLLW_I, X86_PSLLD_I, X86_PSLLQ_I},
	{0, X86_PSRLW_I, X86_PSRLD_I, X86_PSRLQ_I},
	{0, X86_PSRAW_I, X86_PSRAD_I, 0},
};

static void byte_shift(JitCompiler *c, IrOp op, unsigned d, unsigned n)
{
	if (op != IR_VSARI && n >= 8) {
		x86_vec_rr(BUF, X86_PXOR, d, d);
		return;
	}
	if (n > 7)
		n = 7;
	x86_vec_shift(BUF, op == IR_VSHLI ? X86_PSLLW_I : X86_PSRLW_I, d, (uint8_t)n);
	x86_vec_rm(BUF, X86_PAND, d, kmem(c, (op == IR_VSHLI ? K_SHL8 : K_SHR8) + n));
	if (op == IR_VSARI) {
		x86_vec_rm(BUF, X86_PXOR, d, kmem(c, K_SAR8 + n));
		x86_vec_rm(BUF, X86_PSUBB, d, kmem(c, K_SAR8 + n));
	}
}

static void isel_vshift(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst), s = lane_log2(ir_vbits(in->aux));
	vload(c, d, in->src[0]);
	if (s == 0)
		byte_shift(c, (IrOp)in->op, d, (unsigned)in->imm);
	else
		x86_vec_shift(BUF, shift_op[in->op - IR_VSHLI][s], d, (uint8_t)in->imm);
	vdone(c, in->dst, d);
}

static void isel_vdup(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst), bits = ir_vbits(in->aux);
	x86_movq_xr(BUF, bits == 64 ? 8 : 4, d, jit_use(c, in->src[0], X86_RAX));
	if (bits == 64) {
		x86_vec_rr(BUF, X86_PUNPCKLQDQ, d, d);
	} else {
		if (bits == 8)
			x86_vec_rr(BUF, X86_PUNPCKLBW, d, d);
		if (bits <= 16)
			x86_vec_rri(BUF, X86_PSHUFLW, d, d, 0);
		x86_vec_rri(BUF, X86_PSHUFD, d, d, 0);
	}
	vdone(c, in->dst, d);
}

static void isel_vgetlane(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned bytes = ir_vbits(in->aux) / 8, lane = ir_varg(in->aux);
	unsigned s = vsrc(c, in->src[0], 0);
	X86Reg r = jit_def(c, in->dst, X86_RAX);
	if (lane == 0 && bytes >= 4)
		x86_movq_rx(BUF, bytes, r, s);
	else if (bytes == 2 || host_has_sse41(c))
		x86_pextr(BUF, bytes, r, s, (uint8_t)lane);
	jit_def_done(c, in->dst, r);
}

static void isel_vsetlane(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned bytes = ir_vbits(in->aux) / 8, d = vdef(c, in->dst);
	vload(c, d, in->src[0]);
	X86Reg x = jit_use(c, in->src[1], X86_RAX);
	if (bytes == 2 || host_has_sse41(c))
		x86_pinsr(BUF, bytes, d, x, (uint8_t)ir_varg(in->aux));
	vdone(c, in->dst, d);
}

/* movq zeroes the high half, which is then all a zero src1 needs. */
static void isel_vpair(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst);
	x86_movq_xr(BUF, 8, d, jit_use(c, in->src[0], X86_RAX));
	if (!jit_is_const(c, in->src[1]) || jit_const(c, in->src[1]) != 0) {
		x86_movq_xr(BUF, 8, 0, jit_use(c, in->src[1], X86_RAX));
		x86_vec_rr(BUF, X86_PUNPCKLQDQ, d, 0);
	}
	vdone(c, in->dst, d);
}

static void isel_vtbl(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned d = vdef(c, in->dst);
	vload(c, 0, in->src[1]);
	x86_vec_rm(BUF, X86_PADDUSB, 0, kmem(c, K_TBL70));
	vload(c, d, in->src[0]);
	vrr(c, X86_PSHUFB, d, 0);
	vdone(c, in->dst, d);
}

/* [high][size]: the interleaves, which are also every 64-bit-lane permutation. */
static const X86Vec unpack_op[2][4] = {
	{X86_PUNPCKLBW, X86_PUNPCKLWD, X86_PUNPCKLDQ, X86_PUNPCKLQDQ},
	{X86_PUNPCKHBW, X86_PUNPCKHWD, X86_PUNPCKHDQ, X86_PUNPCKHQDQ},
};

static void isel_vperm(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned s = lane_log2(ir_vbits(in->aux)), kind = ir_varg(in->aux);
	if (kind <= IR_VZIP2 || s == 3) {
		bool high = kind == IR_VZIP2 || kind == IR_VUZP2 || kind == IR_VTRN2;
		binary(c, in, unpack_op[high][s]);
		return;
	}
	unsigned d = vdef(c, in->dst), k = K_PERM + (kind * 4 + s) * 2;
	vload(c, 0, in->src[1]);
	vrk(c, X86_PSHUFB, 0, k + 1);
	vload(c, d, in->src[0]);
	vrk(c, X86_PSHUFB, d, k);
	x86_vec_rr(BUF, X86_POR, d, 0);
	vdone(c, in->dst, d);
}

/* palignr dst, src, n: bytes n.. of dst:src (src low). */
static void isel_vext(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	vload(c, 0, in->src[1]);
	if (host_has(c, X86_PALIGNR))
		x86_vec_rri(BUF, X86_PALIGNR, 0, vsrc(c, in->src[0], 1), (uint8_t)in->aux);
	unsigned d = vdef(c, in->dst);
	x86_vec_rr(BUF, X86_MOVDQA, d, 0);
	vdone(c, in->dst, d);
}

/* pshufb by a constant control: VREV and VNARROW. */
static void isel_vshuffle(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned s = lane_log2(ir_vbits(in->aux)), d = vdef(c, in->dst);
	unsigned k = in->op == IR_VREV ? K_REV + s * 3 + ir_varg(in->aux) - 1 : K_NARROW + s - 1;
	vload(c, d, in->src[0]);
	vrk(c, X86_PSHUFB, d, k);
	vdone(c, in->dst, d);
}

/* [signed][size] */
static const X86Vec widen_op[2][3] = {
	{X86_PMOVZXBW, X86_PMOVZXWD, X86_PMOVZXDQ},
	{X86_PMOVSXBW, X86_PMOVSXWD, X86_PMOVSXDQ},
};

static void isel_vwiden(JitCompiler *c, const IrInsn *in, uint32_t i)
{
	unsigned arg = ir_varg(in->aux), s = lane_log2(ir_vbits(in->aux));
	unsigned src = vsrc(c, in->src[0], 0), d = vdef(c, in->dst);
	if (arg & IR_VHIGH) {
		x86_vec_rri(BUF, X86_PSHUFD, 0, src, 0xee);
		src = 0;
	}
	vrr(c, widen_op[arg & IR_VSIGNED][s], d, src);
	vdone(c, in->dst, d);
}

const JitIselFn jit_isel_vec[IR_OP_COUNT] = {
	[IR_CONST] = isel_nothing,  [IR_MOV] = isel_vmov,         [IR_GET] = isel_vget,
	[IR_PUT] = isel_vput,       [IR_LOAD] = isel_vload,       [IR_STORE] = isel_vstore,
	[IR_AND] = isel_vbitwise,   [IR_OR] = isel_vbitwise,      [IR_XOR] = isel_vbitwise,
	[IR_NOT] = isel_vnot,       [IR_ANDN] = isel_vandn,       [IR_ADD] = isel_varith,
	[IR_SUB] = isel_varith,     [IR_MUL] = isel_varith,       [IR_CMP] = isel_vcmp,
	[IR_VMIN] = isel_vminmax,   [IR_VMAX] = isel_vminmax,     [IR_VSHLI] = isel_vshift,
	[IR_VSHRI] = isel_vshift,   [IR_VSARI] = isel_vshift,     [IR_VDUP] = isel_vdup,
	[IR_VGETLANE] = isel_vgetlane, [IR_VSETLANE] = isel_vsetlane, [IR_VTBL] = isel_vtbl,
	[IR_VPAIR] = isel_vpair,
	[IR_VPERM] = isel_vperm,    [IR_VEXT] = isel_vext,        [IR_VREV] = isel_vshuffle,
	[IR_VNARROW] = isel_vshuffle, [IR_VWIDEN] = isel_vwiden,
};
