/*
 * The aarch64 load/store table (op0 = x1x0): every addressing form of the general-purpose
 * and SIMD&FP register loads and stores, pairs, literals, exclusives, load-acquire /
 * store-release, and the ARMv8.1 LSE atomics. One line per pattern, X(mnemonic, mask,
 * match, format, translator); the A64_LS_* macros below build the match words of the
 * single-register forms from their fields:
 *   unsigned offset   size 111 V 01 opc imm12 Rn Rt
 *   unscaled / pre / post / unprivileged
 *                     size 111 V 00 opc 0 imm9 op Rn Rt  (op: 00 ldur, 01 post, 10 ldtr, 11 pre)
 *   register offset   size 111 V 00 opc 1 Rm option S 10 Rn Rt
 * Exclusives, CAS and the atomic memory operations leave the size field free (the
 * disassembler adds the b/h suffix) and so do the LSE lines for their ordering bits
 * (the disassembler adds a/al/l). The masks of the SIMD&FP forms leave size and opc<1>
 * free; the translator refuses the reserved combinations.
 */
#ifndef FERRY_A64_INSN_TABLE_MEM_H
#define FERRY_A64_INSN_TABLE_MEM_H

#define A64_LS_UIMM(size, v, opc) (((size) << 30) | 0x39000000u | ((v) << 26) | ((opc) << 22))
#define A64_LS_IDX(size, v, opc, op)                                                               \
	(((size) << 30) | 0x38000000u | ((v) << 26) | ((opc) << 22) | ((op) << 10))
#define A64_LS_REG(size, v, opc) (((size) << 30) | 0x38200800u | ((v) << 26) | ((opc) << 22))
#define A64_LSM_UIMM             0xffc00000u /* size, V, opc fixed */
#define A64_LSM_IDX              0xffe00c00u
#define A64_LSM_X                0x40000000u /* size<0> free: 32- and 64-bit register forms */
#define A64_LSM_S                0x00400000u /* opc<0> free: sign-extension to W or X */
#define A64_LSM_V                0xc0800000u /* size and opc<1> free: b, h, s, d and q registers */

/* One load/store mnemonic family in its six addressing forms. */
#define A64_LS_FORMS(X, ldr, ldur, ldtr, size, v, opc, free, fn)                                   \
	X(ldr, A64_LSM_UIMM & ~(free), A64_LS_UIMM(size, v, opc), A64F_LS_UIMM, fn)                \
	X(ldur, A64_LSM_IDX & ~(free), A64_LS_IDX(size, v, opc, 0), A64F_LS_SIMM, fn)              \
	X(ldr, A64_LSM_IDX & ~(free), A64_LS_IDX(size, v, opc, 1), A64F_LS_POST, fn)               \
	X(ldtr, A64_LSM_IDX & ~(free), A64_LS_IDX(size, v, opc, 2), A64F_LS_SIMM, fn)              \
	X(ldr, A64_LSM_IDX & ~(free), A64_LS_IDX(size, v, opc, 3), A64F_LS_PRE, fn)                \
	X(ldr, A64_LSM_IDX & ~(free), A64_LS_REG(size, v, opc), A64F_LS_REG, fn)

