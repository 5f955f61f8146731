/*
 * Advanced SIMD integer helpers (simd.h): three same, two-register misc, across lanes,
 * pairwise. Each helper is generated from one expression over the element values:
 * x and y (the Vn and Vm elements, zero-extended), sx and sy (sign-extended), acc (the
 * Vd element) and w (the element width), and is specialised per element size so the
 * compiler sees constant widths. Saturating operations set FPSR.QC (the Arm ARM's
 * SatQ and the "sat" outputs of its pseudocode).
 */
#include "frontends/aarch64/simd.h"

#define A64_INLINE static inline __attribute__((always_inline))

/* The per-size dispatch every generated helper uses: fn(w, args...) with a constant w. */
#define A64_BY_W(size, fn, ...)                                                           \
	switch (size) {                                                                   \
	case 0: fn(8, __VA_ARGS__); break;                                                \
	case 1: fn(16, __VA_ARGS__); break;                                               \
	case 2: fn(32, __VA_ARGS__); break;                                               \
	default: fn(64, __VA_ARGS__); break;                                              \
	}
#define A64_CALL_W(w, fn, ...) fn(w, __VA_ARGS__)

/* Elementwise over Vn, Vm, Vd: r[i] = EXPR. */
#define A64_EW3(name, EXPR)                                                               \
	A64_INLINE void a64_ew_##name(unsigned w, const A64Vop *o, const A64V *n,          \
				      const A64V *m, const A64V *d, A64V *r, bool *qcp)   \
	{                                                                                 \
		bool qc = false;                                                          \
		for (unsigned i = 0; i < o->elems; i++) {                                 \
			uint64_t x = a64_elt(n, w, i), y = a64_elt(m, w, i);              \
			uint64_t acc = a64_elt(d, w, i);                                  \
			int64_t sx = a64_sext(x, w), sy = a64_sext(y, w);                 \
			(void)acc, (void)sx, (void)sy;                                    \
			a64_set_elt(r, w, i, (uint64_t)(EXPR));                           \
		}                                                                         \
		*qcp |= qc;                                                               \
	}                                                                                 \
	A64_SIMD_HELPER(name)                                                             \
	{                                                                                 \
		A64Cpu *cpu = cpu_;                                                       \
		A64Vop o = a64_vop(insn);                                                 \
		A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), d = a64_vget(cpu, o.d); \
		A64V r = {{0}};                                                           \
		bool qc = false;                                                          \
		(void)d;                                                                  \
		A64_BY_W(o.size, A64_CALL_W, a64_ew_##name, &o, &n, &m, &d, &r, &qc)      \
		a64_set_qc(cpu, qc);                                                      \
		a64_vput(cpu, o.d, &r, o.bytes);                                          \
		return 0;                                                                 \
	}

/* Shift of element x (w bits) by the signed byte sh: SSHL, USHL, SRSHL, URSHL, SQSHL,
 * UQSHL, SQRSHL, UQRSHL (positive: left; negative: right, rounding when `rnd`). */
A64_INLINE uint64_t a64_vshl(unsigned w, bool sgn, bool rnd, bool sat, uint64_t x, int sh, bool *qc)
{
	uint64_t mask = a64_emask(w);
	int64_t sx = a64_sext(x, w);
	if (sh >= 0) {
		uint64_t r = sh >= (int)w ? 0 : (x << sh) & mask;
		if (!sat)
			return r;
		if (sgn) {
			bool ok = sh < (int)w ? (a64_sext(r, w) >> sh) == sx : sx == 0;
			return ok ? r : a64_sat_s(w, sx < 0 ? -((__int128)1 << 64) : ((__int128)1 << 64), qc);
		}
		bool ok = sh < (int)w ? (r >> sh) == (x & mask) : x == 0;
		return ok ? r : a64_sat_u(w, (__int128)1 << 64, qc);
	}
	int s = -sh;
	__int128 v = sgn ? (__int128)sx : (__int128)x;
	if (rnd) {
		if (s > (int)w)
			return 0;
		return (uint64_t)((v + ((__int128)1 << (s - 1))) >> s) & mask;
	}
	if (s >= (int)w)
		return sgn && sx < 0 ? mask : 0;
	return (uint64_t)(v >> s) & mask;
}

