/*
 * The aarch64 side of the differential tester: every line of the frontend's tables
 * (insn_table_{int,branch,sys,mem,fp,simd}.h). A line's don't-care bits are filled at
 * random; reserved combinations and encodings of features ferry does not implement are
 * removed afterwards by the binutils round trip in run.sh (disassemble, reassemble for
 * ferry's -march, keep the word only if it comes back identical). Then the fields that
 * would make a sequence leave its sandbox, or that the Arm ARM leaves CONSTRAINED
 * UNPREDICTABLE, are pinned:
 *   - every load, store, exclusive and atomic gets its base register (SP included) set
 *     to the middle of the scratch buffer just before it; unsigned scaled offsets are
 *     kept below 64 elements and register offsets masked to 0x78 first, so every access
 *     stays inside the 4 KiB buffer; a literal load reads code within 256 bytes;
 *   - the register overlaps the Arm ARM's instruction descriptions make CONSTRAINED
 *     UNPREDICTABLE are redrawn: a general-purpose load/store with writeback and
 *     Rt == Rn (or Rt2 == Rn for pairs), LDP/LDNP/LDPSW with Rt == Rt2, a store-exclusive
 *     with Rs == Rt, Rt2 or Rn, LDXP with Rt == Rt2, CASP with an odd Rs or Rt; the
 *     "should be one" fields of the exclusives (Rs, Rt2) are set to ones;
 *   - a load-exclusive is always followed by a store-exclusive of the same size to the
 *     same address (status in w17), so no monitor outlives its unit and a lone
 *     store-exclusive always fails: Arm leaves a store-exclusive after other accesses,
 *     to another address or of another size IMPLEMENTATION DEFINED;
 *   - branches go forward within the sequence (offsets filled at emission); br, blr and
 *     ret get their register loaded with the target first;
 *   - mrs and msr name NZCV, FPCR or FPSR only (counters, MIDR, TPIDR: legitimately
 *     different); a value written is first masked to the bits the architecture defines
 *     (RES0 bits may or may not be stored);
 *   - svc, brk, hlt and udf trap by definition; msr (immediate) reaches only DAIF (which
 *     Linux makes trap at EL0) and later extensions' fields; sys is cache maintenance,
 *     whose only architectural effect at EL0 is dc zva with an IMPLEMENTATION DEFINED
 *     block size: those lines are not generated.
 * The epilogue stashes x0 in TPIDR_EL0, which is why no sequence may touch that register.
 */
#include <inttypes.h>
#include <string.h>

#include "frontends/aarch64/decode.h"
#include "frontends/aarch64/insn_table_branch.h"
#include "frontends/aarch64/insn_table_fp.h"
#include "frontends/aarch64/insn_table_int.h"
#include "frontends/aarch64/insn_table_mem.h"
#include "frontends/aarch64/insn_table_simd.h"
#include "frontends/aarch64/insn_table_sys.h"
#include "tests/difftest/difftest.h"

static const Pattern a64_pat[] = {
#define LINE(name, mask, match, fmt, fn) {name, mask, match, fmt},
	A64_INSN_TABLE_INT(LINE) A64_INSN_TABLE_BRANCH(LINE) A64_INSN_TABLE_SYS(LINE)
	A64_INSN_TABLE_MEM(LINE) A64_INSN_TABLE_FP(LINE) A64_INSN_TABLE_SIMD(LINE)
#undef LINE
};
#define NPAT (sizeof a64_pat / sizeof a64_pat[0])

enum { SCRATCH = 4160, SCRATCH_MID = 2048, STX_STATUS = 17, SP_TMP = 16 };
/* The dump record (and the initial-state block): signal and faulting pc offset,
 * x0..x30, sp, nzcv, fpcr, fpsr, v0..v31, the scratch buffer. */
