/*
 * What the two halves of the aarch64 FP core (fp_core.c, fp_convert.c) share below
 * a64_fp.h: raw single and double bit patterns as host floats and back, and A64_PIN.
 * Both files are built with -frounding-math (frontends.mk); the casts are inline, so
 * the operations compile as they would with the helpers written in each file.
 */
#ifndef FERRY_A64_FP_BITS_H
#define FERRY_A64_FP_BITS_H

#include <stdint.h>
#include <string.h>

/* Makes v opaque to the compiler here, in an SSE register: an operation on it is
 * neither constant-folded nor moved across the MXCSR change that sets its rounding. */
#define A64_PIN(v) __asm__ volatile("" : "+x"(v))

static inline float a64_f32(uint64_t b)
{
	uint32_t u = (uint32_t)b;
	float f;
	memcpy(&f, &u, 4);
	return f;
}
static inline double a64_f64(uint64_t b)
{
	double d;
	memcpy(&d, &b, 8);
	return d;
}
static inline uint64_t a64_b32(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}
static inline uint64_t a64_b64(double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}

#endif
