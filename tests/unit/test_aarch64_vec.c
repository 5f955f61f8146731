/*
 * The aarch64 Advanced SIMD instructions translated to v128 IR against their helpers:
 * for pseudo-random encodings of every SIMD table line (the fixed bits of the line, the
 * rest random), one-instruction blocks are translated twice, with the vector IR and
 * with a64_vec_helpers_only, and run by the IR interpreter and by the JIT from the same
 * random registers; every run must leave the same registers (V, X, FPSR) and exit.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xmmintrin.h>

#include "frontends/aarch64/a64_cpu.h"
#include "frontends/aarch64/decode.h"
#include "frontends/aarch64/insn_table_simd.h"
#include "frontends/aarch64/translate_vec.h"
#include "jit/x86_64/backend.h"
#include "tests/unit/suites.h"

typedef struct Line {
	uint32_t mask, match;
} Line;

#define LINE(mn, mask, match, fmt, tr) {mask, match},
static const Line lines[] = {A64_INSN_TABLE_SIMD(LINE)};
#undef LINE

typedef struct Code {
	uint32_t word;
	uint64_t base;
} Code;

static int code_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	const Code *c = opaque;
	if (pc != c->base || len > 4)
		return -EFAULT;
	memcpy(buf, &c->word, len);
	return 0;
}

static uint64_t rng_state = 0x51ed2701a3c4e5f7ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void random_cpu(A64Cpu *cpu)
{
	memset(cpu, 0, sizeof *cpu);
	uint8_t *v = (uint8_t *)cpu->v;
	for (size_t i = 0; i < sizeof cpu->v; i++)
		v[i] = (uint8_t)(rng() % 4 ? rng() : rng() % 2 ? 0x80 : 0xff);
	for (int r = 0; r < 31; r++)
		cpu->x[r] = rng() % 4 ? rng() : rng() % 40;
}

static bool translate(IrBlock *b, Code *code, bool helpers)
{
	GuestFetch fetch = {code_read, code};
	a64_vec_helpers_only = helpers;
	ir_block_reset(b, code->base);
	aarch64_arch.translate(b, &fetch, code->base);
	a64_vec_helpers_only = false;
	char err[256];
	ck_assert_msg(ir_verify(b, err, sizeof err), "0x%08x: %s", code->word, err);
	return b->n_insns > 0 && b->insns[b->n_insns - 1].op == IR_GOTO_BLOCK;
}

/* EXT of 64-bit vectors with imm4 >= 8 is reserved, but decodes, and its helper reads
 * past the vector; it is left out like structure loads and stores, whose random
 * addresses would fault. */
static bool reserved_ext(uint32_t w)
{
	return (w & 0xbfe08400) == 0x2e000000 && !(w >> 30 & 1) && (w >> 14 & 1);
}

static bool touches_memory(const IrBlock *b)
{
	for (uint32_t i = 0; i < b->n_insns; i++) {
		const IrInsn *in = &b->insns[i];
		if (in->op == IR_LOAD || in->op == IR_STORE ||
		    (in->op == IR_CALL && ((const IrHelper *)(uintptr_t)in->imm)->flags & IRH_MEM))
			return true;
	}
	return false;
}

static TbExit run(IrBlock *b, A64Cpu *cpu, JitBackend *be)
{
	Tb tb;
	memset(&tb, 0, sizeof tb);
	tb.ir = *b;
	tb.pc = b->guest_pc;
	_mm_setcsr(_mm_getcsr() & ~0x3fu); /* helpers fold pending host FP flags into FPSR */
	if (be) {
		JitStatus st;
		JitBlock *blk = jit_compile(be, &tb, 0, JIT_STANDALONE, &st);
		ck_assert_int_eq(st, JIT_OK);
		return jit_run_one(be, blk, &cpu->common);
	}
	ck_assert(tb_resolve_labels(&tb));
	uint64_t *temps = calloc(2 * b->n_temps + 1, sizeof *temps);
	TbExit x = interp_run(&tb, &cpu->common, temps, NULL);
	free(temps);
	free(tb.label_pos);
	return x;
}

static void check_same(const A64Cpu *want, const A64Cpu *got, uint32_t word, const char *what)
{
	for (int r = 0; r < 32; r++) {
		ck_assert_msg(memcmp(&want->v[r], &got->v[r], 16) == 0,
		              "0x%08x (%s): v%d %016llx%016llx, helper %016llx%016llx", word, what, r,
		              (unsigned long long)((const uint64_t *)&got->v[r])[1],
		              (unsigned long long)((const uint64_t *)&got->v[r])[0],
		              (unsigned long long)((const uint64_t *)&want->v[r])[1],
		              (unsigned long long)((const uint64_t *)&want->v[r])[0]);
		ck_assert_msg(want->x[r] == got->x[r], "0x%08x (%s): x%d", word, what, r);
	}
	ck_assert_msg(want->fpsr == got->fpsr, "0x%08x (%s): fpsr %x, helper %x", word, what, got->fpsr, want->fpsr);
}

START_TEST(vector_ir_matches_the_helpers)
{
	JitBackend *be = jit_backend_new(4);
	ck_assert_ptr_nonnull(be);
	IrBlock hb, vb;
	ir_block_init(&hb, 0);
	ir_block_init(&vb, 0);
	static A64Cpu start, want, got;
	unsigned compared = 0;
	for (size_t l = 0; l < sizeof lines / sizeof lines[0]; l++)
		for (int k = 0; k < 200; k++) {
			Code code = {lines[l].match | ((uint32_t)rng() & ~lines[l].mask), 0x10000};
			A64Insn in;
			if (reserved_ext(code.word) || !a64_decode(code.word, &in) ||
			    !translate(&hb, &code, true) ||
			    touches_memory(&hb) || !translate(&vb, &code, false))
				continue;
			random_cpu(&start);
			want = start;
			TbExit xw = run(&hb, &want, NULL);
			for (int jit = 0; jit < 2; jit++) {
				got = start;
				if (jit)
					jit_flush(be);
				TbExit xg = run(&vb, &got, jit ? be : NULL);
				ck_assert_int_eq(xw.kind, xg.kind);
				check_same(&want, &got, code.word, jit ? "jit" : "interp");
			}
			compared++;
		}
	ck_assert_uint_gt(compared, 10000);
	ir_block_free(&hb);
	ir_block_free(&vb);
	jit_backend_free(be);
}
END_TEST

Suite *aarch64_vec_suite(void)
{
	Suite *s = suite_create("aarch64_vec");
	TCase *tc = tcase_create("vec");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, vector_ir_matches_the_helpers);
	suite_add_tcase(s, tc);
	return s;
}
