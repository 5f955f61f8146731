/*
 * Translators for exception generation, hints, barriers and the system instructions
 * and registers EL0 may use under Linux. Register access goes through one table keyed
 * by op0:op1:CRn:CRm:op2: TPIDR_EL0 (read/write), TPIDRRO_EL0 (reads 0), NZCV, FPCR and
 * FPSR (the writable bits only), CTR_EL0, DCZID_EL0, CNTFRQ_EL0 and CNTVCT_EL0 (see
 * a64_features.h). Linux traps and emulates mrs of the ID space (op0 = 3, op1 = 0,
 * CRn = 0, CRm = 0 or 2..7) when it advertises HWCAP_CPUID: MIDR, MPIDR and REVIDR in
 * CRm = 0, the sanitised ID_AA64* values elsewhere and zero for registers it does not
 * track; that is reproduced here. Anything else, including writes EL0 may not do,
 * is SIGILL.
 *
 * dc zva zeroes its 64-byte block with IR stores; dc cvau/cvac/civac are no-ops (the
 * host's caches are coherent). ic ivau marks translations stale; the isb that must
 * follow it before the new code runs then leaves with CPU_EXIT_SYNC_CODE, so a loop of
 * ic ivau over a range costs one flush. dmb and dsb map onto IR fences by the kinds of
 * access they order; isb ends the block.
 */
#include <time.h>

#include "frontends/aarch64/a64_features.h"
#include "frontends/aarch64/translate.h"
#include "frontends/aarch64/fp_helpers.h"

#define A64_SYSREG(op0, op1, crn, crm, op2)                                                        \
	((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))
#define A64_FPCR_MASK 0x07c80000u /* AHP DN FZ RMode FZ16 */
#define A64_FPSR_MASK 0x0800009fu /* QC IDC IXC UFC OFC DZC IOC */

A64_TRANS(svc)
{
	a64_clear_exclusive(ctx);
	a64_end_after(ctx, CPU_EXIT_SYSCALL);
	return true;
}

A64_TRANS(brk)
{
	a64_raise(ctx, CPU_EXIT_BREAKPOINT);
	return true;
}

/* udf and hlt (halting debug is not enabled for EL0): undefined. */
A64_TRANS(udf)
{
	return false;
}

A64_TRANS(nop)
{
	return true;
}

/* dmb/dsb option CRm: bits 1:0 say which accesses are ordered (01 loads, 10 stores,
 * 11 all; 00 is a speculation barrier, ordering nothing architecturally visible). */
A64_TRANS(dmb)
{
	static const uint8_t kinds[4] = {0, IR_FENCE_LD_LD | IR_FENCE_LD_ST, IR_FENCE_ST_ST,
	                                 IR_FENCE_ALL};
	unsigned k = kinds[in->imm & 3];
	if (k)
		ir_fence(ctx->b, k);
	return true;
}

A64_TRANS(isb)
{
	IrBlock *b = ctx->b;
	IrTemp stale = ir_get(b, IR_I64, A64_OFF_IC_PENDING);
	uint32_t flush = ir_new_label(b);
	ir_br(b, stale, flush);
	ir_goto_block(b, ctx->pc + 4, 0);
	ir_label(b, flush);
	ir_put(b, IR_I64, A64_OFF_IC_PENDING, a64_const(ctx, 0));
	a64_end_after(ctx, CPU_EXIT_SYNC_CODE);
	return true;
}

/* msr (immediate): the PSTATE fields EL0 could write (DIT, SSBS, TCO, ...) belong to
 * features not implemented, and DAIF is not user-accessible under Linux. */
A64_TRANS(msr_imm)
{
	return false;
}

/* sys: op1:CRn:CRm:op2 */
enum {
	A64_DC_ZVA = 3 << 11 | 7 << 7 | 4 << 3 | 1,
	A64_IC_IVAU = 3 << 11 | 7 << 7 | 5 << 3 | 1,
	A64_DC_CVAC = 3 << 11 | 7 << 7 | 10 << 3 | 1,
	A64_DC_CVAU = 3 << 11 | 7 << 7 | 11 << 3 | 1,
	A64_DC_CIVAC = 3 << 11 | 7 << 7 | 14 << 3 | 1,
};

A64_TRANS(sys)
{
	IrBlock *b = ctx->b;
	switch (in->imm) {
	case A64_DC_ZVA: {
		IrTemp base =
		    ir_op2i(b, IR_AND, IR_I64, a64_x(ctx, in->rd), ~(uint64_t)(A64_DCZ_BYTES - 1));
		IrTemp zero = a64_const(ctx, 0);
		for (unsigned off = 0; off < A64_DCZ_BYTES; off += 8)
			ir_store(b, IR_I64, MO_64, base, off, zero);
		return true;
	}
	case A64_IC_IVAU: ir_put(b, IR_I64, A64_OFF_IC_PENDING, a64_const(ctx, 1)); return true;
	case A64_DC_CVAC:
	case A64_DC_CVAU:
	case A64_DC_CIVAC: return true;
	default: return false;
	}
}

