/*
 * The aarch64 decoder, built from the instruction tables (insn_table_int.h, _mem.h,
 * _branch.h, _sys.h, _fp.h, _simd.h): the X-macro lines become the translator
 * prototypes and one pattern array. Dispatch is two-level: the top-level op0 field
 * (bits 28:25) picks the encoding group and bits 31:29 and 24:21 a bucket inside it.
 * Both levels are folded into one 11-bit key (bits 31:21), and the index lists, per key,
 * the patterns that can match an instruction with that key, in table order; decoding
 * then compares only those few masks. The index is built once, on first use, by
 * enumerating each pattern's free key bits. Field extraction follows the pattern's
 * format; disas.c prints what this file decodes.
 */
#include <pthread.h>
#include <stdlib.h>

#include "frontends/aarch64/decode.h"
#include "frontends/aarch64/insn_table_branch.h"
#include "frontends/aarch64/insn_table_fp.h"
#include "frontends/aarch64/insn_table_int.h"
#include "frontends/aarch64/insn_table_mem.h"
#include "frontends/aarch64/insn_table_simd.h"
#include "frontends/aarch64/insn_table_sys.h"

#define A64_INSN_TABLE_ALL(X)                                                                      \
	A64_INSN_TABLE_INT(X)                                                                      \
	A64_INSN_TABLE_BRANCH(X)                                                                   \
	A64_INSN_TABLE_SYS(X)                                                                      \
	A64_INSN_TABLE_MEM(X)                                                                      \
	A64_INSN_TABLE_FP(X)                                                                       \
	A64_INSN_TABLE_SIMD(X)

#define A64_PROTO(name, mask, match, fmt, fn) bool fn(A64Ctx *ctx, const A64Insn *in);
A64_INSN_TABLE_ALL(A64_PROTO)
#undef A64_PROTO

static const A64Pattern a64_patterns[] = {
#define A64_LINE(name, mask, match, fmt, fn) {name, mask, match, fmt, fn},
    A64_INSN_TABLE_ALL(A64_LINE)
#undef A64_LINE
};
#define A64_N_PATTERNS (sizeof a64_patterns / sizeof a64_patterns[0])

#define A64_KEY_SHIFT 21
#define A64_KEYS      2048u

static uint32_t a64_start[A64_KEYS + 1];
static uint16_t *a64_order;
static pthread_once_t a64_once = PTHREAD_ONCE_INIT;

size_t a64_pattern_count(void)
{
	return A64_N_PATTERNS;
}

/* Calls visit(key) for every key pattern p can match: its fixed key bits plus every
 * combination of its free ones. */
static void a64_each_key(const A64Pattern *p, void (*visit)(unsigned key, size_t pat), size_t i)
{
	unsigned kmask = p->mask >> A64_KEY_SHIFT, kmatch = (p->match >> A64_KEY_SHIFT) & kmask;
	unsigned free = ~kmask & (A64_KEYS - 1), sub = free;
	for (;;) {
		visit(kmatch | sub, i);
		if (!sub)
			break;
		sub = (sub - 1) & free;
	}
}

static void a64_count_key(unsigned key, size_t pat)
{
	a64_start[key + 1]++;
}

static uint32_t *a64_fill;
static void a64_fill_key(unsigned key, size_t pat)
{
	a64_order[a64_fill[key]++] = (uint16_t)pat;
}

static void a64_decode_init(void)
{
	static uint32_t fill[A64_KEYS];
	for (size_t i = 0; i < A64_N_PATTERNS; i++)
		a64_each_key(&a64_patterns[i], a64_count_key, i);
	for (unsigned k = 0; k < A64_KEYS; k++)
		a64_start[k + 1] += a64_start[k];
	a64_order = malloc((a64_start[A64_KEYS] + 1) * sizeof *a64_order);
	if (!a64_order) {
		for (unsigned k = 0; k <= A64_KEYS; k++)
			a64_start[k] = 0;
		return;
	}
	for (unsigned k = 0; k < A64_KEYS; k++)
		fill[k] = a64_start[k];
	a64_fill = fill;
	for (size_t i = 0; i < A64_N_PATTERNS; i++)
		a64_each_key(&a64_patterns[i], a64_fill_key, i);
}

static int64_t sext(uint64_t v, unsigned width)
{
	return (int64_t)(v << (64 - width)) >> (64 - width);
}

static uint32_t bits(uint32_t x, unsigned hi, unsigned lo)
{
	return (x >> lo) & ((1u << (hi - lo + 1)) - 1);
}

/* DecodeBitMasks for logical immediates: the element size is 2^len where len is the
 * highest set bit of N:NOT(imms); the element is (imms & (esize-1)) + 1 ones rotated
 * right by immr; the result is that element replicated to datasize bits. */
bool a64_decode_bitmask(unsigned n, unsigned immr, unsigned imms, unsigned datasize, uint64_t *out)
{
	unsigned combined = (n << 6) | (~imms & 0x3f);
	if (combined == 0)
		return false;
	unsigned len = 31 - (unsigned)__builtin_clz(combined);
	if (len < 1 || (1u << len) > datasize)
		return false;
	unsigned esize = 1u << len, levels = esize - 1;
	unsigned s = imms & levels, r = immr & levels;
	if (s == levels)
		return false; /* all ones is reserved */
	uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
	uint64_t elem = (1ull << (s + 1)) - 1;
	if (r)
		elem = ((elem >> r) | (elem << (esize - r))) & emask;
	for (unsigned w = esize; w < 64; w *= 2)
		elem |= elem << w;
	*out = datasize == 64 ? elem : elem & 0xffffffffu;
	return true;
}

