/*
 * binfmt_misc support for the `ferry` command: the table of ELF architectures the
 * ecosystem registers (which of them have a ferry runner), the magic and mask a rule
 * matches them with, the kernel's binfmt_misc interface (mount, register, enable,
 * disable, remove, parse an entry), and the text forms a rule is shipped in (the raw
 * register string, systemd binfmt.d, Debian binfmt-support). The subcommands that use
 * all this are in binfmt_cmd.c.
 */
#ifndef FERRY_BINFMT_H
#define FERRY_BINFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Magic and mask cover the ELF identification, e_type and e_machine. */
#define BINFMT_ELF_MAGIC_LEN 20
#define BINFMT_MAX_MAGIC     128 /* the kernel's BINPRM_BUF_SIZE bounds offset + magic */

typedef struct BinfmtIsa {
	const char *name;   /* "riscv64": the runner is ferry-<name> */
	uint8_t elf_class;  /* ELFCLASS32 / ELFCLASS64 */
	uint8_t elf_data;   /* ELFDATA2LSB / ELFDATA2MSB */
	uint16_t machine;   /* e_machine */
	const char *family; /* ISAs of one family run each other natively (x86: i386, x86_64) */
	bool ferry_runner;  /* ferry has a runner for it */
} BinfmtIsa;

/* A binfmt rule's matching part: bytes at offset compared under mask. */
typedef struct BinfmtMatch {
	unsigned offset;
	size_t len;
	uint8_t magic[BINFMT_MAX_MAGIC];
	uint8_t mask[BINFMT_MAX_MAGIC];
} BinfmtMatch;

/* One entry of /proc/sys/fs/binfmt_misc as the kernel describes it. */
typedef struct BinfmtEntry {
	char name[256];
	bool enabled;
	bool by_extension; /* an 'E' rule (file-name extension), never an ELF match */
	char interpreter[4096];
	char flags[16];
	BinfmtMatch match;
} BinfmtEntry;

/* binfmt_table.c */
extern const BinfmtIsa binfmt_isas[];
extern const size_t binfmt_n_isas;
const BinfmtIsa *binfmt_isa_find(const char *name);
/* The magic/mask pair that matches an ISA's executables and shared objects (ET_EXEC and
 * ET_DYN), whatever their EI_OSABI byte. */
void binfmt_isa_match(const BinfmtIsa *isa, BinfmtMatch *m);
/* Whether a rule matches a file starting with header[0..len). */
bool binfmt_match_header(const BinfmtMatch *m, const uint8_t *header, size_t len);
/* The ISA whose rule matches an ELF header, or NULL. */
const BinfmtIsa *binfmt_isa_for_header(const uint8_t *header, size_t len);
/* Whether a rule would claim this ISA's executables (it matches a canonical header of
 * the ISA, of type ET_EXEC or ET_DYN). */
bool binfmt_match_claims_isa(const BinfmtMatch *m, const BinfmtIsa *isa);
/* Whether this host runs the ISA's programs natively (same family). */
bool binfmt_isa_is_native(const BinfmtIsa *isa);
/* Writes the names of every ISA (with_runner: only those with a runner) to out,
 * separated by spaces. */
void binfmt_isa_list(FILE *out, bool with_runner);

/* binfmt_format.c */
/* The register string ":name:M:offset:magic:mask:interpreter:flags" (no newline);
 * returns its length or -1 when it does not fit. */
int binfmt_format_rule(char *buf, size_t size, const char *name, const BinfmtMatch *m,
                       const char *interpreter, const char *flags);
/* A Debian binfmt-support format file (/usr/share/binfmts/NAME). */
void binfmt_format_debian(FILE *out, const BinfmtMatch *m, const char *interpreter,
                          const char *flags);
/* Hex digits as the kernel prints magic and mask ("7f454c46..."): bytes, or -1. */
int binfmt_parse_hex(const char *hex, uint8_t *out, size_t max);
/* Parses the text of a binfmt_misc entry file. Returns 0 or -1 when unrecognised. */
int binfmt_parse_entry(const char *text, BinfmtEntry *e);

/* binfmt_misc.c */
extern const char binfmt_misc_dir[]; /* /proc/sys/fs/binfmt_misc */
/* Whether binfmt_misc is mounted (its status file exists). */
bool binfmt_misc_mounted(void);
/* Mounts binfmt_misc when it is not; 0, or -errno with a message already printed. */
int binfmt_misc_ensure_mounted(const char *prog);
/* Reads every entry; returns how many (at most max), or -errno. */
int binfmt_misc_list(BinfmtEntry *entries, int max);
/* Reads one entry by name: 0, or -errno (-ENOENT when absent). */
int binfmt_misc_read(const char *name, BinfmtEntry *e);
/* Writes a register string: 0 or -errno. */
int binfmt_misc_register(const char *rule);
/* Enables (1), disables (0) or removes (-1) an entry: 0 or -errno. */
int binfmt_misc_control(const char *name, int what);
/* Registers DIR/ferry-<isa> as the entry ferry-<isa> with the given flags, replacing an
 * entry of that name; checks nothing else and prints nothing. 0, or -errno
 * (-ENAMETOOLONG when the rule does not fit). Used by install and by `ferry rootfs`. */
int binfmt_register_runner(const BinfmtIsa *isa, const char *dir, const char *flags);

/* binfmt_cmd.c: `ferry binfmt ...` with argv[0] "binfmt"; default_dir is where the
 * runners are unless --path says otherwise. Returns the exit status. */
int binfmt_cmd_main(const char *default_dir, int argc, char **argv);
/* binfmt_cmd_show.c: the status table (ISA, state, enabled, flags, interpreter) for the
 * ISAs given, or with n == 0 for the ISAs ferry runs plus every ISA something is
 * registered for. 0, or 1 with a message when binfmt_misc cannot be read. */
int binfmt_status_print(FILE *out, const BinfmtIsa *const *isas, size_t n);

#endif
