/*
 * Co-simulation (cosim.h). The interpreter runs first with a store log; its results are
 * recorded, its stores undone and the CPU state put back; then the JIT runs the same
 * block and both outcomes are compared. Host faults are caught per run, so a block that
 * faults is compared too (same guest instruction, same fault address, same state of the
 * instructions before it). Only the fields of CpuCommon that are guest state (pc) and the
 * frontend's registers after it are compared: the rest is bookkeeping that differs
 * between executors by design (insn_pc, the return-address stack).
 */
#include "jit/cosim.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_LOG_CAP 4096

struct Cosim {
	JitBackend *jit;
	const GuestArch *arch;
	size_t cpu_size;
	uint8_t *before, *after_interp;
	StoreLog log;
	uint64_t checked, unchecked;
};

typedef struct Outcome {
	TbExit exit;
	bool faulted;
	uint64_t pc, fault_addr;
} Outcome;

Cosim *cosim_new(JitBackend *jit, const GuestArch *arch)
{
	Cosim *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->jit = jit;
	c->arch = arch;
	c->cpu_size = arch->cpu_size;
	c->before = malloc(c->cpu_size);
	c->after_interp = malloc(c->cpu_size);
	c->log.entries = calloc(STORE_LOG_CAP, sizeof *c->log.entries);
	c->log.cap = STORE_LOG_CAP;
	if (!c->before || !c->after_interp || !c->log.entries) {
		cosim_free(c);
		return NULL;
	}
	return c;
}

void cosim_free(Cosim *c)
{
	if (!c)
		return;
	free(c->before);
	free(c->after_interp);
	free(c->log.entries);
	free(c);
}

void cosim_counts(const Cosim *c, uint64_t *checked, uint64_t *unchecked)
{
	*checked = c->checked;
	*unchecked = c->unchecked;
}

/* Helpers that touch guest memory have side effects the store log cannot see; those
 * that read a clock give each executor another value. */
static bool calls_memory_helpers(const Tb *tb)
{
	for (uint32_t i = 0; i < tb->ir.n_insns; i++) {
		const IrInsn *in = &tb->ir.insns[i];
		if (in->op == IR_CALL &&
		    (((const IrHelper *)(uintptr_t)in->imm)->flags & (IRH_MEM | IRH_NONDET)))
			return true;
	}
	return false;
}

/* Moves guest state the frontend keeps in the host (accrued FP flags) into the CPU
 * struct, so what is compared is the whole architectural state. */
static void sync_state(const Cosim *c, CpuCommon *cpu)
{
	if (c->arch->sync_state)
		c->arch->sync_state(cpu);
}

/* Runs the block on one executor, catching a host fault in guest code; the state it
 * leaves is synchronized either way. */
static Outcome run_guarded(Cosim *c, const Tb *tb, CpuCommon *cpu, uint64_t *temps, bool use_jit)
{
	sigjmp_buf env;
	sigjmp_buf *outer = cpu->fault_jmp;
	if (sigsetjmp(env, 0)) {
		cpu->fault_jmp = outer;
		sync_state(c, cpu);
		return (Outcome){.exit = {TB_EXIT, 0, CPU_EXIT_MEM_FAULT},
		                 .faulted = true,
		                 .pc = cpu->insn_pc,
		                 .fault_addr = cpu->fault_addr};
	}
	cpu->fault_jmp = &env;
	Outcome o = {0};
	o.exit = use_jit ? jit_run_one(c->jit, tb->jit, cpu) : interp_run(tb, cpu, temps, &c->log);
	cpu->fault_jmp = outer;
	sync_state(c, cpu);
	o.pc = cpu->pc;
	o.fault_addr = cpu->fault_addr;
	return o;
}

static void *host(const CpuCommon *cpu, uint64_t addr)
{
	return (void *)(cpu->guest_base + (uintptr_t)addr);
}

/* Records what the interpreter left in memory, then puts the old bytes back. */
static void undo_stores(Cosim *c, const CpuCommon *cpu)
{
	for (uint32_t i = 0; i < c->log.n; i++)
		memcpy(c->log.entries[i].now, host(cpu, c->log.entries[i].addr),
		       c->log.entries[i].size);
	for (uint32_t i = c->log.n; i-- > 0;)
		memcpy(host(cpu, c->log.entries[i].addr), c->log.entries[i].old,
		       c->log.entries[i].size);
}

static void restore_state(Cosim *c, CpuCommon *cpu)
{
	const CpuCommon *b = (const CpuCommon *)c->before;
	cpu->pc = b->pc;
	cpu->insn_pc = b->insn_pc;
	cpu->fault_addr = b->fault_addr;
	cpu->fault_write = b->fault_write;
	memcpy((uint8_t *)cpu + sizeof(CpuCommon), c->before + sizeof(CpuCommon),
	       c->cpu_size - sizeof(CpuCommon));
}