enum { D_SIG = 0, D_PC = 8, D_X = 16, D_SP = D_X + 31 * 8, D_NZCV = D_SP + 8,
       D_FPCR = D_NZCV + 8, D_FPSR = D_FPCR + 8, D_V = D_FPSR + 16, D_SCR = D_V + 32 * 16,
       D_BYTES = D_SCR + SCRATCH };

static const DumpField a64_fields[] = {
	{"signal", D_SIG, 8, 1}, {"fault_pc_offset", D_PC, 8, 1}, {"x", D_X, 8, 31},
	{"sp", D_SP, 8, 1}, {"nzcv", D_NZCV, 8, 1}, {"fpcr", D_FPCR, 8, 1},
	{"fpsr", D_FPSR, 8, 1}, {"v", D_V, 16, 32}, {NULL, 0, 0, 0},
};

/* System registers EL0 may read and write whose value is the same on every
 * implementation: op0:op1:CRn:CRm:op2 as in bits 20:5 of mrs/msr, and the bits a write
 * keeps. */
static const struct {
	uint32_t enc, keep;
} a64_sysregs[] = {
	{0xda10, 0xf0000000u}, /* NZCV: N Z C V */
	{0xda20, 0x07c00000u}, /* FPCR: AHP DN FZ RMode (FZ16 and trap enables: not here) */
	{0xda21, 0x0800009fu}, /* FPSR: QC IDC IXC UFC OFC DZC IOC */
};

static const struct {
	const char *name, *why;
} a64_excluded[] = {
	{"svc", "supervisor call: traps to the system by definition"},
	{"brk", "breakpoint exception by definition (tests/isa/aarch64/sys_brk.S)"},
	{"hlt", "halting debug: UNDEFINED at EL0 without an external debugger"},
	{"udf", "permanently undefined (tests/isa/aarch64/sys_undef.S)"},
	{"sys", "cache maintenance: no register effect at EL0 except dc zva, whose block size "
	        "DCZID_EL0 is IMPLEMENTATION DEFINED"},
};

static bool named(unsigned idx, const char *n) { return strcmp(a64_pat[idx].name, n) == 0; }
static uint32_t field(uint32_t w, int lo, int n) { return (w >> lo) & ((1u << n) - 1); }
static uint32_t setf(uint32_t w, int lo, int n, uint32_t v)
{
	uint32_t m = ((1u << n) - 1) << lo;
	return (w & ~m) | ((v << lo) & m);
}

static const char *a64_excluded_line(unsigned idx)
{
	for (unsigned i = 0; i < sizeof a64_excluded / sizeof a64_excluded[0]; i++)
		if (named(idx, a64_excluded[i].name))
			return a64_excluded[i].why;
	if (a64_pat[idx].fmt == A64F_MSR_IMM)
		return "msr (immediate): at EL0 only DAIFSet/Clr (trapped by Linux, SCTLR_EL1.UMA = 0) "
		       "and fields of extensions ferry does not implement";
	return NULL;
}

static bool is_mem(unsigned idx)
{
	switch (a64_pat[idx].fmt) {
	case A64F_LS_UIMM: case A64F_LS_SIMM: case A64F_LS_PRE: case A64F_LS_POST:
	case A64F_LS_REG: case A64F_LS_PAIR: case A64F_LS_PAIR_PRE: case A64F_LS_PAIR_POST:
	case A64F_LDX: case A64F_STX: case A64F_LDXP: case A64F_STXP: case A64F_ATOMIC:
	case A64F_CASP:
		return true;
	default:
		return named(idx, "ld/st");
	}
}

static bool is_ldx_pair_unit(unsigned idx)
{
	return named(idx, "ldxr") || named(idx, "ldaxr") || a64_pat[idx].fmt == A64F_LDXP;
}

/* A register field the architecture wants all ones ("should be one": other values are
 * CONSTRAINED UNPREDICTABLE), unless the line fixes it already. */
static uint32_t sbo(unsigned idx, uint32_t w, int lo)
{
	return a64_pat[idx].mask & (31u << lo) ? w : setf(w, lo, 5, 31);
}

