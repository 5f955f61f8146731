/*
 * The pure parts of execve, kept apart from the system calls so unit tests can reach
 * them: recognising what a file is from its first bytes, parsing a `#!` line the way
 * Linux's script loader does, and building the argument vectors of a script's
 * interpreter and of a re-executed runner. Nothing here touches guest memory or files.
 */
#ifndef FERRY_EXEC_ARGV_H
#define FERRY_EXEC_ARGV_H

#include <stddef.h>
#include <stdint.h>

/* How many bytes of a file the kernel looks at to choose its loader (BINPRM_BUF_SIZE). */
#define EXEC_HEADER_SIZE 256
/* How deep interpreters may nest (a script whose interpreter is a script, ...) before
 * the kernel gives up with ELOOP. */
#define EXEC_MAX_DEPTH 5

typedef enum ExecKind {
	EXEC_GUEST_ELF, /* an ELF image this runner runs */
	EXEC_HOST_ELF,  /* an ELF image the host runs natively */
	EXEC_SCRIPT,    /* starts with "#!" */
	EXEC_OTHER,     /* anything else, including ELF for another machine */
} ExecKind;

/* The ELF identity of the guest: machine, class and byte order (ELFDATA2*). */
typedef struct ExecElfId {
	uint16_t machine;
	uint8_t elf_class, data;
} ExecElfId;

/* `buf` holds the first `len` bytes of the file. */
ExecKind exec_classify(const uint8_t *buf, size_t len, const ExecElfId *guest);

/* A parsed "#!interpreter [argument]" line. */
typedef struct ExecShebang {
	char line[EXEC_HEADER_SIZE + 1];
	const char *interp; /* into line */
	const char *arg;    /* into line, or NULL when the line has no argument */
} ExecShebang;

/* Parses the header of a file that starts with "#!": the interpreter name and at most
 * one argument (everything after the name, spaces inside kept, trailing blanks dropped).
 * Returns 0, or -ENOEXEC when there is no interpreter name, or when the line does not
 * end within the header and the name itself is cut off by its end. */
int exec_parse_shebang(const uint8_t *buf, size_t len, ExecShebang *out);

/* The interpreter's argv: interpreter, the optional argument, the script's name, then
 * the original argv without its argv[0]. NULL-terminated (g_strfreev). */
char **exec_script_argv(const ExecShebang *sb, const char *script, char *const *argv);

/* The argv of the runner re-executed for a guest program: the runner's name, the carried
 * options, `-0 argv[0]` (the guest's own argv[0], or "" when argv is empty), `--`, the
 * program path and argv[1..]. NULL-terminated (g_strfreev). */
char **exec_runner_argv(const char *runner, char *const *opts, const char *prog, char *const *argv);

#endif
