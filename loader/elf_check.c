/*
 * Opens an ELF program or interpreter and validates every field the loader will trust,
 * before anything is mapped. The file is untrusted input: sizes and offsets are checked
 * with overflow-checked arithmetic against the real file size. Status codes follow the
 * runner's contract: 255 when the file is not an image for this architecture (so
 * binfmt wrappers can fall through), 127 when it does not exist, 1 for everything else.
 *
 * Where Linux's binfmt_elf is lenient, so are we: section headers are never looked at,
 * e_version/EI_VERSION are not checked, and a segment whose file bytes extend past the
 * end of the file is accepted (Linux maps it and only faults when the missing pages are
 * touched; elf_load.c zero-fills them instead). Where Linux refuses (PT_INTERP size and
 * termination, vaddr/offset not congruent modulo the page size, program header table
 * larger than 64 KiB) we refuse too. The stricter checks on PT_LOAD order, overlap and
 * p_align follow the ELF specification and keep the mapping code simple.
 */
#include "loader/loader_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

/* Linux refuses program header tables larger than this. */
#define ELF_MAX_PHDR_BYTES 65536u

static const char *etype_name(unsigned t)
{
	switch (t) {
	case ET_NONE: return "ET_NONE";
	case ET_REL: return "ET_REL";
	case ET_CORE: return "ET_CORE";
	default: return "unknown type";
	}
}

/* Opens the file (or adopts fd) and records its size. */
static int elf_open_file(const char *path, int fd, ElfImage *im, LoaderError *err)
{
	im->own_fd = fd < 0;
	im->fd = fd >= 0 ? fd : open(path, O_RDONLY | O_CLOEXEC);
	if (im->fd < 0) {
		int e = errno;
		loader_error(err, (e == ENOENT || e == ENOTDIR) ? 127 : 1, "%s", strerror(e));
		return -1;
	}
	struct stat st;
	if (fstat(im->fd, &st) != 0) {
		loader_error(err, 1, "%s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		loader_error(err, 1, "%s", strerror(EISDIR));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		loader_error(err, 1, "not a regular file");
		return -1;
	}
	im->file_size = (uint64_t)st.st_size;
	return 0;
}

/* The identification bytes: the only part that decides "not for this runner" before
 * libelf is asked to decode anything. */
static int elf_check_ident(const LoaderArch *arch, ElfImage *im, LoaderError *err)
{
	unsigned char id[EI_NIDENT];
	ssize_t n = pread(im->fd, id, sizeof id, 0);
	if (n < 0) {
		loader_error(err, 1, "%s", strerror(errno));
		return -1;
	}
	if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0) {
		loader_error(err, 1, "not an ELF file");
		return -1;
	}
	if (n < EI_NIDENT) {
		loader_error(err, 1, "truncated ELF header");
		return -1;
	}
	if (id[EI_CLASS] != arch->elf_class) {
		loader_error(err, 255, "wrong ELF class (ELF%s)",
			     id[EI_CLASS] == ELFCLASS32 ? "32" :
			     id[EI_CLASS] == ELFCLASS64 ? "64" : " class unknown");
		return -1;
	}
	if (id[EI_DATA] != arch->elf_data) {
		loader_error(err, 255, "wrong byte order");
		return -1;
	}
	uint64_t ehsize = arch->elf_class == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (im->file_size < ehsize) {
		loader_error(err, 1, "truncated ELF header");
		return -1;
	}
	return 0;
}

/* The ELF header proper, decoded by libelf. */
static int elf_check_ehdr(const LoaderArch *arch, ElfImage *im, LoaderError *err)
{
	im->elf = elf_begin(im->fd, ELF_C_READ, NULL);
	if (!im->elf || elf_kind(im->elf) != ELF_K_ELF || !gelf_getehdr(im->elf, &im->eh)) {
		loader_error(err, 1, "unreadable ELF header: %s", elf_errmsg(-1));
		return -1;
	}
	const GElf_Ehdr *eh = &im->eh;
	if (eh->e_machine != arch->elf_machine) {
		loader_error(err, 255, "wrong machine (e_machine %u)", eh->e_machine);
		return -1;
	}
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
		loader_error(err, 255, "not an executable (%s)", etype_name(eh->e_type));
		return -1;
	}
	const char *why = arch->check_flags ? arch->check_flags(eh->e_flags) : NULL;
	if (why) {
		loader_error(err, 255, "%s", why);
		return -1;
	}
	size_t phent = arch->elf_class == ELFCLASS64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	if (eh->e_phentsize != phent) {
		loader_error(err, 1, "bad e_phentsize %u", eh->e_phentsize);
		return -1;
	}
	if (eh->e_phnum == 0) {
		loader_error(err, 1, "no program headers");
		return -1;
	}
	if ((uint64_t)eh->e_phnum * phent > ELF_MAX_PHDR_BYTES) {
		loader_error(err, 1, "too many program headers (%u)", eh->e_phnum);
		return -1;
	}
	uint64_t end;
	if (__builtin_add_overflow(eh->e_phoff, (uint64_t)eh->e_phnum * phent, &end) ||
	    end > im->file_size) {
		loader_error(err, 1, "program headers past end of file");
		return -1;
	}
	return 0;
}

static int elf_read_phdrs(ElfImage *im, LoaderError *err)
{
	im->phnum = im->eh.e_phnum;
	im->ph = g_new0(GElf_Phdr, im->phnum);
	for (size_t i = 0; i < im->phnum; i++) {
		if (!gelf_getphdr(im->elf, (int)i, &im->ph[i])) {
			loader_error(err, 1, "unreadable program header %zu: %s", i,
				     elf_errmsg(-1));
			return -1;
		}
	}
	return 0;
}