/* Bit 26 (V) set: the transfer registers are SIMD&FP, which cannot overlap the base. */
static bool gp_transfer(uint32_t w) { return !field(w, 26, 1); }

static bool make_mem(Rng *r, unsigned idx, uint32_t *w)
{
	uint32_t rt = field(*w, 0, 5), rn = field(*w, 5, 5), rm = field(*w, 16, 5);
	uint32_t rt2 = field(*w, 10, 5);
	bool wb_overlap = gp_transfer(*w) && rn != 31 && (rt == rn || rt2 == rn);
	switch (a64_pat[idx].fmt) {
	case A64F_LS_UIMM:
		*w = setf(*w, 10, 12, rng_bits(r, 6));
		break;
	case A64F_LS_PRE: case A64F_LS_POST:
		if (gp_transfer(*w) && rn != 31 && rt == rn)
			return false;
		break;
	case A64F_LS_REG:
		if (rm == rn || (rn == 31 && rm == SP_TMP))
			return false;
		break;
	case A64F_LS_PAIR: case A64F_LS_PAIR_PRE: case A64F_LS_PAIR_POST:
		if (field(*w, 22, 1) && rt == rt2)
			return false;
		if (a64_pat[idx].fmt != A64F_LS_PAIR && wb_overlap)
			return false;
		break;
	case A64F_LDX:
		*w = sbo(idx, sbo(idx, *w, 16), 10);
		if (is_ldx_pair_unit(idx) && (rt == rn || rt == 16 || rt == 17 || rn == 16 || rn == 17))
			return false;
		break;
	case A64F_STX:
		*w = sbo(idx, *w, 10);
		if (rm == rt || (rm == rn && rn != 31))
			return false;
		break;
	case A64F_LDXP:
		*w = sbo(idx, *w, 16);
		if (rt == rt2 || rt == rn || rt2 == rn || rn == 16 || rn == 17 || rt == 16 || rt == 17 ||
		    rt2 == 16 || rt2 == 17)
			return false;
		break;
	case A64F_STXP:
		if (rm == rt || rm == rt2 || (rm == rn && rn != 31))
			return false;
		break;
	case A64F_CASP:
		if ((rt & 1) || (rm & 1))
			return false;
		break;
	default:
		break;
	}
	return true;
}

static bool a64_make(Rng *r, unsigned idx, uint32_t *word)
{
	const Pattern *p = &a64_pat[idx];
	uint32_t w = p->match | (rng_bits(r, 32) & ~p->mask);
	switch (p->fmt) {
	case A64F_BR:
		if (field(w, 5, 5) == 31)
			return false;
		break;
	case A64F_LS_LIT:
		/* imm19 within +-64 instructions: reads code of this program */
		w = setf(w, 5, 19, (uint32_t)((int32_t)rng_below(r, 128) - 64));
		break;
	case A64F_RRR:
		/* smulh, umulh: Ra is should-be-one */
		if (named(idx, "smulh") || named(idx, "umulh"))
			w = sbo(idx, w, 10);
		break;
	case A64F_MRS: case A64F_MSR_REG:
		w = setf(w, 5, 16, a64_sysregs[rng_below(r, 3)].enc);
		break;
	default:
		if (is_mem(idx) && !make_mem(r, idx, &w))
			return false;
		break;
	}
	*word = w;
	return true;
}

static BranchKind a64_branch(unsigned idx, uint32_t w)
{
	switch (a64_pat[idx].fmt) {
	case A64F_B26: case A64F_BCOND: case A64F_CB: case A64F_TB: return BR_DIRECT;
	case A64F_BR: return BR_INDIRECT;
	default: return BR_NONE;
	}
}

static bool a64_pcrel(unsigned idx)
{
	switch (a64_pat[idx].fmt) {
	case A64F_B26: case A64F_BCOND: case A64F_CB: case A64F_TB: case A64F_LS_LIT:
	case A64F_ADR: case A64F_ADRP:
		return true;
	default:
		return false;
	}
}