static void print_outcome(const char *who, const Outcome *o)
{
	static const char *const kind[] = {"goto", "lookup", "exit"};
	fprintf(stderr, "  %-6s left by %s (slot %u, reason %d) at pc 0x%" PRIx64 "%s", who,
	        kind[o->exit.kind], o->exit.slot, o->exit.reason, o->pc,
	        o->faulted ? ", faulted" : "");
	if (o->faulted)
		fprintf(stderr, " at 0x%" PRIx64, o->fault_addr);
	fputc('\n', stderr);
}

static bool same_outcome(const Outcome *a, const Outcome *b)
{
	return a->exit.kind == b->exit.kind && a->exit.reason == b->exit.reason &&
	       (a->exit.kind != TB_GOTO || a->exit.slot == b->exit.slot) && a->pc == b->pc &&
	       a->faulted == b->faulted && (!a->faulted || a->fault_addr == b->fault_addr);
}

/* Prints every differing 8-byte word of the frontend's state and every differing
 * stored location; returns how many differences there were. */
static unsigned report_differences(const Cosim *c, const CpuCommon *cpu)
{
	unsigned n = 0;
	const uint8_t *jit = (const uint8_t *)cpu;
	for (size_t off = sizeof(CpuCommon); off < c->cpu_size; off += 8) {
		uint64_t a = 0, b = 0;
		size_t len = c->cpu_size - off < 8 ? c->cpu_size - off : 8;
		memcpy(&a, c->after_interp + off, len);
		memcpy(&b, jit + off, len);
		if (a != b && ++n)
			fprintf(stderr,
			        "  cpu+0x%zx: interp 0x%016" PRIx64 "  jit 0x%016" PRIx64 "\n", off,
			        a, b);
	}
	for (uint32_t i = 0; i < c->log.n; i++) {
		const StoreLogEntry *e = &c->log.entries[i];
		if (memcmp(e->now, host(cpu, e->addr), e->size) != 0 && ++n)
			fprintf(stderr, "  memory 0x%" PRIx64 " (%u bytes) differs\n", e->addr,
			        e->size);
	}
	return n;
}

static void compare(Cosim *c, const Tb *tb, const Outcome *oi, const Outcome *oj,
                    const CpuCommon *cpu)
{
	bool outcome_ok = same_outcome(oi, oj);
	if (outcome_ok &&
	    memcmp(c->after_interp + sizeof(CpuCommon), (const uint8_t *)cpu + sizeof(CpuCommon),
	           c->cpu_size - sizeof(CpuCommon)) == 0) {
		bool mem_ok = true;
		for (uint32_t i = 0; mem_ok && i < c->log.n; i++)
			mem_ok = memcmp(c->log.entries[i].now, host(cpu, c->log.entries[i].addr),
			                c->log.entries[i].size) == 0;
		if (mem_ok)
			return;
	}
	fprintf(stderr,
	        "ferry: cosim: the interpreter and the JIT disagree on block 0x%" PRIx64
	        " (after %" PRIu64 " agreeing blocks)\n",
	        tb->pc, c->checked);
	print_outcome("interp", oi);
	print_outcome("jit", oj);
	report_differences(c, cpu);
	ir_print(&tb->ir, stderr);
	exit(1);
}

TbExit cosim_run(Cosim *c, const Tb *tb, CpuCommon *cpu, uint64_t *temps)
{
	if (!tb->jit || calls_memory_helpers(tb)) {
		c->unchecked++;
		return tb->jit ? jit_run_one(c->jit, tb->jit, cpu)
		               : interp_run(tb, cpu, temps, NULL);
	}
	sync_state(c, cpu);
	memcpy(c->before, cpu, c->cpu_size);
	c->log.n = 0;
	c->log.overflow = false;
	Outcome oi = run_guarded(c, tb, cpu, temps, false);
	if (c->log.overflow) {
		fprintf(stderr, "ferry: cosim: block 0x%" PRIx64 " made more than %u stores\n",
		        tb->pc, STORE_LOG_CAP);
		exit(1);
	}
	memcpy(c->after_interp, cpu, c->cpu_size);
	undo_stores(c, cpu);
	restore_state(c, cpu);
	Outcome oj = run_guarded(c, tb, cpu, temps, true);
	compare(c, tb, &oi, &oj, cpu);
	c->checked++;
	if (oj.faulted)
		cpu->pc = oj.pc;
	return oj.exit;
}
