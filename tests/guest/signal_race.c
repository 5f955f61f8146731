/*
 * A signal that arrives just before a blocking call starts must still interrupt it. A
 * second thread sends SIGUSR1 to the main thread, one at a time, waiting each time
 * until the handler has run; the handler writes one byte into a pipe that the main
 * thread keeps reading one byte at a time. The signals land anywhere in the main
 * thread's loop, including just before read begins: if such a signal were held until
 * read returned, read would wait on the empty pipe for a byte only the handler writes,
 * and the sender for a handler that never runs. An alarm turns that hang into a FAIL
 * line. Run once with SA_RESTART (read never fails with EINTR) and once without (reads
 * cut short fail with EINTR and are retried). Only deterministic lines are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ROUNDS 3000

static int pipe_fd[2];
static pthread_t main_thread;
static atomic_int handled;
static atomic_bool sender_done;

static void on_usr1(int sig)
{
	char c = 'x';
	int saved = errno;
	if (write(pipe_fd[1], &c, 1) != 1)
		_exit(3);
	errno = saved;
	atomic_fetch_add(&handled, 1);
}

static void on_alarm(int sig)
{
	static const char msg[] = "FAIL: a signal was held until a blocking read returned\n";
	if (write(1, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

/* Sends ROUNDS signals, each once the handler has taken the one before and after a
 * varying pause, so that some land while the main thread is on its way into read. */
static void *sender(void *arg)
{
	unsigned seed = 12345;
	for (int k = 0; k < ROUNDS; k++) {
		pthread_kill(main_thread, SIGUSR1);
		while (atomic_load(&handled) <= k)
			sched_yield();
		seed = seed * 1103515245u + 12345u;
		for (volatile unsigned spin = (seed >> 16) % 3000; spin; spin--)
			;
	}
	atomic_store(&sender_done, true);
	return NULL;
}

static void run(const char *name, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(pipe_fd) != 0) {
		perror("pipe");
		return;
	}
	atomic_store(&handled, 0);
	atomic_store(&sender_done, false);
	alarm(90);
	pthread_t t;
	pthread_create(&t, NULL, sender, NULL);
	long bytes = 0, eintr = 0, other = 0;
	while (bytes < ROUNDS) {
		char c;
		ssize_t n = read(pipe_fd[0], &c, 1);
		if (n == 1)
			bytes++;
		else if (n < 0 && errno == EINTR)
			eintr++;
		else
			other++;
	}
	pthread_join(t, NULL);
	alarm(0);
	close(pipe_fd[0]);
	close(pipe_fd[1]);
	printf("%s: %ld bytes, %d handled, sender done %d, other results %ld\n", name, bytes,
	       atomic_load(&handled), atomic_load(&sender_done), other);
	if (flags & SA_RESTART)
		printf("%s: EINTR %ld\n", name, eintr);
	else
		printf("%s: EINTR seen %s, at most one per signal %s\n", name,
		       eintr > 0 ? "yes" : "no", eintr <= ROUNDS ? "yes" : "no");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	main_thread = pthread_self();
	signal(SIGALRM, on_alarm);
	run("SA_RESTART", SA_RESTART);
	run("no SA_RESTART", 0);
	return 0;
}
