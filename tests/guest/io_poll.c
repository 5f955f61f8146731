/*
 * Descriptor readiness and event descriptors: poll, ppoll and select on pipes; epoll
 * with several descriptors, level- and edge-triggered and one-shot; eventfd counters
 * and semaphore mode; timerfd with a short interval and with an absolute time; inotify
 * seeing a file created, modified and deleted in a temporary directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int pipes[3][2];

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static void test_poll(void)
{
	int *pf = pipes[0];
	struct pollfd fds[2] = {{pf[0], POLLIN, 0}, {pf[1], POLLOUT, 0}};
	int n = poll(fds, 2, 0);
	printf("poll empty: %d in=%d out=%d\n", n, fds[0].revents & POLLIN,
	       fds[1].revents & POLLOUT);
	check(write(pf[1], "x", 1) == 1, "write");
	n = poll(fds, 2, 100);
	printf("poll full: %d in=%d\n", n, fds[0].revents & POLLIN);
	struct timespec ts = {0, 1000000};
	n = ppoll(fds, 1, &ts, NULL);
	printf("ppoll: %d revents=%#x\n", n, fds[0].revents);
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(pf[0], &rd);
	FD_SET(pipes[1][0], &rd);
	struct timeval tv = {0, 1000};
	n = select(pipes[2][1] + 1, &rd, NULL, NULL, &tv);
	printf("select: %d first=%d second=%d\n", n, FD_ISSET(pf[0], &rd),
	       FD_ISSET(pipes[1][0], &rd));
	char c;
	check(read(pf[0], &c, 1) == 1, "read");
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Waits with a zero timeout and prints the data words of the ready events, sorted. */
static int show_ready(int ep, const char *what)
{
	struct epoll_event ev[8];
	uint64_t data[8];
	int n = epoll_wait(ep, ev, 8, 0);
	check(n >= 0, "epoll_wait");
	for (int i = 0; i < n; i++)
		data[i] = ev[i].data.u64;
	qsort(data, (size_t)n, sizeof data[0], cmp_u64);
	printf("%s: %d ready", what, n);
	for (int i = 0; i < n; i++)
		printf(" %#llx", (unsigned long long)data[i]);
	printf("\n");
	return n;
}

