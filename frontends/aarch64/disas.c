/*
 * The aarch64 disassembler for -d in_asm logs and tests: the table's mnemonic (with the
 * size and ordering suffixes of exclusives and atomics, and b.<cond>) followed by the
 * operands this file formats from the decoded fields, one printer per format. Output
 * follows the GNU assembler's syntax for the same instruction except that branch
 * targets and literal addresses are absolute 0x-prefixed numbers, immediates are
 * printed as decoded (no alias rewriting beyond the table's own alias lines) and
 * system registers without a name show as s<op0>_<op1>_c<n>_c<m>_<op2>.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "frontends/aarch64/decode.h"

static const char *const a64_cond_names[16] = {"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc",
                                               "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
static const char *const a64_shift_names[4] = {"lsl", "lsr", "asr", "ror"};
static const char *const a64_extend_names[8] = {"uxtb", "uxth", "uxtw", "uxtx",
                                                "sxtb", "sxth", "sxtw", "sxtx"};

typedef struct A64Out {
	char *buf;
	size_t n;
	const A64Insn *in;
	uint64_t pc;
} A64Out;

/* Register n of width 64 (x) or 32 (w); 31 is sp when `sp`, else the zero register. */
static const char *a64_reg(unsigned n, bool x, bool sp, char *tmp)
{
	if (n == 31)
		return sp ? (x ? "sp" : "wsp") : (x ? "xzr" : "wzr");
	snprintf(tmp, 8, "%c%u", x ? 'x' : 'w', n);
	return tmp;
}

#define R(n, x, sp) a64_reg((n), (x), (sp), t[__COUNTER__ % 4])
#define OUT(...)    snprintf(o->buf, o->n, __VA_ARGS__)

static void ops_none(const A64Out *o)
{
	o->buf[0] = '\0';
}

static void ops_addsub_imm(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	bool flags = in->raw >> 29 & 1;
	if (in->pat->mnemonic[0] == 'c') /* cmp, cmn */
		OUT("%s, #0x%" PRIx64, R(in->rn, in->sf, true), in->imm);
	else
		OUT("%s, %s, #0x%" PRIx64, R(in->rd, in->sf, !flags), R(in->rn, in->sf, true),
		    in->imm);
}

static void ops_logic_imm(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	bool flags = (in->raw >> 29 & 3) == 3;
	if (!strcmp(in->pat->mnemonic, "tst"))
		OUT("%s, #0x%" PRIx64, R(in->rn, in->sf, false), in->imm);
	else
		OUT("%s, %s, #0x%" PRIx64, R(in->rd, in->sf, !flags), R(in->rn, in->sf, false),
		    in->imm);
}

static void ops_movewide(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	if (in->imm2)
		OUT("%s, #0x%" PRIx64 ", lsl #%" PRId64, R(in->rd, in->sf, false), in->imm,
		    in->imm2);
	else
		OUT("%s, #0x%" PRIx64, R(in->rd, in->sf, false), in->imm);
}

static void ops_adr(const A64Out *o)
{
	char t[4][8];
	uint64_t base = o->in->pat->format == A64F_ADRP ? o->pc & ~0xfffull : o->pc;
	OUT("%s, 0x%" PRIx64, R(o->in->rd, true, false), base + (uint64_t)o->in->imm);
}

static void ops_bitfield(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	OUT("%s, %s, #%" PRId64 ", #%" PRId64, R(in->rd, in->sf, false), R(in->rn, in->sf, false),
	    in->imm, in->imm2);
}

static void ops_extr(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	OUT("%s, %s, %s, #%" PRId64, R(in->rd, in->sf, false), R(in->rn, in->sf, false),
	    R(in->rm, in->sf, false), in->imm);
}

/* The operands after the destination of a shifted-register form, with the table's
 * aliases dropping the operand they fix. */
