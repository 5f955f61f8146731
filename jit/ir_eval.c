/*
 * Semantics of the pure IR ops (arithmetic, logic, shifts, compares, extensions and
 * floating-point basics). Integer division is total as ir_ops.h documents. Floating
 * point is the host's SSE arithmetic in round-to-nearest, in the operation's own
 * precision, and must raise exactly the MXCSR exception flags the x86-64 backend's
 * instruction raises: operands are moved as bits (never converted between precisions,
 * which would raise invalid for a signaling NaN of its own), the default-NaN fix-up tests
 * bits, and compares use the C forms GCC compiles to the matching instruction: `==` and
 * __builtin_isless/islessequal/isunordered to ucomis (quiet), `<` and `<=` to comis
 * (signaling, C11 Annex F).
 */
#include "jit/ir_eval.h"

#include <math.h>
#include <string.h>

static uint64_t mask_of(IrType t)
{
	return t == IR_I32 || t == IR_F32 ? 0xffffffffull : ~0ull;
}

static int64_t sext(uint64_t v, unsigned bits)
{
	return bits >= 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static uint64_t mulh(IrOp op, IrType t, uint64_t a, uint64_t b)
{
	if (t == IR_I32) {
		int64_t sa = (int32_t)a, sb = (int32_t)b;
		uint64_t ua = (uint32_t)a, ub = (uint32_t)b;
		int64_t r = op == IR_MULHS ? sa * sb : op == IR_MULHU ? (int64_t)(ua * ub) : sa * (int64_t)ub;
		return (uint64_t)r >> 32;
	}
	__int128 r;
	if (op == IR_MULHS)
		r = (__int128)(int64_t)a * (int64_t)b;
	else if (op == IR_MULHU)
		r = (__int128)((unsigned __int128)a * b);
	else
		r = (__int128)(int64_t)a * (__int128)(unsigned __int128)b;
	return (uint64_t)((unsigned __int128)r >> 64);
}

static uint64_t divide(IrOp op, IrType t, uint64_t a, uint64_t b)
{
	unsigned w = t == IR_I32 ? 32 : 64;
	int64_t sa = sext(a, w), sb = sext(b, w);
	int64_t min = w == 32 ? INT32_MIN : INT64_MIN;
	if (b == 0)
		return op == IR_DIVS || op == IR_DIVU ? 0 : a;
	switch (op) {
	case IR_DIVU:
		return a / b;
	case IR_REMU:
		return a % b;
	case IR_DIVS:
		return sa == min && sb == -1 ? (uint64_t)min : (uint64_t)(sa / sb);
	default:
		return sa == min && sb == -1 ? 0 : (uint64_t)(sa % sb);
	}
}

static uint64_t shift(IrOp op, IrType t, uint64_t a, uint64_t b)
{
	unsigned w = t == IR_I32 ? 32 : 64, n = (unsigned)(b & (w - 1));
	switch (op) {
	case IR_SHL:
		return a << n;
	case IR_SHR:
		return a >> n;
	case IR_SAR:
		return (uint64_t)(sext(a, w) >> n);
	case IR_ROTL:
		return n ? (a << n) | (a >> (w - n)) : a;
	default:
		return n ? (a >> n) | (a << (w - n)) : a;
	}
}

static bool compare(IrCond c, IrType t, uint64_t a, uint64_t b)
{
	unsigned w = t == IR_I32 ? 32 : 64;
	int64_t sa = sext(a, w), sb = sext(b, w);
	switch (c) {
	case IR_EQ: return a == b;
	case IR_NE: return a != b;
	case IR_LTS: return sa < sb;
	case IR_GES: return sa >= sb;
	case IR_LES: return sa <= sb;
	case IR_GTS: return sa > sb;
	case IR_LTU: return a < b;
	case IR_GEU: return a >= b;
	case IR_LEU: return a <= b;
	default: return a > b;
	}
}

static uint64_t bit_count(IrOp op, IrType t, uint64_t a)
{
	unsigned w = t == IR_I32 ? 32 : 64;
	if (op == IR_POPCNT)
		return (uint64_t)__builtin_popcountll(a);
	if (a == 0)
		return w;
	if (op == IR_CTZ)
		return (uint64_t)__builtin_ctzll(a);
	return (uint64_t)__builtin_clzll(a) - (64 - w);
}

static double as_f64(IrType t, uint64_t v)
{
	if (t == IR_F32) {
		float f;
		uint32_t u = (uint32_t)v;
		memcpy(&f, &u, 4);
		return f;
	}
	double d;
	memcpy(&d, &v, 8);
	return d;
}

static uint64_t from_f64(IrType t, double d)
{
	if (t == IR_F32) {
		float f = (float)d;
		uint32_t u;
		memcpy(&u, &f, 4);
		return u;
	}
	uint64_t v;
	memcpy(&v, &d, 8);
	return v;
}

static float bits_f32(uint64_t v)
{
	float f;
	uint32_t u = (uint32_t)v;
	memcpy(&f, &u, 4);
	return f;
}

static uint64_t f32_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}

/* The default NaN of IR_FARITH_DEFAULT_NAN, tested on the bits so that no compare can
 * raise a flag. */
static uint64_t default_nan(IrType t, uint64_t r, uint16_t aux)
{
	uint64_t expo = t == IR_F32 ? 0x7f800000u : 0x7ff0000000000000ull;
	uint64_t frac = t == IR_F32 ? 0x007fffffu : 0x000fffffffffffffull;
	if (!(aux & IR_FARITH_DEFAULT_NAN) || (r & expo) != expo || !(r & frac))
		return r;
	return t == IR_F32 ? 0x7fc00000u : 0x7ff8000000000000ull;
}

