/*
 * Maps a validated ElfImage (see elf_check.c) into guest memory. The whole span of the
 * PT_LOAD segments is reserved PROT_NONE first, so an ET_DYN image is placed in one
 * piece and nothing else can land between its segments; each segment is then mapped
 * MAP_FIXED inside the reservation. Gaps between segments stay reserved PROT_NONE (as
 * ld.so leaves them for libraries) rather than unmapped.
 *
 * Per segment, following binfmt_elf: the file pages are mapped privately from the file;
 * when p_memsz > p_filesz the rest of the last file page is cleared and whole pages up to
 * p_memsz are anonymous zero pages. Bytes of a segment that lie past the end of the file
 * are zero: only pages that exist in the file are file-mapped (touching a private file
 * page wholly past EOF would raise SIGBUS), the rest is anonymous memory.
 */
#include "loader/loader_int.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#define RESERVE_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)

static int pf_to_prot(uint32_t pf)
{
	return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
	       ((pf & PF_X) ? PROT_EXEC : 0);
}

/* Reserves len bytes anywhere, aligned to align (a power of two >= the page size). */
static int64_t reserve_anywhere(GuestMem *mem, uint64_t len, uint64_t align)
{
	size_t page = gmem_page_size(mem);
	uint64_t total;
	if (align <= page)
		return gmem_mmap(mem, 0, len, PROT_NONE, RESERVE_FLAGS, -1, 0);
	if (__builtin_add_overflow(len, align - page, &total))
		return -ENOMEM;
	int64_t r = gmem_mmap(mem, 0, total, PROT_NONE, RESERVE_FLAGS, -1, 0);
	if (r < 0)
		return r;
	uint64_t start = ((uint64_t)r + align - 1) & ~(align - 1);
	if (start > (uint64_t)r)
		gmem_munmap(mem, (uint64_t)r, start - (uint64_t)r);
	if ((uint64_t)r + total > start + len)
		gmem_munmap(mem, start + len, (uint64_t)r + total - (start + len));
	return (int64_t)start;
}

/* Reserves the image's span and returns the load bias through *bias. */
static int reserve_span(GuestMem *mem, const ElfImage *im, uint64_t base, uint64_t *bias,
			LoaderError *err)
{
	uint64_t span = im->hi - im->lo;
	int64_t r;
	if (im->eh.e_type == ET_EXEC) {
		if (im->hi > gmem_limit(mem)) {
			loader_error(err, 1, "segments outside the guest address space");
			return -1;
		}
		r = gmem_mmap(mem, im->lo, span, PROT_NONE, RESERVE_FLAGS | MAP_FIXED_NOREPLACE,
			      -1, 0);
	} else {
		uint64_t align = MAX(im->max_align, (uint64_t)gmem_page_size(mem));
		r = -ENOMEM;
		if (base) {
			base = (base + align - 1) & ~(align - 1);
			r = gmem_mmap(mem, base, span, PROT_NONE,
				      RESERVE_FLAGS | MAP_FIXED_NOREPLACE, -1, 0);
		}
		if (r < 0)
			r = reserve_anywhere(mem, span, align);
	}
	if (r < 0) {
		loader_error(err, 1, "cannot map segments at %#llx: %s",
			     (unsigned long long)im->lo, strerror((int)-r));
		return -1;
	}
	*bias = (uint64_t)r - im->lo;
	return 0;
}

