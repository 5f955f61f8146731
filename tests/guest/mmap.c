/*
 * Memory mapping: anonymous private and shared mappings (zero filled), file-backed
 * MAP_SHARED writes reaching the file and MAP_PRIVATE copy-on-write not reaching it,
 * mprotect to read-only and back, partial munmap, mremap growth (moving allowed) with
 * contents kept, MAP_FIXED over part of a mapping, and realloc of big heap blocks
 * (which glibc services with mremap). Addresses themselves are never printed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint32_t fnv(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int main(void)
{
	const size_t pg = 4096, len = 64 * 4096;
	unsigned char *a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED)
		return 1;
	size_t nonzero = 0;
	for (size_t i = 0; i < len; i++)
		nonzero += a[i] != 0;
	printf("anon zero filled: nonzero=%zu\n", nonzero);
	for (size_t i = 0; i < len; i++)
		a[i] = (unsigned char)(i ^ (i >> 9));
	printf("anon checksum=%08x\n", fnv(a, len));

	printf("mprotect ro=%d\n", mprotect(a + pg, pg, PROT_READ));
	printf("still readable=%d\n", a[pg + 5] == (unsigned char)((pg + 5) ^ ((pg + 5) >> 9)));
	printf("mprotect rw=%d\n", mprotect(a + pg, pg, PROT_READ | PROT_WRITE));
	a[pg + 5] = 0xab;
	printf("writable again=%d\n", a[pg + 5] == 0xab);

	printf("munmap middle=%d\n", munmap(a + 8 * pg, 8 * pg));
	printf("msync not mapped fails=%d\n", msync(a + 8 * pg, pg, MS_ASYNC) != 0);

	unsigned char *fixed = mmap(a + 2 * pg, 2 * pg, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED at requested=%d zeroed=%d neighbour kept=%d\n", fixed == a + 2 * pg,
	       fixed[0] == 0 && fixed[2 * pg - 1] == 0,
	       a[4 * pg] == (unsigned char)((4 * pg) ^ ((4 * pg) >> 9)));

	unsigned char *r = mremap(a + 16 * pg, 48 * pg, 200 * pg, MREMAP_MAYMOVE);
	if (r == MAP_FAILED)
		return 2;
	size_t off = 16 * pg;
	int kept = 1;
	for (size_t i = 0; i < 48 * pg; i++)
		if (r[i] != (unsigned char)((i + off) ^ ((i + off) >> 9)))
			kept = 0;
	r[200 * pg - 1] = 7;
	printf("mremap grow kept=%d tail=%d\n", kept, r[200 * pg - 1]);
	r = mremap(r, 200 * pg, 10 * pg, 0);
	printf("mremap shrink ok=%d\n", r != MAP_FAILED);
	munmap(r, 10 * pg);
	munmap(a, 8 * pg);

	unsigned char *sh = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sh[100] = 42;
	printf("shared anon=%d\n", sh[100]);
	munmap(sh, pg);

	char tpl[4200];
	const char *tmp = getenv("TMPDIR");
	snprintf(tpl, sizeof tpl, "%s/ferry-mmap-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(tpl);
	if (fd < 0)
		return 3;
	unlink(tpl);
	unsigned char block[3 * 4096];
	for (size_t i = 0; i < sizeof block; i++)
		block[i] = (unsigned char)(i * 13);
	write(fd, block, sizeof block);
	unsigned char *fm = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	printf("file map matches=%d\n", memcmp(fm, block, sizeof block) == 0);
	memcpy(fm + pg, "SHARED", 6);
	msync(fm, 3 * pg, MS_SYNC);
	char back[7] = {0};
	pread(fd, back, 6, pg);
	printf("shared write visible in file: %s\n", back);
	unsigned char *pm = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, pg);
	printf("private view at offset sees=%.6s\n", (char *)pm);
	memcpy(pm, "PRIVAT", 6);
	pread(fd, back, 6, pg);
	printf("private write not in file: %s; private view=%.6s\n", back, (char *)pm);
	/* a mapping past EOF within the last page reads zeros */
	ftruncate(fd, 2 * pg + 100);
	unsigned char *tail = mmap(NULL, 3 * pg, PROT_READ, MAP_SHARED, fd, 0);
	printf("after truncate: byte 2pg+99=%d byte 2pg+100=%d\n", tail[2 * pg + 99],
	       tail[2 * pg + 100]);
	munmap(tail, 3 * pg);
	munmap(pm, 2 * pg);
	munmap(fm, 3 * pg);
	close(fd);

	/* glibc grows large blocks in place or with mremap */
	size_t sz = 256 * 1024;
	unsigned char *big = malloc(sz);
	for (size_t i = 0; i < sz; i++)
		big[i] = (unsigned char)(i * 3);
	uint32_t before = fnv(big, sz);
	for (int k = 0; k < 5; k++) {
		sz *= 3;
		big = realloc(big, sz);
		if (!big)
			return 4;
		memset(big + sz / 3, k, sz - sz / 3);
	}
	printf("big realloc prefix kept=%d size=%zu\n", fnv(big, 256 * 1024) == before, sz);
	free(big);
	return 0;
}
