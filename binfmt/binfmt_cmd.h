/*
 * Shared between the `ferry binfmt` subcommand files: the parsed command line and the
 * helpers every subcommand uses. binfmt_cmd.c dispatches; binfmt_cmd_install.c registers
 * and removes; binfmt_cmd_show.c shows the state and prints rules.
 */
#ifndef FERRY_BINFMT_CMD_H
#define FERRY_BINFMT_CMD_H

#include <limits.h>

#include "binfmt/binfmt.h"

#define BINFMT_PROG "ferry"

typedef struct BinfmtCmdArgs {
	char flags[8];       /* kernel order: P O C F */
	char path[PATH_MAX]; /* absolute directory holding the runners */
	bool replace;
	const char *format; /* print --format */
	const char *output; /* print --output */
	const BinfmtIsa *isas[64];
	size_t n_isas;
} BinfmtCmdArgs;

/* Prints "ferry: <message> (ferry binfmt --help shows usage)"; returns 2. */
int binfmt_cmd_usage_error(const char *fmt, const char *what);
/* Makes sure every ISA named has a runner; with none named selects all such. 0 or 1. */
int binfmt_cmd_require_runners(BinfmtCmdArgs *a);
/* "ferry-<isa>" */
void binfmt_cmd_entry_name(char *buf, size_t size, const BinfmtIsa *isa);
/* Every binfmt_misc entry (free() the result); NULL with a message printed on error. */
BinfmtEntry *binfmt_cmd_list_entries(int *n);

int binfmt_cmd_install(BinfmtCmdArgs *a);
int binfmt_cmd_uninstall(BinfmtCmdArgs *a);
int binfmt_cmd_status(BinfmtCmdArgs *a);
int binfmt_cmd_print(BinfmtCmdArgs *a);

#endif
