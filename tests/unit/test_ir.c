/*
 * IR builder, verifier and printer: valid blocks pass, and each class of malformed block
 * (type mismatch, use before definition, double definition, a use defined on only one
 * path, backward branch, missing label, falling off the end) is rejected with a message.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/ir.h"
#include "tests/unit/ir_test_util.h"

static void expect_invalid(IrBlock *b, const char *needle)
{
	char err[256] = "";
	ck_assert_msg(!ir_verify(b, err, sizeof err), "verifier accepted a bad block");
	ck_assert_msg(strstr(err, needle), "message '%s' lacks '%s'", err, needle);
	ir_block_free(b);
}

START_TEST(valid_block_verifies_and_prints)
{
	IrBlock b;
	ir_block_init(&b, 0x1000);
	IrTemp x = ir_get(&b, IR_I64, TOY_R(1));
	IrTemp y = ir_op2i(&b, IR_ADD, IR_I64, x, 5);
	ir_put(&b, IR_I64, TOY_R(2), y);
	ir_goto_block(&b, 0x1004, 0);
	char err[128];
	ck_assert_msg(ir_verify(&b, err, sizeof err), "%s", err);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ir_print(&b, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "ADD.i64 t1, t2"));
	ck_assert_ptr_nonnull(strstr(text, "GOTO_BLOCK 0x1004 slot=0"));
	free(text);
	ir_block_free(&b);
}
END_TEST

START_TEST(rejects_type_mismatch)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp a = ir_const(&b, IR_I64, 1);
	IrTemp c = ir_const(&b, IR_I32, 2);
	ir_op2(&b, IR_ADD, IR_I64, a, c);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	expect_invalid(&b, "is i32, expected i64");
}
END_TEST

START_TEST(rejects_use_before_definition)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp t = ir_new_temp(&b, IR_I64);
	ir_put(&b, IR_I64, TOY_R(0), t);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	expect_invalid(&b, "used before it is defined");
}
END_TEST

START_TEST(rejects_double_definition)
{
	IrBlock b;
	ir_block_init(&b, 0);
	IrTemp a = ir_const(&b, IR_I64, 1);
	ir_emit(&b, IR_CONST, IR_I64, 0, a, 0, 0, 0, 2);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	expect_invalid(&b, "defined twice");
}
END_TEST

START_TEST(rejects_value_defined_on_one_path_only)
{
	IrBlock b;
	ir_block_init(&b, 0);
	uint32_t skip = ir_new_label(&b);
	IrTemp c = ir_get(&b, IR_I64, TOY_R(0));
	ir_br(&b, c, skip);
	IrTemp v = ir_const(&b, IR_I64, 7);
	ir_label(&b, skip);
	ir_put(&b, IR_I64, TOY_R(1), v);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	expect_invalid(&b, "used before it is defined on every path");
}
END_TEST

START_TEST(rejects_backward_branch_and_missing_exit)
{
	IrBlock b;
	ir_block_init(&b, 0);
	uint32_t top = ir_new_label(&b);
	ir_label(&b, top);
	ir_jmp(&b, top);
	expect_invalid(&b, "only forward branches");

	ir_block_init(&b, 0);
	ir_put(&b, IR_I64, TOY_R(0), ir_const(&b, IR_I64, 1));
	expect_invalid(&b, "falls off its end");

	ir_block_init(&b, 0);
	uint32_t never = ir_new_label(&b);
	ir_jmp(&b, never);
	expect_invalid(&b, "not placed");
}
END_TEST

/* A branch may skip instruction boundaries only to a side exit. */
START_TEST(side_exits_may_cross_instruction_boundaries)
{
	IrBlock b;
	char err[160];
	ir_block_init(&b, 0);
	ir_insn_start(&b, 0);
	uint32_t side = ir_new_label(&b);
	ir_br(&b, ir_get(&b, IR_I64, TOY_R(0)), side);
	ir_insn_start(&b, 4);
	ir_put(&b, IR_I64, TOY_R(1), ir_const(&b, IR_I64, 7));
	ir_goto_block(&b, 8, 0);
	ir_label(&b, side);
	ir_goto_block(&b, 0x40, 1);
	ck_assert_msg(ir_verify(&b, err, sizeof err), "%s", err);
	ir_block_free(&b);

	ir_block_init(&b, 0);
	ir_insn_start(&b, 0);
	uint32_t l = ir_new_label(&b);
	ir_br(&b, ir_get(&b, IR_I64, TOY_R(0)), l);
	ir_insn_start(&b, 4);
	ir_label(&b, l);
	ir_put(&b, IR_I64, TOY_R(1), ir_const(&b, IR_I64, 7));
	ir_goto_block(&b, 8, 0);
	expect_invalid(&b, "side exit");
}
END_TEST

START_TEST(rejects_bad_extension_and_access_width)
{
	IrBlock b;
	ir_block_init(&b, 0);
	ir_exts(&b, IR_I32, ir_const(&b, IR_I64, 1), 40);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	expect_invalid(&b, "bad extension width");

	ir_block_init(&b, 0);
	ir_load(&b, IR_I32, MO_64, ir_const(&b, IR_I64, 0), 0);
	ir_exit(&b, CPU_EXIT_HALT, 0);
	expect_invalid(&b, "access wider");
}
END_TEST

Suite *ir_suite(void)
{
	Suite *s = suite_create("ir");
	TCase *tc = tcase_create("verifier");
	tcase_add_test(tc, valid_block_verifies_and_prints);
	tcase_add_test(tc, rejects_type_mismatch);
	tcase_add_test(tc, rejects_use_before_definition);
	tcase_add_test(tc, rejects_double_definition);
	tcase_add_test(tc, rejects_value_defined_on_one_path_only);
	tcase_add_test(tc, rejects_backward_branch_and_missing_exit);
	tcase_add_test(tc, rejects_bad_extension_and_access_width);
	tcase_add_test(tc, side_exits_may_cross_instruction_boundaries);
	suite_add_tcase(s, tc);
	return s;
}
