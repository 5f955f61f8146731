/*
 * Advanced SIMD, crypto and CRC: the helpers that execute them and the list that ties
 * each helper to its translator. Every vector instruction is one helper call that gets
 * the raw instruction word (its fields are a few shifts away) and works on the CPU
 * struct's V registers directly (IRH_READS_STATE | IRH_WRITES_STATE). Scalar forms of
 * vector instructions (bit 28 set in their encodings) share the vector helper: they
 * are one element wide and zero the rest of the destination, like every write of a
 * SIMD&FP register narrower than 128 bits.
 *
 * A64_SIMD_OPS lists X(name, rules): translate_simd.c makes a64_trans_v_<name> from
 * each line, which refuses the reserved encodings the rules describe and calls
 * a64_simd_<name>. The table lines in insn_table_simd.h name those translators.
 */
#ifndef FERRY_A64_SIMD_H
#define FERRY_A64_SIMD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "frontends/aarch64/a64_cpu.h"
#include "frontends/aarch64/a64_fp.h"

/* Reserved-encoding rules checked at translation time. */
enum {
	A64_R_QD = 1 << 0,    /* vector: size 11 needs Q = 1 */
	A64_R_NO64 = 1 << 1,  /* size 11 reserved */
	A64_R_SD = 1 << 2,    /* scalar: only size 11 */
	A64_R_B = 1 << 3,     /* only size 00 */
	A64_R_HS = 1 << 4,    /* only sizes 01 and 10 */
	A64_R_FPQ = 1 << 5,   /* FP vector: sz = 1 needs Q = 1 */
	A64_R_Q1 = 1 << 6,    /* Q must be 1 */
	A64_R_NO8 = 1 << 7,   /* size 00 reserved */
	A64_R_BH = 1 << 8,    /* vector across lanes: size 10 needs Q = 1 (no 2s) */
	A64_R_FP4S = 1 << 9,  /* FP across lanes: only 4s */
	A64_R_P = 1 << 10,    /* only sizes 00 and 11 (pmull) */
	A64_R_S = 1 << 11,    /* FP: only sz = 0 (single) */
	A64_R_LT2 = 1 << 12,  /* only sizes 00 and 01 */
	A64_R_SHD = 1 << 13,  /* shift by immediate: scalar only D; vector D needs Q */
	A64_R_SHQ = 1 << 14,  /* shift by immediate: vector D needs Q */
	A64_R_SHN = 1 << 15,  /* narrowing/lengthening shift: immh<3> = 0 */
	A64_R_SHF = 1 << 16,  /* fixed-point: single or double only; vector D needs Q */
	A64_R_EF = 1 << 17,   /* FP by element: sz:L = 11 reserved; vector D needs Q */
	A64_R_EXT = 1 << 18,  /* EXT: with Q = 0, imm4<3> = 1 is reserved */
};

typedef union A64V {
	uint8_t u8[16];
	int8_t i8[16];
	uint16_t u16[8];
	int16_t i16[8];
	uint32_t u32[4];
	int32_t i32[4];
	uint64_t u64[2];
	int64_t i64[2];
} A64V;

/* The fields every helper starts from. */
typedef struct A64Vop {
	unsigned d, n, m, a, size, q, bytes, elems;
	bool scalar;
} A64Vop;

static inline A64Vop a64_vop(uint64_t insn)
{
	A64Vop o;
	o.d = insn & 31;
	o.n = insn >> 5 & 31;
	o.m = insn >> 16 & 31;
	o.a = insn >> 10 & 31;
	o.size = insn >> 22 & 3;
	o.q = insn >> 30 & 1;
	o.scalar = insn >> 28 & 1;
	o.bytes = o.scalar ? 1u << o.size : o.q ? 16 : 8;
	o.elems = o.bytes >> o.size;
	return o;
}

static inline A64V a64_vget(const A64Cpu *cpu, unsigned n)
{
	A64V v;
	memcpy(&v, &cpu->v[n], 16);
	return v;
}

/* V[d] = the low `bytes` bytes of r, zero above. */
static inline void a64_vput(A64Cpu *cpu, unsigned d, const A64V *r, unsigned bytes)
{
	A64V t = {0};
	memcpy(&t, r, bytes);
	memcpy(&cpu->v[d], &t, 16);
}

static inline int64_t a64_sext(uint64_t v, unsigned w)
{
	return w >= 64 ? (int64_t)v : (int64_t)(v << (64 - w)) >> (64 - w);
}
static inline uint64_t a64_emask(unsigned w) { return w >= 64 ? ~0ull : (1ull << w) - 1; }

