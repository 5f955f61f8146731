/*
 * The Check unit-test driver: runs every suite below in one SRunner and prints Check's
 * own summary. Each suite lives in its own test_*.c file beside this one; a suite whose
 * file is not linked in (declared weak) is skipped.
 */
#include <check.h>
#include <stdlib.h>

#include "tests/unit/suites.h"

static Suite *(*const suites[])(void) = {
#define UNIT_SUITE(fn) fn,
	UNIT_SUITES(UNIT_SUITE)
#undef UNIT_SUITE
};

int main(void)
{
	SRunner *runner = srunner_create(NULL);
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		if (suites[i])
			srunner_add_suite(runner, suites[i]());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
