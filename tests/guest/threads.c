/*
 * POSIX threads: atomics under contention, a mutex and condition-variable
 * producer/consumer, thread-local storage, join values, pthread_once, a barrier,
 * signals directed at threads (pthread_kill, per-thread masks, per-thread alternate
 * stacks), a thread ending the process with exit(), and fork while threads run. Every
 * line printed is deterministic.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_THREADS 8
#define ADDS      20000

static atomic_long counter;
static atomic_int max_seen;

static void *adder(void *arg)
{
	long step = (long)(intptr_t)arg;
	for (int i = 0; i < ADDS; i++) {
		atomic_fetch_add(&counter, step);
		int v = (int)step, m = atomic_load(&max_seen);
		while (v > m && !atomic_compare_exchange_weak(&max_seen, &m, v))
			;
	}
	return (void *)(intptr_t)(step * 100);
}

static void test_atomics(void)
{
	pthread_t t[N_THREADS];
	for (long i = 0; i < N_THREADS; i++)
		pthread_create(&t[i], NULL, adder, (void *)(intptr_t)(i + 1));
	long joined = 0;
	for (int i = 0; i < N_THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		joined += (long)(intptr_t)r;
	}
	printf("atomics: total %ld (expected %ld), max %d, join sum %ld\n", (long)counter,
	       (long)ADDS * N_THREADS * (N_THREADS + 1) / 2, (int)max_seen, joined);
}

/* A bounded buffer: two producers, two consumers. */
#define BUF_SIZE           8
#define ITEMS_PER_PRODUCER 5000
static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	int items[BUF_SIZE];
	int head, count, producers_left;
} pc = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};

static void *producer(void *arg)
{
	int base = (int)(intptr_t)arg;
	for (int i = 1; i <= ITEMS_PER_PRODUCER; i++) {
		pthread_mutex_lock(&pc.lock);
		while (pc.count == BUF_SIZE)
			pthread_cond_wait(&pc.not_full, &pc.lock);
		pc.items[(pc.head + pc.count++) % BUF_SIZE] = base + i;
		pthread_cond_signal(&pc.not_empty);
		pthread_mutex_unlock(&pc.lock);
	}
	pthread_mutex_lock(&pc.lock);
	pc.producers_left--;
	pthread_cond_broadcast(&pc.not_empty);
	pthread_mutex_unlock(&pc.lock);
	return NULL;
}

static void *consumer(void *arg)
{
	long sum = 0, n = 0;
	for (;;) {
		pthread_mutex_lock(&pc.lock);
		while (pc.count == 0 && pc.producers_left > 0)
			pthread_cond_wait(&pc.not_empty, &pc.lock);
		if (pc.count == 0) {
			pthread_mutex_unlock(&pc.lock);
			break;
		}
		sum += pc.items[pc.head];
		pc.head = (pc.head + 1) % BUF_SIZE;
		pc.count--;
		n++;
		pthread_cond_signal(&pc.not_full);
		pthread_mutex_unlock(&pc.lock);
	}
	long *out = arg;
	out[0] = sum;
	out[1] = n;
	return NULL;
}

static void test_producer_consumer(void)
{
	pthread_t p[2], c[2];
	long res[2][2];
	pc.producers_left = 2;
	for (int i = 0; i < 2; i++)
		pthread_create(&c[i], NULL, consumer, res[i]);
	for (int i = 0; i < 2; i++)
		pthread_create(&p[i], NULL, producer, (void *)(intptr_t)(i * 1000000));
	for (int i = 0; i < 2; i++)
		pthread_join(p[i], NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(c[i], NULL);
	long n = ITEMS_PER_PRODUCER;
	long expected = 2 * n * (n + 1) / 2 + 1000000 * n;
	printf("producer/consumer: %ld items, sum %ld (expected %ld)\n", res[0][1] + res[1][1],
	       res[0][0] + res[1][0], expected);
}

static __thread int tls_value = 5;
static __thread char tls_name[16];

static void *tls_worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	int initial = tls_value;
	tls_value = id * 7;
	snprintf(tls_name, sizeof tls_name, "thread-%d", id);
	for (int i = 0; i < 1000; i++)
		sched_yield();
	int ok = tls_value == id * 7 && strcmp(tls_name, "thread-") > 0;
	return (void *)(intptr_t)(ok ? initial * 1000 + tls_value : -1);
}

static void test_tls(void)
{
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, tls_worker, (void *)(intptr_t)(i + 1));
	printf("tls:");
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf(" %ld", (long)(intptr_t)r);
	}
	printf("; main still %d\n", tls_value);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;
static pthread_barrier_t barrier;
static atomic_int serial_count, after_barrier;

static void init_once(void)
{
	atomic_fetch_add(&once_runs, 1);
}

static void *once_and_barrier(void *arg)
{
	pthread_once(&once, init_once);
	int r = pthread_barrier_wait(&barrier);
	if (r == PTHREAD_BARRIER_SERIAL_THREAD)
		atomic_fetch_add(&serial_count, 1);
	atomic_fetch_add(&after_barrier, 1);
	return NULL;
}

