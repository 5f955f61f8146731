/*
 * File I/O: makes a private directory with mkdtemp under $TMPDIR (or /tmp), then
 * creates, writes (write and stdio), reads back, seeks (SEEK_SET/CUR/END, holes),
 * pread/pwrite, ftruncate, stat sizes and mode bits, rename, link counts, dup, O_APPEND,
 * and unlinks everything again. Only values that do not depend on the machine are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[4096];

static const char *path(const char *name)
{
	static char buf[2][4200];
	static int which;
	which ^= 1;
	snprintf(buf[which], sizeof buf[which], "%s/%s", dir, name);
	return buf[which];
}

static void show_stat(const char *name)
{
	struct stat st;
	if (stat(path(name), &st) != 0) {
		printf("stat %s: errno=%s\n", name, errno == ENOENT ? "ENOENT" : "other");
		return;
	}
	printf("stat %s: size=%lld mode=%o nlink=%lu reg=%d\n", name, (long long)st.st_size,
	       (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink, S_ISREG(st.st_mode));
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/ferry-files-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	umask(022);

	int fd = open(path("a.txt"), O_CREAT | O_EXCL | O_RDWR, 0640);
	printf("open fd>=3: %d\n", fd >= 3);
	const char msg[] = "hello, file\nsecond line\n";
	printf("write=%zd\n", write(fd, msg, sizeof msg - 1));
	long long o1 = lseek(fd, 0, SEEK_CUR);
	long long o2 = lseek(fd, 0, SEEK_END);
	long long o3 = lseek(fd, 7, SEEK_SET);
	printf("lseek cur=%lld end=%lld set=%lld\n", o1, o2, o3);
	char buf[128] = {0};
	ssize_t n = read(fd, buf, 4);
	printf("read=%zd [%.*s]\n", n, (int)n, buf);
	printf("pwrite=%zd\n", pwrite(fd, "FILE", 4, 7));
	memset(buf, 0, sizeof buf);
	n = pread(fd, buf, sizeof buf, 0);
	printf("pread=%zd [%s]\n", n, buf);
	o1 = lseek(fd, 100, SEEK_SET);
	printf("lseek beyond=%lld write=%zd\n", o1, write(fd, "X", 1));
	memset(buf, 'z', sizeof buf);
	n = pread(fd, buf, sizeof buf, 0);
	int zeros = 0;
	for (ssize_t i = 24; i < 100; i++)
		zeros += buf[i] == 0;
	printf("with hole: read=%zd zeros=%d last=%c\n", n, zeros, buf[100]);
	printf("ftruncate=%d\n", ftruncate(fd, 12));
	show_stat("a.txt");
	int fd2 = dup(fd);
	o1 = lseek(fd2, 3, SEEK_SET);
	printf("dup shares offset: %d\n", o1 == lseek(fd, 0, SEEK_CUR));
	close(fd2);
	close(fd);

	FILE *f = fopen(path("b.txt"), "w");
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %04d %s\n", i, i % 2 ? "odd" : "even");
	fclose(f);
	show_stat("b.txt");
	f = fopen(path("b.txt"), "r");
	char line[64];
	int count = 0, odd = 0;
	while (fgets(line, sizeof line, f)) {
		count++;
		odd += strstr(line, "odd") != NULL;
	}
	fseek(f, -13, SEEK_END);
	fgets(line, sizeof line, f);
	printf("lines=%d odd=%d ftell=%ld tail=%s", count, odd, ftell(f), line);
	fclose(f);

	fd = open(path("b.txt"), O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, "appended\n", 9);
	close(fd);
	show_stat("b.txt");

	printf("rename=%d\n", rename(path("b.txt"), path("c.txt")));
	show_stat("b.txt");
	show_stat("c.txt");
	printf("link=%d\n", link(path("c.txt"), path("d.txt")));
	show_stat("c.txt");
	printf("chmod=%d\n", chmod(path("d.txt"), 0600));
	show_stat("c.txt");
	printf("access R=%d X=%d\n", access(path("c.txt"), R_OK), access(path("c.txt"), X_OK) == 0);
	int r = open(path("nope"), O_RDONLY);
	printf("open missing: %d errno=ENOENT:%d\n", r, errno == ENOENT);
	r = open(path("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	printf("O_EXCL again: %d errno=EEXIST:%d\n", r, errno == EEXIST);

	const char *names[] = {"a.txt", "c.txt", "d.txt"};
	for (int i = 0; i < 3; i++)
		printf("unlink %s=%d\n", names[i], unlink(path(names[i])));
	r = unlink(path("a.txt"));
	printf("unlink again=%d errno=ENOENT:%d\n", r, errno == ENOENT);
	printf("rmdir=%d\n", rmdir(dir));
	return 0;
}