#define A64_INSN_TABLE_MEM(X)                                                                      \
	/* single register, general-purpose */                                                     \
	A64_LS_FORMS(X, "strb", "sturb", "sttrb", 0u, 0u, 0u, 0u, a64_trans_ldst)                  \
	A64_LS_FORMS(X, "ldrb", "ldurb", "ldtrb", 0u, 0u, 1u, 0u, a64_trans_ldst)                  \
	A64_LS_FORMS(X, "ldrsb", "ldursb", "ldtrsb", 0u, 0u, 2u, A64_LSM_S, a64_trans_ldst)        \
	A64_LS_FORMS(X, "strh", "sturh", "sttrh", 1u, 0u, 0u, 0u, a64_trans_ldst)                  \
	A64_LS_FORMS(X, "ldrh", "ldurh", "ldtrh", 1u, 0u, 1u, 0u, a64_trans_ldst)                  \
	A64_LS_FORMS(X, "ldrsh", "ldursh", "ldtrsh", 1u, 0u, 2u, A64_LSM_S, a64_trans_ldst)        \
	A64_LS_FORMS(X, "str", "stur", "sttr", 2u, 0u, 0u, A64_LSM_X, a64_trans_ldst)              \
	A64_LS_FORMS(X, "ldr", "ldur", "ldtr", 2u, 0u, 1u, A64_LSM_X, a64_trans_ldst)              \
	A64_LS_FORMS(X, "ldrsw", "ldursw", "ldtrsw", 2u, 0u, 2u, 0u, a64_trans_ldst)               \
	/* prfm: unsigned offset, unscaled (prfum) and register offset only */                     \
	X("prfm", A64_LSM_UIMM, A64_LS_UIMM(3u, 0u, 2u), A64F_LS_UIMM, a64_trans_prfm)             \
	X("prfum", A64_LSM_IDX, A64_LS_IDX(3u, 0u, 2u, 0u), A64F_LS_SIMM, a64_trans_prfm)          \
	X("prfm", A64_LSM_IDX, A64_LS_REG(3u, 0u, 2u), A64F_LS_REG, a64_trans_prfm)                \
	/* single register, SIMD&FP (opc<0> = load; size 00 with opc<1> = 1 is q) */               \
	A64_LS_FORMS(X, "str", "stur", "sttr", 0u, 1u, 0u, A64_LSM_V, a64_trans_ldst_fp)           \
	A64_LS_FORMS(X, "ldr", "ldur", "ldtr", 0u, 1u, 1u, A64_LSM_V, a64_trans_ldst_fp)           \
	/* load register (literal): opc 011 V 00 imm19 Rt */                                       \
	X("ldr", 0xbf000000, 0x18000000, A64F_LS_LIT, a64_trans_ldr_lit)                           \
	X("ldrsw", 0xff000000, 0x98000000, A64F_LS_LIT, a64_trans_ldr_lit)                         \
	X("prfm", 0xff000000, 0xd8000000, A64F_LS_LIT, a64_trans_prfm)                             \
	X("ldr", 0x3f000000, 0x1c000000, A64F_LS_LIT, a64_trans_ldr_lit_fp)                        \
	/* pairs: opc 101 V 0 idx L imm7 Rt2 Rn Rt (idx: 00 no-allocate, 01 post, 10               \
	 * offset, 11 pre); general-purpose opc x0, ldpsw opc 01 */                                \
	X("stnp", 0x7fc00000, 0x28000000, A64F_LS_PAIR, a64_trans_ldstp)                           \
	X("ldnp", 0x7fc00000, 0x28400000, A64F_LS_PAIR, a64_trans_ldstp)                           \
	X("stp", 0x7fc00000, 0x28800000, A64F_LS_PAIR_POST, a64_trans_ldstp)                       \
	X("ldp", 0x7fc00000, 0x28c00000, A64F_LS_PAIR_POST, a64_trans_ldstp)                       \
	X("stp", 0x7fc00000, 0x29000000, A64F_LS_PAIR, a64_trans_ldstp)                            \
	X("ldp", 0x7fc00000, 0x29400000, A64F_LS_PAIR, a64_trans_ldstp)                            \
	X("stp", 0x7fc00000, 0x29800000, A64F_LS_PAIR_PRE, a64_trans_ldstp)                        \
	X("ldp", 0x7fc00000, 0x29c00000, A64F_LS_PAIR_PRE, a64_trans_ldstp)                        \
	X("ldpsw", 0xffc00000, 0x68c00000, A64F_LS_PAIR_POST, a64_trans_ldstp)                     \
	X("ldpsw", 0xffc00000, 0x69400000, A64F_LS_PAIR, a64_trans_ldstp)                          \
	X("ldpsw", 0xffc00000, 0x69c00000, A64F_LS_PAIR_PRE, a64_trans_ldstp)                      \
	X("stnp", 0x3fc00000, 0x2c000000, A64F_LS_PAIR, a64_trans_ldstp_fp)                        \
	X("ldnp", 0x3fc00000, 0x2c400000, A64F_LS_PAIR, a64_trans_ldstp_fp)                        \
	X("stp", 0x3fc00000, 0x2c800000, A64F_LS_PAIR_POST, a64_trans_ldstp_fp)                    \
	X("ldp", 0x3fc00000, 0x2cc00000, A64F_LS_PAIR_POST, a64_trans_ldstp_fp)                    \
	X("stp", 0x3fc00000, 0x2d000000, A64F_LS_PAIR, a64_trans_ldstp_fp)                         \
	X("ldp", 0x3fc00000, 0x2d400000, A64F_LS_PAIR, a64_trans_ldstp_fp)                         \
	X("stp", 0x3fc00000, 0x2d800000, A64F_LS_PAIR_PRE, a64_trans_ldstp_fp)                     \
	X("ldp", 0x3fc00000, 0x2dc00000, A64F_LS_PAIR_PRE, a64_trans_ldstp_fp)                     \
	/* exclusives and ordered: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt */                          \
	X("stxr", 0x3fe08000, 0x08000000, A64F_STX, a64_trans_stxr)                                \
	X("stlxr", 0x3fe08000, 0x08008000, A64F_STX, a64_trans_stxr)                               \
	X("ldxr", 0x3fe08000, 0x08400000, A64F_LDX, a64_trans_ldxr)                                \
	X("ldaxr", 0x3fe08000, 0x08408000, A64F_LDX, a64_trans_ldxr)                               \
	X("stxp", 0xbfe08000, 0x88200000, A64F_STXP, a64_trans_stxp)                               \
	X("stlxp", 0xbfe08000, 0x88208000, A64F_STXP, a64_trans_stxp)                              \
	X("ldxp", 0xbfe08000, 0x88600000, A64F_LDXP, a64_trans_ldxp)                               \
	X("ldaxp", 0xbfe08000, 0x88608000, A64F_LDXP, a64_trans_ldxp)                              \
	X("stlr", 0x3fe08000, 0x08808000, A64F_LDX, a64_trans_stlr)                                \
	X("ldar", 0x3fe08000, 0x08c08000, A64F_LDX, a64_trans_ldar)                                \
	/* compare and swap: size 001000 1 L 1 Rs o0 11111 Rn Rt; pairs with size 0x,              \
	 * o2 = 0 */                                                                               \
	X("cas", 0x3fa07c00, 0x08a07c00, A64F_ATOMIC, a64_trans_cas)                               \
	X("casp", 0xbfa07c00, 0x08207c00, A64F_CASP, a64_trans_casp)                               \
	/* atomic memory operations: size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt */                     \
	X("ldapr", 0x3ffffc00, 0x38bfc000, A64F_LDX, a64_trans_ldar)                               \
	X("ldadd", 0x3f20fc00, 0x38200000, A64F_ATOMIC, a64_trans_ldadd)                           \
	X("ldclr", 0x3f20fc00, 0x38201000, A64F_ATOMIC, a64_trans_ldclr)                           \
	X("ldeor", 0x3f20fc00, 0x38202000, A64F_ATOMIC, a64_trans_ldeor)                           \
	X("ldset", 0x3f20fc00, 0x38203000, A64F_ATOMIC, a64_trans_ldset)                           \
	X("ldsmax", 0x3f20fc00, 0x38204000, A64F_ATOMIC, a64_trans_ldsmax)                         \
	X("ldsmin", 0x3f20fc00, 0x38205000, A64F_ATOMIC, a64_trans_ldsmin)                         \
	X("ldumax", 0x3f20fc00, 0x38206000, A64F_ATOMIC, a64_trans_ldumax)                         \
	X("ldumin", 0x3f20fc00, 0x38207000, A64F_ATOMIC, a64_trans_ldumin)                         \
	X("swp", 0x3f20fc00, 0x38208000, A64F_ATOMIC, a64_trans_swp)

#endif
