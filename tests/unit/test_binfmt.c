/*
 * Unit tests of binfmt support: the magic and mask derived from the ISA table (checked
 * byte for byte against the rules the ecosystem registers), header matching and
 * "does this rule claim that ISA", the register-string and Debian formats, parsing of
 * the kernel's entry files, and the runner's rewriting of the argv layouts binfmt_misc
 * hands it (flags P and O, and plain).
 */
#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/binfmt.h"
#include "runner/binfmt_args.h"
#include "tests/unit/suites.h"

static const uint8_t riscv64_magic[] = "\x7f"
                                       "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02"
                                       "\x00\xf3\x00";
static const uint8_t le_mask[] = "\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff"
                                 "\xff\xfe\xff\xff\xff";
static const uint8_t s390x_magic[] = "\x7f"
                                     "ELF\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02"
                                     "\x00\x16";
static const uint8_t be_mask[] = "\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff"
                                 "\xff\xff\xfe\xff\xff";

static BinfmtMatch match_of(const char *isa)
{
	BinfmtMatch m;
	const BinfmtIsa *i = binfmt_isa_find(isa);
	ck_assert_ptr_nonnull(i);
	binfmt_isa_match(i, &m);
	return m;
}

START_TEST(magic_mask_little_endian)
{
	BinfmtMatch m = match_of("riscv64");
	ck_assert_uint_eq(m.len, BINFMT_ELF_MAGIC_LEN);
	ck_assert_uint_eq(m.offset, 0);
	ck_assert_mem_eq(m.magic, riscv64_magic, 20);
	ck_assert_mem_eq(m.mask, le_mask, 20);
	BinfmtMatch a = match_of("aarch64");
	ck_assert_uint_eq(a.magic[18], 0xb7);
	ck_assert_uint_eq(a.magic[19], 0x00);
	ck_assert_mem_eq(a.mask, le_mask, 20);
	BinfmtMatch r32 = match_of("riscv32");
	ck_assert_uint_eq(r32.magic[EI_CLASS], ELFCLASS32);
}
END_TEST

START_TEST(magic_mask_big_endian)
{
	BinfmtMatch m = match_of("s390x");
	ck_assert_mem_eq(m.magic, s390x_magic, 20);
	ck_assert_mem_eq(m.mask, be_mask, 20);
	BinfmtMatch armeb = match_of("armeb");
	ck_assert_uint_eq(armeb.magic[EI_CLASS], ELFCLASS32);
	ck_assert_uint_eq(armeb.magic[18], 0x00);
	ck_assert_uint_eq(armeb.magic[19], 0x28);
}
END_TEST

START_TEST(header_matching)
{
	BinfmtMatch m = match_of("riscv64");
	uint8_t h[64] = {0};
	memcpy(h, riscv64_magic, 20);
	ck_assert(binfmt_match_header(&m, h, sizeof h));
	h[16] = ET_DYN;
	ck_assert(binfmt_match_header(&m, h, sizeof h));
	h[EI_OSABI] = ELFOSABI_GNU;
	ck_assert(binfmt_match_header(&m, h, sizeof h));
	h[16] = ET_REL;
	ck_assert(!binfmt_match_header(&m, h, sizeof h));
	h[16] = ET_EXEC;
	ck_assert(!binfmt_match_header(&m, h, 19));
	h[EI_CLASS] = ELFCLASS32;
	ck_assert(!binfmt_match_header(&m, h, sizeof h));
	ck_assert_str_eq(binfmt_isa_for_header(h, sizeof h)->name, "riscv32");
	h[EI_CLASS] = ELFCLASS64;
	h[18] = EM_X86_64;
	const BinfmtIsa *x = binfmt_isa_for_header(h, sizeof h);
	ck_assert_str_eq(x->name, "x86_64");
	ck_assert(binfmt_isa_is_native(x));
	ck_assert(!binfmt_isa_is_native(binfmt_isa_find("riscv64")));
	h[18] = 0x77;
	ck_assert_ptr_null(binfmt_isa_for_header(h, sizeof h));
}
END_TEST