/* One PT_LOAD on its own: sizes, wrap-around, alignment. */
static int elf_check_load(const GElf_Phdr *ph, size_t i, size_t page, LoaderError *err)
{
	uint64_t end;
	if (ph->p_filesz > ph->p_memsz) {
		loader_error(err, 1, "segment %zu: file size exceeds memory size", i);
		return -1;
	}
	if (__builtin_add_overflow(ph->p_offset, ph->p_filesz, &end)) {
		loader_error(err, 1, "segment %zu: file range overflows", i);
		return -1;
	}
	if (__builtin_add_overflow(ph->p_vaddr, ph->p_memsz, &end) ||
	    __builtin_add_overflow(end, (uint64_t)page - 1, &end)) {
		loader_error(err, 1, "segment %zu: address range wraps", i);
		return -1;
	}
	if (ph->p_align > 1 && (ph->p_align & (ph->p_align - 1)) != 0) {
		loader_error(err, 1, "segment %zu: bad p_align %#llx", i,
			     (unsigned long long)ph->p_align);
		return -1;
	}
	if ((ph->p_vaddr - ph->p_offset) & (page - 1)) {
		loader_error(err, 1, "segment %zu: offset and address not congruent modulo the page size",
			     i);
		return -1;
	}
	return 0;
}

/* All PT_LOAD segments: each valid, sorted by address and disjoint; computes the span. */
static int elf_check_loads(ElfImage *im, size_t page, LoaderError *err)
{
	const GElf_Phdr *prev = NULL;
	uint64_t mask = (uint64_t)page - 1;
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *ph = &im->ph[i];
		if (ph->p_type != PT_LOAD)
			continue;
		if (elf_check_load(ph, i, page, err) < 0)
			return -1;
		if (prev && ph->p_vaddr < prev->p_vaddr + prev->p_memsz) {
			loader_error(err, 1, "segment %zu: segments overlap or are not sorted by address",
				     i);
			return -1;
		}
		if (!prev)
			im->lo = ph->p_vaddr & ~mask;
		im->hi = (ph->p_vaddr + ph->p_memsz + mask) & ~mask;
		if (ph->p_align > im->max_align)
			im->max_align = ph->p_align;
		prev = ph;
	}
	if (!prev) {
		loader_error(err, 1, "no loadable segment");
		return -1;
	}
	if (im->hi == im->lo) {
		loader_error(err, 1, "loadable segments are empty");
		return -1;
	}
	return 0;
}

static int elf_read_interp(ElfImage *im, const GElf_Phdr *ph, LoaderError *err)
{
	uint64_t end;
	if (ph->p_filesz < 2) {
		loader_error(err, 1, "PT_INTERP empty");
		return -1;
	}
	if (ph->p_filesz > PATH_MAX) {
		loader_error(err, 1, "PT_INTERP too long");
		return -1;
	}
	if (__builtin_add_overflow(ph->p_offset, ph->p_filesz, &end) || end > im->file_size) {
		loader_error(err, 1, "PT_INTERP outside the file");
		return -1;
	}
	char *s = g_malloc(ph->p_filesz);
	ssize_t n = pread(im->fd, s, ph->p_filesz, (off_t)ph->p_offset);
	if (n != (ssize_t)ph->p_filesz) {
		g_free(s);
		loader_error(err, 1, "PT_INTERP unreadable");
		return -1;
	}
	if (s[ph->p_filesz - 1] != '\0') {
		g_free(s);
		loader_error(err, 1, "PT_INTERP not NUL-terminated");
		return -1;
	}
	if (s[0] == '\0') {
		g_free(s);
		loader_error(err, 1, "PT_INTERP empty");
		return -1;
	}
	im->interp = s;
	return 0;
}

/* PT_INTERP and PT_GNU_STACK. */
static int elf_check_special(ElfImage *im, LoaderError *err)
{
	im->exec_stack = true;
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *ph = &im->ph[i];
		if (ph->p_type == PT_GNU_STACK)
			im->exec_stack = (ph->p_flags & PF_X) != 0;
		if (ph->p_type != PT_INTERP)
			continue;
		if (im->interp) {
			loader_error(err, 1, "more than one PT_INTERP");
			return -1;
		}
		if (elf_read_interp(im, ph, err) < 0)
			return -1;
	}
	return 0;
}

int elf_image_open(const LoaderArch *arch, const char *path, int fd, size_t page,
		   ElfImage *im, LoaderError *err)
{
	memset(im, 0, sizeof *im);
	im->fd = -1;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		loader_error(err, 1, "libelf: %s", elf_errmsg(-1));
		return -1;
	}
	if (elf_open_file(path, fd, im, err) < 0 || elf_check_ident(arch, im, err) < 0 ||
	    elf_check_ehdr(arch, im, err) < 0 || elf_read_phdrs(im, err) < 0 ||
	    elf_check_loads(im, page, err) < 0 || elf_check_special(im, err) < 0) {
		elf_image_close(im);
		return -1;
	}
	return 0;
}

void elf_image_close(ElfImage *im)
{
	if (im->elf)
		elf_end(im->elf);
	if (im->own_fd && im->fd >= 0)
		close(im->fd);
	g_free(im->ph);
	g_free(im->interp);
	memset(im, 0, sizeof *im);
	im->fd = -1;
}
