/*
 * The ISA-neutral mechanics of a frontend's block translation loop, on the IR builder:
 * the instruction limit, the fetch fault on the first instruction against the
 * chainable goto before a later one, the INSN_START per instruction, dropping the IR of
 * an instruction that turned out undecodable or reserved and ending there with an
 * ILLEGAL exit, and the block's guest size and instruction count. The frontend supplies
 * how an instruction is fetched and translated and when one ends the block.
 */
#ifndef FERRY_TRANSLATE_UTIL_H
#define FERRY_TRANSLATE_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/ir.h"

typedef struct IrTranslateOps {
	/* Reads the instruction at pc into *raw; its length in bytes, 0 when pc cannot be
	 * fetched. */
	unsigned (*fetch)(void *ctx, uint64_t pc, uint32_t *raw);
	/* Translates the instruction fetched at pc (its INSN_START already emitted); false
	 * when it is undecodable or reserved, true with *ended set when it ended the
	 * block. */
	bool (*translate)(void *ctx, uint64_t pc, uint32_t raw, bool *ended);
} IrTranslateOps;

/* Fills b with the block at pc, of at most max_insns instructions. */
void ir_translate_block(IrBlock *b, uint64_t pc, unsigned max_insns, const IrTranslateOps *ops,
                        void *ctx);

#endif