static void ops_shifted(const A64Out *o)
{
	char t[4][8], sh[24] = "";
	const A64Insn *in = o->in;
	const char *m = in->pat->mnemonic;
	if (in->imm)
		snprintf(sh, sizeof sh, ", %s #%" PRId64, a64_shift_names[in->imm2], in->imm);
	if (!strcmp(m, "cmp") || !strcmp(m, "cmn") || !strcmp(m, "tst"))
		OUT("%s, %s%s", R(in->rn, in->sf, false), R(in->rm, in->sf, false), sh);
	else if (!strcmp(m, "mov") || !strcmp(m, "mvn") || !strncmp(m, "neg", 3))
		OUT("%s, %s%s", R(in->rd, in->sf, false), R(in->rm, in->sf, false), sh);
	else
		OUT("%s, %s, %s%s", R(in->rd, in->sf, false), R(in->rn, in->sf, false),
		    R(in->rm, in->sf, false), sh);
}

static void ops_extended(const A64Out *o)
{
	char t[4][8], ext[24];
	const A64Insn *in = o->in;
	bool flags = in->raw >> 29 & 1;
	bool xm = (in->imm2 & 3) == 3;
	snprintf(ext, sizeof ext, ", %s", a64_extend_names[in->imm2]);
	if (in->imm)
		snprintf(ext + strlen(ext), sizeof ext - strlen(ext), " #%" PRId64, in->imm);
	if (in->pat->mnemonic[0] == 'c')
		OUT("%s, %s%s", R(in->rn, in->sf, true), R(in->rm, xm, false), ext);
	else
		OUT("%s, %s, %s%s", R(in->rd, in->sf, !flags), R(in->rn, in->sf, true),
		    R(in->rm, xm, false), ext);
}

static void ops_rrr(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	/* smull/umull/smnegl/umnegl and the long multiplies read W sources */
	bool wsrc =
	    in->pat->mnemonic[0] != 'm' && in->pat->mnemonic[1] == 'm' &&
	    strstr(in->pat->mnemonic, "l") == in->pat->mnemonic + strlen(in->pat->mnemonic) - 1;
	OUT("%s, %s, %s", R(in->rd, in->sf, false), R(in->rn, in->sf && !wsrc, false),
	    R(in->rm, in->sf && !wsrc, false));
}

static void ops_rr(const A64Out *o)
{
	char t[4][8];
	OUT("%s, %s", R(o->in->rd, o->in->sf, false), R(o->in->rn, o->in->sf, false));
}

static void ops_rrrr(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	bool wsrc = in->pat->mnemonic[0] == 's' || in->pat->mnemonic[0] == 'u';
	OUT("%s, %s, %s, %s", R(in->rd, in->sf, false), R(in->rn, in->sf && !wsrc, false),
	    R(in->rm, in->sf && !wsrc, false), R(in->ra, in->sf, false));
}

static void ops_csel(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	OUT("%s, %s, %s, %s", R(in->rd, in->sf, false), R(in->rn, in->sf, false),
	    R(in->rm, in->sf, false), a64_cond_names[in->cond]);
}

static void ops_ccmp(const A64Out *o)
{
	char t[4][8], m[8];
	const A64Insn *in = o->in;
	if (in->pat->format == A64F_CCMP_IMM)
		snprintf(m, sizeof m, "#%" PRId64, in->imm2);
	else
		snprintf(m, sizeof m, "%s", R(in->rm, in->sf, false));
	OUT("%s, %s, #%" PRId64 ", %s", R(in->rn, in->sf, false), m, in->imm,
	    a64_cond_names[in->cond]);
}

static void ops_target(const A64Out *o)
{
	OUT("0x%" PRIx64, o->pc + (uint64_t)o->in->imm);
}

static void ops_cb(const A64Out *o)
{
	char t[4][8];
	OUT("%s, 0x%" PRIx64, R(o->in->rd, o->in->sf, false), o->pc + (uint64_t)o->in->imm);
}

static void ops_tb(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	OUT("%s, #%" PRId64 ", 0x%" PRIx64, R(in->rd, in->imm2 >= 32, false), in->imm2,
	    o->pc + (uint64_t)in->imm);
}

