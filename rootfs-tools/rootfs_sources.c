/*
 * The host's apt sources, read to find the Debian mirror a new root filesystem is
 * bootstrapped from, so ferry never names a mirror of its own. Two formats exist
 * (sources.list(5)): the one-line form "deb [options] URI SUITE COMPONENT..." of
 * /etc/apt/sources.list and sources.list.d/NAME.list, and deb822 paragraphs
 * ("Types:", "URIs:", "Suites:", "Enabled:") in sources.list.d/NAME.sources. Other
 * repositories (vendors' packages, the security archive) are told apart by their suite:
 * the main archive's suites are Debian's release names, optionally with -updates,
 * -backports or -proposed-updates.
 */
#include "rootfs-tools/rootfs.h"

#include <dirent.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LINE_MAX_LEN 4096

/* Copies the next line of *text (without its newline) into buf; false at the end. */
static bool next_line(const char **text, char *buf, size_t size)
{
	if (!**text)
		return false;
	size_t n = strcspn(*text, "\n");
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), *text);
	*text += n + ((*text)[n] == '\n');
	return true;
}

static void add(RootfsSource *out, int max, int *n, const char *uri, const char *suite)
{
	if (*n >= max)
		return;
	snprintf(out[*n].uri, sizeof out[*n].uri, "%s", uri);
	snprintf(out[*n].suite, sizeof out[*n].suite, "%s", suite);
	(*n)++;
}

int rootfs_sources_parse_list(const char *text, RootfsSource *out, int max)
{
	char line[LINE_MAX_LEN], *save;
	int n = 0;
	while (next_line(&text, line, sizeof line)) {
		line[strcspn(line, "#")] = '\0';
		char *type = strtok_r(line, " \t", &save);
		if (!type || strcmp(type, "deb") != 0)
			continue;
		char *uri = strtok_r(NULL, " \t", &save);
		/* options: "[a=b c=d]", possibly split over several words */
		if (uri && uri[0] == '[')
			while (uri && !strchr(uri, ']'))
				uri = strtok_r(NULL, " \t", &save);
		if (uri && strchr(uri, ']')) {
			uri = strchr(uri, ']') + 1;
			if (!*uri)
				uri = strtok_r(NULL, " \t", &save);
		}
		char *suite = uri ? strtok_r(NULL, " \t", &save) : NULL;
		if (suite)
			add(out, max, &n, uri, suite);
	}
	return n;
}

/* One deb822 paragraph's fields of interest, values joined over continuation lines. */
typedef struct Paragraph {
	char types[256], uris[LINE_MAX_LEN], suites[1024], enabled[16];
	char *last; /* the field a continuation line extends */
	size_t last_size;
} Paragraph;

static void field(Paragraph *p, const char *line)
{
	static const struct {
		const char *name;
		size_t off, size;
	} fields[] = {
	    {"Types", offsetof(Paragraph, types), sizeof(((Paragraph *)0)->types)},
	    {"URIs", offsetof(Paragraph, uris), sizeof(((Paragraph *)0)->uris)},
	    {"Suites", offsetof(Paragraph, suites), sizeof(((Paragraph *)0)->suites)},
	    {"Enabled", offsetof(Paragraph, enabled), sizeof(((Paragraph *)0)->enabled)},
	};
	size_t len = strcspn(line, ":");
	p->last = NULL;
	if (!line[len])
		return;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (strlen(fields[i].name) != len || strncasecmp(line, fields[i].name, len) != 0)
			continue;
		p->last = (char *)p + fields[i].off;
		p->last_size = fields[i].size;
		snprintf(p->last, p->last_size, "%s", line + len + 1);
	}
}

static bool has_word(const char *list, const char *word)
{
	char copy[1024], *save;
	snprintf(copy, sizeof copy, "%s", list);
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		if (strcmp(w, word) == 0)
			return true;
	return false;
}

static void paragraph_end(Paragraph *p, RootfsSource *out, int max, int *n)
{
	char uris[LINE_MAX_LEN], *s1, *s2;
	if (has_word(p->types, "deb") && !has_word(p->enabled, "no")) {
		snprintf(uris, sizeof uris, "%s", p->uris);
		for (char *u = strtok_r(uris, " \t", &s1); u; u = strtok_r(NULL, " \t", &s1)) {
			char suites[1024];
			snprintf(suites, sizeof suites, "%s", p->suites);
			for (char *s = strtok_r(suites, " \t", &s2); s;
			     s = strtok_r(NULL, " \t", &s2))
				add(out, max, n, u, s);
		}
	}
	memset(p, 0, sizeof *p);
}

