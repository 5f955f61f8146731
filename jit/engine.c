/*
 * The execution engine behind engine.h. Blocks are found through a per-CPU direct-mapped
 * jump cache in front of a hash table keyed by guest PC; a miss translates (frontend ->
 * IR -> optimizer -> executor). Direct exits are chained: a block remembers its successor
 * per exit slot, so a running loop never looks a block up. Invalidation is coarse on
 * purpose: the engine tracks which guest pages hold translated code and, when a changed
 * range touches one, drops every translation (code is rarely unmapped or rewritten by
 * user programs, and this keeps chains trivially correct).
 *
 * With ENGINE_JIT, blocks also get host code from the x86-64 backend: the run loop
 * enters generated code, which follows linked exits and jump-cache hits by itself; the
 * loop only translates and links successors, and runs the rare block the backend cannot
 * compile with the interpreter. The jump cache is laid out for generated code to read
 * ({pc, host code} pairs, with the Tb pointers beside them for the C side).
 *
 * Every guest thread runs through the same Engine; engine_int.h describes the locks and
 * how a flush stops the other threads (engine_cpu.c).
 *
 * System mode (GuestFetch.code_key set): blocks are keyed by (pc, code key), generated
 * code reaches guest memory through cpu->mmu (JIT_SOFTMMU), each CPU's jump cache and
 * return-address stack hold what was found in its current address space until
 * engine_cpu_forget_jumps, and with page_bounded a block stays within one guest page
 * and is only chained to blocks of the same code key (so of the same physical page).
 * fence.i then need not drop everything: with the fetch's dirty-code hooks it drops
 * only the blocks of code keys the machine reports written (guest_arch.h), each list
 * of them found through by_key; their host code is abandoned until the next full
 * flush, and every CPU's jump cache and return-address stack are emptied (a new
 * generation) since those may point at it. Co-simulation is refused there: device
 * accesses cannot be undone and run again.
 */
#include "jit/engine.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "jit/engine_int.h"
#include "jit/fault.h"

#define PAGE_SHIFT 12

/* The CPU this thread is running inside engine_run, or NULL: a flush asked for from
 * inside (a full code cache, fence.i) does not wait for its own thread. */
static __thread EngineCpu *engine_self;

static guint key_hash(gconstpointer key)
{
	const TbKey *k = key;
	uint64_t h = k->pc ^ (k->pc >> 29) ^ k->code_key * 0x9e3779b97f4a7c15ull;
	return (guint)(h ^ (h >> 32));
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
	const TbKey *x = a, *y = b;
	return x->pc == y->pc && x->code_key == y->code_key;
}

/* System mode: the two pcs are in different guest pages, and a page-bounded block may
 * not be chained from one to the other (guest_arch.h). */
static bool crosses_page(const Engine *e, uint64_t from, uint64_t to)
{
	return e->fetch.page_bounded && (from ^ to) >> PAGE_SHIFT;
}

static void tb_free(gpointer p)
{
	Tb *tb = p;
	ir_block_free(&tb->ir);
	free(tb->label_pos);
	free(tb);
}

Engine *engine_new(const GuestArch *arch, EngineMode mode, const GuestFetch *fetch)
{
	if (mode == ENGINE_COSIM && fetch->code_key) {
		fprintf(stderr, "ferry: co-simulation is not available in system mode (device "
		                "accesses cannot be undone and replayed)\n");
		return NULL;
	}
	Engine *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	if (mode != ENGINE_INTERP) {
		e->jit = jit_backend_new(JUMP_CACHE_BITS);
		if (!e->jit) {
			free(e);
			return NULL;
		}
	}
	pthread_mutex_init(&e->lock, NULL);
	pthread_mutex_init(&e->cosim_lock, NULL);
	pthread_cond_init(&e->changed, NULL);
	ir_block_init(&e->scratch, 0);
	e->arch = arch;
	e->mode = mode;
	e->fetch = *fetch;
	e->generation = 1;
	e->blocks = g_hash_table_new_full(key_hash, key_equal, NULL, tb_free);
	e->pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	e->by_key = g_hash_table_new(g_int64_hash, g_int64_equal);
	const char *v = getenv("FERRY_VERIFY_IR");
	e->verify = v && *v && strcmp(v, "0") != 0;
	return e;
}

