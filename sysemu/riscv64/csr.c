/*
 * The privileged CSR file of a riscv64 hart: one table line per CSR (or run of CSRs)
 * with an optional access check beyond the privilege and read-only bits that the CSR
 * number itself encodes (bits 9:8 the lowest privilege, bits 11:10 = 3 read-only), a
 * read and a write function. Writes are WARL: each write function keeps only the legal
 * values. Any CSR not in the table, an access from too low a privilege, or a write to
 * a read-only CSR is an illegal instruction.
 *
 * Choices where the spec leaves room:
 * - mstatus.FS is Off or Dirty: a write of Initial or Clean reads back Dirty (SD set),
 *   and so FP instructions, which may only make FS Dirty, never need to change it.
 *   While FS is Off they are illegal: the translated code tests FS (rv_sys.h).
 * - misa is fixed (RV64 IMAFDC, S, U); writes are ignored.
 * - cycle/mcycle and instret/minstret count guest clock ticks (10 MHz), like time;
 *   mcountinhibit stops them. The hpm counters and events read 0 and ignore writes.
 * - satp: Bare, Sv39, Sv48 and a 16-bit ASID; a write of another mode does nothing.
 * - PMP registers are stored (WARL, 4-byte granularity, 54 address bits, lock bits
 *   honoured for later writes) but not enforced; no debug triggers (tdata1 reads 0).
 * - fflags, frm and fcsr are translated inline (frontends/riscv64/translate_csr.c),
 *   behind the same FS test, and never reach this table.
 */
#include <pthread.h>
#include <stddef.h>

#include "sysemu/riscv64/hart_int.h"

#define RV_MISA                                                                                    \
	(UINT64_C(2) << 62 | 1u << 0 | 1u << 2 | 1u << 3 | 1u << 5 | 1u << 8 | 1u << 12 |          \
	 1u << 18 | 1u << 20)
#define RV_MSTATUS_WMASK                                                                           \
	(RV_MS_SIE | RV_MS_MIE | RV_MS_SPIE | RV_MS_MPIE | RV_MS_SPP | RV_MS_MPP | RV_MS_FS |      \
	 RV_MS_MPRV | RV_MS_SUM | RV_MS_MXR | RV_MS_TVM | RV_MS_TW | RV_MS_TSR)
#define RV_SSTATUS_WMASK (RV_MS_SIE | RV_MS_SPIE | RV_MS_SPP | RV_MS_FS | RV_MS_SUM | RV_MS_MXR)
#define RV_SSTATUS_RMASK (RV_SSTATUS_WMASK | RV_MS_UXL | RV_MS_SD)
/* exceptions M-mode may delegate: 0-9, 12, 13, 15 (not 11, ecall from M) */
#define RV_MEDELEG_MASK UINT64_C(0xb3ff)
#define RV_PMPADDR_MASK ((UINT64_C(1) << 54) - 1)
#define RV_COUNTEREN_TM 2u

typedef struct RvCsrDef {
	uint16_t lo, hi; /* CSR numbers [lo, hi] */
	bool (*allowed)(RvHart *h, unsigned csr, bool writes);
	uint64_t (*read)(RvHart *h, unsigned csr);
	void (*write)(RvHart *h, unsigned csr, uint64_t v); /* NULL: writes are illegal */
	/* the value csrrs/csrrc modify, when it differs from what a read returns */
	uint64_t (*rmw_read)(RvHart *h, unsigned csr);
} RvCsrDef;

/* Counters and the Sstc timer */

uint64_t rv_counter_read(const RvHart *h, const RvCounter *c, unsigned inhibit_bit)
{
	if (h->mcountinhibit >> inhibit_bit & 1)
		return c->frozen;
	return clock_ticks() + c->offset;
}

static void rv_counter_write(RvHart *h, RvCounter *c, unsigned inhibit_bit, uint64_t v)
{
	if (h->mcountinhibit >> inhibit_bit & 1)
		c->frozen = v;
	else
		c->offset = v - clock_ticks();
}

