/*
 * Host SIGSEGV/SIGBUS while guest code runs: the handler records the guest address and
 * returns control to the engine (siglongjmp to CpuCommon.fault_jmp), which reports a
 * CPU_EXIT_MEM_FAULT at the faulting instruction's PC: for a fault in generated code the
 * engine's pc map names that instruction; otherwise cpu->insn_pc already does. A fault anywhere else is the
 * runner's own and takes the default action.
 */
#ifndef FERRY_FAULT_H
#define FERRY_FAULT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cpu_common.h"

/* Maps a host pc inside generated code to the guest instruction it belongs to. */
typedef bool (*FaultPcMap)(const void *opaque, uintptr_t host_pc, uint64_t *guest_pc);

/* Installs the handlers once per process. */
void fault_install(void);
/* Marks this thread as running guest code for `cpu` (NULL: not any more). */
void fault_set_cpu(CpuCommon *cpu);
/* Generated code of this thread's engine: a fault at a host pc the map knows reports
 * that guest instruction in cpu->insn_pc; any other fault keeps the insn_pc that the
 * interpreter or a helper call recorded. NULL: no generated code. */
void fault_set_pc_map(FaultPcMap map, const void *opaque);

#endif