A64_INLINE int a64_sh8(uint64_t y) { return (int8_t)(uint8_t)y; }

A64_INLINE uint64_t a64_pmul8(uint64_t x, uint64_t y)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 8; i++)
		if (y >> i & 1)
			r ^= x << i;
	return r;
}

A64_INLINE uint64_t a64_absdiff(int64_t a, int64_t b) { return a > b ? (uint64_t)(a - b) : (uint64_t)(b - a); }

#define A64_ONES(c) ((c) ? ~0ull : 0)

#define A64_LIST_EW3(X)                                                                   \
	X(add, x + y)                                                                     \
	X(sub, x - y)                                                                     \
	X(shadd, (uint64_t)((sx + sy) >> 1))                                              \
	X(uhadd, (x + y) >> 1)                                                            \
	X(srhadd, (uint64_t)((sx + sy + 1) >> 1))                                         \
	X(urhadd, (x + y + 1) >> 1)                                                       \
	X(shsub, (uint64_t)((sx - sy) >> 1))                                              \
	X(uhsub, (uint64_t)(((int64_t)x - (int64_t)y) >> 1))                              \
	X(sqadd, a64_sat_s(w, (__int128)sx + sy, &qc))                                    \
	X(uqadd, a64_sat_u(w, (__int128)x + y, &qc))                                      \
	X(sqsub, a64_sat_s(w, (__int128)sx - sy, &qc))                                    \
	X(uqsub, a64_sat_u(w, (__int128)x - y, &qc))                                      \
	X(cmgt, A64_ONES(sx > sy))                                                        \
	X(cmge, A64_ONES(sx >= sy))                                                       \
	X(cmhi, A64_ONES(x > y))                                                          \
	X(cmhs, A64_ONES(x >= y))                                                         \
	X(cmeq, A64_ONES(x == y))                                                         \
	X(cmtst, A64_ONES(x & y))                                                         \
	X(sshl, a64_vshl(w, true, false, false, x, a64_sh8(y), &qc))                      \
	X(ushl, a64_vshl(w, false, false, false, x, a64_sh8(y), &qc))                     \
	X(srshl, a64_vshl(w, true, true, false, x, a64_sh8(y), &qc))                      \
	X(urshl, a64_vshl(w, false, true, false, x, a64_sh8(y), &qc))                     \
	X(sqshl, a64_vshl(w, true, false, true, x, a64_sh8(y), &qc))                      \
	X(uqshl, a64_vshl(w, false, false, true, x, a64_sh8(y), &qc))                     \
	X(sqrshl, a64_vshl(w, true, true, true, x, a64_sh8(y), &qc))                      \
	X(uqrshl, a64_vshl(w, false, true, true, x, a64_sh8(y), &qc))                     \
	X(smax, sx > sy ? x : y)                                                          \
	X(smin, sx < sy ? x : y)                                                          \
	X(umax, x > y ? x : y)                                                            \
	X(umin, x < y ? x : y)                                                            \
	X(sabd, a64_absdiff(sx, sy))                                                      \
	X(uabd, a64_absdiff((int64_t)x, (int64_t)y))                                      \
	X(saba, acc + a64_absdiff(sx, sy))                                                \
	X(uaba, acc + a64_absdiff((int64_t)x, (int64_t)y))                                \
	X(mla, acc + x * y)                                                               \
	X(mls, acc - x * y)                                                               \
	X(mul, x * y)                                                                     \
	X(pmul, a64_pmul8(x, y))                                                          \
	X(sqdmulh, a64_sat_s(w, ((__int128)2 * sx * sy) >> w, &qc))                       \
	X(sqrdmulh, a64_sat_s(w, ((__int128)2 * sx * sy + ((__int128)1 << (w - 1))) >> w, &qc))

