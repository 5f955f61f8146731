/*
 * The meaning of each pure IR operation, written once: the interpreter executes ops
 * through these functions and the optimizer folds constants with the same ones, so
 * folding can never disagree with execution. Values are raw 64-bit patterns: i32 and
 * f32 live in the low 32 bits with the upper bits zero.
 */
#ifndef FERRY_IR_EVAL_H
#define FERRY_IR_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/ir.h"

/* True when op (with this type) is pure and ir_eval can compute it. */
bool ir_eval_supported(IrOp op, IrType type);
/* Computes a pure op on raw values; `src` holds its sources in order. */
uint64_t ir_eval(IrOp op, IrType type, uint16_t aux, const uint64_t *src);

/* A v128 value: lane i of width w is bytes [i*w/8, (i+1)*w/8), lane 0 lowest. */
typedef union IrVec {
	uint8_t b[16];
	uint16_t h[8];
	uint32_t s[4];
	uint64_t d[2];
} IrVec;

/* True when the insn is a vector op: a v128 type, or a vector-only op (VGETLANE). */
static inline bool ir_eval_is_vector(IrOp op, IrType type)
{
	return type == IR_V128 || op == IR_VGETLANE;
}
/* Computes a pure vector op (ir_ops.h): `v` holds its v128 sources in order, `x` its
 * integer sources in order (VDUP, VSETLANE, VPAIR); VGETLANE's result is the low 64
 * bits. */
IrVec ir_eval_vec(IrOp op, uint16_t aux, uint64_t imm, const IrVec *v, const uint64_t *x);

/* Value conversions (ITOF, FTOI, FCVT, BITCAST) from a source of type `from`. FTOI
 * truncates toward zero and saturates to the destination range; NaN converts to 0. */
uint64_t ir_eval_conv(IrOp op, IrType to, IrType from, uint16_t aux, uint64_t v);
#endif