/* Maps one PT_LOAD at p_vaddr + bias inside the reservation. */
static int map_segment(GuestMem *mem, const ElfImage *im, size_t i, uint64_t bias,
		       LoaderError *err)
{
	const GElf_Phdr *ph = &im->ph[i];
	uint64_t mask = gmem_page_size(mem) - 1;
	uint64_t v = ph->p_vaddr + bias, pstart = v & ~mask;
	uint64_t fend = v + ph->p_filesz, mend_page = (v + ph->p_memsz + mask) & ~mask;
	uint64_t file_off = ph->p_offset - (v & mask);
	uint64_t file_pages = ph->p_filesz ? ((fend + mask) & ~mask) - pstart : 0;
	uint64_t eof_page = (im->file_size + mask) & ~mask;
	uint64_t avail = eof_page > file_off ? eof_page - file_off : 0;
	uint64_t file_len = MIN(file_pages, avail);
	int prot = pf_to_prot(ph->p_flags);
	bool clear = ph->p_memsz > ph->p_filesz && (fend & mask) && fend < pstart + file_len;
	int64_t r = 0;

	if (file_len)
		r = gmem_mmap(mem, pstart, file_len, prot | (clear ? PROT_WRITE : 0),
			      MAP_PRIVATE | MAP_FIXED, im->fd, (off_t)file_off);
	if (r >= 0 && clear) {
		uint64_t page_end = (fend + mask) & ~mask;
		memset(gmem_g2h(mem, fend), 0, page_end - fend);
		if (!(prot & PROT_WRITE))
			r = gmem_mprotect(mem, page_end - (mask + 1), mask + 1, prot);
	}
	if (r >= 0 && mend_page > pstart + file_len)
		r = gmem_mmap(mem, pstart + file_len, mend_page - (pstart + file_len), prot,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (r < 0) {
		loader_error(err, 1, "cannot map segment %zu at %#llx: %s", i,
			     (unsigned long long)v, strerror((int)-r));
		return -1;
	}
	return 0;
}

/* Where the program headers are in guest memory: PT_PHDR when present, else the
 * PT_LOAD whose file bytes contain e_phoff; 0 when neither (Linux does the same). */
static uint64_t find_phdr(const ElfImage *im, uint64_t bias)
{
	for (size_t i = 0; i < im->phnum; i++)
		if (im->ph[i].p_type == PT_PHDR)
			return im->ph[i].p_vaddr + bias;
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *ph = &im->ph[i];
		if (ph->p_type == PT_LOAD && ph->p_offset <= im->eh.e_phoff &&
		    im->eh.e_phoff - ph->p_offset < ph->p_filesz)
			return im->eh.e_phoff - ph->p_offset + ph->p_vaddr + bias;
	}
	return 0;
}

/* Code and data bounds as Linux reports them in /proc/self/stat. */
static void fill_bounds(const ElfImage *im, ElfMapped *out)
{
	uint64_t start_code = UINT64_MAX, end_code = 0, start_data = 0, end_data = 0;
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *ph = &im->ph[i];
		if (ph->p_type != PT_LOAD)
			continue;
		uint64_t fend = ph->p_vaddr + ph->p_filesz;
		if ((ph->p_flags & PF_X) && ph->p_vaddr < start_code)
			start_code = ph->p_vaddr;
		if ((ph->p_flags & PF_X) && fend > end_code)
			end_code = fend;
		start_data = MAX(start_data, ph->p_vaddr);
		end_data = MAX(end_data, fend);
	}
	if (start_code == UINT64_MAX)
		start_code = end_code = im->lo;
	out->start_code = start_code + out->bias;
	out->end_code = end_code + out->bias;
	out->start_data = start_data + out->bias;
	out->end_data = end_data + out->bias;
}

int elf_map_image(GuestMem *mem, const ElfImage *im, uint64_t base, const char *name,
		  ElfMapped *out, LoaderError *err)
{
	memset(out, 0, sizeof *out);
	if (reserve_span(mem, im, base, &out->bias, err) < 0)
		return -1;
	out->map_start = im->lo + out->bias;
	out->map_end = im->hi + out->bias;
	for (size_t i = 0; i < im->phnum; i++) {
		if (im->ph[i].p_type == PT_LOAD && map_segment(mem, im, i, out->bias, err) < 0) {
			elf_unmap_image(mem, out);
			return -1;
		}
	}
	gmem_set_name(mem, out->map_start, out->map_end - out->map_start, name);
	out->entry = im->eh.e_entry + out->bias;
	out->phdr = find_phdr(im, out->bias);
	out->brk = out->map_end;
	fill_bounds(im, out);
	return 0;
}

void elf_unmap_image(GuestMem *mem, const ElfMapped *mp)
{
	if (mp->map_end > mp->map_start)
		gmem_munmap(mem, mp->map_start, mp->map_end - mp->map_start);
}
