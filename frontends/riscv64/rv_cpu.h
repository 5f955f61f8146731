/*
 * The riscv64 guest CPU state (user mode: RV64GC). CpuCommon comes first so the engine
 * and the Linux personality can hold it as a CpuCommon *. Translated code reaches the
 * fields through RV_OFF_* byte offsets with IR GET/PUT. Floating-point registers hold
 * raw 64-bit patterns; single-precision values are NaN-boxed (upper 32 bits all ones).
 */
#ifndef FERRY_RV_CPU_H
#define FERRY_RV_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/guest_arch.h"

typedef struct RiscvCpu {
	CpuCommon common;
	uint64_t x[32];     /* x[0] is always 0: translators never write it */
	uint64_t f[32];
	uint32_t fflags;    /* accrued exceptions: NV DZ OF UF NX (bits 4..0) */
	uint32_t frm;       /* dynamic rounding mode (0..4 valid) */
	uint64_t res_addr;  /* LR reservation address; RV_NO_RESERVATION when none */
	uint64_t res_value; /* the value LR read, for SC's compare-and-swap */
	uint32_t res_size;  /* 4 or 8 */
} RiscvCpu;

#define RV_NO_RESERVATION UINT64_MAX
#define RV_OFF_X(n) ((uint32_t)(offsetof(RiscvCpu, x) + 8u * (n)))
#define RV_OFF_F(n) ((uint32_t)(offsetof(RiscvCpu, f) + 8u * (n)))
#define RV_OFF_FFLAGS ((uint32_t)offsetof(RiscvCpu, fflags))
#define RV_OFF_FRM ((uint32_t)offsetof(RiscvCpu, frm))

/* fflags bits */
enum { RV_FF_NX = 1, RV_FF_UF = 2, RV_FF_OF = 4, RV_FF_DZ = 8, RV_FF_NV = 16 };

extern const GuestArch riscv64_arch;

#endif