static bool rv_stce(const RvHart *h)
{
	return h->sstc && (h->menvcfg & RV_ENVCFG_STCE);
}

uint64_t rv_hart_mip(RvHart *h)
{
	uint64_t mip = h->mip_sw | __atomic_load_n(&h->mip_hw, __ATOMIC_ACQUIRE);
	if (rv_stce(h)) {
		mip &= ~RV_MIP(RV_IRQ_STIP);
		if (clock_ticks() >= h->stimecmp)
			mip |= RV_MIP(RV_IRQ_STIP);
	}
	return mip;
}

void rv_hart_update_stimer(RvHart *h)
{
	if (!h->stimer)
		return;
	if (rv_stce(h))
		timer_mod(h->stimer, h->stimecmp);
	else
		timer_del(h->stimer);
}

/* Access checks */

static bool rv_counter_allowed(RvHart *h, unsigned csr, bool writes)
{
	unsigned bit = csr & 31;
	if (h->priv == RV_PRIV_M)
		return true;
	if (!(h->mcounteren >> bit & 1))
		return false;
	return h->priv == RV_PRIV_S || (h->scounteren >> bit & 1);
}

static bool rv_stimecmp_allowed(RvHart *h, unsigned csr, bool writes)
{
	if (!h->sstc)
		return false;
	return h->priv == RV_PRIV_M || (rv_stce(h) && (h->mcounteren & RV_COUNTEREN_TM));
}

static bool rv_satp_allowed(RvHart *h, unsigned csr, bool writes)
{
	return !(h->priv == RV_PRIV_S && (h->mstatus & RV_MS_TVM));
}

/* RV64 has the even pmpcfg registers only */
static bool rv_pmpcfg_allowed(RvHart *h, unsigned csr, bool writes)
{
	return !(csr & 1);
}

/* mstatus and sstatus */

static uint64_t rv_mstatus_read(RvHart *h, unsigned csr)
{
	return h->mstatus;
}

static void rv_mstatus_write(RvHart *h, unsigned csr, uint64_t v)
{
	uint64_t old = h->mstatus;
	uint64_t nv = (old & ~RV_MSTATUS_WMASK) | (v & RV_MSTATUS_WMASK);
	if ((nv & RV_MS_MPP) == UINT64_C(2) << RV_MS_MPP_SHIFT)
		nv = (nv & ~RV_MS_MPP) | (old & RV_MS_MPP);
	if (nv & RV_MS_FS)
		nv |= RV_MS_FS | RV_MS_SD;
	else
		nv &= ~RV_MS_SD;
	nv |= RV_MS_XL64;
	if ((nv ^ old) & (RV_MS_MPRV | RV_MS_MPP | RV_MS_SUM | RV_MS_MXR))
		rv_mmu_flush(h);
	h->mstatus = nv;
}

static uint64_t rv_sstatus_read(RvHart *h, unsigned csr)
{
	return h->mstatus & RV_SSTATUS_RMASK;
}

static void rv_sstatus_write(RvHart *h, unsigned csr, uint64_t v)
{
	rv_mstatus_write(h, csr, (h->mstatus & ~RV_SSTATUS_WMASK) | (v & RV_SSTATUS_WMASK));
}

/* Interrupt enables and pending bits */

static uint64_t rv_mie_read(RvHart *h, unsigned csr)
{
	return h->mie;
}
static void rv_mie_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->mie = v & RV_MIP_ALL;
}
static uint64_t rv_sie_read(RvHart *h, unsigned csr)
{
	return h->mie & h->mideleg;
}
static void rv_sie_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->mie = (h->mie & ~h->mideleg) | (v & h->mideleg);
}

static uint64_t rv_mip_read(RvHart *h, unsigned csr)
{
	return rv_hart_mip(h);
}

/* csrrs/csrrc on mip see the software-written SEIP, not the external line. */
static uint64_t rv_mip_rmw_read(RvHart *h, unsigned csr)
{
	return rv_hart_mip(h) & ~(RV_MIP(RV_IRQ_SEIP) & ~h->mip_sw);
}