static unsigned a64_insn_bytes(uint32_t w) { return 4; }

static unsigned a64_prefix_bytes(unsigned idx, uint32_t w)
{
	if (a64_pat[idx].fmt == A64F_BR)
		return 4;
	if (a64_pat[idx].fmt == A64F_MSR_REG)
		return field(w, 0, 5) == 31 ? 0 : 4;
	if (!is_mem(idx))
		return 0;
	unsigned n = field(w, 5, 5) == 31 ? 12 : 8;
	if (a64_pat[idx].fmt == A64F_LS_REG && field(w, 16, 5) != 31)
		n += 4;
	return n;
}

static unsigned a64_unit_bytes(unsigned idx, uint32_t w)
{
	return a64_prefix_bytes(idx, w) + 4 + (is_ldx_pair_unit(idx) ? 4 : 0);
}

static uint32_t with_offset(unsigned idx, uint32_t w, long off)
{
	uint32_t imm = (uint32_t)(off >> 2);
	switch (a64_pat[idx].fmt) {
	case A64F_B26: return setf(w, 0, 26, imm);
	case A64F_BCOND: case A64F_CB: return setf(w, 5, 19, imm);
	case A64F_TB: return setf(w, 5, 14, imm);
	default: return w;
	}
}

static void a64_emit_unit(FILE *f, unsigned idx, uint32_t w, const char *target, long off)
{
	uint32_t rn = field(w, 5, 5), rm = field(w, 16, 5), rt = field(w, 0, 5);
	if (a64_pat[idx].fmt == A64F_BR)
		fprintf(f, "\tadr x%u, %s\n", rn, target);
	if (a64_pat[idx].fmt == A64F_MSR_REG && rt != 31) {
		uint32_t enc = field(w, 5, 16);
		for (unsigned i = 0; i < sizeof a64_sysregs / sizeof a64_sysregs[0]; i++) {
			uint32_t keep = a64_sysregs[i].keep;
			/* FPSR's QC, IDC and the other flags are no single logical immediate:
			 * Rt modulo 3 picks which part is kept */
			static const uint32_t fpsr_parts[] = {0x1fu, 0x80u, 0x08000000u};
			if (keep == 0x0800009fu)
				keep = fpsr_parts[rt % 3];
			if (a64_sysregs[i].enc == enc)
				fprintf(f, "\tand x%u, x%u, #0x%" PRIx32 "\n", rt, rt, keep);
		}
	}
	if (is_mem(idx)) {
		if (a64_pat[idx].fmt == A64F_LS_REG && rm != 31)
			fprintf(f, "\tand x%u, x%u, #0x78\n", rm, rm);
		unsigned base = rn == 31 ? SP_TMP : rn;
		fprintf(f, "\tadrp x%u, scratch+%d\n\tadd x%u, x%u, :lo12:scratch+%d\n", base,
		        SCRATCH_MID, base, base, SCRATCH_MID);
		if (rn == 31)
			fprintf(f, "\tmov sp, x%u\n", SP_TMP);
	}
	fprintf(f, "\t.inst 0x%08" PRIx32 "\n",
	        a64_branch(idx, w) == BR_DIRECT ? with_offset(idx, w, off) : w);
	if (is_ldx_pair_unit(idx))
		/* the store-exclusive twin: L = 0, o0 = 0, Rs = w17 */
		fprintf(f, "\t.inst 0x%08" PRIx32 "\n",
		        setf(w & ~(1u << 22) & ~(1u << 15), 16, 5, STX_STATUS));
}

/* Signals a sequence may end with: SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV. */
static const int a64_signals[] = {4, 5, 7, 8, 11};