A64_LIST_EW3(A64_EW3)

/* The bitwise three-same group: the size field selects the operation, 64-bit lanes. */
#define A64_LOGIC(name, EXPR)                                                             \
	A64_SIMD_HELPER(name)                                                             \
	{                                                                                 \
		A64Cpu *cpu = cpu_;                                                       \
		A64Vop o = a64_vop(insn);                                                 \
		A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), d = a64_vget(cpu, o.d); \
		A64V r;                                                                   \
		for (unsigned i = 0; i < 2; i++) {                                        \
			uint64_t x = n.u64[i], y = m.u64[i], acc = d.u64[i];              \
			(void)acc;                                                        \
			r.u64[i] = (EXPR);                                                \
		}                                                                         \
		a64_vput(cpu, o.d, &r, o.q ? 16 : 8);                                     \
		return 0;                                                                 \
	}

A64_LOGIC(and, x & y)
A64_LOGIC(bic, x & ~y)
A64_LOGIC(orr, x | y)
A64_LOGIC(orn, x | ~y)
A64_LOGIC(eor, x ^ y)
A64_LOGIC(bsl, (acc & x) | (~acc & y))
A64_LOGIC(bit, (x & y) | (acc & ~y))
A64_LOGIC(bif, (acc & y) | (x & ~y))

/* Pairwise over the concatenation Vm:Vn (element j < elems from Vn, then Vm); the
 * scalar form (addp Dd, Vn.2D) combines the two halves of Vn. */
#define A64_PAIRWISE(name, EXPR)                                                          \
	A64_INLINE void a64_pw_##name(unsigned w, const A64Vop *o, const A64V *n,          \
				      const A64V *m, A64V *r)                             \
	{                                                                                 \
		for (unsigned i = 0; i < o->elems; i++) {                                 \
			unsigned j = 2 * i, half = o->scalar ? 2 : o->elems;              \
			const A64V *src = j < half ? n : m;                               \
			j %= half;                                                        \
			uint64_t x = a64_elt(src, w, j), y = a64_elt(src, w, j + 1);      \
			int64_t sx = a64_sext(x, w), sy = a64_sext(y, w);                 \
			(void)sx, (void)sy;                                               \
			a64_set_elt(r, w, i, (uint64_t)(EXPR));                           \
		}                                                                         \
	}                                                                                 \
	A64_SIMD_HELPER(name)                                                             \
	{                                                                                 \
		A64Cpu *cpu = cpu_;                                                       \
		A64Vop o = a64_vop(insn);                                                 \
		A64V n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r = {{0}};           \
		A64_BY_W(o.size, a64_pw_##name, &o, &n, &m, &r)                           \
		a64_vput(cpu, o.d, &r, o.bytes);                                          \
		return 0;                                                                 \
	}

A64_PAIRWISE(addp, x + y)
A64_PAIRWISE(smaxp, sx > sy ? x : y)
A64_PAIRWISE(sminp, sx < sy ? x : y)
A64_PAIRWISE(umaxp, x > y ? x : y)
A64_PAIRWISE(uminp, x < y ? x : y)

/* Two-register misc, elementwise over Vn (acc: the Vd element). */
#define A64_EW1(name, EXPR)                                                               \
	A64_INLINE void a64_e1_##name(unsigned w, const A64Vop *o, const A64V *n,          \
				      const A64V *d, A64V *r, bool *qcp)                  \
	{                                                                                 \
		bool qc = false;                                                          \
		for (unsigned i = 0; i < o->elems; i++) {                                 \
			uint64_t x = a64_elt(n, w, i), acc = a64_elt(d, w, i);            \
			int64_t sx = a64_sext(x, w), sacc = a64_sext(acc, w);             \
			(void)acc, (void)sx, (void)sacc;                                  \
			a64_set_elt(r, w, i, (uint64_t)(EXPR));                           \
		}                                                                         \
		*qcp |= qc;                                                               \
	}                                                                                 \
	A64_SIMD_HELPER(name)                                                             \
	{                                                                                 \
		A64Cpu *cpu = cpu_;                                                       \
		A64Vop o = a64_vop(insn);                                                 \
		A64V n = a64_vget(cpu, o.n), d = a64_vget(cpu, o.d), r = {{0}};           \
		bool qc = false;                                                          \
		A64_BY_W(o.size, a64_e1_##name, &o, &n, &d, &r, &qc)                      \
		a64_set_qc(cpu, qc);                                                      \
		a64_vput(cpu, o.d, &r, o.bytes);                                          \
		return 0;                                                                 \
	}

A64_INLINE uint64_t a64_clz_w(uint64_t v, unsigned w)
{
	return v ? (uint64_t)__builtin_clzll(v) - (64 - w) : w;
}

A64_INLINE uint64_t a64_rbit8(uint64_t x)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 8; i++)
		r |= (x >> i & 1) << (7 - i);
	return r;
}

