/*
 * The execution engine: finds or translates the block at the CPU's PC, runs it, follows
 * chained and looked-up successors, and returns to its caller only for an exit that needs
 * the outside world (a system call, an exception, a fault). Translations are shared by
 * every CPU run through the same engine and keyed by guest PC; invalidation drops every
 * block overlapping a guest range (munmap, mprotect, self-modifying code), and a guest's
 * instruction-cache sync (CPU_EXIT_SYNC_CODE) drops every block, or in system mode only
 * those of the pages the machine reports written (guest_arch.h).
 *
 * Threads: each guest thread runs its own CPU through the one engine, from its own host
 * thread, all at the same time. Every function here may be called from any thread;
 * dropping translations waits until no other thread is inside engine_run (threads in
 * system calls do not count), so it never frees code that is running.
 */
#ifndef FERRY_ENGINE_H
#define FERRY_ENGINE_H

#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/guest_arch.h"

typedef enum EngineMode {
	ENGINE_INTERP, /* the IR interpreter: the reference executor */
	ENGINE_JIT,    /* host code from the x86-64 backend */
	ENGINE_COSIM,  /* every block on both, guest state compared */
} EngineMode;

typedef struct Engine Engine;

Engine *engine_new(const GuestArch *arch, EngineMode mode, const GuestFetch *fetch);
void engine_free(Engine *e);
/* Runs guest code until an exit other than CPU_EXIT_NONE; returns it. cpu->pc is the PC
 * to resume at (or of the faulting instruction). */
CpuExit engine_run(Engine *e, CpuCommon *cpu);
/* Drops every translation whose guest code overlaps [start, start+len). */
void engine_invalidate(Engine *e, uint64_t start, uint64_t len);
/* Drops every translation (system mode: guest memory was replaced behind the machine's
 * back, as by loadvm or a reboot). */
void engine_flush(Engine *e);
/* System mode: empties cpu's jump cache and return-address predictions, after its
 * address space changed (a new page-table root, a TLB flush, a switch of translation
 * regime). Called from cpu's own thread while it is outside engine_run. */
void engine_cpu_forget_jumps(Engine *e, CpuCommon *cpu);
/* The same for one 4 KiB guest page only (a TLB flush of one address): the jump-cache
 * entries of blocks starting in addr's page, and the return-address predictions. */
void engine_cpu_forget_jumps_page(Engine *e, CpuCommon *cpu, uint64_t addr);
/* Forgets a CPU whose thread is ending (not running); the CPU struct is the caller's. */
void engine_cpu_release(Engine *e, CpuCommon *cpu);
/* Around a fork of the process: prepare holds the engine's locks so the child inherits
 * none of them mid-change; the child keeps only `survivor`, the forking thread's CPU. */
void engine_fork_prepare(Engine *e);
void engine_fork_parent(Engine *e);
void engine_fork_child(Engine *e, CpuCommon *survivor);
/* Number of blocks translated so far (for tests and logs). */
uint64_t engine_blocks_translated(const Engine *e);

/* Translation totals since engine_new (FERRY_STATS=1 prints them at exit). A block
 * translated again after an invalidation counts again. */
typedef struct EngineStats {
	uint64_t blocks;                         /* blocks translated */
	uint64_t guest_insns;                    /* guest instructions those blocks cover */
	uint64_t translate_ns;                   /* monotonic-clock time spent translating them */
	uint64_t cosim_checked, cosim_unchecked; /* co-simulation: blocks compared or not */
} EngineStats;
EngineStats engine_stats(const Engine *e);

#endif
