/*
 * The riscv64 compressed (C extension, RV64) instruction table. One line per 16-bit
 * pattern, X(mnemonic, mask, match, immediate layout, expander): rvc_expand.c extracts
 * the immediate by its layout (RVC_IMM_*, the scrambled bit orders of the spec's CI, CSS,
 * CIW, CL/CS, CB and CJ formats) and the expander builds the equivalent 32-bit
 * instruction, which then decodes through the main table. Expanders reject the reserved
 * encodings (zero immediates where the spec demands nonzero, rd = x0 loads from sp,
 * c.jr with rs1 = x0). Overlapping patterns list the more specific one first. Encodings
 * that match no line (quadrant 0 funct3 100, c.subw/c.addw's reserved neighbours, the
 * 32-bit quadrant 11) are illegal.
 */
#ifndef FERRY_RV_INSN_TABLE_RVC_H
#define FERRY_RV_INSN_TABLE_RVC_H

#define RV_INSN_TABLE_RVC(X)                                                      \
	/* quadrant 0: funct3 in 15:13, rd'/rs2' in 4:2, rs1' in 9:7 */               \
	X(c_addi4spn, 0xe003, 0x0000, RVC_IMM_CIW, rvc_addi4spn)                      \
	X(c_fld, 0xe003, 0x2000, RVC_IMM_CL_D, rvc_fld)                               \
	X(c_lw, 0xe003, 0x4000, RVC_IMM_CL_W, rvc_lw)                                 \
	X(c_ld, 0xe003, 0x6000, RVC_IMM_CL_D, rvc_ld)                                 \
	X(c_fsd, 0xe003, 0xa000, RVC_IMM_CL_D, rvc_fsd)                               \
	X(c_sw, 0xe003, 0xc000, RVC_IMM_CL_W, rvc_sw)                                 \
	X(c_sd, 0xe003, 0xe000, RVC_IMM_CL_D, rvc_sd)                                 \
	/* quadrant 1 */                                                              \
	X(c_addi, 0xe003, 0x0001, RVC_IMM_CI, rvc_addi)                               \
	X(c_addiw, 0xe003, 0x2001, RVC_IMM_CI, rvc_addiw)                             \
	X(c_li, 0xe003, 0x4001, RVC_IMM_CI, rvc_li)                                   \
	/* c.addi16sp: 011 nzimm[9] 00010 nzimm[4|6|8:7|5] 01, before c.lui */        \
	X(c_addi16sp, 0xef83, 0x6101, RVC_IMM_16SP, rvc_addi16sp)                     \
	X(c_lui, 0xe003, 0x6001, RVC_IMM_LUI, rvc_lui)                                \
	/* 100 x funct2 rs1' ...: shifts and andi on rd' */                           \
	X(c_srli, 0xec03, 0x8001, RVC_IMM_CI_U, rvc_srli)                             \
	X(c_srai, 0xec03, 0x8401, RVC_IMM_CI_U, rvc_srai)                             \
	X(c_andi, 0xec03, 0x8801, RVC_IMM_CI, rvc_andi)                               \
	/* 100 b12 11 rs1' funct2 rs2' 01: register-register on rd' */                \
	X(c_sub, 0xfc63, 0x8c01, RVC_IMM_NONE, rvc_sub)                               \
	X(c_xor, 0xfc63, 0x8c21, RVC_IMM_NONE, rvc_xor)                               \
	X(c_or, 0xfc63, 0x8c41, RVC_IMM_NONE, rvc_or)                                 \
	X(c_and, 0xfc63, 0x8c61, RVC_IMM_NONE, rvc_and)                               \
	X(c_subw, 0xfc63, 0x9c01, RVC_IMM_NONE, rvc_subw)                             \
	X(c_addw, 0xfc63, 0x9c21, RVC_IMM_NONE, rvc_addw)                             \
	X(c_j, 0xe003, 0xa001, RVC_IMM_CJ, rvc_j)                                     \
	X(c_beqz, 0xe003, 0xc001, RVC_IMM_CB, rvc_beqz)                               \
	X(c_bnez, 0xe003, 0xe001, RVC_IMM_CB, rvc_bnez)                               \
	/* quadrant 2 */                                                              \
	X(c_slli, 0xe003, 0x0002, RVC_IMM_CI_U, rvc_slli)                             \
	X(c_fldsp, 0xe003, 0x2002, RVC_IMM_LDSP, rvc_fldsp)                           \
	X(c_lwsp, 0xe003, 0x4002, RVC_IMM_LWSP, rvc_lwsp)                             \
	X(c_ldsp, 0xe003, 0x6002, RVC_IMM_LDSP, rvc_ldsp)                             \
	/* 100 0 rs1 00000 10 is c.jr, 100 0 rd rs2 10 c.mv */                        \
	X(c_jr, 0xf07f, 0x8002, RVC_IMM_NONE, rvc_jr)                                 \
	X(c_mv, 0xf003, 0x8002, RVC_IMM_NONE, rvc_mv)                                 \
	/* 100 1 00000 00000 10 is c.ebreak, 100 1 rs1 00000 10 c.jalr, else c.add */ \
	X(c_ebreak, 0xffff, 0x9002, RVC_IMM_NONE, rvc_ebreak)                         \
	X(c_jalr, 0xf07f, 0x9002, RVC_IMM_NONE, rvc_jalr)                             \
	X(c_add, 0xf003, 0x9002, RVC_IMM_NONE, rvc_add)                               \
	X(c_fsdsp, 0xe003, 0xa002, RVC_IMM_SDSP, rvc_fsdsp)                           \
	X(c_swsp, 0xe003, 0xc002, RVC_IMM_SWSP, rvc_swsp)                             \
	X(c_sdsp, 0xe003, 0xe002, RVC_IMM_SDSP, rvc_sdsp)

#endif
