/*
 * The syscall table for the asm-generic numbering (include/uapi/asm-generic/unistd.h),
 * which riscv64 and aarch64 share: one line per number with the generic handler and the
 * -strace argument formats. Each ISA's LinuxAbi points at it.
 */
#ifndef FERRY_ASM_GENERIC_H
#define FERRY_ASM_GENERIC_H

#include "syscall/abi/abi.h"

/* One past the highest number in the table (fchmodat2, 452). */
#define ASM_GENERIC_NR_SYSCALLS 453

/* The arch-specific range: __NR_arch_specific_syscall (244) and the 16 numbers after. */
#define ASM_GENERIC_ARCH_FIRST 244
#define ASM_GENERIC_ARCH_COUNT 16

extern const LinuxSyscallDesc asm_generic_syscalls[ASM_GENERIC_NR_SYSCALLS];

#endif
