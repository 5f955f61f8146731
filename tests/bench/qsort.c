/*
 * Stresses indirect calls and memory traffic through libc: qsort of 400k 32-byte records
 * with a comparison function (two keys, then a tie-breaker), several times over freshly
 * shuffled data. usage: qsort [SCALE]; prints a checksum of the sorted order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct record {
	uint32_t group;  /* primary key: few distinct values, so many ties */
	int32_t score;   /* secondary key, descending */
	uint64_t id;     /* unique: makes the order total */
	double weight;   /* payload carried along */
	char tag[8];
};

static int compare(const void *pa, const void *pb)
{
	const struct record *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static uint64_t next(uint64_t *s) /* xorshift64 */
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	enum { N = 400000 };
	struct record *r = malloc(N * sizeof *r);
	if (!r)
		return 1;
	uint64_t seed = 0x9e3779b97f4a7c15u, check = 0;
	for (long pass = 0; pass < 2 * scale; pass++) {
		for (uint32_t i = 0; i < N; i++) {
			uint64_t v = next(&seed);
			r[i].group = (uint32_t)(v % 64);
			r[i].score = (int32_t)((v >> 8) % 20001) - 10000;
			r[i].id = ((uint64_t)pass << 32) | i;
			r[i].weight = (double)(v >> 40);
			snprintf(r[i].tag, sizeof r[i].tag, "t%05u", (unsigned)(v >> 50) % 100000);
		}
		qsort(r, N, sizeof *r, compare);
		for (uint32_t i = 0; i < N; i += 97)
			check = check * 1000003u + (r[i].id & 0xffffffffu) + (uint64_t)r[i].weight +
			        (uint8_t)r[i].tag[1];
		for (uint32_t i = 1; i < N; i++)
			if (compare(&r[i - 1], &r[i]) > 0) {
				puts("qsort: not sorted");
				return 1;
			}
	}
	printf("qsort scale=%ld checksum=%016llx\n", scale, (unsigned long long)check);
	free(r);
	return 0;
}
