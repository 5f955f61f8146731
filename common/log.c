/*
 * The `-d` log items and the log sink. The item table is the single list both the
 * parser and `-d help` read.
 */
#include "common/log.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

uint32_t log_mask;
static FILE *log_out;

static const struct LogItem {
	const char *name;
	uint32_t bit;
	const char *help;
} log_items[] = {
	{"in_asm", LOG_IN_ASM, "show the guest instructions of each translated block"},
	{"op", LOG_OP, "show the IR of each block as the frontend built it"},
	{"op_opt", LOG_OP_OPT, "show the IR of each block after optimization"},
	{"out_asm", LOG_OUT_ASM, "show the host code generated for each block"},
	{"exec", LOG_EXEC, "show each block as it runs"},
	{"unimp", LOG_UNIMP, "log unimplemented system calls, ioctls and features"},
	{"strace", LOG_STRACE, "log system calls with their arguments and results"},
	{"page", LOG_PAGE, "log changes to the guest memory map"},
};

int log_parse_items(const char *list, uint32_t *mask, FILE *out, const char **bad)
{
	static char badbuf[64];
	uint32_t m = 0;
	if (strcmp(list, "help") == 0) {
		fprintf(out, "Log items (comma separated, or \"all\"):\n");
		for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
			fprintf(out, "  %-8s %s\n", log_items[i].name, log_items[i].help);
		return 1;
	}
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		bool found = false;
		if (n == 3 && strncmp(p, "all", 3) == 0) {
			for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
				m |= log_items[i].bit;
			found = true;
		}
		for (size_t i = 0; !found && i < sizeof log_items / sizeof log_items[0]; i++) {
			if (strlen(log_items[i].name) == n && strncmp(p, log_items[i].name, n) == 0) {
				m |= log_items[i].bit;
				found = true;
			}
		}
		if (!found && n) {
			snprintf(badbuf, sizeof badbuf, "%.*s", (int)(n < 60 ? n : 60), p);
			*bad = badbuf;
			return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	*mask = m;
	return 0;
}

int log_set_file(const char *path, bool append)
{
	if (!path || strcmp(path, "-") == 0) {
		log_out = stderr;
		return 0;
	}
	FILE *f = fopen(path, append ? "ae" : "we");
	if (!f)
		return -errno;
	setvbuf(f, NULL, _IOLBF, 0);
	log_out = f;
	return 0;
}

FILE *log_file(void)
{
	return log_out ? log_out : stderr;
}

void log_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(log_file(), fmt, ap);
	va_end(ap);
}
