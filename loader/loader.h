/*
 * Loads a guest ELF program (and its PT_INTERP dynamic linker) into guest memory and
 * builds the initial stack (argv, envp, auxv) the way Linux's binfmt_elf does, for
 * 64- and 32-bit, little- and big-endian guests. Every header field of the untrusted
 * file is checked; a failure fills LoaderError with one line of reason and the runner's
 * exit status for it (255: an ELF image for another architecture; 127: program missing;
 * 1: anything else, including a file that is not ELF at all, as with qemu-user) and
 * leaves no half-built state the caller must undo.
 */
#ifndef FERRY_LOADER_H
#define FERRY_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/guest_mem.h"

/* What the loader must know of the guest architecture. */
typedef struct LoaderArch {
	uint16_t elf_machine;   /* EM_RISCV, EM_AARCH64, ... */
	uint8_t elf_class;      /* ELFCLASS64 or ELFCLASS32 */
	uint8_t elf_data;       /* ELFDATA2LSB or ELFDATA2MSB */
	const char *platform;   /* AT_PLATFORM string, or NULL when the ABI has none */
	uint64_t hwcap, hwcap2; /* AT_HWCAP, AT_HWCAP2 (hwcap2 0: omitted) */
	uint64_t et_dyn_base;   /* where a PIE main program goes (0: loader's default) */
	/* Optional: rejects e_flags this runner cannot run (e.g. riscv float ABI); returns
	 * NULL when fine, or the reason. */
	const char *(*check_flags)(uint32_t e_flags);
} LoaderArch;

typedef struct LoaderParams {
	const char *path;      /* the program as named on the command line */
	int exec_fd;           /* an already-open program (binfmt 'O'), or -1 */
	const char *sysroot;   /* -L prefix for PT_INTERP (and absolute paths); NULL: none */
	char *const *argv;     /* guest argv (argv[0] already chosen) */
	char *const *envp;     /* guest environment */
	const char *execfn;    /* AT_EXECFN string */
	uint64_t stack_size;   /* guest stack reservation in bytes */
	bool secure;           /* AT_SECURE */
	uint64_t at_flags;     /* AT_FLAGS */
	uint32_t uid, euid, gid, egid;
} LoaderParams;

typedef struct LoadedImage {
	uint64_t entry;        /* first guest PC: the interpreter's entry, or the program's */
	uint64_t prog_entry;   /* AT_ENTRY */
	uint64_t load_bias;    /* added to the program's p_vaddr values */
	uint64_t interp_base;  /* AT_BASE (0 without an interpreter) */
	uint64_t phdr, phent, phnum;
	uint64_t start_code, end_code, start_data, end_data;
	uint64_t start_brk;    /* the initial program break (page-aligned end of bss) */
	uint64_t stack_top;    /* highest address of the stack mapping */
	uint64_t stack_limit;  /* lowest address of the stack mapping */
	uint64_t sp;           /* initial guest stack pointer (points at argc) */
	uint64_t auxv_addr, auxv_len; /* the auxv on the guest stack, for /proc/self/auxv */
	bool exec_stack;       /* PT_GNU_STACK asked for PF_X (or was absent) */
	char *exe_path;        /* absolute host path of the program (for /proc/self/exe) */
	char *interp_path;     /* host path of the interpreter loaded, or NULL */
} LoadedImage;

typedef struct LoaderError {
	int exit_status;   /* 255, 127 or 1 */
	char msg[256];     /* the reason, without the "runner: path: " prefix */
} LoaderError;

/* Returns 0 and fills *img, or -1 and fills *err. */
int loader_load(const LoaderArch *arch, const LoaderParams *p, GuestMem *mem,
		LoadedImage *img, LoaderError *err);
void loader_image_free(LoadedImage *img);

/* Resolves a guest absolute path through the sysroot the way the runner does for
 * PT_INTERP and guest file system calls: sysroot + path when that exists, else path.
 * Returns a newly allocated string (g_free). */
char *loader_resolve_path(const char *sysroot, const char *path);

#endif
