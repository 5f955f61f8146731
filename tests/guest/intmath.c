/*
 * Integer arithmetic: 64-bit and __int128 multiply, divide, remainder and shifts;
 * the overflow builtins (add/sub/mul, signed and unsigned, 32 and 64 bits); division
 * and remainder corner cases with volatile operands (negative operands, INT64_MIN / 1,
 * INT64_MIN % -1 is avoided because it is undefined in C); bit counting builtins;
 * rotations; sign and zero extension between widths.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

static void print_u128(const char *label, u128 v)
{
	printf("%s=%016" PRIx64 "%016" PRIx64 "\n", label, (uint64_t)(v >> 64), (uint64_t)v);
}

static volatile int64_t sv[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 1000000007, -1000000007,
				INT64_MAX, INT64_MIN, INT32_MAX, INT32_MIN, 0x123456789abcdefLL};
static volatile uint64_t uv[] = {0, 1, 2, 3, 0xffffffffULL, 0x100000000ULL,
				 0x8000000000000000ULL, 0xffffffffffffffffULL,
				 0xdeadbeefcafebabeULL, 10000000000000000000ULL};
enum { NS = sizeof sv / sizeof sv[0], NU = sizeof uv / sizeof uv[0] };

int main(void)
{
	printf("== signed 64-bit div/rem\n");
	for (int i = 0; i < NS; i++)
		for (int j = 0; j < NS; j++) {
			int64_t a = sv[i], b = sv[j];
			if (b == 0 || (a == INT64_MIN && b == -1))
				continue;
			if (i % 3 == 0 || j % 2 == 0)
				printf("%" PRId64 "/%" PRId64 "=%" PRId64 " r%" PRId64 "\n", a, b, a / b,
				       a % b);
		}
	printf("== unsigned 64-bit div/rem\n");
	for (int i = 0; i < NU; i++)
		for (int j = 1; j < NU; j++) {
			uint64_t a = uv[i], b = uv[j];
			printf("%" PRIx64 "/%" PRIx64 "=%" PRIx64 " r%" PRIx64 "\n", a, b, a / b, a % b);
		}
	printf("== 32-bit div/rem\n");
	volatile int32_t a32[] = {INT32_MIN, -100, -7, 7, 100, INT32_MAX};
	volatile int32_t b32[] = {-3, -1, 1, 3, 65536};
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < 5; j++) {
			if (a32[i] == INT32_MIN && b32[j] == -1)
				continue;
			printf("%d/%d=%d r%d u:%u r%u\n", a32[i], b32[j], a32[i] / b32[j],
			       a32[i] % b32[j], (uint32_t)a32[i] / (uint32_t)b32[j],
			       (uint32_t)a32[i] % (uint32_t)b32[j]);
		}

	printf("== high multiply and 128-bit\n");
	for (int i = 0; i < NU; i++)
		for (int j = i; j < NU; j++) {
			u128 p = (u128)uv[i] * uv[j];
			s128 q = (s128)(int64_t)uv[i] * (int64_t)uv[j];
			printf("mulhu %016" PRIx64 " %016" PRIx64 " hi=%016" PRIx64 " lo=%016" PRIx64
			       " mulh hi=%016" PRIx64 "\n",
			       uv[i], uv[j], (uint64_t)(p >> 64), (uint64_t)p, (uint64_t)(q >> 64));
		}
	u128 big = ((u128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
	volatile uint64_t d = 1000000007;
	print_u128("big", big);
	print_u128("big/d", big / d);
	print_u128("big%d", big % d);
	print_u128("big*big", big * big);
	print_u128("big>>67", big >> 67);
	print_u128("big<<100", big << 100);
	s128 neg = -(s128)big;
	print_u128("-big", (u128)neg);
	print_u128("-big>>70 (arith)", (u128)(neg >> 70));
	print_u128("-big/12345", (u128)(neg / 12345));
	print_u128("-big%12345", (u128)(neg % 12345));
	u128 fact = 1;
	for (int i = 1; i <= 34; i++)
		fact *= (u128)i;
	print_u128("34!", fact);

	printf("== shifts\n");
	volatile unsigned sh[] = {0, 1, 31, 32, 33, 63};
	for (int i = 0; i < 6; i++) {
		unsigned s = sh[i];
		uint64_t x = 0x8000000000000001ULL;
		int64_t y = INT64_MIN + 5;
		printf("s=%u shl=%016" PRIx64 " shr=%016" PRIx64 " sar=%016" PRIx64, s, x << s, x >> s,
		       (uint64_t)(y >> s));
		if (s < 32)
			printf(" shl32=%08x sar32=%08x", 0x80000001u << s,
			       (uint32_t)((int32_t)0x80000001 >> s));
		printf("\n");
	}

	printf("== overflow builtins\n");
	int64_t r64;
	uint64_t u64;
	int32_t r32;
	uint32_t u32;
	for (int i = 0; i < NS; i++) {
		int64_t a = sv[i], b = sv[(i * 7 + 3) % NS];
		int o1 = __builtin_add_overflow(a, b, &r64);
		printf("add %" PRId64 " %" PRId64 " o=%d r=%" PRId64, a, b, o1, r64);
		int o2 = __builtin_sub_overflow(a, b, &r64);
		printf(" sub o=%d r=%" PRId64, o2, r64);
		int o3 = __builtin_mul_overflow(a, b, &r64);
		printf(" mul o=%d r=%" PRId64, o3, r64);
		int o4 = __builtin_mul_overflow((uint64_t)a, (uint64_t)b, &u64);
		printf(" umul o=%d r=%" PRIx64, o4, u64);
		int o5 = __builtin_add_overflow((int32_t)a, (int32_t)b, &r32);
		printf(" add32 o=%d r=%d", o5, r32);
		int o6 = __builtin_sub_overflow((uint32_t)a, (uint32_t)b, &u32);
		printf(" usub32 o=%d r=%u\n", o6, u32);
	}

	printf("== bit ops\n");
	for (int i = 0; i < NU; i++) {
		uint64_t x = uv[i];
		printf("%016" PRIx64 " pop=%d clz=%d ctz=%d bswap=%016" PRIx64 " rotl13=%016" PRIx64
		       " parity=%d\n",
		       x, __builtin_popcountll(x), x ? __builtin_clzll(x) : 64,
		       x ? __builtin_ctzll(x) : 64, __builtin_bswap64(x), (x << 13) | (x >> 51),
		       __builtin_parityll(x));
	}

	printf("== extension\n");
	volatile uint64_t w = 0xfedcba9880706050ULL;
	printf("s8=%" PRId64 " u8=%" PRIu64 " s16=%" PRId64 " u16=%" PRIu64 " s32=%" PRId64
	       " u32=%" PRIu64 "\n",
	       (int64_t)(int8_t)w, (uint64_t)(uint8_t)w, (int64_t)(int16_t)(w >> 8),
	       (uint64_t)(uint16_t)(w >> 8), (int64_t)(int32_t)(w >> 4), (uint64_t)(uint32_t)(w >> 4));
	volatile int32_t m1 = 0x7fffffff, m2 = 2;
	printf("wrapping 32-bit mul as unsigned: %u, widened: %" PRId64 "\n",
	       (uint32_t)m1 * (uint32_t)m2, (int64_t)m1 * m2);
	return 0;
}
