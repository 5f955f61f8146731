/*
 * The kernel's binfmt_misc interface under /proc/sys/fs/binfmt_misc: a "status" file
 * shows it is mounted; writing a rule to "register" adds an entry; writing 1, 0 or -1 to
 * an entry's file enables, disables or removes it. Since Linux 6.7 each user namespace can
 * mount its own instance, which is what the integration tests use. Nothing here ever
 * writes to "status", which would act on every entry at once.
 */
#include "binfmt/binfmt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

const char binfmt_misc_dir[] = "/proc/sys/fs/binfmt_misc";

bool binfmt_misc_mounted(void)
{
	char path[sizeof binfmt_misc_dir + 16];
	snprintf(path, sizeof path, "%s/status", binfmt_misc_dir);
	return access(path, F_OK) == 0;
}

int binfmt_misc_ensure_mounted(const char *prog)
{
	if (binfmt_misc_mounted())
		return 0;
	if (mount("binfmt_misc", binfmt_misc_dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	          NULL) == 0 &&
	    binfmt_misc_mounted())
		return 0;
	int err = errno ? errno : ENODEV;
	fprintf(stderr, "%s: binfmt_misc is not mounted on %s and mounting it failed: %s\n", prog,
	        binfmt_misc_dir, strerror(err));
	if (err == EPERM || err == EACCES)
		fprintf(stderr,
		        "%s: run as root, or mount it first: mount -t binfmt_misc "
		        "binfmt_misc %s\n",
		        prog, binfmt_misc_dir);
	return -err;
}

/* Writes a whole string to a file under binfmt_misc in one write(), as the kernel wants. */
static int write_file(const char *name, const char *text)
{
	char path[sizeof binfmt_misc_dir + 300];
	snprintf(path, sizeof path, "%s/%s", binfmt_misc_dir, name);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t len = strlen(text);
	ssize_t n = write(fd, text, len);
	int err = n < 0 ? -errno : (size_t)n == len ? 0 : -EIO;
	close(fd);
	return err;
}

int binfmt_misc_register(const char *rule)
{
	return write_file("register", rule);
}

int binfmt_register_runner(const BinfmtIsa *isa, const char *dir, const char *flags)
{
	char name[64], interp[4096 + 80], rule[1024];
	BinfmtMatch m;
	snprintf(name, sizeof name, "ferry-%s", isa->name);
	if ((size_t)snprintf(interp, sizeof interp, "%s/ferry-%s", dir, isa->name) >= sizeof interp)
		return -ENAMETOOLONG;
	binfmt_isa_match(isa, &m);
	if (binfmt_format_rule(rule, sizeof rule, name, &m, interp, flags) < 0)
		return -ENAMETOOLONG;
	int r = binfmt_misc_control(name, -1);
	return r == 0 || r == -ENOENT ? binfmt_misc_register(rule) : r;
}

int binfmt_misc_control(const char *name, int what)
{
	if (strcmp(name, "register") == 0 || strcmp(name, "status") == 0 || strchr(name, '/'))
		return -EINVAL;
	return write_file(name, what > 0 ? "1" : what == 0 ? "0" : "-1");
}

int binfmt_misc_read(const char *name, BinfmtEntry *e)
{
	char path[sizeof binfmt_misc_dir + 300], text[4096 + 1024];
	snprintf(path, sizeof path, "%s/%s", binfmt_misc_dir, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, text, sizeof text - 1);
	int err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	text[n] = '\0';
	snprintf(e->name, sizeof e->name, "%s", name);
	return binfmt_parse_entry(text, e) < 0 ? -EINVAL : 0;
}

int binfmt_misc_list(BinfmtEntry *entries, int max)
{
	DIR *d = opendir(binfmt_misc_dir);
	if (!d)
		return -errno;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "register") == 0 ||
		    strcmp(de->d_name, "status") == 0)
			continue;
		if (binfmt_misc_read(de->d_name, &entries[n]) == 0)
			n++;
	}
	closedir(d);
	return n;
}
