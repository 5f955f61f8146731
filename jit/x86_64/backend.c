/*
 * The backend object behind backend.h: creation (code cache, trampolines, CPU feature
 * detection), running generated code through the entry trampoline and decoding how it
 * left, linking direct exits, flushing, the return-address stack's validity and the
 * host-pc-to-guest-pc map the fault handler uses.
 *
 * FERRY_PERF_MAP=1 writes /tmp/perf-PID.map, the symbol file `perf report` reads for
 * generated code, naming each block after its guest pc (not in AT_SECURE processes).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "jit/x86_64/internal.h"

#define CODE_CACHE_SIZE (64u << 20)

static FILE *open_perf_map(void)
{
	const char *v = getenv("FERRY_PERF_MAP");
	if (!v || !*v || strcmp(v, "0") == 0 || getauxval(AT_SECURE))
		return NULL;
	char path[64];
	snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
	return fopen(path, "w");
}

void jit_perf_map_note(JitBackend *be, const JitBlock *blk)
{
	if (!be->perf_map)
		return;
	fprintf(be->perf_map, "%" PRIxPTR " %" PRIx32 " guest_%" PRIx64 "\n", (uintptr_t)blk->code,
	        blk->size, blk->tb->pc);
	fflush(be->perf_map);
}

JitBackend *jit_backend_new(unsigned jump_cache_bits)
{
	static bool detected;
	if (!detected) {
		x86_detect_features();
		detected = true;
	}
	JitBackend *be = calloc(1, sizeof *be);
	if (!be)
		return NULL;
	be->scratch = calloc(1, sizeof *be->scratch);
	if (!be->scratch || !code_cache_init(&be->cache, CODE_CACHE_SIZE)) {
		free(be->scratch);
		free(be);
		return NULL;
	}
	if (!jit_dispatch_init(&be->cache, &be->tramp) || !jit_vec_init(&be->cache, &be->vec_consts)) {
		jit_backend_free(be);
		return NULL;
	}
	be->jump_cache_bits = jump_cache_bits;
	be->generation = 1;
	be->perf_map = open_perf_map();
	return be;
}

void jit_backend_free(JitBackend *be)
{
	if (!be)
		return;
	code_cache_destroy(&be->cache);
	jit_scratch_free(be->scratch);
	if (be->perf_map)
		fclose(be->perf_map);
	free(be);
}

const void *jit_lookup_miss_code(const JitBackend *be)
{
	return be->tramp.miss;
}

const void *jit_block_code(const JitBlock *blk)
{
	return blk->code;
}

const Tb *jit_block_tb(const JitBlock *blk)
{
	return blk->tb;
}

void jit_flush(JitBackend *be)
{
	code_cache_reset(&be->cache);
	__atomic_store_n(&be->generation, be->generation + 1, __ATOMIC_RELEASE);
}

uint64_t jit_generation(const JitBackend *be)
{
	return __atomic_load_n(&be->generation, __ATOMIC_ACQUIRE);
}

static JitRun decode(JitRet r)
{
	uint32_t code = (uint32_t)r.code;
	JitRun run = {.from = r.from, .site = (code >> 8) & 0xff};
	run.exit.kind = (TbExitKind)(code & 0xff);
	run.exit.slot = (code >> 16) & 0xff;
	run.exit.reason = (CpuExit)(code >> 24);
	return run;
}

JitRun jit_run(JitBackend *be, JitBlock *blk, CpuCommon *cpu)
{
	return decode(be->tramp.enter(cpu, blk->code));
}

TbExit jit_run_one(JitBackend *be, JitBlock *blk, CpuCommon *cpu)
{
	return decode(be->tramp.enter(cpu, blk->code)).exit;
}

/* The caller serialises links (the engine's lock); other threads may be running the
 * jump being patched, which is why it is one aligned store. */
void jit_link(JitBackend *be, JitBlock *from, unsigned site, JitBlock *to)
{
	if (site >= from->n_sites)
		return;
	uint8_t *at = from->sites[site].patch;
	int32_t rel = (int32_t)((intptr_t)to->code - (intptr_t)(at + 4));
	/* The rel32 is 4-byte aligned: one atomic store, never a torn jump target. */
	__atomic_store_n((int32_t *)(void *)at, rel, __ATOMIC_RELEASE);
}

void jit_ras_validate(const JitBackend *be, CpuCommon *cpu)
{
	uint64_t gen = jit_generation(be);
	if (cpu->ras_gen == gen)
		return;
	for (unsigned i = 0; i < CPU_RAS_SIZE; i++)
		cpu->ras[i] = (CpuRasEntry){UINT64_MAX, be->tramp.miss};
	cpu->ras_top = 0;
	cpu->ras_gen = gen;
}

bool jit_fault_pc(const JitBackend *be, uintptr_t host_pc, uint64_t *guest_pc)
{
	const JitBlock *blk = code_cache_find(&be->cache, host_pc);
	if (!blk)
		return false;
	uint32_t off = (uint32_t)(host_pc - (uintptr_t)blk->code);
	uint32_t lo = 0, hi = blk->n_pcs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (blk->pcs[mid].offset <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	*guest_pc = blk->pcs[lo ? lo - 1 : 0].pc;
	return true;
}
