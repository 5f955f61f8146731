/*
 * The riscv64 F/D floating-point instruction table, in the same X(mnemonic, mask, match,
 * format, translator) line format as insn_table_int.h. This empty version only lets the
 * integer frontend build on its own; the floating-point table replaces it.
 */
#ifndef FERRY_RV_INSN_TABLE_FP_H
#define FERRY_RV_INSN_TABLE_FP_H

#define RV_INSN_TABLE_FP(X)

#endif
