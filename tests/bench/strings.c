/*
 * Stresses the C library's string and memory routines and the translation of their
 * hand-tuned code: memcpy, memmove, memset, strlen, strcmp, memcmp and memchr at sizes
 * from 1 byte to 16 KiB (mostly small, as in real programs), at varied alignments.
 * usage: strings [SCALE]; prints a checksum of all results.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUF = 64 * 1024, MAXLEN = 16 * 1024 };

static uint64_t state = 0x243f6a8885a308d3u;

static uint32_t rnd(void) /* xorshift64, upper half */
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (uint32_t)(state >> 32);
}

/* A length: three quarters below 64 bytes, the rest spread up to MAXLEN. */
static size_t some_length(void)
{
	uint32_t r = rnd();
	if (r % 4 != 0)
		return 1 + (r >> 8) % 64;
	return 1 + (r >> 8) % MAXLEN;
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	char *src = malloc(BUF), *dst = malloc(BUF);
	if (!src || !dst)
		return 1;
	for (size_t i = 0; i < BUF; i++)
		src[i] = (char)(1 + rnd() % 255); /* no zero bytes */
	memcpy(dst, src, BUF);
	uint64_t check = 0;
	for (long it = 0; it < 3000000 * scale; it++) {
		size_t n = some_length();
		size_t so = rnd() % (BUF - MAXLEN - 1), d = rnd() % (BUF - MAXLEN - 1);
		switch (it % 7) {
		case 0:
			memcpy(dst + d, src + so, n);
			check += (unsigned char)dst[d + n / 2];
			break;
		case 1:
			memmove(dst + d, dst + d + n % 13, n); /* overlapping */
			check += (unsigned char)dst[d];
			break;
		case 2:
			memset(dst + d, (int)(1 + n % 200), n);
			check += (unsigned char)dst[d + n - 1];
			break;
		case 3: { /* a string ending n bytes on */
			char saved = dst[d + n];
			dst[d + n] = 0;
			check += strlen(dst + d);
			dst[d + n] = saved;
			break;
		}
		case 4: { /* two equal strings, or differing at one place */
			memcpy(dst + d, src + so, n);
			char s1 = src[so + n], s2 = dst[d + n];
			src[so + n] = 0;
			dst[d + n] = 0;
			if (it % 3 == 0)
				dst[d + n / 2] ^= 1;
			int c = strcmp(dst + d, src + so);
			check += (uint64_t)(c < 0 ? 1 : c > 0 ? 2 : 3);
			dst[d + n / 2] = src[so + n / 2];
			src[so + n] = s1;
			dst[d + n] = s2;
			break;
		}
		case 5:
			memcpy(dst + d, src + so, n);
			if (it % 2)
				dst[d + rnd() % n] ^= 0x40;
			int c = memcmp(dst + d, src + so, n);
			check += (uint64_t)(c < 0 ? 5 : c > 0 ? 7 : 11);
			break;
		default: { /* a byte that first appears at a known place, or not at all */
			char *hit = memchr(src + so, 0, n);
			check += hit ? 13 : 17; /* never found: src has no zeros */
			char saved = src[so + n - 1];
			src[so + n - 1] = 0;
			hit = memchr(src + so, 0, n);
			check += (uint64_t)(hit - (src + so));
			src[so + n - 1] = saved;
			break;
		}
		}
		check *= 3;
	}
	uint64_t sum = 0;
	for (size_t i = 0; i < BUF; i++)
		sum = sum * 31 + (unsigned char)dst[i];
	printf("strings scale=%ld checksum=%016llx buffer=%016llx\n", scale,
	       (unsigned long long)check, (unsigned long long)sum);
	free(src);
	free(dst);
	return 0;
}
