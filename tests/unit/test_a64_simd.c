/*
 * aarch64 SIMD, FP-estimate, crypto and CRC helpers called directly (no translation):
 * the 9-bit RecipEstimate and RecipSqrtEstimate tables over every input, checked
 * against closed forms of the Arm ARM's definitions written here, and FPRecipEstimate /
 * FPRSqrtEstimate on sampled single and double inputs whose outputs (from qemu-aarch64)
 * were checked against the pseudocode; AESE/AESMC/AESD/AESIMC running AES-128 and
 * AES-256 on the FIPS-197 Appendix C vectors with a key schedule computed here; the
 * SHA-1 and SHA-256 instructions hashing the FIPS 180-4 "abc" and two-block messages;
 * PMULL/PMULL2 against a bitwise carry-less multiply; CRC32 and CRC32C of "123456789".
 * The helpers take the raw instruction word and use only its register, size and Q
 * fields, so the words are built from those fields.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "frontends/aarch64/a64_fp.h"
#include "frontends/aarch64/simd.h"

static A64Cpu sc;

/* An instruction word with Rd, Rn, Rm, size and Q (all any helper here reads). */
static uint64_t insn(unsigned d, unsigned n, unsigned m, unsigned size, unsigned q)
{
	return d | n << 5 | m << 16 | size << 22 | q << 30;
}

static void vset(unsigned r, const void *bytes)
{
	memcpy(&sc.v[r], bytes, 16);
}
static void vget(unsigned r, void *bytes)
{
	memcpy(bytes, &sc.v[r], 16);
}

/* ---- Estimates ---- */

/* RecipEstimate: a in [256, 512) is a fixed-point value in [0.5, 1); the result is
 * 2^19 / (2a + 1) (the input's midpoint, in units of 2^-10), halved rounding up. */
static unsigned ref_recip(unsigned a)
{
	return ((1u << 19) / (2 * a + 1) + 1) / 2;
}

static unsigned isqrt(unsigned long long x)
{
	unsigned long long r = 0, bit = 1ull << 62;
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return (unsigned)r;
}

/* RecipSqrtEstimate: a in [128, 256) is [0.25, 0.5) in units of 1/512, a in [256, 512)
 * is [0.5, 1) with its bottom bit dropped, in units of 1/256; counting b up from 512
 * while a' * (b + 1)^2 < 2^28 stops at the largest b with a' * b^2 < 2^28, that is
 * isqrt((2^28 - 1) / a'). */
static unsigned ref_rsqrt(unsigned a)
{
	unsigned long long ap = a < 256 ? 2 * a + 1 : (((a >> 1) << 1) + 1) * 2ull;
	unsigned b = isqrt(((1ull << 28) - 1) / ap);
	if (b < 512)
		b = 512;
	return (b + 1) / 2;
}

START_TEST(recip_estimate_table)
{
	for (unsigned a = 256; a < 512; a++)
		ck_assert_uint_eq(a64_recip_estimate9(a), ref_recip(a));
	/* the table's ends and a few hand-computed points */
	ck_assert_uint_eq(a64_recip_estimate9(256), 511);
	ck_assert_uint_eq(a64_recip_estimate9(257), 509);
	ck_assert_uint_eq(a64_recip_estimate9(384), 341);
	ck_assert_uint_eq(a64_recip_estimate9(511), 256);
}
END_TEST

START_TEST(rsqrt_estimate_table)
{
	for (unsigned a = 128; a < 512; a++) {
		unsigned r = a64_rsqrt_estimate9(a);
		ck_assert_uint_eq(r, ref_rsqrt(a));
		ck_assert(r >= 256 && r < 512);
	}
	ck_assert_uint_eq(a64_rsqrt_estimate9(128), 511); /* 1/sqrt(0.25) = 2 */
	ck_assert_uint_eq(a64_rsqrt_estimate9(256), 361); /* 1/sqrt(0.5) = 1.414 = 361/256 */
	ck_assert_uint_eq(a64_rsqrt_estimate9(511), 256);
}
END_TEST

