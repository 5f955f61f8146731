/*
 * Non-local control flow: setjmp/longjmp across several frames, longjmp with value 0
 * (must arrive as 1), volatile locals surviving the jump, nested jump buffers, a
 * recursion unwound from deep inside, and sigsetjmp/siglongjmp with the signal mask
 * saved and restored (no signal is delivered).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth_reached;

static void recurse(int n)
{
	volatile unsigned char pad[64];
	pad[n % 64] = (unsigned char)n;
	depth_reached = n + pad[n % 64] - (unsigned char)n;
	if (n == 500)
		longjmp(outer, n);
	if (n < 100000)
		recurse(n + 1);
}

static int level3(int v)
{
	if (v > 2)
		longjmp(inner, v * 10);
	return v;
}
static int level2(int v) { return level3(v + 1) + 1; }
static int level1(int v) { return level2(v + 1) + 1; }

int main(void)
{
	volatile int counter = 0;
	int r = setjmp(outer);
	if (r == 0) {
		counter = 1;
		recurse(0);
	}
	printf("recursion: r=%d depth=%d counter=%d\n", r, depth_reached, counter);

	for (volatile int start = 0; start < 3; start++) {
		int v = setjmp(inner);
		if (v == 0)
			printf("start=%d returned=%d\n", start, level1(start));
		else
			printf("start=%d jumped=%d\n", start, v);
	}

	volatile int times = 0;
	r = setjmp(outer);
	times++;
	if (r == 0)
		longjmp(outer, 0);
	printf("longjmp(0) arrives as %d after %d passes\n", r, times);

	sigjmp_buf sj;
	sigset_t set, cur;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	r = sigsetjmp(sj, 1);
	if (r == 0) {
		sigprocmask(SIG_BLOCK, &set, NULL);
		sigprocmask(SIG_SETMASK, NULL, &cur);
		printf("blocked before jump: %d\n", sigismember(&cur, SIGUSR1));
		siglongjmp(sj, 7);
	}
	sigprocmask(SIG_SETMASK, NULL, &cur);
	printf("siglongjmp r=%d, mask restored (USR1 blocked=%d)\n", r, sigismember(&cur, SIGUSR1));
	return 0;
}
