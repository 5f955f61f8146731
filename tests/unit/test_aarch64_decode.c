/*
 * Unit tests for the aarch64 decoder, disassembler and block translator: the index
 * finds every table line's own encoding, logical immediates decode as DecodeBitMasks
 * says (reserved patterns refused), the disassembly of words assembled by
 * aarch64-linux-gnu-as (binutils 2.40) reads as objdump's modulo the documented
 * differences (canonical names where objdump prints an alias the table does not list,
 * hex immediates, absolute targets), and every instruction word the decoder accepts
 * translates to IR that ir_verify accepts, for a sweep of pseudo-random words.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/aarch64/a64_cpu.h"
#include "frontends/aarch64/decode.h"
#include "jit/ir.h"
#include "tests/unit/suites.h"

typedef struct DisasCase {
	uint32_t word;
	uint64_t pc;
	const char *text;
} DisasCase;

static const DisasCase disas_cases[] = {
    {0x8b020020, 0, "add\tx0, x1, x2"},
    {0x2b050c83, 0, "adds\tw3, w4, w5, lsl #3"},
    {0xf100041f, 0, "cmp\tx0, #0x1"},
    {0xd10083ff, 0, "sub\tsp, sp, #0x20"},
    {0xaa0203e1, 0, "mov\tx1, x2"},
    {0x92401c20, 0, "and\tx0, x1, #0xff"},
    {0xd2a24681, 0, "movz\tx1, #0x1234, lsl #16"},
    {0xd3442c20, 0, "ubfm\tx0, x1, #4, #11"},
    {0x1a821020, 0, "csel\tw0, w1, w2, ne"},
    {0xfa430824, 0, "ccmp\tx1, #3, #4, eq"},
    {0x9b020c20, 0, "madd\tx0, x1, x2, x3"},
    {0xf9400401, 0, "ldr\tx1, [x0, #8]"},
    {0xa8c17bfd, 0, "ldp\tx29, x30, [sp], #16"},
    {0xadbf07e0, 0, "stp\tq0, q1, [sp, #-32]!"},
    {0x885ffc41, 0, "ldaxr\tw1, [x2]"},
    {0x0803fca4, 0, "stlxrb\tw3, w4, [x5]"},
    {0xb8e30281, 0, "ldaddal\tw3, w1, [x20]"},
    {0xf823009f, 0, "stadd\tx3, [x4]"},
    {0x08a17c62, 0, "casb\tw1, w2, [x3]"},
    {0xd53bd040, 0, "mrs\tx0, tpidr_el0"},
    {0xd5033bbf, 0, "dmb\tish"},
    {0xd4000001, 0, "svc\t#0x0"},
    {0xd65f03c0, 0, "ret"},
    {0xf867d8c5, 0, "ldr\tx5, [x6, w7, sxtw #3]"},
    {0x54000041, 0x1000, "b.ne\t0x1008"},
    {0x97ffffff, 0x1000, "bl\t0xffc"},
    {0x4e010c20, 0, "dup\t0x4e010c20"},
    {0x00000000, 0, "udf\t#0x0"},
    {0x04000000, 0, ".inst\t0x04000000"},
};

START_TEST(test_disas)
{
	char buf[128];
	for (size_t i = 0; i < sizeof disas_cases / sizeof disas_cases[0]; i++) {
		a64_disas_insn(disas_cases[i].word, disas_cases[i].pc, buf, sizeof buf);
		ck_assert_msg(!strcmp(buf, disas_cases[i].text), "0x%08x: got '%s', want '%s'",
		              disas_cases[i].word, buf, disas_cases[i].text);
	}
}
END_TEST

START_TEST(test_decode_fields)
{
	A64Insn in;
	/* ldp x29, x30, [sp], #16 */
	ck_assert_ptr_nonnull(a64_decode(0xa8c17bfd, &in));
	ck_assert_int_eq(in.pat->format, A64F_LS_PAIR_POST);
	ck_assert_int_eq(in.rd, 29);
	ck_assert_int_eq(in.ra, 30);
	ck_assert_int_eq(in.rn, 31);
	ck_assert_int_eq(in.imm, 16);
	ck_assert_int_eq(in.scale, 3);
	/* stp q0, q1, [sp, #-32]! */
	ck_assert_ptr_nonnull(a64_decode(0xadbf07e0, &in));
	ck_assert_int_eq(in.scale, 4);
	ck_assert_int_eq(in.imm, -32);
	/* adrp x0, +0x1000 pages back: immhi:immlo = -1 */
	ck_assert_ptr_nonnull(a64_decode(0xf0ffffe0, &in));
	ck_assert_int_eq(in.imm, -4096);
	/* tbnz x2, #63 */
	ck_assert_ptr_nonnull(a64_decode(0xb7f80002, &in));
	ck_assert_int_eq(in.imm2, 63);
	/* mrs x0, tpidr_el0: op0=3 op1=3 CRn=13 CRm=0 op2=2 */
	ck_assert_ptr_nonnull(a64_decode(0xd53bd040, &in));
	ck_assert_int_eq(in.imm, 3 << 14 | 3 << 11 | 13 << 7 | 2);
	/* the zero word is udf #0 */
	ck_assert_ptr_nonnull(a64_decode(0, &in));
	ck_assert_str_eq(in.pat->mnemonic, "udf");
}
END_TEST

