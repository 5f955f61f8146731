/*
 * Foreign-architecture root filesystems for the `ferry` command: `ferry rootfs create`
 * (debootstrap's first stage on the host, its second stage inside the new tree with every
 * foreign program run by a ferry runner) and `ferry rootfs shell` (a command inside such a
 * tree). Both run the foreign part in a private user, mount and PID namespace with its own
 * binfmt_misc instance, so whatever the host has registered or mounted is never touched
 * and everything set up dies with the namespace.
 *
 * The pure parts (architecture names, apt sources, debootstrap's output and log) are
 * separate from the parts that act on the system, so the unit tests can reach them.
 */
#ifndef FERRY_ROOTFS_H
#define FERRY_ROOTFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "binfmt/binfmt.h"

#define ROOTFS_PROG "ferry"

/* rootfs_arch.c: Debian's architecture names next to ferry's (binfmt's) ISA names. */
typedef struct RootfsArch {
	const char *debian; /* dpkg --print-architecture: "arm64", "riscv64", "armhf" */
	const char *isa;    /* the binfmt table's name: "aarch64", "riscv64", "arm" */
} RootfsArch;

/* The architecture a name means, whether Debian's or ferry's; NULL when unknown. ferry's
 * "arm" is Debian's armhf (armel is only reachable by its Debian name). */
const RootfsArch *rootfs_arch_find(const char *name);
/* The ISA of the programs in a root filesystem, from the ELF header of its dpkg or its
 * /bin/sh (symbolic links resolved inside the tree). NULL with *why set when none is
 * readable or the header names no known ISA. */
const BinfmtIsa *rootfs_arch_detect(const char *root, const char **why);

/* rootfs_sources.c: the host's apt sources, to find the Debian mirror it uses. */
typedef struct RootfsSource {
	char uri[512];
	char suite[128];
} RootfsSource;

/* Parse the one-line format (sources.list, *.list) or deb822 (*.sources); only binary
 * ("deb") sources that are enabled, one entry per URI and suite. Return how many were
 * stored in out (at most max). */
int rootfs_sources_parse_list(const char *text, RootfsSource *out, int max);
int rootfs_sources_parse_deb822(const char *text, RootfsSource *out, int max);
/* Whether a source is Debian's main archive (a Debian suite name, not the security
 * archive, reachable by http, https, ftp or file). */
bool rootfs_source_is_debian(const RootfsSource *s);
/* The first Debian archive URI in APT_DIR/sources.list, then sources.list.d/ (*.list and
 * *.sources in name order); one whose suite is a release itself is preferred over
 * -updates or -backports. 0, or -1 when there is none. */
int rootfs_sources_host_mirror(const char *apt_dir, char *buf, size_t size);

/* rootfs_log.c: debootstrap's output lines and its log. */
typedef enum RootfsLineKind {
	ROOTFS_LINE_PACKAGE, /* "I: Retrieving PKG VER", "I: Configuring PKG..." */
	ROOTFS_LINE_QUIET,   /* noise not shown: "I: Validating PKG VER" */
	ROOTFS_LINE_OTHER,   /* shown as it is */
} RootfsLineKind;

/* Classifies one output line; for a package line sets *verb ("Retrieving", ...) and the
 * package name (without version or dots) in pkg. */
RootfsLineKind rootfs_log_classify(const char *line, const char **verb, char *pkg, size_t size);

typedef struct RootfsFailure {
	char command[512]; /* what debootstrap failed to run */
	char package[128]; /* the package at fault, when one can be named */
	char detail[512];  /* dpkg's or the script's own complaint */
} RootfsFailure;

/* Finds why debootstrap failed in the text of its output or its log
 * (DIR/debootstrap/debootstrap.log): the last "Failure trying to run", the package it or
 * dpkg names, dpkg's error (else a runner's error line, else the last "E:" line). Only
 * fields still empty are filled, so the output and then the log can be read into one
 * RootfsFailure. Returns true when anything was found. */
bool rootfs_log_find_failure(const char *text, RootfsFailure *f);

/* rootfs_env.c: running a command inside a root filesystem. */
typedef struct RootfsEnv {
	const char *root;       /* absolute path of the tree */
	const BinfmtIsa *isa;   /* its ISA; NULL or native: no binfmt entry */
	const char *runner_dir; /* the directory holding ferry-<isa> */
	bool tmpfs_tmp;         /* a fresh tmpfs on /tmp */
	bool host_resolv_conf;  /* the host's resolv.conf bound over the tree's */
	char *const *argv;      /* the command, looked up in the tree's PATH */
	char *const *envp;      /* its whole environment */
	int out_fd;             /* where its stdout and stderr go (stdin: /dev/null); -1:
	                           all three inherited */
} RootfsEnv;

/* Runs the command in the tree and returns its exit status, 128 + signal when a signal
 * killed it, or 125 when the namespace could not be set up (the reason printed). */
int rootfs_env_run(const RootfsEnv *env);
/* The same in two steps, for a caller that reads the command's output meanwhile: start
 * returns the namespace's first process or -1 (reason printed); wait returns the status
 * as rootfs_env_run does. */
pid_t rootfs_env_start(const RootfsEnv *env);
int rootfs_env_wait(pid_t pid);
/* The environment a command gets inside: PATH, HOME, TERM and the FERRY_* variables of
 * the caller (so the runners' logging works inside), plus extra (NULL-terminated, may be
 * NULL). Static storage. */
char *const *rootfs_env_default(char *const *extra);

/* rootfs_mounts.c: what the tree gets mounted inside the namespace (before chroot). */
int rootfs_mounts_setup(const RootfsEnv *env);

/* How the subcommands find ferry-<isa> (the front command's lookup: next to ferry, then
 * in PATH); NULL when there is none. */
typedef const char *(*RootfsFindRunner)(const char *isa);

/* rootfs_cmd.c: `ferry rootfs ...` with argv[0] "rootfs"; the exit status. */
int rootfs_cmd_main(RootfsFindRunner find, int argc, char **argv);
/* The directory of the runner for isa, absolute (static storage); NULL with a message
 * when ferry has no runner for it or it cannot be found. */
const char *rootfs_runner_dir(RootfsFindRunner find, const BinfmtIsa *isa);
/* The subcommands, argv[0] being "create" or "shell". */
int rootfs_create_main(RootfsFindRunner find, int argc, char **argv);
int rootfs_shell_main(RootfsFindRunner find, int argc, char **argv);

#endif
