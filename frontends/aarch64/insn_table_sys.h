/*
 * The aarch64 exception-generating and system table (op0 = 101x, bits 31:22 =
 * 1101010100 for system instructions, 11010100 for exceptions). One line per pattern,
 * X(mnemonic, mask, match, format, translator). Hints (nop, yield, bti, paciasp, ...)
 * execute as nop, as on a CPU without the features they belong to. The privileged
 * exception calls (hvc, smc), eret and PSTATE fields EL0 cannot write have no line or
 * a translator that refuses them: SIGILL, as Linux gives.
 */
#ifndef FERRY_A64_INSN_TABLE_SYS_H
#define FERRY_A64_INSN_TABLE_SYS_H

#define A64_INSN_TABLE_SYS(X)                                                                      \
	/* exception generation: 11010100 opc imm16 op2 LL */                                      \
	X("svc", 0xffe0001f, 0xd4000001, A64F_EXC, a64_trans_svc)                                  \
	X("brk", 0xffe0001f, 0xd4200000, A64F_EXC, a64_trans_brk)                                  \
	X("hlt", 0xffe0001f, 0xd4400000, A64F_EXC, a64_trans_udf)                                  \
	/* permanently undefined: 0000000000000000 imm16 */                                        \
	X("udf", 0xffff0000, 0x00000000, A64F_EXC, a64_trans_udf)                                  \
	/* hints: 11010101 00000011 0010 CRm op2 11111 */                                          \
	X("nop", 0xffffffff, 0xd503201f, A64F_NONE, a64_trans_nop)                                 \
	X("hint", 0xfffff01f, 0xd503201f, A64F_BARRIER, a64_trans_nop)                             \
	/* barriers: 11010101 00000011 0011 CRm op2 11111 */                                       \
	X("clrex", 0xfffff0ff, 0xd503305f, A64F_BARRIER, a64_trans_clrex)                          \
	X("dsb", 0xfffff0ff, 0xd503309f, A64F_BARRIER, a64_trans_dmb)                              \
	X("dmb", 0xfffff0ff, 0xd50330bf, A64F_BARRIER, a64_trans_dmb)                              \
	X("isb", 0xfffff0ff, 0xd50330df, A64F_BARRIER, a64_trans_isb)                              \
	/* PSTATE: 1101010100 0 00 op1 0100 CRm op2 11111 */                                       \
	X("msr", 0xfff8f01f, 0xd500401f, A64F_MSR_IMM, a64_trans_msr_imm)                          \
	/* system instructions: 1101010100 0 01 op1 CRn CRm op2 Rt (dc, ic) */                     \
	X("sys", 0xfff80000, 0xd5080000, A64F_SYS, a64_trans_sys)                                  \
	/* system register moves: 1101010100 L 1 o0 op1 CRn CRm op2 Rt */                          \
	X("msr", 0xfff00000, 0xd5100000, A64F_MSR_REG, a64_trans_msr_reg)                          \
	X("mrs", 0xfff00000, 0xd5300000, A64F_MRS, a64_trans_mrs)

#endif
