/*
 * The x86-64 JIT backend as the engine sees it. The backend owns the code cache, the
 * entry/exit trampolines and the host code of every translated block (JitBlock). The
 * engine owns the blocks' IR (Tb), the block table and the direct-mapped jump cache,
 * which generated code reads inline for indirect jumps: an entry maps a guest pc to the
 * host code to run for it, and an empty entry points at the backend's lookup-miss code.
 *
 * Running: jit_run enters generated code at a block and returns when a block leaves
 * through an exit the generated code cannot follow itself: an unlinked direct exit
 * (TB_GOTO; the engine translates the successor and links the exit with jit_link), an
 * indirect jump that missed the jump cache (TB_LOOKUP), or a CpuExit (TB_EXIT, with
 * CPU_EXIT_INTERRUPT when cpu->exit_request was set at a block entry). cpu->pc is the
 * guest pc to continue at in every case. A host fault in generated code or in a helper
 * it called ends the run through the engine's fault handler (jit_fault_pc maps the host
 * address to the guest instruction).
 *
 * Co-simulation and tests run one block at a time: a block compiled with
 * JIT_STANDALONE never continues into another block (its direct exits are never linked,
 * its indirect jumps always return TB_LOOKUP, no return-address prediction, no check of
 * exit_request at entry: the caller decides between blocks), and
 * jit_run_one runs it once and returns its TbExit, exactly as interp_run would.
 *
 * Threads: generated code is shared by every thread. The backend has no lock of its own:
 * the engine serialises jit_compile, jit_link and jit_flush under its lock, and calls
 * jit_flush only once every other thread has left generated code (engine.h). jit_run,
 * jit_generation and jit_fault_pc are safe to call from any thread at any time (the
 * last from a signal handler too).
 */
#ifndef FERRY_JIT_BACKEND_H
#define FERRY_JIT_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/tb.h"

typedef struct JitBackend JitBackend;
typedef struct JitBlock JitBlock;

/* One jump-cache entry: generated code compares pc and jumps to code. */
typedef struct JitJumpEntry {
	uint64_t pc;
	const void *code;
} JitJumpEntry;

/* jit_compile flags. JIT_SOFTMMU: system mode, guest addresses are virtual and every
 * LOAD/STORE looks cpu->mmu's TLB up inline (common/softmmu.h), calling its slow path
 * on a miss; guest_base is ignored. The engine passes it for a system-mode fetch
 * (GuestFetch.code_key set). JIT_PAGE_BOUNDED: a direct exit to another 4 KiB guest
 * page than the block's pc is never linked: it looks its target up in the jump cache
 * inline, as an indirect jump does. */
enum { JIT_STANDALONE = 1 << 0, JIT_SOFTMMU = 1 << 1, JIT_PAGE_BOUNDED = 1 << 2 };

typedef enum JitStatus {
	JIT_OK,
	JIT_CACHE_FULL,  /* flush (engine and backend) and compile again */
	JIT_UNSUPPORTED, /* this block cannot be compiled: run it with the interpreter */
} JitStatus;

/* A backend whose generated code looks indirect jumps up in the running CPU's
 * cpu->jump_cache (1 << jump_cache_bits entries, indexed by (pc >> 1) & mask). */
JitBackend *jit_backend_new(unsigned jump_cache_bits);
void jit_backend_free(JitBackend *be);
/* The code an empty jump-cache entry must point at. */
const void *jit_lookup_miss_code(const JitBackend *be);

/* Compiles tb for a process whose guest memory is at host guest_base + address (every
 * block of one backend must use the same guest_base), or with JIT_SOFTMMU for a
 * system-mode CPU (guest_base unused). */
JitBlock *jit_compile(JitBackend *be, Tb *tb, uintptr_t guest_base, unsigned flags,
                      JitStatus *status);
const void *jit_block_code(const JitBlock *blk);
/* The Tb blk was compiled from. */
const Tb *jit_block_tb(const JitBlock *blk);
/* Drops every compiled block and the code cache contents; JitBlocks become invalid. */
void jit_flush(JitBackend *be);
/* Bumped by every flush: a saved JitBlock pointer is valid while this is unchanged. */
uint64_t jit_generation(const JitBackend *be);

typedef struct JitRun {
	TbExit exit;
	JitBlock *from; /* the block that left (NULL for a jump-cache miss) */
	unsigned site;  /* TB_GOTO: which of from's direct exits, for jit_link */
} JitRun;

JitRun jit_run(JitBackend *be, JitBlock *blk, CpuCommon *cpu);
TbExit jit_run_one(JitBackend *be, JitBlock *blk, CpuCommon *cpu);
/* Makes from's direct exit `site` jump straight to `to` from now on. */
void jit_link(JitBackend *be, JitBlock *from, unsigned site, JitBlock *to);
/* Clears cpu's return-address stack unless it was set up after the last flush; cheap
 * enough to call before every entry into generated code. */
void jit_ras_validate(const JitBackend *be, CpuCommon *cpu);

/* The guest pc of the instruction whose host code contains host_pc, if host_pc lies in
 * a compiled block (for the fault handler; async-signal-safe). */
bool jit_fault_pc(const JitBackend *be, uintptr_t host_pc, uint64_t *guest_pc);

#endif
