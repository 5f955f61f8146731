/*
 * The aarch64 scalar floating-point table (op0 = x111, scalar encodings): one line per
 * pattern, X(mnemonic, mask, match, format, translator), decoded like every other
 * table (decode.c). Loads and stores of SIMD&FP registers are in insn_table_mem.h.
 */
#ifndef FERRY_A64_INSN_TABLE_FP_H
#define FERRY_A64_INSN_TABLE_FP_H

#define A64_INSN_TABLE_FP(X)

#endif
