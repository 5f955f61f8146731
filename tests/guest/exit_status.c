/*
 * Exit status: buffered stdout written by exit()'s flush, atexit handlers run in
 * reverse order, and a deliberate nonzero status (3) that the runner must pass through.
 */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit first registered, runs last\n"); }
static void second(void) { printf("atexit second registered, runs first\n"); }

int main(void)
{
	atexit(first);
	atexit(second);
	printf("buffered line without flush");
	printf(" ... and exit(3) follows\n");
	exit(3);
}
