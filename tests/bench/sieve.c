/*
 * Stresses byte stores with large strides over memory much bigger than the caches, and
 * a tight counting loop: the sieve of Eratosthenes over [0, 16M), run repeatedly.
 * usage: sieve [SCALE]; prints the prime count and a checksum of the primes found.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	enum { N = 16 * 1024 * 1024 };
	uint8_t *composite = malloc(N);
	if (!composite)
		return 1;
	uint64_t count = 0, sum = 0;
	for (long pass = 0; pass < 4 * scale; pass++) {
		memset(composite, 0, N);
		for (uint64_t i = 2; i * i < N; i++)
			if (!composite[i])
				for (uint64_t j = i * i; j < N; j += i)
					composite[j] = 1;
		count = 0;
		sum = 0;
		for (uint64_t i = 2; i < N; i++)
			if (!composite[i]) {
				count++;
				sum = sum * 31 + i;
			}
	}
	printf("sieve scale=%ld primes=%llu checksum=%016llx\n", scale, (unsigned long long)count,
	       (unsigned long long)sum);
	free(composite);
	return 0;
}
