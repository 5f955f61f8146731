/*
 * The futex argument conversion of futex.c, exported for the unit tests: a guest futex
 * call as the host call it becomes.
 */
#ifndef FERRY_FUTEX_H
#define FERRY_FUTEX_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "common/guest_mem.h"
#include "syscall/abi/abi.h"

typedef struct FutexCall {
	uint32_t *uaddr, *uaddr2; /* host addresses of the futex words (uaddr2 NULL if unused) */
	int op;                   /* the guest's op word: command and flags, host values */
	uint32_t val, val2, val3;
	bool has_timeout; /* ts is the timeout (the fourth argument), else val2 is */
	struct timespec ts;
} FutexCall;

/* Checks and converts futex(a[0..5]) for the host: 0, or -ENOSYS for an unknown command,
 * -EINVAL for a misaligned word, -EFAULT for a word or timeout outside guest memory. */
int futex_prepare(const LinuxAbi *abi, GuestMem *m, const uint64_t a[6], FutexCall *c);
/* Makes the host call; the host's result (-1 with errno on failure). */
long futex_host(const FutexCall *c);

#endif
