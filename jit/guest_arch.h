/*
 * What an execution engine needs from a guest frontend, and nothing more: the size of
 * the CPU struct and a translator that turns the guest code at a PC into one IrBlock.
 * The engine knows no guest ISA; a frontend knows no executor. Guest code is read through
 * GuestFetch so the same frontend serves user mode (guest_base + pc) and a softmmu.
 * A frontend may also keep part of the guest state in the host while guest code runs
 * (riscv64: accrued FP exception flags in MXCSR); its enter/sync_state hooks bracket
 * every stretch of guest execution so that C code outside sees the CPU struct whole.
 */
#ifndef FERRY_GUEST_ARCH_H
#define FERRY_GUEST_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cpu_common.h"
#include "jit/ir.h"

typedef struct GuestFetch {
	/* Copies len bytes of guest code at pc into buf; 0, or -EFAULT when not executable.
	 * In system mode the address is virtual and is translated for the CPU whose
	 * block is being translated (the machine keeps it per host thread). */
	int (*read)(void *opaque, uint64_t pc, void *buf, size_t len);
	void *opaque;
	/* System mode only (NULL in user mode): what, besides pc, the code at pc depends on
	 * for `cpu` (its physical page, and any mode bits the translation depends on).
	 * Blocks are found by (pc, code_key); the engine's per-CPU jump caches hold
	 * entries found under the keys of that CPU's current address space (see
	 * engine_cpu_forget_jumps). */
	uint64_t (*code_key)(void *opaque, CpuCommon *cpu, uint64_t pc);
	/* System mode: a block never continues into another guest page, and a direct exit
	 * to another page is never chained (its mapping may change under it). */
	int page_bounded;
	/* System mode, optional: what fence.i (CPU_EXIT_SYNC_CODE) drops. Without these
	 * hooks it drops every translation. With them, code_key must be the address of the
	 * physical page a block's code lies on (or a value that is never reported dirty),
	 * and the machine tracks which pages blocks were translated from (`read` marks
	 * them) and which of those guest stores or DMA wrote since. code_dirty tells,
	 * cheaply and without stopping anything, whether any such page exists;
	 * take_dirty_code moves up to max of their code keys into keys and forgets them
	 * (a page is code again once a block is translated from it), returning how many.
	 * The engine calls take_dirty_code with every other CPU stopped, drops exactly the
	 * blocks with those keys and keeps every other translation and chain (a
	 * page-bounded block is only chained to blocks of its own code key). */
	bool (*code_dirty)(void *opaque);
	size_t (*take_dirty_code)(void *opaque, uint64_t *keys, size_t max);
} GuestFetch;

typedef struct GuestArch {
	const char *name;   /* "riscv64" */
	size_t cpu_size;    /* sizeof the frontend's CPU struct (CpuCommon first) */
	unsigned max_block_insns;
	/* Fills b (already reset to pc) with the block starting at pc. A fetch fault on the
	 * first instruction yields a block that exits with CPU_EXIT_FETCH_FAULT; an
	 * undecodable instruction one that exits with CPU_EXIT_ILLEGAL at its pc. */
	void (*translate)(IrBlock *b, const GuestFetch *fetch, uint64_t pc);
	/* Disassembles one instruction at pc for -d in_asm; returns its length in bytes
	 * (0 when it cannot be read). */
	unsigned (*disas)(const GuestFetch *fetch, uint64_t pc, char *buf, size_t bufsz);
	/* Optional. enter runs before guest code starts running on this host thread (it
	 * discards host state that C code left behind); sync_state moves the guest state
	 * held in the host into the CPU struct and resets the host side. The engine calls
	 * sync_state whenever engine_run returns and around translation (sync_state, then
	 * enter); anything else that inspects or copies the CPU struct between blocks (state
	 * comparisons, snapshots) calls sync_state first. */
	void (*enter)(CpuCommon *cpu);
	void (*sync_state)(CpuCommon *cpu);
} GuestArch;

#endif