/* One body per precision so that each rounds once, in its own format. */
#define FLOAT_ARITH(FT, SQRT, op, x, y)                                                            \
	(op == IR_FADD   ? (FT)(x + y)                                                             \
	 : op == IR_FSUB ? (FT)(x - y)                                                             \
	 : op == IR_FMUL ? (FT)(x * y)                                                             \
	 : op == IR_FDIV ? (FT)(x / y)                                                             \
	                 : SQRT(x))

static uint64_t float_arith(IrOp op, IrType t, uint16_t aux, uint64_t a, uint64_t b)
{
	uint64_t r;
	if (t == IR_F32) {
		float x = bits_f32(a), y = bits_f32(b);
		r = f32_bits(FLOAT_ARITH(float, sqrtf, op, x, y));
	} else {
		double x = as_f64(t, a), y = as_f64(t, b);
		r = from_f64(t, FLOAT_ARITH(double, sqrt, op, x, y));
	}
	return default_nan(t, r, aux);
}

#define FLOAT_COMPARE(c, sig, x, y)                                                                \
	(c == IR_FEQ   ? (sig ? x <= y && x >= y : x == y)                                         \
	 : c == IR_FLT ? (sig ? x < y : __builtin_isless(x, y))                                    \
	 : c == IR_FLE ? (sig ? x <= y : __builtin_islessequal(x, y))                              \
	               : (sig ? !(x <= y) && !(x > y) : __builtin_isunordered(x, y)))

static uint64_t float_compare(uint16_t aux, IrType t, uint64_t a, uint64_t b)
{
	IrFCond c = (IrFCond)(aux & IR_FCMP_COND_MASK);
	bool sig = aux & IR_FCMP_SIGNALING;
	if (t == IR_F32) {
		float x = bits_f32(a), y = bits_f32(b);
		return FLOAT_COMPARE(c, sig, x, y);
	}
	double x = as_f64(t, a), y = as_f64(t, b);
	return FLOAT_COMPARE(c, sig, x, y);
}

bool ir_eval_supported(IrOp op, IrType type)
{
	const IrOpInfo *info = &ir_op_info[op];
	if (info->flags & (IRF_SIDE | IRF_READS_STATE) || op == IR_CONST || op == IR_MOV)
		return false;
	/* Conversions whose source type is not known from the op alone stay unfolded. */
	if (info->sig == SIG_CONV)
		return false;
	return !ir_eval_is_vector(op, type);
}

uint64_t ir_eval(IrOp op, IrType t, uint16_t aux, const uint64_t *s)
{
	uint64_t m = mask_of(t), a = s[0], b = s[1];
	switch (op) {
	case IR_ADD: return (a + b) & m;
	case IR_SUB: return (a - b) & m;
	case IR_MUL: return (a * b) & m;
	case IR_MULHS: case IR_MULHU: case IR_MULHSU: return mulh(op, t, a, b) & m;
	case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU: return divide(op, t, a, b) & m;
	case IR_AND: return a & b;
	case IR_OR: return a | b;
	case IR_XOR: return a ^ b;
	case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
		return shift(op, t, a, b) & m;
	case IR_NEG: return (0 - a) & m;
	case IR_NOT: return ~a & m;
	case IR_BSWAP: return t == IR_I32 ? __builtin_bswap32((uint32_t)a) : __builtin_bswap64(a);
	case IR_CLZ: case IR_CTZ: case IR_POPCNT: return bit_count(op, t, a & m);
	case IR_CMP: return compare((IrCond)aux, t, a, b);
	case IR_SELECT: return a ? b : s[2];
	case IR_EXTS: return (uint64_t)sext(a, aux) & m;
	case IR_EXTU: return (aux >= 64 ? a : a & ((1ull << aux) - 1)) & m;
	case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT:
		return float_arith(op, t, aux, a, b);
	case IR_FCMP: return float_compare(aux, t, a, b);
	default: return 0;
	}
}

static uint64_t float_to_int(IrType to, bool is_unsigned, double d)
{
	if (d != d)
		return 0;
	d = trunc(d);
	if (to == IR_I32) {
		if (is_unsigned)
			return d <= 0 ? 0 : d >= 4294967295.0 ? 0xffffffffu : (uint32_t)d;
		int32_t r = d <= -2147483648.0 ? INT32_MIN : d >= 2147483647.0 ? INT32_MAX : (int32_t)d;
		return (uint32_t)r;
	}
	if (is_unsigned)
		return d <= 0 ? 0 : d >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)d;
	return (uint64_t)(d <= -9223372036854775808.0 ? INT64_MIN
			  : d >= 9223372036854775807.0 ? INT64_MAX : (int64_t)d);
}

static uint64_t int_to_float(IrType to, IrType from, bool is_unsigned, uint64_t v)
{
	if (from == IR_I32)
		v = is_unsigned ? (uint32_t)v : (uint64_t)(int64_t)(int32_t)v;
	if (to == IR_F32) {
		float f = is_unsigned ? (float)v : (float)(int64_t)v;
		return from_f64(IR_F32, f);
	}
	return from_f64(IR_F64, is_unsigned ? (double)v : (double)(int64_t)v);
}

uint64_t ir_eval_conv(IrOp op, IrType to, IrType from, uint16_t aux, uint64_t v)
{
	switch (op) {
	case IR_ITOF:
		return int_to_float(to, from, aux & 1, v);
	case IR_FTOI:
		return float_to_int(to, aux & 1, as_f64(from, v));
	case IR_FCVT:
		return from_f64(to, as_f64(from, v));
	default:
		return v & mask_of(to);
	}
}
