/*
 * Directories: mkdtemp, mkdir (nested, EEXIST), files created inside, opendir/readdir
 * with the names sorted before printing (readdir order is file-system specific),
 * d_type where it is reported, chdir/getcwd relative to the temp dir, rmdir of a
 * non-empty directory (ENOTEMPTY) and cleanup.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *d)
{
	DIR *dp = opendir(d);
	if (!dp) {
		printf("opendir failed\n");
		return;
	}
	char *names[64];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) && n < 64) {
		char tbuf[300];
		const char *t = e->d_type == DT_DIR ? "d" : e->d_type == DT_REG ? "f" :
				e->d_type == DT_UNKNOWN ? "?" : "o";
		snprintf(tbuf, sizeof tbuf, "%s:%s", e->d_name, t);
		names[n++] = strdup(tbuf);
	}
	closedir(dp);
	qsort(names, n, sizeof names[0], cmp);
	printf("%d entries:", n);
	for (int i = 0; i < n; i++) {
		/* d_type may be DT_UNKNOWN on some file systems; print it only when known */
		char *colon = strrchr(names[i], ':');
		if (colon[1] == '?')
			*colon = 0;
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

int main(void)
{
	char dir[4096];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/ferry-dirs-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	if (chdir(dir) != 0)
		return 1;
	char cwd[4096];
	printf("getcwd matches: %d\n", getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0);
	printf("mkdir sub=%d\n", mkdir("sub", 0755));
	int r = mkdir("sub", 0755);
	printf("mkdir sub again=%d EEXIST=%d\n", r, errno == EEXIST);
	printf("mkdir nested=%d\n", mkdir("sub/inner", 0700));
	r = mkdir("nope/x", 0755);
	printf("mkdir missing parent=%d ENOENT=%d\n", r, errno == ENOENT);
	static const char *files[] = {"zeta", "alpha", "Beta", "sub/one", "sub/two", "sub/inner/deep",
				      "_under", "9lives"};
	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		int fd = open(files[i], O_CREAT | O_WRONLY, 0644);
		write(fd, files[i], strlen(files[i]));
		close(fd);
	}
	list(".");
	list("sub");
	list("sub/inner");
	struct stat st;
	stat("sub", &st);
	printf("sub isdir=%d mode=%o\n", S_ISDIR(st.st_mode), (unsigned)(st.st_mode & 0777));
	printf("chdir sub=%d\n", chdir("sub"));
	printf("cwd ends with /sub: %d\n",
	       getcwd(cwd, sizeof cwd) && strcmp(cwd + strlen(cwd) - 4, "/sub") == 0);
	printf("chdir ..=%d\n", chdir(".."));
	r = rmdir("sub");
	printf("rmdir non-empty=%d ENOTEMPTY=%d\n", r, errno == ENOTEMPTY);
	r = rmdir("zeta");
	printf("rmdir file=%d ENOTDIR=%d\n", r, errno == ENOTDIR);
	for (int i = sizeof files / sizeof files[0] - 1; i >= 0; i--)
		unlink(files[i]);
	r = rmdir("sub/inner");
	printf("rmdir inner=%d sub=%d\n", r, rmdir("sub"));
	list(".");
	chdir("/");
	printf("rmdir top=%d\n", rmdir(dir));
	return 0;
}
