/* vfork's promises as callers depend on them: posix_spawn reporting a missing program
 * (posix_spawn and posix_spawnp) and a failed file action as its return value, the C
 * library's child having handed the error back through the parent's memory; a spawn
 * that execs (this program again, told to exit with 5); and vfork() itself, where the
 * parent resumes only after the child has ended and sees what the child stored in the
 * caller's variables, also when the child closed every descriptor above 2 first. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void show_spawn(const char *what, int r)
{
	printf("%s: %s\n", what, r == 0 ? "started" : strerror(r));
}

static int wait_status(pid_t pid)
{
	int st = 0;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void spawn_cases(void)
{
	pid_t pid;
	char *argv[] = {"missing", NULL};
	show_spawn("posix_spawn missing path",
	           posix_spawn(&pid, "/nonexistent-dir/missing", NULL, NULL, argv, environ));
	show_spawn("posix_spawnp missing name",
	           posix_spawnp(&pid, "ferry-no-such-program", NULL, NULL, argv, environ));

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 7, "/nonexistent-dir/file", O_RDONLY, 0);
	char *self_argv[] = {"self", "exit5", NULL};
	show_spawn("posix_spawn failing open action",
	           posix_spawn(&pid, "/proc/self/exe", &fa, NULL, self_argv, environ));
	posix_spawn_file_actions_destroy(&fa);

	int r = posix_spawn(&pid, "/proc/self/exe", NULL, NULL, self_argv, environ);
	show_spawn("posix_spawn self", r);
	if (r == 0)
		printf("posix_spawn self: exit status %d\n", wait_status(pid));
}

static void vfork_case(int close_all)
{
	volatile int stored = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		if (close_all)
			syscall(SYS_close_range, 3U, ~0U, 0U);
		/* long enough that a parent not kept waiting would look before the store */
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
		stored = 42;
		_exit(9);
	}
	if (pid < 0) {
		printf("vfork: %s\n", strerror(errno));
		return;
	}
	int seen = stored;
	printf("vfork%s: parent sees %d, child exit status %d\n",
	       close_all ? " after close_range" : "", seen, wait_status(pid));
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exit5") == 0)
		return 5;
	setvbuf(stdout, NULL, _IONBF, 0);
	spawn_cases();
	int fd = open("/dev/null", O_RDONLY);
	vfork_case(0);
	vfork_case(1);
	printf("parent descriptors still open: %s\n", fcntl(fd, F_GETFD) >= 0 ? "yes" : "no");
	return 0;
}
