/*
 * The differential tester's shared types. A guest ISA module (gen_riscv64.c,
 * gen_aarch64.c) describes its decode table (taken from the frontend's own
 * insn_table_*.h X-macro lines, so a new line is generated automatically), how to turn a
 * line into one valid, self-contained instruction ("make"), what has to surround that
 * instruction when it is assembled ("unit": a base-register set-up before a load, a
 * rounding-mode repair after an frm write), the assembly around each sequence, and the
 * layout of the register dump the sequence's epilogue writes to stdout.
 */
#ifndef FERRY_DIFFTEST_H
#define FERRY_DIFFTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Rng {
	uint64_t s;
} Rng;

uint64_t rng_next(Rng *r);
static inline uint32_t rng_bits(Rng *r, int n) { return (uint32_t)(rng_next(r) >> (64 - n)); }
static inline uint32_t rng_below(Rng *r, uint32_t n) { return (uint32_t)(rng_next(r) % n); }

/* One decode-table line. */
typedef struct Pattern {
	const char *name;
	uint32_t mask, match;
	int fmt;
} Pattern;

/* How a generated instruction relates to control flow. */
typedef enum {
	BR_NONE,     /* falls through */
	BR_DIRECT,   /* pc-relative branch: its offset field is filled at emission */
	BR_INDIRECT, /* register branch: the unit loads the target address first */
} BranchKind;

/* One named value of the dump (a register, a flag word); arrays cover vector lanes. */
typedef struct DumpField {
	const char *name;
	unsigned off, size, count;
} DumpField;

typedef struct Isa {
	const char *name;
	const Pattern *pat;
	unsigned npat;
	/* Why a whole line is never generated, or NULL. */
	const char *(*excluded)(unsigned idx);
	/* A random valid instance of line idx; false to try again. */
	bool (*make)(Rng *r, unsigned idx, uint32_t *word);
	BranchKind (*branch)(unsigned idx, uint32_t word);
	/* The line's disassembly shows a pc-relative target, so the binutils round trip
	 * cannot check it: its mask leaves only that offset (and registers) free. */
	bool (*pcrel)(unsigned idx);
	/* Bytes of the instruction word itself (2 for compressed riscv64 forms). */
	unsigned (*insn_bytes)(uint32_t word);
	/* Bytes the unit emits before the word, and in all. */
	unsigned (*prefix_bytes)(unsigned idx, uint32_t word);
	unsigned (*unit_bytes)(unsigned idx, uint32_t word);
	/* Writes the unit: prefix, word (with the branch offset filled in), suffix.
	 * target is the label a register branch must reach, off the byte offset of that
	 * label from the word. */
	void (*emit_unit)(FILE *f, unsigned idx, uint32_t word, const char *target, long off);
	void (*emit_head)(FILE *f, unsigned nseq);
	void (*emit_seq_begin)(FILE *f, unsigned seq);
	void (*emit_seq_end)(FILE *f, unsigned seq);
	/* The random initial state of one sequence: registers and the scratch buffer. */
	void (*emit_state)(FILE *f, unsigned seq, Rng *r);
	const DumpField *fields;
	unsigned dump_bytes; /* one sequence's record, scratch buffer included */
	const char *as_march; /* the -march the binutils round trip checks words against */
} Isa;

extern const Isa isa_riscv64, isa_aarch64;

/* A random 64-bit value biased towards the interesting ones: zero, all ones, the
 * extremes, small numbers, and floating-point specials in either width. */
uint64_t rng_value(Rng *r);

#endif
