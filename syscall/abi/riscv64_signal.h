/*
 * The riscv64 signal-frame hooks of the Linux ABI (riscv64_signal.c), shared by the ABI
 * table in riscv64.c.
 */
#ifndef FERRY_RISCV64_SIGNAL_H
#define FERRY_RISCV64_SIGNAL_H

#include "syscall/abi/abi.h"

/* sizeof(struct rt_sigframe): 128-byte siginfo + 960-byte ucontext. */
#define RV_SIGFRAME_SIZE 1088

extern const uint8_t rv_sigreturn_code[8];

int64_t rv_sigframe_setup(CpuCommon *cpu, GuestMem *m, uint64_t sp, const LinuxSigFrame *f);
int rv_sigframe_restore(CpuCommon *cpu, GuestMem *m, LinuxSigFrame *f);
void rv_syscall_restart(CpuCommon *cpu, uint64_t arg0);

#endif
