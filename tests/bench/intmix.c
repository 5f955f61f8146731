/*
 * Integer benchmark: a sieve of Eratosthenes, table-driven CRC-32 over a pseudo-random
 * buffer and an insertion/merge sort of 32-bit keys. argv[1] scales the work; prints a
 * checksum so that wrong results are noticed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			uint32_t v = a[i];
			size_t j = i;
			while (j > 0 && a[j - 1] > v) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = v;
		}
		return;
	}
	size_t h = n / 2;
	merge_sort(a, tmp, h);
	merge_sort(a + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 1;
	uint64_t sum = 0;
	crc_init();
	enum { N = 1 << 18 };
	uint8_t *sieve = malloc(N);
	uint8_t *buf = malloc(N);
	uint32_t *keys = malloc(N / 4 * sizeof *keys), *tmp = malloc(N / 4 * sizeof *tmp);
	uint64_t x = 88172645463325252ULL;
	for (int rep = 0; rep < scale; rep++) {
		memset(sieve, 1, N);
		unsigned primes = 0;
		for (unsigned i = 2; i < N; i++)
			if (sieve[i]) {
				primes++;
				for (unsigned j = i * 2; j < N; j += i)
					sieve[j] = 0;
			}
		for (int i = 0; i < N; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = (uint8_t)x;
		}
		uint32_t c = crc32(buf, N);
		for (int i = 0; i < N / 4; i++)
			keys[i] = (uint32_t)buf[i * 4] << 24 | (uint32_t)buf[i * 4 + 1] << 16 |
				  (uint32_t)buf[i * 4 + 2] << 8 | buf[i * 4 + 3];
		merge_sort(keys, tmp, N / 4);
		sum += primes + c + keys[N / 8];
	}
	printf("intmix %d %llu\n", scale, (unsigned long long)sum);
	return 0;
}