static void ops_br(const A64Out *o)
{
	char t[4][8];
	if (o->in->rn == 30 && !strcmp(o->in->pat->mnemonic, "ret"))
		o->buf[0] = '\0';
	else
		OUT("%s", R(o->in->rn, true, false));
}

static void ops_exc(const A64Out *o)
{
	OUT("#0x%" PRIx64, o->in->imm);
}

static const struct {
	uint16_t enc;
	const char *name;
} a64_sysreg_names[] = {
    {0xde82, "tpidr_el0"},
    {0xde83, "tpidrro_el0"},
    {0xda10, "nzcv"},
    {0xda20, "fpcr"},
    {0xda21, "fpsr"},
    {0xd801, "ctr_el0"},
    {0xd807, "dczid_el0"},
    {0xdf00, "cntfrq_el0"},
    {0xdf02, "cntvct_el0"},
    {0xc000, "midr_el1"},
    {0xc005, "mpidr_el1"},
    {0xc006, "revidr_el1"},
    {0xc020, "id_aa64pfr0_el1"},
    {0xc030, "id_aa64isar0_el1"},
    {0xc031, "id_aa64isar1_el1"},
};

static void a64_sysreg_name(uint32_t enc, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof a64_sysreg_names / sizeof a64_sysreg_names[0]; i++)
		if (a64_sysreg_names[i].enc == enc) {
			snprintf(buf, n, "%s", a64_sysreg_names[i].name);
			return;
		}
	snprintf(buf, n, "s%u_%u_c%u_c%u_%u", enc >> 14, enc >> 11 & 7, enc >> 7 & 15,
	         enc >> 3 & 15, enc & 7);
}

static void ops_sysreg(const A64Out *o)
{
	char t[4][8], name[32];
	a64_sysreg_name((uint32_t)o->in->imm, name, sizeof name);
	if (o->in->pat->format == A64F_MRS)
		OUT("%s, %s", R(o->in->rd, true, false), name);
	else
		OUT("%s, %s", name, R(o->in->rd, true, false));
}

static void ops_msr_imm(const A64Out *o)
{
	OUT("#%" PRId64 ", #%" PRId64, o->in->imm, o->in->imm2);
}

static void ops_barrier(const A64Out *o)
{
	static const char *const opts[16] = {NULL,    "oshld", "oshst", "osh",   NULL,    "nshld",
	                                     "nshst", "nsh",   NULL,    "ishld", "ishst", "ish",
	                                     NULL,    "ld",    "st",    "sy"};
	const char *m = o->in->pat->mnemonic;
	if (!strcmp(m, "hint"))
		OUT("#0x%" PRIx64, o->in->imm << 3 | o->in->imm2);
	else if (!strcmp(m, "isb") || !strcmp(m, "clrex"))
		o->buf[0] = o->in->imm == 15 ? '\0' : (OUT("#%" PRId64, o->in->imm), o->buf[0]);
	else if (opts[o->in->imm])
		OUT("%s", opts[o->in->imm]);
	else
		OUT("#%" PRId64, o->in->imm);
}

static void ops_sys(const A64Out *o)
{
	char t[4][8];
	uint32_t e = (uint32_t)o->in->imm;
	OUT("#%u, C%u, C%u, #%u, %s", e >> 11, e >> 7 & 15, e >> 3 & 15, e & 7,
	    R(o->in->rd, true, false));
}

/* Whether the transfer registers of a load/store are SIMD&FP, and their letter. */
static char a64_ls_letter(const A64Insn *in)
{
	static const char v[5] = {'b', 'h', 's', 'd', 'q'};
	bool simd = in->raw >> 26 & 1;
	if (simd)
		return v[in->scale];
	unsigned opc = in->raw >> 22 & 3, size = in->raw >> 30;
	if (in->pat->format >= A64F_LS_UIMM && in->pat->format <= A64F_LS_REG)
		return (size == 3 || opc == 2) ? 'x' : 'w';
	return in->scale == 3 ? 'x' : 'w';
}

