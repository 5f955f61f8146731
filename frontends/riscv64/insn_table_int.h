/*
 * The riscv64 integer instruction table: RV64I, M, A, Zicsr, Zifencei, and the
 * privileged instructions the system mode translates. One line per
 * instruction pattern, X(mnemonic, mask, match, format, translator); the mnemonic is
 * printed with '_' turned into '.'. decode.c builds the decoder, the disassembler and the
 * translator prototypes from these lines. Where patterns overlap (fence.tso inside fence)
 * the more specific one comes first. AMO and LR/SC masks leave the aq/rl bits (26:25)
 * free; LR requires rs2 = 0.
 */
#ifndef FERRY_RV_INSN_TABLE_INT_H
#define FERRY_RV_INSN_TABLE_INT_H

#define RV_INSN_TABLE_INT(X)                                                      \
	/* RV64I: upper immediates and jumps */                                       \
	X(lui, 0x0000007f, 0x00000037, RVF_U, trans_lui)                              \
	X(auipc, 0x0000007f, 0x00000017, RVF_U, trans_auipc)                          \
	X(jal, 0x0000007f, 0x0000006f, RVF_J, trans_jal)                              \
	X(jalr, 0x0000707f, 0x00000067, RVF_I_LOAD, trans_jalr)                       \
	/* branches: opcode 1100011, funct3 selects the condition */                  \
	X(beq, 0x0000707f, 0x00000063, RVF_B, trans_beq)                              \
	X(bne, 0x0000707f, 0x00001063, RVF_B, trans_bne)                              \
	X(blt, 0x0000707f, 0x00004063, RVF_B, trans_blt)                              \
	X(bge, 0x0000707f, 0x00005063, RVF_B, trans_bge)                              \
	X(bltu, 0x0000707f, 0x00006063, RVF_B, trans_bltu)                            \
	X(bgeu, 0x0000707f, 0x00007063, RVF_B, trans_bgeu)                            \
	/* loads: opcode 0000011 */                                                   \
	X(lb, 0x0000707f, 0x00000003, RVF_I_LOAD, trans_lb)                           \
	X(lh, 0x0000707f, 0x00001003, RVF_I_LOAD, trans_lh)                           \
	X(lw, 0x0000707f, 0x00002003, RVF_I_LOAD, trans_lw)                           \
	X(ld, 0x0000707f, 0x00003003, RVF_I_LOAD, trans_ld)                           \
	X(lbu, 0x0000707f, 0x00004003, RVF_I_LOAD, trans_lbu)                         \
	X(lhu, 0x0000707f, 0x00005003, RVF_I_LOAD, trans_lhu)                         \
	X(lwu, 0x0000707f, 0x00006003, RVF_I_LOAD, trans_lwu)                         \
	/* stores: opcode 0100011 */                                                  \
	X(sb, 0x0000707f, 0x00000023, RVF_S, trans_sb)                                \
	X(sh, 0x0000707f, 0x00001023, RVF_S, trans_sh)                                \
	X(sw, 0x0000707f, 0x00002023, RVF_S, trans_sw)                                \
	X(sd, 0x0000707f, 0x00003023, RVF_S, trans_sd)                                \
	/* register-immediate: opcode 0010011; RV64 shifts have a 6-bit shamt */     \
	X(addi, 0x0000707f, 0x00000013, RVF_I, trans_addi)                            \
	X(slti, 0x0000707f, 0x00002013, RVF_I, trans_slti)                            \
	X(sltiu, 0x0000707f, 0x00003013, RVF_I, trans_sltiu)                          \
	X(xori, 0x0000707f, 0x00004013, RVF_I, trans_xori)                            \
	X(ori, 0x0000707f, 0x00006013, RVF_I, trans_ori)                              \
	X(andi, 0x0000707f, 0x00007013, RVF_I, trans_andi)                            \
	X(slli, 0xfc00707f, 0x00001013, RVF_I_SHIFT, trans_slli)                      \
	X(srli, 0xfc00707f, 0x00005013, RVF_I_SHIFT, trans_srli)                      \
	X(srai, 0xfc00707f, 0x40005013, RVF_I_SHIFT, trans_srai)                      \
	/* register-register: opcode 0110011 */                                       \
	X(add, 0xfe00707f, 0x00000033, RVF_R, trans_add)                              \
	X(sub, 0xfe00707f, 0x40000033, RVF_R, trans_sub)                              \
	X(sll, 0xfe00707f, 0x00001033, RVF_R, trans_sll)                              \
	X(slt, 0xfe00707f, 0x00002033, RVF_R, trans_slt)                              \
	X(sltu, 0xfe00707f, 0x00003033, RVF_R, trans_sltu)                            \
	X(xor, 0xfe00707f, 0x00004033, RVF_R, trans_xor)                              \
	X(srl, 0xfe00707f, 0x00005033, RVF_R, trans_srl)                              \
	X(sra, 0xfe00707f, 0x40005033, RVF_R, trans_sra)                              \
	X(or, 0xfe00707f, 0x00006033, RVF_R, trans_or)                                \
	X(and, 0xfe00707f, 0x00007033, RVF_R, trans_and)                              \
	/* 32-bit forms: opcodes 0011011 (immediate) and 0111011 (register) */        \
	X(addiw, 0x0000707f, 0x0000001b, RVF_I, trans_addiw)                          \
	X(slliw, 0xfe00707f, 0x0000101b, RVF_I_SHIFT, trans_slliw)                    \
	X(srliw, 0xfe00707f, 0x0000501b, RVF_I_SHIFT, trans_srliw)                    \
	X(sraiw, 0xfe00707f, 0x4000501b, RVF_I_SHIFT, trans_sraiw)                    \
	X(addw, 0xfe00707f, 0x0000003b, RVF_R, trans_addw)                            \
	X(subw, 0xfe00707f, 0x4000003b, RVF_R, trans_subw)                            \
	X(sllw, 0xfe00707f, 0x0000103b, RVF_R, trans_sllw)                            \
	X(srlw, 0xfe00707f, 0x0000503b, RVF_R, trans_srlw)                            \
	X(sraw, 0xfe00707f, 0x4000503b, RVF_R, trans_sraw)                            \
	/* M: funct7 0000001 */                                                       \
	X(mul, 0xfe00707f, 0x02000033, RVF_R, trans_mul)                              \
	X(mulh, 0xfe00707f, 0x02001033, RVF_R, trans_mulh)                            \
	X(mulhsu, 0xfe00707f, 0x02002033, RVF_R, trans_mulhsu)                        \
	X(mulhu, 0xfe00707f, 0x02003033, RVF_R, trans_mulhu)                          \
	X(div, 0xfe00707f, 0x02004033, RVF_R, trans_div)                              \
	X(divu, 0xfe00707f, 0x02005033, RVF_R, trans_divu)                            \
	X(rem, 0xfe00707f, 0x02006033, RVF_R, trans_rem)                              \
	X(remu, 0xfe00707f, 0x02007033, RVF_R, trans_remu)                            \
	X(mulw, 0xfe00707f, 0x0200003b, RVF_R, trans_mulw)                            \
	X(divw, 0xfe00707f, 0x0200403b, RVF_R, trans_divw)                            \
	X(divuw, 0xfe00707f, 0x0200503b, RVF_R, trans_divuw)                          \
	X(remw, 0xfe00707f, 0x0200603b, RVF_R, trans_remw)                            \
	X(remuw, 0xfe00707f, 0x0200703b, RVF_R, trans_remuw)                          \
	/* A: opcode 0101111, funct3 010 (.w) / 011 (.d), funct5 in bits 31:27 */     \
	X(lr_w, 0xf9f0707f, 0x1000202f, RVF_LR, trans_lr_w)                           \
	X(sc_w, 0xf800707f, 0x1800202f, RVF_AMO, trans_sc_w)                          \
	X(amoswap_w, 0xf800707f, 0x0800202f, RVF_AMO, trans_amoswap_w)                \
	X(amoadd_w, 0xf800707f, 0x0000202f, RVF_AMO, trans_amoadd_w)                  \
	X(amoxor_w, 0xf800707f, 0x2000202f, RVF_AMO, trans_amoxor_w)                  \
	X(amoand_w, 0xf800707f, 0x6000202f, RVF_AMO, trans_amoand_w)                  \
	X(amoor_w, 0xf800707f, 0x4000202f, RVF_AMO, trans_amoor_w)                    \
	X(amomin_w, 0xf800707f, 0x8000202f, RVF_AMO, trans_amomin_w)                  \
	X(amomax_w, 0xf800707f, 0xa000202f, RVF_AMO, trans_amomax_w)                  \
	X(amominu_w, 0xf800707f, 0xc000202f, RVF_AMO, trans_amominu_w)                \
	X(amomaxu_w, 0xf800707f, 0xe000202f, RVF_AMO, trans_amomaxu_w)                \
	X(lr_d, 0xf9f0707f, 0x1000302f, RVF_LR, trans_lr_d)                           \
	X(sc_d, 0xf800707f, 0x1800302f, RVF_AMO, trans_sc_d)                          \
	X(amoswap_d, 0xf800707f, 0x0800302f, RVF_AMO, trans_amoswap_d)                \
	X(amoadd_d, 0xf800707f, 0x0000302f, RVF_AMO, trans_amoadd_d)                  \
	X(amoxor_d, 0xf800707f, 0x2000302f, RVF_AMO, trans_amoxor_d)                  \
	X(amoand_d, 0xf800707f, 0x6000302f, RVF_AMO, trans_amoand_d)                  \
	X(amoor_d, 0xf800707f, 0x4000302f, RVF_AMO, trans_amoor_d)                    \
	X(amomin_d, 0xf800707f, 0x8000302f, RVF_AMO, trans_amomin_d)                  \
	X(amomax_d, 0xf800707f, 0xa000302f, RVF_AMO, trans_amomax_d)                  \
	X(amominu_d, 0xf800707f, 0xc000302f, RVF_AMO, trans_amominu_d)                \
	X(amomaxu_d, 0xf800707f, 0xe000302f, RVF_AMO, trans_amomaxu_d)                \
	/* fences: opcode 0001111; fence.tso is fm=1000 pred=rw succ=rw */            \
	X(fence_tso, 0xfff0707f, 0x8330000f, RVF_NONE, trans_fence_tso)               \
	X(fence, 0x0000707f, 0x0000000f, RVF_FENCE, trans_fence)                      \
	X(fence_i, 0x0000707f, 0x0000100f, RVF_NONE, trans_fence_i)                   \
	/* system: opcode 1110011 */                                                  \
	X(ecall, 0xffffffff, 0x00000073, RVF_NONE, trans_ecall)                       \
	X(ebreak, 0xffffffff, 0x00100073, RVF_NONE, trans_ebreak)                     \
	/* privileged: system mode only (reserved in user mode) */                    \
	X(sret, 0xffffffff, 0x10200073, RVF_NONE, trans_sret)                         \
	X(mret, 0xffffffff, 0x30200073, RVF_NONE, trans_mret)                         \
	X(wfi, 0xffffffff, 0x10500073, RVF_NONE, trans_wfi)                           \
	X(sfence_vma, 0xfe007fff, 0x12000073, RVF_NONE, trans_sfence_vma)             \
	X(csrrw, 0x0000707f, 0x00001073, RVF_CSR, trans_csrrw)                        \
	X(csrrs, 0x0000707f, 0x00002073, RVF_CSR, trans_csrrs)                        \
	X(csrrc, 0x0000707f, 0x00003073, RVF_CSR, trans_csrrc)                        \
	X(csrrwi, 0x0000707f, 0x00005073, RVF_CSRI, trans_csrrwi)                     \
	X(csrrsi, 0x0000707f, 0x00006073, RVF_CSRI, trans_csrrsi)                     \
	X(csrrci, 0x0000707f, 0x00007073, RVF_CSRI, trans_csrrci)

#endif
