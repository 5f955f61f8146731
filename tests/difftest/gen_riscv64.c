/*
 * The riscv64 side of the differential tester: RV64GC from the frontend's own tables
 * (insn_table_int.h, insn_table_fp.h, insn_table_rvc.h). A line's don't-care bits are
 * filled at random; then the fields that would make a sequence leave its sandbox are
 * pinned:
 *   - gp (x3) always holds the dump record's address, so the epilogue can store every
 *     register without a free one: nothing writes x3 (rd = 3 is redrawn);
 *   - every load, store, AMO and LR/SC gets its base register set to the middle of the
 *     4 KiB scratch buffer just before it (lla), so any 12-bit offset stays inside;
 *   - LR is always followed by an SC of the same width on the same address, so no
 *     reservation outlives its unit and a lone SC always fails (the spec leaves an SC
 *     after other instructions, or to another address, free to succeed or fail);
 *   - branches go forward within the sequence (offsets are filled at emission), jalr
 *     and c.jr/c.jalr get their register loaded with the target first;
 *   - CSR accesses name fflags, frm or fcsr only (cycle, time and instret legitimately
 *     differ); a write that can leave frm at a reserved value (5-7) is followed by
 *     "csrrci x0, frm, 4", because an FP instruction with rm = dyn would then trap;
 *   - static rounding modes 5 and 6 are reserved and redrawn.
 * ecall, ebreak and c.ebreak trap by definition and are covered by tests/isa instead;
 * mret, sret, wfi and sfence.vma are privileged (illegal in user mode).
 */
#include <inttypes.h>
#include <string.h>

#include "frontends/riscv64/decode.h"
#include "frontends/riscv64/insn_table_fp.h"
#include "frontends/riscv64/insn_table_int.h"
#include "frontends/riscv64/insn_table_rvc.h"
#include "tests/difftest/difftest.h"

#define RVC_FMT (-1) /* compressed lines: handled by name */

static const Pattern rv_pat[] = {
#define LINE32(name, mask, match, fmt, fn) {#name, mask, match, fmt},
#define LINE16(name, mask, match, imm, fn) {#name, mask, match, RVC_FMT},
	RV_INSN_TABLE_INT(LINE32) RV_INSN_TABLE_FP(LINE32) RV_INSN_TABLE_RVC(LINE16)
#undef LINE32
#undef LINE16
};
#define NPAT (sizeof rv_pat / sizeof rv_pat[0])

enum { GP = 3, SCRATCH = 4160, SCRATCH_MID = 2048 };
/* The dump record: signal number and faulting pc offset, x1..x31, f0..f31, fcsr, the
 * scratch buffer. The initial-state block has the same layout. */
enum { D_SIG = 0, D_PC = 8, D_X = 16, D_F = D_X + 31 * 8, D_FCSR = D_F + 32 * 8,
       D_SCR = D_FCSR + 8, D_BYTES = D_SCR + SCRATCH };

static const DumpField rv_fields[] = {
	{"signal", D_SIG, 8, 1}, {"fault_pc_offset", D_PC, 8, 1},
	{"x1", D_X, 8, 1}, {"sp", D_X + 8, 8, 1}, {"gp", D_X + 16, 8, 1}, {"x4", D_X + 24, 8, 1},
	{"x5", D_X + 32, 8, 1}, {"x6", D_X + 40, 8, 1}, {"x7", D_X + 48, 8, 1},
	{"x8", D_X + 56, 8, 1}, {"x9", D_X + 64, 8, 1}, {"x10", D_X + 72, 8, 1},
	{"x11", D_X + 80, 8, 1}, {"x12", D_X + 88, 8, 1}, {"x13", D_X + 96, 8, 1},
	{"x14", D_X + 104, 8, 1}, {"x15", D_X + 112, 8, 1}, {"x16", D_X + 120, 8, 1},
	{"x17", D_X + 128, 8, 1}, {"x18", D_X + 136, 8, 1}, {"x19", D_X + 144, 8, 1},
	{"x20", D_X + 152, 8, 1}, {"x21", D_X + 160, 8, 1}, {"x22", D_X + 168, 8, 1},
	{"x23", D_X + 176, 8, 1}, {"x24", D_X + 184, 8, 1}, {"x25", D_X + 192, 8, 1},
	{"x26", D_X + 200, 8, 1}, {"x27", D_X + 208, 8, 1}, {"x28", D_X + 216, 8, 1},
	{"x29", D_X + 224, 8, 1}, {"x30", D_X + 232, 8, 1}, {"x31", D_X + 240, 8, 1},
	{"f", D_F, 8, 32}, {"fcsr", D_FCSR, 8, 1}, {NULL, 0, 0, 0},
};