static void a64_rt(const A64Insn *in, unsigned n, char *buf)
{
	char c = a64_ls_letter(in);
	if (c == 'x' || c == 'w')
		a64_reg(n, c == 'x', false, buf);
	else
		snprintf(buf, 8, "%c%u", c, n);
}

static void ops_ls(const A64Out *o)
{
	char t[4][8], rt[8], rt2[8];
	const A64Insn *in = o->in;
	const char *base = R(in->rn, true, true);
	a64_rt(in, in->rd, rt);
	a64_rt(in, in->ra, rt2);
	switch ((A64Format)in->pat->format) {
	case A64F_LS_UIMM:
	case A64F_LS_SIMM: OUT("%s, [%s, #%" PRId64 "]", rt, base, in->imm); break;
	case A64F_LS_PRE: OUT("%s, [%s, #%" PRId64 "]!", rt, base, in->imm); break;
	case A64F_LS_POST: OUT("%s, [%s], #%" PRId64, rt, base, in->imm); break;
	case A64F_LS_REG:
		OUT("%s, [%s, %s, %s #%u]", rt, base, R(in->rm, in->imm2 & 1, false),
		    a64_extend_names[in->imm2], in->imm ? in->scale : 0);
		break;
	case A64F_LS_LIT: OUT("%s, 0x%" PRIx64, rt, o->pc + (uint64_t)in->imm); break;
	case A64F_LS_PAIR: OUT("%s, %s, [%s, #%" PRId64 "]", rt, rt2, base, in->imm); break;
	case A64F_LS_PAIR_PRE: OUT("%s, %s, [%s, #%" PRId64 "]!", rt, rt2, base, in->imm); break;
	default: OUT("%s, %s, [%s], #%" PRId64, rt, rt2, base, in->imm); break;
	}
}

static void ops_excl(const A64Out *o)
{
	char t[4][8];
	const A64Insn *in = o->in;
	bool x =
	    in->scale == 3 ||
	    ((in->pat->format == A64F_LDXP || in->pat->format == A64F_STXP) && (in->raw >> 30 & 1));
	const char *base = R(in->rn, true, true);
	switch ((A64Format)in->pat->format) {
	case A64F_LDX: OUT("%s, [%s]", R(in->rd, x, false), base); break;
	case A64F_STX:
		OUT("%s, %s, [%s]", R(in->rm, false, false), R(in->rd, x, false), base);
		break;
	case A64F_LDXP: OUT("%s, %s, [%s]", R(in->rd, x, false), R(in->ra, x, false), base); break;
	case A64F_STXP:
		OUT("%s, %s, %s, [%s]", R(in->rm, false, false), R(in->rd, x, false),
		    R(in->ra, x, false), base);
		break;
	case A64F_ATOMIC:
		if (!strncmp(in->pat->mnemonic, "ld", 2) && in->rd == 31 && !(in->raw >> 23 & 1))
			OUT("%s, [%s]", R(in->rm, x, false), base);
		else
			OUT("%s, %s, [%s]", R(in->rm, x, false), R(in->rd, x, false), base);
		break;
	default: {
		bool xp = in->raw >> 30 & 1;
		OUT("%s, %s, %s, %s, [%s]", R(in->rm, xp, false), R(in->rm + 1, xp, false),
		    R(in->rd, xp, false), R(in->rd + 1, xp, false), base);
	}
	}
}

