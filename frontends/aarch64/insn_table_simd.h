/*
 * The aarch64 Advanced SIMD, cryptographic extension and CRC32 table: one line per
 * pattern, X(mnemonic, mask, match, format, translator), decoded like every other table
 * (decode.c). Vector encodings leave Q (bit 30) free; integer groups leave size (23:22)
 * free and FP groups sz (22), the translator refusing reserved combinations
 * (translate_simd.c). Scalar forms of vector instructions (bit 28 set) share the vector
 * translator. Group layouts (Arm ARM C4.1.x):
 *   three same        0 Q U 01110 size 1 Rm opcode 1 Rn Rd     (scalar: 01 U 11110 ...)
 *   two-reg misc      0 Q U 01110 size 10000 opcode 10 Rn Rd   (scalar: 01 U 11110 ...)
 *   across lanes      0 Q U 01110 size 11000 opcode 10 Rn Rd
 *   three different   0 Q U 01110 size 1 Rm opcode 00 Rn Rd
 *   modified imm      0 Q op 0111100000 abc cmode o2 1 defgh Rd (before shift by imm,
 *                     whose immh = 0 it is)
 *   shift by imm      0 Q U 011110 immh immb opcode 1 Rn Rd
 *   by element        0 Q U 01111 size L M Rm opcode H 0 Rn Rd
 *   copy              0 Q op 01110000 imm5 0 imm4 1 Rn Rd
 *   permute/ext/tbl   0 Q 001110 size 0 Rm 0 opcode 10 Rn Rd, 0 Q 101110 00 0 Rm 0 imm4 0,
 *                     0 Q 001110 00 0 Rm 0 len op 00 Rn Rd
 *   structures        0 Q 0011000 L ..., 0 Q 0011001 L 0 Rm ..., 0 Q 001101p L R ...
 *   crypto            01001110 00 10100 opcode 10, 01011110 00 0 Rm 0 opcode 00,
 *                     01011110 00 10100 opcode 10
 *   crc32             sf 0 0 11010110 Rm 010 C sz Rn Rd
 */
#ifndef FERRY_A64_INSN_TABLE_SIMD_H
#define FERRY_A64_INSN_TABLE_SIMD_H

