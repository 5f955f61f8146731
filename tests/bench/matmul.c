/*
 * Stresses double-precision multiply-add throughput and cache-friendly streaming loads:
 * dense 512x512 matrix products in i-k-j order (C = A*B, then A = C scaled), repeated.
 * usage: matmul [SCALE]; prints a checksum of the final matrix.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 512 };

static void multiply(double (*c)[N], double (*a)[N], double (*b)[N])
{
	for (int i = 0; i < N; i++) {
		memset(c[i], 0, sizeof c[i]);
		for (int k = 0; k < N; k++) {
			double aik = a[i][k];
			for (int j = 0; j < N; j++)
				c[i][j] += aik * b[k][j];
		}
	}
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	double (*a)[N] = malloc(sizeof(double[N][N]));
	double (*b)[N] = malloc(sizeof(double[N][N]));
	double (*c)[N] = malloc(sizeof(double[N][N]));
	if (!a || !b || !c)
		return 1;
	uint32_t x = 1;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			x = x * 1664525u + 1013904223u;
			a[i][j] = (double)(x >> 8) / (1 << 24) - 0.5;
			x = x * 1664525u + 1013904223u;
			b[i][j] = (double)(x >> 8) / (1 << 24) - 0.5;
		}
	for (long r = 0; r < 8 * scale; r++) {
		multiply(c, a, b);
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++)
				a[i][j] = c[i][j] / 16;
	}
	double sum = 0, diag = 0;
	uint64_t bits = 0;
	for (int i = 0; i < N; i++) {
		diag += a[i][i];
		for (int j = 0; j < N; j++) {
			uint64_t u;
			memcpy(&u, &a[i][j], sizeof u);
			bits = bits * 31 + u;
			sum += a[i][j];
		}
	}
	printf("matmul scale=%ld sum=%.10e trace=%.10e bits=%016llx\n", scale, sum, diag,
	       (unsigned long long)bits);
	free(a);
	free(b);
	free(c);
	return 0;
}