static bool is_rvc(unsigned idx) { return rv_pat[idx].fmt == RVC_FMT; }
static bool named(unsigned idx, const char *n) { return strcmp(rv_pat[idx].name, n) == 0; }
static uint32_t field(uint32_t w, int lo, int n) { return (w >> lo) & ((1u << n) - 1); }
static uint32_t setf(uint32_t w, int lo, int n, uint32_t v)
{
	uint32_t m = ((1u << n) - 1) << lo;
	return (w & ~m) | ((v << lo) & m);
}

/* Lines that never take part, and the rule why. */
static const struct {
	const char *name, *why;
} rv_excluded[] = {
	{"ecall", "traps to the system by definition (tests/isa covers syscalls)"},
	{"ebreak", "raises a breakpoint exception by definition (tests/isa/riscv64/sig_skip.S)"},
	{"c_ebreak", "raises a breakpoint exception by definition"},
	{"mret", "privileged: illegal in user mode (tests/unit/test_rv_mmu.c covers it)"},
	{"sret", "privileged: illegal in user mode"},
	{"wfi", "privileged: illegal in user mode"},
	{"sfence_vma", "privileged: illegal in user mode"},
};

static const char *rv_excluded_line(unsigned idx)
{
	for (unsigned i = 0; i < sizeof rv_excluded / sizeof rv_excluded[0]; i++)
		if (named(idx, rv_excluded[i].name))
			return rv_excluded[i].why;
	return NULL;
}

/* How a unit is put together; derived from the line and the word alone, so a case file
 * needs nothing else. */
typedef enum {
	U_PLAIN,
	U_MEM,      /* lla rs1, scratch_mid; word */
	U_MEM_RVC,  /* lla rs1', scratch_mid; word */
	U_MEM_SP,   /* lla sp, scratch_mid; word */
	U_LR,       /* lla rs1; lr; sc rd, rd, (rs1) */
	U_JALR,     /* lla rs1, target - imm; word */
	U_CJR,      /* lla rs1, target; word */
	U_FRM_FIX,  /* word; csrrci x0, frm, 4 */
} UnitKind;

static bool is_mem32(unsigned idx)
{
	int f = rv_pat[idx].fmt;
	uint32_t op = rv_pat[idx].match & 0x7f;
	return (f == RVF_I_LOAD && !named(idx, "jalr")) || f == RVF_S || f == RVF_AMO ||
	       f == RVF_LR || op == 0x07 || op == 0x27;
}

static bool csr_may_break_frm(unsigned idx, uint32_t w)
{
	uint32_t csr = w >> 20, f3 = field(w, 12, 3), src = field(w, 15, 5);
	if (csr != 2 && csr != 3)
		return false;
	/* csrrw always writes, csrrs only with a non-zero source, csrrc only clears bits;
	 * csrrwi and csrrsi on fcsr only reach fflags (uimm is 5 bits). */
	switch (f3) {
	case 1: return true;
	case 2: return src != 0;
	case 5: return csr == 2 && src > 4;
	case 6: return csr == 2 && src != 0;
	default: return false;
	}
}

static UnitKind rv_kind(unsigned idx, uint32_t w)
{
	const char *n = rv_pat[idx].name;
	if (is_rvc(idx)) {
		static const char *const mem_rvc[] = {"c_fld", "c_lw", "c_ld", "c_fsd", "c_sw", "c_sd"};
		static const char *const mem_sp[] = {"c_fldsp", "c_lwsp", "c_ldsp", "c_fsdsp",
		                                     "c_swsp", "c_sdsp"};
		for (unsigned i = 0; i < 6; i++) {
			if (strcmp(n, mem_rvc[i]) == 0)
				return U_MEM_RVC;
			if (strcmp(n, mem_sp[i]) == 0)
				return U_MEM_SP;
		}
		if (strcmp(n, "c_jr") == 0 || strcmp(n, "c_jalr") == 0)
			return U_CJR;
		return U_PLAIN;
	}
	if (named(idx, "jalr"))
		return U_JALR;
	if (rv_pat[idx].fmt == RVF_LR)
		return U_LR;
	if (is_mem32(idx))
		return U_MEM;
	if ((rv_pat[idx].fmt == RVF_CSR || rv_pat[idx].fmt == RVF_CSRI) && csr_may_break_frm(idx, w))
		return U_FRM_FIX;
	return U_PLAIN;
}