static uint64_t rv_mip_writable(const RvHart *h)
{
	uint64_t w = RV_MIP_S_BITS;
	if (rv_stce(h))
		w &= ~RV_MIP(RV_IRQ_STIP);
	return w;
}

static void rv_mip_write(RvHart *h, unsigned csr, uint64_t v)
{
	uint64_t w = rv_mip_writable(h);
	h->mip_sw = (h->mip_sw & ~w) | (v & w);
}

static uint64_t rv_sip_read(RvHart *h, unsigned csr)
{
	return rv_hart_mip(h) & h->mideleg;
}
static uint64_t rv_sip_rmw_read(RvHart *h, unsigned csr)
{
	return rv_mip_rmw_read(h, csr) & h->mideleg;
}
static void rv_sip_write(RvHart *h, unsigned csr, uint64_t v)
{
	uint64_t w = RV_MIP(RV_IRQ_SSIP) & h->mideleg;
	h->mip_sw = (h->mip_sw & ~w) | (v & w);
}

static uint64_t rv_mideleg_read(RvHart *h, unsigned csr)
{
	return h->mideleg;
}
static void rv_mideleg_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->mideleg = v & RV_MIP_S_BITS;
}
static uint64_t rv_medeleg_read(RvHart *h, unsigned csr)
{
	return h->medeleg;
}
static void rv_medeleg_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->medeleg = v & RV_MEDELEG_MASK;
}

/* Plain registers: a field of RvHart per CSR number, with a WARL mask. */
typedef struct RvPlainCsr {
	uint16_t csr;
	size_t off;
	uint64_t mask;
} RvPlainCsr;

#define RV_PLAIN(num, field, mask)                                                                 \
	{                                                                                          \
		num, offsetof(RvHart, field), mask                                                 \
	}
static const RvPlainCsr rv_plain_csrs[] = {
    RV_PLAIN(0x105, stvec, ~UINT64_C(2)),    RV_PLAIN(0x140, sscratch, ~UINT64_C(0)),
    RV_PLAIN(0x141, sepc, ~UINT64_C(1)),     RV_PLAIN(0x142, scause, ~UINT64_C(0)),
    RV_PLAIN(0x143, stval, ~UINT64_C(0)),    RV_PLAIN(0x305, mtvec, ~UINT64_C(2)),
    RV_PLAIN(0x340, mscratch, ~UINT64_C(0)), RV_PLAIN(0x341, mepc, ~UINT64_C(1)),
    RV_PLAIN(0x342, mcause, ~UINT64_C(0)),   RV_PLAIN(0x343, mtval, ~UINT64_C(0)),
    RV_PLAIN(0x10a, senvcfg, UINT64_C(1)),   RV_PLAIN(0x7a0, tselect, ~UINT64_C(0)),
};

static const RvPlainCsr *rv_plain(unsigned csr)
{
	for (size_t i = 0; i < sizeof rv_plain_csrs / sizeof rv_plain_csrs[0]; i++)
		if (rv_plain_csrs[i].csr == csr)
			return &rv_plain_csrs[i];
	return NULL;
}

static uint64_t rv_plain_read(RvHart *h, unsigned csr)
{
	return *(uint64_t *)((char *)h + rv_plain(csr)->off);
}

static void rv_plain_write(RvHart *h, unsigned csr, uint64_t v)
{
	const RvPlainCsr *p = rv_plain(csr);
	*(uint64_t *)((char *)h + p->off) = v & p->mask;
}

/* Counter enables, environment configuration, Sstc, satp */

static uint64_t rv_mcounteren_read(RvHart *h, unsigned csr)
{
	return h->mcounteren;
}
static void rv_mcounteren_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->mcounteren = (uint32_t)v;
}
static uint64_t rv_scounteren_read(RvHart *h, unsigned csr)
{
	return h->scounteren;
}
static void rv_scounteren_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->scounteren = (uint32_t)v;
}

