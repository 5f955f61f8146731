/*
 * What engine.c (block table, translation, run loops) and engine_cpu.c (per-CPU state,
 * the flush protocol, fork) share, and nothing else does.
 *
 * Threads. One Engine serves every guest thread; each CPU has an EngineCpu of its own:
 * its jump cache (generated code reads it through CpuCommon.jump_cache), the Tbs behind
 * those entries, the interpreter's temps and its co-simulation buffers. Shared state is
 * guarded by two locks, always taken in this order:
 *
 *   lock        the block and page tables, the translation scratch block, the backend
 *               (code cache, compile scratch, links), the statistics, the CPU list and
 *               the flush state (exclusive, generation). Lookups that hit a CPU's own
 *               jump cache and chained execution take no lock at all.
 *   cosim_lock  ENGINE_COSIM only: held around each co-simulated block so that no other
 *               guest thread stores to memory between the interpreter's run and the
 *               JIT's (which would be reported as a divergence). Never held while
 *               waiting for `lock`.
 *
 * Flushing (code cache full, invalidation, fence.i) frees code and Tbs that other
 * threads may be running, so it is the one operation that stops the world (so does
 * fence.i's partial drop in system mode, which frees Tbs but abandons their code): the flusher
 * sets `exclusive`, asks every running CPU out (exit_request) and waits until none is
 * running; a CPU counts as running from engine_run's entry to its return, so threads in
 * system calls or signal handling never delay a flush. `running` is written by its own
 * CPU and read by flushers, `exclusive` the other way round; both are sequentially
 * consistent atomics, so of a CPU entering and a flusher starting at the same time at
 * least one sees the other (the CPU then waits for the flush to end). Each CPU compares
 * `generation` with the one its caches were filled in, and empties them when a flush
 * has happened since.
 */
#ifndef FERRY_ENGINE_INT_H
#define FERRY_ENGINE_INT_H

#include <glib.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "jit/cosim.h"
#include "jit/engine.h"
#include "jit/tb.h"
#include "jit/x86_64/backend.h"

#define JUMP_CACHE_BITS 12
#define JUMP_CACHE_SIZE (1u << JUMP_CACHE_BITS)
#define JUMP_PAGE_BITS 12 /* the guest page engine_cpu_forget_jumps_page forgets */

typedef struct EngineCpu {
	JitJumpEntry jump_cache[JUMP_CACHE_SIZE]; /* read by generated code */
	Tb *jump_tb[JUMP_CACHE_SIZE];             /* the Tb of each jump-cache entry */
	CpuCommon *cpu;
	uint64_t generation; /* the flush generation the caches belong to */
	int running;         /* inside engine_run (atomic; see above) */
	uint64_t *temps;     /* the interpreter's temps */
	uint32_t temps_cap;
	Cosim *cosim;  /* ENGINE_COSIM: this CPU's co-simulation buffers */
	bool in_cosim; /* holds cosim_lock (released if a fault ends the run) */
	struct EngineCpu *next;
} EngineCpu;

struct Engine {
	const GuestArch *arch;
	EngineMode mode;
	GuestFetch fetch;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a CPU stopped running, or a flush ended */
	pthread_mutex_t cosim_lock;
	GHashTable *blocks; /* guest pc -> Tb * */
	GHashTable *pages;  /* set of guest page numbers holding translated code */
	GHashTable *by_key; /* system mode: code key -> its newest Tb (list in same_key) */
	JitBackend *jit;    /* ENGINE_JIT and ENGINE_COSIM */
	EngineCpu *cpus;    /* every CPU that has run */
	int exclusive;      /* a flush is waiting for, or holding, the world (atomic) */
	uint64_t generation;
	IrBlock scratch; /* the block being translated */
	uint64_t translated;
	uint64_t guest_insns_translated;
	uint64_t translate_ns;
	uint64_t cosim_checked, cosim_unchecked; /* of CPUs released so far */
	bool verify;
};

/* engine_cpu.c */
/* This CPU's state, created on its first run (NULL when out of memory). */
EngineCpu *engine_cpu_get(Engine *e, CpuCommon *cpu);
/* Marks ec running; waits first while a flush holds the world. */
void engine_cpu_enter(Engine *e, EngineCpu *ec);
void engine_cpu_leave(Engine *e, EngineCpu *ec);
/* With e->lock held by a running CPU: waits out a flush in progress, then empties the
 * caches when one happened. Returns true when a flush happened. */
bool engine_cpu_park(Engine *e, EngineCpu *ec);
/* Empties ec's caches unless they are of the current generation (ec's own thread). */
void engine_cpu_sync(Engine *e, EngineCpu *ec);
/* With e->lock held: drops every translation once no other CPU runs; `self` is the
 * caller's CPU when it is running (it is then not waited for), else NULL. */
void engine_flush_locked(Engine *e, EngineCpu *self);
/* The same protocol around any change: runs change(e) with the world stopped. */
void engine_exclusive_locked(Engine *e, EngineCpu *self, void (*change)(Engine *e));
/* Frees every CPU's state (engine_free). */
void engine_cpus_free(Engine *e);

/* engine.c */
/* Drops every translation and bumps the generation (the world is stopped). */
void engine_drop_all(Engine *e);

#endif
