/*
 * Unit tests of execve's decisions (syscall/linux/exec_argv.c): the "#!" line parsed as
 * the kernel's script loader does (blanks, one argument, header-length limits, ENOEXEC
 * cases), the interpreter's argv, the argv of a re-executed runner, and recognising
 * guest ELF, host ELF, scripts and everything else from a file's first bytes.
 */
#include <check.h>
#include <elf.h>
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "syscall/linux/exec_argv.h"
#include "tests/unit/suites.h"

static int parse(const char *text, ExecShebang *sb)
{
	return exec_parse_shebang((const uint8_t *)text, strlen(text), sb);
}

static void expect(const char *text, const char *interp, const char *arg)
{
	ExecShebang sb;
	ck_assert_int_eq(parse(text, &sb), 0);
	ck_assert_str_eq(sb.interp, interp);
	if (arg)
		ck_assert_str_eq(sb.arg, arg);
	else
		ck_assert_ptr_null(sb.arg);
}

START_TEST(test_shebang_forms)
{
	expect("#!/bin/sh\n", "/bin/sh", NULL);
	expect("#!/bin/sh", "/bin/sh", NULL);
	expect("#! \t/bin/sh\t\n", "/bin/sh", NULL);
	expect("#!/usr/bin/env python3\nprint(1)\n", "/usr/bin/env", "python3");
	/* one argument: inner blanks kept, surrounding ones dropped */
	expect("#!/bin/prog  -a  -b \t\n", "/bin/prog", "-a  -b");
	expect("#!/bin/prog -x\r\n", "/bin/prog", "-x\r");
	expect("#!rel/interp arg", "rel/interp", "arg");
}
END_TEST

START_TEST(test_shebang_errors)
{
	ExecShebang sb;
	ck_assert_int_eq(parse("#!\n", &sb), -ENOEXEC);
	ck_assert_int_eq(parse("#!   \t \n/bin/sh\n", &sb), -ENOEXEC);
	/* no newline and nothing but blanks: an empty name, which then is not found */
	ck_assert_int_eq(parse("#!  ", &sb), 0);
	ck_assert_str_eq(sb.interp, "");
	ck_assert_int_eq(parse("#/bin/sh\n", &sb), -ENOEXEC);
	ck_assert_int_eq(parse("!#/bin/sh\n", &sb), -ENOEXEC);
}
END_TEST

/* A line longer than the header: fine while the interpreter name ends inside it (the
 * argument is cut), ENOEXEC when the name itself runs past it. */
START_TEST(test_shebang_long_lines)
{
	char buf[600];
	ExecShebang sb;
	memset(buf, 'a', sizeof buf);
	memcpy(buf, "#!/bin/prog ", 12);
	buf[sizeof buf - 1] = 0;
	ck_assert_int_eq(parse(buf, &sb), 0);
	ck_assert_str_eq(sb.interp, "/bin/prog");
	ck_assert_uint_eq(strlen(sb.arg), EXEC_HEADER_SIZE - 1 - 12);

	memset(buf, 'a', sizeof buf);
	memcpy(buf, "#!/", 3);
	ck_assert_int_eq(parse(buf, &sb), -ENOEXEC);

	/* a name ending exactly where the header does is cut off too */
	memset(buf, 'a', sizeof buf);
	memcpy(buf, "#!/", 3);
	buf[EXEC_HEADER_SIZE - 1] = ' ';
	ck_assert_int_eq(parse(buf, &sb), -ENOEXEC);
	buf[EXEC_HEADER_SIZE - 2] = ' ';
	ck_assert_int_eq(parse(buf, &sb), 0);
	ck_assert_uint_eq(strlen(sb.interp), EXEC_HEADER_SIZE - 4);

	/* a newline inside the header ends the line even after a long name */
	memset(buf, 'b', sizeof buf);
	memcpy(buf, "#!/", 3);
	buf[200] = '\n';
	ck_assert_int_eq(parse(buf, &sb), 0);
	ck_assert_uint_eq(strlen(sb.interp), 198);
}
END_TEST

/* A NUL ends the name and stops the search for a newline. */
START_TEST(test_shebang_nul)
{
	static const uint8_t text[] = "#!/bin/sh\0 -x\n";
	ExecShebang sb;
	ck_assert_int_eq(exec_parse_shebang(text, sizeof text - 1, &sb), 0);
	ck_assert_str_eq(sb.interp, "/bin/sh");
	ck_assert_ptr_null(sb.arg);
}
END_TEST

