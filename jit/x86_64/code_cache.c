/*
 * The code cache: one executable region mapped once at start-up. The trampolines sit at
 * its start; blocks are bump-allocated after them and all dropped together when the
 * region is full or translations are invalidated (code is never freed while it runs:
 * the engine flushes only between blocks). Blocks are recorded in address order, which
 * is also allocation order, so the fault handler can binary-search the block holding a
 * host pc without locks or allocation.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "jit/x86_64/internal.h"

/* Every block takes at least this many bytes of the region (an entry check and an exit,
 * rounded to the 16-byte block alignment), which bounds how many blocks fit. */
#define MIN_BLOCK_BYTES 32

bool code_cache_init(CodeCache *cc, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	size_t cap = size / MIN_BLOCK_BYTES;
	void *blocks = mmap(NULL, cap * sizeof(JitBlock *), PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (blocks == MAP_FAILED) {
		munmap(p, size);
		return false;
	}
	*cc = (CodeCache){.base = p, .size = size, .blocks = blocks, .cap_blocks = cap};
	return true;
}

void code_cache_reset(CodeCache *cc)
{
	size_t n = cc->n_blocks;
	__atomic_store_n(&cc->n_blocks, 0, __ATOMIC_RELEASE);
	for (size_t i = 0; i < n; i++)
		free(cc->blocks[i]);
	cc->used = cc->reserved;
}

void code_cache_destroy(CodeCache *cc)
{
	code_cache_reset(cc);
	if (cc->blocks)
		munmap(cc->blocks, cc->cap_blocks * sizeof(JitBlock *));
	if (cc->base)
		munmap(cc->base, cc->size);
	*cc = (CodeCache){0};
}

uint8_t *code_cache_free_start(const CodeCache *cc)
{
	return cc->base + cc->used;
}

size_t code_cache_free_size(const CodeCache *cc)
{
	return cc->size - cc->used;
}

bool code_cache_commit(CodeCache *cc, JitBlock *blk, size_t size)
{
	if (blk && cc->n_blocks == cc->cap_blocks)
		return false;
	if (blk) {
		cc->blocks[cc->n_blocks] = blk;
		__atomic_store_n(&cc->n_blocks, cc->n_blocks + 1, __ATOMIC_RELEASE);
	}
	/* Keep block starts 16-byte aligned for the instruction fetcher. */
	cc->used = (cc->used + size + 15) & ~(size_t)15;
	if (cc->used > cc->size)
		cc->used = cc->size;
	return true;
}

JitBlock *code_cache_find(const CodeCache *cc, uintptr_t host_pc)
{
	size_t lo = 0, hi = __atomic_load_n(&cc->n_blocks, __ATOMIC_ACQUIRE);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)cc->blocks[mid]->code <= host_pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	JitBlock *blk = cc->blocks[lo - 1];
	return host_pc < (uintptr_t)blk->code + blk->size ? blk : NULL;
}