static const struct est_case {
	bool dbl, rsqrt;
	uint64_t in, out;
	uint32_t fpsr;
} est_cases[] = {
	{false, false, 0x3f800000, 0x3f7f8000, 0},  /* 1.0 */
	{false, false, 0x40400000, 0x3eaa8000, 0},  /* 3.0 */
	{false, false, 0x3dcccccd, 0x41200000, 0},  /* 0.1 */
	{false, false, 0xc0a00000, 0xbe4c8000, 0},  /* -5.0 */
	{false, false, 0x00400000, 0x7eff8000, 0},  /* denormal */
	{false, false, 0x00000001, 0x7f800000, A64_FPSR_OFC | A64_FPSR_IXC},
	{false, false, 0x7f000000, 0x003fe000, 0},  /* result exponent -1 */
	{false, false, 0x7e800000, 0x007fc000, 0},  /* result exponent 0 */
	{false, false, 0x80000000, 0xff800000, A64_FPSR_DZC},
	{false, false, 0xff800000, 0x80000000, 0},
	{false, false, 0x7f800001, 0x7fc00001, A64_FPSR_IOC},
	{false, true, 0x3f800000, 0x3f7f8000, 0},
	{false, true, 0x40000000, 0x3f348000, 0},
	{false, true, 0x40800000, 0x3eff8000, 0},
	{false, true, 0x3dcccccd, 0x404a8000, 0},
	{false, true, 0x00000001, 0x64b48000, 0},
	{false, true, 0x00200000, 0x5f7f8000, 0},
	{false, true, 0xc0a00000, 0x7fc00000, A64_FPSR_IOC},
	{false, true, 0x7f800000, 0x00000000, 0},
	{false, true, 0x80000000, 0xff800000, A64_FPSR_DZC},
	{true, false, 0x3ff0000000000000, 0x3feff00000000000, 0},
	{true, false, 0x3fb999999999999a, 0x4024000000000000, 0},
	{true, false, 0x0008000000000000, 0x7fdff00000000000, 0},
	{true, false, 0x7fd0000000000000, 0x000ff80000000000, 0},
	{true, false, 0x0000000000000001, 0x7ff0000000000000, A64_FPSR_OFC | A64_FPSR_IXC},
	{true, true, 0x3fb999999999999a, 0x4009500000000000, 0},
	{true, true, 0x0000000000000001, 0x617ff00000000000, 0},
	{true, true, 0x0008000000000000, 0x5fe6900000000000, 0},
	{true, true, 0x7fc0000000000000, 0x2006900000000000, 0},
	{true, true, 0xc010000000000000, 0x7ff8000000000000, A64_FPSR_IOC},
};

START_TEST(fp_estimates)
{
	for (size_t i = 0; i < sizeof est_cases / sizeof est_cases[0]; i++) {
		const struct est_case *c = &est_cases[i];
		memset(&sc, 0, sizeof sc);
		uint64_t r = c->rsqrt ? a64_fp_rsqrt_estimate(&sc, c->dbl, c->in, 0)
				      : a64_fp_recip_estimate(&sc, c->dbl, c->in, 0);
		ck_assert_msg(r == c->out, "case %zu: %#llx -> %#llx, want %#llx", i,
			      (unsigned long long)c->in, (unsigned long long)r,
			      (unsigned long long)c->out);
		ck_assert_msg(sc.fpsr == c->fpsr, "case %zu: fpsr %#x", i, sc.fpsr);
	}
	/* FZ: a denormal input is a zero (IDC, DZC); RZ: 1/tiny is the largest normal */
	memset(&sc, 0, sizeof sc);
	ck_assert_uint_eq(a64_fp_recip_estimate(&sc, false, 0x00400000, A64_FPCR_FZ), 0x7f800000);
	ck_assert_uint_eq(sc.fpsr, A64_FPSR_IDC | A64_FPSR_DZC);
	memset(&sc, 0, sizeof sc);
	ck_assert_uint_eq(a64_fp_recip_estimate(&sc, false, 0x00000001, 3u << 22), 0x7f7fffff);
	ck_assert_uint_eq(sc.fpsr, A64_FPSR_OFC | A64_FPSR_IXC);
}
END_TEST

/* ---- AES ---- */

static uint8_t sbox[256];

/* The S-box from FIPS-197 5.1.1: inverse in GF(2^8) (by powers of the generator 3)
 * followed by the affine map. */
static void make_sbox(void)
{
	uint8_t exp[255], log[256] = {0}, x = 1;
	for (unsigned i = 0; i < 255; i++) {
		exp[i] = x;
		log[x] = (uint8_t)i;
		x = (uint8_t)(x ^ (x << 1) ^ (x & 0x80 ? 0x1b : 0));
	}
	for (unsigned v = 0; v < 256; v++) {
		uint8_t inv = v ? exp[(255 - log[v]) % 255] : 0, s = 0x63;
		for (unsigned k = 0; k < 5; k++)
			s ^= (uint8_t)(inv << k | inv >> ((8 - k) & 7));
		sbox[v] = s;
	}
}