#define A64_LIST_EW1(X)                                                                   \
	X(cls, a64_clz_w((x ^ (uint64_t)(sx >> (w - 1))) & a64_emask(w), w) - 1)          \
	X(clz, a64_clz_w(x, w))                                                           \
	X(cnt, (uint64_t)__builtin_popcountll(x))                                         \
	X(sqabs, a64_sat_s(w, sx < 0 ? -(__int128)sx : sx, &qc))                          \
	X(sqneg, a64_sat_s(w, -(__int128)sx, &qc))                                        \
	X(abs, sx < 0 ? -x : x)                                                           \
	X(neg, -x)                                                                        \
	X(cmgt0, A64_ONES(sx > 0))                                                        \
	X(cmge0, A64_ONES(sx >= 0))                                                       \
	X(cmeq0, A64_ONES(x == 0))                                                        \
	X(cmle0, A64_ONES(sx <= 0))                                                       \
	X(cmlt0, A64_ONES(sx < 0))                                                        \
	X(suqadd, a64_sat_s(w, (__int128)sacc + x, &qc))                                  \
	X(usqadd, a64_sat_u(w, (__int128)acc + sx, &qc))

A64_LIST_EW1(A64_EW1)

/* NOT and RBIT: bytewise, the size field being part of the opcode. */
static uint64_t a64_bytewise(void *cpu_, uint64_t insn, bool rbit)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), r;
	for (unsigned i = 0; i < 16; i++)
		r.u8[i] = rbit ? (uint8_t)a64_rbit8(n.u8[i]) : (uint8_t)~n.u8[i];
	a64_vput(cpu, o.d, &r, o.q ? 16 : 8);
	return 0;
}

A64_SIMD_HELPER(not) { return a64_bytewise(cpu_, insn, false); }
A64_SIMD_HELPER(rbit) { return a64_bytewise(cpu_, insn, true); }

/* REV16, REV32, REV64: element order reversed inside each container of cbytes bytes. */
static uint64_t a64_rev(void *cpu_, uint64_t insn, unsigned cbytes)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), r;
	unsigned eb = 1u << o.size, flip = cbytes - eb;
	for (unsigned i = 0; i < o.bytes; i += eb)
		memcpy(&r.u8[i ^ flip], &n.u8[i], eb);
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(rev16) { return a64_rev(cpu_, insn, 2); }
A64_SIMD_HELPER(rev32) { return a64_rev(cpu_, insn, 4); }
A64_SIMD_HELPER(rev64) { return a64_rev(cpu_, insn, 8); }

