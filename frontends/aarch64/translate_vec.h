/*
 * Advanced SIMD instructions translated to v128 IR (translate_vec.c) instead of a helper
 * call: one id per line of A64_SIMD_OPS (simd.h), so the helper-calling translators
 * that translate_simd.c generates can first offer the instruction here.
 */
#ifndef FERRY_A64_TRANSLATE_VEC_H
#define FERRY_A64_TRANSLATE_VEC_H

#include "frontends/aarch64/simd.h"
#include "frontends/aarch64/translate.h"

typedef enum A64VecOp {
#define A64_VEC_ID(name, rules) A64_VOP_##name,
	A64_SIMD_OPS(A64_VEC_ID)
#undef A64_VEC_ID
	    A64_VOP_COUNT
} A64VecOp;

/* When set, every instruction keeps its helper call (tests compare the two paths;
 * FERRY_A64_SIMD_HELPERS=1 in the environment sets it at start-up). */
extern bool a64_vec_helpers_only;

/* Emits vector IR for the (already checked) instruction and returns true, or returns
 * false and emits nothing when this form stays with its helper. */
bool a64_vec_inline(A64Ctx *ctx, const A64Insn *in, A64VecOp op);

/* V[n] as a v128 temp, and V[d] = v with the upper 64 bits zeroed unless `full`. */
IrTemp a64_vreg(A64Ctx *ctx, unsigned n);
void a64_vreg_set(A64Ctx *ctx, unsigned d, IrTemp v, bool full);

#endif