static uint64_t rv_menvcfg_read(RvHart *h, unsigned csr)
{
	return h->menvcfg;
}
static void rv_menvcfg_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->menvcfg = v & (UINT64_C(1) | (h->sstc ? RV_ENVCFG_STCE : 0));
	rv_hart_update_stimer(h);
}

static uint64_t rv_stimecmp_read(RvHart *h, unsigned csr)
{
	return h->stimecmp;
}
static void rv_stimecmp_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->stimecmp = v;
	rv_hart_update_stimer(h);
}

static uint64_t rv_satp_read(RvHart *h, unsigned csr)
{
	return h->satp;
}
static void rv_satp_write(RvHart *h, unsigned csr, uint64_t v)
{
	unsigned mode = (unsigned)(v >> RV_SATP_MODE_SHIFT);
	if (mode != RV_SATP_BARE && mode != RV_SATP_SV39 && mode != RV_SATP_SV48)
		return;
	h->satp = v;
	rv_mmu_flush(h);
	h->forget_jumps = true;
}

/* Counters */

static uint64_t rv_cycle_read(RvHart *h, unsigned csr)
{
	return rv_counter_read(h, &h->mcycle, 0);
}
static uint64_t rv_instret_read(RvHart *h, unsigned csr)
{
	return rv_counter_read(h, &h->minstret, 2);
}
static uint64_t rv_time_read(RvHart *h, unsigned csr)
{
	return clock_ticks();
}
static void rv_mcycle_write(RvHart *h, unsigned csr, uint64_t v)
{
	rv_counter_write(h, &h->mcycle, 0, v);
}
static void rv_minstret_write(RvHart *h, unsigned csr, uint64_t v)
{
	rv_counter_write(h, &h->minstret, 2, v);
}

static uint64_t rv_mcountinhibit_read(RvHart *h, unsigned csr)
{
	return h->mcountinhibit;
}

/* Stopping a counter freezes its value; starting it again continues from there. */
static void rv_mcountinhibit_write(RvHart *h, unsigned csr, uint64_t v)
{
	uint64_t cy = rv_cycle_read(h, 0), ir = rv_instret_read(h, 0);
	h->mcountinhibit = (uint32_t)v & ~2u;
	h->mcycle.frozen = cy;
	h->mcycle.offset = cy - clock_ticks();
	h->minstret.frozen = ir;
	h->minstret.offset = ir - clock_ticks();
}

/* Constants and ignored writes */

static uint64_t rv_zero_read(RvHart *h, unsigned csr)
{
	return 0;
}
static void rv_ignore_write(RvHart *h, unsigned csr, uint64_t v)
{
}
static uint64_t rv_misa_read(RvHart *h, unsigned csr)
{
	return RV_MISA;
}
static uint64_t rv_mhartid_read(RvHart *h, unsigned csr)
{
	return h->hartid;
}

/* PMP: stored, not enforced. A locked entry ignores writes to its configuration and
 * address, and so does the address below a locked TOR entry. */
#define RV_PMP_L      0x80u
#define RV_PMP_A_TOR  0x08u
#define RV_PMP_A_MASK 0x18u

static unsigned rv_pmp_cfg(const RvHart *h, unsigned i)
{
	return (unsigned)(h->pmpcfg[i / 8] >> (i % 8 * 8)) & 0xff;
}

static uint64_t rv_pmpcfg_read(RvHart *h, unsigned csr)
{
	return h->pmpcfg[(csr - 0x3a0) / 2];
}

static void rv_pmpcfg_write(RvHart *h, unsigned csr, uint64_t v)
{
	unsigned reg = (csr - 0x3a0) / 2;
	uint64_t nv = 0;
	for (unsigned b = 0; b < 8; b++) {
		unsigned old = rv_pmp_cfg(h, reg * 8 + b);
		unsigned cfg = old & RV_PMP_L ? old : (unsigned)(v >> (b * 8)) & 0x9f;
		nv |= (uint64_t)cfg << (b * 8);
	}
	h->pmpcfg[reg] = nv;
}

