/*
 * difftest: the generator and comparator of the differential tester (tests/difftest/).
 *
 *   difftest pool ISA SEED COUNT        COUNT candidate instructions, "IDX WORD K" lines,
 *                                       visiting the ISA's decode-table lines in turn; K
 *                                       is f when binutils should check the word, k when
 *                                       it cannot (pc-relative targets)
 *   difftest cases ISA SEED NSEQ LEN POOL
 *                                       a case file: NSEQ sequences of LEN units cut from
 *                                       POOL (the candidates binutils accepted)
 *   difftest emit CASE                  the case as a freestanding assembly program
 *   difftest diff ISA EXPECTED ACTUAL   compares two dumps record by record, names the
 *                                       differing registers; status 1 on a difference
 *   difftest list ISA                   the table lines and why any is never generated
 *   difftest signals ISA DUMP           how many of the dump's sequences ended in a signal
 *   difftest recsize ISA                bytes of one sequence's dump record
 *   difftest march ISA                  the -march binutils checks candidates against
 *   difftest rt-src ISA POOL            the binutils round trip (run.sh): the candidates
 *   difftest rt-asm ISA POOL DISASM     as source, their disassembly as source again,
 *   difftest rt-keep ISA POOL BINARY    and the candidates that came back identical
 *
 * A case file is text: "isa NAME", then per sequence "seq STATESEED LEN" and one
 * "u IDX WORD SKIP" line per unit (SKIP: how many following units a direct branch
 * jumps over). The shrinker (run.sh) edits these lines, so everything position-dependent
 * (branch offsets, labels) is computed here at emission. The regression files
 * (regress/NAME.case) are such case files: the program around their units is emitted here
 * anew on every run, so it exists only in this generator.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tests/difftest/difftest.h"

static const Isa *const isas[] = {&isa_riscv64, &isa_aarch64};

uint64_t rng_next(Rng *r)
{
	/* splitmix64: every seed, even 0, gives a full-period stream */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Values where arithmetic has edges: each entry is picked as often as a fully random
 * value, so a sequence sees them in most of its registers. */
static const uint64_t special_values[] = {
	0, 1, 2, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffffffffffffull,
	0x80000000ull, 0x7fffffffull, 0xffffffffull, 0xffffffff80000000ull, 0xffffffff7fffffffull,
	0x3ff0000000000000ull,                    /* 1.0 */
	0x7ff0000000000000ull,                    /* +inf */
	0xfff0000000000000ull,                    /* -inf */
	0x7ff8000000000000ull,                    /* default qNaN */
	0x7ff4000000000000ull,                    /* sNaN */
	0xfff8000000000001ull,                    /* negative qNaN with payload */
	0x0000000000000001ull,                    /* smallest subnormal */
	0x000fffffffffffffull,                    /* largest subnormal */
	0x7fefffffffffffffull,                    /* largest normal */
	0x43e0000000000000ull,                    /* 2^63: integer conversion edge */
	0xffffffff3f800000ull,                    /* 1.0f, not NaN-boxed */
	0xffffffff7f800000ull,                    /* +inf as f32, boxed */
	0xffffffff7fc00000ull,                    /* f32 qNaN, boxed */
	0xffffffff7fa00000ull,                    /* f32 sNaN, boxed */
	0xffffffff00000001ull,                    /* f32 subnormal, boxed */
	0xffffffff4f000000ull,                    /* 2^31 as f32: integer conversion edge */
	0x000000007f7fffffull,                    /* largest f32, upper half zero */
	0x00000000ff800000ull,                    /* -inf as f32, not boxed */
	0x8000800080008000ull,                    /* lane sign bits for 16-bit lanes */
	0x7f7f7f7f80808080ull,                    /* byte saturation edges */
};

uint64_t rng_value(Rng *r)
{
	unsigned n = sizeof special_values / sizeof special_values[0];
	uint32_t pick = rng_below(r, 2 * n);
	return pick < n ? special_values[pick] : rng_next(r);
}