static void test_once_barrier(void)
{
	pthread_t t[6];
	pthread_barrier_init(&barrier, NULL, 6);
	for (int i = 0; i < 6; i++)
		pthread_create(&t[i], NULL, once_and_barrier, NULL);
	for (int i = 0; i < 6; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);
	printf("once: %d run(s); barrier: %d serial, %d through\n", (int)once_runs,
	       (int)serial_count, (int)after_barrier);
}

/* pthread_kill: the handler runs on the thread that was sent the signal. */
static pthread_t kill_target;
static atomic_int handler_on_target, handler_done;

static void usr1_handler(int sig)
{
	atomic_store(&handler_on_target, pthread_equal(pthread_self(), kill_target) ? 1 : 2);
	atomic_store(&handler_done, 1);
}

static void *wait_for_handler(void *arg)
{
	while (!atomic_load(&handler_done))
		sched_yield();
	return NULL;
}

static void test_pthread_kill(void)
{
	signal(SIGUSR1, usr1_handler);
	pthread_create(&kill_target, NULL, wait_for_handler, NULL);
	pthread_kill(kill_target, SIGUSR1);
	pthread_join(kill_target, NULL);
	printf("pthread_kill: handler ran on %s\n",
	       handler_on_target == 1 ? "the target thread" : "another thread");
}

/* A process-directed signal goes to the one thread that does not block it. */
static pthread_t receiver;
static atomic_int usr2_where, receiver_ready, usr2_done;

static void usr2_handler(int sig)
{
	atomic_store(&usr2_where, pthread_equal(pthread_self(), receiver) ? 1 : 2);
	atomic_store(&usr2_done, 1);
}

static void *unblocked_receiver(void *arg)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	atomic_store(&receiver_ready, 1);
	while (!atomic_load(&usr2_done))
		sched_yield();
	return NULL;
}

static void *blocked_bystander(void *arg)
{
	while (!atomic_load(&usr2_done))
		sched_yield();
	return NULL;
}

static void test_masks(void)
{
	signal(SIGUSR2, usr2_handler);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	pthread_t bystander;
	pthread_create(&bystander, NULL, blocked_bystander, NULL);
	pthread_create(&receiver, NULL, unblocked_receiver, NULL);
	while (!atomic_load(&receiver_ready))
		sched_yield();
	kill(getpid(), SIGUSR2);
	pthread_join(receiver, NULL);
	pthread_join(bystander, NULL);
	sigset_t now;
	pthread_sigmask(SIG_SETMASK, &old, &now);
	printf("masks: SIGUSR2 handled by %s; main still blocked it: %s\n",
	       usr2_where == 1 ? "the unblocking thread" : "a blocking thread",
	       sigismember(&now, SIGUSR2) ? "yes" : "no");
}

/* Each thread has its own alternate signal stack. */
static char altstack_mem[1 << 16];
static atomic_int on_altstack;

static void onstack_handler(int sig)
{
	char here;
	uintptr_t a = (uintptr_t)&here, lo = (uintptr_t)altstack_mem;
	atomic_store(&on_altstack, a >= lo && a < lo + sizeof altstack_mem ? 1 : 2);
}

static void *altstack_thread(void *arg)
{
	stack_t ss = {.ss_sp = altstack_mem, .ss_size = sizeof altstack_mem};
	sigaltstack(&ss, NULL);
	pthread_kill(pthread_self(), SIGWINCH);
	return NULL;
}

static void test_altstack(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onstack_handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGWINCH, &sa, NULL);
	pthread_t t;
	pthread_create(&t, NULL, altstack_thread, NULL);
	pthread_join(t, NULL);
	stack_t cur;
	sigaltstack(NULL, &cur);
	printf("sigaltstack: thread's handler on its stack: %s; main's stack %s\n",
	       on_altstack == 1 ? "yes" : "no", (cur.ss_flags & SS_DISABLE) ? "disabled" : "set");
}

static void *exiting_thread(void *arg)
{
	exit(7);
}

/* exit() on any thread ends the whole process with that status. */
static void test_thread_exit_status(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, exiting_thread, NULL);
		for (;;)
			pause();
	}
	int st;
	waitpid(pid, &st, 0);
	printf("exit in a thread: status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static atomic_int spin_stop;

static void *spinner(void *arg)
{
	while (!atomic_load(&spin_stop)) {
		void *p = malloc(64);
		atomic_fetch_add(&counter, 1);
		free(p);
	}
	return NULL;
}

/* fork while other threads run (and allocate): the child has one thread and works. */
static void test_fork_with_threads(void)
{
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, spinner, NULL);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char *s = malloc(32);
		snprintf(s, 32, "child ok");
		pthread_t c;
		pthread_create(&c, NULL, tls_worker, (void *)(intptr_t)3);
		void *r;
		pthread_join(c, &r);
		printf("fork: %s, thread in child returned %ld\n", s, (long)(intptr_t)r);
		exit(3);
	}
	int st;
	waitpid(pid, &st, 0);
	atomic_store(&spin_stop, 1);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("fork: child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_atomics();
	test_producer_consumer();
	test_tls();
	test_once_barrier();
	test_pthread_kill();
	test_masks();
	test_altstack();
	test_thread_exit_status();
	test_fork_with_threads();
	return 0;
}
