/*
 * Process start and the guest's own /proc view: fork + execve of another program (its
 * exit code and death by signal as wait sees them), posix_spawn, a "#!" script whose
 * interpreter is that program, the errors of exec for missing, non-executable and
 * unrecognisable files, /proc/self/{exe,cmdline,maps,auxv}, waitid, pidfds, priorities
 * and prlimit on a child. Only facts that are the same on every architecture are
 * printed. argv[1] is the helper program (built from helpers/exec_helper.c).
 */
// exec-helper: exec_helper
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static const char *helper;
static char tmp[4096];

static const char *base(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static void show_status(const char *what, int st)
{
	if (WIFEXITED(st))
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: killed by signal %d core=%s\n", what, WTERMSIG(st),
		       WCOREDUMP(st) ? "yes" : "no");
	else
		printf("%s: status 0x%x\n", what, st);
}

/* fork, exec `path` with argv and a small environment, wait; prints the status. */
static void run(const char *what, const char *path, char *const argv[])
{
	char *env[] = {"T_VAR=from-exec", NULL};
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execve(path, argv, env);
		printf("%s: execve failed: %s\n", what, strerror(errno));
		fflush(stdout);
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		printf("%s: waitpid: %s\n", what, strerror(errno));
		return;
	}
	show_status(what, st);
}

static void exec_errors(void)
{
	char *argv[] = {"x", NULL};
	char path[4200];
	errno = 0;
	execve("/nonexistent-dir/prog", argv, environ);
	printf("missing: %s\n", strerror(errno));
	snprintf(path, sizeof path, "%s/plain.txt", tmp);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	(void)!write(fd, "not a program\n", 14);
	close(fd);
	execve(path, argv, environ);
	printf("not executable: %s\n", strerror(errno));
	chmod(path, 0755);
	execve(path, argv, environ);
	printf("unrecognised contents: %s\n", strerror(errno));
	execve(tmp, argv, environ);
	printf("directory: %s\n", strerror(errno));
	snprintf(path, sizeof path, "%s/bad-interp.sh", tmp);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	(void)!write(fd, "#!/nonexistent/interpreter\n", 27);
	close(fd);
	execve(path, argv, environ);
	printf("missing interpreter: %s\n", strerror(errno));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	(void)!write(fd, "#!   \n", 6);
	close(fd);
	execve(path, argv, environ);
	printf("empty #! line: %s\n", strerror(errno));
}

static void script(void)
{
	char path[4200], line[4300];
	snprintf(path, sizeof path, "%s/script.sh", tmp);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	int n = snprintf(line, sizeof line, "#!%s  one arg\t \necho never\n", helper);
	(void)!write(fd, line, (size_t)n);
	close(fd);
	char *argv[] = {"script-name", "x", "exit=4", NULL};
	run("script", path, argv);
}

static void spawn(void)
{
	char *argv[] = {"spawned", "exit=5", NULL};
	pid_t pid;
	fflush(stdout);
	int r = posix_spawn(&pid, helper, NULL, NULL, argv, environ);
	if (r != 0) {
		printf("posix_spawn: %s\n", strerror(r));
		return;
	}
	int st;
	waitpid(pid, &st, 0);
	show_status("posix_spawn", st);
}

static void self_exe(const char *argv0)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("/proc/self/exe: %s\n", base(buf));
	struct stat a, b;
	int fd = open("/proc/self/exe", O_RDONLY);
	char magic[4] = {0};
	(void)!read(fd, magic, 4);
	int same = fstat(fd, &a) == 0 && stat(argv0, &b) == 0 && a.st_ino == b.st_ino;
	close(fd);
	printf("/proc/self/exe opens the program: %s, ELF magic: %s\n", same ? "yes" : "no",
	       memcmp(magic, "\177ELF", 4) == 0 ? "yes" : "no");
	snprintf(buf, sizeof buf, "/proc/%d/exe", (int)getpid());
	char other[4096];
	n = readlink(buf, other, sizeof other - 1);
	other[n > 0 ? n : 0] = 0;
	printf("/proc/<pid>/exe: %s\n", base(other));
}

