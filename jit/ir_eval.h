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



/* Value conversions (ITOF, FTOI, FCVT, BITCAST) from a source of type `from`. FTOI
 * truncates toward zero and saturates to the destination range; NaN converts to 0. */
uint64_t ir_eval_conv(IrOp op, IrType to, IrType from, uint16_t aux, uint64_t v);
#endif
