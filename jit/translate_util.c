/*
 * The block translation loop every frontend runs (translate_util.h). A block ends where
 * an instruction says so, at an undecodable or reserved instruction (an ILLEGAL exit at
 * its pc), at the instruction limit, before an instruction that starts or ends in
 * another guest page when the block is page-bounded (system mode; such an instruction
 * is always the first of its block), or before an instruction
 * that cannot be fetched: a chainable goto to it, so the fault is raised when it runs
 * first, unless it is the block's first instruction.
 */
#include "jit/translate_util.h"

#include "common/cpu_common.h"

#define TRANSLATE_PAGE_BITS 12

void ir_translate_block(IrBlock *b, uint64_t pc, unsigned max_insns, const IrTranslateOps *ops,
                        void *ctx)
{
	uint64_t cur = pc;
	unsigned n = 0;
	for (;;) {
		uint32_t raw;
		if (n == max_insns || (n && b->page_bounded && (cur ^ pc) >> TRANSLATE_PAGE_BITS)) {
			ir_goto_block(b, cur, 0);
			break;
		}
		unsigned len = ops->fetch(ctx, cur, &raw);
		/* page-bounded: an instruction running into the next page starts a block of
		 * its own, whose code key covers both pages (see GuestFetch.code_key) */
		if (len && n && b->page_bounded && ((cur + len - 1) ^ pc) >> TRANSLATE_PAGE_BITS)
			len = 0;
		if (len == 0) {
			if (n == 0)
				ir_exit(b, CPU_EXIT_FETCH_FAULT, cur);
			else
				ir_goto_block(b, cur, 0);
			break;
		}
		ir_insn_start(b, cur);
		n++;
		uint64_t at = cur;
		cur += len;
		/* what a translator emitted before it found the instruction reserved goes */
		uint32_t mark = b->n_insns;
		bool ended = false;
		if (!ops->translate(ctx, at, raw, &ended)) {
			b->n_insns = mark;
			ir_exit(b, CPU_EXIT_ILLEGAL, at);
			break;
		}
		if (ended)
			break;
	}
	b->guest_size = (uint32_t)(cur - pc);
	b->guest_insns = n;
}
