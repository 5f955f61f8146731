/*
 * Builds the guest's initial stack the way Linux's binfmt_elf lays it out, so the guest
 * C library's start-up code finds what it expects. From the top of the stack mapping
 * down: one zero word, the AT_EXECFN string, the environment strings, the argument
 * strings, the AT_PLATFORM string, the 16 AT_RANDOM bytes; then, 16-byte aligned, the
 * table sp points at: argc, argv[] and NULL, envp[] and NULL, the auxv pairs ending with
 * AT_NULL. Table words use the guest's word size and byte order (LoaderArch), so the same
 * code serves 32- and 64-bit, little- and big-endian guests.
 */
#include "loader/loader_int.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include <glib.h>

#define AUXV_MAX_PAIRS 24

/* The guest-format word table under construction. */
typedef struct StackTable {
	uint8_t *buf;
	size_t words, pos;
	unsigned word;   /* 4 or 8 bytes */
	bool msb;        /* big-endian guest */
} StackTable;

static void table_put(StackTable *t, uint64_t v)
{
	uint8_t *p = t->buf + t->pos++ * t->word;
	for (unsigned i = 0; i < t->word; i++) {
		unsigned shift = 8 * (t->msb ? t->word - 1 - i : i);
		p[i] = (uint8_t)(v >> shift);
	}
}

static size_t str_count(char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* Copies s below *top; returns its guest address. */
static uint64_t push_bytes(GuestMem *mem, uint64_t *top, const void *s, size_t len)
{
	*top -= len;
	memcpy(gmem_g2h(mem, *top), s, len);
	return *top;
}

/* Bytes the strings, random bytes and table will need, with generous alignment slack. */
static uint64_t stack_need(const LoaderParams *p, const char *execfn, const char *platform,
			   size_t argc, size_t envc, unsigned word)
{
	uint64_t n = word + strlen(execfn) + 1 + 16 + 64;
	if (platform)
		n += strlen(platform) + 1;
	for (size_t i = 0; i < argc; i++)
		n += strlen(p->argv[i]) + 1;
	for (size_t i = 0; i < envc; i++)
		n += strlen(p->envp[i]) + 1;
	return n + (uint64_t)(argc + envc + 3 + 2 * AUXV_MAX_PAIRS) * word;
}

static void put_aux(StackTable *t, uint64_t type, uint64_t val)
{
	table_put(t, type);
	table_put(t, val);
}

/* The auxiliary vector, in the order Linux writes it, so the guest sees the same vector
 * it would see natively. */
static void put_auxv(StackTable *t, const LoaderArch *arch, const LoaderParams *p,
		     const LoadedImage *img, size_t page, uint64_t random, uint64_t execfn,
		     uint64_t platform)
{
	long clk = sysconf(_SC_CLK_TCK);
	put_aux(t, AT_HWCAP, arch->hwcap);
	put_aux(t, AT_PAGESZ, page);
	put_aux(t, AT_CLKTCK, clk > 0 ? (uint64_t)clk : 100);
	put_aux(t, AT_PHDR, img->phdr);
	put_aux(t, AT_PHENT, img->phent);
	put_aux(t, AT_PHNUM, img->phnum);
	put_aux(t, AT_BASE, img->interp_base);
	put_aux(t, AT_FLAGS, p->at_flags);
	put_aux(t, AT_ENTRY, img->prog_entry);
	put_aux(t, AT_UID, p->uid);
	put_aux(t, AT_EUID, p->euid);
	put_aux(t, AT_GID, p->gid);
	put_aux(t, AT_EGID, p->egid);
	put_aux(t, AT_SECURE, p->secure);
	put_aux(t, AT_RANDOM, random);
	if (arch->hwcap2)
		put_aux(t, AT_HWCAP2, arch->hwcap2);
	put_aux(t, AT_EXECFN, execfn);
	if (platform)
		put_aux(t, AT_PLATFORM, platform);
	put_aux(t, AT_NULL, 0);
}

static int fill_random(uint8_t out[16])
{
	size_t got = 0;
	while (got < 16) {
		ssize_t n = getrandom(out + got, 16 - got, 0);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0)
			got += (size_t)n;
	}
	return 0;
}

