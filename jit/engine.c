/*
 * The execution engine behind engine.h. Blocks are found through a direct-mapped jump
 * cache in front of a hash table keyed by guest PC; a miss translates (frontend -> IR ->
 * optimizer -> executor). Direct exits are chained: a block remembers its successor per
 * exit slot, so a running loop never looks a block up. Invalidation is coarse on purpose:
 * the engine tracks which guest pages hold translated code and, when a changed range
 * touches one, drops every translation (code is rarely unmapped or rewritten by user
 * programs, and this keeps chains trivially correct).
 *
 * With ENGINE_JIT, blocks also get host code from the x86-64 backend: the run loop
 * enters generated code, which follows linked exits and jump-cache hits by itself; the
 * loop only translates and links successors, and runs the rare block the backend cannot
 * compile with the interpreter. The jump cache is laid out for generated code to read
 * ({pc, host code} pairs, with the Tb pointers beside them for the C side).
 */
#include "jit/engine.h"

#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "jit/cosim.h"
#include "jit/fault.h"
#include "jit/tb.h"
#include "jit/x86_64/backend.h"

#define JUMP_CACHE_BITS 12
#define JUMP_CACHE_SIZE (1u << JUMP_CACHE_BITS)
#define PAGE_SHIFT 12

struct Engine {
	const GuestArch *arch;
	EngineMode mode;
	GuestFetch fetch;
	GHashTable *blocks;  /* guest pc -> Tb * */
	GHashTable *pages;   /* set of guest page numbers holding translated code */
	JitJumpEntry jump_cache[JUMP_CACHE_SIZE]; /* read by generated code */
	Tb *jump_tb[JUMP_CACHE_SIZE];
	JitBackend *jit;                          /* ENGINE_JIT and ENGINE_COSIM */
	Cosim *cosim;                             /* ENGINE_COSIM only */
	IrBlock scratch; /* the block being translated */
	uint64_t *temps;
	uint32_t temps_cap;
	uint64_t translated;
	uint64_t guest_insns_translated;
	uint64_t translate_ns;
	bool verify;
};

static guint pc_hash(gconstpointer key)
{
	uint64_t pc = *(const uint64_t *)key;
	return (guint)(pc ^ (pc >> 29));
}

static gboolean pc_equal(gconstpointer a, gconstpointer b)
{
	return *(const uint64_t *)a == *(const uint64_t *)b;
}

static void tb_free(gpointer p)
{
	Tb *tb = p;
	ir_block_free(&tb->ir);
	free(tb->label_pos);
	free(tb);
}

static void reset_jump_cache(Engine *e)
{
	const void *miss = e->jit ? jit_lookup_miss_code(e->jit) : NULL;
	for (unsigned i = 0; i < JUMP_CACHE_SIZE; i++)
		e->jump_cache[i] = (JitJumpEntry){UINT64_MAX, miss};
	memset(e->jump_tb, 0, sizeof e->jump_tb);
}

Engine *engine_new(const GuestArch *arch, EngineMode mode, const GuestFetch *fetch)
{
	Engine *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	if (mode != ENGINE_INTERP) {
		e->jit = jit_backend_new(e->jump_cache, JUMP_CACHE_BITS);
		if (mode == ENGINE_COSIM && e->jit)
			e->cosim = cosim_new(e->jit, arch);
		if (!e->jit || (mode == ENGINE_COSIM && !e->cosim)) {
			jit_backend_free(e->jit);
			free(e);
			return NULL;
		}
	}
	reset_jump_cache(e);
	ir_block_init(&e->scratch, 0);
	e->arch = arch;
	e->mode = mode;
	e->fetch = *fetch;
	e->blocks = g_hash_table_new_full(pc_hash, pc_equal, NULL, tb_free);
	e->pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	const char *v = getenv("FERRY_VERIFY_IR");
	e->verify = v && *v && strcmp(v, "0") != 0;
	return e;
}

static void engine_flush(Engine *e)
{
	g_hash_table_remove_all(e->blocks);
	g_hash_table_remove_all(e->pages);
	if (e->jit)
		jit_flush(e->jit);
	reset_jump_cache(e);
}

