/*
 * The engine's per-CPU side (engine_int.h): each guest thread's jump cache, temps and
 * co-simulation buffers, whether it is running, and the protocol that lets one thread
 * flush translations while others run: the flusher stops the world (every other CPU out
 * of engine_run or parked), drops everything, bumps the generation and lets them go on;
 * each CPU then empties its own caches (and, in system mode, when its address space
 * changes: engine_cpu_forget_jumps). Also the engine's part of a fork: the locks are
 * held across it, so the child never inherits one mid-change, and the child keeps only
 * the forking thread's CPU.
 */
#include <stdlib.h>
#include <string.h>

#include "jit/engine_int.h"

static void reset_jump_cache(Engine *e, EngineCpu *ec)
{
	const void *miss = e->jit ? jit_lookup_miss_code(e->jit) : NULL;
	for (unsigned i = 0; i < JUMP_CACHE_SIZE; i++)
		ec->jump_cache[i] = (JitJumpEntry){UINT64_MAX, miss};
	memset(ec->jump_tb, 0, sizeof ec->jump_tb);
}

/* Their generation stays, so jit_ras_validate does not refill them. */
static void reset_ras(Engine *e, CpuCommon *cpu)
{
	const void *miss = e->jit ? jit_lookup_miss_code(e->jit) : NULL;
	for (unsigned i = 0; i < CPU_RAS_SIZE; i++)
		cpu->ras[i] = (CpuRasEntry){UINT64_MAX, miss};
	cpu->ras_top = 0;
}

/* In system mode a new generation may come from fence.i dropping some blocks without a
 * backend flush, so the return-address predictions (which point into blocks' code) go
 * here too; in user mode jit_ras_validate sees the backend's flush. */
static void reset_caches(Engine *e, EngineCpu *ec)
{
	reset_jump_cache(e, ec);
	if (e->fetch.code_key)
		reset_ras(e, ec->cpu);
	ec->generation = __atomic_load_n(&e->generation, __ATOMIC_ACQUIRE);
}

/* The return-address predictions go too: a continuation was found in the old address
 * space. */
void engine_cpu_forget_jumps(Engine *e, CpuCommon *cpu)
{
	EngineCpu *ec = cpu->engine_cpu;
	if (!ec)
		return;
	reset_jump_cache(e, ec);
	reset_ras(e, cpu);
}

void engine_cpu_forget_jumps_page(Engine *e, CpuCommon *cpu, uint64_t addr)
{
	EngineCpu *ec = cpu->engine_cpu;
	if (!ec)
		return;
	const void *miss = e->jit ? jit_lookup_miss_code(e->jit) : NULL;
	uint64_t page = addr >> JUMP_PAGE_BITS;
	for (unsigned i = 0; i < JUMP_CACHE_SIZE; i++) {
		if (ec->jump_tb[i] && ec->jump_cache[i].pc >> JUMP_PAGE_BITS == page) {
			ec->jump_cache[i] = (JitJumpEntry){UINT64_MAX, miss};
			ec->jump_tb[i] = NULL;
		}
	}
	reset_ras(e, cpu);
}

void engine_cpu_sync(Engine *e, EngineCpu *ec)
{
	if (ec->generation != __atomic_load_n(&e->generation, __ATOMIC_ACQUIRE))
		reset_caches(e, ec);
}

static void cpu_free(EngineCpu *ec)
{
	cosim_free(ec->cosim);
	free(ec->temps);
	free(ec);
}

EngineCpu *engine_cpu_get(Engine *e, CpuCommon *cpu)
{
	if (cpu->engine_cpu)
		return cpu->engine_cpu;
	EngineCpu *ec = calloc(1, sizeof *ec);
	if (!ec)
		return NULL;
	if (e->mode == ENGINE_COSIM && !(ec->cosim = cosim_new(e->jit, e->arch))) {
		free(ec);
		return NULL;
	}
	ec->cpu = cpu;
	pthread_mutex_lock(&e->lock);
	reset_caches(e, ec);
	ec->next = e->cpus;
	e->cpus = ec;
	pthread_mutex_unlock(&e->lock);
	cpu->engine_cpu = ec;
	cpu->jump_cache = ec->jump_cache;
	return ec;
}