static const Isa *isa_by_name(const char *name)
{
	for (unsigned i = 0; i < sizeof isas / sizeof isas[0]; i++)
		if (strcmp(isas[i]->name, name) == 0)
			return isas[i];
	fprintf(stderr, "difftest: unknown ISA %s\n", name);
	exit(2);
}

static uint64_t parse_u64(const char *s)
{
	char *end;
	errno = 0;
	uint64_t v = strtoull(s, &end, 0);
	if (errno || *end) {
		fprintf(stderr, "difftest: bad number %s\n", s);
		exit(2);
	}
	return v;
}

/* The line a decoder that takes the first match would pick for w, among the lines of
 * w's width; a random fill can turn one line's instance into another's encoding (c.mv
 * with rs2 = 0 is c.jr), and the instance must be what its line says. */
static unsigned first_match(const Isa *isa, uint32_t w)
{
	for (unsigned i = 0; i < isa->npat; i++)
		if (isa->insn_bytes(isa->pat[i].match) == isa->insn_bytes(w) &&
		    (w & isa->pat[i].mask) == isa->pat[i].match)
			return i;
	return isa->npat;
}

static int cmd_pool(const Isa *isa, uint64_t seed, uint64_t count)
{
	Rng r = {seed};
	unsigned *usable = calloc(isa->npat, sizeof *usable), nusable = 0;
	for (unsigned i = 0; i < isa->npat; i++)
		if (!isa->excluded(i))
			usable[nusable++] = i;
	/* Visit the lines in a random order, over and over, so every line gets its share
	 * however short the run. */
	for (uint64_t k = 0; k < count; k++) {
		if (k % nusable == 0)
			for (unsigned i = nusable - 1; i > 0; i--) {
				unsigned j = rng_below(&r, i + 1), t = usable[i];
				usable[i] = usable[j];
				usable[j] = t;
			}
		unsigned idx = usable[k % nusable];
		uint32_t word;
		int tries = 0;
		while ((!isa->make(&r, idx, &word) || first_match(isa, word) != idx) && ++tries < 1000)
			;
		/* a line wholly shadowed by earlier ones has nothing of its own to test */
		if (tries == 1000)
			continue;
		printf("%u 0x%08" PRIx32 " %c\n", idx, word, isa->pcrel(idx) ? 'k' : 'f');
	}
	free(usable);
	return 0;
}

static int cmd_cases(const Isa *isa, uint64_t seed, unsigned nseq, unsigned len, const char *pool)
{
	Rng r = {seed};
	FILE *f = fopen(pool, "r");
	if (!f) {
		perror(pool);
		return 2;
	}
	printf("isa %s\n", isa->name);
	unsigned idx, seq = 0, n = 0;
	uint32_t word;
	while (seq < nseq && fscanf(f, "%u %" SCNx32, &idx, &word) == 2) {
		if (idx >= isa->npat)
			continue;
		if (n == 0)
			printf("seq %" PRIu64 " %u\n", rng_next(&r), len);
		/* Short forward hops: most land inside the sequence, some on its end. */
		unsigned skip = isa->branch(idx, word) == BR_NONE ? 0 : rng_below(&r, 4);
		printf("u %u 0x%08" PRIx32 " %u\n", idx, word, skip);
		if (++n == len) {
			n = 0;
			seq++;
		}
	}
	fclose(f);
	return 0;
}

typedef struct Unit {
	unsigned idx, skip;
	uint32_t word;
} Unit;

static void emit_sequence(FILE *out, const Isa *isa, unsigned seq, const Unit *u, unsigned n)
{
	isa->emit_seq_begin(out, seq);
	for (unsigned i = 0; i < n; i++) {
		unsigned t = i + 1 + u[i].skip;
		if (t > n)
			t = n;
		long off = (long)isa->unit_bytes(u[i].idx, u[i].word) -
		           isa->prefix_bytes(u[i].idx, u[i].word);
		for (unsigned j = i + 1; j < t; j++)
			off += isa->unit_bytes(u[j].idx, u[j].word);
		char target[32];
		snprintf(target, sizeof target, ".Lu%u_%u", seq, t);
		fprintf(out, ".Lu%u_%u:\n", seq, i);
		isa->emit_unit(out, u[i].idx, u[i].word, target, off);
	}
	fprintf(out, ".Lu%u_%u:\n", seq, n);
	isa->emit_seq_end(out, seq);
}

