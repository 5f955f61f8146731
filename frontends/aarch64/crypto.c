/*
 * The cryptographic extension (AES, SHA1, SHA256) and CRC32/CRC32C helpers (simd.h),
 * written from the Arm ARM's pseudocode (AESSubBytes, AESShiftRows, AESMixColumns,
 * SHA1C/P/M with SHAchoose, SHAparity, SHAmajority, SHA256hash, the schedule updates
 * and CRC32 as a bit-reflected polynomial division).
 *
 * AES uses AES-NI when the host has it. Arm's AESE is AddRoundKey, SubBytes, ShiftRows
 * (the key is Vn, the state Vd); x86's AESENCLAST is SubBytes, ShiftRows, then the key,
 * so AESE = AESENCLAST(Vd ^ Vn, 0) and AESD = AESDECLAST(Vd ^ Vn, 0). MixColumns alone
 * has no x86 instruction: AESENC(AESDECLAST(s, 0), 0) applies InvShiftRows/InvSubBytes,
 * then SubBytes/ShiftRows (which cancel, both being bytewise or permutations) and
 * MixColumns. AESIMC is InvMixColumns on both. CRC32C uses SSE4.2's crc32, which
 * computes exactly the same reflected, uninverted update.
 */
#include <cpuid.h>
#include <immintrin.h>
#include <pthread.h>

#include "frontends/aarch64/simd.h"

static A64HostFeatures a64_features;
static pthread_once_t a64_features_once = PTHREAD_ONCE_INIT;

static void a64_probe_features(void)
{
	unsigned a, b, c, d;
	if (__get_cpuid(1, &a, &b, &c, &d)) {
		a64_features.aes = c >> 25 & 1;
		a64_features.pclmul = c >> 1 & 1;
		a64_features.sse42 = c >> 20 & 1;
		a64_features.fma = c >> 12 & 1;
		a64_features.ssse3 = c >> 9 & 1;
	}
}

const A64HostFeatures *a64_host_features(void)
{
	pthread_once(&a64_features_once, a64_probe_features);
	return &a64_features;
}

/* ---- AES in software: the S-box from its definition (multiplicative inverse in
 * GF(2^8) followed by the affine map), built once. ---- */

static uint8_t a64_sbox[256], a64_inv_sbox[256];
static pthread_once_t a64_sbox_once = PTHREAD_ONCE_INIT;

static uint8_t a64_gf_mul(uint8_t a, uint8_t b)
{
	uint8_t r = 0;
	while (b) {
		if (b & 1)
			r ^= a;
		a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
		b >>= 1;
	}
	return r;
}

static void a64_sbox_init(void)
{
	for (unsigned x = 0; x < 256; x++) {
		uint8_t inv = 0;
		for (unsigned y = 1; y < 256 && x; y++)
			if (a64_gf_mul((uint8_t)x, (uint8_t)y) == 1) {
				inv = (uint8_t)y;
				break;
			}
		uint8_t s = inv;
		for (unsigned i = 1; i < 5; i++)
			s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
		s ^= 0x63;
		a64_sbox[x] = s;
		a64_inv_sbox[s] = (uint8_t)x;
	}
}

/* ShiftRows: state byte 4c + r (column c, row r) comes from column (c + r) mod 4. */
static void a64_aes_shift_rows(uint8_t *s, bool inverse)
{
	uint8_t t[16];
	for (unsigned c = 0; c < 4; c++)
		for (unsigned r = 0; r < 4; r++) {
			unsigned from = inverse ? (c + 4 - r) % 4 : (c + r) % 4;
			t[4 * c + r] = s[4 * from + r];
		}
	memcpy(s, t, 16);
}

static void a64_aes_mix_columns(uint8_t *s, bool inverse)
{
	static const uint8_t fwd[4] = {2, 3, 1, 1}, inv[4] = {14, 11, 13, 9};
	const uint8_t *k = inverse ? inv : fwd;
	for (unsigned c = 0; c < 4; c++) {
		uint8_t col[4], *p = s + 4 * c;
		memcpy(col, p, 4);
		for (unsigned r = 0; r < 4; r++)
			p[r] = a64_gf_mul(col[r], k[0]) ^ a64_gf_mul(col[(r + 1) % 4], k[1]) ^
			       a64_gf_mul(col[(r + 2) % 4], k[2]) ^ a64_gf_mul(col[(r + 3) % 4], k[3]);
	}
}

__attribute__((target("aes,sse2"))) static void a64_aes_ni(int op, uint8_t *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)s), z = _mm_setzero_si128();
	switch (op) {
	case 0: x = _mm_aesenclast_si128(x, z); break;
	case 1: x = _mm_aesdeclast_si128(x, z); break;
	case 2: x = _mm_aesenc_si128(_mm_aesdeclast_si128(x, z), z); break;
	default: x = _mm_aesimc_si128(x); break;
	}
	_mm_storeu_si128((__m128i *)s, x);
}

