/* Signal delivery: fault handlers that siglongjmp out, siginfo contents, masks, one-shot
 * and alternate-stack handlers, timers interrupting sleeps and compute loops, SA_RESTART,
 * sigsuspend, sigtimedwait, queued real-time signals, SIGCHLD and signalfd. Handlers
 * only record; main prints, so the output is deterministic. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static sigjmp_buf jump_back;
static volatile sig_atomic_t hits;
static volatile int last_signo, last_code;
static void *volatile last_addr;
static volatile pid_t last_pid;
static volatile int last_value;
static volatile int mask_has_self, mask_has_other;

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags,
                        const int *mask_sigs)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	for (; mask_sigs && *mask_sigs; mask_sigs++)
		sigaddset(&sa.sa_mask, *mask_sigs);
	if (sigaction(sig, &sa, NULL) != 0)
		perror("sigaction");
}

static void record(int sig, siginfo_t *si, void *uc)
{
	hits++;
	last_signo = si->si_signo;
	last_code = si->si_code;
	last_addr = si->si_addr;
	last_pid = si->si_pid;
	last_value = si->si_value.sival_int;
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	mask_has_self = sigismember(&cur, sig);
	mask_has_other = sigismember(&cur, SIGUSR2);
}

static void segv_jump(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	siglongjmp(jump_back, 1);
}

static const char *segv_code(int code)
{
	return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

static void test_segv(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map =
	    mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(map, page, PROT_NONE);
	set_handler(SIGSEGV, segv_jump, 0, NULL);
	hits = 0;
	if (sigsetjmp(jump_back, 1) == 0) {
		map[16] = 1;
		printf("segv: no fault\n");
	}
	printf("segv prot_none: hits=%d signo=%d code=%s offset=%ld\n", hits, last_signo,
	       segv_code(last_code), (long)((char *)last_addr - map));
	munmap(map + page, page);
	if (sigsetjmp(jump_back, 1) == 0) {
		volatile char c = map[page + 40];
		(void)c;
		printf("segv: no fault\n");
	}
	printf("segv unmapped: hits=%d signo=%d code=%s offset=%ld\n", hits, last_signo,
	       segv_code(last_code), (long)((char *)last_addr - map));
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	printf("segv: mask restored by siglongjmp: %s\n",
	       sigismember(&cur, SIGSEGV) ? "no" : "yes");
	munmap(map, page);
	signal(SIGSEGV, SIG_DFL);
}

static void test_raise_siginfo(void)
{
	static const int also[] = {SIGUSR2, 0};
	set_handler(SIGUSR1, record, 0, also);
	hits = 0;
	raise(SIGUSR1);
	printf("raise: hits=%d signo=%d code=%s pid_ok=%d in_mask self=%d sa_mask=%d\n", hits,
	       last_signo, last_code == SI_TKILL ? "SI_TKILL" : "other", last_pid == getpid(),
	       mask_has_self, mask_has_other);
	kill(getpid(), SIGUSR1);
	printf("kill: hits=%d code=%s\n", hits, last_code == SI_USER ? "SI_USER" : "other");
	set_handler(SIGUSR1, record, SA_NODEFER, NULL);
	raise(SIGUSR1);
	printf("nodefer: hits=%d in_mask self=%d\n", hits, mask_has_self);
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	printf("after handlers: usr1 blocked=%d usr2 blocked=%d\n", sigismember(&cur, SIGUSR1),
	       sigismember(&cur, SIGUSR2));
}

static void test_blocked(void)
{
	sigset_t set, pend;
	set_handler(SIGUSR2, record, 0, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	hits = 0;
	raise(SIGUSR2);
	raise(SIGUSR2);
	sigpending(&pend);
	printf("blocked: hits=%d pending usr2=%d usr1=%d\n", hits, sigismember(&pend, SIGUSR2),
	       sigismember(&pend, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("unblocked: hits=%d signo=%d (standard signals merge)\n", hits, last_signo);
}

static void test_resethand(void)
{
	struct sigaction old;
	set_handler(SIGUSR1, record, SA_RESETHAND, NULL);
	hits = 0;
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	printf("resethand: hits=%d now default=%d\n", hits, old.sa_handler == SIG_DFL);
}

static char *alt_base;
static size_t alt_size = 1 << 16;
static volatile int on_alt, alt_flags_onstack;

static void alt_handler(int sig, siginfo_t *si, void *uc)
{
	char here;
	on_alt = &here >= alt_base && &here < alt_base + alt_size;
	stack_t cur;
	sigaltstack(NULL, &cur);
	alt_flags_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
	hits++;
}

static void test_altstack(void)
{
	alt_base = malloc(alt_size);
	stack_t ss = {.ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0}, old;
	if (sigaltstack(&ss, NULL) != 0)
		perror("sigaltstack");
	set_handler(SIGUSR1, alt_handler, SA_ONSTACK, NULL);
	hits = 0;
	raise(SIGUSR1);
	sigaltstack(NULL, &old);
	printf("altstack: hits=%d on_alt=%d flags_in_handler_onstack=%d after=%s\n", hits, on_alt,
	       alt_flags_onstack, old.ss_flags == 0 ? "0" : "other");
	set_handler(SIGUSR1, alt_handler, 0, NULL);
	raise(SIGUSR1);
	printf("no SA_ONSTACK: on_alt=%d\n", on_alt);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	free(alt_base);
}

static void one_shot_timer(long usec)
{
	struct itimerval it = {{0, 0}, {usec / 1000000, usec % 1000000}};
	setitimer(ITIMER_REAL, &it, NULL);
}

static int pipe_fds[2];

static void alarm_writes(int sig, siginfo_t *si, void *uc)
{
	hits++;
	if (write(pipe_fds[1], "x", 1) != 1)
		hits += 100;
}

static void test_timers(void)
{
	set_handler(SIGALRM, record, 0, NULL);
	hits = 0;
	alarm(1);
	int r = pause();
	printf("pause: r=%d errno=%s hits=%d signo=%d\n", r, errno == EINTR ? "EINTR" : "other",
	       hits, last_signo);
	/* signal() sets SA_RESTART, which nanosleep ignores */
	struct sigaction sa;
	sigaction(SIGALRM, NULL, &sa);
	sa.sa_flags |= SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	one_shot_timer(20000);
	struct timespec req = {5, 0}, rem = {0, 0};
	r = nanosleep(&req, &rem);
	printf("nanosleep: r=%d errno=%s rem_ok=%d hits=%d\n", r,
	       errno == EINTR ? "EINTR" : "other",
	       rem.tv_sec < 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0), hits);
	struct itimerval cur;
	getitimer(ITIMER_REAL, &cur);
	printf("getitimer after expiry: %ld.%06ld\n", (long)cur.it_value.tv_sec,
	       (long)cur.it_value.tv_usec);

	volatile unsigned long spins = 0;
	int before = hits;
	one_shot_timer(20000);
	while (hits == before)
		spins++;
	printf("compute loop interrupted: %d\n", hits == before + 1 && spins > 0);
}

