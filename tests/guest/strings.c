/*
 * String and memory functions: memcpy/memmove with overlaps and every small
 * alignment/length combination, memset, memcmp sign, strlen across page-ish lengths,
 * strchr/strrchr/strstr/strspn/strcspn/strtok_r, strtol/strtoul/strtoll with bases,
 * errno on overflow and end pointers, strtod on decimal and hex input, and snprintf
 * building strings. Bytes above 127 are handled as unsigned char only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t fnv(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int main(void)
{
	static unsigned char src[512], dst[512];
	for (int i = 0; i < 512; i++)
		src[i] = (unsigned char)(i * 37 + 11);

	uint32_t acc = 0;
	for (int so = 0; so < 8; so++)
		for (int dof = 0; dof < 8; dof++)
			for (int len = 0; len < 70; len++) {
				memset(dst, 0xee, sizeof dst);
				memcpy(dst + dof, src + so, len);
				acc = acc * 31 + fnv(dst, 100);
			}
	printf("memcpy matrix=%08x\n", acc);

	acc = 0;
	for (int shift = -9; shift <= 9; shift++)
		for (int len = 0; len < 300; len += 7) {
			unsigned char buf[400];
			memcpy(buf, src, sizeof buf);
			memmove(buf + 50 + shift, buf + 50, len);
			acc = acc * 31 + fnv(buf, sizeof buf);
		}
	printf("memmove overlap=%08x\n", acc);

	unsigned char a[4] = {1, 2, 200, 4}, b[4] = {1, 2, 100, 4};
	printf("memcmp sign=%d %d %d\n", memcmp(a, b, 4) > 0, memcmp(b, a, 4) < 0,
	       memcmp(a, a, 4) == 0);
	printf("memchr=%td memrchr-like=%td\n", (unsigned char *)memchr(src, src[77], 512) - src,
	       (unsigned char *)memchr(src + 100, 200, 412) - src);

	char *s = malloc(5000);
	for (int len = 0; len < 4100; len += 129) {
		memset(s, 'x', len);
		s[len] = 0;
		printf("%zu%c", strlen(s), len + 129 < 4100 ? ' ' : '\n');
	}
	free(s);

	const char *text = "the quick brown fox jumps over the lazy dog; the end";
	printf("strchr=%s strrchr=%s strstr=%s strstr(miss)=%d\n", strchr(text, 'q'),
	       strrchr(text, 't'), strstr(text, "lazy"), strstr(text, "cat") == NULL);
	printf("strspn=%zu strcspn=%zu strncmp=%d strcasecmp=%d\n", strspn(text, "the "),
	       strcspn(text, ";"), strncmp(text, "the quack", 6) == 0, strcasecmp("FeRRy", "ferry"));
	char tok[] = "a,b;;c d,,e";
	char *save = NULL;
	for (char *t = strtok_r(tok, ",; ", &save); t; t = strtok_r(NULL, ",; ", &save))
		printf("[%s]", t);
	printf("\n");

	static const struct {
		const char *s;
		int base;
	} nums[] = {{"12345", 10},  {"-0x1F", 16},   {"0777", 0},  {"0x7fffffffffffffff", 0},
		    {"9223372036854775808", 10}, {"-9223372036854775809", 10}, {"zz", 36},
		    {"  +42abc", 10}, {"101010", 2}, {"", 10}, {"0x", 16}};
	for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char *end;
		errno = 0;
		long long v = strtoll(nums[i].s, &end, nums[i].base);
		int e1 = errno;
		errno = 0;
		unsigned long long u = strtoull(nums[i].s, NULL, nums[i].base);
		int e2 = errno;
		printf("strtoll(\"%s\",%d)=%lld erange=%d end=+%td strtoull=%llu erange=%d\n",
		       nums[i].s, nums[i].base, v, e1 == ERANGE, end - nums[i].s, u, e2 == ERANGE);
	}
	long lv = strtol("-2147483649", NULL, 10);
	printf("strtol 64-bit long=%ld\n", lv);

	static const char *dbls[] = {"3.14159", "-1e-5", "0x1.8p3", "1e400", "2.2250738585072011e-308",
				     "  .5e+2xyz", "inf", "-INFINITY", "123456789012345678901234567890",
				     "0.1", "4.9e-324"};
	for (unsigned i = 0; i < sizeof dbls / sizeof dbls[0]; i++) {
		char *end;
		errno = 0;
		double v = strtod(dbls[i], &end);
		printf("strtod(\"%s\")=%a (%.17g) erange=%d end=+%td\n", dbls[i], v, v, errno == ERANGE,
		       end - dbls[i]);
	}
	float f = strtof("0.1", NULL);
	printf("strtof(0.1)=%a\n", (double)f);

	char out[64];
	int n = 0;
	for (int i = 0; i < 10; i++)
		n += snprintf(out + n, sizeof out - n, "%d,", i * i);
	printf("built=%s n=%d\n", out, n);
	char *dup = strdup(text);
	printf("strdup equal=%d strndup=%s\n", strcmp(dup, text) == 0, strndup(text, 9));
	free(dup);
	char cat[32] = "ab";
	strncat(cat, "cdefgh", 3);
	strcat(cat, "!");
	printf("strcat=%s\n", cat);
	return 0;
}
