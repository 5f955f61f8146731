/*
 * Host SIGSEGV/SIGBUS while guest code runs: the handler records the guest address and
 * returns control to the engine (siglongjmp to CpuCommon.fault_jmp), which reports a
 * CPU_EXIT_MEM_FAULT at the faulting instruction's PC. A fault anywhere else is the
 * runner's own and takes the default action.
 */
#ifndef FERRY_FAULT_H
#define FERRY_FAULT_H

#include "common/cpu_common.h"

/* Installs the handlers once per process. */
void fault_install(void);
/* Marks this thread as running guest code for `cpu` (NULL: not any more). */
void fault_set_cpu(CpuCommon *cpu);

#endif
