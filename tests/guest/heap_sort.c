/*
 * Heap and sorting: malloc/calloc/realloc/free patterns (growing arrays, many small
 * blocks freed in a scattered order, a large realloc that moves into mmap territory,
 * aligned_alloc), then qsort on ints, doubles and strings, and bsearch hits and misses.
 * Uses a fixed linear congruential generator so the data are identical everywhere.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t lcg_state = 0x2545F4914F6CDD1DULL;
static uint32_t lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(lcg_state >> 33);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}
static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int main(void)
{
	/* growing array by doubling */
	size_t cap = 1, len = 0;
	int *arr = malloc(cap * sizeof *arr);
	for (int i = 0; i < 100000; i++) {
		if (len == cap) {
			cap *= 2;
			int *n = realloc(arr, cap * sizeof *arr);
			if (!n)
				return 1;
			arr = n;
		}
		arr[len++] = (int)(lcg() % 1000000) - 500000;
	}
	printf("grown len=%zu cap=%zu first=%d last=%d\n", len, cap, arr[0], arr[len - 1]);

	/* many small blocks, freed in a scattered order, reallocated with contents kept */
	enum { NB = 4096 };
	static unsigned char *blocks[NB];
	static size_t sizes[NB];
	for (int i = 0; i < NB; i++) {
		sizes[i] = 1 + lcg() % 200;
		blocks[i] = malloc(sizes[i]);
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	for (int i = 0; i < NB; i += 3) {
		free(blocks[i]);
		blocks[i] = NULL;
	}
	uint32_t sum = 0;
	for (int i = 0; i < NB; i++) {
		if (!blocks[i]) {
			blocks[i] = calloc(sizes[i], 1);
			for (size_t k = 0; k < sizes[i]; k++)
				if (blocks[i][k])
					return 2;
		} else {
			size_t ns = sizes[i] * 3;
			blocks[i] = realloc(blocks[i], ns);
			memset(blocks[i] + sizes[i], 0x5a, ns - sizes[i]);
			sizes[i] = ns;
		}
		sum += checksum(blocks[i], sizes[i]);
	}
	for (int i = NB - 1; i >= 0; i--)
		free(blocks[i]);
	printf("small blocks checksum=%08x\n", sum);

	/* large block growth: 1 MiB -> 64 MiB keeps contents */
	size_t big = 1 << 20;
	unsigned char *bp = malloc(big);
	for (size_t i = 0; i < big; i++)
		bp[i] = (unsigned char)(i * 7);
	for (int step = 0; step < 6; step++) {
		big *= 2;
		bp = realloc(bp, big);
		if (!bp)
			return 3;
		bp[big - 1] = (unsigned char)step;
	}
	printf("big realloc size=%zu prefix=%08x tail=%d\n", big, checksum(bp, 1 << 20), bp[big - 1]);
	free(bp);

	void *al = aligned_alloc(4096, 8192);
	printf("aligned_alloc aligned=%d\n", al && ((uintptr_t)al % 4096) == 0);
	free(al);

	/* qsort + bsearch */
	qsort(arr, len, sizeof *arr, cmp_int);
	int sorted = 1;
	for (size_t i = 1; i < len; i++)
		if (arr[i - 1] > arr[i])
			sorted = 0;
	printf("ints sorted=%d min=%d median=%d max=%d checksum=%08x\n", sorted, arr[0],
	       arr[len / 2], arr[len - 1], checksum((unsigned char *)arr, len * sizeof *arr));
	int hits = 0;
	for (int key = -500000; key < 500000; key += 997)
		hits += bsearch(&key, arr, len, sizeof *arr, cmp_int) != NULL;
	printf("bsearch hits=%d\n", hits);
	free(arr);

	double d[64];
	for (int i = 0; i < 64; i++)
		d[i] = (double)(int)(lcg() % 20001 - 10000) / 64.0;
	qsort(d, 64, sizeof d[0], cmp_dbl);
	printf("doubles:");
	for (int i = 0; i < 64; i += 8)
		printf(" %.6f", d[i]);
	printf(" %.6f\n", d[63]);

	static const char *words[] = {"riscv", "x86", "arm", "ferry", "translator", "block",
				      "cache", "zeta", "alpha", "Zulu", "beta", "ARM"};
	enum { NW = sizeof words / sizeof words[0] };
	const char *w[NW];
	memcpy(w, words, sizeof w);
	qsort(w, NW, sizeof w[0], cmp_str);
	for (int i = 0; i < NW; i++)
		printf("%s%c", w[i], i + 1 < NW ? ' ' : '\n');
	const char *k1 = "ferry", *k2 = "gamma";
	printf("bsearch ferry=%d gamma=%d\n", bsearch(&k1, w, NW, sizeof w[0], cmp_str) != NULL,
	       bsearch(&k2, w, NW, sizeof w[0], cmp_str) != NULL);
	return 0;
}
