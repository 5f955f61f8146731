/*
 * The riscv64 disassembler for -d in_asm logs and tests. It prints what
 * `objdump -d -M no-aliases` prints (ABI register names, hex shift amounts and upper
 * immediates, rounding modes other than dyn, aq/rl suffixes) except that branch and
 * jump targets are absolute 0x-prefixed addresses and compressed instructions are
 * shown as their 32-bit expansion. Operands come from the pattern's format; whether a
 * register operand is an integer or a float register follows from the mnemonic.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "frontends/riscv64/decode.h"

static const char *const rv_xnames[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
	"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
	"s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const char *const rv_fnames[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
	"fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5",
	"fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};
static const char *const rv_rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6",
					   "dyn"};

static const struct {
	uint16_t num;
	const char *name;
} rv_csr_names[] = {
	{0x001, "fflags"}, {0x002, "frm"}, {0x003, "fcsr"},
	{0xc00, "cycle"},  {0xc01, "time"}, {0xc02, "instret"},
};

/* Register files of rd, rs1 and rs2/rs3: true for float. */
typedef struct RvRegFiles {
	bool rd, rs1, rs2;
} RvRegFiles;

/* In fcvt.D.S the integer types are w, wu, l and lu; in fmv.D.S only x is. */
static bool rv_is_int_type(const char *t, size_t n, bool fmv)
{
	if (fmv)
		return n == 1 && *t == 'x';
	return (n == 1 && (*t == 'w' || *t == 'l')) ||
	       (n == 2 && (!strncmp(t, "wu", 2) || !strncmp(t, "lu", 2)));
}

/* fcvt.D.S and fmv.D.S: the destination and source types name the register files. */
static RvRegFiles rv_conv_files(const char *m, bool fmv)
{
	const char *d = strchr(m, '.') + 1, *s = strchr(d, '.');
	if (!s)
		return (RvRegFiles){true, true, true};
	return (RvRegFiles){!rv_is_int_type(d, (size_t)(s - d), fmv),
			    !rv_is_int_type(s + 1, strlen(s + 1), fmv), true};
}

static RvRegFiles rv_reg_files(const RvPattern *p)
{
	const char *m = p->mnemonic;
	if (m[0] != 'f' || !strncmp(m, "fence", 5))
		return (RvRegFiles){false, false, false};
	if (p->format == RVF_I_LOAD)
		return (RvRegFiles){true, false, false};
	if (p->format == RVF_S)
		return (RvRegFiles){false, false, true};
	if (!strncmp(m, "fcvt.", 5) || !strncmp(m, "fmv.", 4))
		return rv_conv_files(m, m[1] == 'm');
	if (!strncmp(m, "fclass", 6) || !strncmp(m, "feq", 3) || !strncmp(m, "flt", 3) ||
	    !strncmp(m, "fle", 3))
		return (RvRegFiles){false, true, true};
	return (RvRegFiles){true, true, true};
}

static const char *rv_reg(unsigned n, bool fp) { return fp ? rv_fnames[n] : rv_xnames[n]; }

static void rv_csr_name(uint16_t csr, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof rv_csr_names / sizeof rv_csr_names[0]; i++)
		if (rv_csr_names[i].num == csr) {
			snprintf(buf, n, "%s", rv_csr_names[i].name);
			return;
		}
	snprintf(buf, n, "0x%x", csr);
}

static void rv_fence_set(unsigned bits4, char *buf)
{
	static const char letters[] = "iorw";
	char *o = buf;
	for (unsigned i = 0; i < 4; i++)
		if (bits4 & (8u >> i))
			*o++ = letters[i];
	if (o == buf)
		*o++ = '0';
	*o = '\0';
}

typedef struct RvDisasArgs {
	const RvInsn *in;
	RvRegFiles f;
	uint64_t pc;
	char *buf;
	size_t n;
} RvDisasArgs;

typedef void (*RvOperandFn)(const RvDisasArgs *a);

#define RD(a) rv_reg((a)->in->rd, (a)->f.rd)
#define RS1(a) rv_reg((a)->in->rs1, (a)->f.rs1)
#define RS2(a) rv_reg((a)->in->rs2, (a)->f.rs2)

/* ",rm" when the rounding mode is not dyn */
static const char *rv_rm_suffix(const RvInsn *in, char *tmp)
{
	if (in->rm == 7)
		return "";
	snprintf(tmp, 8, ",%s", rv_rm_names[in->rm]);
	return tmp;
}

