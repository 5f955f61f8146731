/* Scaffolding shared by the IR unit tests (see ir_test_util.h). */
#include "tests/unit/ir_test_util.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

TbExit toy_run(IrBlock *b, ToyCpu *cpu)
{
	char err[256];
	if (!ir_verify(b, err, sizeof err)) {
		ir_print(b, stderr);
		ck_abort_msg("invalid IR: %s", err);
	}
	Tb tb;
	memset(&tb, 0, sizeof tb);
	tb.ir = *b;
	ck_assert(tb_resolve_labels(&tb));
	uint64_t *temps = calloc(2 * b->n_temps + 1, sizeof *temps);
	TbExit x = interp_run(&tb, &cpu->common, temps, NULL);
	free(temps);
	free(tb.label_pos);
	ir_block_free(b);
	return x;
}