/* Element i of width w bits (8..64) of v, zero-extended; and the store. */
static inline uint64_t a64_elt(const A64V *v, unsigned w, unsigned i)
{
	switch (w) {
	case 8: return v->u8[i];
	case 16: return v->u16[i];
	case 32: return v->u32[i];
	default: return v->u64[i];
	}
}
static inline void a64_set_elt(A64V *v, unsigned w, unsigned i, uint64_t x)
{
	switch (w) {
	case 8: v->u8[i] = (uint8_t)x; break;
	case 16: v->u16[i] = (uint16_t)x; break;
	case 32: v->u32[i] = (uint32_t)x; break;
	default: v->u64[i] = x; break;
	}
}

/* Signed and unsigned saturation of v to w bits; *qc set when it saturated. */
static inline uint64_t a64_sat_s(unsigned w, __int128 v, bool *qc)
{
	__int128 max = ((__int128)1 << (w - 1)) - 1, min = -max - 1;
	if (v > max || v < min) {
		*qc = true;
		v = v > max ? max : min;
	}
	return (uint64_t)v & a64_emask(w);
}
static inline uint64_t a64_sat_u(unsigned w, __int128 v, bool *qc)
{
	__int128 max = ((__int128)1 << w) - 1;
	if (v > max || v < 0) {
		*qc = true;
		v = v > max ? max : 0;
	}
	return (uint64_t)v;
}
static inline void a64_set_qc(A64Cpu *cpu, bool qc)
{
	if (qc)
		cpu->fpsr |= A64_FPSR_QC;
}

#define A64_SIMD_HELPER(name)                                                             \
	uint64_t a64_simd_##name(void *cpu_, uint64_t insn, uint64_t a1, uint64_t a2, uint64_t a3)

