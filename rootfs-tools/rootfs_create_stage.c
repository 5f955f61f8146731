/*
 * The two stages of `ferry rootfs create` and how they are shown. Both send debootstrap's
 * stdout and stderr through a pipe: each line is kept (for the failure report) and shown
 * condensed, package lines as "I: Configuring  [12/77] libc6" (one line rewritten in
 * place on a terminal, one line each otherwise), the "Validating" half of each download
 * dropped, every other line as debootstrap wrote it. The total is known in the second
 * stage only, from the package list the first one left in DIR/debootstrap/debpaths.
 */
#include "rootfs-tools/rootfs_create.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_VERBS 8

typedef struct Progress {
	bool tty;
	bool open_line; /* a package line is showing and will be rewritten */
	const char *verbs[MAX_VERBS];
	int counts[MAX_VERBS], n_verbs;
	int total;  /* packages expected, 0 when unknown */
	char *text; /* everything read */
	size_t len, cap;
} Progress;

static void keep_text(Progress *p, const char *s, size_t n)
{
	if (p->len + n + 1 > p->cap) {
		size_t cap = (p->cap ? p->cap * 2 : 1 << 16) + n;
		char *t = realloc(p->text, cap);
		if (!t)
			return;
		p->text = t;
		p->cap = cap;
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

static int *count_of(Progress *p, const char *verb)
{
	for (int i = 0; i < p->n_verbs; i++)
		if (strcmp(p->verbs[i], verb) == 0)
			return &p->counts[i];
	if (p->n_verbs == MAX_VERBS)
		return &p->counts[MAX_VERBS - 1];
	p->verbs[p->n_verbs] = verb;
	return &p->counts[p->n_verbs++];
}

static void show_line(Progress *p, const char *line)
{
	const char *verb;
	char pkg[128], count[32];
	RootfsLineKind kind = rootfs_log_classify(line, &verb, pkg, sizeof pkg);
	if (kind == ROOTFS_LINE_QUIET)
		return;
	if (kind == ROOTFS_LINE_OTHER) {
		printf("%s%s\n", p->open_line ? "\n" : "", line);
		p->open_line = false;
		fflush(stdout);
		return;
	}
	int n = ++*count_of(p, verb);
	/* a package dpkg configures twice can take the count past the total */
	if (p->total && n <= p->total)
		snprintf(count, sizeof count, "[%d/%d]", n, p->total);
	else
		snprintf(count, sizeof count, "[%d]", n);
	printf(p->tty ? "\r\033[KI: %-12s %-9s %s" : "I: %-12s %-9s %s\n", verb, count, pkg);
	p->open_line = p->tty;
	fflush(stdout);
}

/* Reads fd to its end, showing each line. */
static void follow(Progress *p, int fd)
{
	char buf[8192], line[4096];
	size_t used = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		keep_text(p, buf, (size_t)n);
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n' && used < sizeof line - 1) {
				line[used++] = buf[i];
				continue;
			}
			line[used] = '\0';
			if (buf[i] == '\n')
				used = 0;
			show_line(p, line);
		}
	}
	if (used) {
		line[used] = '\0';
		show_line(p, line);
	}
	if (p->open_line)
		putchar('\n');
	p->open_line = false;
}

static char *read_file(const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *text = fd >= 0 ? malloc(max + 1) : NULL;
	size_t len = 0;
	ssize_t n;
	while (text && len < max && (n = read(fd, text + len, max - len)) > 0)
		len += (size_t)n;
	if (text)
		text[len] = '\0';
	if (fd >= 0)
		close(fd);
	return text;
}

static void report_failure(const CreateArgs *a, const char *stage, int status, Progress *p)
{
	char log[PATH_MAX + 32];
	RootfsFailure f = {0};
	snprintf(log, sizeof log, "%s/debootstrap/debootstrap.log", a->dir);
	char *text = read_file(log, 16 << 20);
	bool found = p->text && rootfs_log_find_failure(p->text, &f);
	found |= text && rootfs_log_find_failure(text, &f);
	fprintf(stderr, ROOTFS_PROG ": debootstrap's %s stage failed (exit status %d)\n", stage,
	        status);
	if (f.command[0])
		fprintf(stderr, ROOTFS_PROG ":   it failed to run: %s\n", f.command);
	if (f.package[0])
		fprintf(stderr, ROOTFS_PROG ":   package: %s\n", f.package);
	if (f.detail[0])
		fprintf(stderr, ROOTFS_PROG ":   reason: %s\n", f.detail);
	if (!found)
		fprintf(stderr, ROOTFS_PROG ":   (debootstrap named no command or package; see its "
		                            "output above)\n");
	if (text)
		fprintf(stderr, ROOTFS_PROG ": the log is kept in %s\n", log);
	fprintf(stderr, ROOTFS_PROG ": %s is left as it is\n", a->dir);
	free(text);
}