/* SADDLP, UADDLP, SADALP, UADALP: adjacent pairs summed into double-width lanes. */
static uint64_t a64_addlp(void *cpu_, uint64_t insn, bool sgn, bool acc)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), d = a64_vget(cpu, o.d), r = {{0}};
	unsigned w = 8u << o.size;
	for (unsigned i = 0; i < o.elems / 2; i++) {
		uint64_t x = a64_elt(&n, w, 2 * i), y = a64_elt(&n, w, 2 * i + 1);
		uint64_t s = sgn ? (uint64_t)(a64_sext(x, w) + a64_sext(y, w)) : x + y;
		if (acc)
			s += a64_elt(&d, 2 * w, i);
		a64_set_elt(&r, 2 * w, i, s);
	}
	a64_vput(cpu, o.d, &r, o.bytes);
	return 0;
}

A64_SIMD_HELPER(saddlp) { return a64_addlp(cpu_, insn, true, false); }
A64_SIMD_HELPER(uaddlp) { return a64_addlp(cpu_, insn, false, false); }
A64_SIMD_HELPER(sadalp) { return a64_addlp(cpu_, insn, true, true); }
A64_SIMD_HELPER(uadalp) { return a64_addlp(cpu_, insn, false, true); }

/* Across lanes: ADDV, SMAXV, SMINV, UMAXV, UMINV, SADDLV, UADDLV. The result is a
 * scalar of the element width (double for the long forms). */
typedef enum A64AcrossOp { A64_ACR_ADD, A64_ACR_SMAX, A64_ACR_SMIN, A64_ACR_UMAX, A64_ACR_UMIN,
			   A64_ACR_SADDL, A64_ACR_UADDL } A64AcrossOp;

A64_INLINE uint64_t a64_across_w(unsigned w, const A64V *n, unsigned elems, A64AcrossOp op)
{
	uint64_t r = a64_elt(n, w, 0);
	int64_t sr = a64_sext(r, w);
	if (op == A64_ACR_SADDL)
		r = (uint64_t)sr;
	for (unsigned i = 1; i < elems; i++) {
		uint64_t x = a64_elt(n, w, i);
		int64_t sx = a64_sext(x, w);
		switch (op) {
		case A64_ACR_ADD:
		case A64_ACR_UADDL: r += x; break;
		case A64_ACR_SADDL: r += (uint64_t)sx; break;
		case A64_ACR_SMAX: if (sx > (int64_t)a64_sext(r, w)) r = x; break;
		case A64_ACR_SMIN: if (sx < (int64_t)a64_sext(r, w)) r = x; break;
		case A64_ACR_UMAX: if (x > r) r = x; break;
		default: if (x < r) r = x; break;
		}
	}
	return r;
}

static uint64_t a64_across(void *cpu_, uint64_t insn, A64AcrossOp op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V n = a64_vget(cpu, o.n), r = {{0}};
	unsigned w = 8u << o.size, rw = op >= A64_ACR_SADDL ? 2 * w : w;
	uint64_t v;
	switch (o.size) {
	case 0: v = a64_across_w(8, &n, o.elems, op); break;
	case 1: v = a64_across_w(16, &n, o.elems, op); break;
	default: v = a64_across_w(32, &n, o.elems, op); break;
	}
	a64_set_elt(&r, rw, 0, v & a64_emask(rw));
	a64_vput(cpu, o.d, &r, rw / 8);
	return 0;
}

A64_SIMD_HELPER(addv) { return a64_across(cpu_, insn, A64_ACR_ADD); }
A64_SIMD_HELPER(smaxv) { return a64_across(cpu_, insn, A64_ACR_SMAX); }
A64_SIMD_HELPER(sminv) { return a64_across(cpu_, insn, A64_ACR_SMIN); }
A64_SIMD_HELPER(umaxv) { return a64_across(cpu_, insn, A64_ACR_UMAX); }
A64_SIMD_HELPER(uminv) { return a64_across(cpu_, insn, A64_ACR_UMIN); }
A64_SIMD_HELPER(saddlv) { return a64_across(cpu_, insn, A64_ACR_SADDL); }
A64_SIMD_HELPER(uaddlv) { return a64_across(cpu_, insn, A64_ACR_UADDL); }
