/*
 * The aarch64 integer data-processing table (ARMv8.0-A): the "data processing -
 * immediate" group (op0 = 100x) and the "data processing - register" group (op0 = x101).
 * One line per pattern, X(mnemonic, mask, match, format, translator). Within a bucket of
 * the decoder's index the first matching line wins, so aliases that narrow a pattern
 * (cmp = subs with rd = zr, mov = orr with rn = zr, mul = madd with ra = zr) come before
 * it and share its translator; they only change the name the disassembler prints. The
 * sf bit (31) is left free in masks where both widths exist.
 */
#ifndef FERRY_A64_INSN_TABLE_INT_H
#define FERRY_A64_INSN_TABLE_INT_H

#define A64_INSN_TABLE_INT(X)                                                                      \
	/* PC-rel. addressing: op immlo 10000 immhi Rd */                                          \
	X("adr", 0x9f000000, 0x10000000, A64F_ADR, a64_trans_adr)                                  \
	X("adrp", 0x9f000000, 0x90000000, A64F_ADRP, a64_trans_adrp)                               \
	/* add/sub (immediate): sf op S 100010 sh imm12 Rn Rd */                                   \
	X("cmn", 0x7f80001f, 0x3100001f, A64F_ADDSUB_IMM, a64_trans_adds_imm)                      \
	X("cmp", 0x7f80001f, 0x7100001f, A64F_ADDSUB_IMM, a64_trans_subs_imm)                      \
	X("add", 0x7f800000, 0x11000000, A64F_ADDSUB_IMM, a64_trans_add_imm)                       \
	X("adds", 0x7f800000, 0x31000000, A64F_ADDSUB_IMM, a64_trans_adds_imm)                     \
	X("sub", 0x7f800000, 0x51000000, A64F_ADDSUB_IMM, a64_trans_sub_imm)                       \
	X("subs", 0x7f800000, 0x71000000, A64F_ADDSUB_IMM, a64_trans_subs_imm)                     \
	/* logical (immediate): sf opc 100100 N immr imms Rn Rd */                                 \
	X("tst", 0x7f80001f, 0x7200001f, A64F_LOGIC_IMM, a64_trans_ands_imm)                       \
	X("and", 0x7f800000, 0x12000000, A64F_LOGIC_IMM, a64_trans_and_imm)                        \
	X("orr", 0x7f800000, 0x32000000, A64F_LOGIC_IMM, a64_trans_orr_imm)                        \
	X("eor", 0x7f800000, 0x52000000, A64F_LOGIC_IMM, a64_trans_eor_imm)                        \
	X("ands", 0x7f800000, 0x72000000, A64F_LOGIC_IMM, a64_trans_ands_imm)                      \
	/* move wide (immediate): sf opc 100101 hw imm16 Rd */                                     \
	X("movn", 0x7f800000, 0x12800000, A64F_MOVEWIDE, a64_trans_movn)                           \
	X("movz", 0x7f800000, 0x52800000, A64F_MOVEWIDE, a64_trans_movz)                           \
	X("movk", 0x7f800000, 0x72800000, A64F_MOVEWIDE, a64_trans_movk)                           \
	/* bitfield: sf opc 100110 N immr imms Rn Rd */                                            \
	X("sbfm", 0x7f800000, 0x13000000, A64F_BITFIELD, a64_trans_sbfm)                           \
	X("bfm", 0x7f800000, 0x33000000, A64F_BITFIELD, a64_trans_bfm)                             \
	X("ubfm", 0x7f800000, 0x53000000, A64F_BITFIELD, a64_trans_ubfm)                           \
	/* extract: sf 00 100111 N 0 Rm imms Rn Rd */                                              \
	X("extr", 0x7fa00000, 0x13800000, A64F_EXTR, a64_trans_extr)                               \
	/* logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd */                       \
	X("mov", 0x7fe0ffe0, 0x2a0003e0, A64F_SHIFTED, a64_trans_orr_reg)                          \
	X("mvn", 0x7f2003e0, 0x2a2003e0, A64F_SHIFTED, a64_trans_orn_reg)                          \
	X("tst", 0x7f20001f, 0x6a00001f, A64F_SHIFTED, a64_trans_ands_reg)                         \
	X("and", 0x7f200000, 0x0a000000, A64F_SHIFTED, a64_trans_and_reg)                          \
	X("bic", 0x7f200000, 0x0a200000, A64F_SHIFTED, a64_trans_bic_reg)                          \
	X("orr", 0x7f200000, 0x2a000000, A64F_SHIFTED, a64_trans_orr_reg)                          \
	X("orn", 0x7f200000, 0x2a200000, A64F_SHIFTED, a64_trans_orn_reg)                          \
	X("eor", 0x7f200000, 0x4a000000, A64F_SHIFTED, a64_trans_eor_reg)                          \
	X("eon", 0x7f200000, 0x4a200000, A64F_SHIFTED, a64_trans_eon_reg)                          \
	X("ands", 0x7f200000, 0x6a000000, A64F_SHIFTED, a64_trans_ands_reg)                        \
	X("bics", 0x7f200000, 0x6a200000, A64F_SHIFTED, a64_trans_bics_reg)                        \
	/* add/sub (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd */                      \
	X("cmn", 0x7f20001f, 0x2b00001f, A64F_SHIFTED, a64_trans_adds_reg)                         \
	X("cmp", 0x7f20001f, 0x6b00001f, A64F_SHIFTED, a64_trans_subs_reg)                         \
	X("neg", 0x7f2003e0, 0x4b0003e0, A64F_SHIFTED, a64_trans_sub_reg)                          \
	X("negs", 0x7f2003e0, 0x6b0003e0, A64F_SHIFTED, a64_trans_subs_reg)                        \
	X("add", 0x7f200000, 0x0b000000, A64F_SHIFTED, a64_trans_add_reg)                          \
	X("adds", 0x7f200000, 0x2b000000, A64F_SHIFTED, a64_trans_adds_reg)                        \
	X("sub", 0x7f200000, 0x4b000000, A64F_SHIFTED, a64_trans_sub_reg)                          \
	X("subs", 0x7f200000, 0x6b000000, A64F_SHIFTED, a64_trans_subs_reg)                        \
	/* add/sub (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd */                 \
	X("cmn", 0x7fe0001f, 0x2b20001f, A64F_EXTENDED, a64_trans_adds_ext)                        \
	X("cmp", 0x7fe0001f, 0x6b20001f, A64F_EXTENDED, a64_trans_subs_ext)                        \
	X("add", 0x7fe00000, 0x0b200000, A64F_EXTENDED, a64_trans_add_ext)                         \
	X("adds", 0x7fe00000, 0x2b200000, A64F_EXTENDED, a64_trans_adds_ext)                       \
	X("sub", 0x7fe00000, 0x4b200000, A64F_EXTENDED, a64_trans_sub_ext)                         \
	X("subs", 0x7fe00000, 0x6b200000, A64F_EXTENDED, a64_trans_subs_ext)                       \
	/* add/sub with carry: sf op S 11010000 Rm 000000 Rn Rd */                                 \
	X("adc", 0x7fe0fc00, 0x1a000000, A64F_RRR, a64_trans_adc)                                  \
	X("adcs", 0x7fe0fc00, 0x3a000000, A64F_RRR, a64_trans_adcs)                                \
	X("sbc", 0x7fe0fc00, 0x5a000000, A64F_RRR, a64_trans_sbc)                                  \
	X("sbcs", 0x7fe0fc00, 0x7a000000, A64F_RRR, a64_trans_sbcs)                                \
	/* conditional compare: sf op 1 11010010 Rm|imm5 cond o1 0 Rn 0 nzcv */                    \
	X("ccmn", 0x7fe00c10, 0x3a400000, A64F_CCMP_REG, a64_trans_ccmn_reg)                       \
	X("ccmp", 0x7fe00c10, 0x7a400000, A64F_CCMP_REG, a64_trans_ccmp_reg)                       \
	X("ccmn", 0x7fe00c10, 0x3a400800, A64F_CCMP_IMM, a64_trans_ccmn_imm)                       \
	X("ccmp", 0x7fe00c10, 0x7a400800, A64F_CCMP_IMM, a64_trans_ccmp_imm)                       \
	/* conditional select: sf op 0 11010100 Rm cond op2 Rn Rd */                               \
	X("csel", 0x7fe00c00, 0x1a800000, A64F_CSEL, a64_trans_csel)                               \
	X("csinc", 0x7fe00c00, 0x1a800400, A64F_CSEL, a64_trans_csinc)                             \
	X("csinv", 0x7fe00c00, 0x5a800000, A64F_CSEL, a64_trans_csinv)                             \
	X("csneg", 0x7fe00c00, 0x5a800400, A64F_CSEL, a64_trans_csneg)                             \
	/* data-processing (2 source): sf 0 0 11010110 Rm opcode Rn Rd */                          \
	X("udiv", 0x7fe0fc00, 0x1ac00800, A64F_RRR, a64_trans_udiv)                                \
	X("sdiv", 0x7fe0fc00, 0x1ac00c00, A64F_RRR, a64_trans_sdiv)                                \
	X("lslv", 0x7fe0fc00, 0x1ac02000, A64F_RRR, a64_trans_lslv)                                \
	X("lsrv", 0x7fe0fc00, 0x1ac02400, A64F_RRR, a64_trans_lsrv)                                \
	X("asrv", 0x7fe0fc00, 0x1ac02800, A64F_RRR, a64_trans_asrv)                                \
	X("rorv", 0x7fe0fc00, 0x1ac02c00, A64F_RRR, a64_trans_rorv)                                \
	/* data-processing (1 source): sf 1 0 11010110 00000 opcode Rn Rd */                       \
	X("rbit", 0x7ffffc00, 0x5ac00000, A64F_RR, a64_trans_rbit)                                 \
	X("rev16", 0x7ffffc00, 0x5ac00400, A64F_RR, a64_trans_rev16)                               \
	X("rev", 0xfffffc00, 0x5ac00800, A64F_RR, a64_trans_rev)                                   \
	X("rev32", 0xfffffc00, 0xdac00800, A64F_RR, a64_trans_rev32)                               \
	X("rev", 0xfffffc00, 0xdac00c00, A64F_RR, a64_trans_rev)                                   \
	X("clz", 0x7ffffc00, 0x5ac01000, A64F_RR, a64_trans_clz)                                   \
	X("cls", 0x7ffffc00, 0x5ac01400, A64F_RR, a64_trans_cls)                                   \
	/* data-processing (3 source): sf 00 11011 op31 Rm o0 Ra Rn Rd */                          \
	X("mul", 0x7fe0fc00, 0x1b007c00, A64F_RRR, a64_trans_madd)                                 \
	X("mneg", 0x7fe0fc00, 0x1b00fc00, A64F_RRR, a64_trans_msub)                                \
	X("madd", 0x7fe08000, 0x1b000000, A64F_RRRR, a64_trans_madd)                               \
	X("msub", 0x7fe08000, 0x1b008000, A64F_RRRR, a64_trans_msub)                               \
	X("smull", 0xffe0fc00, 0x9b207c00, A64F_RRR, a64_trans_smaddl)                             \
	X("smnegl", 0xffe0fc00, 0x9b20fc00, A64F_RRR, a64_trans_smsubl)                            \
	X("smaddl", 0xffe08000, 0x9b200000, A64F_RRRR, a64_trans_smaddl)                           \
	X("smsubl", 0xffe08000, 0x9b208000, A64F_RRRR, a64_trans_smsubl)                           \
	X("smulh", 0xffe08000, 0x9b400000, A64F_RRR, a64_trans_smulh)                              \
	X("umull", 0xffe0fc00, 0x9ba07c00, A64F_RRR, a64_trans_umaddl)                             \
	X("umnegl", 0xffe0fc00, 0x9ba0fc00, A64F_RRR, a64_trans_umsubl)                            \
	X("umaddl", 0xffe08000, 0x9ba00000, A64F_RRRR, a64_trans_umaddl)                           \
	X("umsubl", 0xffe08000, 0x9ba08000, A64F_RRRR, a64_trans_umsubl)                           \
	X("umulh", 0xffe08000, 0x9bc00000, A64F_RRR, a64_trans_umulh)

#endif