static void assert_strv(char **got, const char *const *want)
{
	size_t i = 0;
	for (; want[i]; i++) {
		ck_assert_ptr_nonnull(got[i]);
		ck_assert_str_eq(got[i], want[i]);
	}
	ck_assert_ptr_null(got[i]);
}

START_TEST(test_script_argv)
{
	ExecShebang sb;
	char *argv[] = {"name-given", "one", "two", NULL};
	ck_assert_int_eq(parse("#!/usr/bin/interp -f\n", &sb), 0);
	char **v = exec_script_argv(&sb, "./script", argv);
	assert_strv(v,
	            (const char *const[]){"/usr/bin/interp", "-f", "./script", "one", "two", NULL});
	g_strfreev(v);

	ck_assert_int_eq(parse("#!/bin/sh\n", &sb), 0);
	char *none[] = {NULL};
	v = exec_script_argv(&sb, "/s", none);
	assert_strv(v, (const char *const[]){"/bin/sh", "/s", NULL});
	g_strfreev(v);
}
END_TEST

START_TEST(test_runner_argv)
{
	char *opts[] = {"-L", "/sysroot", "-strace", NULL};
	char *argv[] = {"guest-zero", "-x", "--", NULL};
	char **v = exec_runner_argv("/opt/ferry-riscv64", opts, "/bin/prog", argv);
	assert_strv(v,
	            (const char *const[]){"/opt/ferry-riscv64", "-L", "/sysroot", "-strace", "-0",
	                                  "guest-zero", "--", "/bin/prog", "-x", "--", NULL});
	g_strfreev(v);

	char *empty[] = {NULL};
	v = exec_runner_argv("r", NULL, "p", empty);
	assert_strv(v, (const char *const[]){"r", "-0", "", "--", "p", NULL});
	g_strfreev(v);
}
END_TEST

static ExecKind classify_elf(uint8_t cls, uint8_t data, uint16_t machine)
{
	static const ExecElfId rv = {EM_RISCV, ELFCLASS64, ELFDATA2LSB};
	uint8_t h[64] = {0x7f, 'E', 'L', 'F', cls, data, 1};
	h[16] = ET_EXEC;
	if (data == ELFDATA2MSB) {
		h[18] = (uint8_t)(machine >> 8);
		h[19] = (uint8_t)machine;
	} else {
		h[18] = (uint8_t)machine;
		h[19] = (uint8_t)(machine >> 8);
	}
	return exec_classify(h, sizeof h, &rv);
}

START_TEST(test_classify)
{
	static const ExecElfId rv = {EM_RISCV, ELFCLASS64, ELFDATA2LSB};
	ck_assert_int_eq(classify_elf(ELFCLASS64, ELFDATA2LSB, EM_RISCV), EXEC_GUEST_ELF);
	ck_assert_int_eq(classify_elf(ELFCLASS32, ELFDATA2LSB, EM_RISCV), EXEC_OTHER);
	ck_assert_int_eq(classify_elf(ELFCLASS64, ELFDATA2MSB, EM_RISCV), EXEC_OTHER);
	ck_assert_int_eq(classify_elf(ELFCLASS64, ELFDATA2LSB, EM_X86_64), EXEC_HOST_ELF);
	ck_assert_int_eq(classify_elf(ELFCLASS32, ELFDATA2LSB, EM_386), EXEC_HOST_ELF);
	ck_assert_int_eq(classify_elf(ELFCLASS64, ELFDATA2LSB, EM_AARCH64), EXEC_OTHER);
	ck_assert_int_eq(exec_classify((const uint8_t *)"#!/bin/sh", 9, &rv), EXEC_SCRIPT);
	ck_assert_int_eq(exec_classify((const uint8_t *)"#", 1, &rv), EXEC_OTHER);
	ck_assert_int_eq(exec_classify((const uint8_t *)"\177ELF", 4, &rv), EXEC_OTHER);
	ck_assert_int_eq(exec_classify((const uint8_t *)"", 0, &rv), EXEC_OTHER);
}
END_TEST

Suite *exec_suite(void)
{
	Suite *s = suite_create("exec");
	TCase *t = tcase_create("shebang");
	tcase_add_test(t, test_shebang_forms);
	tcase_add_test(t, test_shebang_errors);
	tcase_add_test(t, test_shebang_long_lines);
	tcase_add_test(t, test_shebang_nul);
	suite_add_tcase(s, t);
	TCase *a = tcase_create("argv");
	tcase_add_test(a, test_script_argv);
	tcase_add_test(a, test_runner_argv);
	tcase_add_test(a, test_classify);
	suite_add_tcase(s, a);
	return s;
}
