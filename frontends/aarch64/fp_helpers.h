/*
 * The scalar floating-point helpers (fp_helpers.c) the translators call, and the hooks
 * that keep FPSR whole while inline FP code leaves its exception flags in MXCSR (see
 * a64_fp.h): translate_sys.c folds them before mrs/msr FPSR, and the GuestArch
 * enter/sync_state hooks discard host flags raised outside guest code and fold the
 * guest's whenever guest execution stops.
 */
#ifndef FERRY_A64_FP_HELPERS_H
#define FERRY_A64_FP_HELPERS_H

#include "common/cpu_common.h"
#include "frontends/aarch64/a64_fp.h"
#include "jit/ir.h"

extern const IrHelper a64_fph_dp1_helper;    /* (insn) */
extern const IrHelper a64_fph_dp2_helper;    /* (insn) */
extern const IrHelper a64_fph_dp3_helper;    /* (insn) */
extern const IrHelper a64_fph_cmp_helper;    /* (insn, cond) -> NZCV << 28 */
extern const IrHelper a64_fph_cvt_helper;    /* (insn, x value) -> integer result */
extern const IrHelper a64_fph_nanfix_helper; /* (insn, a bits, b bits) */
extern const IrHelper a64_fp_fold_helper;

void a64_fp_enter(CpuCommon *cpu);
void a64_fp_sync_state(CpuCommon *cpu);

#endif
