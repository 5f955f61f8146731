/*
 * Shared scaffolding for the IR unit tests: a toy CPU struct with a few 64-bit
 * registers and a scratch memory area, and a function that verifies, resolves labels
 * and interprets one block on it.
 */
#ifndef FERRY_IR_TEST_UTIL_H
#define FERRY_IR_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jit/tb.h"

typedef struct ToyCpu {
	CpuCommon common;
	uint64_t r[8];
	uint32_t w[2];
	uint8_t v[4][16]; /* vector registers */
} ToyCpu;

#define TOY_R(n) ((uint32_t)(offsetof(ToyCpu, r) + 8u * (n)))
#define TOY_W(n) ((uint32_t)(offsetof(ToyCpu, w) + 4u * (n)))
#define TOY_V(n) ((uint32_t)(offsetof(ToyCpu, v) + 16u * (n)))

/* Verifies b (failing the test with the verifier's message if invalid), then runs it
 * on cpu; the block is consumed. */
TbExit toy_run(IrBlock *b, ToyCpu *cpu);

#endif