/* X(name, rules) */
#define A64_SIMD_OPS(X)                                                                   \
	/* three same, integer */                                                         \
	X(add, A64_R_QD | A64_R_SD) X(sub, A64_R_QD | A64_R_SD)                           \
	X(shadd, A64_R_NO64) X(uhadd, A64_R_NO64) X(srhadd, A64_R_NO64)                   \
	X(urhadd, A64_R_NO64) X(shsub, A64_R_NO64) X(uhsub, A64_R_NO64)                   \
	X(sqadd, A64_R_QD) X(uqadd, A64_R_QD) X(sqsub, A64_R_QD) X(uqsub, A64_R_QD)       \
	X(cmgt, A64_R_QD | A64_R_SD) X(cmge, A64_R_QD | A64_R_SD)                         \
	X(cmhi, A64_R_QD | A64_R_SD) X(cmhs, A64_R_QD | A64_R_SD)                         \
	X(cmeq, A64_R_QD | A64_R_SD) X(cmtst, A64_R_QD | A64_R_SD)                        \
	X(sshl, A64_R_QD | A64_R_SD) X(ushl, A64_R_QD | A64_R_SD)                         \
	X(srshl, A64_R_QD | A64_R_SD) X(urshl, A64_R_QD | A64_R_SD)                       \
	X(sqshl, A64_R_QD) X(uqshl, A64_R_QD) X(sqrshl, A64_R_QD) X(uqrshl, A64_R_QD)     \
	X(smax, A64_R_NO64) X(smin, A64_R_NO64) X(umax, A64_R_NO64) X(umin, A64_R_NO64)   \
	X(sabd, A64_R_NO64) X(uabd, A64_R_NO64) X(saba, A64_R_NO64) X(uaba, A64_R_NO64)   \
	X(mla, A64_R_NO64) X(mls, A64_R_NO64) X(mul, A64_R_NO64) X(pmul, A64_R_B)         \
	X(smaxp, A64_R_NO64) X(sminp, A64_R_NO64) X(umaxp, A64_R_NO64)                    \
	X(uminp, A64_R_NO64) X(addp, A64_R_QD)                                            \
	X(sqdmulh, A64_R_HS) X(sqrdmulh, A64_R_HS)                                        \
	X(and, 0) X(bic, 0) X(orr, 0) X(orn, 0) X(eor, 0) X(bsl, 0) X(bit, 0) X(bif, 0)   \
	/* two-register misc, integer */                                                  \
	X(rev64, A64_R_NO64) X(rev32, A64_R_LT2)                                          \
	X(rev16, A64_R_B) X(saddlp, A64_R_NO64) X(uaddlp, A64_R_NO64)                     \
	X(sadalp, A64_R_NO64) X(uadalp, A64_R_NO64) X(cls, A64_R_NO64)                    \
	X(clz, A64_R_NO64) X(cnt, A64_R_B) X(not, 0) X(rbit, 0)                           \
	X(sqabs, A64_R_QD) X(sqneg, A64_R_QD) X(abs, A64_R_QD | A64_R_SD)                 \
	X(neg, A64_R_QD | A64_R_SD) X(cmgt0, A64_R_QD | A64_R_SD)                         \
	X(cmge0, A64_R_QD | A64_R_SD) X(cmeq0, A64_R_QD | A64_R_SD)                       \
	X(cmle0, A64_R_QD | A64_R_SD) X(cmlt0, A64_R_QD | A64_R_SD)                       \
	X(suqadd, A64_R_QD) X(usqadd, A64_R_QD)                                           \
	X(xtn, A64_R_NO64) X(sqxtn, A64_R_NO64) X(uqxtn, A64_R_NO64)                      \
	X(sqxtun, A64_R_NO64) X(shll, A64_R_NO64)                                         \
	/* across lanes */                                                                \
	X(addv, A64_R_BH) X(smaxv, A64_R_BH) X(sminv, A64_R_BH) X(umaxv, A64_R_BH)        \
	X(uminv, A64_R_BH) X(saddlv, A64_R_BH) X(uaddlv, A64_R_BH)                        \
	/* three different */                                                             \
	X(saddl, A64_R_NO64) X(uaddl, A64_R_NO64) X(ssubl, A64_R_NO64)                    \
	X(usubl, A64_R_NO64) X(saddw, A64_R_NO64) X(uaddw, A64_R_NO64)                    \
	X(ssubw, A64_R_NO64) X(usubw, A64_R_NO64) X(addhn, A64_R_NO64)                    \
	X(raddhn, A64_R_NO64) X(subhn, A64_R_NO64) X(rsubhn, A64_R_NO64)                  \
	X(sabal, A64_R_NO64) X(uabal, A64_R_NO64) X(sabdl, A64_R_NO64)                    \
	X(uabdl, A64_R_NO64) X(smlal, A64_R_NO64) X(umlal, A64_R_NO64)                    \
	X(smlsl, A64_R_NO64) X(umlsl, A64_R_NO64) X(smull, A64_R_NO64)                    \
	X(umull, A64_R_NO64) X(sqdmull, A64_R_HS) X(sqdmlal, A64_R_HS)                    \
	X(sqdmlsl, A64_R_HS) X(pmull, A64_R_P)                                            \
	/* shift by immediate (the translator checks immh) */                             \
	X(sshr, A64_R_SHD) X(ushr, A64_R_SHD) X(ssra, A64_R_SHD) X(usra, A64_R_SHD)       \
	X(srshr, A64_R_SHD) X(urshr, A64_R_SHD) X(srsra, A64_R_SHD) X(ursra, A64_R_SHD)   \
	X(shl, A64_R_SHD) X(sli, A64_R_SHD) X(sri, A64_R_SHD) X(sqshli, A64_R_SHQ)        \
	X(uqshli, A64_R_SHQ) X(sqshlu, A64_R_SHQ) X(shrn, A64_R_SHN) X(rshrn, A64_R_SHN)  \
	X(sqshrn, A64_R_SHN) X(sqrshrn, A64_R_SHN) X(uqshrn, A64_R_SHN)                   \
	X(uqrshrn, A64_R_SHN) X(sqshrun, A64_R_SHN) X(sqrshrun, A64_R_SHN)                \
	X(sshll, A64_R_SHN) X(ushll, A64_R_SHN) X(scvtf_fix, A64_R_SHF)                   \
	X(ucvtf_fix, A64_R_SHF) X(fcvtzs_fix, A64_R_SHF) X(fcvtzu_fix, A64_R_SHF)         \
	/* by element (the translator checks size) */                                     \
	X(mul_e, A64_R_HS) X(mla_e, A64_R_HS) X(mls_e, A64_R_HS) X(smull_e, A64_R_HS)     \
	X(umull_e, A64_R_HS) X(smlal_e, A64_R_HS) X(umlal_e, A64_R_HS)                    \
	X(smlsl_e, A64_R_HS) X(umlsl_e, A64_R_HS) X(sqdmulh_e, A64_R_HS)                  \
	X(sqrdmulh_e, A64_R_HS) X(sqdmull_e, A64_R_HS) X(sqdmlal_e, A64_R_HS)             \
	X(sqdmlsl_e, A64_R_HS) X(fmul_e, A64_R_EF) X(fmla_e, A64_R_EF)                    \
	X(fmls_e, A64_R_EF) X(fmulx_e, A64_R_EF)                                          \
	/* permutes, copies, immediates, tables */                                        \
	X(uzp1, A64_R_QD) X(uzp2, A64_R_QD) X(zip1, A64_R_QD) X(zip2, A64_R_QD)           \
	X(trn1, A64_R_QD) X(trn2, A64_R_QD) X(ext, A64_R_EXT) X(tbl, 0) X(tbx, 0)                 \
	X(dup_e, 0) X(ins_e, 0)                                                           \
	/* floating point, vector and scalar-of-vector */                                 \
	X(fadd, A64_R_FPQ) X(fsub, A64_R_FPQ) X(fmul, A64_R_FPQ) X(fdiv, A64_R_FPQ)       \
	X(fmax, A64_R_FPQ) X(fmin, A64_R_FPQ) X(fmaxnm, A64_R_FPQ) X(fminnm, A64_R_FPQ)   \
	X(fmulx, A64_R_FPQ) X(fabd, A64_R_FPQ) X(frecps, A64_R_FPQ)                       \
	X(frsqrts, A64_R_FPQ) X(fmla, A64_R_FPQ) X(fmls, A64_R_FPQ)                       \
	X(faddp, A64_R_FPQ) X(fmaxp, A64_R_FPQ) X(fminp, A64_R_FPQ)                       \
	X(fmaxnmp, A64_R_FPQ) X(fminnmp, A64_R_FPQ)                                       \
	X(fcmeq, A64_R_FPQ) X(fcmge, A64_R_FPQ) X(fcmgt, A64_R_FPQ)                       \
	X(facge, A64_R_FPQ) X(facgt, A64_R_FPQ)                                           \
	X(fcmeq0, A64_R_FPQ) X(fcmge0, A64_R_FPQ) X(fcmgt0, A64_R_FPQ)                    \
	X(fcmle0, A64_R_FPQ) X(fcmlt0, A64_R_FPQ)                                         \
	X(fabs_v, A64_R_FPQ) X(fneg_v, A64_R_FPQ) X(fsqrt_v, A64_R_FPQ)                   \
	X(frintn_v, A64_R_FPQ) X(frintp_v, A64_R_FPQ) X(frintm_v, A64_R_FPQ)              \
	X(frintz_v, A64_R_FPQ) X(frinta_v, A64_R_FPQ) X(frintx_v, A64_R_FPQ)              \
	X(frinti_v, A64_R_FPQ)                                                            \
	X(fcvtns_v, A64_R_FPQ) X(fcvtnu_v, A64_R_FPQ) X(fcvtps_v, A64_R_FPQ)              \
	X(fcvtpu_v, A64_R_FPQ) X(fcvtms_v, A64_R_FPQ) X(fcvtmu_v, A64_R_FPQ)              \
	X(fcvtzs_v, A64_R_FPQ) X(fcvtzu_v, A64_R_FPQ) X(fcvtas_v, A64_R_FPQ)              \
	X(fcvtau_v, A64_R_FPQ) X(scvtf_v, A64_R_FPQ) X(ucvtf_v, A64_R_FPQ)                \
	X(frecpe, A64_R_FPQ) X(frsqrte, A64_R_FPQ) X(frecpx, 0)                           \
	X(urecpe, A64_R_S) X(ursqrte, A64_R_S)                                                        \
	X(fcvtn, 0) X(fcvtl, 0) X(fcvtxn, 0)                                              \
	X(fmaxnmv, A64_R_FP4S) X(fminnmv, A64_R_FP4S) X(fmaxv, A64_R_FP4S)                \
	X(fminv, A64_R_FP4S)                                                              \
	/* crypto and CRC */                                                              \
	X(aese, 0) X(aesd, 0) X(aesmc, 0) X(aesimc, 0)                                    \
	X(sha1c, 0) X(sha1p, 0) X(sha1m, 0) X(sha1su0, 0) X(sha1h, 0) X(sha1su1, 0)       \
	X(sha256h, 0) X(sha256h2, 0) X(sha256su0, 0) X(sha256su1, 0)

#define A64_SIMD_PROTO(name, rules) A64_SIMD_HELPER(name);
A64_SIMD_OPS(A64_SIMD_PROTO)
#undef A64_SIMD_PROTO

/* Host features, probed once (CPUID). */
typedef struct A64HostFeatures {
	bool aes, pclmul, sse42, fma, ssse3;
} A64HostFeatures;
const A64HostFeatures *a64_host_features(void);

/* CRC32 (polynomial 0x04C11DB7) and CRC32C (0x1EDC6F41), bit-reflected as the
 * instructions define them: acc updated with the low `bytes` bytes of val. */
uint32_t a64_crc32(uint32_t acc, uint64_t val, unsigned bytes);
uint32_t a64_crc32c(uint32_t acc, uint64_t val, unsigned bytes);

#endif