/* Log2 of the access size of a load/store single-register form: size, or 4 for a q
 * register (V = 1 with opc<1> = 1). */
static uint8_t a64_ls_scale(uint32_t x)
{
	return (x >> 26 & 1) && (x >> 23 & 1) ? 4 : (uint8_t)bits(x, 31, 30);
}

/* The pair forms: opc is 31:30; SIMD&FP pairs go 4, 8, 16 bytes, the others 4, 4, 8. */
static uint8_t a64_pair_scale(uint32_t x)
{
	unsigned opc = bits(x, 31, 30);
	return (uint8_t)((x >> 26 & 1) ? 2 + opc : 2 + (opc >> 1));
}

static void a64_fields(uint32_t x, const A64Pattern *p, A64Insn *in)
{
	switch ((A64Format)p->format) {
	case A64F_ADDSUB_IMM: in->imm = (int64_t)bits(x, 21, 10) << (x >> 22 & 1 ? 12 : 0); break;
	case A64F_LOGIC_IMM: {
		uint64_t m = 0;
		in->valid = (in->sf || !(x >> 22 & 1)) &&
		            a64_decode_bitmask(x >> 22 & 1, bits(x, 21, 16), bits(x, 15, 10),
		                               in->sf ? 64 : 32, &m);
		in->imm = (int64_t)m;
		break;
	}
	case A64F_MOVEWIDE: in->imm = bits(x, 20, 5), in->imm2 = bits(x, 22, 21) * 16; break;
	case A64F_ADR: in->imm = sext(bits(x, 23, 5) << 2 | bits(x, 30, 29), 21); break;
	case A64F_ADRP:
		in->imm =
		    (int64_t)((uint64_t)sext(bits(x, 23, 5) << 2 | bits(x, 30, 29), 21) << 12);
		break;
	case A64F_BITFIELD: in->imm = bits(x, 21, 16), in->imm2 = bits(x, 15, 10); break;
	case A64F_EXTR: in->imm = bits(x, 15, 10); break;
	case A64F_SHIFTED: in->imm = bits(x, 15, 10), in->imm2 = bits(x, 23, 22); break;
	case A64F_EXTENDED: in->imm = bits(x, 12, 10), in->imm2 = bits(x, 15, 13); break;
	case A64F_LS_REG: in->imm = bits(x, 12, 12), in->imm2 = bits(x, 15, 13); break;
	case A64F_CCMP_REG: in->imm = bits(x, 3, 0); break;
	case A64F_CCMP_IMM: in->imm = bits(x, 3, 0), in->imm2 = bits(x, 20, 16); break;
	case A64F_B26: in->imm = sext(bits(x, 25, 0), 26) * 4; break;
	case A64F_BCOND: in->imm = sext(bits(x, 23, 5), 19) * 4, in->cond = x & 15; break;
	case A64F_CB:
	case A64F_LS_LIT: in->imm = sext(bits(x, 23, 5), 19) * 4; break;
	case A64F_TB:
		in->imm = sext(bits(x, 18, 5), 14) * 4,
		in->imm2 = bits(x, 31, 31) << 5 | bits(x, 23, 19);
		break;
	case A64F_EXC: in->imm = bits(x, 20, 5); break;
	case A64F_MRS:
	case A64F_MSR_REG: in->imm = bits(x, 20, 5) | 0x8000; break;
	case A64F_MSR_IMM:
		in->imm = bits(x, 18, 16) << 3 | bits(x, 7, 5), in->imm2 = bits(x, 11, 8);
		break;
	case A64F_BARRIER: in->imm = bits(x, 11, 8), in->imm2 = bits(x, 7, 5); break;
	case A64F_SYS: in->imm = bits(x, 18, 5); break;
	case A64F_LS_UIMM: in->imm = (int64_t)bits(x, 21, 10) << in->scale; break;
	case A64F_LS_SIMM:
	case A64F_LS_PRE:
	case A64F_LS_POST: in->imm = sext(bits(x, 20, 12), 9); break;
	case A64F_LS_PAIR:
	case A64F_LS_PAIR_PRE:
	case A64F_LS_PAIR_POST: in->imm = sext(bits(x, 21, 15), 7) * (1 << in->scale); break;
	default: break;
	}
}

/* The access scale of the load/store formats (0 for the others). */
static uint8_t a64_scale_of(uint32_t x, A64Format f)
{
	if (f >= A64F_LS_UIMM && f <= A64F_LS_REG)
		return a64_ls_scale(x);
	if (f >= A64F_LS_PAIR && f <= A64F_LS_PAIR_POST)
		return a64_pair_scale(x);
	if (f >= A64F_LDX && f <= A64F_CASP)
		return (uint8_t)bits(x, 31, 30);
	return 0;
}

const A64Pattern *a64_decode(uint32_t insn, A64Insn *out)
{
	pthread_once(&a64_once, a64_decode_init);
	unsigned key = insn >> A64_KEY_SHIFT;
	for (uint32_t i = a64_start[key]; i < a64_start[key + 1]; i++) {
		const A64Pattern *p = &a64_patterns[a64_order[i]];
		if ((insn & p->mask) != p->match)
			continue;
		*out = (A64Insn){
		    .raw = insn,
		    .rd = insn & 31,
		    .rn = insn >> 5 & 31,
		    .rm = insn >> 16 & 31,
		    .ra = insn >> 10 & 31,
		    .cond = insn >> 12 & 15,
		    .sf = insn >> 31,
		    .valid = true,
		    .scale = a64_scale_of(insn, (A64Format)p->format),
		    .pat = p,
		};
		a64_fields(insn, p, out);
		return p;
	}
	return NULL;
}
