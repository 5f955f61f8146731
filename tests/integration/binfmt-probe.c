/*
 * Guest for tests/integration/binfmt.sh: prints its argv, its real and effective uid and
 * AT_SECURE, one "key=value" per line, then exits with 7 (or the status in argv[1] when
 * that is "exit" followed by a number) so the test sees the status pass through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("uid=%d euid=%d secure=%lu\n", (int)getuid(), (int)geteuid(), getauxval(AT_SECURE));
	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	return 7;
}