static void test_epoll(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	check(ep >= 0, "epoll_create1");
	printf("epoll cloexec: %d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
	for (int i = 0; i < 3; i++) {
		struct epoll_event ev = {EPOLLIN, {.u64 = 0x1234567800000000ull + i}};
		check(epoll_ctl(ep, EPOLL_CTL_ADD, pipes[i][0], &ev) == 0, "epoll_ctl add");
	}
	struct epoll_event ev = {EPOLLIN, {.u64 = 0}};
	int r = epoll_ctl(ep, EPOLL_CTL_ADD, pipes[0][0], &ev);
	printf("add twice: %d %s\n", r, r ? strerror(errno) : "");
	r = epoll_ctl(ep, EPOLL_CTL_MOD, pipes[0][1], &ev);
	printf("mod unknown: %d %s\n", r, r ? strerror(errno) : "");
	r = epoll_wait(ep, &ev, 0, 0);
	printf("maxevents 0: %d %s\n", r, r ? strerror(errno) : "");
	show_ready(ep, "level none");
	check(write(pipes[0][1], "a", 1) == 1 && write(pipes[2][1], "b", 1) == 1, "write");
	show_ready(ep, "level two");
	show_ready(ep, "level again");
	struct epoll_event one;
	sigset_t mask;
	sigemptyset(&mask);
	r = epoll_pwait(ep, &one, 1, 100, &mask);
	printf("pwait one: %d\n", r);
	struct timespec zero = {0, 0};
	r = epoll_pwait2(ep, &one, 1, &zero, NULL);
	printf("pwait2: %d\n", r);
	char c;
	check(read(pipes[0][0], &c, 1) == 1 && read(pipes[2][0], &c, 1) == 1, "drain");

	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 0xe7;
	check(epoll_ctl(ep, EPOLL_CTL_MOD, pipes[1][0], &ev) == 0, "mod et");
	check(write(pipes[1][1], "c", 1) == 1, "write");
	show_ready(ep, "edge first");
	show_ready(ep, "edge no new data");
	check(write(pipes[1][1], "d", 1) == 1, "write");
	show_ready(ep, "edge new data");
	check(read(pipes[1][0], &c, 1) == 1 && read(pipes[1][0], &c, 1) == 1, "drain");

	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 0x1;
	check(epoll_ctl(ep, EPOLL_CTL_MOD, pipes[1][0], &ev) == 0, "mod oneshot");
	check(write(pipes[1][1], "e", 1) == 1, "write");
	show_ready(ep, "oneshot first");
	check(write(pipes[1][1], "f", 1) == 1, "write");
	show_ready(ep, "oneshot disarmed");
	check(epoll_ctl(ep, EPOLL_CTL_MOD, pipes[1][0], &ev) == 0, "rearm");
	show_ready(ep, "oneshot rearmed");
	check(epoll_ctl(ep, EPOLL_CTL_DEL, pipes[1][0], NULL) == 0, "del");
	show_ready(ep, "after delete");
	check(read(pipes[1][0], &c, 1) == 1 && read(pipes[1][0], &c, 1) == 1, "drain");
	close(ep);
}

static void test_eventfd(void)
{
	int fd = eventfd(0, EFD_NONBLOCK);
	check(fd >= 0, "eventfd");
	uint64_t v = 5, got = 0;
	check(write(fd, &v, 8) == 8, "eventfd write");
	v = 7;
	check(write(fd, &v, 8) == 8, "eventfd write");
	check(read(fd, &got, 8) == 8, "eventfd read");
	printf("eventfd counter: %llu\n", (unsigned long long)got);
	int r = (int)read(fd, &got, 8);
	printf("eventfd empty: %d %s\n", r, strerror(errno));
	close(fd);
	fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
	check(fd >= 0, "eventfd semaphore");
	for (int i = 0; i < 4; i++) {
		got = 0;
		r = (int)read(fd, &got, 8);
		printf("semaphore read %d: %d value %llu\n", i, r, (unsigned long long)got);
	}
	close(fd);
	errno = 0;
	r = eventfd(0, 0x40000000);
	printf("eventfd bad flags: %d %s\n", r, strerror(errno));
}

static void test_timerfd(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	check(fd >= 0, "timerfd_create");
	struct itimerspec its = {{0, 3000000}, {0, 3000000}}, old, cur;
	check(timerfd_settime(fd, 0, &its, &old) == 0, "settime");
	printf("old value: %ld.%09ld\n", (long)old.it_value.tv_sec, old.it_value.tv_nsec);
	uint64_t total = 0, n;
	while (total < 5) {
		check(read(fd, &n, 8) == 8, "timerfd read");
		total += n;
	}
	printf("periodic: at least 5 expirations\n");
	check(timerfd_gettime(fd, &cur) == 0, "gettime");
	printf("interval: %ld.%09ld\n", (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	its.it_interval.tv_sec = its.it_interval.tv_nsec = 0;
	its.it_value = now;
	its.it_value.tv_nsec += 20000000;
	if (its.it_value.tv_nsec >= 1000000000) {
		its.it_value.tv_sec++;
		its.it_value.tv_nsec -= 1000000000;
	}
	check(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, &old) == 0, "settime abs");
	printf("old interval: %ld.%09ld\n", (long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
	check(read(fd, &n, 8) == 8, "timerfd read abs");
	struct timespec after;
	clock_gettime(CLOCK_MONOTONIC, &after);
	int late = after.tv_sec > its.it_value.tv_sec ||
	           (after.tv_sec == its.it_value.tv_sec && after.tv_nsec >= its.it_value.tv_nsec);
	printf("absolute: %llu expiration, not early: %d\n", (unsigned long long)n, late);
	check(timerfd_gettime(fd, &cur) == 0, "gettime");
	printf("disarmed: %ld.%09ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
	close(fd);
}

static const char *event_name(uint32_t mask)
{
	if (mask & IN_CREATE)
		return "create";
	if (mask & IN_MODIFY)
		return "modify";
	if (mask & IN_DELETE)
		return "delete";
	return "other";
}

static void test_inotify(void)
{
	char dir[256];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/io_poll.XXXXXX", tmp ? tmp : "/tmp");
	check(mkdtemp(dir) != NULL, "mkdtemp");
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	check(in >= 0, "inotify_init1");
	int wd = inotify_add_watch(in, dir, IN_CREATE | IN_MODIFY | IN_DELETE);
	check(wd >= 0, "inotify_add_watch");
	char path[300];
	snprintf(path, sizeof path, "%s/watched.txt", dir);
	int fd = open(path, O_CREAT | O_WRONLY, 0600);
	check(fd >= 0 && write(fd, "hello", 5) == 5, "create and write");
	close(fd);
	check(unlink(path) == 0, "unlink");
	char buf[4096] __attribute__((aligned(8)));
	ssize_t len = read(in, buf, sizeof buf);
	check(len > 0, "inotify read");
	for (ssize_t off = 0; off < len;) {
		struct inotify_event *e = (struct inotify_event *)(buf + off);
		printf("inotify: %s %s same wd %d\n", event_name(e->mask), e->len ? e->name : "-",
		       e->wd == wd);
		off += (ssize_t)sizeof *e + e->len;
	}
	len = read(in, buf, sizeof buf);
	printf("inotify empty: %zd %s\n", len, strerror(errno));
	printf("rm_watch: %d\n", inotify_rm_watch(in, wd));
	int r = inotify_rm_watch(in, wd);
	printf("rm_watch again: %d %s\n", r, strerror(errno));
	close(in);
	rmdir(dir);
}

int main(void)
{
	for (int i = 0; i < 3; i++)
		check(pipe(pipes[i]) == 0, "pipe");
	test_poll();
	test_epoll();
	test_eventfd();
	test_timerfd();
	test_inotify();
	return 0;
}
