/*
 * Co-simulation: every block runs on the IR interpreter (the reference) and on the
 * x86-64 JIT from the same guest state, and the two results must agree exactly (guest
 * registers, how the block left, the memory it stored, and where it faulted). The first
 * difference stops the process with a report of the block and both states.
 */
#ifndef FERRY_COSIM_H
#define FERRY_COSIM_H

#include <stddef.h>
#include <stdint.h>

#include "jit/guest_arch.h"
#include "jit/tb.h"
#include "jit/x86_64/backend.h"

typedef struct Cosim Cosim;

/* Compares CPU structs of arch->cpu_size bytes, with arch->sync_state (when there is
 * one) applied to each before it is recorded. */
Cosim *cosim_new(JitBackend *jit, const GuestArch *arch);
void cosim_free(Cosim *c);
/* Runs tb (whose host code, if any, was compiled JIT_STANDALONE) on both executors and
 * leaves the JIT's results in place. A block without host code, or one calling a helper
 * that touches guest memory (its side effects cannot be undone), runs on one executor
 * only and counts as unchecked. */
TbExit cosim_run(Cosim *c, const Tb *tb, CpuCommon *cpu, uint64_t *temps);
void cosim_counts(const Cosim *c, uint64_t *checked, uint64_t *unchecked);

#endif
