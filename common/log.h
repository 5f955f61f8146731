/*
 * Diagnostic logging selected with `-d items` and written to stderr or the `-D` file.
 * Each item is one bit; code tests log_on(LOG_X) before formatting anything, so disabled
 * logging costs one load and a branch. The table of items lives in log.c so `-d help`
 * and the parser read the same list.
 */
#ifndef FERRY_LOG_H
#define FERRY_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum {
	LOG_IN_ASM = 1u << 0, /* guest instructions of each translated block */
	LOG_OP = 1u << 1,     /* IR as the frontend produced it */
	LOG_OP_OPT = 1u << 2, /* IR after the optimizer */
	LOG_EXEC = 1u << 3,   /* each block as it runs */
	LOG_UNIMP = 1u << 4,  /* unimplemented syscalls, ioctls and features */
	LOG_STRACE = 1u << 5, /* system calls with arguments and results */
	LOG_PAGE = 1u << 6,   /* guest memory map changes */
	LOG_OUT_ASM = 1u << 7,/* host code produced by the backend */
};

extern uint32_t log_mask;

static inline bool log_on(uint32_t item) { return (log_mask & item) != 0; }

/* Parses a comma-separated item list ("in_asm,strace", "all"). Returns 0, 1 when the
 * list was "help" (the item table has been printed to `out`), or -1 on an unknown item
 * (its name is written to *bad). */
int log_parse_items(const char *list, uint32_t *mask, FILE *out, const char **bad);
/* Sends log output to `path` ("-" or NULL: stderr), truncating it or appending to it.
 * The file is closed on exec. Returns 0 or -errno. */
int log_set_file(const char *path, bool append);
FILE *log_file(void);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
