/*
 * Stresses calls and returns, stack traffic and deep call chains: naive Fibonacci
 * (two calls per level, depth ~36) and Ackermann's function (depth in the thousands).
 * usage: recursion [SCALE]; prints the results.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static __attribute__((noinline)) uint64_t fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static __attribute__((noinline)) uint64_t ack(uint64_t m, uint64_t n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	uint64_t f = 0, a = 0;
	for (long i = 0; i < scale; i++) {
		f += fib(36);
		a += ack(3, 11);
	}
	printf("recursion scale=%ld fib=%llu ack=%llu\n", scale, (unsigned long long)f,
	       (unsigned long long)a);
	return 0;
}