static uint64_t rv_pmpaddr_read(RvHart *h, unsigned csr)
{
	return h->pmpaddr[csr - 0x3b0];
}

static void rv_pmpaddr_write(RvHart *h, unsigned csr, uint64_t v)
{
	unsigned i = csr - 0x3b0;
	if (rv_pmp_cfg(h, i) & RV_PMP_L)
		return;
	if (i + 1 < 64 &&
	    (rv_pmp_cfg(h, i + 1) & (RV_PMP_L | RV_PMP_A_MASK)) == (RV_PMP_L | RV_PMP_A_TOR))
		return;
	h->pmpaddr[i] = v & RV_PMPADDR_MASK;
}

/* mseccfg (Smepmp): MML and MMWP stay set once set; RLB is stored. */
static uint64_t rv_mseccfg_read(RvHart *h, unsigned csr)
{
	return h->mseccfg;
}
static void rv_mseccfg_write(RvHart *h, unsigned csr, uint64_t v)
{
	h->mseccfg = (h->mseccfg & 3) | (v & 7);
}

static const RvCsrDef rv_csr_defs[] = {
    {0x100, 0x100, NULL, rv_sstatus_read, rv_sstatus_write, NULL},
    {0x104, 0x104, NULL, rv_sie_read, rv_sie_write, NULL},
    {0x105, 0x105, NULL, rv_plain_read, rv_plain_write, NULL},
    {0x106, 0x106, NULL, rv_scounteren_read, rv_scounteren_write, NULL},
    {0x10a, 0x10a, NULL, rv_plain_read, rv_plain_write, NULL},
    {0x140, 0x143, NULL, rv_plain_read, rv_plain_write, NULL},
    {0x144, 0x144, NULL, rv_sip_read, rv_sip_write, rv_sip_rmw_read},
    {0x14d, 0x14d, rv_stimecmp_allowed, rv_stimecmp_read, rv_stimecmp_write, NULL},
    {0x180, 0x180, rv_satp_allowed, rv_satp_read, rv_satp_write, NULL},
    {0x300, 0x300, NULL, rv_mstatus_read, rv_mstatus_write, NULL},
    {0x301, 0x301, NULL, rv_misa_read, rv_ignore_write, NULL},
    {0x302, 0x302, NULL, rv_medeleg_read, rv_medeleg_write, NULL},
    {0x303, 0x303, NULL, rv_mideleg_read, rv_mideleg_write, NULL},
    {0x304, 0x304, NULL, rv_mie_read, rv_mie_write, NULL},
    {0x305, 0x305, NULL, rv_plain_read, rv_plain_write, NULL},
    {0x306, 0x306, NULL, rv_mcounteren_read, rv_mcounteren_write, NULL},
    {0x30a, 0x30a, NULL, rv_menvcfg_read, rv_menvcfg_write, NULL},
    {0x320, 0x320, NULL, rv_mcountinhibit_read, rv_mcountinhibit_write, NULL},
    {0x323, 0x33f, NULL, rv_zero_read, rv_ignore_write, NULL},
    {0x340, 0x343, NULL, rv_plain_read, rv_plain_write, NULL},
    {0x344, 0x344, NULL, rv_mip_read, rv_mip_write, rv_mip_rmw_read},
    {0x3a0, 0x3af, rv_pmpcfg_allowed, rv_pmpcfg_read, rv_pmpcfg_write, NULL},
    {0x3b0, 0x3ef, NULL, rv_pmpaddr_read, rv_pmpaddr_write, NULL},
    {0x747, 0x747, NULL, rv_mseccfg_read, rv_mseccfg_write, NULL},
    {0x7a0, 0x7a0, NULL, rv_plain_read, rv_plain_write, NULL},
    {0x7a1, 0x7a3, NULL, rv_zero_read, rv_ignore_write, NULL},
    {0xb00, 0xb00, NULL, rv_cycle_read, rv_mcycle_write, NULL},
    {0xb02, 0xb02, NULL, rv_instret_read, rv_minstret_write, NULL},
    {0xb03, 0xb1f, NULL, rv_zero_read, rv_ignore_write, NULL},
    {0xc00, 0xc00, rv_counter_allowed, rv_cycle_read, NULL, NULL},
    {0xc01, 0xc01, rv_counter_allowed, rv_time_read, NULL, NULL},
    {0xc02, 0xc02, rv_counter_allowed, rv_instret_read, NULL, NULL},
    {0xc03, 0xc1f, rv_counter_allowed, rv_zero_read, NULL, NULL},
    {0xf11, 0xf13, NULL, rv_zero_read, NULL, NULL},
    {0xf14, 0xf14, NULL, rv_mhartid_read, NULL, NULL},
    {0xf15, 0xf15, NULL, rv_zero_read, NULL, NULL},
};
#define RV_N_CSR_DEFS (sizeof rv_csr_defs / sizeof rv_csr_defs[0])