int rootfs_sources_parse_deb822(const char *text, RootfsSource *out, int max)
{
	char line[LINE_MAX_LEN];
	Paragraph *p = calloc(1, sizeof *p);
	int n = 0;
	if (!p)
		return 0;
	while (next_line(&text, line, sizeof line)) {
		if (line[0] == '#')
			continue;
		if (line[strspn(line, " \t")] == '\0')
			paragraph_end(p, out, max, &n);
		else if ((line[0] == ' ' || line[0] == '\t') && p->last) {
			size_t used = strlen(p->last);
			snprintf(p->last + used, p->last_size - used, " %s", line);
		} else
			field(p, line);
	}
	paragraph_end(p, out, max, &n);
	free(p);
	return n;
}

/* Debian's release names and the aliases the archive also answers to. */
static const char *const debian_suites[] = {
    "squeeze",  "wheezy",   "jessie",    "stretch",      "buster",       "bullseye",
    "bookworm", "trixie",   "forky",     "duke",         "sid",          "stable",
    "testing",  "unstable", "oldstable", "oldoldstable", "experimental",
};
static const char *const suite_suffixes[] = {"", "-updates", "-backports", "-proposed-updates"};
static const char *const uri_schemes[] = {"http://", "https://", "ftp://", "file:/"};

/* 0: the suite is a release itself; 1: a release with a suffix; -1: not Debian's. */
static int suite_rank(const char *suite)
{
	for (size_t i = 0; i < sizeof debian_suites / sizeof debian_suites[0]; i++) {
		size_t len = strlen(debian_suites[i]);
		if (strncmp(suite, debian_suites[i], len) != 0)
			continue;
		for (size_t k = 0; k < sizeof suite_suffixes / sizeof suite_suffixes[0]; k++)
			if (strcmp(suite + len, suite_suffixes[k]) == 0)
				return k == 0 ? 0 : 1;
	}
	return -1;
}

bool rootfs_source_is_debian(const RootfsSource *s)
{
	bool scheme = false;
	for (size_t i = 0; i < sizeof uri_schemes / sizeof uri_schemes[0]; i++)
		scheme |= strncmp(s->uri, uri_schemes[i], strlen(uri_schemes[i])) == 0;
	return scheme && suite_rank(s->suite) >= 0 && !strstr(s->uri, "debian-security");
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char *text = calloc(1, 1 << 20);
	size_t n = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (text)
		text[n] = '\0';
	return text;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Adds the sources of one file, in the format its name says. */
static void parse_file(const char *path, bool deb822, RootfsSource *out, int max, int *n)
{
	char *text = read_text(path);
	if (text)
		*n += deb822 ? rootfs_sources_parse_deb822(text, out + *n, max - *n)
		             : rootfs_sources_parse_list(text, out + *n, max - *n);
	free(text);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

int rootfs_sources_host_mirror(const char *apt_dir, char *buf, size_t size)
{
	enum { MAX = 256 };
	char path[4096];
	RootfsSource *src = calloc(MAX, sizeof *src);
	struct dirent **names = NULL;
	int n = 0, best = -1;
	if (!src)
		return -1;
	snprintf(path, sizeof path, "%s/sources.list", apt_dir);
	parse_file(path, false, src, MAX, &n);
	snprintf(path, sizeof path, "%s/sources.list.d", apt_dir);
	int k = scandir(path, &names, NULL, by_name);
	for (int i = 0; i < k; i++) {
		const char *name = names[i]->d_name;
		snprintf(path, sizeof path, "%s/sources.list.d/%s", apt_dir, name);
		if (ends_with(name, ".list") || ends_with(name, ".sources"))
			parse_file(path, ends_with(name, ".sources"), src, MAX, &n);
		free(names[i]);
	}
	free(names);
	for (int i = 0; i < n; i++)
		if (rootfs_source_is_debian(&src[i]) &&
		    (best < 0 ||
		     (suite_rank(src[i].suite) == 0 && suite_rank(src[best].suite) > 0)))
			best = i;
	if (best >= 0)
		snprintf(buf, size, "%s", src[best].uri);
	free(src);
	return best >= 0 ? 0 : -1;
}