/* Every table line yields a distinct rule that matches its own header and no other ISA's. */
START_TEST(table_rules_are_disjoint)
{
	for (size_t i = 0; i < binfmt_n_isas; i++) {
		BinfmtMatch m;
		binfmt_isa_match(&binfmt_isas[i], &m);
		for (size_t k = 0; k < binfmt_n_isas; k++)
			ck_assert_msg(binfmt_match_claims_isa(&m, &binfmt_isas[k]) == (i == k),
			              "%s vs %s", binfmt_isas[i].name, binfmt_isas[k].name);
	}
}
END_TEST

/* Another emulator's rule with a looser mask (the e_machine high byte ignored, as some
 * ppc64le registrations do) still claims the ISA; one with an extension never does. */
START_TEST(claims_other_rules)
{
	BinfmtEntry e = {.name = "qemu-ppc64le"};
	ck_assert_int_eq(binfmt_parse_entry("enabled\ninterpreter /usr/bin/qemu-ppc64le\n"
	                                    "flags: OCF\noffset 0\n"
	                                    "magic 7f454c4602010100000000000000000002001500\n"
	                                    "mask ffffffffffffff00fffffffffffffffffeffff00\n",
	                                    &e),
	                 0);
	ck_assert(binfmt_match_claims_isa(&e.match, binfmt_isa_find("ppc64le")));
	ck_assert(!binfmt_match_claims_isa(&e.match, binfmt_isa_find("ppc64")));
	ck_assert(!binfmt_match_claims_isa(&e.match, binfmt_isa_find("riscv64")));
}
END_TEST

START_TEST(register_string)
{
	char buf[512];
	BinfmtMatch m = match_of("riscv64");
	int n = binfmt_format_rule(buf, sizeof buf, "ferry-riscv64", &m, "/usr/bin/ferry-riscv64",
	                           "PF");
	const char *want = ":ferry-riscv64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00"
	                   "\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
	                   "\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:"
	                   "/usr/bin/ferry-riscv64:PF";
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(n, (int)strlen(want));
	ck_assert_int_eq(binfmt_format_rule(buf, 40, "ferry-riscv64", &m, "/x", "PF"), -1);
}
END_TEST

START_TEST(debian_format)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	BinfmtMatch m = match_of("riscv64");
	binfmt_format_debian(f, &m, "/usr/bin/ferry-riscv64", "PF");
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "package ferry\ninterpreter /usr/bin/ferry-riscv64\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nmagic \\x7fELF\\x02\\x01"));
	ck_assert_ptr_nonnull(strstr(text, "\noffset 0\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nmask \\xff\\xff"));
	ck_assert_ptr_nonnull(strstr(text, "credentials no\npreserve yes\nfix_binary yes\n"));
	free(text);
}
END_TEST

START_TEST(parse_entries)
{
	BinfmtEntry e = {.name = "ferry-riscv64"};
	ck_assert_int_eq(binfmt_parse_entry("disabled\ninterpreter /a b/ferry-riscv64\nflags: PF\n"
	                                    "offset 0\nmagic 7f454c4602010100000000000000000002"
	                                    "00f300\nmask ffffffffffffff00fffffffffffffffffeff"
	                                    "ffff\n",
	                                    &e),
	                 0);
	ck_assert_str_eq(e.name, "ferry-riscv64");
	ck_assert(!e.enabled);
	ck_assert_str_eq(e.interpreter, "/a b/ferry-riscv64");
	ck_assert_str_eq(e.flags, "PF");
	BinfmtMatch m = match_of("riscv64");
	ck_assert_uint_eq(e.match.len, 20);
	ck_assert_mem_eq(e.match.magic, m.magic, 20);
	ck_assert_mem_eq(e.match.mask, m.mask, 20);

	ck_assert_int_eq(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \nmagic 4d5a\n", &e),
	                 0);
	ck_assert_uint_eq(e.match.len, 2);
	ck_assert_uint_eq(e.match.mask[1], 0xff);
	ck_assert_int_eq(
	    binfmt_parse_entry("enabled\ninterpreter /x\nflags: \nextension .exe\n", &e), 0);
	ck_assert(e.by_extension);
	ck_assert_int_eq(binfmt_parse_entry("enabled\nmagic 7f45\nmask ff\n", &e), -1);
	ck_assert_int_eq(binfmt_parse_entry("enabled\nmagic 7g45\n", &e), -1);
}
END_TEST