static void ops_r(const RvDisasArgs *a) { snprintf(a->buf, a->n, "%s,%s,%s", RD(a), RS1(a), RS2(a)); }
static void ops_r4(const RvDisasArgs *a)
{
	char rm[8];
	snprintf(a->buf, a->n, "%s,%s,%s,%s%s", RD(a), RS1(a), RS2(a),
		 rv_reg(a->in->rs3, a->f.rs2), rv_rm_suffix(a->in, rm));
}
static void ops_i(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,%s,%" PRId64, RD(a), RS1(a), a->in->imm);
}
static void ops_load(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,%" PRId64 "(%s)", RD(a), a->in->imm, RS1(a));
}
static void ops_shift(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,%s,0x%" PRIx64, RD(a), RS1(a), a->in->imm);
}
static void ops_s(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,%" PRId64 "(%s)", RS2(a), a->in->imm, RS1(a));
}
static void ops_b(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,%s,0x%" PRIx64, RS1(a), RS2(a), a->pc + (uint64_t)a->in->imm);
}
static void ops_u(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,0x%" PRIx64, RD(a), ((uint64_t)a->in->imm >> 12) & 0xfffff);
}
static void ops_j(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,0x%" PRIx64, RD(a), a->pc + (uint64_t)a->in->imm);
}
static void ops_csr(const RvDisasArgs *a)
{
	char csr[16];
	rv_csr_name(a->in->csr, csr, sizeof csr);
	snprintf(a->buf, a->n, "%s,%s,%s", RD(a), csr, RS1(a));
}
static void ops_csri(const RvDisasArgs *a)
{
	char csr[16];
	rv_csr_name(a->in->csr, csr, sizeof csr);
	snprintf(a->buf, a->n, "%s,%s,%" PRId64, RD(a), csr, a->in->imm);
}
static void ops_amo(const RvDisasArgs *a)
{
	snprintf(a->buf, a->n, "%s,%s,(%s)", RD(a), RS2(a), RS1(a));
}
static void ops_lr(const RvDisasArgs *a) { snprintf(a->buf, a->n, "%s,(%s)", RD(a), RS1(a)); }
static void ops_fr_rm(const RvDisasArgs *a)
{
	char rm[8];
	snprintf(a->buf, a->n, "%s,%s,%s%s", RD(a), RS1(a), RS2(a), rv_rm_suffix(a->in, rm));
}
static void ops_fr1_rm(const RvDisasArgs *a)
{
	char rm[8];
	snprintf(a->buf, a->n, "%s,%s%s", RD(a), RS1(a), rv_rm_suffix(a->in, rm));
}
static void ops_fr1(const RvDisasArgs *a) { snprintf(a->buf, a->n, "%s,%s", RD(a), RS1(a)); }
static void ops_none(const RvDisasArgs *a) { a->buf[0] = '\0'; }
static void ops_fence(const RvDisasArgs *a)
{
	char pred[8], succ[8];
	rv_fence_set((unsigned)a->in->imm >> 4 & 15, pred);
	rv_fence_set((unsigned)a->in->imm & 15, succ);
	snprintf(a->buf, a->n, "%s,%s", pred, succ);
}

static const RvOperandFn rv_operand_fns[RVF_FENCE + 1] = {
	[RVF_R] = ops_r,           [RVF_R4] = ops_r4,         [RVF_I] = ops_i,
	[RVF_I_LOAD] = ops_load,   [RVF_I_SHIFT] = ops_shift, [RVF_S] = ops_s,
	[RVF_B] = ops_b,           [RVF_U] = ops_u,           [RVF_J] = ops_j,
	[RVF_CSR] = ops_csr,       [RVF_CSRI] = ops_csri,     [RVF_AMO] = ops_amo,
	[RVF_LR] = ops_lr,         [RVF_FR_RM] = ops_fr_rm,   [RVF_FR1_RM] = ops_fr1_rm,
	[RVF_FR1] = ops_fr1,       [RVF_NONE] = ops_none,     [RVF_FENCE] = ops_fence,
};

static const char *const rv_aqrl_suffix[4] = {"", ".rl", ".aq", ".aqrl"};

void rv_disas_insn(uint32_t raw, unsigned len, uint64_t pc, char *buf, size_t bufsz)
{
	uint32_t word = raw;
	RvInsn in;
	if (len == 2 && !rv_expand16((uint16_t)raw, &word)) {
		snprintf(buf, bufsz, ".short\t0x%04x", raw & 0xffff);
		return;
	}
	if (!rv_decode32(word, &in)) {
		if (len == 2)
			snprintf(buf, bufsz, ".short\t0x%04x", raw & 0xffff);
		else
			snprintf(buf, bufsz, ".word\t0x%08x", word);
		return;
	}
	const RvPattern *p = in.pat;
	char ops[96];
	RvDisasArgs a = {&in, rv_reg_files(p), pc, ops, sizeof ops};
	rv_operand_fns[p->format](&a);
	bool atomic = p->format == RVF_AMO || p->format == RVF_LR;
	snprintf(buf, bufsz, "%s%s%s%s", p->mnemonic, atomic ? rv_aqrl_suffix[in.imm & 3] : "",
		 ops[0] ? "\t" : "", ops);
}