static uint64_t a64_cntvct_fn(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static const IrHelper a64_cntvct_helper = {"cntvct", a64_cntvct_fn, IRH_NONDET};

static IrTemp rd_tpidr(A64Ctx *ctx)
{
	return ir_get(ctx->b, IR_I64, A64_OFF_TPIDR);
}
static void wr_tpidr(A64Ctx *ctx, IrTemp v)
{
	ir_put(ctx->b, IR_I64, A64_OFF_TPIDR, v);
}
static IrTemp rd_nzcv(A64Ctx *ctx)
{
	return a64_flags_nzcv(ctx);
}
static void wr_nzcv(A64Ctx *ctx, IrTemp v)
{
	a64_flags_set_nzcv(ctx, ir_op2i(ctx->b, IR_AND, IR_I64, v, 0xf0000000u));
}
static IrTemp rd_fpcr(A64Ctx *ctx)
{
	return a64_zext32(ctx, ir_get(ctx->b, IR_I32, A64_OFF_FPCR));
}
static void wr_fpcr(A64Ctx *ctx, IrTemp v)
{
	ctx->fp_std = false; /* translate_fp.c tests FPCR again */
	ir_put(ctx->b, IR_I32, A64_OFF_FPCR,
	       ir_op2i(ctx->b, IR_AND, IR_I32, a64_lo32(ctx, v), A64_FPCR_MASK));
}
/* FPSR's cumulative flags partly live in MXCSR until folded (fp_helpers.h). */
static IrTemp rd_fpsr(A64Ctx *ctx)
{
	ir_call(ctx->b, &a64_fp_fold_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
	return a64_zext32(ctx, ir_get(ctx->b, IR_I32, A64_OFF_FPSR));
}
static void wr_fpsr(A64Ctx *ctx, IrTemp v)
{
	ir_call(ctx->b, &a64_fp_fold_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
	ir_put(ctx->b, IR_I32, A64_OFF_FPSR,
	       ir_op2i(ctx->b, IR_AND, IR_I32, a64_lo32(ctx, v), A64_FPSR_MASK));
}
static IrTemp rd_cntvct(A64Ctx *ctx)
{
	return ir_call(ctx->b, &a64_cntvct_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
}

typedef struct A64SysReg {
	uint16_t enc;
	uint64_t value; /* read value when read is NULL */
	IrTemp (*read)(A64Ctx *ctx);
	void (*write)(A64Ctx *ctx, IrTemp v); /* NULL: read-only */
} A64SysReg;

static const A64SysReg a64_sysregs[] = {
    {A64_SYSREG(3, 3, 13, 0, 2), 0, rd_tpidr, wr_tpidr},       /* TPIDR_EL0 */
    {A64_SYSREG(3, 3, 13, 0, 3), 0, NULL, NULL},               /* TPIDRRO_EL0 */
    {A64_SYSREG(3, 3, 4, 2, 0), 0, rd_nzcv, wr_nzcv},          /* NZCV */
    {A64_SYSREG(3, 3, 4, 4, 0), 0, rd_fpcr, wr_fpcr},          /* FPCR */
    {A64_SYSREG(3, 3, 4, 4, 1), 0, rd_fpsr, wr_fpsr},          /* FPSR */
    {A64_SYSREG(3, 3, 0, 0, 1), A64_CTR, NULL, NULL},          /* CTR_EL0 */
    {A64_SYSREG(3, 3, 0, 0, 7), A64_DCZID, NULL, NULL},        /* DCZID_EL0 */
    {A64_SYSREG(3, 3, 14, 0, 0), A64_CNTFRQ, NULL, NULL},      /* CNTFRQ_EL0 */
    {A64_SYSREG(3, 3, 14, 0, 2), 0, rd_cntvct, NULL},          /* CNTVCT_EL0 */
    {A64_SYSREG(3, 0, 0, 0, 0), A64_MIDR, NULL, NULL},         /* MIDR_EL1 */
    {A64_SYSREG(3, 0, 0, 0, 5), A64_MPIDR, NULL, NULL},        /* MPIDR_EL1 */
    {A64_SYSREG(3, 0, 0, 0, 6), 0, NULL, NULL},                /* REVIDR_EL1 */
    {A64_SYSREG(3, 0, 0, 4, 0), A64_ID_AA64PFR0, NULL, NULL},  /* ID_AA64PFR0_EL1 */
    {A64_SYSREG(3, 0, 0, 6, 0), A64_ID_AA64ISAR0, NULL, NULL}, /* ID_AA64ISAR0_EL1 */
    {A64_SYSREG(3, 0, 0, 6, 1), A64_ID_AA64ISAR1, NULL, NULL}, /* ID_AA64ISAR1_EL1 */
};

static const A64SysReg *a64_sysreg(uint32_t enc)
{
	for (size_t i = 0; i < sizeof a64_sysregs / sizeof a64_sysregs[0]; i++)
		if (a64_sysregs[i].enc == enc)
			return &a64_sysregs[i];
	return NULL;
}

/* The emulated ID space other than the listed registers: CRm 2..7 reads as zero. */
static bool a64_id_space_zero(uint32_t enc)
{
	unsigned crm = enc >> 3 & 15;
	return (enc & ~(uint32_t)0x7f) == A64_SYSREG(3, 0, 0, 0, 0) && crm >= 2 && crm <= 7;
}

A64_TRANS(mrs)
{
	const A64SysReg *r = a64_sysreg((uint32_t)in->imm);
	IrTemp v;
	if (r)
		v = r->read ? r->read(ctx) : a64_const(ctx, r->value);
	else if (a64_id_space_zero((uint32_t)in->imm))
		v = a64_const(ctx, 0);
	else
		return false;
	a64_set_x(ctx, in->rd, v, true);
	return true;
}

A64_TRANS(msr_reg)
{
	const A64SysReg *r = a64_sysreg((uint32_t)in->imm);
	if (!r || !r->write)
		return false;
	r->write(ctx, a64_x(ctx, in->rd));
	return true;
}
