/*
 * The benchmark harness's timer (built natively, not a workload): runs a command COUNT
 * times one after another and prints one line, `STATUS SECONDS MAXRSS_KB`: STATUS is
 * `ok`, `exit:N`, `signal:N` or `timeout` (the first run that is not ok ends the loop),
 * SECONDS the wall-clock time of all runs together (process creation included), MAXRSS_KB
 * the largest peak resident set size of any run. Each run reads /dev/null and writes OUT
 * and ERR afresh, so they hold the last run's output.
 * usage: benchexec COUNT TIMEOUT_SECONDS OUT ERR CMD [ARG...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run; returns its status word, or -1 when it was killed for taking too long. */
static int run_once(char **cmd, const char *out, const char *err, unsigned timeout, int *spawn_err)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pid_t pid;
	*spawn_err = posix_spawnp(&pid, cmd[0], &fa, NULL, cmd, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (*spawn_err)
		return 0;
	timed_out = 0;
	alarm(timeout);
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return 0;
		if (timed_out) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
	}
	alarm(0);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: benchexec COUNT TIMEOUT_SECONDS OUT ERR CMD [ARG...]\n");
		return 2;
	}
	long count = atol(argv[1]);
	unsigned timeout = (unsigned)atol(argv[2]);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: waitpid returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	char state[32] = "ok";
	double t0 = now();
	for (long i = 0; i < count; i++) {
		int spawn_err;
		int st = run_once(argv + 5, argv[3], argv[4], timeout, &spawn_err);
		if (spawn_err) {
			snprintf(state, sizeof state, "exit:127");
			break;
		}
		if (st < 0)
			snprintf(state, sizeof state, "timeout");
		else if (WIFSIGNALED(st))
			snprintf(state, sizeof state, "signal:%d", WTERMSIG(st));
		else if (WEXITSTATUS(st) != 0)
			snprintf(state, sizeof state, "exit:%d", WEXITSTATUS(st));
		else
			continue;
		break;
	}
	double secs = now() - t0;
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%s %.6f %ld\n", state, secs, ru.ru_maxrss);
	return 0;
}
