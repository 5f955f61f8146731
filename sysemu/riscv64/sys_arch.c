/*
 * riscv64_sys_arch: the riscv64 frontend's translation with the system mode's hooks
 * (frontends/riscv64/rv_sys.h). The CSR helper runs the CSR file (csr.c); the helper of
 * mret, sret, wfi and sfence.vma checks that the instruction may execute now and records
 * it for the loop (hart.c), which completes it once the block has exited. Either raises
 * illegal instruction, with the instruction bits as tval, through the fault path (the
 * executors store the instruction's pc in insn_pc before calling an IRH_MEM helper).
 * FP instructions find mstatus.FS where the hooks say RvHart keeps mstatus, and while
 * it is Off leave with CPU_EXIT_ILLEGAL, which the loop turns into the same trap.
 *
 * The engine's cpu_size covers RiscvCpu only: that is all the state translated code
 * reads and writes directly (co-simulation copies and compares it); the rest of RvHart
 * changes through helpers, and blocks calling them are not co-simulated.
 */
#include <stddef.h>

#include "frontends/riscv64/fp_helpers.h"
#include "frontends/riscv64/rv_sys.h"
#include "sysemu/riscv64/hart_int.h"

static uint64_t rv_sys_csr_helper(void *cpu, uint64_t insn, uint64_t src, uint64_t a2, uint64_t a3)
{
	RvHart *h = cpu;
	uint64_t value;
	if (!rv_csr_insn(h, (uint32_t)insn, src, &value))
		rv_hart_raise(h, RV_EXC_ILLEGAL, (uint32_t)insn);
	return value;
}

static uint64_t rv_sys_priv_helper(void *cpu, uint64_t insn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	static const struct {
		uint32_t mask, match;
		RvSysOp op;
	} ops[] = {
	    {0xffffffff, 0x30200073, RV_SYS_MRET},
	    {0xffffffff, 0x10200073, RV_SYS_SRET},
	    {0xffffffff, 0x10500073, RV_SYS_WFI},
	    {0xfe007fff, 0x12000073, RV_SYS_SFENCE},
	};
	RvHart *h = cpu;
	RvSysOp op = RV_SYS_NONE;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (((uint32_t)insn & ops[i].mask) == ops[i].match)
			op = ops[i].op;
	if (!rv_hart_sys_allowed(h, op))
		rv_hart_raise(h, RV_EXC_ILLEGAL, (uint32_t)insn);
	h->sys_op = op;
	/* sfence.vma with rs1 = x0 covers every address */
	h->sfence_all = (insn >> 15 & 31) == 0;
	h->sfence_addr = a1;
	return 0;
}

static const IrHelper rv_sys_csr_irh = {"rv_csr", rv_sys_csr_helper, IRH_MEM | IRH_NONDET};
static const IrHelper rv_sys_priv_irh = {"rv_priv", rv_sys_priv_helper, IRH_MEM};

_Static_assert(RV_SYS_MSTATUS_FS == RV_MS_FS, "the frontend tests mstatus.FS");

static const RvSysHooks rv_sys_hooks = {
    .csr = &rv_sys_csr_irh,
    .priv_insn = &rv_sys_priv_irh,
    .csr_write_exits = rv_csr_write_exits,
    .mstatus_off = offsetof(RvHart, mstatus),
};

static void rv_sys_translate(IrBlock *b, const GuestFetch *fetch, uint64_t pc)
{
	rv_translate_block_sys(b, fetch, pc, &rv_sys_hooks);
}

const GuestArch riscv64_sys_arch = {
    .name = "riscv64",
    .cpu_size = sizeof(RiscvCpu),
    .max_block_insns = 64,
    .translate = rv_sys_translate,
    .disas = rv_arch_disas,
    .enter = rv_fp_enter,
    .sync_state = rv_fp_sync_state,
};