static void cmdline(void)
{
	char buf[8192];
	int fd = open("/proc/self/cmdline", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	printf("cmdline:");
	for (ssize_t i = 0; i < n; i += (ssize_t)strlen(buf + i) + 1)
		printf(" [%s]", base(buf + i));
	printf("\n");
}

static void maps(const char *argv0)
{
	char *heap = malloc(1000);
	memset(heap, 1, 1000);
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4096];
	int self_x = 0, stack = 0, well_formed = 1;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long lo, hi, off, ino;
		char perms[8];
		unsigned maj, min;
		if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu", &lo, &hi, perms, &off, &maj, &min,
		           &ino) != 7 ||
		    lo >= hi)
			well_formed = 0;
		char *name = strchr(line, '/');
		if (name && strcmp(perms, "r-xp") == 0 &&
		    strcmp(base(strtok(name, "\n")), base(argv0)) == 0)
			self_x = 1;
		if (strstr(line, "[stack]"))
			stack = 1;
	}
	if (f)
		fclose(f);
	printf("maps well formed: %s, r-xp line for self: %s, [stack]: %s\n",
	       well_formed ? "yes" : "no", self_x ? "yes" : "no", stack ? "yes" : "no");
	free(heap);
}

static void auxv(void)
{
	unsigned long v[2], pagesz = 0, entry = 0;
	int fd = open("/proc/self/auxv", O_RDONLY);
	while (read(fd, v, sizeof v) == sizeof v && v[0] != AT_NULL) {
		if (v[0] == AT_PAGESZ)
			pagesz = v[1];
		if (v[0] == AT_ENTRY)
			entry = v[1];
	}
	close(fd);
	printf("auxv AT_PAGESZ=%lu, AT_ENTRY matches getauxval: %s\n", pagesz,
	       entry && entry == getauxval(AT_ENTRY) ? "yes" : "no");
}

static void wait_id(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	siginfo_t si;
	memset(&si, 0xff, sizeof si);
	int r = waitid(P_PID, pid, &si, WEXITED);
	printf("waitid: r=%d signo=%d code_exited=%s status=%d pid_matches=%s\n", r, si.si_signo,
	       si.si_code == CLD_EXITED ? "yes" : "no", si.si_status,
	       si.si_pid == pid ? "yes" : "no");
	errno = 0;
	r = waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
	printf("waitid without children: %s\n", strerror(errno));
}

static void pidfd_and_limits(void)
{
	char *argv[] = {"paused", "pause", NULL};
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execve(helper, argv, environ);
		_exit(127);
	}
	struct rlimit mine, theirs;
	getrlimit(RLIMIT_NOFILE, &mine);
	int r = prlimit(pid, RLIMIT_NOFILE, NULL, &theirs);
	printf("prlimit on child: r=%d same=%s\n", r,
	       r == 0 && theirs.rlim_cur == mine.rlim_cur ? "yes" : "no");
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	long s = syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0);
	int st;
	waitpid(pid, &st, 0);
	printf("pidfd_open ok: %s, pidfd_send_signal=%ld\n", fd >= 0 ? "yes" : "no", s);
	show_status("pidfd-killed child", st);
	close(fd);
	setpriority(PRIO_PROCESS, 0, 7);
	errno = 0;
	int prio = getpriority(PRIO_PROCESS, 0);
	printf("priority after setpriority(7): %d errno=%d\n", prio, errno);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: exec HELPER\n");
		return 2;
	}
	helper = argv[1];
	snprintf(tmp, sizeof tmp, "%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	char *exit7[] = {"exec-child", "two words", "exit=7", NULL};
	run("exit code", helper, exit7);
	char *term[] = {"exec-child", "kill=15", NULL};
	run("SIGTERM", helper, term);
	char *abrt[] = {"exec-child", "kill=6", NULL};
	run("SIGABRT", helper, abrt);
	char *none[] = {NULL};
	run("empty argv", helper, none);
	script();
	spawn();
	exec_errors();
	self_exe(argv[0]);
	cmdline();
	maps(argv[0]);
	auxv();
	wait_id();
	pidfd_and_limits();
	return 0;
}
