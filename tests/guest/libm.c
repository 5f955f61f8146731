/*
 * libm and floating point: results that IEEE 754 defines exactly (sqrt, fma, fmod,
 * floor/ceil/round/trunc/rint/lrint/nearbyint, + - * / and conversions, also under the
 * other rounding modes via fesetround) are printed exactly with %a; transcendental
 * functions (sin cos tan exp log log2 pow atan2 cbrt hypot), whose last ulp may legitimately
 * differ between ISAs, are printed rounded to 12 significant digits. NaNs are only tested
 * with isnan() because their sign is ISA-specific.
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static volatile double vd[] = {0.0, 0.5, 1.0, 1.5, 2.5, -2.5, 3.0, -0.75, 1e-300, 1e300,
			       123456.789, -98765.4321, 0.1, 2.0 / 3.0, 4503599627370497.0,
			       -4503599627370495.5};
enum { ND = sizeof vd / sizeof vd[0] };

static void exact_section(const char *mode)
{
	printf("== rounding %s\n", mode);
	for (int i = 0; i < ND; i++) {
		double x = vd[i];
		printf("%a: rint=%a nearbyint=%a lrint=%ld sqrt=%a div3=%a mul=%a\n", x, rint(x),
		       nearbyint(x), fabs(x) < 1e18 ? lrint(x) : 0L, sqrt(fabs(x)), x / 3.0,
		       x * 1.0000001);
	}
	volatile double a = 0.1, b = 0.2, c = 1e16, one = 1.0;
	printf("0.1+0.2=%a 1e16+1=%a 1-2^-60=%a float(0.1)=%a float(1/3)=%a\n", a + b, c + one,
	       one - 0x1p-60, (double)(float)a, (double)(float)(one / 3.0));
	volatile long long big = 9007199254740993LL;
	volatile unsigned long long ubig = 18446744073709551615ULL;
	printf("(double)2^53+1=%a (double)u64max=%a (float)2^53+1=%a\n", (double)big,
	       (double)ubig, (double)(float)big);
}

int main(void)
{
	exact_section("nearest");
	static const struct {
		int mode;
		const char *name;
	} modes[] = {{FE_DOWNWARD, "down"}, {FE_UPWARD, "up"}, {FE_TOWARDZERO, "zero"}};
	for (int m = 0; m < 3; m++) {
		fesetround(modes[m].mode);
		exact_section(modes[m].name);
	}
	fesetround(FE_TONEAREST);

	printf("== exact functions\n");
	for (int i = 0; i < ND; i++) {
		double x = vd[i];
		printf("%a: floor=%a ceil=%a round=%a trunc=%a lround=%ld fmod7=%a fmod-0.3=%a\n", x,
		       floor(x), ceil(x), round(x), trunc(x), fabs(x) < 1e18 ? lround(x) : 0L,
		       fmod(x, 7.0), fmod(x, -0.3));
	}
	volatile double fa = 0.1, fb = 10.0, fc = -1.0;
	printf("fma(0.1,10,-1)=%a plain=%a fma(2^-60 case)=%a\n", fma(fa, fb, fc), fa * fb + fc,
	       fma(1.0 + 0x1p-30, 1.0 - 0x1p-30, -1.0));
	volatile float ff = 0.1f, fg = 3.0f;
	printf("float: sqrtf(2)=%a fmaf=%a div=%a sum=%a\n", (double)sqrtf(2.0f),
	       (double)fmaf(ff, 10.0f, -1.0f), (double)(ff / fg), (double)(ff + fg));
	printf("copysign=%a fabs=%a fmin=%a fmax=%a ldexp=%a frexp-exp=", copysign(3.0, -0.0),
	       fabs(-2.5), fmin(-0.0, 1.0), fmax(2.0, 3.0), ldexp(0.75, 1000));
	int e;
	double mant = frexp(1e-310, &e);
	printf("%d mant=%a\n", e, mant);
	volatile double zero = 0.0;
	printf("isnan(0/0)=%d isinf(1/0)=%d signbit(-0)=%d sqrt(-1) isnan=%d\n",
	       isnan(zero / zero), isinf(1.0 / zero), signbit(-zero), isnan(sqrt(-1.0 + zero)));

	printf("== transcendental (12 significant digits)\n");
	static const double args[] = {0.001, 0.5, 1.0, 2.0, 3.14159, 10.0, 100.5, -7.25};
	for (unsigned i = 0; i < sizeof args / sizeof args[0]; i++) {
		double x = args[i];
		printf("x=%g sin=%.12g cos=%.12g tan=%.12g exp=%.12g log|x|=%.12g log2|x|=%.12g "
		       "pow(|x|,1.7)=%.12g atan2=%.12g cbrt=%.12g hypot=%.12g\n",
		       x, sin(x), cos(x), tan(x), exp(x), log(fabs(x)), log2(fabs(x)),
		       pow(fabs(x), 1.7), atan2(x, 1.5), cbrt(x), hypot(x, 2.0));
	}
	printf("pow(2,10)=%a pow(2,-3)=%a exp(0)=%a log(1)=%a sqrt(2)=%.17g\n", pow(2, 10),
	       pow(2, -3), exp(0), log(1), sqrt(2.0));
	return 0;
}
