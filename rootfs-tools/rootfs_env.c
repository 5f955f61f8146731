/*
 * Running one command inside a root filesystem, with its foreign programs run by ferry and
 * nothing left behind on the host. The command's namespace is made by clone() with new
 * user, mount and PID namespaces:
 *  - the user namespace is what gives a private binfmt_misc instance (Linux 6.7 and
 *    later keep one per user namespace; a mount namespace alone would still see and
 *    change the host's registrations). As root it maps every uid and gid onto itself, so
 *    dpkg can give files to any owner; otherwise the caller becomes root inside, alone;
 *  - the mount namespace (private from the start) holds every mount made for the tree;
 *  - the PID namespace lets a fresh /proc be mounted there and makes the end clean: the
 *    first process inside sets things up, starts the command and waits for it, and when
 *    it exits the kernel kills whatever the command left running, and with the last
 *    process the namespaces, their mounts and their binfmt entries go away.
 * The caller's process only writes the id maps and waits, passing SIGTERM and SIGHUP on;
 * SIGINT and SIGQUIT from a terminal reach the command directly, as with system().
 */
#include "rootfs-tools/rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SETUP_FAILED 125

static volatile pid_t forward_to = -1;

static void forward_signal(int sig)
{
	if (forward_to > 0)
		kill(forward_to, sig);
}

static void set_handlers(void (*handler)(int), void (*terminal)(int))
{
	static const int forwarded[] = {SIGTERM, SIGHUP}, from_terminal[] = {SIGINT, SIGQUIT};
	struct sigaction sa = {.sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < 2; i++) {
		sa.sa_handler = handler;
		sigaction(forwarded[i], &sa, NULL);
		sa.sa_handler = terminal;
		sigaction(from_terminal[i], &sa, NULL);
	}
}

char *const *rootfs_env_default(char *const *extra)
{
	static char *env[64];
	static const char *const fixed[] = {
	    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	    "HOME=/root",
	    "SHELL=/bin/sh",
	};
	extern char **environ;
	size_t n = 0;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		env[n++] = (char *)fixed[i];
	for (char **e = environ; *e && n < 48; e++)
		if (strncmp(*e, "TERM=", 5) == 0 || strncmp(*e, "FERRY_", 6) == 0)
			env[n++] = *e;
	for (; extra && *extra && n < 63; extra++)
		env[n++] = *extra;
	env[n] = NULL;
	return env;
}

/* The command's exit status as a shell reports it. */
static int status_of(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
}

static void exec_command(const RootfsEnv *env)
{
	extern char **environ;
	set_handlers(SIG_DFL, SIG_DFL);
	if (env->out_fd >= 0) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (null >= 0)
			dup2(null, 0);
		dup2(env->out_fd, 1);
		dup2(env->out_fd, 2);
	}
	environ = (char **)env->envp;
	execvp(env->argv[0], env->argv);
	int err = errno;
	fprintf(stderr, ROOTFS_PROG ": %s: %s\n", env->argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* The first process of the PID namespace: starts the command and reaps every process
 * until the command itself has exited. */
static int init_process(const RootfsEnv *env)
{
	pid_t cmd = fork();
	if (cmd < 0) {
		fprintf(stderr, ROOTFS_PROG ": fork: %s\n", strerror(errno));
		return SETUP_FAILED;
	}
	if (cmd == 0)
		exec_command(env);
	forward_to = cmd;
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, 0);
		if (pid == cmd)
			return status_of(st);
		if (pid < 0 && errno != EINTR)
			return SETUP_FAILED;
	}
}

/* Inside the new namespaces, once the id maps are written. */
static int child_main(const RootfsEnv *env, int go_fd)
{
	char go;
	ssize_t n = read(go_fd, &go, 1);
	close(go_fd);
	if (n != 1)
		return SETUP_FAILED;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	set_handlers(forward_signal, SIG_IGN);
	if (rootfs_mounts_setup(env) < 0)
		return SETUP_FAILED;
	return init_process(env);
}

static int write_file(pid_t pid, const char *name, const char *text)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, text, strlen(text));
	int err = n == (ssize_t)strlen(text) ? 0 : n < 0 ? -errno : -EIO;
	close(fd);
	return err;
}

/* As root every id maps onto itself; otherwise the caller's ids become 0 inside. */
static int write_id_maps(pid_t pid)
{
	char uid_map[64], gid_map[64];
	int r;
	if (geteuid() == 0) {
		snprintf(uid_map, sizeof uid_map, "0 0 4294967295\n");
		snprintf(gid_map, sizeof gid_map, "0 0 4294967295\n");
	} else {
		snprintf(uid_map, sizeof uid_map, "0 %u 1\n", (unsigned)geteuid());
		snprintf(gid_map, sizeof gid_map, "0 %u 1\n", (unsigned)getegid());
		if ((r = write_file(pid, "setgroups", "deny")) < 0)
			return r;
	}
	if ((r = write_file(pid, "uid_map", uid_map)) < 0)
		return r;
	return write_file(pid, "gid_map", gid_map);
}

static int wait_child(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return SETUP_FAILED;
	return status_of(st);
}

pid_t rootfs_env_start(const RootfsEnv *env)
{
	int go[2];
	if (pipe2(go, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	long pid = syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | SIGCHLD, NULL,
	                   NULL, NULL, NULL);
	if (pid == 0) {
		close(go[1]);
		_exit(child_main(env, go[0]));
	}
	close(go[0]);
	if (pid < 0) {
		fprintf(stderr,
		        ROOTFS_PROG ": cannot create user, mount and PID namespaces: %s%s\n",
		        strerror(errno),
		        errno == EPERM || errno == ENOSPC
		            ? " (user namespaces disabled? see sysctl user.max_user_namespaces)"
		            : "");
		close(go[1]);
		return -1;
	}
	int r = write_id_maps((pid_t)pid);
	if (r < 0)
		fprintf(stderr, ROOTFS_PROG ": cannot write the namespace's id maps: %s\n",
		        strerror(-r));
	/* without the go byte the child gives up at once */
	if (r == 0 && write(go[1], "g", 1) != 1)
		r = -EIO;
	close(go[1]);
	if (r < 0) {
		wait_child((pid_t)pid);
		return -1;
	}
	forward_to = (pid_t)pid;
	set_handlers(forward_signal, SIG_IGN);
	return (pid_t)pid;
}

int rootfs_env_wait(pid_t pid)
{
	int status = wait_child(pid);
	set_handlers(SIG_DFL, SIG_DFL);
	forward_to = -1;
	return status;
}

int rootfs_env_run(const RootfsEnv *env)
{
	pid_t pid = rootfs_env_start(env);
	return pid < 0 ? SETUP_FAILED : rootfs_env_wait(pid);
}