static void test_restart(void)
{
	char c = 0;
	if (pipe(pipe_fds) != 0)
		perror("pipe");
	set_handler(SIGALRM, alarm_writes, SA_RESTART, NULL);
	hits = 0;
	one_shot_timer(20000);
	ssize_t n = read(pipe_fds[0], &c, 1);
	printf("read with SA_RESTART: n=%zd c=%c hits=%d\n", n, n == 1 ? c : '?', hits);
	set_handler(SIGALRM, alarm_writes, 0, NULL);
	one_shot_timer(20000);
	n = read(pipe_fds[0], &c, 1);
	int e = errno;
	printf("read without SA_RESTART: n=%zd errno=%s hits=%d\n", n,
	       e == EINTR ? "EINTR" : "other", hits);
	n = read(pipe_fds[0], &c, 1);
	printf("then: n=%zd c=%c\n", n, n == 1 ? c : '?');
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	signal(SIGALRM, SIG_DFL);
}

static void test_sigsuspend(void)
{
	sigset_t block, none, cur;
	set_handler(SIGUSR1, record, 0, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	hits = 0;
	raise(SIGUSR1);
	printf("sigsuspend: before hits=%d\n", hits);
	sigemptyset(&none);
	int r = sigsuspend(&none);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	printf("sigsuspend: r=%d errno=%s hits=%d usr1 blocked again=%d\n", r,
	       errno == EINTR ? "EINTR" : "other", hits, sigismember(&cur, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
}

static void test_sigtimedwait(void)
{
	sigset_t set;
	siginfo_t si;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	union sigval v = {.sival_int = 42};
	sigqueue(getpid(), SIGUSR2, v);
	struct timespec ts = {1, 0};
	int r = sigtimedwait(&set, &si, &ts);
	printf("sigtimedwait: r=%s code=%s value=%d pid_ok=%d\n",
	       r == SIGUSR2 ? "SIGUSR2" : "other", si.si_code == SI_QUEUE ? "SI_QUEUE" : "other",
	       si.si_value.sival_int, si.si_pid == getpid());
	ts.tv_sec = 0;
	ts.tv_nsec = 10000000;
	r = sigtimedwait(&set, &si, &ts);
	printf("sigtimedwait timeout: r=%d errno=%s\n", r, errno == EAGAIN ? "EAGAIN" : "other");
	raise(SIGUSR2);
	int got = 0;
	r = sigwait(&set, &got);
	printf("sigwait: r=%d sig=%s\n", r, got == SIGUSR2 ? "SIGUSR2" : "other");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static int rt_log[16][2];
static volatile int rt_count;

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
	if (rt_count < 16) {
		rt_log[rt_count][0] = sig - SIGRTMIN;
		rt_log[rt_count][1] = si->si_value.sival_int;
		rt_count++;
	}
}

static void test_realtime(void)
{
	int both[] = {SIGRTMIN, SIGRTMIN + 1, 0};
	set_handler(SIGRTMIN, rt_handler, 0, both);
	set_handler(SIGRTMIN + 1, rt_handler, 0, both);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	static const int order[][2] = {{1, 100}, {0, 1}, {0, 2}, {1, 200}, {0, 3}};
	for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++) {
		union sigval v = {.sival_int = order[i][1]};
		sigqueue(getpid(), SIGRTMIN + order[i][0], v);
	}
	printf("rt queued, delivered so far: %d\n", rt_count);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("rt delivered:");
	for (int i = 0; i < rt_count; i++)
		printf(" RTMIN+%d:%d", rt_log[i][0], rt_log[i][1]);
	printf("\n");
	signal(SIGRTMIN, SIG_DFL);
	signal(SIGRTMIN + 1, SIG_DFL);
}

static volatile int chld_status;

static void chld_handler(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	chld_status = si->si_status;
}

static void test_sigchld(void)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	set_handler(SIGCHLD, chld_handler, SA_NOCLDSTOP, NULL);
	hits = 0;
	pid_t child = fork();
	if (child == 0)
		_exit(7);
	while (hits == 0)
		sigsuspend(&old);
	waitpid(child, NULL, 0);
	printf("sigchld: hits=%d code=%s status=%d pid_ok=%d\n", hits,
	       last_code == CLD_EXITED ? "CLD_EXITED" : "other", chld_status, last_pid == child);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGCHLD, SIG_DFL);
}

static void test_signalfd(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int fd = signalfd(-1, &set, SFD_CLOEXEC);
	raise(SIGUSR1);
	struct signalfd_siginfo info;
	ssize_t n = read(fd, &info, sizeof info);
	printf("signalfd: n=%zd signo=%u code=%s\n", n, n == sizeof info ? info.ssi_signo : 0,
	       n == sizeof info && info.ssi_code == SI_TKILL ? "SI_TKILL" : "other");
	close(fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_ignore(void)
{
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	printf("ignored SIGUSR1 survived\n");
	signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_segv();
	test_raise_siginfo();
	test_blocked();
	test_resethand();
	test_altstack();
	test_timers();
	test_restart();
	test_sigsuspend();
	test_sigtimedwait();
	test_realtime();
	test_sigchld();
	test_signalfd();
	test_ignore();
	printf("done\n");
	return 0;
}
