/*
 * What a root filesystem gets inside its private namespace (rootfs_env.c), in order:
 *  1. every mount made private, so nothing propagates back to the host;
 *  2. a binfmt_misc instance of the namespace's own, checked to be empty, with
 *     ferry-<isa> registered with flags P and F: F opens the runner now, from the host's
 *     side, so it need not exist inside the tree;
 *  3. in the tree: a new /proc (with the same binfmt_misc instance on
 *     /proc/sys/fs/binfmt_misc), the host's /sys bound read-only, a /dev of its own
 *     (tmpfs with the host's null, zero, full, random, urandom and tty bound in, a new
 *     devpts instance, /dev/shm), and on request a tmpfs /tmp;
 *  4. chroot into the tree, then on request the host's resolv.conf bound over the tree's
 *     (opened before the chroot, bound through /proc/self/fd after it, so the tree's own
 *     symbolic links are followed inside the tree).
 * A mount point that is a symbolic link is refused rather than followed out of the tree
 * (see tree_dir for the one exception).
 */
#include "rootfs-tools/rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *what, const char *path)
{
	int err = errno;
	fprintf(stderr, ROOTFS_PROG ": %s %s: %s\n", what, path, strerror(err));
	return -(err ? err : EIO);
}

/* ROOT/rel as a directory: created when missing. A symbolic link is refused, except one
 * to its own path inside the tree ("proc -> /proc", as debootstrap's first stage leaves
 * it), which becomes the directory debootstrap's second stage would make of it. */
static int tree_dir(const RootfsEnv *env, const char *rel, char *path, size_t size)
{
	char target[PATH_MAX], self[PATH_MAX];
	struct stat st;
	snprintf(path, size, "%s/%s", env->root, rel);
	snprintf(self, sizeof self, "/%s", rel);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		ssize_t n = readlink(path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		if (strcmp(target, self) != 0 || unlink(path) < 0) {
			errno = ELOOP;
			return fail("refusing to mount on the symbolic link", path);
		}
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return fail("cannot create", path);
	return 0;
}

static int mount_in_tree(const RootfsEnv *env, const char *rel, const char *src, const char *type,
                         unsigned long flags, const char *data)
{
	char path[PATH_MAX];
	if (tree_dir(env, rel, path, sizeof path) < 0)
		return -1;
	if (mount(src, path, type, flags, data) < 0)
		return fail("cannot mount on", path);
	return 0;
}

/* A fresh binfmt_misc instance on the host's path, with the runner registered. */
static int register_runner(const RootfsEnv *env)
{
	BinfmtEntry *entries = calloc(16, sizeof *entries);
	int r = -ENOMEM;
	if (!entries)
		return r;
	if (mount("binfmt_misc", binfmt_misc_dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	          NULL) < 0) {
		r = fail(
		    "cannot mount a private binfmt_misc instance (Linux 6.7 or later needed) on",
		    binfmt_misc_dir);
	} else if ((r = binfmt_misc_list(entries, 16)) != 0) {
		fprintf(stderr, ROOTFS_PROG ": the namespace's binfmt_misc instance is not private "
		                            "(it has entries); not registering anything\n");
		r = -EEXIST;
	} else if ((r = binfmt_register_runner(env->isa, env->runner_dir, "PF")) < 0) {
		fprintf(stderr, ROOTFS_PROG ": registering %s/ferry-%s failed: %s\n",
		        env->runner_dir, env->isa->name, strerror(-r));
	}
	free(entries);
	return r;
}

/* An empty file at ROOT/dev/name with the host's node bound on it. */
static int bind_dev_node(const RootfsEnv *env, const char *name)
{
	char host[64], path[PATH_MAX];
	snprintf(host, sizeof host, "/dev/%s", name);
	snprintf(path, sizeof path, "%s/dev/%s", env->root, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd < 0)
		return fail("cannot create", path);
	close(fd);
	if (mount(host, path, NULL, MS_BIND, NULL) < 0)
		return fail("cannot bind the host's node on", path);
	return 0;
}

static int setup_dev(const RootfsEnv *env)
{
	static const char *const nodes[] = {"null", "zero", "full", "random", "urandom", "tty"};
	static const char *const links[][2] = {
	    {"/proc/self/fd", "fd"},       {"/proc/self/fd/0", "stdin"},
	    {"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"},
	    {"pts/ptmx", "ptmx"},
	};
	char path[PATH_MAX];
	if (mount_in_tree(env, "dev", "tmpfs", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755") < 0)
		return -1;
	for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		if (bind_dev_node(env, nodes[i]) < 0)
			return -1;
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		snprintf(path, sizeof path, "%s/dev/%s", env->root, links[i][1]);
		if (symlink(links[i][0], path) < 0)
			return fail("cannot create", path);
	}
	/* gid 5 is Debian's tty group; only a namespace mapping every gid has it */
	const char *pts_opts = geteuid() == 0 ? "newinstance,ptmxmode=0666,mode=0620,gid=5"
	                                      : "newinstance,ptmxmode=0666,mode=0620";
	if (mount_in_tree(env, "dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, pts_opts) < 0)
		return -1;
	return mount_in_tree(env, "dev/shm", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
}

static int setup_proc_sys(const RootfsEnv *env)
{
	char path[PATH_MAX];
	const unsigned long hard = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	if (mount_in_tree(env, "proc", "proc", "proc", hard, NULL) < 0)
		return -1;
	if (env->isa && !binfmt_isa_is_native(env->isa) &&
	    mount_in_tree(env, "proc/sys/fs/binfmt_misc", "binfmt_misc", "binfmt_misc", hard,
	                  NULL) < 0)
		return -1;
	if (mount_in_tree(env, "sys", "/sys", NULL, MS_BIND | MS_REC, NULL) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/sys", env->root);
	if (mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | hard, NULL) < 0)
		return fail("cannot make read-only", path);
	return 0;
}

/* After the chroot: the host's resolv.conf (an O_PATH descriptor) over /etc/resolv.conf. */
static void bind_resolv_conf(int host_fd)
{
	static const char target[] = "/etc/resolv.conf";
	char src[64];
	struct stat st;
	if (stat(target, &st) < 0) {
		int fd = lstat(target, &st) == 0
		             ? -1
		             : open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			fprintf(stderr,
			        ROOTFS_PROG ": warning: cannot create %s (a dangling link?); "
			                    "the host's DNS settings are not used\n",
			        target);
			return;
		}
		close(fd);
	}
	snprintf(src, sizeof src, "/proc/self/fd/%d", host_fd);
	if (mount(src, target, NULL, MS_BIND, NULL) < 0)
		fprintf(stderr, ROOTFS_PROG ": warning: cannot bind the host's resolv.conf: %s\n",
		        strerror(errno));
}

int rootfs_mounts_setup(const RootfsEnv *env)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return fail("cannot make the mounts private under", "/");
	if (env->isa && !binfmt_isa_is_native(env->isa) && register_runner(env) < 0)
		return -1;
	if (setup_proc_sys(env) < 0 || setup_dev(env) < 0)
		return -1;
	if (env->tmpfs_tmp &&
	    mount_in_tree(env, "tmp", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") < 0)
		return -1;
	int resolv = env->host_resolv_conf ? open("/etc/resolv.conf", O_PATH | O_CLOEXEC) : -1;
	if (chroot(env->root) < 0 || chdir("/") < 0)
		return fail("cannot chroot into", env->root);
	if (resolv >= 0) {
		bind_resolv_conf(resolv);
		close(resolv);
	}
	return 0;
}
