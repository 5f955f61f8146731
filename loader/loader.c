/*
 * loader_load: the order of work for starting a guest program. Validate the program and
 * its PT_INTERP interpreter before mapping anything (so most failures leave guest memory
 * untouched), then map the program, the interpreter and the stack, and undo every
 * mapping made so far if a later step fails. Errors about the interpreter carry its
 * name and never the 255 "not for this architecture" status, which is reserved for the
 * program itself: a program for this machine with a broken interpreter is a plain error.
 */
#include "loader/loader_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#define DEFAULT_ET_DYN_BASE_64 0x555555554000ull
#define DEFAULT_ET_DYN_BASE_32 0x400000ull

void loader_error(LoaderError *err, int status, const char *fmt, ...)
{
	va_list ap;
	err->exit_status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

/* The absolute host path of the program, for /proc/self/exe. */
static char *program_path(const LoaderParams *p)
{
	char buf[PATH_MAX];
	if (p->exec_fd >= 0) {
		char link[64];
		snprintf(link, sizeof link, "/proc/self/fd/%d", p->exec_fd);
		ssize_t n = readlink(link, buf, sizeof buf - 1);
		if (n > 0 && buf[0] == '/') {
			buf[n] = '\0';
			return g_strdup(buf);
		}
	}
	if (realpath(p->path, buf))
		return g_strdup(buf);
	return g_canonicalize_filename(p->path, NULL);
}

/* Opens the interpreter named by the program; on failure rewrites *err to name it. */
static int open_interp(const LoaderArch *arch, const LoaderParams *p, const char *name,
		       size_t page, ElfImage *im, char **host_path, LoaderError *err)
{
	LoaderError e = { 0 };
	*host_path = loader_resolve_path(p->sysroot, name);
	if (elf_image_open(arch, *host_path, -1, page, im, &e) == 0) {
		if (im->eh.e_type == ET_DYN)
			return 0;
		elf_image_close(im);
		loader_error(&e, 1, "not a shared object");
	}
	loader_error(err, e.exit_status == 127 ? 127 : 1, "interpreter %s: %s", name, e.msg);
	g_free(*host_path);
	*host_path = NULL;
	return -1;
}

static uint64_t et_dyn_base(const LoaderArch *arch, const GuestMem *mem)
{
	if (arch->et_dyn_base)
		return arch->et_dyn_base;
	if (arch->elf_class == ELFCLASS64 && gmem_limit(mem) > DEFAULT_ET_DYN_BASE_64 * 2)
		return DEFAULT_ET_DYN_BASE_64;
	return DEFAULT_ET_DYN_BASE_32;
}

static void fill_image(LoadedImage *img, const ElfImage *prog, const ElfMapped *pm,
		       const ElfMapped *im, bool has_interp)
{
	img->entry = has_interp ? im->entry : pm->entry;
	img->prog_entry = pm->entry;
	img->load_bias = pm->bias;
	img->interp_base = has_interp ? im->bias : 0;
	img->phdr = pm->phdr;
	img->phent = prog->eh.e_phentsize;
	img->phnum = prog->phnum;
	img->start_code = pm->start_code;
	img->end_code = pm->end_code;
	img->start_data = pm->start_data;
	img->end_data = pm->end_data;
	img->start_brk = pm->brk;
	img->exec_stack = prog->exec_stack;
}

/* Maps program, interpreter and stack; undoes all of it on failure. */
static int map_all(const LoaderArch *arch, const LoaderParams *p, GuestMem *mem,
		   const ElfImage *prog, const ElfImage *interp, LoadedImage *img,
		   LoaderError *err)
{
	ElfMapped pm, im = { 0 };
	uint64_t base = prog->eh.e_type == ET_DYN ? et_dyn_base(arch, mem) : 0;
	if (elf_map_image(mem, prog, base, img->exe_path, &pm, err) < 0)
		return -1;
	if (interp && elf_map_image(mem, interp, 0, img->interp_path, &im, err) < 0) {
		elf_unmap_image(mem, &pm);
		return -1;
	}
	fill_image(img, prog, &pm, &im, interp != NULL);
	if (loader_build_stack(arch, p, mem, img, err) < 0) {
		elf_unmap_image(mem, &im);
		elf_unmap_image(mem, &pm);
		return -1;
	}
	return 0;
}

int loader_load(const LoaderArch *arch, const LoaderParams *p, GuestMem *mem,
		LoadedImage *img, LoaderError *err)
{
	size_t page = gmem_page_size(mem);
	ElfImage prog, interp;
	memset(img, 0, sizeof *img);
	memset(err, 0, sizeof *err);
	if (elf_image_open(arch, p->path, p->exec_fd, page, &prog, err) < 0)
		return -1;
	if (prog.interp && open_interp(arch, p, prog.interp, page, &interp, &img->interp_path,
				       err) < 0) {
		elf_image_close(&prog);
		return -1;
	}
	img->exe_path = program_path(p);
	int r = map_all(arch, p, mem, &prog, prog.interp ? &interp : NULL, img, err);
	if (prog.interp)
		elf_image_close(&interp);
	elf_image_close(&prog);
	if (r < 0) {
		loader_image_free(img);
		return -1;
	}
	return 0;
}

void loader_image_free(LoadedImage *img)
{
	g_free(img->exe_path);
	g_free(img->interp_path);
	img->exe_path = NULL;
	img->interp_path = NULL;
}
