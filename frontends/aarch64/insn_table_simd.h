/*
 * The aarch64 Advanced SIMD and cryptographic extension table (op0 = x111, vector
 * encodings): one line per pattern, X(mnemonic, mask, match, format, translator),
 * decoded like every other table (decode.c).
 */
#ifndef FERRY_A64_INSN_TABLE_SIMD_H
#define FERRY_A64_INSN_TABLE_SIMD_H

#define A64_INSN_TABLE_SIMD(X)

#endif