void engine_cpu_release(Engine *e, CpuCommon *cpu)
{
	EngineCpu *ec = cpu->engine_cpu;
	if (!ec)
		return;
	pthread_mutex_lock(&e->lock);
	for (EngineCpu **pp = &e->cpus; *pp; pp = &(*pp)->next) {
		if (*pp == ec) {
			*pp = ec->next;
			break;
		}
	}
	if (ec->cosim) {
		uint64_t checked, unchecked;
		cosim_counts(ec->cosim, &checked, &unchecked);
		e->cosim_checked += checked;
		e->cosim_unchecked += unchecked;
	}
	pthread_mutex_unlock(&e->lock);
	cpu->engine_cpu = NULL;
	cpu->jump_cache = NULL;
	cpu_free(ec);
}

void engine_cpus_free(Engine *e)
{
	while (e->cpus) {
		EngineCpu *ec = e->cpus;
		e->cpus = ec->next;
		ec->cpu->engine_cpu = NULL;
		ec->cpu->jump_cache = NULL;
		cpu_free(ec);
	}
}

/* With e->lock held: waits until no flush holds the world. */
static void wait_no_flush(Engine *e)
{
	while (__atomic_load_n(&e->exclusive, __ATOMIC_SEQ_CST))
		pthread_cond_wait(&e->changed, &e->lock);
}

void engine_cpu_enter(Engine *e, EngineCpu *ec)
{
	__atomic_store_n(&ec->running, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&e->exclusive, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&e->lock);
		engine_cpu_park(e, ec);
		pthread_mutex_unlock(&e->lock);
	}
	engine_cpu_sync(e, ec);
}

void engine_cpu_leave(Engine *e, EngineCpu *ec)
{
	__atomic_store_n(&ec->running, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&e->exclusive, __ATOMIC_SEQ_CST)) {
		/* A flusher may be waiting for this CPU: wake it (under the lock, so the
		 * wake-up cannot fall between its check and its wait). */
		pthread_mutex_lock(&e->lock);
		pthread_cond_broadcast(&e->changed);
		pthread_mutex_unlock(&e->lock);
	}
}

bool engine_cpu_park(Engine *e, EngineCpu *ec)
{
	if (!__atomic_load_n(&e->exclusive, __ATOMIC_SEQ_CST))
		return false;
	__atomic_store_n(&ec->running, 0, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&e->changed);
	wait_no_flush(e);
	__atomic_store_n(&ec->running, 1, __ATOMIC_SEQ_CST);
	bool flushed = ec->generation != e->generation;
	engine_cpu_sync(e, ec);
	return flushed;
}

/* Asks every other running CPU out of generated code and waits until none runs. */
static void stop_the_world(Engine *e, EngineCpu *self)
{
	for (;;) {
		bool any = false;
		for (EngineCpu *ec = e->cpus; ec; ec = ec->next) {
			if (ec == self || !__atomic_load_n(&ec->running, __ATOMIC_SEQ_CST))
				continue;
			ec->cpu->exit_request = 1;
			any = true;
		}
		if (!any)
			return;
		pthread_cond_wait(&e->changed, &e->lock);
	}
}

void engine_exclusive_locked(Engine *e, EngineCpu *self, void (*change)(Engine *e))
{
	/* Another flush first: a running caller parks meanwhile, so that flusher is not
	 * left waiting for it. */
	if (self)
		engine_cpu_park(e, self);
	else
		wait_no_flush(e);
	__atomic_store_n(&e->exclusive, 1, __ATOMIC_SEQ_CST);
	stop_the_world(e, self);
	change(e);
	__atomic_store_n(&e->exclusive, 0, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&e->changed);
	if (self)
		engine_cpu_sync(e, self);
}

void engine_flush_locked(Engine *e, EngineCpu *self)
{
	engine_exclusive_locked(e, self, engine_drop_all);
}

void engine_fork_prepare(Engine *e)
{
	pthread_mutex_lock(&e->lock);
	pthread_mutex_lock(&e->cosim_lock);
}

void engine_fork_parent(Engine *e)
{
	pthread_mutex_unlock(&e->cosim_lock);
	pthread_mutex_unlock(&e->lock);
}

/* The child is single-threaded: the other CPUs' threads do not exist in it, and a flush
 * that was waiting for them in the parent never started here (it holds the world only
 * while it has the lock, which the fork held). */
void engine_fork_child(Engine *e, CpuCommon *survivor)
{
	EngineCpu *keep = NULL;
	while (e->cpus) {
		EngineCpu *ec = e->cpus;
		e->cpus = ec->next;
		if (ec->cpu == survivor) {
			keep = ec;
			continue;
		}
		cpu_free(ec);
	}
	if (keep)
		keep->next = NULL;
	e->cpus = keep;
	e->exclusive = 0;
	pthread_mutex_init(&e->lock, NULL);
	pthread_mutex_init(&e->cosim_lock, NULL);
	pthread_cond_init(&e->changed, NULL);
}
