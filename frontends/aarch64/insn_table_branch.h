/*
 * The aarch64 branch table: unconditional branches (immediate and register), the
 * conditional branch, compare-and-branch and test-and-branch (part of op0 = 101x). One
 * line per pattern, X(mnemonic, mask, match, format, translator). The register branches
 * require op2 = 11111, op3 = 000000 and op4 = 00000 (no pointer authentication).
 */
#ifndef FERRY_A64_INSN_TABLE_BRANCH_H
#define FERRY_A64_INSN_TABLE_BRANCH_H

#define A64_INSN_TABLE_BRANCH(X)                                                                   \
	/* unconditional branch (immediate): op 00101 imm26 */                                     \
	X("b", 0xfc000000, 0x14000000, A64F_B26, a64_trans_b)                                      \
	X("bl", 0xfc000000, 0x94000000, A64F_B26, a64_trans_bl)                                    \
	/* conditional branch: 0101010 0 imm19 0 cond */                                           \
	X("b.", 0xff000010, 0x54000000, A64F_BCOND, a64_trans_bcond)                               \
	/* compare and branch: sf 011010 op imm19 Rt */                                            \
	X("cbz", 0x7f000000, 0x34000000, A64F_CB, a64_trans_cbz)                                   \
	X("cbnz", 0x7f000000, 0x35000000, A64F_CB, a64_trans_cbnz)                                 \
	/* test and branch: b5 011011 op b40 imm14 Rt */                                           \
	X("tbz", 0x7f000000, 0x36000000, A64F_TB, a64_trans_tbz)                                   \
	X("tbnz", 0x7f000000, 0x37000000, A64F_TB, a64_trans_tbnz)                                 \
	/* unconditional branch (register): 1101011 opc 11111 000000 Rn 00000 */                   \
	X("br", 0xfffffc1f, 0xd61f0000, A64F_BR, a64_trans_br)                                     \
	X("blr", 0xfffffc1f, 0xd63f0000, A64F_BR, a64_trans_blr)                                   \
	X("ret", 0xfffffc1f, 0xd65f0000, A64F_BR, a64_trans_ret)

#endif
