/*
 * Program arguments and environment: prints argc, every argv element (argv[0] only by
 * its last path component, since the harness runs it from different directories), and
 * the environment variables whose names start with FERRY_T_, sorted. The harness sets
 * some of them through the environment and, for the guest, through -E/-U.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	const char *base = strrchr(argv[0], '/');
	printf("argv[0] base=%s\n", base ? base + 1 : argv[0]);
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
	printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);

	const char *vars[256];
	int n = 0;
	for (char **e = environ; *e && n < 256; e++)
		if (strncmp(*e, "FERRY_T_", 8) == 0)
			vars[n++] = *e;
	qsort(vars, n, sizeof vars[0], cmp);
	for (int i = 0; i < n; i++)
		printf("env %s\n", vars[i]);
	const char *g = getenv("FERRY_T_GREETING");
	printf("getenv greeting=%s unset=%s\n", g ? g : "(null)",
	       getenv("FERRY_T_REMOVED") ? "present" : "absent");
	return 0;
}
