/*
 * stdio formatting: printf conversions for integers (signed, unsigned, hex, octal,
 * widths, precision, flags), doubles with %f/%e/%g/%a, strings with widths and
 * precision, %n-free snprintf truncation, and sscanf round trips. Output must match
 * the native build byte for byte.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	static const long long ints[] = {0, 1, -1, 42, -42, 127, 128, 255, 256, 32767, -32768,
					 2147483647LL, -2147483647LL - 1, 4294967295LL,
					 9223372036854775807LL, -9223372036854775807LL - 1};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		long long v = ints[i];
		printf("[%lld] [%8lld] [%-8lld|] [%+lld] [% lld] [%08lld] [%.3lld] [%llx] [%#llo] [%#llX]\n",
		       v, v, v, v, v, v, v, (unsigned long long)v, (unsigned long long)v,
		       (unsigned long long)v);
	}
	printf("[%hhd] [%hhu] [%hd] [%hu] [%d] [%u]\n", (signed char)-5, (unsigned char)250,
	       (short)-300, (unsigned short)65000, -7, 4000000000u);
	printf("[%" PRId64 "] [%" PRIu64 "] [%" PRIx32 "] [%zu] [%td]\n", INT64_MIN, UINT64_MAX,
	       UINT32_MAX, (size_t)12345, (ptrdiff_t)-9);
	printf("[%*d] [%-*d] [%.*d]\n", 6, 17, 6, 17, 5, 17);

	static const double dbl[] = {0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 3.5, 1e-5, 123456.789,
				     1e21, 1.0 / 3.0, 6.02214076e23, 1.7976931348623157e308,
				     2.2250738585072014e-308, 4.9406564584124654e-324, 1e100};
	for (size_t i = 0; i < sizeof dbl / sizeof dbl[0]; i++) {
		double d = dbl[i];
		printf("%f | %.0f | %.3f | %e | %.10e | %g | %.17g | %a | %12.4f | %-12.2e|\n", d, d, d,
		       d, d, d, d, d, d, d);
	}
	/* infinities only: the sign of a computed NaN differs between ISAs */
	volatile double zero = 0.0;
	printf("%f %f %e %g %F\n", 1.0 / zero, -1.0 / zero, -1.0 / zero, 1.0 / zero, 1.0 / zero);
	/* rounding ties in decimal conversion: glibc rounds the exact binary value */
	printf("%.1f %.1f %.1f %.2f %.2f %.0f %.0f %.0f\n", 0.25, 0.35, 0.45, 1.005, 2.675, 0.5, 1.5,
	       2.5);
	printf("%#g %#.0f %#x %#o\n", 1.0, 3.0, 0, 0);

	const char *s = "ferry";
	printf("[%s] [%10s] [%-10s] [%.3s] [%10.2s] [%c%c] [%%]\n", s, s, s, s, s, 'o', 'k');

	char buf[16];
	int n = snprintf(buf, sizeof buf, "%s-%d-%s", "truncated", 123456, "output");
	printf("snprintf ret=%d buf=[%s] len=%zu\n", n, buf, strlen(buf));
	n = snprintf(NULL, 0, "%08.3f", -3.14159);
	printf("snprintf(NULL) ret=%d\n", n);

	int a = 0, b = 0;
	unsigned x = 0;
	double dv = 0;
	char word[16] = "";
	int got = sscanf("  -17 0x1f 2.5e3 hello", "%d %i %lf %15s", &a, &b, &dv, word);
	sscanf("ff", "%x", &x);
	printf("sscanf got=%d a=%d b=%d dv=%g word=%s x=%u\n", got, a, b, dv, word, x);
	return 0;
}