/* The first stage's command line. */
static void first_stage_argv(const CreateArgs *a, char **argv, char bufs[3][600])
{
	int n = 0;
	argv[n++] = "debootstrap";
	argv[n++] = "--foreign";
	snprintf(bufs[0], 600, "--arch=%s", a->arch->debian);
	argv[n++] = bufs[0];
	if (a->variant) {
		snprintf(bufs[1], 600, "--variant=%s", a->variant);
		argv[n++] = bufs[1];
	}
	if (a->include) {
		snprintf(bufs[2], 600, "--include=%s", a->include);
		argv[n++] = bufs[2];
	}
	if (a->no_check_gpg)
		argv[n++] = "--no-check-gpg";
	argv[n++] = (char *)a->suite;
	argv[n++] = (char *)a->dir;
	argv[n++] = (char *)a->mirror;
	if (a->script)
		argv[n++] = (char *)a->script_path;
	argv[n] = NULL;
}

static int wait_status(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Host debootstrap in a mount namespace of its own, so no mount it makes can stay. */
int create_first_stage(const CreateArgs *a)
{
	char *argv[16], bufs[3][600];
	int out[2];
	Progress p = {.tty = isatty(1)};
	first_stage_argv(a, argv, bufs);
	if (pipe2(out, O_CLOEXEC) < 0)
		return 1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (unshare(CLONE_NEWNS) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 || null < 0 ||
		    dup2(null, 0) < 0 || dup2(out[1], 1) < 0 || dup2(out[1], 2) < 0)
			_exit(125);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	if (pid > 0)
		follow(&p, out[0]);
	close(out[0]);
	int status = pid > 0 ? wait_status(pid) : 125;
	if (status != 0)
		report_failure(a, "first", status, &p);
	free(p.text);
	return status != 0;
}

static int count_lines(const char *path)
{
	char *text = read_file(path, 1 << 20);
	int n = 0;
	for (char *s = text; s && *s; s++)
		n += *s == '\n';
	free(text);
	return n;
}

/* /debootstrap/debootstrap --second-stage inside the tree, foreign programs under ferry.
 * debootstrap first tests that it can create a device node in the target, unless
 * $container names LXC, its case of a container manager that forbids mknod. No user
 * namespace allows mknod, and the second stage creates no device node (the first stage
 * made the tree's, and /dev is ferry's inside), so it is told container=lxc. */
int create_second_stage(const CreateArgs *a)
{
	static char *argv[] = {"/debootstrap/debootstrap", "--second-stage", NULL};
	static char *extra_env[] = {"container=lxc", NULL};
	char path[PATH_MAX + 32];
	int out[2];
	Progress p = {.tty = isatty(1)};
	snprintf(path, sizeof path, "%s/debootstrap/debpaths", a->dir);
	p.total = count_lines(path);
	if (pipe2(out, O_CLOEXEC) < 0)
		return 1;
	RootfsEnv env = {.root = a->dir,
	                 .isa = a->isa,
	                 .runner_dir = a->runner_dir,
	                 .argv = argv,
	                 .envp = rootfs_env_default(extra_env),
	                 .out_fd = out[1]};
	pid_t pid = rootfs_env_start(&env);
	close(out[1]);
	if (pid > 0)
		follow(&p, out[0]);
	close(out[0]);
	int status = pid > 0 ? rootfs_env_wait(pid) : 125;
	snprintf(path, sizeof path, "%s/debootstrap", a->dir);
	if (status == 0 && access(path, F_OK) == 0) {
		fprintf(stderr, ROOTFS_PROG ": the second stage exited 0 but left %s behind\n",
		        path);
		status = 1;
	}
	if (status != 0)
		report_failure(a, "second", status, &p);
	free(p.text);
	return status != 0;
}
