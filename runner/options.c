/*
 * Table-driven parsing of the runner's options (options.h). Each table line names the
 * option, whether it takes a value, its environment twins and the function that applies
 * it; --help is printed from the same table. GOptionContext is not used here because
 * the qemu-compatible syntax needs single-dash long options (`-strace`, `-cpu`).
 */
#include "runner/options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "common/log.h"

typedef int (*OptionFn)(RunnerOptions *o, const char *value);

typedef struct RunnerOption {
	const char *name;
	const char *arg;   /* value placeholder for --help, or NULL for a flag */
	const char *env;   /* FERRY_* twin */
	const char *env2;  /* a second twin (QEMU_LD_PREFIX), or NULL */
	OptionFn apply;
	const char *help;  /* NULL: not listed by --help */
} RunnerOption;

static int fail(RunnerOptions *o, const char *fmt, const char *what)
{
	fprintf(stderr, "%s: ", o->runner_name);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	return 1;
}

static int opt_sysroot(RunnerOptions *o, const char *v) { o->sysroot = v; return -1; }
static int opt_argv0(RunnerOptions *o, const char *v) { o->argv0 = (char *)v; return -1; }
static int opt_release(RunnerOptions *o, const char *v) { o->uname_release = v; return -1; }
static int opt_logfile(RunnerOptions *o, const char *v) { o->log_file = v; return -1; }
static int opt_log_append(RunnerOptions *o, const char *v) { o->log_append = true; return -1; }
static int opt_strace(RunnerOptions *o, const char *v) { o->log_mask |= LOG_STRACE; return -1; }
static int opt_stats(RunnerOptions *o, const char *v) { o->stats = true; return -1; }

/* -E and its twin take comma-separated lists, like qemu's QEMU_SET_ENV. */
static int add_list(GPtrArray *to, const char *v)
{
	char **parts = g_strsplit(v, ",", -1);
	for (char **p = parts; *p; p++)
		if (**p)
			g_ptr_array_add(to, g_strdup(*p));
	g_strfreev(parts);
	return -1;
}

static int opt_setenv(RunnerOptions *o, const char *v)
{
	if (!strchr(v, '='))
		return fail(o, "-E needs var=value, got '%s'", v);
	return add_list(o->set_env, v);
}

static int opt_unsetenv(RunnerOptions *o, const char *v) { return add_list(o->unset_env, v); }

static int opt_stack(RunnerOptions *o, const char *v)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 0);
	unsigned shift = 0;
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		end++;
	if (errno || end == v || *end || n == 0 || n > (1ull << 40) >> shift)
		return fail(o, "invalid stack size '%s'", v);
	o->stack_size = (uint64_t)n << shift;
	return -1;
}

static int opt_log(RunnerOptions *o, const char *v)
{
	const char *bad = NULL;
	uint32_t mask = 0;
	int r = log_parse_items(v, &mask, stdout, &bad);
	if (r == 1)
		return 0;
	if (r < 0)
		return fail(o, "unknown log item '%s' (-d help lists them)", bad);
	o->log_mask |= mask;
	g_string_append_printf(o->log_items, "%s%s", o->log_items->len ? "," : "", v);
	return -1;
}

static const char *const engine_names[] = {"interp", "jit", "cosim"};

static int opt_engine(RunnerOptions *o, const char *v)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(v, engine_names[i]) == 0) {
			o->engine = (EngineMode)i;
			return -1;
		}
	return fail(o, "unknown engine '%s' (interp, jit or cosim)", v);
}

static int opt_jit(RunnerOptions *o, const char *v)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "off") == 0)
		return opt_engine(o, strcmp(v, "on") == 0 ? "jit" : "interp");
	return fail(o, "-jit takes on or off, not '%s'", v);
}

static int opt_cosim(RunnerOptions *o, const char *v)
{
	return opt_engine(o, "cosim");
}