/* op: 0 AESE, 1 AESD, 2 AESMC, 3 AESIMC. */
static uint64_t a64_aes(void *cpu_, uint64_t insn, int op)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V s = a64_vget(cpu, op < 2 ? o.d : o.n);
	if (op < 2) {
		A64V k = a64_vget(cpu, o.n);
		s.u64[0] ^= k.u64[0];
		s.u64[1] ^= k.u64[1];
	}
	if (a64_host_features()->aes) {
		a64_aes_ni(op, s.u8);
	} else {
		pthread_once(&a64_sbox_once, a64_sbox_init);
		if (op == 0 || op == 1) {
			for (unsigned i = 0; i < 16; i++)
				s.u8[i] = op == 0 ? a64_sbox[s.u8[i]] : a64_inv_sbox[s.u8[i]];
			a64_aes_shift_rows(s.u8, op == 1);
		} else {
			a64_aes_mix_columns(s.u8, op == 3);
		}
	}
	a64_vput(cpu, o.d, &s, 16);
	return 0;
}

A64_SIMD_HELPER(aese) { return a64_aes(cpu_, insn, 0); }
A64_SIMD_HELPER(aesd) { return a64_aes(cpu_, insn, 1); }
A64_SIMD_HELPER(aesmc) { return a64_aes(cpu_, insn, 2); }
A64_SIMD_HELPER(aesimc) { return a64_aes(cpu_, insn, 3); }

/* ---- SHA1 and SHA256. ---- */

static inline uint32_t a64_rol(uint32_t x, unsigned n) { return n ? x << n | x >> (32 - n) : x; }
static inline uint32_t a64_ror(uint32_t x, unsigned n) { return a64_rol(x, (32 - n) & 31); }
static inline uint32_t a64_choose(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
static inline uint32_t a64_parity(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }
static inline uint32_t a64_majority(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | ((x | y) & z); }

/* SHA1C, SHA1P, SHA1M: four rounds on X = Vd (a, b, c, d) and Y = Sn (e). */
static uint64_t a64_sha1_rounds(void *cpu_, uint64_t insn, uint32_t (*f)(uint32_t, uint32_t, uint32_t))
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V x = a64_vget(cpu, o.d), w = a64_vget(cpu, o.m);
	uint32_t y = a64_vget(cpu, o.n).u32[0];
	for (unsigned e = 0; e < 4; e++) {
		uint32_t t = f(x.u32[1], x.u32[2], x.u32[3]);
		y = y + a64_rol(x.u32[0], 5) + t + w.u32[e];
		x.u32[1] = a64_rol(x.u32[1], 30);
		/* <Y, X> = ROL(Y:X, 32) */
		uint32_t top = x.u32[3];
		x.u32[3] = x.u32[2];
		x.u32[2] = x.u32[1];
		x.u32[1] = x.u32[0];
		x.u32[0] = y;
		y = top;
	}
	a64_vput(cpu, o.d, &x, 16);
	return 0;
}

A64_SIMD_HELPER(sha1c) { return a64_sha1_rounds(cpu_, insn, a64_choose); }
A64_SIMD_HELPER(sha1p) { return a64_sha1_rounds(cpu_, insn, a64_parity); }
A64_SIMD_HELPER(sha1m) { return a64_sha1_rounds(cpu_, insn, a64_majority); }

A64_SIMD_HELPER(sha1h)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V r = {{0}};
	r.u32[0] = a64_rol(a64_vget(cpu, o.n).u32[0], 30);
	a64_vput(cpu, o.d, &r, 4);
	return 0;
}

A64_SIMD_HELPER(sha1su0)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V d = a64_vget(cpu, o.d), n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r;
	r.u64[0] = d.u64[1] ^ d.u64[0] ^ m.u64[0];
	r.u64[1] = n.u64[0] ^ d.u64[1] ^ m.u64[1];
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

A64_SIMD_HELPER(sha1su1)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V x = a64_vget(cpu, o.d), y = a64_vget(cpu, o.n), r;
	uint32_t t[4] = {x.u32[0] ^ y.u32[1], x.u32[1] ^ y.u32[2], x.u32[2] ^ y.u32[3], x.u32[3]};
	r.u32[0] = a64_rol(t[0], 1);
	r.u32[1] = a64_rol(t[1], 1);
	r.u32[2] = a64_rol(t[2], 1);
	r.u32[3] = a64_rol(t[3], 1) ^ a64_rol(t[0], 2);
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

