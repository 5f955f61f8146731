/*
 * A hart's registers as text, for the monitor's `info registers`: the pc and privilege,
 * the 31 integer registers by ABI name, and the privileged CSRs a person debugging a
 * boot looks at first (status, trap and address-translation state). The caller pauses
 * the hart, so the values are one consistent state.
 */
#include <inttypes.h>

#include "sysemu/riscv64/hart_int.h"

static const char *const rv_abi_names[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

static const char rv_priv_names[4] = {'U', 'S', '?', 'M'};

void rv_hart_format_registers(RvHart *h, GString *out)
{
	g_string_append_printf(out, "hart %u  pc %016" PRIx64 "  priv %c%s\n", h->hartid,
	                       h->cpu.common.pc, rv_priv_names[h->priv & 3], h->wfi ? "  (wfi)" : "");
	for (unsigned i = 1; i < 32; i++)
		g_string_append_printf(out, "%-4s %016" PRIx64 "%s", rv_abi_names[i], h->cpu.x[i],
		                       i % 4 == 3 ? "\n" : "  ");
	const struct {
		const char *name;
		uint64_t value;
	} csrs[] = {
	    {"mstatus", h->mstatus}, {"mie", h->mie},         {"mip", h->mip_sw | h->mip_hw},
	    {"medeleg", h->medeleg}, {"mideleg", h->mideleg}, {"mtvec", h->mtvec},
	    {"mepc", h->mepc},       {"mcause", h->mcause},   {"mtval", h->mtval},
	    {"stvec", h->stvec},     {"sepc", h->sepc},       {"scause", h->scause},
	    {"stval", h->stval},     {"satp", h->satp},       {"stimecmp", h->stimecmp},
	};
	for (size_t i = 0; i < sizeof csrs / sizeof csrs[0]; i++)
		g_string_append_printf(out, "%-8s %016" PRIx64 "%s", csrs[i].name, csrs[i].value,
		                       i % 3 == 2 ? "\n" : "  ");
}