/* FIPS-197 5.2 key expansion: nk 32-bit key words, 4 * (nk + 7) words out. */
static void expand_key(const uint8_t *key, unsigned nk, uint8_t (*rk)[16])
{
	uint8_t w[60][4], rcon = 1;
	unsigned total = 4 * (nk + 7);
	memcpy(w, key, 4 * nk);
	for (unsigned i = nk; i < total; i++) {
		uint8_t t[4];
		memcpy(t, w[i - 1], 4);
		if (i % nk == 0) {
			uint8_t t0 = t[0];
			t[0] = sbox[t[1]] ^ rcon;
			t[1] = sbox[t[2]];
			t[2] = sbox[t[3]];
			t[3] = sbox[t0];
			rcon = (uint8_t)(rcon << 1 ^ (rcon & 0x80 ? 0x1b : 0));
		} else if (nk > 6 && i % nk == 4) {
			for (unsigned k = 0; k < 4; k++)
				t[k] = sbox[t[k]];
		}
		for (unsigned k = 0; k < 4; k++)
			w[i][k] = w[i - nk][k] ^ t[k];
	}
	memcpy(rk, w, 4 * total);
}

static void aes_round_trip(const uint8_t *key, unsigned nk, const uint8_t *pt, const uint8_t *want)
{
	uint8_t rk[15][16], out[16];
	unsigned rounds = nk + 6;
	make_sbox();
	expand_key(key, nk, rk);
	memset(&sc, 0, sizeof sc);
	vset(0, pt);
	for (unsigned r = 0; r < rounds; r++) {
		vset(1, rk[r]);
		a64_simd_aese(&sc, insn(0, 1, 0, 0, 0), 0, 0, 0);
		if (r + 1 < rounds)
			a64_simd_aesmc(&sc, insn(0, 0, 0, 0, 0), 0, 0, 0);
	}
	vget(0, out);
	for (unsigned k = 0; k < 16; k++)
		out[k] ^= rk[rounds][k];
	ck_assert_mem_eq(out, want, 16);
	/* back again: AESD with InvMixColumns applied to the middle round keys */
	vset(0, out);
	vset(1, rk[rounds]);
	a64_simd_aesd(&sc, insn(0, 1, 0, 0, 0), 0, 0, 0);
	for (unsigned r = rounds - 1; r >= 1; r--) {
		a64_simd_aesimc(&sc, insn(0, 0, 0, 0, 0), 0, 0, 0);
		vset(2, rk[r]);
		a64_simd_aesimc(&sc, insn(1, 2, 0, 0, 0), 0, 0, 0);
		a64_simd_aesd(&sc, insn(0, 1, 0, 0, 0), 0, 0, 0);
	}
	vget(0, out);
	for (unsigned k = 0; k < 16; k++)
		out[k] ^= rk[0][k];
	ck_assert_mem_eq(out, pt, 16);
}

static const uint8_t fips_pt[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
				    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};

START_TEST(aes128_fips197_c1)
{
	uint8_t key[16];
	for (unsigned i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	static const uint8_t want[16] = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
					 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};
	aes_round_trip(key, 4, fips_pt, want);
}
END_TEST

