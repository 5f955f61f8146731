/*
 * The aarch64 signal-frame hooks of the Linux ABI (aarch64_signal.c), shared by the ABI
 * table in aarch64.c.
 */
#ifndef FERRY_AARCH64_SIGNAL_H
#define FERRY_AARCH64_SIGNAL_H

#include "syscall/abi/abi.h"

/* sizeof(struct rt_sigframe) (128-byte siginfo + 4560-byte ucontext) plus the 16-byte
 * frame record above it and the 16-byte alignment of each. */
#define A64_SIGFRAME_SIZE (4688 + 16 + 16)

extern const uint8_t a64_sigreturn_code[8];

int64_t a64_sigframe_setup(CpuCommon *cpu, GuestMem *m, uint64_t sp, const LinuxSigFrame *f);
int a64_sigframe_restore(CpuCommon *cpu, GuestMem *m, LinuxSigFrame *f);
void a64_syscall_restart(CpuCommon *cpu, uint64_t arg0);

#endif