static int opt_cpu(RunnerOptions *o, const char *v)
{
	if (strcmp(v, "help") == 0) {
		printf("Available CPUs: max (every extension this runner implements)\n");
		return 0;
	}
	if (strcmp(v, "max") != 0 && strcmp(v, "any") != 0)
		return fail(o, "unknown CPU model '%s' (-cpu help lists them)", v);
	return -1;
}

/* Hidden: what this runner runs, one "key value" line each, for `ferry info`. */
static int opt_features(RunnerOptions *o, const char *v)
{
	printf("isa %s\nextensions %s\nengines %s,%s,%s\nversion %s\n", o->abi->isa,
	       o->abi->extensions ? o->abi->extensions : "-", engine_names[0], engine_names[1],
	       engine_names[2], FERRY_VERSION);
	return 0;
}

static int opt_help(RunnerOptions *o, const char *v);
static int opt_version(RunnerOptions *o, const char *v)
{
	printf("%s version %s\nCopyright (C) the ferry authors; GPL-2.0-or-later.\n", o->runner_name,
	       FERRY_VERSION);
	return 0;
}

static const RunnerOption options[] = {
	{"h", NULL, NULL, NULL, opt_help, "print this help and exit"},
	{"help", NULL, NULL, NULL, opt_help, "print this help and exit"},
	{"version", NULL, NULL, NULL, opt_version, "print the version and exit"},
	{"features", NULL, NULL, NULL, opt_features, NULL},
	{"L", "path", "FERRY_LD_PREFIX", "QEMU_LD_PREFIX", opt_sysroot,
	 "look up the ELF interpreter and absolute guest paths under path first"},
	{"E", "var=value", "FERRY_SET_ENV", NULL, opt_setenv, "set a variable in the guest environment"},
	{"U", "var", "FERRY_UNSET_ENV", NULL, opt_unsetenv, "remove a variable from the guest environment"},
	{"0", "argv0", "FERRY_ARGV0", NULL, opt_argv0, "use argv0 as the guest's argv[0]"},
	{"s", "size", "FERRY_STACK_SIZE", NULL, opt_stack, "guest stack size (suffixes k, M, G)"},
	{"r", "release", "FERRY_UNAME", NULL, opt_release, "report this kernel release in uname"},
	{"cpu", "model", "FERRY_CPU", NULL, opt_cpu, "guest CPU model (-cpu help lists them)"},
	{"d", "items", "FERRY_LOG", NULL, opt_log, "enable log items (-d help lists them)"},
	{"D", "file", "FERRY_LOG_FILENAME", NULL, opt_logfile, "write the log to file, not stderr"},
	{"log-append", NULL, NULL, NULL, opt_log_append,
	 "append to the -D file instead of truncating it"},
	{"strace", NULL, "FERRY_STRACE", NULL, opt_strace, "log system calls (same as -d strace)"},
	{"jit", "on|off", "FERRY_JIT", NULL, opt_jit,
	 "off runs guest code with the IR interpreter instead of x86-64 code"},
	{"cosim", NULL, "FERRY_COSIM", NULL, opt_cosim,
	 "run every block on both the interpreter and the JIT, stop at a difference"},
	{"engine", "name", "FERRY_ENGINE", NULL, opt_engine, "executor by name: jit, interp or cosim"},
	{"stats", NULL, "FERRY_STATS", NULL, opt_stats,
	 "print translation totals on stderr when the program exits"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

static int opt_help(RunnerOptions *o, const char *v)
{
	printf("usage: %s [options] program [arguments...]\n"
	       "Runs a Linux program built for this runner's architecture.\n\n"
	       "Options (one or two leading dashes; environment twin in brackets):\n",
	       o->runner_name);
	for (size_t i = 0; i < N_OPTIONS; i++) {
		char lhs[64];
		if (!options[i].help)
			continue;
		snprintf(lhs, sizeof lhs, "-%s%s%s", options[i].name, options[i].arg ? " " : "",
			 options[i].arg ? options[i].arg : "");
		printf("  %-18s %s", lhs, options[i].help);
		if (options[i].env)
			printf(" [%s%s%s]", options[i].env, options[i].env2 ? ", " : "",
			       options[i].env2 ? options[i].env2 : "");
		printf("\n");
	}
	printf("\nExit status: the program's own; 255 when the program is not for this "
	       "architecture,\n127 when it does not exist, 1 for other errors. A program killed "
	       "by a signal\nkills the runner by the same signal.\n");
	return 0;
}

static int parse_env(RunnerOptions *o)
{
	for (size_t i = 0; i < N_OPTIONS; i++) {
		const char *v = options[i].env ? getenv(options[i].env) : NULL;
		if (!v && options[i].env2)
			v = getenv(options[i].env2);
		/* A flag's twin is on unless empty or "0" (FERRY_COSIM=0 means off). */
		if (!v || (!options[i].arg && (!*v || strcmp(v, "0") == 0)))
			continue;
		int r = options[i].apply(o, options[i].arg ? v : NULL);
		if (r >= 0)
			return r;
	}
	return -1;
}

static const RunnerOption *find_option(const char *arg)
{
	const char *name = arg + (arg[1] == '-' ? 2 : 1);
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

int options_parse(RunnerOptions *o, int argc, char **argv)
{
	o->set_env = g_ptr_array_new_with_free_func(g_free);
	o->unset_env = g_ptr_array_new_with_free_func(g_free);
	o->log_items = g_string_new(NULL);
	o->secure = getauxval(AT_SECURE) != 0;
	o->engine = ENGINE_JIT;
	int r = o->secure ? -1 : parse_env(o);
	if (r >= 0)
		return r;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		const RunnerOption *opt = find_option(argv[i]);
		if (!opt)
			return fail(o, "unknown option '%s' (--help lists them)", argv[i]);
		const char *value = NULL;
		if (opt->arg) {
			if (i + 1 >= argc)
				return fail(o, "option '%s' needs a value", argv[i]);
			value = argv[++i];
		}
		r = opt->apply(o, value);
		if (r >= 0)
			return r;
	}
	if (i >= argc)
		return fail(o, "%s", "no program given (--help shows usage)");
	if (o->secure && (o->log_mask || o->log_file))
		return fail(o, "%s", "logging is refused for a program run with AT_SECURE");
	if (o->secure && o->sysroot)
		return fail(o, "%s", "-L is refused for a program run with AT_SECURE");
	o->prog_index = i;
	return -1;
}

char **options_carry(const RunnerOptions *o)
{
	static const char *const engines[] = {"interp", "jit", "cosim"};
	GPtrArray *v = g_ptr_array_new();
	if (o->sysroot && *o->sysroot) {
		g_ptr_array_add(v, g_strdup("-L"));
		g_ptr_array_add(v, g_canonicalize_filename(o->sysroot, NULL));
	}
	if (o->uname_release) {
		g_ptr_array_add(v, g_strdup("-r"));
		g_ptr_array_add(v, g_strdup(o->uname_release));
	}
	if (o->stack_size) {
		g_ptr_array_add(v, g_strdup("-s"));
		g_ptr_array_add(v, g_strdup_printf("%llu", (unsigned long long)o->stack_size));
	}
	g_ptr_array_add(v, g_strdup("-engine"));
	g_ptr_array_add(v, g_strdup(engines[o->engine]));
	if (o->log_items->len) {
		g_ptr_array_add(v, g_strdup("-d"));
		g_ptr_array_add(v, g_strdup(o->log_items->str));
	}
	if (o->log_mask & LOG_STRACE)
		g_ptr_array_add(v, g_strdup("-strace"));
	if (o->log_file && strcmp(o->log_file, "-") != 0) {
		g_ptr_array_add(v, g_strdup("-D"));
		g_ptr_array_add(v, g_canonicalize_filename(o->log_file, NULL));
		g_ptr_array_add(v, g_strdup("-log-append"));
	}
	if (o->stats)
		g_ptr_array_add(v, g_strdup("-stats"));
	g_ptr_array_add(v, NULL);
	return (char **)g_ptr_array_free(v, FALSE);
}