START_TEST(test_bitmask)
{
	uint64_t v;
	ck_assert(a64_decode_bitmask(1, 0, 0, 64, &v));
	ck_assert_uint_eq(v, 1);
	ck_assert(a64_decode_bitmask(0, 0, 0x3c, 64, &v)); /* 2-bit element 01 */
	ck_assert_uint_eq(v, 0x5555555555555555ull);
	ck_assert(a64_decode_bitmask(0, 1, 0x3c, 64, &v)); /* rotated: 10 */
	ck_assert_uint_eq(v, 0xaaaaaaaaaaaaaaaaull);
	ck_assert(a64_decode_bitmask(0, 0, 0x07, 32, &v)); /* 32-bit element of 8 ones */
	ck_assert_uint_eq(v, 0xff);
	ck_assert(a64_decode_bitmask(1, 1, 0x3e, 64, &v)); /* 63 ones rotated by 1 */
	ck_assert_uint_eq(v, 0xbfffffffffffffffull);
	ck_assert(!a64_decode_bitmask(1, 0, 0x3f, 64, &v)); /* all ones: reserved */
	ck_assert(!a64_decode_bitmask(0, 0, 0x3f, 64, &v)); /* no element size */
	ck_assert(!a64_decode_bitmask(1, 0, 0, 32, &v));    /* 64-bit element in W */
}
END_TEST

/* Every table line decodes its own match word to a line that accepts it (itself or an
 * alias listed before it). */
START_TEST(test_table_lines_reachable)
{
	ck_assert_uint_gt(a64_pattern_count(), 200);
	A64Insn in;
	static const uint32_t probes[] = {0x14000000, 0x54000000, 0x34000000, 0x36000000,
	                                  0xd61f0000, 0x88400000, 0x38200000, 0x39400000,
	                                  0x29400000, 0x1ac00800, 0x9b400000, 0x13800000};
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		const A64Pattern *p = a64_decode(probes[i], &in);
		ck_assert_msg(p != NULL, "0x%08x did not decode", probes[i]);
		ck_assert_uint_eq(probes[i] & p->mask, p->match);
	}
}
END_TEST

typedef struct CodeBuf {
	uint32_t words[4];
	uint64_t base;
} CodeBuf;

static int code_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	const CodeBuf *c = opaque;
	if (pc < c->base || pc + len > c->base + sizeof c->words)
		return -EFAULT;
	memcpy(buf, (const uint8_t *)c->words + (pc - c->base), len);
	return 0;
}

/* A sweep of pseudo-random words: whatever decodes must translate to valid IR, and
 * what does not must give a block that exits ILLEGAL. */
START_TEST(test_translate_sweep)
{
	CodeBuf code = {{0, 0xd503201f, 0xd65f03c0, 0}, 0x10000};
	GuestFetch fetch = {code_read, &code};
	IrBlock b;
	ir_block_init(&b, code.base);
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned decoded = 0;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		code.words[0] = (uint32_t)x;
		A64Insn in;
		if (a64_decode(code.words[0], &in))
			decoded++;
		ir_block_reset(&b, code.base);
		aarch64_arch.translate(&b, &fetch, code.base);
		char err[256];
		ck_assert_msg(ir_verify(&b, err, sizeof err), "0x%08x: %s", code.words[0], err);
		ck_assert_uint_ge(b.guest_insns, 1);
	}
	ck_assert_uint_gt(decoded, 10000);
	ir_block_free(&b);
}
END_TEST

/* Encodings a table line matches but the architecture reserves must raise SIGILL. */
START_TEST(test_reserved_forms_are_illegal)
{
	static const uint32_t words[] = {
		0x2e024020, /* ext v0.8b, v1.8b, v2.8b, #8: imm4<3> set with Q = 0 */
		0x2e027820, /* ext v0.8b, v1.8b, v2.8b, #15 */
	};
	CodeBuf code = {{0, 0xd503201f, 0xd65f03c0, 0}, 0x10000};
	GuestFetch fetch = {code_read, &code};
	IrBlock b;
	ir_block_init(&b, code.base);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		code.words[0] = words[i];
		ir_block_reset(&b, code.base);
		aarch64_arch.translate(&b, &fetch, code.base);
		const IrInsn *last = &b.insns[b.n_insns - 1];
		ck_assert_msg(last->op == IR_EXIT && last->aux == CPU_EXIT_ILLEGAL, "0x%08x", words[i]);
	}
	ir_block_free(&b);
}
END_TEST

Suite *aarch64_decode_suite(void)
{
	Suite *s = suite_create("aarch64_decode");
	TCase *tc = tcase_create("decode");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_disas);
	tcase_add_test(tc, test_decode_fields);
	tcase_add_test(tc, test_bitmask);
	tcase_add_test(tc, test_table_lines_reachable);
	tcase_add_test(tc, test_translate_sweep);
	tcase_add_test(tc, test_reserved_forms_are_illegal);
	suite_add_tcase(s, tc);
	return s;
}
