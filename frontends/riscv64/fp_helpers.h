/*
 * C helpers for the riscv64 F and D extensions, called from translated code. They
 * compute with host floating point under the instruction's rounding mode and apply the
 * RISC-V rules where x86 differs (canonical NaN results, NaN-boxing, fmin/fmax, the
 * saturating float-to-integer conversions), OR-ing the accrued exception flags into
 * RiscvCpu.fflags. One X-macro list names every helper; translators pick an entry of
 * rv_fp_helpers[] by its RV_FPH_* index.
 *
 * Argument conventions (unused trailing arguments are 0):
 *   rounding ops   (rm, a, b, c)  rm = 0..4 already validated by the translator
 *   fmin/fmax (a, b);   fclass (a)
 * Float operands and results are raw f-register patterns (singles NaN-boxed).
 */
#ifndef FERRY_RV_FP_HELPERS_H
#define FERRY_RV_FP_HELPERS_H

#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/ir.h"

/* RISC-V rounding modes (the rm field and frm). */
enum { RV_RM_RNE = 0, RV_RM_RTZ = 1, RV_RM_RDN = 2, RV_RM_RUP = 3, RV_RM_RMM = 4, RV_RM_DYN = 7 };

#define RV_FP_CANON_S UINT64_C(0x7fc00000)
#define RV_FP_CANON_D UINT64_C(0x7ff8000000000000)
#define RV_FP_BOX     UINT64_C(0xffffffff00000000)

#define RV_FP_HELPER_LIST(X)                                                                       \
	X(fadd_s)                                                                                  \
	X(fsub_s)                                                                                  \
	X(fmul_s)                                                                                  \
	X(fdiv_s)                                                                                  \
	X(fsqrt_s)                                                                                 \
	X(fmadd_s)                                                                                 \
	X(fmsub_s)                                                                                 \
	X(fnmsub_s)                                                                                \
	X(fnmadd_s)                                                                                \
	X(fadd_d)                                                                                  \
	X(fsub_d)                                                                                  \
	X(fmul_d)                                                                                  \
	X(fdiv_d)                                                                                  \
	X(fsqrt_d)                                                                                 \
	X(fmadd_d)                                                                                 \
	X(fmsub_d)                                                                                 \
	X(fnmsub_d)                                                                                \
	X(fnmadd_d)                                                                                \
	X(fmin_s)                                                                                  \
	X(fmax_s)                                                                                  \
	X(fmin_d)                                                                                  \
	X(fmax_d)                                                                                  \
	X(fclass_s)                                                                                \
	X(fclass_d)                                                                                \
	X(fcvt_w_s)                                                                                \
	X(fcvt_wu_s)                                                                               \
	X(fcvt_l_s)                                                                                \
	X(fcvt_lu_s)                                                                               \
	X(fcvt_w_d)                                                                                \
	X(fcvt_wu_d)                                                                               \
	X(fcvt_l_d)                                                                                \
	X(fcvt_lu_d)                                                                               \
	X(fcvt_s_w)                                                                                \
	X(fcvt_s_wu)                                                                               \
	X(fcvt_s_l)                                                                                \
	X(fcvt_s_lu)                                                                               \
	X(fcvt_d_w)                                                                                \
	X(fcvt_d_wu)                                                                               \
	X(fcvt_d_l)                                                                                \
	X(fcvt_d_lu)                                                                               \
	X(fcvt_s_d)                                                                                \
	X(fcvt_d_s)

typedef enum RvFpHelperId {
#define RV_FPH_ENUM(name) RV_FPH_##name,
	RV_FP_HELPER_LIST(RV_FPH_ENUM)
#undef RV_FPH_ENUM
	    RV_FPH_COUNT
} RvFpHelperId;

extern const IrHelper rv_fp_helpers[RV_FPH_COUNT];

/* For the fflags/fcsr CSR translators: the exception flags inline FP code left in MXCSR
 * as fflags bits (to OR into RiscvCpu.fflags on a read), and, given the fflags value
 * just written, clearing MXCSR's flags unless all of them are in that value. */
extern const IrHelper rv_fp_host_flags_helper;
extern const IrHelper rv_fp_host_limit_helper;
/* The GuestArch enter and sync_state hooks (guest_arch.h): enter discards host FP flags
 * raised outside guest code, sync_state folds the guest's into RiscvCpu.fflags. */
void rv_fp_enter(CpuCommon *cpu);
void rv_fp_sync_state(CpuCommon *cpu);

#endif