static int cmd_emit(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	char name[32];
	if (fscanf(f, " isa %31s", name) != 1) {
		fprintf(stderr, "difftest: %s: no isa line\n", path);
		return 2;
	}
	const Isa *isa = isa_by_name(name);
	/* Read everything first: the head needs the number of sequences. */
	size_t cap = 1024, nu = 0, nseq = 0, scap = 64;
	Unit *units = malloc(cap * sizeof *units);
	struct {
		uint64_t seed;
		size_t first, n;
	} *seqs = malloc(scap * sizeof *seqs);
	char kind[8];
	while (fscanf(f, " %7s", kind) == 1) {
		if (strcmp(kind, "seq") == 0) {
			unsigned len;
			if (nseq == scap)
				seqs = realloc(seqs, (scap *= 2) * sizeof *seqs);
			if (fscanf(f, "%" SCNu64 " %u", &seqs[nseq].seed, &len) != 2)
				break;
			seqs[nseq].first = nu;
			seqs[nseq].n = 0;
			nseq++;
		} else if (strcmp(kind, "u") == 0 && nseq > 0) {
			if (nu == cap)
				units = realloc(units, (cap *= 2) * sizeof *units);
			Unit *u = &units[nu];
			if (fscanf(f, "%u %" SCNx32 " %u", &u->idx, &u->word, &u->skip) != 3)
				break;
			/* A kept regression case names its table line by index; when lines have
			 * been added since, the word's own line is the one it was made for. */
			if (u->idx >= isa->npat ||
			    (u->word & isa->pat[u->idx].mask) != isa->pat[u->idx].match)
				u->idx = first_match(isa, u->word);
			if (u->idx >= isa->npat) {
				fprintf(stderr,
				        "difftest: %s: 0x%08" PRIx32 " matches no table line\n",
				        path, u->word);
				return 2;
			}
			nu++;
			seqs[nseq - 1].n++;
		} else {
			fprintf(stderr, "difftest: %s: bad line starting %s\n", path, kind);
			return 2;
		}
	}
	fclose(f);
	isa->emit_head(stdout, (unsigned)nseq);
	for (size_t s = 0; s < nseq; s++)
		emit_sequence(stdout, isa, (unsigned)s, units + seqs[s].first, (unsigned)seqs[s].n);
	printf("\t.data\n\t.balign 16\n");
	for (size_t s = 0; s < nseq; s++) {
		Rng r = {seqs[s].seed};
		isa->emit_state(stdout, (unsigned)s, &r);
	}
	free(units);
	free(seqs);
	return 0;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 20, n = 0, got;
	unsigned char *buf = malloc(cap);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0)
		if ((n += got) == cap)
			buf = realloc(buf, cap *= 2);
	fclose(f);
	*len = n;
	return buf;
}

static void print_value(const unsigned char *p, unsigned size)
{
	printf("0x");
	for (unsigned i = size; i-- > 0;)
		printf("%02x", p[i]);
}

/* Prints the fields of one record that differ; returns how many. */
static unsigned diff_record(const Isa *isa, size_t rec, const unsigned char *a,
                            const unsigned char *b)
{
	unsigned ndiff = 0, covered = 0;
	for (const DumpField *fl = isa->fields; fl->name; fl++) {
		for (unsigned k = 0; k < fl->count; k++) {
			unsigned off = fl->off + k * fl->size;
			covered = off + fl->size > covered ? off + fl->size : covered;
			if (memcmp(a + off, b + off, fl->size) == 0)
				continue;
			printf("  seq %zu %s", rec, fl->name);
			if (fl->count > 1)
				printf("%u", k);
			printf(": expected ");
			print_value(a + off, fl->size);
			printf(" got ");
			print_value(b + off, fl->size);
			printf("\n");
			ndiff++;
		}
	}
	/* The rest of the record is the scratch buffer. */
	for (unsigned off = covered; off + 8 <= isa->dump_bytes; off += 8)
		if (memcmp(a + off, b + off, 8) != 0) {
			if (ndiff < 40) {
				printf("  seq %zu scratch+%u: expected ", rec, off - covered);
				print_value(a + off, 8);
				printf(" got ");
				print_value(b + off, 8);
				printf("\n");
			}
			ndiff++;
		}
	return ndiff;
}