/* Registers named by the 5-bit field at bit 7 for the compressed lines that have one
 * there: quadrant 1 funct3 000-011 and all of quadrant 2. */
static bool rvc_has_rd(uint32_t w) { return (w & 3) == 2 || ((w & 3) == 1 && field(w, 13, 3) < 4); }

static bool make_rvc(Rng *r, unsigned idx, uint32_t *word)
{
	uint32_t w = rv_pat[idx].match | (rng_bits(r, 16) & ~rv_pat[idx].mask & 0xffff);
	if (rvc_has_rd(w) && field(w, 7, 5) == GP)
		return false;
	UnitKind k = rv_kind(idx, w);
	if (k == U_CJR && field(w, 7, 5) == 0)
		return false;
	*word = w;
	return true;
}

static bool rv_make(Rng *r, unsigned idx, uint32_t *word)
{
	if (is_rvc(idx))
		return make_rvc(r, idx, word);
	const Pattern *p = &rv_pat[idx];
	uint32_t w = p->match | (rng_bits(r, 32) & ~p->mask);
	int f = p->fmt;
	if (f != RVF_S && f != RVF_B && field(w, 7, 5) == GP)
		return false;
	switch (f) {
	case RVF_R4: case RVF_FR_RM: case RVF_FR1_RM:
		if (field(w, 12, 3) == 5 || field(w, 12, 3) == 6)
			return false;
		break;
	case RVF_CSR: case RVF_CSRI:
		w = setf(w, 20, 12, 1 + rng_below(r, 3));
		break;
	case RVF_FENCE:
		/* fm = 0 (fence.tso is its own line), rd and rs1 reserved as zero */
		w = setf(setf(setf(w, 28, 4, 0), 7, 5, 0), 15, 5, 0);
		break;
	default:
		break;
	}
	UnitKind k = rv_kind(idx, w);
	uint32_t rs1 = field(w, 15, 5), rd = field(w, 7, 5);
	if ((k == U_MEM || k == U_LR || k == U_JALR) && (rs1 == 0 || rs1 == GP))
		return false;
	if (k == U_LR && rd == rs1)
		return false;
	*word = w;
	return true;
}

static BranchKind rv_branch(unsigned idx, uint32_t w)
{
	const char *n = rv_pat[idx].name;
	if (rv_pat[idx].fmt == RVF_B || rv_pat[idx].fmt == RVF_J || strcmp(n, "c_j") == 0 ||
	    strcmp(n, "c_beqz") == 0 || strcmp(n, "c_bnez") == 0)
		return BR_DIRECT;
	UnitKind k = rv_kind(idx, w);
	return k == U_JALR || k == U_CJR ? BR_INDIRECT : BR_NONE;
}

static bool rv_pcrel(unsigned idx) { return rv_branch(idx, 0) == BR_DIRECT; }

static unsigned rv_insn_bytes(uint32_t w) { return (w & 3) == 3 ? 4 : 2; }

static unsigned rv_prefix_bytes(unsigned idx, uint32_t w)
{
	return rv_kind(idx, w) == U_PLAIN || rv_kind(idx, w) == U_FRM_FIX ? 0 : 8;
}

static unsigned rv_unit_bytes(unsigned idx, uint32_t w)
{
	UnitKind k = rv_kind(idx, w);
	return rv_prefix_bytes(idx, w) + rv_insn_bytes(w) + (k == U_LR || k == U_FRM_FIX ? 4 : 0);
}

static uint32_t with_offset(unsigned idx, uint32_t w, long off)
{
	uint32_t o = (uint32_t)off;
	const char *n = rv_pat[idx].name;
	if (rv_pat[idx].fmt == RVF_B)
		return (w & 0x01fff07fu) | (field(o, 12, 1) << 31) | (field(o, 5, 6) << 25) |
		       (field(o, 1, 4) << 8) | (field(o, 11, 1) << 7);
	if (rv_pat[idx].fmt == RVF_J)
		return (w & 0xfffu) | (field(o, 20, 1) << 31) | (field(o, 1, 10) << 21) |
		       (field(o, 11, 1) << 20) | (field(o, 12, 8) << 12);
	if (strcmp(n, "c_j") == 0)
		return (w & 0xe003u) | (field(o, 11, 1) << 12) | (field(o, 4, 1) << 11) |
		       (field(o, 8, 2) << 9) | (field(o, 10, 1) << 8) | (field(o, 6, 1) << 7) |
		       (field(o, 7, 1) << 6) | (field(o, 1, 3) << 3) | (field(o, 5, 1) << 2);
	if (strcmp(n, "c_beqz") == 0 || strcmp(n, "c_bnez") == 0)
		return (w & 0xe383u) | (field(o, 8, 1) << 12) | (field(o, 3, 2) << 10) |
		       (field(o, 6, 2) << 5) | (field(o, 1, 2) << 3) | (field(o, 5, 1) << 2);
	return w;
}

