/*
 * Guest program for tests/integration/threads_stress.sh: for a number of seconds
 * (argv[1]), worker threads hammer a pthread mutex with a condition variable, a lock made
 * of raw futex calls, and plain atomics, while one thread signals them (pthread_kill,
 * handlers with SA_RESTART interrupting futex waits), one creates and joins short-lived
 * threads, and on riscv64 one keeps asking for an instruction-cache flush (which makes
 * the translator drop every translation while the others run). At the end every counter
 * must equal the sum of the increments each thread says it made; the program prints one
 * line per invariant and exits 0 only when all hold.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 6

static atomic_int stop;
static atomic_long atomic_total, signals_sent, signals_seen, threads_made;

/* A mutex and condition variable: workers take turns adding to mutex_total. */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long mutex_total, mutex_turns;

/* A lock of raw futex calls: 0 free, 1 held, 2 held with waiters. */
static atomic_int futex_word;
static long futex_total;

static long futex_call(atomic_int *w, int op, int val)
{
	return syscall(SYS_futex, w, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static void futex_lock(void)
{
	int c = 0;
	if (atomic_compare_exchange_strong(&futex_word, &c, 1))
		return;
	if (c != 2)
		c = atomic_exchange(&futex_word, 2);
	while (c != 0) {
		/* EINTR (a signal handler ran) and EAGAIN just mean: look again. */
		futex_call(&futex_word, FUTEX_WAIT, 2);
		c = atomic_exchange(&futex_word, 2);
	}
}

static void futex_unlock(void)
{
	if (atomic_fetch_sub(&futex_word, 1) != 1) {
		atomic_store(&futex_word, 0);
		futex_call(&futex_word, FUTEX_WAKE, 1);
	}
}

typedef struct Worker {
	pthread_t thread;
	long mutex_adds, futex_adds, atomic_adds;
} Worker;

static Worker workers[WORKERS];

static void on_signal(int sig)
{
	atomic_fetch_add(&signals_seen, 1);
}

static void *worker(void *arg)
{
	Worker *w = arg;
	unsigned seed = (unsigned)(w - workers) + 1;
	while (!atomic_load(&stop)) {
		int n = (int)(rand_r(&seed) % 7) + 1;
		pthread_mutex_lock(&mutex);
		mutex_total += n;
		mutex_turns++;
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&mutex);
		w->mutex_adds += n;
		futex_lock();
		futex_total += n;
		futex_unlock();
		w->futex_adds += n;
		atomic_fetch_add(&atomic_total, n);
		w->atomic_adds += n;
	}
	return NULL;
}

/* Waits on the condition variable for turns to advance (with a timeout, so it never
 * outlives stop). */
static void *waiter(void *arg)
{
	long waits = 0;
	pthread_mutex_lock(&mutex);
	while (!atomic_load(&stop)) {
		long seen = mutex_turns;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 10 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		while (mutex_turns == seen && !atomic_load(&stop))
			if (pthread_cond_timedwait(&cond, &mutex, &ts) == ETIMEDOUT)
				break;
		waits++;
	}
	pthread_mutex_unlock(&mutex);
	return (void *)(intptr_t)waits;
}

static void *signaler(void *arg)
{
	unsigned seed = 99;
	while (!atomic_load(&stop)) {
		if (pthread_kill(workers[rand_r(&seed) % WORKERS].thread, SIGUSR1) == 0)
			atomic_fetch_add(&signals_sent, 1);
		usleep(200);
	}
	return NULL;
}

static void *short_lived(void *arg)
{
	return (void *)((intptr_t)arg * 2);
}

static void *churner(void *arg)
{
	long bad = 0;
	for (intptr_t i = 0; !atomic_load(&stop); i++) {
		pthread_t t;
		void *r;
		if (pthread_create(&t, NULL, short_lived, (void *)i) != 0)
			continue;
		pthread_join(t, &r);
		bad += (intptr_t)r != i * 2;
		atomic_fetch_add(&threads_made, 1);
	}
	return (void *)bad;
}

/* riscv64: flush the instruction cache over this program's code now and then. */
static void *flusher(void *arg)
{
	long n = 0;
#ifdef __riscv
	while (!atomic_load(&stop)) {
		syscall(259 /* riscv_flush_icache */, (uintptr_t)worker, (uintptr_t)worker + 4096,
		        0);
		n++;
		usleep(20000);
	}
#endif
	return (void *)n;
}

int main(int argc, char **argv)
{
	int seconds = argc > 1 ? atoi(argv[1]) : 60;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	for (int i = 0; i < WORKERS; i++)
		pthread_create(&workers[i].thread, NULL, worker, &workers[i]);
	pthread_t wt, st, ct, ft;
	pthread_create(&wt, NULL, waiter, NULL);
	pthread_create(&st, NULL, signaler, NULL);
	pthread_create(&ct, NULL, churner, NULL);
	pthread_create(&ft, NULL, flusher, NULL);
	sleep((unsigned)seconds);
	atomic_store(&stop, 1);
	long m = 0, f = 0, a = 0;
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(workers[i].thread, NULL);
		m += workers[i].mutex_adds;
		f += workers[i].futex_adds;
		a += workers[i].atomic_adds;
	}
	void *waits, *bad, *flushes;
	pthread_join(wt, &waits);
	pthread_join(st, NULL);
	pthread_join(ct, &bad);
	pthread_join(ft, &flushes);
	int ok = m == mutex_total && f == futex_total && a == atomic_total && !bad &&
	         signals_seen > 0 && signals_seen <= signals_sent && threads_made > 0 && m > 0;
	printf("mutex %s (%ld), futex %s (%ld), atomic %s (%ld)\n",
	       m == mutex_total ? "ok" : "WRONG", mutex_total, f == futex_total ? "ok" : "WRONG",
	       futex_total, a == (long)atomic_total ? "ok" : "WRONG", (long)atomic_total);
	printf("signals sent %ld seen %ld; threads made %ld (bad joins %ld); cond waits %ld; "
	       "icache flushes %ld\n",
	       (long)signals_sent, (long)signals_seen, (long)threads_made, (long)(intptr_t)bad,
	       (long)(intptr_t)waits, (long)(intptr_t)flushes);
	printf("%s\n", ok ? "stress ok" : "stress FAILED");
	return ok ? 0 : 1;
}
