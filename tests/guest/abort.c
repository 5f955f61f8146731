/*
 * Death by signal: flushes a line, then calls abort(). The runner must die by SIGABRT
 * itself, so the shell sees status 134 exactly as for the native program.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("about to abort\n");
	fflush(stdout);
	abort();
}