void engine_free(Engine *e)
{
	if (!e)
		return;
	engine_flush(e);
	g_hash_table_destroy(e->blocks);
	g_hash_table_destroy(e->pages);
	cosim_free(e->cosim);
	jit_backend_free(e->jit);
	ir_block_free(&e->scratch);
	free(e->temps);
	free(e);
}

uint64_t engine_blocks_translated(const Engine *e)
{
	return e->translated;
}

EngineStats engine_stats(const Engine *e)
{
	EngineStats s = {
		.blocks = e->translated,
		.guest_insns = e->guest_insns_translated,
		.translate_ns = e->translate_ns,
	};
	if (e->cosim)
		cosim_counts(e->cosim, &s.cosim_checked, &s.cosim_unchecked);
	return s;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Remembers the guest pages this block's code lies on (a zero-length block, such as a
 * fetch-fault stub, still belongs to the page of its pc). */
static void note_pages(Engine *e, uint64_t start, uint64_t len)
{
	uint64_t last = (start + (len ? len - 1 : 0)) >> PAGE_SHIFT;
	for (uint64_t page = start >> PAGE_SHIFT; page <= last; page++) {
		if (g_hash_table_contains(e->pages, &page))
			continue;
		uint64_t *key = g_new(uint64_t, 1);
		*key = page;
		g_hash_table_add(e->pages, key);
	}
}

void engine_invalidate(Engine *e, uint64_t start, uint64_t len)
{
	if (!len || g_hash_table_size(e->pages) == 0)
		return;
	uint64_t first = start >> PAGE_SHIFT, last = (start + len - 1) >> PAGE_SHIFT;
	bool hit = false;
	if (last - first + 1 > g_hash_table_size(e->pages)) {
		GHashTableIter it;
		gpointer key;
		g_hash_table_iter_init(&it, e->pages);
		while (!hit && g_hash_table_iter_next(&it, &key, NULL)) {
			uint64_t page = *(uint64_t *)key;
			hit = page >= first && page <= last;
		}
	} else {
		for (uint64_t page = first; !hit && page <= last; page++)
			hit = g_hash_table_contains(e->pages, &page);
	}
	if (hit) {
		if (log_on(LOG_EXEC))
			log_printf("invalidate 0x%" PRIx64 "+0x%" PRIx64 ": dropping all translations\n",
				   start, len);
		engine_flush(e);
	}
}

static void log_guest_code(Engine *e, const Tb *tb)
{
	char text[128];
	log_printf("IN: 0x%" PRIx64 "\n", tb->pc);
	for (uint64_t pc = tb->pc; pc < tb->pc + tb->size;) {
		unsigned n = e->arch->disas(&e->fetch, pc, text, sizeof text);
		if (!n)
			break;
		log_printf("0x%016" PRIx64 ":  %s\n", pc, text);
		pc += n;
	}
	log_printf("\n");
}

static void log_ir(const char *title, const IrBlock *b)
{
	FILE *out = log_file();
	fprintf(out, "%s:\n", title);
	ir_print(b, out);
	fprintf(out, "\n");
}

/* Checks the block, and gives up loudly when the frontend or optimizer broke the IR. */
static void verify_or_die(const IrBlock *b, uint64_t pc, const char *stage)
{
	char err[256];
	if (ir_verify(b, err, sizeof err))
		return;
	ir_print(b, stderr);
	fprintf(stderr, "ferry: invalid IR %s for block 0x%" PRIx64 ": %s\n", stage, pc, err);
	abort();
}

static bool finish_block(Engine *e, Tb *tb)
{
	if (!tb_resolve_labels(tb))
		return false;
	if (tb->ir.n_temps > e->temps_cap) {
		uint64_t *t = realloc(e->temps, tb->ir.n_temps * sizeof *t);
		if (!t)
			return false;
		memset(t, 0, tb->ir.n_temps * sizeof *t);
		e->temps = t;
		e->temps_cap = tb->ir.n_temps;
	}
	return true;
}

