/*
 * `ferry binfmt status` and `print`. Status asks, for each ISA, which binfmt_misc entries
 * would claim its programs, by testing each entry's magic and mask against the ISA's
 * canonical ELF header: so an entry counts whatever it is named. Print writes ferry's
 * rules in one of three forms (a table: name, file suffix, writer) to stdout or, with
 * --output DIR, to one file per ISA named the way systemd and update-binfmts expect.
 */
#include "binfmt/binfmt_cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void status_row(FILE *out, const BinfmtIsa *isa, const BinfmtEntry *e)
{
	char own[64], state[300];
	binfmt_cmd_entry_name(own, sizeof own, isa);
	if (!e) {
		fprintf(out, "%-12s %-28s %-8s %-6s %s\n", isa->name, "none", "-", "-", "-");
		return;
	}
	if (strcmp(e->name, own) == 0)
		snprintf(state, sizeof state, "ferry");
	else
		snprintf(state, sizeof state, "other: %s", e->name);
	fprintf(out, "%-12s %-28s %-8s %-6s %s\n", isa->name, state, e->enabled ? "yes" : "no",
	        e->flags[0] ? e->flags : "-", e->interpreter);
}

/* Whether a row is wanted: named, or (none named) ferry runs it or something claims it. */
static bool wanted(const BinfmtIsa *isa, const BinfmtIsa *const *isas, size_t n, bool claimed)
{
	if (n == 0)
		return isa->ferry_runner || claimed;
	for (size_t i = 0; i < n; i++)
		if (isas[i] == isa)
			return true;
	return false;
}

int binfmt_status_print(FILE *out, const BinfmtIsa *const *isas, size_t n)
{
	int n_entries;
	if (!binfmt_misc_mounted()) {
		fprintf(out, "binfmt_misc is not mounted on %s: nothing is registered\n",
		        binfmt_misc_dir);
		return 0;
	}
	BinfmtEntry *entries = binfmt_cmd_list_entries(&n_entries);
	if (!entries)
		return 1;
	fprintf(out, "%-12s %-28s %-8s %-6s %s\n", "ISA", "STATE", "ENABLED", "FLAGS",
	        "INTERPRETER");
	for (size_t i = 0; i < binfmt_n_isas; i++) {
		const BinfmtIsa *isa = &binfmt_isas[i];
		int claims = 0;
		for (int k = 0; k < n_entries; k++)
			claims += !entries[k].by_extension &&
			          binfmt_match_claims_isa(&entries[k].match, isa);
		if (!wanted(isa, isas, n, claims > 0))
			continue;
		for (int k = 0; k < n_entries; k++)
			if (!entries[k].by_extension &&
			    binfmt_match_claims_isa(&entries[k].match, isa))
				status_row(out, isa, &entries[k]);
		if (!claims)
			status_row(out, isa, NULL);
	}
	free(entries);
	return 0;
}

int binfmt_cmd_status(BinfmtCmdArgs *a)
{
	return binfmt_status_print(stdout, a->isas, a->n_isas);
}

static void print_systemd(FILE *out, const char *name, const BinfmtMatch *m, const char *interp,
                          const char *flags)
{
	char rule[1024];
	binfmt_format_rule(rule, sizeof rule, name, m, interp, flags);
	fprintf(out, "# %s: run foreign programs with ferry (written by ferry binfmt print)\n%s\n",
	        name, rule);
}

static void print_register(FILE *out, const char *name, const BinfmtMatch *m, const char *interp,
                           const char *flags)
{
	char rule[1024];
	binfmt_format_rule(rule, sizeof rule, name, m, interp, flags);
	fprintf(out, "%s\n", rule);
}

static void print_debian(FILE *out, const char *name, const BinfmtMatch *m, const char *interp,
                         const char *flags)
{
	binfmt_format_debian(out, m, interp, flags);
}

typedef struct PrintFormat {
	const char *name;
	const char *suffix; /* of the --output file after ferry-<isa> */
	void (*write)(FILE *out, const char *name, const BinfmtMatch *m, const char *interp,
	              const char *flags);
	const char *separator; /* between ISAs on stdout */
} PrintFormat;

static const PrintFormat formats[] = {
    {"systemd", ".conf", print_systemd, ""},
    {"debian", "", print_debian, "\n"},
    {"register", ".register", print_register, ""},
};

static const PrintFormat *find_format(const char *name)
{
	for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

/* Writes one ISA's rule to stdout or to its file under --output. */
static int print_one(const BinfmtCmdArgs *a, const PrintFormat *f, const BinfmtIsa *isa, bool first)
{
	char name[64], interp[PATH_MAX + 80], file[2 * PATH_MAX + 96];
	BinfmtMatch m;
	binfmt_cmd_entry_name(name, sizeof name, isa);
	snprintf(interp, sizeof interp, "%s/%s", a->path, name);
	binfmt_isa_match(isa, &m);
	FILE *out = stdout;
	if (a->output) {
		snprintf(file, sizeof file, "%s/%s%s", a->output, name, f->suffix);
		if (!(out = fopen(file, "we"))) {
			fprintf(stderr, BINFMT_PROG ": %s: %s\n", file, strerror(errno));
			return 1;
		}
	} else if (!first) {
		fputs(f->separator, out);
	}
	f->write(out, name, &m, interp, a->flags);
	if (out != stdout && fclose(out) != 0) {
		fprintf(stderr, BINFMT_PROG ": %s: %s\n", file, strerror(errno));
		return 1;
	}
	return 0;
}

int binfmt_cmd_print(BinfmtCmdArgs *a)
{
	const PrintFormat *f = find_format(a->format);
	if (!f)
		return binfmt_cmd_usage_error("--format must be systemd, debian or register, not "
		                              "'%s'",
		                              a->format ? a->format : "(missing)");
	int r = binfmt_cmd_require_runners(a);
	if (r)
		return r;
	if (f->write == print_debian && strchr(a->flags, 'O') && !strchr(a->flags, 'C'))
		fprintf(stderr, BINFMT_PROG ": warning: the debian format has no key for flag O "
		                            "alone; it is left out\n");
	for (size_t i = 0; i < a->n_isas; i++)
		if (print_one(a, f, a->isas[i], i == 0))
			return 1;
	return 0;
}
