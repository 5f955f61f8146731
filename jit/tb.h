/*
 * A translated block as the engine keeps it: the optimized IR of one guest block, where
 * its labels land, and the two chain slots that link a direct exit to its successor so
 * the engine does not look the successor up again. Executors (the interpreter and the
 * x86-64 backend) run a Tb and report how it left.
 */
#ifndef FERRY_TB_H
#define FERRY_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/ir.h"

/* What a block is found by: its guest pc and, in system mode, the code key the
 * frontend's fetch gave for it (GuestFetch.code_key; 0 in user mode). */
typedef struct TbKey {
	uint64_t pc;
	uint64_t code_key;
} TbKey;

typedef struct Tb {
	union {
		struct {
			uint64_t pc;
			uint64_t code_key;
		};
		TbKey key;
	};
	uint32_t size;        /* bytes of guest code */
	IrBlock ir;
	uint32_t *label_pos;  /* label -> index of its LABEL insn */
	struct Tb *chain[2];  /* successor for GOTO_BLOCK slot 0/1, once known */
	struct JitBlock *jit; /* host code from the x86-64 backend, or NULL */
	struct Tb *same_key;  /* system mode: the next block with this code key */
} Tb;

/* How a block left: a chainable direct exit (slot), an indirect jump, or an exit
 * that returns to the engine's caller. */
typedef enum TbExitKind { TB_GOTO, TB_LOOKUP, TB_EXIT } TbExitKind;
typedef struct TbExit {
	TbExitKind kind;
	unsigned slot;     /* TB_GOTO */
	CpuExit reason;    /* TB_EXIT */
} TbExit;

/* Where the interpreter records each guest store it makes, when asked to: the address,
 * its size and the bytes it overwrote, in order. Co-simulation uses it to undo a block's
 * stores before running the same block again on the other executor. */
typedef struct StoreLogEntry {
	uint64_t addr;
	uint8_t size;
	uint8_t old[8];
	uint8_t now[8]; /* filled in by the caller after the block ran */
} StoreLogEntry;
typedef struct StoreLog {
	StoreLogEntry *entries;
	uint32_t n, cap;
	bool overflow; /* ran out of room: the log is incomplete */
} StoreLog;

/* Fills tb->label_pos from the block's LABEL insns (the interpreter's branch targets).
 * Returns false when out of memory. */
bool tb_resolve_labels(Tb *tb);
/* Runs one block with the IR interpreter; `temps` has room for 2 * tb->ir.n_temps
 * values (a v128 temp's high half is the second half's word).
 * With a non-NULL `log`, every guest store is recorded there before it is made. */
TbExit interp_run(const Tb *tb, CpuCommon *cpu, uint64_t *temps, StoreLog *log);

#endif
