/*
 * The RV64F and RV64D instructions: X(mnemonic, mask, match, format, translator), one
 * line per instruction, consumed by decode.c. Encodings (RISC-V unprivileged spec):
 *   LOAD-FP  0000111  imm[11:0] rs1 width rd        width 010 = W, 011 = D
 *   STORE-FP 0100111  imm[11:5] rs2 rs1 width imm[4:0]
 *   MADD 1000011 / MSUB 1000111 / NMSUB 1001011 / NMADD 1001111:
 *            rs3 fmt[26:25] rs2 rs1 rm rd           fmt 00 = S, 01 = D
 *   OP-FP    1010011  funct7 rs2 rs1 rm/funct3 rd   funct7[1:0] = fmt
 * Masks: 0x707f opcode+funct3; 0x0600007f opcode+fmt; 0xfe00007f opcode+funct7 (rm
 * free); 0xfe00707f funct7+funct3; 0xfff0007f funct7+rs2 (rm free); 0xfff0707f all but
 * rs1 and rd.
 */
#ifndef FERRY_RV_INSN_TABLE_FP_H
#define FERRY_RV_INSN_TABLE_FP_H

#define RV_INSN_TABLE_FP(X)                                                                        \
	X(flw, 0x0000707f, 0x00002007, RVF_I_LOAD, trans_flw)                                      \
	X(fld, 0x0000707f, 0x00003007, RVF_I_LOAD, trans_fld)                                      \
	X(fsw, 0x0000707f, 0x00002027, RVF_S, trans_fsw)                                           \
	X(fsd, 0x0000707f, 0x00003027, RVF_S, trans_fsd)                                           \
	X(fmadd_s, 0x0600007f, 0x00000043, RVF_R4, trans_fmadd_s)                                  \
	X(fmsub_s, 0x0600007f, 0x00000047, RVF_R4, trans_fmsub_s)                                  \
	X(fnmsub_s, 0x0600007f, 0x0000004b, RVF_R4, trans_fnmsub_s)                                \
	X(fnmadd_s, 0x0600007f, 0x0000004f, RVF_R4, trans_fnmadd_s)                                \
	X(fmadd_d, 0x0600007f, 0x02000043, RVF_R4, trans_fmadd_d)                                  \
	X(fmsub_d, 0x0600007f, 0x02000047, RVF_R4, trans_fmsub_d)                                  \
	X(fnmsub_d, 0x0600007f, 0x0200004b, RVF_R4, trans_fnmsub_d)                                \
	X(fnmadd_d, 0x0600007f, 0x0200004f, RVF_R4, trans_fnmadd_d)                                \
	X(fadd_s, 0xfe00007f, 0x00000053, RVF_FR_RM, trans_fadd_s)                                 \
	X(fsub_s, 0xfe00007f, 0x08000053, RVF_FR_RM, trans_fsub_s)                                 \
	X(fmul_s, 0xfe00007f, 0x10000053, RVF_FR_RM, trans_fmul_s)                                 \
	X(fdiv_s, 0xfe00007f, 0x18000053, RVF_FR_RM, trans_fdiv_s)                                 \
	X(fsqrt_s, 0xfff0007f, 0x58000053, RVF_FR1_RM, trans_fsqrt_s)                              \
	X(fadd_d, 0xfe00007f, 0x02000053, RVF_FR_RM, trans_fadd_d)                                 \
	X(fsub_d, 0xfe00007f, 0x0a000053, RVF_FR_RM, trans_fsub_d)                                 \
	X(fmul_d, 0xfe00007f, 0x12000053, RVF_FR_RM, trans_fmul_d)                                 \
	X(fdiv_d, 0xfe00007f, 0x1a000053, RVF_FR_RM, trans_fdiv_d)                                 \
	X(fsqrt_d, 0xfff0007f, 0x5a000053, RVF_FR1_RM, trans_fsqrt_d)                              \
	X(fsgnj_s, 0xfe00707f, 0x20000053, RVF_R, trans_fsgnj_s)                                   \
	X(fsgnjn_s, 0xfe00707f, 0x20001053, RVF_R, trans_fsgnjn_s)                                 \
	X(fsgnjx_s, 0xfe00707f, 0x20002053, RVF_R, trans_fsgnjx_s)                                 \
	X(fsgnj_d, 0xfe00707f, 0x22000053, RVF_R, trans_fsgnj_d)                                   \
	X(fsgnjn_d, 0xfe00707f, 0x22001053, RVF_R, trans_fsgnjn_d)                                 \
	X(fsgnjx_d, 0xfe00707f, 0x22002053, RVF_R, trans_fsgnjx_d)                                 \
	X(fmin_s, 0xfe00707f, 0x28000053, RVF_R, trans_fmin_s)                                     \
	X(fmax_s, 0xfe00707f, 0x28001053, RVF_R, trans_fmax_s)                                     \
	X(fmin_d, 0xfe00707f, 0x2a000053, RVF_R, trans_fmin_d)                                     \
	X(fmax_d, 0xfe00707f, 0x2a001053, RVF_R, trans_fmax_d)                                     \
	X(fcvt_s_d, 0xfff0007f, 0x40100053, RVF_FR1_RM, trans_fcvt_s_d)                            \
	X(fcvt_d_s, 0xfff0007f, 0x42000053, RVF_FR1_RM, trans_fcvt_d_s)                            \
	X(feq_s, 0xfe00707f, 0xa0002053, RVF_R, trans_feq_s)                                       \
	X(flt_s, 0xfe00707f, 0xa0001053, RVF_R, trans_flt_s)                                       \
	X(fle_s, 0xfe00707f, 0xa0000053, RVF_R, trans_fle_s)                                       \
	X(feq_d, 0xfe00707f, 0xa2002053, RVF_R, trans_feq_d)                                       \
	X(flt_d, 0xfe00707f, 0xa2001053, RVF_R, trans_flt_d)                                       \
	X(fle_d, 0xfe00707f, 0xa2000053, RVF_R, trans_fle_d)                                       \
	X(fcvt_w_s, 0xfff0007f, 0xc0000053, RVF_FR1_RM, trans_fcvt_w_s)                            \
	X(fcvt_wu_s, 0xfff0007f, 0xc0100053, RVF_FR1_RM, trans_fcvt_wu_s)                          \
	X(fcvt_l_s, 0xfff0007f, 0xc0200053, RVF_FR1_RM, trans_fcvt_l_s)                            \
	X(fcvt_lu_s, 0xfff0007f, 0xc0300053, RVF_FR1_RM, trans_fcvt_lu_s)                          \
	X(fcvt_w_d, 0xfff0007f, 0xc2000053, RVF_FR1_RM, trans_fcvt_w_d)                            \
	X(fcvt_wu_d, 0xfff0007f, 0xc2100053, RVF_FR1_RM, trans_fcvt_wu_d)                          \
	X(fcvt_l_d, 0xfff0007f, 0xc2200053, RVF_FR1_RM, trans_fcvt_l_d)                            \
	X(fcvt_lu_d, 0xfff0007f, 0xc2300053, RVF_FR1_RM, trans_fcvt_lu_d)                          \
	X(fcvt_s_w, 0xfff0007f, 0xd0000053, RVF_FR1_RM, trans_fcvt_s_w)                            \
	X(fcvt_s_wu, 0xfff0007f, 0xd0100053, RVF_FR1_RM, trans_fcvt_s_wu)                          \
	X(fcvt_s_l, 0xfff0007f, 0xd0200053, RVF_FR1_RM, trans_fcvt_s_l)                            \
	X(fcvt_s_lu, 0xfff0007f, 0xd0300053, RVF_FR1_RM, trans_fcvt_s_lu)                          \
	X(fcvt_d_w, 0xfff0007f, 0xd2000053, RVF_FR1_RM, trans_fcvt_d_w)                            \
	X(fcvt_d_wu, 0xfff0007f, 0xd2100053, RVF_FR1_RM, trans_fcvt_d_wu)                          \
	X(fcvt_d_l, 0xfff0007f, 0xd2200053, RVF_FR1_RM, trans_fcvt_d_l)                            \
	X(fcvt_d_lu, 0xfff0007f, 0xd2300053, RVF_FR1_RM, trans_fcvt_d_lu)                          \
	X(fmv_x_w, 0xfff0707f, 0xe0000053, RVF_FR1, trans_fmv_x_w)                                 \
	X(fclass_s, 0xfff0707f, 0xe0001053, RVF_FR1, trans_fclass_s)                               \
	X(fmv_x_d, 0xfff0707f, 0xe2000053, RVF_FR1, trans_fmv_x_d)                                 \
	X(fclass_d, 0xfff0707f, 0xe2001053, RVF_FR1, trans_fclass_d)                               \
	X(fmv_w_x, 0xfff0707f, 0xf0000053, RVF_FR1, trans_fmv_w_x)                                 \
	X(fmv_d_x, 0xfff0707f, 0xf2000053, RVF_FR1, trans_fmv_d_x)

#endif
