/*
 * Scheduling and related process calls: CPU affinity set and read back, getcpu on a
 * pinned CPU, policy priority ranges, nice values through getpriority/setpriority,
 * and the memory calls that go with them (mlock, mincore, memfd_create, membarrier,
 * process_vm_readv on this process).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/membarrier.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static void test_affinity(void)
{
	cpu_set_t set, back;
	check(sched_getaffinity(0, sizeof set, &set) == 0, "getaffinity");
	printf("some CPU allowed: %d\n", CPU_COUNT(&set) > 0);
	int first = -1;
	for (int i = 0; i < CPU_SETSIZE && first < 0; i++)
		if (CPU_ISSET(i, &set))
			first = i;
	check(sched_setaffinity(0, sizeof set, &set) == 0, "setaffinity same");
	check(sched_getaffinity(0, sizeof back, &back) == 0, "getaffinity");
	printf("round trip equal: %d\n", CPU_EQUAL(&set, &back));
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	check(sched_setaffinity(0, sizeof one, &one) == 0, "pin");
	check(sched_getaffinity(0, sizeof back, &back) == 0, "getaffinity");
	printf("pinned: count %d first matches %d\n", CPU_COUNT(&back), CPU_ISSET(first, &back));
	unsigned cpu = 99999, node = 99999;
	check(syscall(SYS_getcpu, &cpu, &node, NULL) == 0, "getcpu");
	printf("getcpu on the pinned CPU: %d, node sane: %d\n", (int)cpu == first, node < 1024);
	printf("sched_getcpu agrees: %d\n", sched_getcpu() == first);
	check(syscall(SYS_getcpu, NULL, NULL, NULL) == 0, "getcpu nulls");
	cpu_set_t none;
	CPU_ZERO(&none);
	int r = sched_setaffinity(0, sizeof none, &none);
	printf("empty mask: %d %s\n", r, strerror(errno));
	check(sched_setaffinity(0, sizeof set, &set) == 0, "restore");
}

static void test_policy(void)
{
	static const struct {
		int policy;
		const char *name;
	} pols[] = {{SCHED_OTHER, "OTHER"},
	            {SCHED_FIFO, "FIFO"},
	            {SCHED_RR, "RR"},
	            {SCHED_BATCH, "BATCH"},
	            {SCHED_IDLE, "IDLE"}};
	for (unsigned i = 0; i < sizeof pols / sizeof pols[0]; i++)
		printf("%s priorities %d..%d\n", pols[i].name,
		       sched_get_priority_min(pols[i].policy),
		       sched_get_priority_max(pols[i].policy));
	errno = 0;
	int r = sched_get_priority_max(1234);
	printf("unknown policy: %d %s\n", r, strerror(errno));
	printf("scheduler: %d\n", sched_getscheduler(0));
	struct sched_param sp = {99};
	check(sched_getparam(0, &sp) == 0, "getparam");
	printf("param: %d\n", sp.sched_priority);
	check(sched_setparam(0, &sp) == 0, "setparam");
	r = sched_setscheduler(0, SCHED_BATCH, &sp);
	printf("to BATCH: %d now %d\n", r, sched_getscheduler(0));
	check(sched_setscheduler(0, SCHED_OTHER, &sp) == 0, "back to OTHER");
	r = (int)syscall(SYS_sched_setparam, 0, NULL);
	printf("NULL param: %d %s\n", r, strerror(errno));
	struct timespec ts;
	printf("rr interval: %d\n", sched_rr_get_interval(0, &ts));
	printf("yield: %d\n", sched_yield());
}

static void test_priority(void)
{
	int before = getpriority(PRIO_PROCESS, 0);
	check(setpriority(PRIO_PROCESS, 0, before + 3) == 0, "setpriority");
	printf("nice raised by %d\n", getpriority(PRIO_PROCESS, 0) - before);
	long raw = syscall(SYS_getpriority, PRIO_PROCESS, 0);
	printf("raw value is 20 - nice: %d\n", raw == 20 - getpriority(PRIO_PROCESS, 0));
	errno = 0;
	int r = getpriority(42, 0);
	printf("bad which: %d %s\n", r, strerror(errno));
}

static void test_memory(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *buf =
	    mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(buf != MAP_FAILED, "mmap");
	buf[0] = 1;
	int r = mlock(buf + 10, 100);
	printf("mlock: %s\n", r == 0                              ? "locked"
	                      : errno == EPERM || errno == ENOMEM ? "limit"
	                                                          : "error");
	if (r == 0)
		printf("munlock: %d\n", munlock(buf + 10, 100));
	unsigned char vec[4];
	check(mincore(buf, 4 * page, vec) == 0, "mincore");
	printf("mincore: first page resident %d\n", vec[0] & 1);
	r = mincore(buf + 1, page, vec);
	printf("mincore unaligned: %d %s\n", r, strerror(errno));
	check(munmap(buf + 2 * page, 2 * page) == 0, "munmap");
	r = mincore(buf, 4 * page, vec);
	printf("mincore unmapped: %d %s\n", r, strerror(errno));
	r = mlock(buf + 2 * page, page);
	printf("mlock unmapped: %d %s\n", r, strerror(errno));

	int fd = memfd_create("ferry-test", MFD_CLOEXEC);
	check(fd >= 0, "memfd_create");
	char rd[8] = {0};
	check(write(fd, "memfd", 5) == 5 && pread(fd, rd, 5, 0) == 5, "memfd io");
	printf("memfd: \"%s\"\n", rd);
	close(fd);
	r = memfd_create("x", 0x1000);
	printf("memfd bad flags: %d %s\n", r, strerror(errno));

	long q = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	printf("membarrier query: global %d\n", q >= 0 && (q & MEMBARRIER_CMD_GLOBAL) != 0);
	if (q >= 0 && (q & MEMBARRIER_CMD_GLOBAL))
		printf("membarrier global: %ld\n",
		       syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0));

	char src[] = "remote bytes", dst[16] = {0};
	struct iovec local = {dst, 6}, remote = {src + 7, 6};
	ssize_t n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	printf("process_vm_readv self: %zd \"%s\"\n", n, dst);
	munmap(buf, 2 * page);
}

int main(void)
{
	test_affinity();
	test_policy();
	test_priority();
	test_memory();
	return 0;
}
