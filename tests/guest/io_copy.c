/*
 * Data moved between descriptors by the kernel: splice through a pipe with and without
 * offsets, tee, vmsplice, sendfile, copy_file_range, the page-cache hints, and extended
 * attributes on a temporary file (skipped with the same output when the file system
 * has no user xattrs).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

static char dir[256];

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static int make_file(const char *name, const char *content, char *path)
{
	snprintf(path, 300, "%s/%s", dir, name);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "open");
	if (content)
		check(write(fd, content, strlen(content)) == (ssize_t)strlen(content), "write");
	return fd;
}

static void show_file(const char *what, int fd)
{
	char buf[128];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	check(n >= 0, "pread");
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == 0)
			buf[i] = '.';
	buf[n] = 0;
	printf("%s: \"%s\" (offset %ld)\n", what, buf, (long)lseek(fd, 0, SEEK_CUR));
}

static void test_splice(void)
{
	char p1[300], p2[300];
	int src = make_file("src", "0123456789abcdefghij", p1);
	int dst = make_file("dst", NULL, p2);
	int pfd[2];
	check(pipe(pfd) == 0, "pipe");
	loff_t off = 5;
	ssize_t n = splice(src, &off, pfd[1], NULL, 8, 0);
	printf("splice file->pipe: %zd, offset now %lld, file offset %ld\n", n, (long long)off,
	       (long)lseek(src, 0, SEEK_CUR));
	loff_t out_off = 2;
	n = splice(pfd[0], NULL, dst, &out_off, 8, 0);
	printf("splice pipe->file: %zd, out offset %lld\n", n, (long long)out_off);
	show_file("dst", dst);
	n = splice(pfd[0], &off, dst, NULL, 1, 0);
	printf("offset on pipe: %zd %s\n", n, strerror(errno));

	int q[2];
	check(pipe(q) == 0, "pipe");
	check(write(pfd[1], "teedata", 7) == 7, "write");
	n = tee(pfd[0], q[1], 100, SPLICE_F_NONBLOCK);
	char buf[32] = {0};
	ssize_t m = read(q[0], buf, sizeof buf - 1);
	printf("tee: %zd, copy \"%.*s\"\n", n, (int)m, buf);
	m = read(pfd[0], buf, sizeof buf - 1);
	printf("tee left the source: \"%.*s\"\n", (int)m, buf);

	char a[] = "vm", b[] = "splice";
	struct iovec iov[2] = {{a, 2}, {b, 6}};
	n = vmsplice(pfd[1], iov, 2, 0);
	m = read(pfd[0], buf, sizeof buf - 1);
	printf("vmsplice in: %zd \"%.*s\"\n", n, (int)m, buf);
	check(write(pfd[1], "backwards", 9) == 9, "write");
	char c1[4] = {0}, c2[6] = {0};
	struct iovec out[2] = {{c1, 4}, {c2, 5}};
	n = vmsplice(pfd[0], out, 2, 0);
	printf("vmsplice out: %zd \"%.4s\" \"%.5s\"\n", n, c1, c2);
	close(pfd[0]), close(pfd[1]), close(q[0]), close(q[1]);
	close(src), close(dst);
	unlink(p1), unlink(p2);
}

static void test_sendfile_copy(void)
{
	char p1[300], p2[300];
	int src = make_file("sf-src", "The quick brown fox jumps", p1);
	int dst = make_file("sf-dst", NULL, p2);
	off_t off = 4;
	ssize_t n = sendfile(dst, src, &off, 5);
	printf("sendfile with offset: %zd, offset %ld, src pos %ld\n", n, (long)off,
	       (long)lseek(src, 0, SEEK_CUR));
	lseek(src, 10, SEEK_SET);
	n = sendfile(dst, src, NULL, 6);
	printf("sendfile at file position: %zd, src pos %ld\n", n, (long)lseek(src, 0, SEEK_CUR));
	show_file("sendfile dst", dst);
	loff_t in = 16, outo = 0;
	n = copy_file_range(src, &in, dst, &outo, 3, 0);
	printf("copy_file_range: %zd in %lld out %lld\n", n, (long long)in, (long long)outo);
	show_file("copy dst", dst);
	n = copy_file_range(src, NULL, dst, NULL, 4, 1);
	printf("copy_file_range bad flags: %zd %s\n", n, strerror(errno));
	printf("sync_file_range: %d\n", sync_file_range(dst, 0, 0, SYNC_FILE_RANGE_WRITE));
	printf("readahead: %zd\n", readahead(src, 0, 4096));
	printf("fadvise: %d\n", posix_fadvise(src, 0, 0, POSIX_FADV_SEQUENTIAL));
	printf("flock: %d %d\n", flock(dst, LOCK_EX | LOCK_NB), flock(dst, LOCK_UN));
	printf("fallocate: %d size %ld\n", fallocate(dst, 0, 0, 100) == 0 || errno == EOPNOTSUPP,
	       (long)lseek(dst, 0, SEEK_END) >= 0);
	close(src), close(dst);
	unlink(p1), unlink(p2);
}

static void test_xattr(void)
{
	char path[300];
	int fd = make_file("xattr", "x", path);
	if (setxattr(path, "user.ferry", "value1", 6, 0) < 0) {
		printf("xattr: skipped (%s)\n", errno == ENOTSUP ? "not supported" : "refused");
		close(fd);
		unlink(path);
		return;
	}
	char buf[256];
	ssize_t n = getxattr(path, "user.ferry", buf, sizeof buf);
	printf("getxattr: %zd \"%.*s\"\n", n, (int)n, buf);
	printf("size query: %zd\n", getxattr(path, "user.ferry", NULL, 0));
	n = getxattr(path, "user.ferry", buf, 2);
	printf("small buffer: %zd %s\n", n, strerror(errno));
	n = setxattr(path, "user.ferry", "v", 1, XATTR_CREATE);
	printf("create existing: %zd %s\n", n, strerror(errno));
	check(fsetxattr(fd, "user.second", "2", 1, XATTR_CREATE) == 0, "fsetxattr");
	check(lsetxattr(path, "user.third", "", 0, 0) == 0, "lsetxattr");
	n = flistxattr(fd, buf, sizeof buf);
	int found = 0;
	for (char *s = buf; s < buf + n; s += strlen(s) + 1)
		found += !strncmp(s, "user.", 5);
	printf("list: %d user attributes, size query matches %d\n", found,
	       listxattr(path, NULL, 0) == n && llistxattr(path, NULL, 0) == n);
	n = fgetxattr(fd, "user.third", buf, sizeof buf);
	printf("empty value: %zd\n", n);
	printf("remove: %d %d %d\n", removexattr(path, "user.ferry"),
	       lremovexattr(path, "user.second"), fremovexattr(fd, "user.third"));
	n = lgetxattr(path, "user.ferry", buf, sizeof buf);
	printf("after remove: %zd %s\n", n, strerror(errno));
	n = getxattr(path, "", buf, sizeof buf);
	printf("empty name: %zd %s\n", n, strerror(errno));
	close(fd);
	unlink(path);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/io_copy.XXXXXX", tmp ? tmp : "/tmp");
	check(mkdtemp(dir) != NULL, "mkdtemp");
	test_splice();
	test_sendfile_copy();
	test_xattr();
	rmdir(dir);
	return 0;
}