/* SHA256hash: four rounds over X (a..d) and Y (e..h); part1 returns X. */
static void a64_sha256_hash(A64V *x, A64V *y, const A64V *w)
{
	for (unsigned e = 0; e < 4; e++) {
		uint32_t chs = a64_choose(y->u32[0], y->u32[1], y->u32[2]);
		uint32_t maj = a64_majority(x->u32[0], x->u32[1], x->u32[2]);
		uint32_t y0 = y->u32[0], x0 = x->u32[0];
		uint32_t sig1 = a64_ror(y0, 6) ^ a64_ror(y0, 11) ^ a64_ror(y0, 25);
		uint32_t sig0 = a64_ror(x0, 2) ^ a64_ror(x0, 13) ^ a64_ror(x0, 22);
		uint32_t t = y->u32[3] + sig1 + chs + w->u32[e];
		x->u32[3] = t + x->u32[3];
		y->u32[3] = t + sig0 + maj;
		/* <Y, X> = ROL(Y:X, 32) */
		uint32_t x3 = x->u32[3], y3 = y->u32[3];
		memmove(&x->u32[1], &x->u32[0], 12);
		memmove(&y->u32[1], &y->u32[0], 12);
		x->u32[0] = y3;
		y->u32[0] = x3;
	}
}

A64_SIMD_HELPER(sha256h)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V x = a64_vget(cpu, o.d), y = a64_vget(cpu, o.n), w = a64_vget(cpu, o.m);
	a64_sha256_hash(&x, &y, &w);
	a64_vput(cpu, o.d, &x, 16);
	return 0;
}

A64_SIMD_HELPER(sha256h2)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V x = a64_vget(cpu, o.n), y = a64_vget(cpu, o.d), w = a64_vget(cpu, o.m);
	a64_sha256_hash(&x, &y, &w);
	a64_vput(cpu, o.d, &y, 16);
	return 0;
}

A64_SIMD_HELPER(sha256su0)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V d = a64_vget(cpu, o.d), n = a64_vget(cpu, o.n), r;
	uint32_t t[4] = {d.u32[1], d.u32[2], d.u32[3], n.u32[0]};
	for (unsigned e = 0; e < 4; e++)
		r.u32[e] = (a64_ror(t[e], 7) ^ a64_ror(t[e], 18) ^ (t[e] >> 3)) + d.u32[e];
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

static inline uint32_t a64_sha256_s1(uint32_t x) { return a64_ror(x, 17) ^ a64_ror(x, 19) ^ (x >> 10); }

A64_SIMD_HELPER(sha256su1)
{
	A64Cpu *cpu = cpu_;
	A64Vop o = a64_vop(insn);
	A64V d = a64_vget(cpu, o.d), n = a64_vget(cpu, o.n), m = a64_vget(cpu, o.m), r;
	uint32_t t0[4] = {n.u32[1], n.u32[2], n.u32[3], m.u32[0]};
	r.u32[0] = a64_sha256_s1(m.u32[2]) + d.u32[0] + t0[0];
	r.u32[1] = a64_sha256_s1(m.u32[3]) + d.u32[1] + t0[1];
	r.u32[2] = a64_sha256_s1(r.u32[0]) + d.u32[2] + t0[2];
	r.u32[3] = a64_sha256_s1(r.u32[1]) + d.u32[3] + t0[3];
	a64_vput(cpu, o.d, &r, 16);
	return 0;
}

/* ---- CRC32 and CRC32C. ---- */

static uint32_t a64_crc_table[256];
static pthread_once_t a64_crc_once = PTHREAD_ONCE_INIT;

static void a64_crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (unsigned k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320u & -(c & 1));
		a64_crc_table[i] = c;
	}
}

uint32_t a64_crc32(uint32_t acc, uint64_t val, unsigned bytes)
{
	pthread_once(&a64_crc_once, a64_crc_init);
	for (unsigned i = 0; i < bytes; i++)
		acc = acc >> 8 ^ a64_crc_table[(acc ^ (uint32_t)(val >> (8 * i))) & 0xff];
	return acc;
}

__attribute__((target("sse4.2"))) static uint32_t a64_crc32c_hw(uint32_t acc, uint64_t val,
								unsigned bytes)
{
	switch (bytes) {
	case 1: return _mm_crc32_u8(acc, (uint8_t)val);
	case 2: return _mm_crc32_u16(acc, (uint16_t)val);
	case 4: return _mm_crc32_u32(acc, (uint32_t)val);
	default: return (uint32_t)_mm_crc32_u64(acc, val);
	}
}

uint32_t a64_crc32c(uint32_t acc, uint64_t val, unsigned bytes)
{
	if (a64_host_features()->sse42)
		return a64_crc32c_hw(acc, val, bytes);
	for (unsigned i = 0; i < 8 * bytes; i++) {
		acc ^= (uint32_t)(val >> i) & 1;
		acc = acc >> 1 ^ (0x82f63b78u & -(acc & 1));
	}
	return acc;
}