#define A64_INSN_TABLE_SIMD(X)                                             \
	X("movi", 0x9ff80400, 0x0f000400, A64F_SIMD, a64_trans_v_movi)     \
	X("dup", 0xbfe0fc00, 0x0e000400, A64F_SIMD, a64_trans_v_dup)       \
	X("dup", 0xbfe0fc00, 0x0e000c00, A64F_SIMD, a64_trans_v_dup_g)     \
	X("smov", 0xbfe0fc00, 0x0e002c00, A64F_SIMD, a64_trans_v_smov)     \
	X("umov", 0xbfe0fc00, 0x0e003c00, A64F_SIMD, a64_trans_v_umov)     \
	X("ins", 0xffe0fc00, 0x4e001c00, A64F_SIMD, a64_trans_v_ins)       \
	X("ins", 0xffe08400, 0x6e000400, A64F_SIMD, a64_trans_v_ins)       \
	X("dup", 0xffe0fc00, 0x5e000400, A64F_SIMD, a64_trans_v_dup)       \
	X("shadd", 0xbf20fc00, 0x0e200400, A64F_SIMD, a64_trans_v_shadd)   \
	X("uhadd", 0xbf20fc00, 0x2e200400, A64F_SIMD, a64_trans_v_uhadd)   \
	X("sqadd", 0xbf20fc00, 0x0e200c00, A64F_SIMD, a64_trans_v_sqadd)   \
	X("uqadd", 0xbf20fc00, 0x2e200c00, A64F_SIMD, a64_trans_v_uqadd)   \
	X("srhadd", 0xbf20fc00, 0x0e201400, A64F_SIMD, a64_trans_v_srhadd) \
	X("urhadd", 0xbf20fc00, 0x2e201400, A64F_SIMD, a64_trans_v_urhadd) \
	X("shsub", 0xbf20fc00, 0x0e202400, A64F_SIMD, a64_trans_v_shsub)   \
	X("uhsub", 0xbf20fc00, 0x2e202400, A64F_SIMD, a64_trans_v_uhsub)   \
	X("sqsub", 0xbf20fc00, 0x0e202c00, A64F_SIMD, a64_trans_v_sqsub)   \
	X("uqsub", 0xbf20fc00, 0x2e202c00, A64F_SIMD, a64_trans_v_uqsub)   \
	X("cmgt", 0xbf20fc00, 0x0e203400, A64F_SIMD, a64_trans_v_cmgt)     \
	X("cmhi", 0xbf20fc00, 0x2e203400, A64F_SIMD, a64_trans_v_cmhi)     \
	X("cmge", 0xbf20fc00, 0x0e203c00, A64F_SIMD, a64_trans_v_cmge)     \
	X("cmhs", 0xbf20fc00, 0x2e203c00, A64F_SIMD, a64_trans_v_cmhs)     \
	X("sshl", 0xbf20fc00, 0x0e204400, A64F_SIMD, a64_trans_v_sshl)     \
	X("ushl", 0xbf20fc00, 0x2e204400, A64F_SIMD, a64_trans_v_ushl)     \
	X("sqshl", 0xbf20fc00, 0x0e204c00, A64F_SIMD, a64_trans_v_sqshl)   \
	X("uqshl", 0xbf20fc00, 0x2e204c00, A64F_SIMD, a64_trans_v_uqshl)   \
	X("srshl", 0xbf20fc00, 0x0e205400, A64F_SIMD, a64_trans_v_srshl)   \
	X("urshl", 0xbf20fc00, 0x2e205400, A64F_SIMD, a64_trans_v_urshl)   \
	X("sqrshl", 0xbf20fc00, 0x0e205c00, A64F_SIMD, a64_trans_v_sqrshl) \
	X("uqrshl", 0xbf20fc00, 0x2e205c00, A64F_SIMD, a64_trans_v_uqrshl) \
	X("smax", 0xbf20fc00, 0x0e206400, A64F_SIMD, a64_trans_v_smax)     \
	X("umax", 0xbf20fc00, 0x2e206400, A64F_SIMD, a64_trans_v_umax)     \
	X("smin", 0xbf20fc00, 0x0e206c00, A64F_SIMD, a64_trans_v_smin)     \
	X("umin", 0xbf20fc00, 0x2e206c00, A64F_SIMD, a64_trans_v_umin)     \
	X("sabd", 0xbf20fc00, 0x0e207400, A64F_SIMD, a64_trans_v_sabd)     \
	X("uabd", 0xbf20fc00, 0x2e207400, A64F_SIMD, a64_trans_v_uabd)     \
	X("saba", 0xbf20fc00, 0x0e207c00, A64F_SIMD, a64_trans_v_saba)     \
	X("uaba", 0xbf20fc00, 0x2e207c00, A64F_SIMD, a64_trans_v_uaba)     \
	X("add", 0xbf20fc00, 0x0e208400, A64F_SIMD, a64_trans_v_add)       \
	X("sub", 0xbf20fc00, 0x2e208400, A64F_SIMD, a64_trans_v_sub)       \
	X("cmtst", 0xbf20fc00, 0x0e208c00, A64F_SIMD, a64_trans_v_cmtst)   \
	X("cmeq", 0xbf20fc00, 0x2e208c00, A64F_SIMD, a64_trans_v_cmeq)     \
	X("mla", 0xbf20fc00, 0x0e209400, A64F_SIMD, a64_trans_v_mla)       \
	X("mls", 0xbf20fc00, 0x2e209400, A64F_SIMD, a64_trans_v_mls)       \
	X("mul", 0xbf20fc00, 0x0e209c00, A64F_SIMD, a64_trans_v_mul)       \
	X("pmul", 0xbf20fc00, 0x2e209c00, A64F_SIMD, a64_trans_v_pmul)     \
	X("smaxp", 0xbf20fc00, 0x0e20a400, A64F_SIMD, a64_trans_v_smaxp)   \
	X("umaxp", 0xbf20fc00, 0x2e20a400, A64F_SIMD, a64_trans_v_umaxp)   \
	X("sminp", 0xbf20fc00, 0x0e20ac00, A64F_SIMD, a64_trans_v_sminp)   \
	X("uminp", 0xbf20fc00, 0x2e20ac00, A64F_SIMD, a64_trans_v_uminp)   \
	X("sqdmulh", 0xbf20fc00, 0x0e20b400, A64F_SIMD, a64_trans_v_sqdmulh)\
	X("sqrdmulh", 0xbf20fc00, 0x2e20b400, A64F_SIMD, a64_trans_v_sqrdmulh)\
	X("addp", 0xbf20fc00, 0x0e20bc00, A64F_SIMD, a64_trans_v_addp)     \
	X("sqadd", 0xff20fc00, 0x5e200c00, A64F_SIMD, a64_trans_v_sqadd)   \
	X("uqadd", 0xff20fc00, 0x7e200c00, A64F_SIMD, a64_trans_v_uqadd)   \
	X("sqsub", 0xff20fc00, 0x5e202c00, A64F_SIMD, a64_trans_v_sqsub)   \
	X("uqsub", 0xff20fc00, 0x7e202c00, A64F_SIMD, a64_trans_v_uqsub)   \
	X("cmgt", 0xff20fc00, 0x5e203400, A64F_SIMD, a64_trans_v_cmgt)     \
	X("cmhi", 0xff20fc00, 0x7e203400, A64F_SIMD, a64_trans_v_cmhi)     \
	X("cmge", 0xff20fc00, 0x5e203c00, A64F_SIMD, a64_trans_v_cmge)     \
	X("cmhs", 0xff20fc00, 0x7e203c00, A64F_SIMD, a64_trans_v_cmhs)     \
	X("sshl", 0xff20fc00, 0x5e204400, A64F_SIMD, a64_trans_v_sshl)     \
	X("ushl", 0xff20fc00, 0x7e204400, A64F_SIMD, a64_trans_v_ushl)     \
	X("sqshl", 0xff20fc00, 0x5e204c00, A64F_SIMD, a64_trans_v_sqshl)   \
	X("uqshl", 0xff20fc00, 0x7e204c00, A64F_SIMD, a64_trans_v_uqshl)   \
	X("srshl", 0xff20fc00, 0x5e205400, A64F_SIMD, a64_trans_v_srshl)   \
	X("urshl", 0xff20fc00, 0x7e205400, A64F_SIMD, a64_trans_v_urshl)   \
	X("sqrshl", 0xff20fc00, 0x5e205c00, A64F_SIMD, a64_trans_v_sqrshl) \
	X("uqrshl", 0xff20fc00, 0x7e205c00, A64F_SIMD, a64_trans_v_uqrshl) \
	X("add", 0xff20fc00, 0x5e208400, A64F_SIMD, a64_trans_v_add)       \
	X("sub", 0xff20fc00, 0x7e208400, A64F_SIMD, a64_trans_v_sub)       \
	X("cmtst", 0xff20fc00, 0x5e208c00, A64F_SIMD, a64_trans_v_cmtst)   \
	X("cmeq", 0xff20fc00, 0x7e208c00, A64F_SIMD, a64_trans_v_cmeq)     \
	X("sqdmulh", 0xff20fc00, 0x5e20b400, A64F_SIMD, a64_trans_v_sqdmulh)\
	X("sqrdmulh", 0xff20fc00, 0x7e20b400, A64F_SIMD, a64_trans_v_sqrdmulh)\
	X("and", 0xbfe0fc00, 0x0e201c00, A64F_SIMD, a64_trans_v_and)       \
	X("bic", 0xbfe0fc00, 0x0e601c00, A64F_SIMD, a64_trans_v_bic)       \
	X("orr", 0xbfe0fc00, 0x0ea01c00, A64F_SIMD, a64_trans_v_orr)       \
	X("orn", 0xbfe0fc00, 0x0ee01c00, A64F_SIMD, a64_trans_v_orn)       \
	X("eor", 0xbfe0fc00, 0x2e201c00, A64F_SIMD, a64_trans_v_eor)       \
	X("bsl", 0xbfe0fc00, 0x2e601c00, A64F_SIMD, a64_trans_v_bsl)       \
	X("bit", 0xbfe0fc00, 0x2ea01c00, A64F_SIMD, a64_trans_v_bit)       \
	X("bif", 0xbfe0fc00, 0x2ee01c00, A64F_SIMD, a64_trans_v_bif)       \
	X("fmaxnm", 0xbfa0fc00, 0x0e20c400, A64F_SIMD, a64_trans_v_fmaxnm) \
	X("fmla", 0xbfa0fc00, 0x0e20cc00, A64F_SIMD, a64_trans_v_fmla)     \
	X("fadd", 0xbfa0fc00, 0x0e20d400, A64F_SIMD, a64_trans_v_fadd)     \
	X("fmulx", 0xbfa0fc00, 0x0e20dc00, A64F_SIMD, a64_trans_v_fmulx)   \
	X("fcmeq", 0xbfa0fc00, 0x0e20e400, A64F_SIMD, a64_trans_v_fcmeq)   \
	X("fmax", 0xbfa0fc00, 0x0e20f400, A64F_SIMD, a64_trans_v_fmax)     \
	X("frecps", 0xbfa0fc00, 0x0e20fc00, A64F_SIMD, a64_trans_v_frecps) \
	X("fminnm", 0xbfa0fc00, 0x0ea0c400, A64F_SIMD, a64_trans_v_fminnm) \
	X("fmls", 0xbfa0fc00, 0x0ea0cc00, A64F_SIMD, a64_trans_v_fmls)     \
	X("fsub", 0xbfa0fc00, 0x0ea0d400, A64F_SIMD, a64_trans_v_fsub)     \
	X("fmin", 0xbfa0fc00, 0x0ea0f400, A64F_SIMD, a64_trans_v_fmin)     \
	X("frsqrts", 0xbfa0fc00, 0x0ea0fc00, A64F_SIMD, a64_trans_v_frsqrts)\
	X("fmaxnmp", 0xbfa0fc00, 0x2e20c400, A64F_SIMD, a64_trans_v_fmaxnmp)\
	X("faddp", 0xbfa0fc00, 0x2e20d400, A64F_SIMD, a64_trans_v_faddp)   \
	X("fmul", 0xbfa0fc00, 0x2e20dc00, A64F_SIMD, a64_trans_v_fmul)     \
	X("fcmge", 0xbfa0fc00, 0x2e20e400, A64F_SIMD, a64_trans_v_fcmge)   \
	X("facge", 0xbfa0fc00, 0x2e20ec00, A64F_SIMD, a64_trans_v_facge)   \
	X("fmaxp", 0xbfa0fc00, 0x2e20f400, A64F_SIMD, a64_trans_v_fmaxp)   \
	X("fdiv", 0xbfa0fc00, 0x2e20fc00, A64F_SIMD, a64_trans_v_fdiv)     \
	X("fminnmp", 0xbfa0fc00, 0x2ea0c400, A64F_SIMD, a64_trans_v_fminnmp)\
	X("fabd", 0xbfa0fc00, 0x2ea0d400, A64F_SIMD, a64_trans_v_fabd)     \
	X("fcmgt", 0xbfa0fc00, 0x2ea0e400, A64F_SIMD, a64_trans_v_fcmgt)   \
	X("facgt", 0xbfa0fc00, 0x2ea0ec00, A64F_SIMD, a64_trans_v_facgt)   \
	X("fminp", 0xbfa0fc00, 0x2ea0f400, A64F_SIMD, a64_trans_v_fminp)   \
	X("fmulx", 0xffa0fc00, 0x5e20dc00, A64F_SIMD, a64_trans_v_fmulx)   \
	X("fcmeq", 0xffa0fc00, 0x5e20e400, A64F_SIMD, a64_trans_v_fcmeq)   \
	X("frecps", 0xffa0fc00, 0x5e20fc00, A64F_SIMD, a64_trans_v_frecps) \
	X("frsqrts", 0xffa0fc00, 0x5ea0fc00, A64F_SIMD, a64_trans_v_frsqrts)\
	X("fcmge", 0xffa0fc00, 0x7e20e400, A64F_SIMD, a64_trans_v_fcmge)   \
	X("facge", 0xffa0fc00, 0x7e20ec00, A64F_SIMD, a64_trans_v_facge)   \
	X("fabd", 0xffa0fc00, 0x7ea0d400, A64F_SIMD, a64_trans_v_fabd)     \
	X("fcmgt", 0xffa0fc00, 0x7ea0e400, A64F_SIMD, a64_trans_v_fcmgt)   \
	X("facgt", 0xffa0fc00, 0x7ea0ec00, A64F_SIMD, a64_trans_v_facgt)   \
	X("rev64", 0xbf3ffc00, 0x0e200800, A64F_SIMD, a64_trans_v_rev64)   \
	X("rev32", 0xbf3ffc00, 0x2e200800, A64F_SIMD, a64_trans_v_rev32)   \
	X("rev16", 0xbf3ffc00, 0x0e201800, A64F_SIMD, a64_trans_v_rev16)   \
	X("saddlp", 0xbf3ffc00, 0x0e202800, A64F_SIMD, a64_trans_v_saddlp) \
	X("uaddlp", 0xbf3ffc00, 0x2e202800, A64F_SIMD, a64_trans_v_uaddlp) \
	X("suqadd", 0xbf3ffc00, 0x0e203800, A64F_SIMD, a64_trans_v_suqadd) \
	X("usqadd", 0xbf3ffc00, 0x2e203800, A64F_SIMD, a64_trans_v_usqadd) \
	X("cls", 0xbf3ffc00, 0x0e204800, A64F_SIMD, a64_trans_v_cls)       \
	X("clz", 0xbf3ffc00, 0x2e204800, A64F_SIMD, a64_trans_v_clz)       \
	X("cnt", 0xbf3ffc00, 0x0e205800, A64F_SIMD, a64_trans_v_cnt)       \
	X("sadalp", 0xbf3ffc00, 0x0e206800, A64F_SIMD, a64_trans_v_sadalp) \
	X("uadalp", 0xbf3ffc00, 0x2e206800, A64F_SIMD, a64_trans_v_uadalp) \
	X("sqabs", 0xbf3ffc00, 0x0e207800, A64F_SIMD, a64_trans_v_sqabs)   \
	X("sqneg", 0xbf3ffc00, 0x2e207800, A64F_SIMD, a64_trans_v_sqneg)   \
	X("cmgt", 0xbf3ffc00, 0x0e208800, A64F_SIMD, a64_trans_v_cmgt0)    \
	X("cmge", 0xbf3ffc00, 0x2e208800, A64F_SIMD, a64_trans_v_cmge0)    \
	X("cmeq", 0xbf3ffc00, 0x0e209800, A64F_SIMD, a64_trans_v_cmeq0)    \
	X("cmle", 0xbf3ffc00, 0x2e209800, A64F_SIMD, a64_trans_v_cmle0)    \
	X("cmlt", 0xbf3ffc00, 0x0e20a800, A64F_SIMD, a64_trans_v_cmlt0)    \
	X("abs", 0xbf3ffc00, 0x0e20b800, A64F_SIMD, a64_trans_v_abs)       \
	X("neg", 0xbf3ffc00, 0x2e20b800, A64F_SIMD, a64_trans_v_neg)       \
	X("xtn", 0xbf3ffc00, 0x0e212800, A64F_SIMD, a64_trans_v_xtn)       \
	X("sqxtun", 0xbf3ffc00, 0x2e212800, A64F_SIMD, a64_trans_v_sqxtun) \
	X("shll", 0xbf3ffc00, 0x2e213800, A64F_SIMD, a64_trans_v_shll)     \
	X("sqxtn", 0xbf3ffc00, 0x0e214800, A64F_SIMD, a64_trans_v_sqxtn)   \
	X("uqxtn", 0xbf3ffc00, 0x2e214800, A64F_SIMD, a64_trans_v_uqxtn)   \
	X("not", 0xbffffc00, 0x2e205800, A64F_SIMD, a64_trans_v_not)       \
	X("rbit", 0xbffffc00, 0x2e605800, A64F_SIMD, a64_trans_v_rbit)     \
	X("suqadd", 0xff3ffc00, 0x5e203800, A64F_SIMD, a64_trans_v_suqadd) \
	X("usqadd", 0xff3ffc00, 0x7e203800, A64F_SIMD, a64_trans_v_usqadd) \
	X("sqabs", 0xff3ffc00, 0x5e207800, A64F_SIMD, a64_trans_v_sqabs)   \
	X("sqneg", 0xff3ffc00, 0x7e207800, A64F_SIMD, a64_trans_v_sqneg)   \
	X("cmgt", 0xff3ffc00, 0x5e208800, A64F_SIMD, a64_trans_v_cmgt0)    \
	X("cmge", 0xff3ffc00, 0x7e208800, A64F_SIMD, a64_trans_v_cmge0)    \
	X("cmeq", 0xff3ffc00, 0x5e209800, A64F_SIMD, a64_trans_v_cmeq0)    \
	X("cmle", 0xff3ffc00, 0x7e209800, A64F_SIMD, a64_trans_v_cmle0)    \
	X("cmlt", 0xff3ffc00, 0x5e20a800, A64F_SIMD, a64_trans_v_cmlt0)    \
	X("abs", 0xff3ffc00, 0x5e20b800, A64F_SIMD, a64_trans_v_abs)       \
	X("neg", 0xff3ffc00, 0x7e20b800, A64F_SIMD, a64_trans_v_neg)       \
	X("sqxtun", 0xff3ffc00, 0x7e212800, A64F_SIMD, a64_trans_v_sqxtun) \
	X("sqxtn", 0xff3ffc00, 0x5e214800, A64F_SIMD, a64_trans_v_sqxtn)   \
	X("uqxtn", 0xff3ffc00, 0x7e214800, A64F_SIMD, a64_trans_v_uqxtn)   \
	X("fcvtn", 0xbfbffc00, 0x0e216800, A64F_SIMD, a64_trans_v_fcvtn)   \
	X("fcvtxn", 0xbfbffc00, 0x2e216800, A64F_SIMD, a64_trans_v_fcvtxn) \
	X("fcvtl", 0xbfbffc00, 0x0e217800, A64F_SIMD, a64_trans_v_fcvtl)   \
	X("frintn", 0xbfbffc00, 0x0e218800, A64F_SIMD, a64_trans_v_frintn_v)\
	X("frintp", 0xbfbffc00, 0x0ea18800, A64F_SIMD, a64_trans_v_frintp_v)\
	X("frintm", 0xbfbffc00, 0x0e219800, A64F_SIMD, a64_trans_v_frintm_v)\
	X("frintz", 0xbfbffc00, 0x0ea19800, A64F_SIMD, a64_trans_v_frintz_v)\
	X("fcvtns", 0xbfbffc00, 0x0e21a800, A64F_SIMD, a64_trans_v_fcvtns_v)\
	X("fcvtps", 0xbfbffc00, 0x0ea1a800, A64F_SIMD, a64_trans_v_fcvtps_v)\
	X("fcvtms", 0xbfbffc00, 0x0e21b800, A64F_SIMD, a64_trans_v_fcvtms_v)\
	X("fcvtzs", 0xbfbffc00, 0x0ea1b800, A64F_SIMD, a64_trans_v_fcvtzs_v)\
	X("fcvtas", 0xbfbffc00, 0x0e21c800, A64F_SIMD, a64_trans_v_fcvtas_v)\
	X("urecpe", 0xbfbffc00, 0x0ea1c800, A64F_SIMD, a64_trans_v_urecpe) \
	X("scvtf", 0xbfbffc00, 0x0e21d800, A64F_SIMD, a64_trans_v_scvtf_v) \
	X("frecpe", 0xbfbffc00, 0x0ea1d800, A64F_SIMD, a64_trans_v_frecpe) \
	X("fcmgt", 0xbfbffc00, 0x0ea0c800, A64F_SIMD, a64_trans_v_fcmgt0)  \
	X("fcmeq", 0xbfbffc00, 0x0ea0d800, A64F_SIMD, a64_trans_v_fcmeq0)  \
	X("fcmlt", 0xbfbffc00, 0x0ea0e800, A64F_SIMD, a64_trans_v_fcmlt0)  \
	X("fabs", 0xbfbffc00, 0x0ea0f800, A64F_SIMD, a64_trans_v_fabs_v)   \
	X("frinta", 0xbfbffc00, 0x2e218800, A64F_SIMD, a64_trans_v_frinta_v)\
	X("frintx", 0xbfbffc00, 0x2e219800, A64F_SIMD, a64_trans_v_frintx_v)\
	X("frinti", 0xbfbffc00, 0x2ea19800, A64F_SIMD, a64_trans_v_frinti_v)\
	X("fcvtnu", 0xbfbffc00, 0x2e21a800, A64F_SIMD, a64_trans_v_fcvtnu_v)\
	X("fcvtpu", 0xbfbffc00, 0x2ea1a800, A64F_SIMD, a64_trans_v_fcvtpu_v)\
	X("fcvtmu", 0xbfbffc00, 0x2e21b800, A64F_SIMD, a64_trans_v_fcvtmu_v)\
	X("fcvtzu", 0xbfbffc00, 0x2ea1b800, A64F_SIMD, a64_trans_v_fcvtzu_v)\
	X("fcvtau", 0xbfbffc00, 0x2e21c800, A64F_SIMD, a64_trans_v_fcvtau_v)\
	X("ursqrte", 0xbfbffc00, 0x2ea1c800, A64F_SIMD, a64_trans_v_ursqrte)\
	X("ucvtf", 0xbfbffc00, 0x2e21d800, A64F_SIMD, a64_trans_v_ucvtf_v) \
	X("frsqrte", 0xbfbffc00, 0x2ea1d800, A64F_SIMD, a64_trans_v_frsqrte)\
	X("fcmge", 0xbfbffc00, 0x2ea0c800, A64F_SIMD, a64_trans_v_fcmge0)  \
	X("fcmle", 0xbfbffc00, 0x2ea0d800, A64F_SIMD, a64_trans_v_fcmle0)  \
	X("fneg", 0xbfbffc00, 0x2ea0f800, A64F_SIMD, a64_trans_v_fneg_v)   \
	X("fsqrt", 0xbfbffc00, 0x2ea1f800, A64F_SIMD, a64_trans_v_fsqrt_v) \
	X("fcvtxn", 0xffbffc00, 0x7e216800, A64F_SIMD, a64_trans_v_fcvtxn) \
	X("fcvtns", 0xffbffc00, 0x5e21a800, A64F_SIMD, a64_trans_v_fcvtns_v)\
	X("fcvtps", 0xffbffc00, 0x5ea1a800, A64F_SIMD, a64_trans_v_fcvtps_v)\
	X("fcvtms", 0xffbffc00, 0x5e21b800, A64F_SIMD, a64_trans_v_fcvtms_v)\
	X("fcvtzs", 0xffbffc00, 0x5ea1b800, A64F_SIMD, a64_trans_v_fcvtzs_v)\
	X("fcvtas", 0xffbffc00, 0x5e21c800, A64F_SIMD, a64_trans_v_fcvtas_v)\
	X("scvtf", 0xffbffc00, 0x5e21d800, A64F_SIMD, a64_trans_v_scvtf_v) \
	X("frecpe", 0xffbffc00, 0x5ea1d800, A64F_SIMD, a64_trans_v_frecpe) \
	X("fcmgt", 0xffbffc00, 0x5ea0c800, A64F_SIMD, a64_trans_v_fcmgt0)  \
	X("fcmeq", 0xffbffc00, 0x5ea0d800, A64F_SIMD, a64_trans_v_fcmeq0)  \
	X("fcmlt", 0xffbffc00, 0x5ea0e800, A64F_SIMD, a64_trans_v_fcmlt0)  \
	X("fcvtnu", 0xffbffc00, 0x7e21a800, A64F_SIMD, a64_trans_v_fcvtnu_v)\
	X("fcvtpu", 0xffbffc00, 0x7ea1a800, A64F_SIMD, a64_trans_v_fcvtpu_v)\
	X("fcvtmu", 0xffbffc00, 0x7e21b800, A64F_SIMD, a64_trans_v_fcvtmu_v)\
	X("fcvtzu", 0xffbffc00, 0x7ea1b800, A64F_SIMD, a64_trans_v_fcvtzu_v)\
	X("fcvtau", 0xffbffc00, 0x7e21c800, A64F_SIMD, a64_trans_v_fcvtau_v)\
	X("ucvtf", 0xffbffc00, 0x7e21d800, A64F_SIMD, a64_trans_v_ucvtf_v) \
	X("frsqrte", 0xffbffc00, 0x7ea1d800, A64F_SIMD, a64_trans_v_frsqrte)\
	X("fcmge", 0xffbffc00, 0x7ea0c800, A64F_SIMD, a64_trans_v_fcmge0)  \
	X("fcmle", 0xffbffc00, 0x7ea0d800, A64F_SIMD, a64_trans_v_fcmle0)  \
	X("frecpx", 0xffbffc00, 0x5ea1f800, A64F_SIMD, a64_trans_v_frecpx) \
	X("saddlv", 0xbf3ffc00, 0x0e303800, A64F_SIMD, a64_trans_v_saddlv) \
	X("uaddlv", 0xbf3ffc00, 0x2e303800, A64F_SIMD, a64_trans_v_uaddlv) \
	X("smaxv", 0xbf3ffc00, 0x0e30a800, A64F_SIMD, a64_trans_v_smaxv)   \
	X("umaxv", 0xbf3ffc00, 0x2e30a800, A64F_SIMD, a64_trans_v_umaxv)   \
	X("sminv", 0xbf3ffc00, 0x0e31a800, A64F_SIMD, a64_trans_v_sminv)   \
	X("uminv", 0xbf3ffc00, 0x2e31a800, A64F_SIMD, a64_trans_v_uminv)   \
	X("addv", 0xbf3ffc00, 0x0e31b800, A64F_SIMD, a64_trans_v_addv)     \
	X("fmaxnmv", 0xbfbffc00, 0x2e30c800, A64F_SIMD, a64_trans_v_fmaxnmv)\
	X("fminnmv", 0xbfbffc00, 0x2eb0c800, A64F_SIMD, a64_trans_v_fminnmv)\
	X("fmaxv", 0xbfbffc00, 0x2e30f800, A64F_SIMD, a64_trans_v_fmaxv)   \
	X("fminv", 0xbfbffc00, 0x2eb0f800, A64F_SIMD, a64_trans_v_fminv)   \
	X("addp", 0xff3ffc00, 0x5e31b800, A64F_SIMD, a64_trans_v_addp)     \
	X("fmaxnmp", 0xffbffc00, 0x7e30c800, A64F_SIMD, a64_trans_v_fmaxnmp)\
	X("faddp", 0xffbffc00, 0x7e30d800, A64F_SIMD, a64_trans_v_faddp)   \
	X("fmaxp", 0xffbffc00, 0x7e30f800, A64F_SIMD, a64_trans_v_fmaxp)   \
	X("fminnmp", 0xffbffc00, 0x7eb0c800, A64F_SIMD, a64_trans_v_fminnmp)\
	X("fminp", 0xffbffc00, 0x7eb0f800, A64F_SIMD, a64_trans_v_fminp)   \
	X("saddl", 0xbf20fc00, 0x0e200000, A64F_SIMD, a64_trans_v_saddl)   \
	X("uaddl", 0xbf20fc00, 0x2e200000, A64F_SIMD, a64_trans_v_uaddl)   \
	X("saddw", 0xbf20fc00, 0x0e201000, A64F_SIMD, a64_trans_v_saddw)   \
	X("uaddw", 0xbf20fc00, 0x2e201000, A64F_SIMD, a64_trans_v_uaddw)   \
	X("ssubl", 0xbf20fc00, 0x0e202000, A64F_SIMD, a64_trans_v_ssubl)   \
	X("usubl", 0xbf20fc00, 0x2e202000, A64F_SIMD, a64_trans_v_usubl)   \
	X("ssubw", 0xbf20fc00, 0x0e203000, A64F_SIMD, a64_trans_v_ssubw)   \
	X("usubw", 0xbf20fc00, 0x2e203000, A64F_SIMD, a64_trans_v_usubw)   \
	X("addhn", 0xbf20fc00, 0x0e204000, A64F_SIMD, a64_trans_v_addhn)   \
	X("raddhn", 0xbf20fc00, 0x2e204000, A64F_SIMD, a64_trans_v_raddhn) \
	X("sabal", 0xbf20fc00, 0x0e205000, A64F_SIMD, a64_trans_v_sabal)   \
	X("uabal", 0xbf20fc00, 0x2e205000, A64F_SIMD, a64_trans_v_uabal)   \
	X("subhn", 0xbf20fc00, 0x0e206000, A64F_SIMD, a64_trans_v_subhn)   \
	X("rsubhn", 0xbf20fc00, 0x2e206000, A64F_SIMD, a64_trans_v_rsubhn) \
	X("sabdl", 0xbf20fc00, 0x0e207000, A64F_SIMD, a64_trans_v_sabdl)   \
	X("uabdl", 0xbf20fc00, 0x2e207000, A64F_SIMD, a64_trans_v_uabdl)   \
	X("smlal", 0xbf20fc00, 0x0e208000, A64F_SIMD, a64_trans_v_smlal)   \
	X("umlal", 0xbf20fc00, 0x2e208000, A64F_SIMD, a64_trans_v_umlal)   \
	X("sqdmlal", 0xbf20fc00, 0x0e209000, A64F_SIMD, a64_trans_v_sqdmlal)\
	X("smlsl", 0xbf20fc00, 0x0e20a000, A64F_SIMD, a64_trans_v_smlsl)   \
	X("umlsl", 0xbf20fc00, 0x2e20a000, A64F_SIMD, a64_trans_v_umlsl)   \
	X("sqdmlsl", 0xbf20fc00, 0x0e20b000, A64F_SIMD, a64_trans_v_sqdmlsl)\
	X("smull", 0xbf20fc00, 0x0e20c000, A64F_SIMD, a64_trans_v_smull)   \
	X("umull", 0xbf20fc00, 0x2e20c000, A64F_SIMD, a64_trans_v_umull)   \
	X("sqdmull", 0xbf20fc00, 0x0e20d000, A64F_SIMD, a64_trans_v_sqdmull)\
	X("pmull", 0xbf20fc00, 0x0e20e000, A64F_SIMD, a64_trans_v_pmull)   \
	X("sqdmlal", 0xff20fc00, 0x5e209000, A64F_SIMD, a64_trans_v_sqdmlal)\
	X("sqdmlsl", 0xff20fc00, 0x5e20b000, A64F_SIMD, a64_trans_v_sqdmlsl)\
	X("sqdmull", 0xff20fc00, 0x5e20d000, A64F_SIMD, a64_trans_v_sqdmull)\
	X("sshr", 0xbf80fc00, 0x0f000400, A64F_SIMD, a64_trans_v_sshr)     \
	X("ushr", 0xbf80fc00, 0x2f000400, A64F_SIMD, a64_trans_v_ushr)     \
	X("ssra", 0xbf80fc00, 0x0f001400, A64F_SIMD, a64_trans_v_ssra)     \
	X("usra", 0xbf80fc00, 0x2f001400, A64F_SIMD, a64_trans_v_usra)     \
	X("srshr", 0xbf80fc00, 0x0f002400, A64F_SIMD, a64_trans_v_srshr)   \
	X("urshr", 0xbf80fc00, 0x2f002400, A64F_SIMD, a64_trans_v_urshr)   \
	X("srsra", 0xbf80fc00, 0x0f003400, A64F_SIMD, a64_trans_v_srsra)   \
	X("ursra", 0xbf80fc00, 0x2f003400, A64F_SIMD, a64_trans_v_ursra)   \
	X("sri", 0xbf80fc00, 0x2f004400, A64F_SIMD, a64_trans_v_sri)       \
	X("shl", 0xbf80fc00, 0x0f005400, A64F_SIMD, a64_trans_v_shl)       \
	X("sli", 0xbf80fc00, 0x2f005400, A64F_SIMD, a64_trans_v_sli)       \
	X("sqshlu", 0xbf80fc00, 0x2f006400, A64F_SIMD, a64_trans_v_sqshlu) \
	X("sqshl", 0xbf80fc00, 0x0f007400, A64F_SIMD, a64_trans_v_sqshli)  \
	X("uqshl", 0xbf80fc00, 0x2f007400, A64F_SIMD, a64_trans_v_uqshli)  \
	X("shrn", 0xbf80fc00, 0x0f008400, A64F_SIMD, a64_trans_v_shrn)     \
	X("sqshrun", 0xbf80fc00, 0x2f008400, A64F_SIMD, a64_trans_v_sqshrun)\
	X("rshrn", 0xbf80fc00, 0x0f008c00, A64F_SIMD, a64_trans_v_rshrn)   \
	X("sqrshrun", 0xbf80fc00, 0x2f008c00, A64F_SIMD, a64_trans_v_sqrshrun)\
	X("sqshrn", 0xbf80fc00, 0x0f009400, A64F_SIMD, a64_trans_v_sqshrn) \
	X("uqshrn", 0xbf80fc00, 0x2f009400, A64F_SIMD, a64_trans_v_uqshrn) \
	X("sqrshrn", 0xbf80fc00, 0x0f009c00, A64F_SIMD, a64_trans_v_sqrshrn)\
	X("uqrshrn", 0xbf80fc00, 0x2f009c00, A64F_SIMD, a64_trans_v_uqrshrn)\
	X("sshll", 0xbf80fc00, 0x0f00a400, A64F_SIMD, a64_trans_v_sshll)   \
	X("ushll", 0xbf80fc00, 0x2f00a400, A64F_SIMD, a64_trans_v_ushll)   \
	X("scvtf", 0xbf80fc00, 0x0f00e400, A64F_SIMD, a64_trans_v_scvtf_fix)\
	X("ucvtf", 0xbf80fc00, 0x2f00e400, A64F_SIMD, a64_trans_v_ucvtf_fix)\
	X("fcvtzs", 0xbf80fc00, 0x0f00fc00, A64F_SIMD, a64_trans_v_fcvtzs_fix)\
	X("fcvtzu", 0xbf80fc00, 0x2f00fc00, A64F_SIMD, a64_trans_v_fcvtzu_fix)\
	X("sshr", 0xff80fc00, 0x5f000400, A64F_SIMD, a64_trans_v_sshr)     \
	X("ushr", 0xff80fc00, 0x7f000400, A64F_SIMD, a64_trans_v_ushr)     \
	X("ssra", 0xff80fc00, 0x5f001400, A64F_SIMD, a64_trans_v_ssra)     \
	X("usra", 0xff80fc00, 0x7f001400, A64F_SIMD, a64_trans_v_usra)     \
	X("srshr", 0xff80fc00, 0x5f002400, A64F_SIMD, a64_trans_v_srshr)   \
	X("urshr", 0xff80fc00, 0x7f002400, A64F_SIMD, a64_trans_v_urshr)   \
	X("srsra", 0xff80fc00, 0x5f003400, A64F_SIMD, a64_trans_v_srsra)   \
	X("ursra", 0xff80fc00, 0x7f003400, A64F_SIMD, a64_trans_v_ursra)   \
	X("sri", 0xff80fc00, 0x7f004400, A64F_SIMD, a64_trans_v_sri)       \
	X("shl", 0xff80fc00, 0x5f005400, A64F_SIMD, a64_trans_v_shl)       \
	X("sli", 0xff80fc00, 0x7f005400, A64F_SIMD, a64_trans_v_sli)       \
	X("sqshlu", 0xff80fc00, 0x7f006400, A64F_SIMD, a64_trans_v_sqshlu) \
	X("sqshl", 0xff80fc00, 0x5f007400, A64F_SIMD, a64_trans_v_sqshli)  \
	X("uqshl", 0xff80fc00, 0x7f007400, A64F_SIMD, a64_trans_v_uqshli)  \
	X("sqshrun", 0xff80fc00, 0x7f008400, A64F_SIMD, a64_trans_v_sqshrun)\
	X("sqrshrun", 0xff80fc00, 0x7f008c00, A64F_SIMD, a64_trans_v_sqrshrun)\
	X("sqshrn", 0xff80fc00, 0x5f009400, A64F_SIMD, a64_trans_v_sqshrn) \
	X("uqshrn", 0xff80fc00, 0x7f009400, A64F_SIMD, a64_trans_v_uqshrn) \
	X("sqrshrn", 0xff80fc00, 0x5f009c00, A64F_SIMD, a64_trans_v_sqrshrn)\
	X("uqrshrn", 0xff80fc00, 0x7f009c00, A64F_SIMD, a64_trans_v_uqrshrn)\
	X("scvtf", 0xff80fc00, 0x5f00e400, A64F_SIMD, a64_trans_v_scvtf_fix)\
	X("ucvtf", 0xff80fc00, 0x7f00e400, A64F_SIMD, a64_trans_v_ucvtf_fix)\
	X("fcvtzs", 0xff80fc00, 0x5f00fc00, A64F_SIMD, a64_trans_v_fcvtzs_fix)\
	X("fcvtzu", 0xff80fc00, 0x7f00fc00, A64F_SIMD, a64_trans_v_fcvtzu_fix)\
	X("fmla", 0xbf80f400, 0x0f801000, A64F_SIMD, a64_trans_v_fmla_e)   \
	X("fmls", 0xbf80f400, 0x0f805000, A64F_SIMD, a64_trans_v_fmls_e)   \
	X("fmul", 0xbf80f400, 0x0f809000, A64F_SIMD, a64_trans_v_fmul_e)   \
	X("fmulx", 0xbf80f400, 0x2f809000, A64F_SIMD, a64_trans_v_fmulx_e) \
	X("mla", 0xbf00f400, 0x2f000000, A64F_SIMD, a64_trans_v_mla_e)     \
	X("mls", 0xbf00f400, 0x2f004000, A64F_SIMD, a64_trans_v_mls_e)     \
	X("mul", 0xbf00f400, 0x0f008000, A64F_SIMD, a64_trans_v_mul_e)     \
	X("smlal", 0xbf00f400, 0x0f002000, A64F_SIMD, a64_trans_v_smlal_e) \
	X("umlal", 0xbf00f400, 0x2f002000, A64F_SIMD, a64_trans_v_umlal_e) \
	X("sqdmlal", 0xbf00f400, 0x0f003000, A64F_SIMD, a64_trans_v_sqdmlal_e)\
	X("smlsl", 0xbf00f400, 0x0f006000, A64F_SIMD, a64_trans_v_smlsl_e) \
	X("umlsl", 0xbf00f400, 0x2f006000, A64F_SIMD, a64_trans_v_umlsl_e) \
	X("sqdmlsl", 0xbf00f400, 0x0f007000, A64F_SIMD, a64_trans_v_sqdmlsl_e)\
	X("smull", 0xbf00f400, 0x0f00a000, A64F_SIMD, a64_trans_v_smull_e) \
	X("umull", 0xbf00f400, 0x2f00a000, A64F_SIMD, a64_trans_v_umull_e) \
	X("sqdmull", 0xbf00f400, 0x0f00b000, A64F_SIMD, a64_trans_v_sqdmull_e)\
	X("sqdmulh", 0xbf00f400, 0x0f00c000, A64F_SIMD, a64_trans_v_sqdmulh_e)\
	X("sqrdmulh", 0xbf00f400, 0x0f00d000, A64F_SIMD, a64_trans_v_sqrdmulh_e)\
	X("fmla", 0xff80f400, 0x5f801000, A64F_SIMD, a64_trans_v_fmla_e)   \
	X("fmls", 0xff80f400, 0x5f805000, A64F_SIMD, a64_trans_v_fmls_e)   \
	X("fmul", 0xff80f400, 0x5f809000, A64F_SIMD, a64_trans_v_fmul_e)   \
	X("fmulx", 0xff80f400, 0x7f809000, A64F_SIMD, a64_trans_v_fmulx_e) \
	X("sqdmlal", 0xff00f400, 0x5f003000, A64F_SIMD, a64_trans_v_sqdmlal_e)\
	X("sqdmlsl", 0xff00f400, 0x5f007000, A64F_SIMD, a64_trans_v_sqdmlsl_e)\
	X("sqdmull", 0xff00f400, 0x5f00b000, A64F_SIMD, a64_trans_v_sqdmull_e)\
	X("sqdmulh", 0xff00f400, 0x5f00c000, A64F_SIMD, a64_trans_v_sqdmulh_e)\
	X("sqrdmulh", 0xff00f400, 0x5f00d000, A64F_SIMD, a64_trans_v_sqrdmulh_e)\
	X("uzp1", 0xbf20fc00, 0x0e001800, A64F_SIMD, a64_trans_v_uzp1)     \
	X("trn1", 0xbf20fc00, 0x0e002800, A64F_SIMD, a64_trans_v_trn1)     \
	X("zip1", 0xbf20fc00, 0x0e003800, A64F_SIMD, a64_trans_v_zip1)     \
	X("uzp2", 0xbf20fc00, 0x0e005800, A64F_SIMD, a64_trans_v_uzp2)     \
	X("trn2", 0xbf20fc00, 0x0e006800, A64F_SIMD, a64_trans_v_trn2)     \
	X("zip2", 0xbf20fc00, 0x0e007800, A64F_SIMD, a64_trans_v_zip2)     \
	X("ext", 0xbfe08400, 0x2e000000, A64F_SIMD, a64_trans_v_ext)       \
	X("tbl", 0xbfe09c00, 0x0e000000, A64F_SIMD, a64_trans_v_tbl)       \
	X("tbx", 0xbfe09c00, 0x0e001000, A64F_SIMD, a64_trans_v_tbx)       \
	X("ld/st", 0xbfbf0000, 0x0c000000, A64F_SIMD, a64_trans_v_ldst_struct)\
	X("ld/st", 0xbfa00000, 0x0c800000, A64F_SIMD, a64_trans_v_ldst_struct)\
	X("ld/st", 0xbf9f0000, 0x0d000000, A64F_SIMD, a64_trans_v_ldst_struct)\
	X("ld/st", 0xbf800000, 0x0d800000, A64F_SIMD, a64_trans_v_ldst_struct)\
	X("aese", 0xfffffc00, 0x4e284800, A64F_SIMD, a64_trans_v_aese)     \
	X("aesd", 0xfffffc00, 0x4e285800, A64F_SIMD, a64_trans_v_aesd)     \
	X("aesmc", 0xfffffc00, 0x4e286800, A64F_SIMD, a64_trans_v_aesmc)   \
	X("aesimc", 0xfffffc00, 0x4e287800, A64F_SIMD, a64_trans_v_aesimc) \
	X("sha1c", 0xffe0fc00, 0x5e000000, A64F_SIMD, a64_trans_v_sha1c)   \
	X("sha1p", 0xffe0fc00, 0x5e001000, A64F_SIMD, a64_trans_v_sha1p)   \
	X("sha1m", 0xffe0fc00, 0x5e002000, A64F_SIMD, a64_trans_v_sha1m)   \
	X("sha1su0", 0xffe0fc00, 0x5e003000, A64F_SIMD, a64_trans_v_sha1su0)\
	X("sha256h", 0xffe0fc00, 0x5e004000, A64F_SIMD, a64_trans_v_sha256h)\
	X("sha256h2", 0xffe0fc00, 0x5e005000, A64F_SIMD, a64_trans_v_sha256h2)\
	X("sha256su1", 0xffe0fc00, 0x5e006000, A64F_SIMD, a64_trans_v_sha256su1)\
	X("sha1h", 0xfffffc00, 0x5e280800, A64F_SIMD, a64_trans_v_sha1h)   \
	X("sha1su1", 0xfffffc00, 0x5e281800, A64F_SIMD, a64_trans_v_sha1su1)\
	X("sha256su0", 0xfffffc00, 0x5e282800, A64F_SIMD, a64_trans_v_sha256su0)\
	X("crc32", 0x7fe0e000, 0x1ac04000, A64F_SIMD, a64_trans_crc32)

#endif
