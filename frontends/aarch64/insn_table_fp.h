/*
 * The aarch64 scalar floating-point table (op0 = x111, scalar encodings): one line per
 * pattern, X(mnemonic, mask, match, format, translator), decoded like every other
 * table (decode.c). ftype (23:22) and the opcode fields are left free; the translators
 * (translate_fp.c) decode them and refuse the reserved combinations. Loads and stores
 * of SIMD&FP registers are in insn_table_mem.h.
 *   1 source   M 0 S 11110 ftype 1 opcode 10000 Rn Rd
 *   compare    M 0 S 11110 ftype 1 Rm 00 1000 Rn opcode2 (opcode2<2:0> = 000)
 *   immediate  M 0 S 11110 ftype 1 imm8 100 00000 Rd
 *   cond cmp   M 0 S 11110 ftype 1 Rm cond 01 Rn op nzcv
 *   2 source   M 0 S 11110 ftype 1 Rm opcode 10 Rn Rd
 *   cond sel   M 0 S 11110 ftype 1 Rm cond 11 Rn Rd
 *   3 source   M 0 S 11111 ftype o1 Rm o0 Ra Rn Rd
 *   integer    sf 0 S 11110 ftype 1 rmode opcode 000000 Rn Rd
 *   fixed      sf 0 S 11110 ftype 0 rmode opcode scale Rn Rd
 */
#ifndef FERRY_A64_INSN_TABLE_FP_H
#define FERRY_A64_INSN_TABLE_FP_H

#define A64_INSN_TABLE_FP(X)                                                              \
	X("fp1", 0xff207c00, 0x1e204000, A64F_SIMD, a64_trans_fp_dp1)                     \
	X("fcmp", 0xff20fc07, 0x1e202000, A64F_SIMD, a64_trans_fp_cmp)                    \
	X("fmov", 0xff201fe0, 0x1e201000, A64F_SIMD, a64_trans_fp_imm)                    \
	X("fccmp", 0xff200c00, 0x1e200400, A64F_SIMD, a64_trans_fp_ccmp)                  \
	X("fp2", 0xff200c00, 0x1e200800, A64F_SIMD, a64_trans_fp_dp2)                     \
	X("fcsel", 0xff200c00, 0x1e200c00, A64F_SIMD, a64_trans_fp_csel)                  \
	X("fp3", 0xff000000, 0x1f000000, A64F_SIMD, a64_trans_fp_dp3)                     \
	X("fcvt", 0x7f20fc00, 0x1e200000, A64F_SIMD, a64_trans_fp_cvt)                    \
	X("fcvt", 0x7f200000, 0x1e000000, A64F_SIMD, a64_trans_fp_fixed)

#endif