static void a64_emit_head(FILE *f, unsigned nseq)
{
	fprintf(f, "\t.arch armv8-a+crc+aes+sha2+lse+rcpc\n\t.text\n\t.globl _start\n_start:\n"
	           "\tadrp x0, altstack_desc\n\tadd x0, x0, :lo12:altstack_desc\n\tmov x1, #0\n"
	           "\tmov x8, #132\n\tsvc #0\n");
	for (unsigned i = 0; i < sizeof a64_signals / sizeof a64_signals[0]; i++)
		fprintf(f, "\tmov x0, #%d\n\tadrp x1, sigact\n\tadd x1, x1, :lo12:sigact\n"
		           "\tmov x2, #0\n\tmov x3, #8\n\tmov x8, #134\n\tsvc #0\n",
		        a64_signals[i]);
	fprintf(f, "\tb .Lseq0\n"
	           /* records the signal and the pc relative to the sequence, then resumes at
	            * the sequence's epilogue with the interrupted registers */
	           "handler:\n\tadrp x3, dump\n\tadd x3, x3, :lo12:dump\n\tstr x0, [x3, #%d]\n"
	           "\tldr x4, [x2, #440]\n\tadrp x5, cur_start\n\tldr x5, [x5, :lo12:cur_start]\n"
	           "\tsub x4, x4, x5\n\tstr x4, [x3, #%d]\n"
	           "\tadrp x5, cur_save\n\tldr x5, [x5, :lo12:cur_save]\n\tstr x5, [x2, #440]\n\tret\n"
	           "restorer:\n\tmov x8, #139\n\tsvc #0\n",
	           D_SIG, D_PC);
	fprintf(f, ".Lseq%u:\n\tmov x0, #0\n\tmov x8, #93\n\tsvc #0\n", nseq);
	fprintf(f, "\t.data\n\t.balign 16\n"
	           /* SA_SIGINFO | SA_ONSTACK | SA_RESTORER */
	           "sigact:\t.dword handler, 0x0c000004, restorer, 0\n"
	           "altstack_desc:\t.dword altstack, 0, 65536\n"
	           "cur_start:\t.dword 0\ncur_save:\t.dword 0\n"
	           "\t.bss\n\t.balign 16\naltstack:\t.zero 65536\n"
	           "dump:\t.zero %d\nscratch:\t.zero %d\n\t.text\n",
	           D_BYTES, SCRATCH);
}

static void a64_emit_seq_begin(FILE *f, unsigned s)
{
	fprintf(f, ".Lseq%u:\n\tadr x0, .Lsave%u\n\tadrp x1, cur_save\n\tstr x0, [x1, :lo12:cur_save]\n"
	           "\tadr x0, .Lu%u_0\n\tadrp x1, cur_start\n\tstr x0, [x1, :lo12:cur_start]\n"
	           "\tclrex\n\tadrp x0, state%u\n\tadd x0, x0, :lo12:state%u\n"
	           "\tadd x2, x0, #%d\n\tadrp x3, scratch\n\tadd x3, x3, :lo12:scratch\n\tmov x4, #%d\n"
	           "1:\tldr q0, [x2], #16\n\tstr q0, [x3], #16\n\tsubs x4, x4, #1\n\tb.ne 1b\n"
	           "\tldr x1, [x0, #%d]\n\tmsr nzcv, x1\n\tldr x1, [x0, #%d]\n\tmsr fpcr, x1\n"
	           "\tldr x1, [x0, #%d]\n\tmsr fpsr, x1\n\tadd x1, x0, #%d\n",
	           s, s, s, s, s, D_SCR, SCRATCH / 16, D_NZCV, D_FPCR, D_FPSR, D_V);
	for (int i = 0; i < 32; i += 2)
		fprintf(f, "\tldp q%d, q%d, [x1], #32\n", i, i + 1);
	fprintf(f, "\tldr x1, [x0, #%d]\n\tmov sp, x1\n", D_SP);
	for (int i = 2; i < 30; i += 2)
		fprintf(f, "\tldp x%d, x%d, [x0, #%d]\n", i, i + 1, D_X + 8 * i);
	fprintf(f, "\tldr x30, [x0, #%d]\n\tldr x1, [x0, #%d]\n\tldr x0, [x0, #%d]\n", D_X + 240,
	        D_X + 8, D_X);
}

