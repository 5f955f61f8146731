/*
 * A Dhrystone-like mix of ordinary integer code: small structs copied and compared,
 * string copies and comparisons, calls through function pointers, a switch, array
 * indexing and a linked list walk. argv[1] scales the work; prints a checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
	struct rec *next;
	int kind;
	int value;
	char name[24];
};

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_xor(int a, int b) { return a ^ b; }
static int op_mul(int a, int b) { return (a * b) & 0xffff; }
static int (*const ops[4])(int, int) = {op_add, op_sub, op_xor, op_mul};

static __attribute__((noinline)) int classify(int v)
{
	switch (v & 7) {
	case 0: return 3;
	case 1: return v >> 2;
	case 2: return -v;
	case 3: return v * 3;
	case 4: return v ^ 0x55;
	case 5: return 11;
	default: return v + 1;
	}
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 1;
	enum { NR = 64 };
	struct rec *recs = calloc(NR, sizeof *recs);
	for (int i = 0; i < NR; i++) {
		recs[i].next = &recs[(i * 7 + 3) % NR];
		recs[i].kind = i % 4;
		recs[i].value = i * 31;
		snprintf(recs[i].name, sizeof recs[i].name, "RECORD NUMBER %03d", i);
	}
	int arr[50][50] = {{0}};
	uint32_t sum = 0;
	char s1[32], s2[32];
	struct rec cur = recs[0], copy;
	for (long it = 0; it < 400000L * scale; it++) {
		copy = cur;
		copy.value = ops[copy.kind](copy.value, (int)it);
		strcpy(s1, copy.name);
		s1[14] = (char)('0' + it % 10);
		strcpy(s2, cur.name);
		if (strcmp(s1, s2) > 0)
			sum += 1;
		sum += (uint32_t)classify(copy.value);
		arr[it % 50][(it * 3) % 50] += copy.value & 0xff;
		sum += (uint32_t)arr[(it + 7) % 50][it % 50];
		cur = *cur.next;
		cur.value += copy.value & 0xf;
	}
	printf("dhry %d %u\n", scale, sum);
	free(recs);
	return 0;
}
