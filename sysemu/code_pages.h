/*
 * Which pages of one RAM region hold code that blocks were translated from, and which of
 * those were written since: two bitmaps with one bit per 4 KiB page, and a count of the
 * dirty ones so that "anything to drop?" is one load. The bus keeps one per RAM region
 * (bus.h: bus_code_*); pages are numbered from the region's start.
 *
 * Every operation is lock-free and may run on any thread at any time (translating
 * harts, storing harts, device threads doing DMA): bits change with atomic
 * read-modify-writes, and marking a page code is sequentially consistent so that a
 * hart filling its TLB and re-checking the code bit afterwards (mmu.c) cannot miss it.
 */
#ifndef FERRY_SYSEMU_CODE_PAGES_H
#define FERRY_SYSEMU_CODE_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CodePages CodePages;

CodePages *code_pages_new(uint64_t n_pages);
void code_pages_free(CodePages *cp);
/* Marks page as code; true when it was not. */
bool code_pages_mark(CodePages *cp, uint64_t page);
bool code_pages_is_code(const CodePages *cp, uint64_t page);
/* Marks the code pages among [first, last] dirty. */
void code_pages_written(CodePages *cp, uint64_t first, uint64_t last);
/* Whether any page is dirty. */
bool code_pages_any_dirty(const CodePages *cp);
/* Moves up to max dirty pages' numbers into pages, clearing their code and dirty bits;
 * how many. */
size_t code_pages_take_dirty(CodePages *cp, uint64_t *pages, size_t max);
/* Forgets every page (the memory was replaced wholesale; nothing runs). */
void code_pages_clear(CodePages *cp);

#endif