static int cmd_diff(const Isa *isa, const char *pa, const char *pb)
{
	size_t la, lb;
	unsigned char *a = slurp(pa, &la), *b = slurp(pb, &lb);
	size_t na = la / isa->dump_bytes, nb = lb / isa->dump_bytes, n = na < nb ? na : nb;
	long first = -1;
	for (size_t rec = 0; rec < n; rec++) {
		const unsigned char *ra = a + rec * isa->dump_bytes, *rb = b + rec * isa->dump_bytes;
		if (memcmp(ra, rb, isa->dump_bytes) == 0)
			continue;
		if (first < 0)
			first = (long)rec;
		diff_record(isa, rec, ra, rb);
	}
	if (la != lb) {
		printf("  dump sizes differ: expected %zu records (%zu bytes), got %zu (%zu bytes)\n",
		       na, la, nb, lb);
		if (first < 0)
			first = (long)n;
	}
	free(a);
	free(b);
	if (first >= 0) {
		printf("FIRST %ld\n", first);
		return 1;
	}
	return 0;
}

/* The pool file: "IDX WORD K" lines. */
typedef struct Cand {
	unsigned idx;
	uint32_t word;
	char keep;
} Cand;

static Cand *read_pool(const Isa *isa, const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1024;
	Cand *c = malloc(cap * sizeof *c);
	*n = 0;
	while (fscanf(f, "%u %" SCNx32 " %c", &c[*n].idx, &c[*n].word, &c[*n].keep) == 3)
		if (c[*n].idx < isa->npat && ++*n == cap)
			c = realloc(c, (cap *= 2) * sizeof *c);
	fclose(f);
	return c;
}

static void put_cand_word(const Isa *isa, uint32_t w)
{
	/* .insn and .inst mark the words as code, or objdump would show them as data */
	if (strcmp(isa->name, "aarch64") == 0)
		printf(".inst 0x%08" PRIx32 "\n", w);
	else
		printf(".insn 0x%0*" PRIx32 "\n", isa->insn_bytes(w) == 4 ? 8 : 4, w);
}

/* The round trip, step 1: every candidate in its own 4-byte slot. */
static int cmd_rt_src(const Isa *isa, const char *pool)
{
	size_t n;
	Cand *c = read_pool(isa, pool, &n);
	for (size_t i = 0; i < n; i++) {
		printf(".org %zu; ", 4 * i);
		put_cand_word(isa, c[i].word);
	}
	free(c);
	return 0;
}

/* Step 2: the disassembly (objdump --no-show-raw-insn) as source again, one line per
 * slot; a slot binutils could not name gets a half-word that matches no candidate. */
static int cmd_rt_asm(const Isa *isa, const char *pool, const char *dis)
{
	size_t n;
	Cand *c = read_pool(isa, pool, &n);
	char **text = calloc(n ? n : 1, sizeof *text);
	FILE *f = fopen(dis, "r");
	if (!f) {
		perror(dis);
		return 2;
	}
	char line[512];
	bool rv = strcmp(isa->name, "riscv64") == 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long addr;
		int pos;
		if (sscanf(line, " %lx:\t%n", &addr, &pos) != 1 || pos == 0 || addr % 4 ||
		    addr / 4 >= n)
			continue;
		char *t = line + pos;
		t[strcspn(t, "\n")] = 0;
		char *cmt = strstr(t, rv ? "#" : "//");
		if (cmt)
			*cmt = 0;
		for (char *q = t; *q; q++)
			if (*q == '\t')
				*q = ' ';
		if (t[0] == '.' || t[0] == 0 || strstr(t, "undefined") || strstr(t, "unknown") ||
		    strncmp(t, "unimp", 5) == 0)
			continue;
		free(text[addr / 4]);
		text[addr / 4] = strdup(t);
	}
	fclose(f);
	if (!rv)
		printf(".arch %s\n", isa->as_march);
	for (size_t i = 0; i < n; i++) {
		const char *opt = !rv ? "" : isa->insn_bytes(c[i].word) == 4 ? ".option norvc; " : ".option rvc; ";
		printf(".org %zu; %s%s\n", 4 * i, opt, text[i] ? text[i] : ".2byte 0");
		free(text[i]);
	}
	free(text);
	free(c);
	return 0;
}