static void rewrite(BinfmtAux aux, int argc, char **argv, BinfmtArgs *out)
{
	binfmt_args_rewrite(&aux, argc, argv, out);
}

static void assert_argv(const BinfmtArgs *b, const char *const *want)
{
	int n = 0;
	for (; want[n]; n++)
		ck_assert_str_eq(b->argv[n], want[n]);
	ck_assert_int_eq(b->argc, n);
	ck_assert_ptr_null(b->argv[n]);
}

START_TEST(args_preserve_argv0)
{
	char *argv[] = {"/usr/bin/ferry-riscv64", "/bin/ls", "ls", "-l", "x", NULL};
	BinfmtArgs b;
	rewrite((BinfmtAux){.preserve_argv0 = true, .exec_fd = -1, .execfn = "/bin/ls"}, 5, argv,
	        &b);
	ck_assert(b.active);
	ck_assert_int_eq(b.exec_fd, -1);
	assert_argv(&b, (const char *[]){"/usr/bin/ferry-riscv64", "-0", "ls", "--", "/bin/ls",
	                                 "-l", "x", NULL});
	free(b.argv);
	/* a caller's empty argv: the path stands in for argv[0] */
	rewrite((BinfmtAux){.preserve_argv0 = true, .exec_fd = -1}, 2, argv, &b);
	assert_argv(
	    &b, (const char *[]){"/usr/bin/ferry-riscv64", "-0", "/bin/ls", "--", "/bin/ls", NULL});
	free(b.argv);
}
END_TEST

START_TEST(args_open_binary)
{
	char *argv[] = {"ferry-riscv64", "./prog", "-h", NULL};
	BinfmtArgs b;
	rewrite((BinfmtAux){.exec_fd = 3}, 3, argv, &b);
	ck_assert(b.active);
	ck_assert_int_eq(b.exec_fd, 3);
	assert_argv(&b, (const char *[]){"ferry-riscv64", "--", "./prog", "-h", NULL});
	free(b.argv);
	/* fd 0 is a valid AT_EXECFD */
	rewrite((BinfmtAux){.exec_fd = 0}, 3, argv, &b);
	ck_assert(b.active);
	ck_assert_int_eq(b.exec_fd, 0);
	free(b.argv);
}
END_TEST

START_TEST(args_plain_binfmt_and_direct)
{
	char *argv[] = {"/usr/bin/ferry-riscv64", "-weird-name", "arg", NULL};
	BinfmtArgs b;
	rewrite((BinfmtAux){.exec_fd = -1, .execfn = "-weird-name"}, 3, argv, &b);
	ck_assert(b.active);
	assert_argv(&b,
	            (const char *[]){"/usr/bin/ferry-riscv64", "--", "-weird-name", "arg", NULL});
	free(b.argv);
	/* a person running the runner: the command line stays as it is */
	char *direct[] = {"ferry-riscv64", "-L", "/sysroot", "./prog", NULL};
	rewrite((BinfmtAux){.exec_fd = -1, .execfn = "/usr/bin/ferry-riscv64"}, 4, direct, &b);
	ck_assert(!b.active);
	ck_assert_ptr_eq(b.argv, direct);
	ck_assert_int_eq(b.argc, 4);
	rewrite((BinfmtAux){.exec_fd = -1, .execfn = NULL}, 1, direct, &b);
	ck_assert(!b.active);
}
END_TEST

Suite *binfmt_suite(void)
{
	Suite *s = suite_create("binfmt");
	TCase *t = tcase_create("rules");
	tcase_add_test(t, magic_mask_little_endian);
	tcase_add_test(t, magic_mask_big_endian);
	tcase_add_test(t, header_matching);
	tcase_add_test(t, table_rules_are_disjoint);
	tcase_add_test(t, claims_other_rules);
	tcase_add_test(t, register_string);
	tcase_add_test(t, debian_format);
	tcase_add_test(t, parse_entries);
	suite_add_tcase(s, t);
	TCase *a = tcase_create("runner_args");
	tcase_add_test(a, args_preserve_argv0);
	tcase_add_test(a, args_open_binary);
	tcase_add_test(a, args_plain_binfmt_and_direct);
	suite_add_tcase(s, a);
	return s;
}
