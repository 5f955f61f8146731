/*
 * The code and dirty page bitmaps of one RAM region (code_pages.h). A page is set dirty
 * only while it is code; taking a dirty page clears its code bit first, then its dirty
 * bit, so a write racing with the take either lands in this round or finds the page no
 * longer code (its blocks are being dropped anyway).
 */
#include "sysemu/code_pages.h"

#include <stdlib.h>

struct CodePages {
	uint64_t n_pages;
	uint64_t n_dirty; /* atomic */
	uint64_t *code, *dirty;
};

#define WORD(page) ((page) / 64)
#define BIT(page)  (UINT64_C(1) << ((page) % 64))

static size_t n_words(const CodePages *cp)
{
	return (size_t)((cp->n_pages + 63) / 64);
}

CodePages *code_pages_new(uint64_t n_pages)
{
	CodePages *cp = calloc(1, sizeof *cp);
	if (!cp)
		return NULL;
	cp->n_pages = n_pages;
	cp->code = calloc(n_words(cp), sizeof *cp->code);
	cp->dirty = calloc(n_words(cp), sizeof *cp->dirty);
	if (!cp->code || !cp->dirty) {
		code_pages_free(cp);
		return NULL;
	}
	return cp;
}

void code_pages_free(CodePages *cp)
{
	if (!cp)
		return;
	free(cp->code);
	free(cp->dirty);
	free(cp);
}

bool code_pages_mark(CodePages *cp, uint64_t page)
{
	uint64_t *w = &cp->code[WORD(page)];
	if (__atomic_load_n(w, __ATOMIC_SEQ_CST) & BIT(page))
		return false;
	return !(__atomic_fetch_or(w, BIT(page), __ATOMIC_SEQ_CST) & BIT(page));
}

bool code_pages_is_code(const CodePages *cp, uint64_t page)
{
	return __atomic_load_n(&cp->code[WORD(page)], __ATOMIC_SEQ_CST) & BIT(page);
}

void code_pages_written(CodePages *cp, uint64_t first, uint64_t last)
{
	for (uint64_t page = first; page <= last && page < cp->n_pages; page++) {
		if (!code_pages_is_code(cp, page) ||
		    (__atomic_load_n(&cp->dirty[WORD(page)], __ATOMIC_RELAXED) & BIT(page)))
			continue;
		if (!(__atomic_fetch_or(&cp->dirty[WORD(page)], BIT(page), __ATOMIC_SEQ_CST) &
		      BIT(page)))
			__atomic_add_fetch(&cp->n_dirty, 1, __ATOMIC_SEQ_CST);
	}
}

bool code_pages_any_dirty(const CodePages *cp)
{
	return __atomic_load_n(&cp->n_dirty, __ATOMIC_SEQ_CST) != 0;
}

/* Takes one dirty page: code bit, then dirty bit (see above). */
static bool take_page(CodePages *cp, uint64_t page)
{
	__atomic_and_fetch(&cp->code[WORD(page)], ~BIT(page), __ATOMIC_SEQ_CST);
	if (!(__atomic_fetch_and(&cp->dirty[WORD(page)], ~BIT(page), __ATOMIC_SEQ_CST) & BIT(page)))
		return false;
	__atomic_sub_fetch(&cp->n_dirty, 1, __ATOMIC_SEQ_CST);
	return true;
}

size_t code_pages_take_dirty(CodePages *cp, uint64_t *pages, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < n_words(cp) && n < max && code_pages_any_dirty(cp); i++) {
		uint64_t bits = __atomic_load_n(&cp->dirty[i], __ATOMIC_SEQ_CST);
		while (bits && n < max) {
			uint64_t page = (uint64_t)i * 64 + (uint64_t)__builtin_ctzll(bits);
			bits &= bits - 1;
			if (take_page(cp, page))
				pages[n++] = page;
		}
	}
	return n;
}

void code_pages_clear(CodePages *cp)
{
	for (size_t i = 0; i < n_words(cp); i++) {
		__atomic_store_n(&cp->code[i], 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&cp->dirty[i], 0, __ATOMIC_SEQ_CST);
	}
	__atomic_store_n(&cp->n_dirty, 0, __ATOMIC_SEQ_CST);
}
