/*
 * The text forms of a binfmt_misc rule. Outgoing: the register string the kernel parses
 * (also what a systemd binfmt.d line is) and Debian's binfmt-support format file.
 * Incoming: the entry files the kernel shows under /proc/sys/fs/binfmt_misc ("enabled",
 * "interpreter PATH", "flags: PF", "offset N", "magic HEX", "mask HEX"). Magic and mask
 * bytes go out as \xHH escapes except letters and digits, so the ':' delimiter and the
 * '#'/';' comment starters of binfmt.d never appear raw.
 */
#include "binfmt/binfmt.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Appends to buf at *pos, tracking overflow through *pos > size. */
static void append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(*pos < size ? buf + *pos : NULL, *pos < size ? size - *pos : 0, fmt, ap);
	va_end(ap);
	*pos += n > 0 ? (size_t)n : 0;
}

static void append_bytes(char *buf, size_t size, size_t *pos, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (isalnum(b[i]))
			append(buf, size, pos, "%c", b[i]);
		else
			append(buf, size, pos, "\\x%02x", b[i]);
	}
}

int binfmt_format_rule(char *buf, size_t size, const char *name, const BinfmtMatch *m,
                       const char *interpreter, const char *flags)
{
	size_t pos = 0;
	append(buf, size, &pos, ":%s:M:", name);
	if (m->offset)
		append(buf, size, &pos, "%u", m->offset);
	append(buf, size, &pos, ":");
	append_bytes(buf, size, &pos, m->magic, m->len);
	append(buf, size, &pos, ":");
	append_bytes(buf, size, &pos, m->mask, m->len);
	append(buf, size, &pos, ":%s:%s", interpreter, flags);
	return pos < size ? (int)pos : -1;
}

static const char *yes_no(const char *flags, char flag)
{
	return strchr(flags, flag) ? "yes" : "no";
}

void binfmt_format_debian(FILE *out, const BinfmtMatch *m, const char *interpreter,
                          const char *flags)
{
	char bytes[BINFMT_MAX_MAGIC * 4 + 1];
	size_t pos;
	fprintf(out, "package ferry\ninterpreter %s\n", interpreter);
	pos = 0;
	append_bytes(bytes, sizeof bytes, &pos, m->magic, m->len);
	fprintf(out, "magic %s\noffset %u\n", bytes, m->offset);
	pos = 0;
	append_bytes(bytes, sizeof bytes, &pos, m->mask, m->len);
	fprintf(out, "mask %s\n", bytes);
	fprintf(out, "credentials %s\npreserve %s\nfix_binary %s\n", yes_no(flags, 'C'),
	        yes_no(flags, 'P'), yes_no(flags, 'F'));
}

int binfmt_parse_hex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	while (isxdigit((unsigned char)hex[0]) && isxdigit((unsigned char)hex[1])) {
		if (n == max)
			return -1;
		char byte[3] = {hex[0], hex[1], 0};
		out[n++] = (uint8_t)strtoul(byte, NULL, 16);
		hex += 2;
	}
	return *hex && *hex != '\n' ? -1 : (int)n;
}

/* Copies the rest of a line (without its newline) into dst. */
static void copy_line(char *dst, size_t size, const char *src)
{
	size_t n = strcspn(src, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Applies one line of an entry file; -1 when a value is malformed. */
static int parse_entry_line(const char *line, BinfmtEntry *e, int *mask_len)
{
	int n;
	if (strncmp(line, "enabled", 7) == 0)
		e->enabled = true;
	else if (strncmp(line, "interpreter ", 12) == 0)
		copy_line(e->interpreter, sizeof e->interpreter, line + 12);
	else if (strncmp(line, "flags:", 6) == 0)
		copy_line(e->flags, sizeof e->flags, line + 6 + (line[6] == ' '));
	else if (strncmp(line, "offset ", 7) == 0)
		e->match.offset = (unsigned)strtoul(line + 7, NULL, 10);
	else if (strncmp(line, "extension ", 10) == 0)
		e->by_extension = true;
	else if (strncmp(line, "magic ", 6) == 0) {
		if ((n = binfmt_parse_hex(line + 6, e->match.magic, BINFMT_MAX_MAGIC)) < 0)
			return -1;
		e->match.len = (size_t)n;
	} else if (strncmp(line, "mask ", 5) == 0) {
		if ((*mask_len = binfmt_parse_hex(line + 5, e->match.mask, BINFMT_MAX_MAGIC)) < 0)
			return -1;
	}
	return 0;
}

int binfmt_parse_entry(const char *text, BinfmtEntry *e)
{
	int mask_len = -1;
	char name[sizeof e->name];
	memcpy(name, e->name, sizeof name);
	memset(e, 0, sizeof *e);
	memcpy(e->name, name, sizeof name);
	for (const char *line = text; line && *line; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (parse_entry_line(line, e, &mask_len) < 0)
			return -1;
	}
	if (!e->by_extension && e->match.len == 0)
		return -1;
	/* no mask line: every magic byte counts */
	if (mask_len < 0)
		memset(e->match.mask, 0xff, e->match.len);
	else if ((size_t)mask_len != e->match.len)
		return -1;
	return 0;
}