static void put_word(FILE *f, uint32_t w)
{
	if ((w & 3) == 3)
		fprintf(f, "\t.4byte 0x%08" PRIx32 "\n", w);
	else
		fprintf(f, "\t.2byte 0x%04" PRIx32 "\n", w);
}

static void rv_emit_unit(FILE *f, unsigned idx, uint32_t w, const char *target, long off)
{
	uint32_t rs1 = field(w, 15, 5);
	int32_t imm = (int32_t)w >> 20;
	switch (rv_kind(idx, w)) {
	case U_MEM: fprintf(f, "\tlla x%u, scratch+%d\n", rs1, SCRATCH_MID); break;
	case U_LR: fprintf(f, "\tlla x%u, scratch+%d\n", rs1, SCRATCH_MID); break;
	case U_MEM_RVC: fprintf(f, "\tlla x%u, scratch+%d\n", 8 + field(w, 7, 3), SCRATCH_MID); break;
	case U_MEM_SP: fprintf(f, "\tlla sp, scratch+%d\n", SCRATCH_MID); break;
	case U_JALR: fprintf(f, "\tlla x%u, %s%+d\n", rs1, target, -imm); break;
	case U_CJR: fprintf(f, "\tlla x%u, %s\n", field(w, 7, 5), target); break;
	default: break;
	}
	put_word(f, rv_branch(idx, w) == BR_DIRECT ? with_offset(idx, w, off) : w);
	if (rv_kind(idx, w) == U_LR) {
		/* sc.w/sc.d rd, rd, (rs1) with the lr's width and ordering bits */
		uint32_t rd = field(w, 7, 5);
		put_word(f, (w & 0x0600707fu) | 0x18000000u | (rd << 20) | (rs1 << 15) | (rd << 7));
	}
	if (rv_kind(idx, w) == U_FRM_FIX)
		fprintf(f, "\tcsrrci x0, frm, 4\n");
}

/* Signals a sequence may end with: SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV. */
static const int rv_signals[] = {4, 5, 7, 8, 11};

static void rv_emit_head(FILE *f, unsigned nseq)
{
	fprintf(f, "\t.option norelax\n\t.option norvc\n\t.text\n\t.globl _start\n_start:\n"
	           "\tla a0, altstack_desc\n\tli a1, 0\n\tli a7, 132\n\tecall\n");
	for (unsigned i = 0; i < sizeof rv_signals / sizeof rv_signals[0]; i++)
		fprintf(f, "\tli a0, %d\n\tla a1, sigact\n\tli a2, 0\n\tli a3, 8\n\tli a7, 134\n\tecall\n",
		        rv_signals[i]);
	fprintf(f, "\tj .Lseq0\n"
	           /* the handler records the signal and the pc relative to the sequence, then
	            * resumes at the sequence's epilogue with the interrupted registers */
	           "handler:\n\tla t0, dump\n\tsd a0, %d(t0)\n\tld t1, 176(a2)\n"
	           "\tla t2, cur_start\n\tld t2, 0(t2)\n\tsub t1, t1, t2\n\tsd t1, %d(t0)\n"
	           "\tla t2, cur_save\n\tld t2, 0(t2)\n\tsd t2, 176(a2)\n\tret\n",
	           D_SIG, D_PC);
	fprintf(f, "\t.data\n\t.balign 16\n"
	           "sigact:\t.dword handler, 0x08000004, 0\n" /* SA_ONSTACK | SA_SIGINFO */
	           "altstack_desc:\t.dword altstack, 0, 65536\n"
	           "cur_start:\t.dword 0\ncur_save:\t.dword 0\n"
	           "\t.bss\n\t.balign 16\naltstack:\t.zero 65536\n"
	           "dump:\t.zero %d\nscratch:\t.zero %d\n\t.text\n",
	           D_BYTES, SCRATCH);
	(void)nseq;
}