/* Gives tb host code. A full code cache is flushed (tb is not in the block table yet,
 * so it survives) and the compile retried once; a block the backend cannot compile
 * keeps jit NULL and runs in the interpreter. */
static void compile_block(Engine *e, Tb *tb, uintptr_t guest_base)
{
	JitStatus st;
	unsigned flags = e->cosim ? JIT_STANDALONE : 0;
	tb->jit = jit_compile(e->jit, tb, guest_base, flags, &st);
	if (st == JIT_CACHE_FULL) {
		if (log_on(LOG_EXEC))
			log_printf("code cache full: dropping all translations\n");
		engine_flush(e);
		tb->jit = jit_compile(e->jit, tb, guest_base, flags, &st);
	}
}

/* The frontend and optimizer work in e->scratch, whose arrays are reused from block to
 * block. A block with host code keeps no IR (the JIT engine never interprets it); one
 * that the interpreter or co-simulation runs gets a copy of exactly the size used. */
static bool keep_ir(Engine *e, Tb *tb, uintptr_t guest_base)
{
	tb->ir = e->scratch;
	if (e->jit)
		compile_block(e, tb, guest_base);
	if (tb->jit && !e->cosim) {
		tb->ir.insns = NULL;
		tb->ir.temp_type = NULL;
		tb->ir.n_insns = tb->ir.cap_insns = 0;
		tb->ir.n_temps = tb->ir.cap_temps = 0;
		return true;
	}
	return ir_block_copy(&tb->ir, &e->scratch) && finish_block(e, tb);
}

static Tb *translate(Engine *e, uint64_t pc, uintptr_t guest_base)
{
	Tb *tb = calloc(1, sizeof *tb);
	if (!tb)
		return NULL;
	tb->pc = pc;
	IrBlock *b = &e->scratch;
	ir_block_reset(b, pc);
	e->arch->translate(b, &e->fetch, pc);
	tb->size = b->guest_size;
	if (log_on(LOG_IN_ASM))
		log_guest_code(e, tb);
	if (log_on(LOG_OP))
		log_ir("OP", b);
	if (e->verify)
		verify_or_die(b, pc, "from the frontend");
	ir_optimize(b);
	if (log_on(LOG_OP_OPT))
		log_ir("OP after optimization", b);
	if (e->verify)
		verify_or_die(b, pc, "after optimization");
	if (!ir_block_ok(b) || !keep_ir(e, tb, guest_base)) {
		tb_free(tb);
		return NULL;
	}
	g_hash_table_insert(e->blocks, &tb->pc, tb);
	note_pages(e, pc, tb->size);
	e->translated++;
	e->guest_insns_translated += tb->ir.guest_insns;
	return tb;
}

static Tb *find_block(Engine *e, CpuCommon *cpu, uint64_t pc)
{
	unsigned i = (pc >> 1) & (JUMP_CACHE_SIZE - 1);
	Tb *tb = e->jump_tb[i];
	if (tb && e->jump_cache[i].pc == pc)
		return tb;
	tb = g_hash_table_lookup(e->blocks, &pc);
	if (!tb) {
		/* Translation runs library code that may disturb the guest state a frontend
		 * keeps in the host (guest_arch.h): move it out first, reset the host after. */
		if (e->arch->sync_state)
			e->arch->sync_state(cpu);
		uint64_t t0 = now_ns();
		tb = translate(e, pc, cpu->guest_base);
		e->translate_ns += now_ns() - t0;
		if (e->arch->enter)
			e->arch->enter(cpu);
	}
	if (!tb) {
		fprintf(stderr, "ferry: out of memory translating guest code\n");
		abort();
	}
	e->jump_tb[i] = tb;
	e->jump_cache[i].pc = pc;
	e->jump_cache[i].code = tb->jit ? jit_block_code(tb->jit)
				 : e->jit ? jit_lookup_miss_code(e->jit) : NULL;
	return tb;
}

