/*
 * What execve decides before any host call (exec_argv.h): the kind of a file from its
 * header, the "#!" line and the argument vectors handed on. The "#!" rules are the
 * kernel's: the line is read from the first EXEC_HEADER_SIZE bytes only; blanks (space
 * and tab) separate; the interpreter name ends at a blank or NUL; whatever follows it,
 * minus surrounding blanks, is one argument; a line longer than the header is cut at
 * the header's end as long as the interpreter name is complete within it.
 */
#include "syscall/linux/exec_argv.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

#include <glib.h>

ExecKind exec_classify(const uint8_t *buf, size_t len, const ExecElfId *guest)
{
	if (len >= 2 && buf[0] == '#' && buf[1] == '!')
		return EXEC_SCRIPT;
	if (len < EI_NIDENT + 4 || memcmp(buf, ELFMAG, SELFMAG) != 0)
		return EXEC_OTHER;
	uint8_t cls = buf[EI_CLASS], data = buf[EI_DATA];
	/* e_machine follows e_type at offset 18 in both classes, in the file's byte order */
	uint16_t machine = data == ELFDATA2MSB ? (uint16_t)(buf[18] << 8 | buf[19])
	                                       : (uint16_t)(buf[19] << 8 | buf[18]);
	if (cls == guest->elf_class && data == guest->data && machine == guest->machine)
		return EXEC_GUEST_ELF;
	if (data == ELFDATA2LSB &&
	    ((cls == ELFCLASS64 && machine == EM_X86_64) ||
	     (cls == ELFCLASS32 && (machine == EM_386 || machine == EM_X86_64))))
		return EXEC_HOST_ELF;
	return EXEC_OTHER;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The line ends at the first newline among the header's bytes (a NUL stops the search
 * too); without one it ends one byte before the header's end, but only when the
 * interpreter name is followed by a blank or NUL before that point. */
static int line_end(const char *line, size_t *end)
{
	size_t n = EXEC_HEADER_SIZE - 1;
	const char *nl = memchr(line, '\n', strnlen(line, EXEC_HEADER_SIZE));
	if (nl) {
		*end = (size_t)(nl - line);
		return 0;
	}
	size_t i = 2;
	while (i < n && blank(line[i]))
		i++;
	if (i == n)
		return -ENOEXEC;
	while (i < n && line[i] && !blank(line[i]))
		i++;
	if (i == n)
		return -ENOEXEC;
	*end = n;
	return 0;
}

int exec_parse_shebang(const uint8_t *buf, size_t len, ExecShebang *out)
{
	/* The kernel reads the header into a zeroed buffer. */
	memset(out->line, 0, sizeof out->line);
	memcpy(out->line, buf, len < EXEC_HEADER_SIZE ? len : EXEC_HEADER_SIZE);
	out->interp = out->arg = NULL;
	char *l = out->line;
	size_t end;
	if (l[0] != '#' || l[1] != '!' || line_end(l, &end) < 0)
		return -ENOEXEC;
	while (end > 2 && blank(l[end - 1]))
		end--;
	l[end] = 0;
	size_t i = 2;
	while (i < end && blank(l[i]))
		i++;
	/* An empty name (the header ends in blanks) is the kernel's too: its lookup fails. */
	if (i >= end)
		return -ENOEXEC;
	out->interp = l + i;
	while (i < end && l[i] && !blank(l[i]))
		i++;
	if (i < end && l[i]) {
		l[i++] = 0;
		while (i < end && blank(l[i]))
			i++;
		if (i < end)
			out->arg = l + i;
	}
	return 0;
}

char **exec_script_argv(const ExecShebang *sb, const char *script, char *const *argv)
{
	GPtrArray *v = g_ptr_array_new();
	g_ptr_array_add(v, g_strdup(sb->interp));
	if (sb->arg)
		g_ptr_array_add(v, g_strdup(sb->arg));
	g_ptr_array_add(v, g_strdup(script));
	for (size_t i = 1; argv && argv[0] && argv[i]; i++)
		g_ptr_array_add(v, g_strdup(argv[i]));
	g_ptr_array_add(v, NULL);
	return (char **)g_ptr_array_free(v, FALSE);
}

char **exec_runner_argv(const char *runner, char *const *opts, const char *prog, char *const *argv)
{
	GPtrArray *v = g_ptr_array_new();
	g_ptr_array_add(v, g_strdup(runner));
	for (size_t i = 0; opts && opts[i]; i++)
		g_ptr_array_add(v, g_strdup(opts[i]));
	g_ptr_array_add(v, g_strdup("-0"));
	g_ptr_array_add(v, g_strdup(argv && argv[0] ? argv[0] : ""));
	g_ptr_array_add(v, g_strdup("--"));
	g_ptr_array_add(v, g_strdup(prog));
	for (size_t i = 1; argv && argv[0] && argv[i]; i++)
		g_ptr_array_add(v, g_strdup(argv[i]));
	g_ptr_array_add(v, NULL);
	return (char **)g_ptr_array_free(v, FALSE);
}