static void a64_emit_seq_end(FILE *f, unsigned s)
{
	fprintf(f, ".Lsave%u:\n\tmsr tpidr_el0, x0\n\tadrp x0, dump\n\tadd x0, x0, :lo12:dump\n"
	           "\tstr x1, [x0, #%d]\n",
	           s, D_X + 8);
	for (int i = 2; i < 30; i += 2)
		fprintf(f, "\tstp x%d, x%d, [x0, #%d]\n", i, i + 1, D_X + 8 * i);
	fprintf(f, "\tstr x30, [x0, #%d]\n\tmrs x1, tpidr_el0\n\tstr x1, [x0, #%d]\n"
	           "\tmov x1, sp\n\tstr x1, [x0, #%d]\n\tmrs x1, nzcv\n\tstr x1, [x0, #%d]\n"
	           "\tmrs x1, fpcr\n\tstr x1, [x0, #%d]\n\tmrs x1, fpsr\n\tstr x1, [x0, #%d]\n"
	           "\tadd x1, x0, #%d\n",
	           D_X + 240, D_X, D_SP, D_NZCV, D_FPCR, D_FPSR, D_V);
	for (int i = 0; i < 32; i += 2)
		fprintf(f, "\tstp q%d, q%d, [x1], #32\n", i, i + 1);
	fprintf(f, "\tadrp x2, scratch\n\tadd x2, x2, :lo12:scratch\n\tadd x3, x0, #%d\n\tmov x4, #%d\n"
	           "1:\tldr q0, [x2], #16\n\tstr q0, [x3], #16\n\tsubs x4, x4, #1\n\tb.ne 1b\n"
	           "\tmov x1, x0\n\tmov x0, #1\n\tmov x2, #%d\n\tmov x8, #64\n\tsvc #0\n"
	           "\tadrp x0, dump\n\tadd x0, x0, :lo12:dump\n\tstp xzr, xzr, [x0]\n\tb .Lseq%u\n",
	           D_SCR, SCRATCH / 16, D_BYTES, s + 1);
}

static void emit_quads(FILE *f, Rng *r, unsigned n, bool special)
{
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "%s0x%016" PRIx64 "%s", i % 4 ? ", " : "\t.8byte ",
		        special ? rng_value(r) : rng_next(r), i % 4 == 3 || i == n - 1 ? "\n" : "");
}

static void a64_emit_state(FILE *f, unsigned s, Rng *r)
{
	fprintf(f, "\t.balign 16\nstate%u:\n\t.8byte 0, 0\n", s);
	emit_quads(f, r, 31, true);
	fprintf(f, "\t.8byte 0x%016" PRIx64 "\n", rng_value(r)); /* sp */
	fprintf(f, "\t.8byte 0x%x, 0x%x, 0x%x, 0\n", rng_bits(r, 4) << 28,
	        (uint32_t)rng_next(r) & a64_sysregs[1].keep, (uint32_t)rng_next(r) & a64_sysregs[2].keep);
	emit_quads(f, r, 64, true);
	emit_quads(f, r, SCRATCH / 8, false);
}

const Isa isa_aarch64 = {
	.name = "aarch64",
	.pat = a64_pat,
	.npat = NPAT,
	.excluded = a64_excluded_line,
	.make = a64_make,
	.branch = a64_branch,
	.pcrel = a64_pcrel,
	.insn_bytes = a64_insn_bytes,
	.prefix_bytes = a64_prefix_bytes,
	.unit_bytes = a64_unit_bytes,
	.emit_unit = a64_emit_unit,
	.emit_head = a64_emit_head,
	.emit_seq_begin = a64_emit_seq_begin,
	.emit_seq_end = a64_emit_seq_end,
	.emit_state = a64_emit_state,
	.fields = a64_fields,
	.dump_bytes = D_BYTES,
	.as_march = "armv8-a+crc+aes+sha2+lse+rcpc",
};