static CpuExit run_interp(Engine *e, CpuCommon *cpu)
{
	Tb *tb = find_block(e, cpu, cpu->pc);
	for (;;) {
		if (cpu->exit_request)
			return CPU_EXIT_INTERRUPT;
		if (log_on(LOG_EXEC))
			log_printf("Trace 0x%" PRIx64 "\n", tb->pc);
		TbExit x = interp_run(tb, cpu, e->temps, NULL);
		if (x.kind == TB_GOTO) {
			Tb *next = tb->chain[x.slot];
			if (!next || next->pc != cpu->pc)
				next = tb->chain[x.slot] = find_block(e, cpu, cpu->pc);
			tb = next;
		} else if (x.kind == TB_LOOKUP) {
			tb = find_block(e, cpu, cpu->pc);
		} else {
			return x.reason;
		}
	}
}

/* One trip through generated code (or the interpreter, for a block without host code). */
static JitRun run_once(Engine *e, Tb *tb, CpuCommon *cpu)
{
	if (log_on(LOG_EXEC))
		log_printf("Trace 0x%" PRIx64 "\n", tb->pc);
	if (tb->jit) {
		jit_ras_validate(e->jit, cpu);
		return jit_run(e->jit, tb->jit, cpu);
	}
	JitRun r = {.exit = {TB_EXIT, 0, CPU_EXIT_INTERRUPT}};
	if (!cpu->exit_request)
		r.exit = interp_run(tb, cpu, e->temps, NULL);
	return r;
}

static CpuExit run_jit(Engine *e, CpuCommon *cpu)
{
	Tb *tb = find_block(e, cpu, cpu->pc);
	for (;;) {
		JitRun r = run_once(e, tb, cpu);
		if (r.exit.kind == TB_EXIT)
			return r.exit.reason;
		uint64_t gen = jit_generation(e->jit);
		Tb *next = find_block(e, cpu, cpu->pc);
		if (r.exit.kind == TB_GOTO && r.from && next->jit && gen == jit_generation(e->jit))
			jit_link(e->jit, r.from, r.site, next->jit);
		tb = next;
	}
}

/* Co-simulation runs one block at a time, so nothing is chained or looked up inline. */
static CpuExit run_cosim(Engine *e, CpuCommon *cpu)
{
	for (;;) {
		if (cpu->exit_request)
			return CPU_EXIT_INTERRUPT;
		Tb *tb = find_block(e, cpu, cpu->pc);
		if (log_on(LOG_EXEC))
			log_printf("Trace 0x%" PRIx64 "\n", tb->pc);
		TbExit x = cosim_run(e->cosim, tb, cpu, e->temps);
		if (x.kind == TB_EXIT)
			return x.reason;
	}
}

static bool jit_pc_map(const void *opaque, uintptr_t host_pc, uint64_t *guest_pc)
{
	return jit_fault_pc(opaque, host_pc, guest_pc);
}

/* The GuestArch hooks around guest execution (guest_arch.h). */
static CpuExit leave_guest(Engine *e, CpuCommon *cpu, CpuExit why)
{
	cpu->fault_jmp = NULL;
	fault_set_cpu(NULL);
	if (e->arch->sync_state)
		e->arch->sync_state(cpu);
	return why;
}

CpuExit engine_run(Engine *e, CpuCommon *cpu)
{
	sigjmp_buf env;
	if (sigsetjmp(env, 0)) {
		cpu->pc = cpu->insn_pc;
		return leave_guest(e, cpu, CPU_EXIT_MEM_FAULT);
	}
	if (e->arch->enter)
		e->arch->enter(cpu);
	cpu->fault_jmp = &env;
	fault_set_cpu(cpu);
	fault_set_pc_map(e->jit ? jit_pc_map : NULL, e->jit);
	CpuExit why;
	for (;;) {
		why = e->cosim ? run_cosim(e, cpu) : e->jit ? run_jit(e, cpu) : run_interp(e, cpu);
		if (why != CPU_EXIT_SYNC_CODE)
			break;
		engine_flush(e);
	}
	return leave_guest(e, cpu, why);
}