/* CSR number -> table line + 1 (0: none), built once. */
static uint8_t rv_csr_index[4096];
static pthread_once_t rv_csr_once = PTHREAD_ONCE_INIT;

static void rv_csr_index_build(void)
{
	for (size_t i = 0; i < RV_N_CSR_DEFS; i++)
		for (unsigned c = rv_csr_defs[i].lo; c <= rv_csr_defs[i].hi; c++)
			rv_csr_index[c] = (uint8_t)(i + 1);
}

/* The table line of csr when this access to it is legal now, else NULL. */
static const RvCsrDef *rv_csr_access(RvHart *h, unsigned csr, bool writes)
{
	pthread_once(&rv_csr_once, rv_csr_index_build);
	unsigned i = rv_csr_index[csr & 0xfff];
	if (!i)
		return NULL;
	const RvCsrDef *d = &rv_csr_defs[i - 1];
	if (h->priv < (csr >> 8 & 3))
		return NULL;
	if (writes && ((csr >> 10 & 3) == 3 || !d->write))
		return NULL;
	if (d->allowed && !d->allowed(h, csr, writes))
		return NULL;
	return d;
}

bool rv_csr_insn(RvHart *h, uint32_t insn, uint64_t src, uint64_t *rd_value)
{
	unsigned csr = insn >> 20, op = insn >> 12 & 3, rs1 = insn >> 15 & 31, rd = insn >> 7 & 31;
	enum { RW = 1, RS = 2, RC = 3 };
	bool writes = op == RW || rs1 != 0;
	const RvCsrDef *d = rv_csr_access(h, csr, writes);
	if (!d || op == 0)
		return false;
	uint64_t old = op != RW || rd != 0 ? d->read(h, csr) : 0;
	if (writes) {
		uint64_t base = op == RW ? 0 : d->rmw_read ? d->rmw_read(h, csr) : old;
		uint64_t nv = op == RW ? src : op == RS ? base | src : base & ~src;
		d->write(h, csr, nv);
	}
	*rd_value = old;
	return true;
}

int rv_csr_read(RvHart *h, unsigned csr, uint64_t *value)
{
	const RvCsrDef *d = rv_csr_access(h, csr, false);
	if (!d)
		return -1;
	*value = d->read(h, csr);
	return 0;
}

int rv_csr_write(RvHart *h, unsigned csr, uint64_t value)
{
	const RvCsrDef *d = rv_csr_access(h, csr, true);
	if (!d)
		return -1;
	d->write(h, csr, value);
	return 0;
}

bool rv_csr_write_exits(unsigned csr)
{
	static const uint16_t exits[] = {0x100, 0x104, 0x144, 0x14d, 0x180,
	                                 0x300, 0x303, 0x304, 0x30a, 0x344};
	for (size_t i = 0; i < sizeof exits / sizeof exits[0]; i++)
		if (exits[i] == csr)
			return true;
	return false;
}