static void rv_emit_seq_begin(FILE *f, unsigned s)
{
	fprintf(f, ".Lseq%u:\n\tla t0, .Lsave%u\n\tla t1, cur_save\n\tsd t0, 0(t1)\n"
	           "\tla t0, .Lu%u_0\n\tla t1, cur_start\n\tsd t0, 0(t1)\n"
	           "\tla t0, state%u+%d\n\tla t1, scratch\n\tli t2, %d\n"
	           "1:\tld t3, 0(t0)\n\tsd t3, 0(t1)\n\taddi t0, t0, 8\n\taddi t1, t1, 8\n"
	           "\taddi t2, t2, -1\n\tbnez t2, 1b\n"
	           "\tla gp, state%u\n\tld t0, %d(gp)\n\tfscsr t0\n",
	           s, s, s, s, D_SCR, SCRATCH / 8, s, D_FCSR);
	for (int i = 0; i < 32; i++)
		fprintf(f, "\tfld f%d, %d(gp)\n", i, D_F + 8 * i);
	for (int i = 1; i < 32; i++)
		if (i != GP)
			fprintf(f, "\tld x%d, %d(gp)\n", i, D_X + 8 * (i - 1));
	fprintf(f, "\tla gp, dump\n");
}

static void rv_emit_seq_end(FILE *f, unsigned s)
{
	fprintf(f, "\t.option norvc\n.Lsave%u:\n", s);
	for (int i = 1; i < 32; i++)
		fprintf(f, "\tsd x%d, %d(gp)\n", i, D_X + 8 * (i - 1));
	for (int i = 0; i < 32; i++)
		fprintf(f, "\tfsd f%d, %d(gp)\n", i, D_F + 8 * i);
	fprintf(f, "\tfrcsr t0\n\tsd t0, %d(gp)\n"
	           "\tla t0, scratch\n\taddi t1, gp, %d\n\tli t2, %d\n"
	           "1:\tld t3, 0(t0)\n\tsd t3, 0(t1)\n\taddi t0, t0, 8\n\taddi t1, t1, 8\n"
	           "\taddi t2, t2, -1\n\tbnez t2, 1b\n"
	           "\tli a0, 1\n\tmv a1, gp\n\tli a2, %d\n\tli a7, 64\n\tecall\n"
	           "\tsd x0, %d(gp)\n\tsd x0, %d(gp)\n",
	           D_FCSR, D_SCR, SCRATCH / 8, D_BYTES, D_SIG, D_PC);
	fprintf(f, "\tj .Lseq%u\n", s + 1);
}

static void emit_quads(FILE *f, Rng *r, unsigned n, bool special)
{
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "%s0x%016" PRIx64 "%s", i % 4 ? ", " : "\t.8byte ",
		        special ? rng_value(r) : rng_next(r), i % 4 == 3 || i == n - 1 ? "\n" : "");
}

static void rv_emit_state(FILE *f, unsigned s, Rng *r)
{
	fprintf(f, "state%u:\n\t.8byte 0, 0\n", s);
	emit_quads(f, r, 31, true);
	emit_quads(f, r, 32, true);
	/* frm 0-4 (5-7 are reserved), any accrued flags */
	fprintf(f, "\t.8byte 0x%x\n", (rng_below(r, 5) << 5) | rng_bits(r, 5));
	emit_quads(f, r, SCRATCH / 8, false);
}

/* After the last sequence: exit(0). */
static void rv_emit_tail(FILE *f, unsigned nseq)
{
	fprintf(f, "\t.text\n.Lseq%u:\n\tli a0, 0\n\tli a7, 93\n\tecall\n", nseq);
}

static void rv_emit_head_and_tail(FILE *f, unsigned nseq)
{
	rv_emit_head(f, nseq);
	rv_emit_tail(f, nseq);
}

const Isa isa_riscv64 = {
	.name = "riscv64",
	.pat = rv_pat,
	.npat = NPAT,
	.excluded = rv_excluded_line,
	.make = rv_make,
	.branch = rv_branch,
	.pcrel = rv_pcrel,
	.insn_bytes = rv_insn_bytes,
	.prefix_bytes = rv_prefix_bytes,
	.unit_bytes = rv_unit_bytes,
	.emit_unit = rv_emit_unit,
	.emit_head = rv_emit_head_and_tail,
	.emit_seq_begin = rv_emit_seq_begin,
	.emit_seq_end = rv_emit_seq_end,
	.emit_state = rv_emit_state,
	.fields = rv_fields,
	.dump_bytes = D_BYTES,
	.as_march = "rv64gc_zifencei",
};
