/*
 * The program `make demo` cross-builds for riscv64 and runs under ferry-riscv64: it says
 * hello with the machine it believes it runs on and does a little arithmetic, so the
 * output shows both the system-call layer and the CPU at work.
 */
#include <stdio.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	uname(&u);
	unsigned long long fib[2] = {0, 1};
	for (int i = 0; i < 90; i++) {
		unsigned long long next = fib[0] + fib[1];
		fib[0] = fib[1];
		fib[1] = next;
	}
	printf("Hello from %s on %s: fib(90) = %llu, sqrt-ish(2) = %.6f, %d argument(s)\n",
	       argv[0], u.machine, fib[0], 1.0 + 0.5 - 0.125 + 0.0390625, argc - 1);
	return 0;
}
