/*
 * Shared between the loader's files and nothing else: the checked view of one ELF file
 * (ElfImage, filled by elf_check.c), where it ended up in guest memory (ElfMapped, filled
 * by elf_load.c), the initial stack builder and the error helper.
 */
#ifndef FERRY_LOADER_INT_H
#define FERRY_LOADER_INT_H

#include <gelf.h>

#include "loader/loader.h"

/* One opened and fully validated ELF file. */
typedef struct ElfImage {
	int fd;               /* open for reading; owned unless it came from exec_fd */
	bool own_fd;
	Elf *elf;
	GElf_Ehdr eh;
	GElf_Phdr *ph;        /* all program headers, e_phnum of them */
	size_t phnum;
	uint64_t file_size;
	char *interp;         /* the PT_INTERP string, or NULL */
	bool exec_stack;      /* PT_GNU_STACK has PF_X, or there is no PT_GNU_STACK */
	uint64_t lo, hi;      /* page-rounded span of the PT_LOAD segments (unbiased) */
	uint64_t max_align;   /* the largest power-of-two p_align of a PT_LOAD */
} ElfImage;

/* Where an image was mapped. */
typedef struct ElfMapped {
	uint64_t bias;        /* added to every p_vaddr */
	uint64_t map_start, map_end; /* the guest range holding the image */
	uint64_t entry;       /* e_entry + bias */
	uint64_t phdr;        /* guest address of the program headers, or 0 */
	uint64_t brk;         /* page-rounded end of the highest segment */
	uint64_t start_code, end_code, start_data, end_data;
} ElfMapped;

/* Fills *err with status and a formatted one-line reason. */
void loader_error(LoaderError *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Opens path (or uses fd when >= 0) and validates everything loading relies on.
 * Returns 0, or -1 with *err filled (and nothing left open). */
int elf_image_open(const LoaderArch *arch, const char *path, int fd, size_t page,
		   ElfImage *im, LoaderError *err);
void elf_image_close(ElfImage *im);

/* Maps the PT_LOAD segments. ET_EXEC goes at its own addresses; ET_DYN at `base` when
 * nonzero and free, else wherever guest memory has room. `name` labels the mappings.
 * Returns 0, or -1 with *err filled and nothing left mapped. */
int elf_map_image(GuestMem *mem, const ElfImage *im, uint64_t base, const char *name,
		  ElfMapped *out, LoaderError *err);
void elf_unmap_image(GuestMem *mem, const ElfMapped *mp);

/* Maps the stack and writes argc, argv, envp, auxv and their strings (img's program
 * fields must be filled). Fills sp, stack_top/limit and auxv_addr/len. */
int loader_build_stack(const LoaderArch *arch, const LoaderParams *p, GuestMem *mem,
		       LoadedImage *img, LoaderError *err);

#endif