/* Step 3: keep the candidates whose slot came back identical, and the pc-relative ones. */
static int cmd_rt_keep(const Isa *isa, const char *pool, const char *bin)
{
	size_t n, len;
	Cand *c = read_pool(isa, pool, &n);
	unsigned char *b = slurp(bin, &len);
	for (size_t i = 0; i < n; i++) {
		unsigned size = isa->insn_bytes(c[i].word);
		uint32_t got = 0;
		for (unsigned k = 0; k < size && 4 * i + k < len; k++)
			got |= (uint32_t)b[4 * i + k] << (8 * k);
		if (c[i].keep == 'k' || (4 * i + size <= len && got == c[i].word))
			printf("%u 0x%08" PRIx32 "\n", c[i].idx, c[i].word);
	}
	free(b);
	free(c);
	return 0;
}

/* How many records of a dump end with a signal. */
static int cmd_signals(const Isa *isa, const char *path)
{
	size_t len, n = 0;
	unsigned char *d = slurp(path, &len);
	for (size_t off = 0; off + isa->dump_bytes <= len; off += isa->dump_bytes) {
		uint64_t sig;
		memcpy(&sig, d + off, sizeof sig); /* the record's first field */
		n += sig != 0;
	}
	free(d);
	printf("%zu\n", n);
	return 0;
}

static int cmd_list(const Isa *isa)
{
	for (unsigned i = 0; i < isa->npat; i++) {
		const char *why = isa->excluded(i);
		printf("%u %s 0x%08" PRIx32 " 0x%08" PRIx32 " %s\n", i, isa->pat[i].name,
		       isa->pat[i].mask, isa->pat[i].match, why ? why : "-");
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "pool") == 0)
		return cmd_pool(isa_by_name(argv[2]), parse_u64(argv[3]), parse_u64(argv[4]));
	if (argc >= 7 && strcmp(argv[1], "cases") == 0)
		return cmd_cases(isa_by_name(argv[2]), parse_u64(argv[3]), (unsigned)parse_u64(argv[4]),
		                 (unsigned)parse_u64(argv[5]), argv[6]);
	if (argc >= 3 && strcmp(argv[1], "emit") == 0)
		return cmd_emit(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "diff") == 0)
		return cmd_diff(isa_by_name(argv[2]), argv[3], argv[4]);
	if (argc >= 3 && strcmp(argv[1], "list") == 0)
		return cmd_list(isa_by_name(argv[2]));
	if (argc >= 4 && strcmp(argv[1], "rt-src") == 0)
		return cmd_rt_src(isa_by_name(argv[2]), argv[3]);
	if (argc >= 5 && strcmp(argv[1], "rt-asm") == 0)
		return cmd_rt_asm(isa_by_name(argv[2]), argv[3], argv[4]);
	if (argc >= 5 && strcmp(argv[1], "rt-keep") == 0)
		return cmd_rt_keep(isa_by_name(argv[2]), argv[3], argv[4]);
	if (argc >= 4 && strcmp(argv[1], "signals") == 0)
		return cmd_signals(isa_by_name(argv[2]), argv[3]);
	if (argc >= 3 && strcmp(argv[1], "recsize") == 0)
		return printf("%u\n", isa_by_name(argv[2])->dump_bytes) < 0;
	if (argc >= 3 && strcmp(argv[1], "march") == 0)
		return puts(isa_by_name(argv[2])->as_march) < 0;
	fprintf(stderr, "usage: difftest pool ISA SEED COUNT | cases ISA SEED NSEQ LEN POOL | "
	                "emit CASE | diff ISA EXPECTED ACTUAL | list ISA | march ISA\n");
	return 2;
}
