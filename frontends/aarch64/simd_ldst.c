/*
 * Advanced SIMD structure loads and stores: LD1-LD4/ST1-ST4 (multiple structures),
 * their single-lane forms and LD1R-LD4R, with and without post-index. LD1/ST1 of
 * whole registers are inline IR loads and stores (guest memory and register bytes are
 * both little-endian, so the element size does not matter); everything that
 * interleaves goes through a64_simd_ldst, which walks the structures in the Arm ARM's
 * order (register t + s for structure element s, wrapping at 31) on the host mapping.
 *
 *   multiple:  0 Q 0011000 L 000000 opcode size Rn Rt   (post-index: 0011001 L 0 Rm)
 *   single:    0 Q 0011010 L R 00000 opcode S size Rn Rt (post-index: 0011011 L R Rm)
 */
#include "frontends/aarch64/simd.h"
#include "frontends/aarch64/translate.h"

/* The decoded shape of a structure access. */
typedef struct A64Struct {
	unsigned rpt, selem, scale, index, t;
	bool load, single, replicate, q;
	unsigned total; /* bytes transferred (the post-index immediate) */
} A64Struct;

/* Multiple structures: opcode -> (rpt, selem); false for unallocated opcodes. */
static bool a64_struct_multi(uint32_t raw, A64Struct *s)
{
	static const int8_t rpt[16] = {1, -1, 4, -1, 1, -1, 3, 1, 1, -1, 2, -1, -1, -1, -1, -1};
	static const int8_t sel[16] = {4, -1, 1, -1, 3, -1, 1, 1, 2, -1, 1, -1, -1, -1, -1, -1};
	unsigned opcode = raw >> 12 & 15, size = raw >> 10 & 3;
	if (rpt[opcode] < 0)
		return false;
	s->rpt = (unsigned)rpt[opcode];
	s->selem = (unsigned)sel[opcode];
	s->scale = size;
	if (size == 3 && !s->q && s->selem > 1)
		return false;
	s->total = (s->q ? 16 : 8) * s->rpt * s->selem;
	return true;
}

/* Single structure: selem = opcode<0>:R + 1; scale from opcode<2:1> and size. */
static bool a64_struct_single(uint32_t raw, A64Struct *s)
{
	unsigned opcode = raw >> 13 & 7, sbit = raw >> 12 & 1, size = raw >> 10 & 3;
	unsigned r = raw >> 21 & 1, q = s->q;
	s->selem = ((opcode & 1) << 1 | r) + 1;
	s->rpt = 1;
	switch (opcode >> 1) {
	case 0: s->scale = 0, s->index = q << 3 | sbit << 2 | size; break;
	case 1:
		if (size & 1)
			return false;
		s->scale = 1, s->index = q << 2 | sbit << 1 | size >> 1;
		break;
	case 2:
		if (size & 2)
			return false;
		if (size == 0)
			s->scale = 2, s->index = q << 1 | sbit;
		else if (!sbit)
			s->scale = 3, s->index = q;
		else
			return false;
		break;
	default:
		if (!s->load || sbit)
			return false;
		s->replicate = true;
		s->scale = size;
		break;
	}
	s->total = s->selem << s->scale;
	return true;
}

static bool a64_struct_decode(uint32_t raw, A64Struct *s)
{
	*s = (A64Struct){0};
	s->q = raw >> 30 & 1;
	s->load = raw >> 22 & 1;
	s->single = raw >> 24 & 1;
	s->t = raw & 31;
	return s->single ? a64_struct_single(raw, s) : a64_struct_multi(raw, s);
}

/* Runs the structure access at guest address a1. */
static uint64_t a64_simd_ldst(void *cpu_, uint64_t insn, uint64_t addr, uint64_t a2, uint64_t a3)
{
	A64Cpu *cpu = cpu_;
	A64Struct s;
	a64_struct_decode((uint32_t)insn, &s);
	uint8_t *mem = a64_host(cpu, addr);
	unsigned eb = 1u << s.scale, off = 0, vbytes = s.q ? 16 : 8;
	if (s.replicate) {
		for (unsigned e = 0; e < s.selem; e++, off += eb) {
			A64V r;
			for (unsigned i = 0; i < vbytes; i += eb)
				memcpy(&r.u8[i], mem + off, eb);
			a64_vput(cpu, (s.t + e) & 31, &r, vbytes);
		}
		return 0;
	}
	if (s.single) {
		for (unsigned e = 0; e < s.selem; e++, off += eb) {
			uint8_t *lane = (uint8_t *)&cpu->v[(s.t + e) & 31] + (s.index << s.scale);
			if (s.load)
				memcpy(lane, mem + off, eb);
			else
				memcpy(mem + off, lane, eb);
		}
		return 0;
	}
	A64V regs[4];
	unsigned elems = vbytes / eb, n = s.rpt * s.selem;
	for (unsigned k = 0; k < n; k++)
		regs[k] = a64_vget(cpu, (s.t + k) & 31);
	for (unsigned r = 0; r < s.rpt; r++)
		for (unsigned e = 0; e < elems; e++)
			for (unsigned k = 0; k < s.selem; k++, off += eb) {
				uint8_t *lane = &regs[r + k].u8[e * eb];
				if (s.load)
					memcpy(lane, mem + off, eb);
				else
					memcpy(mem + off, lane, eb);
			}
	if (s.load)
		for (unsigned k = 0; k < n; k++)
			a64_vput(cpu, (s.t + k) & 31, &regs[k], vbytes);
	return 0;
}

static const IrHelper a64_simd_ldst_helper = {"a64_simd_ldst", a64_simd_ldst,
					      IRH_READS_STATE | IRH_WRITES_STATE | IRH_MEM};

/* LD1/ST1 of rpt whole registers, inline. */
static void a64_ld1_inline(A64Ctx *ctx, const A64Struct *s, IrTemp addr)
{
	IrBlock *b = ctx->b;
	for (unsigned r = 0; r < s->rpt; r++) {
		unsigned reg = (s->t + r) & 31;
		int64_t off = (int64_t)r * (s->q ? 16 : 8);
		unsigned mo = s->q ? MO_128 | MO_64 : MO_64;
		if (s->load)
			ir_put(b, IR_V128, A64_OFF_V(reg), ir_load(b, IR_V128, mo, addr, off));
		else
			ir_store(b, IR_V128, mo, addr, off, ir_get(b, IR_V128, A64_OFF_V(reg)));
	}
}

/* All four encodings: bit 23 says post-index (Rm = 31: by the transfer size). */
A64_TRANS(v_ldst_struct)
{
	A64Struct s;
	if (!a64_struct_decode(in->raw, &s))
		return false;
	bool post = in->raw >> 23 & 1;
	if (!post && in->rm != 0)
		return false;
	IrTemp addr = a64_x_sp(ctx, in->rn);
	if (!s.single && s.selem == 1) {
		a64_ld1_inline(ctx, &s, addr);
	} else {
		ir_call(ctx->b, &a64_simd_ldst_helper, a64_const(ctx, in->raw), addr, IR_NONE, IR_NONE);
	}
	if (post) {
		IrTemp inc = in->rm == 31 ? a64_const(ctx, s.total) : a64_x(ctx, in->rm);
		a64_set_x_sp(ctx, in->rn, ir_op2(ctx->b, IR_ADD, IR_I64, addr, inc), true);
	}
	return true;
}
