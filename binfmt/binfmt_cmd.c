/*
 * `ferry binfmt install|uninstall|status|print`: the subcommand table, the shared option
 * parser and the checks on ISA names and flags. Entries are named ferry-<isa>; the default
 * flags are F (the runner, a static executable, is opened at registration and so works
 * inside chroots and containers) and P (the program keeps its argv[0]).
 */
#include "binfmt/binfmt_cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct Subcommand {
	const char *name;
	int (*run)(BinfmtCmdArgs *a);
	const char *options; /* the getopt letters it accepts (see parse_options) */
	const char *usage;
} Subcommand;

int binfmt_cmd_usage_error(const char *fmt, const char *what)
{
	fprintf(stderr, BINFMT_PROG ": ");
	fprintf(stderr, fmt, what);
	fprintf(stderr, " (ferry binfmt --help shows usage)\n");
	return 2;
}

/* Puts the flags in the kernel's order (P O C F); C makes the kernel open the program, so
 * O is spelled out with it. */
static int parse_flags(BinfmtCmdArgs *a, const char *v)
{
	static const char order[] = "POCF";
	char out[sizeof order] = {0};
	size_t n = 0;
	if (strspn(v, order) != strlen(v))
		return binfmt_cmd_usage_error("invalid --flags '%s': use letters from P, O, C, F",
		                              v);
	for (const char *f = order; *f; f++)
		if (strchr(v, *f) || (*f == 'O' && strchr(v, 'C')))
			out[n++] = *f;
	memcpy(a->flags, out, sizeof out);
	return 0;
}

static int set_path(BinfmtCmdArgs *a, const char *dir)
{
	if (dir[0] == '/') {
		snprintf(a->path, sizeof a->path, "%s", dir);
		return 0;
	}
	if (!realpath(dir, a->path)) {
		fprintf(stderr, BINFMT_PROG ": --path %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static int add_isa(BinfmtCmdArgs *a, const BinfmtIsa *isa)
{
	for (size_t i = 0; i < a->n_isas; i++)
		if (a->isas[i] == isa)
			return 0;
	if (a->n_isas == sizeof a->isas / sizeof a->isas[0])
		return binfmt_cmd_usage_error("%s", "too many ISAs");
	a->isas[a->n_isas++] = isa;
	return 0;
}

/* One ISA name from the command line; "all" means every ISA ferry has a runner for. */
static int parse_isa(BinfmtCmdArgs *a, const char *name)
{
	if (strcmp(name, "all") == 0) {
		for (size_t k = 0; k < binfmt_n_isas; k++)
			if (binfmt_isas[k].ferry_runner && add_isa(a, &binfmt_isas[k]))
				return 2;
		return 0;
	}
	const BinfmtIsa *isa = binfmt_isa_find(name);
	if (!isa) {
		fprintf(stderr, BINFMT_PROG ": unknown ISA '%s'; valid names: all ", name);
		binfmt_isa_list(stderr, false);
		fputc('\n', stderr);
		return 2;
	}
	return add_isa(a, isa);
}

int binfmt_cmd_require_runners(BinfmtCmdArgs *a)
{
	if (a->n_isas == 0)
		return parse_isa(a, "all");
	for (size_t i = 0; i < a->n_isas; i++) {
		if (a->isas[i]->ferry_runner)
			continue;
		fprintf(stderr, BINFMT_PROG ": ferry has no runner for %s; ISAs ferry runs: ",
		        a->isas[i]->name);
		binfmt_isa_list(stderr, true);
		fputc('\n', stderr);
		return 1;
	}
	return 0;
}

static const char general_usage[] =
    "usage: ferry binfmt install [ISA...|all] [--flags FLAGS] [--path DIR] [--replace]\n"
    "       ferry binfmt uninstall [ISA...|all]\n"
    "       ferry binfmt status [ISA...]\n"
    "       ferry binfmt print --format systemd|debian|register [--flags FLAGS]\n"
    "                          [--path DIR] [--output DIR] [ISA...|all]\n";

static const Subcommand subcommands[] = {
    {"install", binfmt_cmd_install, "fpr",
     "Registers ferry-<isa> with binfmt_misc (mounting it if needed) for each ISA named, or\n"
     "every ISA ferry has a runner for. --flags: letters from P (keep argv[0]), F (open\n"
     "the runner now, so it works in chroots and containers), O (pass the program as an\n"
     "open fd, so execute-only programs run) and C (credentials from the program:\n"
     "dangerous, see the README); default FP. --path: the directory holding the runners\n"
     "(default: the one holding ferry). --replace: disable another emulator's entry for\n"
     "the same ISA while ferry's is installed.\n"},
    {"uninstall", binfmt_cmd_uninstall, "",
     "Removes ferry-<isa> entries (all of them when no ISA is named) and enables again\n"
     "what install --replace disabled.\n"},
    {"status", binfmt_cmd_status, "",
     "For each ISA: who handles it (ferry, another emulator, nobody), whether enabled,\n"
     "flags and interpreter.\n"},
    {"print", binfmt_cmd_print, "fpFo",
     "Prints the rules without registering them: --format systemd (binfmt.d lines),\n"
     "debian (update-binfmts format files) or register (strings to write to\n"
     "/proc/sys/fs/binfmt_misc/register). --output DIR writes one file per ISA instead.\n"},
};
#define N_SUBCOMMANDS (sizeof subcommands / sizeof subcommands[0])

static void print_usage(const Subcommand *s)
{
	printf("%s", general_usage);
	for (size_t i = 0; i < N_SUBCOMMANDS; i++)
		if (!s || s == &subcommands[i])
			printf("\n%s:\n%s", subcommands[i].name, subcommands[i].usage);
}

/* Returns -1 to go on, or an exit status (0 after --help). */
static int parse_options(const Subcommand *s, BinfmtCmdArgs *a, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"flags", required_argument, NULL, 'f'},
	    {"path", required_argument, NULL, 'p'},
	    {"replace", no_argument, NULL, 'r'},
	    {"format", required_argument, NULL, 'F'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, r = 0;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-h", longopts, NULL)) != -1) {
		if (c == 'h') {
			print_usage(s);
			return 0;
		}
		if (c == 1)
			r = parse_isa(a, optarg);
		else if (c == '?' || !strchr(s->options, c))
			r = binfmt_cmd_usage_error("'%s' is not an option of this subcommand "
			                           "or lacks its value",
			                           argv[optind - 1]);
		else if (c == 'f')
			r = parse_flags(a, optarg);
		else if (c == 'p')
			r = set_path(a, optarg);
		a->replace |= c == 'r';
		a->format = c == 'F' ? optarg : a->format;
		a->output = c == 'o' ? optarg : a->output;
		if (r)
			return r;
	}
	return -1;
}

int binfmt_cmd_main(const char *default_dir, int argc, char **argv)
{
	BinfmtCmdArgs a = {.flags = "PF"};
	if (argc < 2) {
		print_usage(NULL);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_usage(NULL);
		return 0;
	}
	for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
		if (strcmp(argv[1], subcommands[i].name) != 0)
			continue;
		snprintf(a.path, sizeof a.path, "%s", default_dir ? default_dir : "/usr/local/bin");
		int r = parse_options(&subcommands[i], &a, argc - 1, argv + 1);
		return r >= 0 ? r : subcommands[i].run(&a);
	}
	return binfmt_cmd_usage_error("unknown binfmt subcommand '%s'", argv[1]);
}