START_TEST(aes256_fips197_c3)
{
	uint8_t key[32];
	for (unsigned i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	static const uint8_t want[16] = {0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf,
					 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89};
	aes_round_trip(key, 8, fips_pt, want);
}
END_TEST

/* ---- SHA ---- */

/* Pads msg as FIPS 180-4 5.1.1 does into big-endian 32-bit words; returns blocks. */
static unsigned sha_pad(const char *msg, uint32_t words[][16])
{
	size_t len = strlen(msg), blocks = (len + 8) / 64 + 1;
	uint8_t buf[256] = {0};
	memcpy(buf, msg, len);
	buf[len] = 0x80;
	uint64_t bits = (uint64_t)len * 8;
	for (unsigned k = 0; k < 8; k++)
		buf[64 * blocks - 1 - k] = (uint8_t)(bits >> (8 * k));
	for (size_t b = 0; b < blocks; b++)
		for (unsigned w = 0; w < 16; w++) {
			const uint8_t *p = buf + 64 * b + 4 * w;
			words[b][w] = (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
		}
	return (unsigned)blocks;
}

static void vset32(unsigned r, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	uint32_t w[4] = {a, b, c, d};
	vset(r, w);
}

/* SHA-1 on V registers: abcd in V0, e in V1, schedule in V16-V19, W+K in V5. */
static void sha1(const char *msg, uint32_t h[5])
{
	static const uint32_t k[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6};
	uint32_t words[4][16], v[4];
	unsigned blocks = sha_pad(msg, words);
	h[0] = 0x67452301, h[1] = 0xefcdab89, h[2] = 0x98badcfe, h[3] = 0x10325476,
	h[4] = 0xc3d2e1f0;
	memset(&sc, 0, sizeof sc);
	for (unsigned b = 0; b < blocks; b++) {
		vset32(0, h[0], h[1], h[2], h[3]);
		vset32(1, h[4], 0, 0, 0);
		for (unsigned g = 0; g < 4; g++)
			vset(16 + g, &words[b][4 * g]);
		for (unsigned g = 0; g < 20; g++) {
			uint32_t w[4];
			vget(16, w);
			for (unsigned i = 0; i < 4; i++)
				w[i] += k[g / 5];
			vset(5, w);
			a64_simd_sha1h(&sc, insn(2, 0, 0, 0, 0), 0, 0, 0);
			uint64_t op = insn(0, 1, 5, 0, 0);
			if (g < 5)
				a64_simd_sha1c(&sc, op, 0, 0, 0);
			else if (g >= 10 && g < 15)
				a64_simd_sha1m(&sc, op, 0, 0, 0);
			else
				a64_simd_sha1p(&sc, op, 0, 0, 0);
			sc.v[1] = sc.v[2];
			a64_simd_sha1su0(&sc, insn(16, 17, 18, 0, 0), 0, 0, 0);
			a64_simd_sha1su1(&sc, insn(16, 19, 0, 0, 0), 0, 0, 0);
			A64Vreg t = sc.v[16];
			sc.v[16] = sc.v[17], sc.v[17] = sc.v[18], sc.v[18] = sc.v[19], sc.v[19] = t;
		}
		vget(0, v);
		for (unsigned i = 0; i < 4; i++)
			h[i] += v[i];
		vget(1, v);
		h[4] += v[0];
	}
}

/* The largest x with x^n <= v (n = 2 or 3), for the SHA-256 constants. */
static uint64_t iroot(unsigned __int128 v, unsigned n)
{
	uint64_t lo = 0, hi = 1ull << 40;
	while (lo < hi) {
		uint64_t m = lo + (hi - lo + 1) / 2;
		unsigned __int128 p = (unsigned __int128)m * m * (n == 3 ? m : 1);
		if (p <= v)
			lo = m;
		else
			hi = m - 1;
	}
	return lo;
}

/* SHA-256 on V registers: abcd in V0, efgh in V1, schedule in V16-V19. The constants
 * are computed from their definition (FIPS 180-4 4.2.2, 5.3.3): the first 32 fraction
 * bits of the cube roots of the first 64 primes and square roots of the first 8. */
static void sha256(const char *msg, uint32_t h[8])
{
	uint32_t k[64], words[4][16], v[4];
	unsigned primes = 0;
	for (unsigned p = 2; primes < 64; p++) {
		bool prime = true;
		for (unsigned d = 2; d * d <= p; d++)
			prime = prime && p % d;
		if (!prime)
			continue;
		k[primes] = (uint32_t)iroot((unsigned __int128)p << 96, 3);
		if (primes < 8)
			h[primes] = (uint32_t)iroot((unsigned __int128)p << 64, 2);
		primes++;
	}
	unsigned blocks = sha_pad(msg, words);
	memset(&sc, 0, sizeof sc);
	for (unsigned b = 0; b < blocks; b++) {
		vset(0, &h[0]);
		vset(1, &h[4]);
		for (unsigned g = 0; g < 4; g++)
			vset(16 + g, &words[b][4 * g]);
		for (unsigned g = 0; g < 16; g++) {
			uint32_t w[4];
			vget(16, w);
			for (unsigned i = 0; i < 4; i++)
				w[i] += k[4 * g + i];
			vset(5, w);
			sc.v[6] = sc.v[0];
			a64_simd_sha256h(&sc, insn(0, 1, 5, 0, 0), 0, 0, 0);
			a64_simd_sha256h2(&sc, insn(1, 6, 5, 0, 0), 0, 0, 0);
			a64_simd_sha256su0(&sc, insn(16, 17, 0, 0, 0), 0, 0, 0);
			a64_simd_sha256su1(&sc, insn(16, 18, 19, 0, 0), 0, 0, 0);
			A64Vreg t = sc.v[16];
			sc.v[16] = sc.v[17], sc.v[17] = sc.v[18], sc.v[18] = sc.v[19], sc.v[19] = t;
		}
		vget(0, v);
		for (unsigned i = 0; i < 4; i++)
			h[i] += v[i];
		vget(1, v);
		for (unsigned i = 0; i < 4; i++)
			h[4 + i] += v[i];
	}
}

static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

START_TEST(sha1_nist)
{
	uint32_t h[5];
	static const uint32_t abc[5] = {0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d};
	static const uint32_t two[5] = {0x84983e44, 0x1c3bd26e, 0xbaae4aa1, 0xf95129e5, 0xe54670f1};
	sha1("abc", h);
	ck_assert_mem_eq(h, abc, sizeof abc);
	sha1(two_blocks, h);
	ck_assert_mem_eq(h, two, sizeof two);
}
END_TEST

START_TEST(sha256_nist)
{
	uint32_t h[8];
	static const uint32_t abc[8] = {0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
					0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad};
	static const uint32_t two[8] = {0x248d6a61, 0xd20638b8, 0xe5c02693, 0x0c3e6039,
					0xa33ce459, 0x64ff2167, 0xf6ecedd4, 0x19db06c1};
	sha256("abc", h);
	ck_assert_mem_eq(h, abc, sizeof abc);
	sha256(two_blocks, h);
	ck_assert_mem_eq(h, two, sizeof two);
}
END_TEST

/* ---- PMULL ---- */

static unsigned __int128 ref_clmul(uint64_t a, uint64_t b)
{
	unsigned __int128 r = 0;
	for (unsigned i = 0; i < 64; i++)
		if (b >> i & 1)
			r ^= (unsigned __int128)a << i;
	return r;
}

START_TEST(pmull_matches_clmul)
{
	uint64_t x = 0x0123456789abcdefull;
	memset(&sc, 0, sizeof sc);
	for (unsigned i = 0; i < 200; i++) {
		uint64_t in[4];
		for (unsigned k = 0; k < 4; k++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			in[k] = x ^ (x >> 29);
		}
		if (i == 0)
			in[0] = in[1] = in[2] = in[3] = ~0ull;
		vset(1, in);
		vset(2, in + 2);
		for (unsigned q = 0; q < 2; q++) {
			unsigned __int128 want = ref_clmul(in[q], in[2 + q]), got;
			a64_simd_pmull(&sc, insn(0, 1, 2, 3, q), 0, 0, 0);
			vget(0, &got);
			ck_assert(got == want);
		}
		/* the 8-bit form: eight 8 x 8 -> 16 products from the chosen half */
		uint16_t got8[8];
		a64_simd_pmull(&sc, insn(0, 1, 2, 0, 1), 0, 0, 0);
		vget(0, got8);
		for (unsigned e = 0; e < 8; e++)
			ck_assert_uint_eq(got8[e], (uint16_t)ref_clmul((uint8_t)(in[1] >> 8 * e),
								       (uint8_t)(in[3] >> 8 * e)));
	}
}
END_TEST

/* ---- CRC ---- */

START_TEST(crc_check_values)
{
	static const char digits[] = "123456789";
	static const struct {
		uint32_t (*fn)(uint32_t, uint64_t, unsigned);
		uint32_t check;
	} crcs[] = {{a64_crc32, 0xcbf43926}, {a64_crc32c, 0xe3069283}};
	for (unsigned c = 0; c < 2; c++)
		for (unsigned chunk = 1; chunk <= 8; chunk <<= 1) {
			uint32_t acc = 0xffffffff;
			size_t i = 0;
			for (; i + chunk <= 9; i += chunk) {
				uint64_t v = 0;
				memcpy(&v, digits + i, chunk);
				acc = crcs[c].fn(acc, v, chunk);
			}
			for (; i < 9; i++)
				acc = crcs[c].fn(acc, (uint8_t)digits[i], 1);
			ck_assert_uint_eq(~acc, crcs[c].check);
		}
	/* only the low `bytes` bytes of the value count */
	ck_assert_uint_eq(a64_crc32(0x12345678, 0xffffffffffffff00ull, 1), a64_crc32(0x12345678, 0, 1));
	ck_assert_uint_eq(a64_crc32c(0, 0xffff0000ffff0000ull, 2), a64_crc32c(0, 0, 2));
}
END_TEST

Suite *a64_simd_suite(void)
{
	Suite *s = suite_create("a64_simd");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, recip_estimate_table);
	tcase_add_test(tc, rsqrt_estimate_table);
	tcase_add_test(tc, fp_estimates);
	tcase_add_test(tc, aes128_fips197_c1);
	tcase_add_test(tc, aes256_fips197_c3);
	tcase_add_test(tc, sha1_nist);
	tcase_add_test(tc, sha256_nist);
	tcase_add_test(tc, pmull_matches_clmul);
	tcase_add_test(tc, crc_check_values);
	suite_add_tcase(s, tc);
	return s;
}