typedef void (*A64OperandFn)(const A64Out *o);
static const A64OperandFn a64_operand_fns[A64F_COUNT] = {
    [A64F_NONE] = ops_none,
    [A64F_ADDSUB_IMM] = ops_addsub_imm,
    [A64F_LOGIC_IMM] = ops_logic_imm,
    [A64F_MOVEWIDE] = ops_movewide,
    [A64F_ADR] = ops_adr,
    [A64F_ADRP] = ops_adr,
    [A64F_BITFIELD] = ops_bitfield,
    [A64F_EXTR] = ops_extr,
    [A64F_SHIFTED] = ops_shifted,
    [A64F_EXTENDED] = ops_extended,
    [A64F_RRR] = ops_rrr,
    [A64F_RR] = ops_rr,
    [A64F_RRRR] = ops_rrrr,
    [A64F_CSEL] = ops_csel,
    [A64F_CCMP_REG] = ops_ccmp,
    [A64F_CCMP_IMM] = ops_ccmp,
    [A64F_B26] = ops_target,
    [A64F_BCOND] = ops_target,
    [A64F_CB] = ops_cb,
    [A64F_TB] = ops_tb,
    [A64F_BR] = ops_br,
    [A64F_EXC] = ops_exc,
    [A64F_MRS] = ops_sysreg,
    [A64F_MSR_REG] = ops_sysreg,
    [A64F_MSR_IMM] = ops_msr_imm,
    [A64F_BARRIER] = ops_barrier,
    [A64F_SYS] = ops_sys,
    [A64F_LS_UIMM] = ops_ls,
    [A64F_LS_SIMM] = ops_ls,
    [A64F_LS_PRE] = ops_ls,
    [A64F_LS_POST] = ops_ls,
    [A64F_LS_REG] = ops_ls,
    [A64F_LS_LIT] = ops_ls,
    [A64F_LS_PAIR] = ops_ls,
    [A64F_LS_PAIR_PRE] = ops_ls,
    [A64F_LS_PAIR_POST] = ops_ls,
    [A64F_LDX] = ops_excl,
    [A64F_STX] = ops_excl,
    [A64F_LDXP] = ops_excl,
    [A64F_STXP] = ops_excl,
    [A64F_ATOMIC] = ops_excl,
    [A64F_CASP] = ops_excl,
};

/* The full mnemonic: b.<cond>; the ordering (a, al, l) and size (b, h) suffixes of
 * the LSE forms; the size suffix of exclusives; st<op> for an ld<op> that discards. */
static void a64_mnemonic(const A64Insn *in, char *buf, size_t n)
{
	const char *m = in->pat->mnemonic;
	A64Format f = (A64Format)in->pat->format;
	static const char *const order[4] = {"", "l", "a", "al"};
	const char *size = "";
	if (f == A64F_BCOND) {
		snprintf(buf, n, "b.%s", a64_cond_names[in->cond]);
		return;
	}
	if ((f == A64F_LDX || f == A64F_STX || f == A64F_ATOMIC) && in->scale < 2)
		size = in->scale ? "h" : "b";
	if (f == A64F_ATOMIC || f == A64F_CASP) {
		bool cas = !strncmp(m, "cas", 3);
		unsigned acq = cas ? in->raw >> 22 & 1 : in->raw >> 23 & 1;
		unsigned rel = cas ? in->raw >> 15 & 1 : in->raw >> 22 & 1;
		if (!cas && !acq && in->rd == 31 && strncmp(m, "swp", 3))
			snprintf(buf, n, "st%s%s%s", m + 2, order[rel], size);
		else
			snprintf(buf, n, "%s%s%s", m, order[acq << 1 | rel], size);
		return;
	}
	snprintf(buf, n, "%s%s", m, size);
}

void a64_disas_insn(uint32_t raw, uint64_t pc, char *buf, size_t bufsz)
{
	A64Insn in;
	if (!a64_decode(raw, &in)) {
		snprintf(buf, bufsz, ".inst\t0x%08x", raw);
		return;
	}
	char ops[96], name[24];
	A64Out o = {ops, sizeof ops, &in, pc};
	A64OperandFn fn = a64_operand_fns[in.pat->format];
	if (fn)
		fn(&o);
	else
		snprintf(ops, sizeof ops, "0x%08x", raw);
	a64_mnemonic(&in, name, sizeof name);
	snprintf(buf, bufsz, "%s%s%s", name, ops[0] ? "\t" : "", ops);
}
