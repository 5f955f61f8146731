/*
 * Reading debootstrap: its output lines, condensed into a progress display, and, after a
 * failure, its log. debootstrap reports each package as "I: Retrieving PKG VERSION",
 * "I: Validating PKG VERSION", "I: Extracting PKG...", "I: Unpacking PKG..." and
 * "I: Configuring PKG..."; phase lines use the same verbs with several words ("I:
 * Unpacking required packages..."), which is how they are told apart. When a command in
 * the target fails it prints "W: Failure trying to run: COMMAND" (the first one is the
cause, later ones follow from it); what dpkg said goes to
 * DIR/debootstrap/debootstrap.log as "dpkg: error processing package PKG (--configure):"
 * (or "archive PATH.deb") followed by an indented reason. A runner that cannot go on says
 * so on a line starting "ferry-<isa>: ".
 */
#include "rootfs-tools/rootfs.h"

#include <stdio.h>
#include <string.h>

typedef struct Verb {
	const char *name;
	bool versioned; /* "PKG VERSION" rather than "PKG..." */
	bool quiet;
} Verb;

static const Verb verbs[] = {
    {"Retrieving", true, false}, {"Validating", true, true},    {"Extracting", false, false},
    {"Unpacking", false, false}, {"Configuring", false, false},
};

static size_t words(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += p[0] != ' ' && (p == s || p[-1] == ' ');
	return n;
}

RootfsLineKind rootfs_log_classify(const char *line, const char **verb, char *pkg, size_t size)
{
	if (strncmp(line, "I: ", 3) != 0)
		return ROOTFS_LINE_OTHER;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		size_t len = strlen(verbs[i].name);
		const char *rest = line + 3 + len;
		if (strncmp(line + 3, verbs[i].name, len) != 0 || rest[0] != ' ')
			continue;
		rest++;
		/* "PKG VERSION", or "PKG..." where PKG may hold dots itself (libdb5.3t64) */
		size_t len_all = strlen(rest);
		size_t name_len = verbs[i].versioned ? strcspn(rest, " ") : len_all - 3;
		bool shaped = verbs[i].versioned ? words(rest) == 2
		                                 : words(rest) == 1 && len_all > 3 &&
		                                       strcmp(rest + len_all - 3, "...") == 0;
		if (!shaped || name_len == 0)
			return ROOTFS_LINE_OTHER;
		*verb = verbs[i].name;
		snprintf(pkg, size, "%.*s", (int)name_len, rest);
		return verbs[i].quiet ? ROOTFS_LINE_QUIET : ROOTFS_LINE_PACKAGE;
	}
	return ROOTFS_LINE_OTHER;
}

/* The text of a line starting at p (up to its newline) into buf. */
static void copy_line(char *buf, size_t size, const char *p)
{
	size_t n = strcspn(p, "\n");
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), p);
}

/* The package a .deb path names: "/var/cache/apt/archives/libc6_2.41-12_riscv64.deb". */
static void package_of_deb(char *buf, size_t size, const char *text)
{
	const char *deb = strstr(text, ".deb");
	if (!deb)
		return;
	const char *start = deb;
	while (start > text && start[-1] != '/' && start[-1] != ' ')
		start--;
	size_t n = strcspn(start, "_");
	if (start + n < deb)
		snprintf(buf, size, "%.*s", (int)n, start);
}

/* The last line starting with prefix, or NULL. */
static const char *last_line(const char *text, const char *prefix)
{
	const char *found = NULL;
	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			found = p;
	return found;
}

static const char *first_line(const char *text, const char *prefix)
{
	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return p;
	return NULL;
}

/* The first line starting with prefix that mentions an error. */
static const char *first_error_of(const char *text, const char *prefix)
{
	for (const char *p = first_line(text, prefix); p;) {
		const char *eol = strchr(p, '\n');
		const char *err = strstr(p, "error");
		if (err && (!eol || err < eol))
			return p;
		p = eol ? first_line(eol + 1, prefix) : NULL;
	}
	return NULL;
}

/* dpkg's first error: "dpkg: error processing package PKG (...):" or "archive PATH (...)",
 * then an indented reason on the next line. */
static bool dpkg_error(const char *text, RootfsFailure *f)
{
	static const char prefix[] = "dpkg: error processing ";
	const char *p = first_line(text, prefix);
	if (!p)
		return false;
	char line[512];
	copy_line(line, sizeof line, p + sizeof prefix - 1);
	const char *what = line + strcspn(line, " ");
	what += *what == ' ';
	if (!f->package[0] && strncmp(line, "package ", 8) == 0)
		snprintf(f->package, sizeof f->package, "%.*s", (int)strcspn(what, " :"), what);
	else if (!f->package[0])
		package_of_deb(f->package, sizeof f->package, what);
	const char *next = strchr(p, '\n');
	if (!f->detail[0] && next && next[1] == ' ')
		copy_line(f->detail, sizeof f->detail, next + 2);
	return true;
}

bool rootfs_log_find_failure(const char *text, RootfsFailure *f)
{
	static const char failure[] = "Failure trying to run: ";
	bool found = false;
	const char *last = NULL;
	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *at = strstr(p, failure);
		const char *eol = strchr(p, '\n');
		if (at && (!eol || at < eol))
			last = at;
	}
	if (last && !f->command[0]) {
		copy_line(f->command, sizeof f->command, last + sizeof failure - 1);
		found = true;
	}
	if (f->command[0] && !f->package[0])
		package_of_deb(f->package, sizeof f->package, f->command);
	found |= dpkg_error(text, f);
	/* no dpkg error about a package: dpkg's or dpkg-deb's first error, a runner's own
	 * complaint, or debootstrap's last error line */
	const char *other = first_error_of(text, "dpkg");
	if (!other)
		other = first_line(text, "ferry-");
	if (!other)
		other = last_line(text, "E: ");
	if (other && !f->detail[0]) {
		copy_line(f->detail, sizeof f->detail, other);
		found = true;
	}
	return found;
}