void engine_drop_all(Engine *e)
{
	g_hash_table_remove_all(e->by_key);
	g_hash_table_remove_all(e->blocks);
	g_hash_table_remove_all(e->pages);
	if (e->jit)
		jit_flush(e->jit);
	__atomic_store_n(&e->generation, e->generation + 1, __ATOMIC_RELEASE);
}

void engine_free(Engine *e)
{
	if (!e)
		return;
	engine_cpus_free(e);
	engine_drop_all(e);
	g_hash_table_destroy(e->blocks);
	g_hash_table_destroy(e->pages);
	g_hash_table_destroy(e->by_key);
	jit_backend_free(e->jit);
	ir_block_free(&e->scratch);
	pthread_mutex_destroy(&e->lock);
	pthread_mutex_destroy(&e->cosim_lock);
	pthread_cond_destroy(&e->changed);
	free(e);
}

uint64_t engine_blocks_translated(const Engine *e)
{
	return __atomic_load_n(&e->translated, __ATOMIC_RELAXED);
}

EngineStats engine_stats(const Engine *e)
{
	Engine *me = (Engine *)e;
	pthread_mutex_lock(&me->lock);
	EngineStats s = {
	    .blocks = e->translated,
	    .guest_insns = e->guest_insns_translated,
	    .translate_ns = e->translate_ns,
	    .cosim_checked = e->cosim_checked,
	    .cosim_unchecked = e->cosim_unchecked,
	};
	for (const EngineCpu *ec = e->cpus; ec; ec = ec->next) {
		uint64_t checked = 0, unchecked = 0;
		if (ec->cosim)
			cosim_counts(ec->cosim, &checked, &unchecked);
		s.cosim_checked += checked;
		s.cosim_unchecked += unchecked;
	}
	pthread_mutex_unlock(&me->lock);
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

/* With e->lock held: does any page of [start, start+len) hold translated code? */
static bool touches_code(Engine *e, uint64_t start, uint64_t len)
{
	uint64_t first = start >> PAGE_SHIFT, last = (start + len - 1) >> PAGE_SHIFT;
	if (last - first + 1 > g_hash_table_size(e->pages)) {
		GHashTableIter it;
		gpointer key;
		g_hash_table_iter_init(&it, e->pages);
		while (g_hash_table_iter_next(&it, &key, NULL)) {
			uint64_t page = *(uint64_t *)key;
			if (page >= first && page <= last)
				return true;
		}
		return false;
	}
	for (uint64_t page = first; page <= last; page++)
		if (g_hash_table_contains(e->pages, &page))
			return true;
	return false;
}

void engine_invalidate(Engine *e, uint64_t start, uint64_t len)
{
	if (!len)
		return;
	pthread_mutex_lock(&e->lock);
	if (g_hash_table_size(e->pages) && touches_code(e, start, len)) {
		if (log_on(LOG_EXEC))
			log_printf("invalidate 0x%" PRIx64 "+0x%" PRIx64
			           ": dropping all translations\n",
			           start, len);
		engine_flush_locked(e, engine_self);
	}
	pthread_mutex_unlock(&e->lock);
}

void engine_flush(Engine *e)
{
	pthread_mutex_lock(&e->lock);
	engine_flush_locked(e, engine_self);
	pthread_mutex_unlock(&e->lock);
}

/* With the world stopped: drops the blocks of one code key; how many. The hash table's
 * key is the code_key field of a Tb on the list, so the entry goes first. */
static unsigned drop_code_key(Engine *e, uint64_t key)
{
	Tb *tb = g_hash_table_lookup(e->by_key, &key);
	if (!tb)
		return 0;
	g_hash_table_remove(e->by_key, &key);
	unsigned n = 0;
	while (tb) {
		Tb *next = tb->same_key;
		g_hash_table_remove(e->blocks, &tb->key);
		tb = next;
		n++;
	}
	return n;
}

/* With the world stopped: drops the blocks of every code key the machine reports
 * written; a new generation when any went, so that no CPU's jump cache or
 * return-address stack still leads into them. */
static void drop_dirty_code(Engine *e)
{
	uint64_t keys[64];
	size_t n;
	unsigned dropped = 0;
	while ((n = e->fetch.take_dirty_code(e->fetch.opaque, keys, 64)) > 0)
		for (size_t i = 0; i < n; i++)
			dropped += drop_code_key(e, keys[i]);
	if (log_on(LOG_EXEC))
		log_printf("fence.i: dropped %u blocks\n", dropped);
	if (dropped)
		__atomic_store_n(&e->generation, e->generation + 1, __ATOMIC_RELEASE);
}

/* CPU_EXIT_SYNC_CODE: everything goes, unless the fetch tells which code changed; then
 * only that code's blocks, and nothing at all (not even a stop) when none changed. */
static void sync_code(Engine *e, EngineCpu *ec)
{
	if (e->fetch.take_dirty_code && !e->fetch.code_dirty(e->fetch.opaque))
		return;
	pthread_mutex_lock(&e->lock);
	if (e->fetch.take_dirty_code)
		engine_exclusive_locked(e, ec, drop_dirty_code);
	else
		engine_flush_locked(e, ec);
	pthread_mutex_unlock(&e->lock);
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

/* Gives tb host code. A full code cache is flushed (tb is not in the block table yet,
 * so it survives; the caller learns of the flush from its CPU's generation) and the
 * compile retried once; a block the backend cannot compile
 * keeps jit NULL and runs in the interpreter. */
static void compile_block(Engine *e, Tb *tb, uintptr_t guest_base)
{
	JitStatus st;
	unsigned flags = (e->mode == ENGINE_COSIM ? JIT_STANDALONE : 0) |
	                 (e->fetch.code_key ? JIT_SOFTMMU : 0) |
	                 (e->fetch.page_bounded ? JIT_PAGE_BOUNDED : 0);
	tb->jit = jit_compile(e->jit, tb, guest_base, flags, &st);
	if (st == JIT_CACHE_FULL) {
		if (log_on(LOG_EXEC))
			log_printf("code cache full: dropping all translations\n");
		engine_flush_locked(e, engine_self);
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
	if (tb->jit && e->mode != ENGINE_COSIM) {
		tb->ir.insns = NULL;
		tb->ir.temp_type = NULL;
		tb->ir.n_insns = tb->ir.cap_insns = 0;
		tb->ir.n_temps = tb->ir.cap_temps = 0;
		return true;
	}
	return ir_block_copy(&tb->ir, &e->scratch) && tb_resolve_labels(tb);
}

static Tb *translate(Engine *e, TbKey key, uintptr_t guest_base)
{
	Tb *tb = calloc(1, sizeof *tb);
	if (!tb)
		return NULL;
	uint64_t pc = key.pc;
	tb->key = key;
	IrBlock *b = &e->scratch;
	ir_block_reset(b, pc);
	b->page_bounded = e->fetch.page_bounded;
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
	g_hash_table_insert(e->blocks, &tb->key, tb);
	if (e->fetch.code_key) {
		tb->same_key = g_hash_table_lookup(e->by_key, &tb->code_key);
		g_hash_table_insert(e->by_key, &tb->code_key, tb);
	}
	note_pages(e, pc, tb->size);
	e->translated++;
	e->guest_insns_translated += tb->ir.guest_insns;
	return tb;
}

/* With e->lock held: the block for key, translated now if it is not in the table. */
static Tb *lookup_or_translate(Engine *e, CpuCommon *cpu, TbKey key)
{
	Tb *tb = g_hash_table_lookup(e->blocks, &key);
	if (tb)
		return tb;
	/* Translation runs library code that may disturb the guest state a frontend keeps
	 * in the host (guest_arch.h): move it out first, reset the host after. */
	if (e->arch->sync_state)
		e->arch->sync_state(cpu);
	uint64_t t0 = now_ns();
	tb = translate(e, key, cpu->guest_base);
	e->translate_ns += now_ns() - t0;
	if (e->arch->enter)
		e->arch->enter(cpu);
	return tb;
}

/* The block at pc, from this CPU's jump cache without a lock, else from the table (or
 * translated). Any Tb or JitBlock the caller got earlier is dead when ec->generation
 * changed meanwhile: a flush happened while this CPU waited or translated. In system
 * mode the table is keyed by (pc, code key) and the jump cache holds the blocks of
 * the CPU's current address space (engine_cpu_forget_jumps empties it). */
static Tb *find_block(Engine *e, EngineCpu *ec, CpuCommon *cpu, uint64_t pc)
{
	unsigned i = (pc >> 1) & (JUMP_CACHE_SIZE - 1);
	Tb *tb = ec->jump_tb[i];
	if (tb && ec->jump_cache[i].pc == pc)
		return tb;
	TbKey key = {pc, e->fetch.code_key ? e->fetch.code_key(e->fetch.opaque, cpu, pc) : 0};
	pthread_mutex_lock(&e->lock);
	engine_cpu_park(e, ec);
	tb = lookup_or_translate(e, cpu, key);
	pthread_mutex_unlock(&e->lock);
	if (!tb) {
		fprintf(stderr, "ferry: out of memory translating guest code\n");
		abort();
	}
	ec->jump_tb[i] = tb;
	ec->jump_cache[i].pc = pc;
	ec->jump_cache[i].code = tb->jit  ? jit_block_code(tb->jit)
	                         : e->jit ? jit_lookup_miss_code(e->jit)
	                                  : NULL;
	return tb;
}

/* The interpreter's temps for tb (per CPU: threads interpret at the same time). */
static uint64_t *temps_for(EngineCpu *ec, const Tb *tb)
{
	uint32_t need = 2 * tb->ir.n_temps; /* v128 temps take two words (tb.h) */
	if (need > ec->temps_cap) {
		uint64_t *t = realloc(ec->temps, need * sizeof *t);
		if (!t) {
			fprintf(stderr, "ferry: out of memory\n");
			abort();
		}
		memset(t, 0, need * sizeof *t);
		ec->temps = t;
		ec->temps_cap = need;
	}
	return ec->temps;
}

/* A chain slot is shared by every thread running tb: read and written atomically, and
 * filled only when no flush made the found successor newer than tb, and only with a
 * block of tb's code key (fence.i drops blocks by code key; see link_exit). */
static CpuExit run_interp(Engine *e, EngineCpu *ec, CpuCommon *cpu)
{
	Tb *tb = find_block(e, ec, cpu, cpu->pc);
	for (;;) {
		if (cpu->exit_request)
			return CPU_EXIT_INTERRUPT;
		if (log_on(LOG_EXEC))
			log_printf("Trace 0x%" PRIx64 "\n", tb->pc);
		TbExit x = interp_run(tb, cpu, temps_for(ec, tb), NULL);
		if (x.kind == TB_GOTO) {
			Tb *next = __atomic_load_n(&tb->chain[x.slot], __ATOMIC_ACQUIRE);
			if (crosses_page(e, tb->pc, cpu->pc)) {
				next = find_block(e, ec, cpu, cpu->pc);
			} else if (!next || next->pc != cpu->pc) {
				uint64_t gen = ec->generation;
				next = find_block(e, ec, cpu, cpu->pc);
				if (gen == ec->generation && next->code_key == tb->code_key)
					__atomic_store_n(&tb->chain[x.slot], next,
					                 __ATOMIC_RELEASE);
			}
			tb = next;
		} else if (x.kind == TB_LOOKUP) {
			tb = find_block(e, ec, cpu, cpu->pc);
		} else {
			return x.reason;
		}
	}
}

/* One trip through generated code (or the interpreter, for a block without host code). */
static JitRun run_once(Engine *e, EngineCpu *ec, Tb *tb, CpuCommon *cpu)
{
	if (log_on(LOG_EXEC))
		log_printf("Trace 0x%" PRIx64 "\n", tb->pc);
	if (tb->jit) {
		jit_ras_validate(e->jit, cpu);
		return jit_run(e->jit, tb->jit, cpu);
	}
	JitRun r = {.exit = {TB_EXIT, 0, CPU_EXIT_INTERRUPT}};
	if (!cpu->exit_request)
		r.exit = interp_run(tb, cpu, temps_for(ec, tb), NULL);
	return r;
}

/* Links from's exit to `to` under the lock, unless a flush or drop since `gen` freed
 * from. Only blocks of one code key are linked: with page_bounded the exit stays in
 * from's virtual page, which has the same code key unless the guest changed a mapping
 * without sfence.vma, and fence.i's partial drop relies on no chain leading from a
 * block it keeps into one it drops. (In user mode every code key is 0.) */
static void link_exit(Engine *e, EngineCpu *ec, uint64_t gen, JitBlock *from, unsigned site, Tb *to)
{
	pthread_mutex_lock(&e->lock);
	if (gen == ec->generation && jit_block_tb(from)->code_key == to->code_key)
		jit_link(e->jit, from, site, to->jit);
	pthread_mutex_unlock(&e->lock);
}

static CpuExit run_jit(Engine *e, EngineCpu *ec, CpuCommon *cpu)
{
	Tb *tb = find_block(e, ec, cpu, cpu->pc);
	for (;;) {
		JitRun r = run_once(e, ec, tb, cpu);
		if (r.exit.kind == TB_EXIT)
			return r.exit.reason;
		uint64_t gen = ec->generation;
		Tb *next = find_block(e, ec, cpu, cpu->pc);
		/* r.from may be a block chained to from tb; one compiled with
		 * JIT_PAGE_BOUNDED has linkable sites only for exits within its page. */
		if (r.exit.kind == TB_GOTO && r.from && next->jit)
			link_exit(e, ec, gen, r.from, r.site, next);
		tb = next;
	}
}

/* Co-simulation runs one block at a time, so nothing is chained or looked up inline.
 * Guest threads take turns block by block (engine_int.h: cosim_lock). */
static CpuExit run_cosim(Engine *e, EngineCpu *ec, CpuCommon *cpu)
{
	for (;;) {
		if (cpu->exit_request)
			return CPU_EXIT_INTERRUPT;
		Tb *tb = find_block(e, ec, cpu, cpu->pc);
		if (log_on(LOG_EXEC))
			log_printf("Trace 0x%" PRIx64 "\n", tb->pc);
		uint64_t *temps = temps_for(ec, tb);
		pthread_mutex_lock(&e->cosim_lock);
		ec->in_cosim = true;
		TbExit x = cosim_run(ec->cosim, tb, cpu, temps);
		ec->in_cosim = false;
		pthread_mutex_unlock(&e->cosim_lock);
		if (x.kind == TB_EXIT)
			return x.reason;
	}
}

static bool jit_pc_map(const void *opaque, uintptr_t host_pc, uint64_t *guest_pc)
{
	return jit_fault_pc(opaque, host_pc, guest_pc);
}

/* The GuestArch hooks around guest execution (guest_arch.h). */
static CpuExit leave_guest(Engine *e, EngineCpu *ec, CpuCommon *cpu, CpuExit why)
{
	cpu->fault_jmp = NULL;
	fault_set_cpu(NULL);
	if (ec->in_cosim) {
		/* a fault left a co-simulated block that ran on one executor only */
		ec->in_cosim = false;
		pthread_mutex_unlock(&e->cosim_lock);
	}
	if (e->arch->sync_state)
		e->arch->sync_state(cpu);
	engine_self = NULL;
	engine_cpu_leave(e, ec);
	return why;
}

static CpuExit run_mode(Engine *e, EngineCpu *ec, CpuCommon *cpu)
{
	switch (e->mode) {
	case ENGINE_COSIM: return run_cosim(e, ec, cpu);
	case ENGINE_JIT: return run_jit(e, ec, cpu);
	default: return run_interp(e, ec, cpu);
	}
}

CpuExit engine_run(Engine *e, CpuCommon *cpu)
{
	EngineCpu *ec = engine_cpu_get(e, cpu);
	if (!ec) {
		fprintf(stderr, "ferry: out of memory\n");
		abort();
	}
	sigjmp_buf env;
	if (sigsetjmp(env, 0)) {
		cpu->pc = cpu->insn_pc;
		return leave_guest(e, ec, cpu, CPU_EXIT_MEM_FAULT);
	}
	engine_cpu_enter(e, ec);
	engine_self = ec;
	if (e->arch->enter)
		e->arch->enter(cpu);
	cpu->fault_jmp = &env;
	fault_set_cpu(cpu);
	fault_set_pc_map(e->jit ? jit_pc_map : NULL, e->jit);
	CpuExit why;
	for (;;) {
		why = run_mode(e, ec, cpu);
		if (why != CPU_EXIT_SYNC_CODE)
			break;
		sync_code(e, ec);
	}
	return leave_guest(e, ec, cpu, why);
}