/* Maps the stack; fills stack_limit and stack_top. */
static int map_stack(const LoaderParams *p, GuestMem *mem, LoadedImage *img, LoaderError *err)
{
	int prot = PROT_READ | PROT_WRITE | (img->exec_stack ? PROT_EXEC : 0);
	int64_t r = gmem_mmap(mem, 0, p->stack_size, prot,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r < 0) {
		loader_error(err, 1, "cannot map a %llu-byte stack: %s",
			     (unsigned long long)p->stack_size, strerror((int)-r));
		return -1;
	}
	size_t mask = gmem_page_size(mem) - 1;
	img->stack_limit = (uint64_t)r;
	img->stack_top = (uint64_t)r + ((p->stack_size + mask) & ~(uint64_t)mask);
	gmem_set_name(mem, img->stack_limit, img->stack_top - img->stack_limit, "[stack]");
	return 0;
}

/* Copies the strings below top; fills the guest addresses of argv, envp and the rest. */
static uint64_t push_strings(GuestMem *mem, const LoaderParams *p, const char *execfn,
			     const char *platform, const uint8_t rnd[16], uint64_t top,
			     uint64_t *argv_at, uint64_t *envp_at, uint64_t out[3])
{
	size_t argc = str_count(p->argv), envc = str_count(p->envp);
	out[0] = push_bytes(mem, &top, execfn, strlen(execfn) + 1);
	for (size_t i = envc; i-- > 0;)
		envp_at[i] = push_bytes(mem, &top, p->envp[i], strlen(p->envp[i]) + 1);
	for (size_t i = argc; i-- > 0;)
		argv_at[i] = push_bytes(mem, &top, p->argv[i], strlen(p->argv[i]) + 1);
	out[1] = platform ? push_bytes(mem, &top, platform, strlen(platform) + 1) : 0;
	top &= ~(uint64_t)15;
	out[2] = push_bytes(mem, &top, rnd, 16);
	return top;
}

int loader_build_stack(const LoaderArch *arch, const LoaderParams *p, GuestMem *mem,
		       LoadedImage *img, LoaderError *err)
{
	unsigned word = arch->elf_class == ELFCLASS64 ? 8 : 4;
	const char *execfn = p->execfn ? p->execfn : p->path;
	size_t argc = str_count(p->argv), envc = str_count(p->envp);
	uint8_t rnd[16];
	if (fill_random(rnd) < 0) {
		loader_error(err, 1, "cannot get random bytes: %s", strerror(errno));
		return -1;
	}
	if (p->stack_size < gmem_page_size(mem) || p->stack_size > gmem_limit(mem) / 2) {
		loader_error(err, 1, "bad stack size %llu", (unsigned long long)p->stack_size);
		return -1;
	}
	/* Linux caps arguments and environment at a quarter of the stack. */
	if (stack_need(p, execfn, arch->platform, argc, envc, word) > p->stack_size / 4) {
		loader_error(err, 1, "%s", strerror(E2BIG));
		return -1;
	}
	if (map_stack(p, mem, img, err) < 0)
		return -1;
	uint64_t *argv_at = g_new0(uint64_t, argc + 1), *envp_at = g_new0(uint64_t, envc + 1);
	uint64_t at[3]; /* execfn, platform, random */
	uint64_t top = push_strings(mem, p, execfn, arch->platform, rnd, img->stack_top - word,
				    argv_at, envp_at, at);
	StackTable t = { .word = word, .msb = arch->elf_data == ELFDATA2MSB };
	t.words = 1 + argc + 1 + envc + 1 + 2 * AUXV_MAX_PAIRS;
	t.buf = g_malloc0(t.words * word);
	table_put(&t, argc);
	for (size_t i = 0; i <= argc; i++)
		table_put(&t, argv_at[i]);
	for (size_t i = 0; i <= envc; i++)
		table_put(&t, envp_at[i]);
	size_t aux_start = t.pos;
	put_auxv(&t, arch, p, img, gmem_page_size(mem), at[2], at[0], at[1]);
	img->sp = (top - t.pos * word) & ~(uint64_t)15;
	img->auxv_addr = img->sp + aux_start * word;
	img->auxv_len = (t.pos - aux_start) * word;
	memcpy(gmem_g2h(mem, img->sp), t.buf, t.pos * word);
	g_free(t.buf);
	g_free(argv_at);
	g_free(envp_at);
	return 0;
}
