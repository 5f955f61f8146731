/*
 * The part of every guest CPU state that the execution engine and the OS personality
 * share. Each frontend's CPU struct embeds CpuCommon as its first member, so a
 * CpuCommon * and the frontend's own struct pointer are interchangeable. Translated code
 * leaves the code cache with one of the CpuExit reasons below, having stored the guest
 * PC to resume at (or of the faulting instruction) in `pc`.
 */
#ifndef FERRY_CPU_COMMON_H
#define FERRY_CPU_COMMON_H

#include <setjmp.h>
#include <stdint.h>

typedef enum CpuExit {
	CPU_EXIT_NONE = 0,   /* keep running: next block is at pc */
	CPU_EXIT_SYSCALL,    /* system call; pc = the instruction after it */
	CPU_EXIT_ILLEGAL,    /* undecodable or reserved encoding; pc = that instruction */
	CPU_EXIT_BREAKPOINT, /* breakpoint instruction (ebreak, brk); pc = that instruction */
	CPU_EXIT_FETCH_FAULT,/* pc points at memory that is not mapped executable */
	CPU_EXIT_MEM_FAULT,  /* a load/store faulted; fault_addr and pc are set */
	CPU_EXIT_MISALIGNED, /* an access that must be aligned (LR/SC, AMO) was not */
	CPU_EXIT_HALT,       /* the guest asked to stop (exit_group already handled) */
	CPU_EXIT_INTERRUPT,  /* exit_request was set; pc = the start of the next block */
	CPU_EXIT_SYNC_CODE,  /* instruction fetch must see earlier stores (fence.i); pc = next */
	CPU_EXIT_SYSTEM,     /* system mode: a privileged instruction changed state the machine
	                      * loop must look at (privilege, address space, interrupt enables,
	                      * wfi); pc = where to continue */
	CPU_EXIT_COUNT
} CpuExit;

/* Return-address prediction: a call pushes the guest return address and the host code
 * that continues there; a return whose target matches the top entry jumps to it. The
 * executor owns these entries (ras_gen tells it whether they are still valid). */
#define CPU_RAS_SIZE 16
typedef struct CpuRasEntry {
	uint64_t pc;
	const void *code;
} CpuRasEntry;

typedef struct CpuCommon {
	uint64_t pc;         /* guest PC; valid whenever control is outside translated code */
	uintptr_t guest_base;/* host address = guest address + guest_base (user mode) */
	uint64_t insn_pc;    /* PC of the guest instruction executing (kept by the interpreter) */
	uint64_t fault_addr; /* guest address of the last memory fault */
	int fault_write;     /* that fault was a write */
	sigjmp_buf *fault_jmp; /* where a host SIGSEGV inside guest code returns to, or NULL */
	/* Set (from a host signal handler, or by another thread: a signal for this thread,
	 * or the engine asking every CPU out of generated code before a flush) to make the
	 * engine return CPU_EXIT_INTERRUPT at the next block boundary; the CPU loop clears it. */
	volatile uint32_t exit_request;
	uint32_t ras_top;
	uint64_t ras_gen;
	CpuRasEntry ras[CPU_RAS_SIZE];
	/* This CPU's own jump cache, which generated code reads inline for indirect jumps
	 * (each thread has one, so no thread ever sees another's half-written entry), and
	 * the engine's per-CPU state; both belong to the engine and are set on first run. */
	const void *jump_cache;
	struct EngineCpu *engine_cpu;
	/* System mode: the software MMU every guest access goes through (common/softmmu.h);
	 * NULL in user mode, where guest memory is host memory at guest_base. */
	struct SoftMmu *mmu;
} CpuCommon;

#endif
