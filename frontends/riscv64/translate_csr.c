/*
 * Translators for Zicsr in user mode. The CSRs a Linux program may touch are in one
 * table: the floating-point status fflags, frm and fcsr (kept as two RiscvCpu fields,
 * fcsr = frm << 5 | fflags, writes keeping only the valid bits) and the read-only
 * counters cycle, time and instret, read through a helper from the host's monotonic
 * clock (time ticks at 10 MHz, the timebase Linux reports on the qemu virt machine;
 * cycle and instret count nanoseconds). Any other CSR, or a write to a read-only one,
 * is an illegal instruction. As the spec says, csrrw with rd = x0 does not read the
 * CSR and csrrs/csrrc with rs1 = x0 (or a zero immediate) do not write it. In system
 * mode only fflags, frm and fcsr stay here; every other CSR goes to the machine's
 * helper (translate_sys.c).
 *
 * Inline FP code leaves accrued exception flags in the host's MXCSR (translate_fp.c):
 * the architectural fflags is RiscvCpu.fflags | those flags. A read of fflags or fcsr
 * ORs them in through rv_fp_host_flags_helper; a write stores the new value and calls
 * rv_fp_host_limit_helper, which clears the host flags unless they are all part of it.
 * Neither helper touches the CPU struct. A write to frm or fcsr ends what the
 * translator knows about frm on this path.
 */
#include <time.h>

#include "frontends/riscv64/fp_helpers.h"
#include "frontends/riscv64/translate.h"

static uint64_t rv_host_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t rv_read_time(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return rv_host_ns() / 100;
}

static uint64_t rv_read_cycle(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return rv_host_ns();
}

static const IrHelper rv_helper_time = {"rdtime", rv_read_time, 0};
static const IrHelper rv_helper_cycle = {"rdcycle", rv_read_cycle, 0};

static IrTemp rv_get32(RvCtx *ctx, uint32_t off)
{
	return ir_extu(ctx->b, IR_I64, ir_get(ctx->b, IR_I32, off), 32);
}

/* Stores the low `bits` bits of v into a 32-bit CPU field. */
static void rv_put_bits(RvCtx *ctx, uint32_t off, IrTemp v, unsigned bits)
{
	ir_put(ctx->b, IR_I32, off, ir_extu(ctx->b, IR_I32, v, bits));
}

static IrTemp csr_read_fflags(RvCtx *ctx)
{
	IrTemp host = ir_call(ctx->b, &rv_fp_host_flags_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
	return ir_op2(ctx->b, IR_OR, IR_I64, rv_get32(ctx, RV_OFF_FFLAGS), host);
}
static IrTemp csr_read_frm(RvCtx *ctx) { return rv_get32(ctx, RV_OFF_FRM); }
static IrTemp csr_read_fcsr(RvCtx *ctx)
{
	IrTemp frm = ir_op2i(ctx->b, IR_SHL, IR_I64, rv_get32(ctx, RV_OFF_FRM), 5);
	return ir_op2(ctx->b, IR_OR, IR_I64, frm, csr_read_fflags(ctx));
}
static IrTemp csr_read_time(RvCtx *ctx)
{
	return ir_call(ctx->b, &rv_helper_time, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
}
static IrTemp csr_read_cycle(RvCtx *ctx)
{
	return ir_call(ctx->b, &rv_helper_cycle, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
}

static void csr_write_fflags(RvCtx *ctx, IrTemp v)
{
	IrTemp flags = ir_extu(ctx->b, IR_I64, v, 5);
	ir_put(ctx->b, IR_I32, RV_OFF_FFLAGS, ir_extu(ctx->b, IR_I32, flags, 32));
	ir_call(ctx->b, &rv_fp_host_limit_helper, flags, IR_NONE, IR_NONE, IR_NONE);
}
static void csr_write_frm(RvCtx *ctx, IrTemp v)
{
	rv_put_bits(ctx, RV_OFF_FRM, v, 3);
	ctx->frm_rne = false;
}
static void csr_write_fcsr(RvCtx *ctx, IrTemp v)
{
	csr_write_fflags(ctx, v);
	rv_put_bits(ctx, RV_OFF_FRM, ir_op2i(ctx->b, IR_SHR, IR_I64, v, 5), 3);
	ctx->frm_rne = false;
}

typedef struct RvCsr {
	uint16_t num;
	IrTemp (*read)(RvCtx *ctx);
	void (*write)(RvCtx *ctx, IrTemp v); /* NULL: read-only */
} RvCsr;

static const RvCsr rv_csrs[] = {
	{0x001, csr_read_fflags, csr_write_fflags},
	{0x002, csr_read_frm, csr_write_frm},
	{0x003, csr_read_fcsr, csr_write_fcsr},
	{0xc00, csr_read_cycle, NULL},
	{0xc01, csr_read_time, NULL},
	{0xc02, csr_read_cycle, NULL},
};

typedef enum RvCsrOp { RV_CSR_WRITE, RV_CSR_SET, RV_CSR_CLEAR } RvCsrOp;

/* src_zero: the source is x0 or a zero immediate (set/clear then do not write). The
 * source is read before rd is written, since rd may equal rs1. */
static bool gen_csr(RvCtx *ctx, const RvInsn *in, RvCsrOp op, bool imm_form)
{
	const RvCsr *csr = NULL;
	for (size_t i = 0; i < sizeof rv_csrs / sizeof rv_csrs[0]; i++)
		if (rv_csrs[i].num == in->csr)
			csr = &rv_csrs[i];
	if (ctx->sys && (!csr || csr->num > 0x003)) /* all but fflags, frm, fcsr */
		return rv_sys_csr(ctx, in, imm_form);
	bool src_zero = imm_form ? in->imm == 0 : in->rs1 == 0;
	bool writes = op == RV_CSR_WRITE || !src_zero;
	if (!csr || (writes && !csr->write))
		return false;
	IrBlock *b = ctx->b;
	IrTemp src = imm_form ? ir_const(b, IR_I64, (uint64_t)in->imm) : rv_gpr(ctx, in->rs1);
	IrTemp old = op != RV_CSR_WRITE || in->rd != 0 ? csr->read(ctx) : IR_NONE;
	if (writes) {
		IrTemp nv = src;
		if (op == RV_CSR_SET)
			nv = ir_op2(b, IR_OR, IR_I64, old, src);
		else if (op == RV_CSR_CLEAR)
			nv = ir_op2(b, IR_AND, IR_I64, old, ir_op1(b, IR_NOT, IR_I64, src));
		csr->write(ctx, nv);
	}
	if (old != IR_NONE)
		rv_set_gpr(ctx, in->rd, old);
	return true;
}

bool trans_csrrw(RvCtx *ctx, const RvInsn *in) { return gen_csr(ctx, in, RV_CSR_WRITE, false); }
bool trans_csrrs(RvCtx *ctx, const RvInsn *in) { return gen_csr(ctx, in, RV_CSR_SET, false); }
bool trans_csrrc(RvCtx *ctx, const RvInsn *in) { return gen_csr(ctx, in, RV_CSR_CLEAR, false); }
bool trans_csrrwi(RvCtx *ctx, const RvInsn *in) { return gen_csr(ctx, in, RV_CSR_WRITE, true); }
bool trans_csrrsi(RvCtx *ctx, const RvInsn *in) { return gen_csr(ctx, in, RV_CSR_SET, true); }
bool trans_csrrci(RvCtx *ctx, const RvInsn *in) { return gen_csr(ctx, in, RV_CSR_CLEAR, true); }
