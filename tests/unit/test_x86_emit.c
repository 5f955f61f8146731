/*
 * The x86-64 encoder: each case encodes one instruction, disassembles it with capstone
 * and compares the text, so an encoding bug shows up as the instruction capstone reads
 * instead. The cases cover the addressing corner cases (rsp/r12 need a SIB byte, rbp/r13
 * need a displacement, no base, RIP-relative), r8-r15 and the byte registers that need
 * a bare REX prefix, imm8 versus imm32 forms, and the SSE scalar instructions; plus the
 * sticky overflow flag and alignment padding.
 */
#include <capstone/capstone.h>
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "jit/x86_64/emit.h"

static uint8_t code[64];

/* Disassembles exactly one instruction that must span the whole buffer. */
static void disas_one(const X86Buf *b, char *out, size_t outsz)
{
	csh h;
	ck_assert_int_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
	cs_insn *insn;
	size_t n = cs_disasm(h, b->start, x86_buf_used(b), 0x1000, 0, &insn);
	ck_assert_msg(n == 1, "%zu instructions decoded", n);
	ck_assert_uint_eq(insn[0].size, x86_buf_used(b));
	if (insn[0].op_str[0])
		snprintf(out, outsz, "%s %s", insn[0].mnemonic, insn[0].op_str);
	else
		snprintf(out, outsz, "%s", insn[0].mnemonic);
	cs_free(insn, n);
	cs_close(&h);
}

#define EXPECT(text, ...)                                                                          \
	do {                                                                                       \
		X86Buf b_;                                                                         \
		x86_buf_init(&b_, code, sizeof code);                                              \
		__VA_ARGS__;                                                                       \
		ck_assert(!b_.error);                                                              \
		char got_[256];                                                                    \
		disas_one(&b_, got_, sizeof got_);                                                 \
		ck_assert_str_eq(got_, text);                                                      \
	} while (0)
#define B (&b_)

START_TEST(moves_and_addressing)
{
	EXPECT("mov rax, rbx", x86_mov_rr(B, 8, X86_RAX, X86_RBX));
	EXPECT("mov r9d, eax", x86_mov_rr(B, 4, X86_R9, X86_RAX));
	EXPECT("mov sil, dil", x86_mov_rr(B, 1, X86_RSI, X86_RDI));
	EXPECT("mov eax, 0x12345678", x86_mov_ri(B, X86_RAX, 0x12345678));
	EXPECT("mov r10, -1", x86_mov_ri(B, X86_R10, ~0ull));
	EXPECT("movabs r15, 0x123456789a", x86_mov_ri(B, X86_R15, 0x123456789aull));
	EXPECT("mov rax, qword ptr [rsp + 8]", x86_mov_rm(B, 8, X86_RAX, x86_mem(X86_RSP, 8)));
	EXPECT("mov rax, qword ptr [r12]", x86_mov_rm(B, 8, X86_RAX, x86_mem(X86_R12, 0)));
	EXPECT("mov rax, qword ptr [rbp]", x86_mov_rm(B, 8, X86_RAX, x86_mem(X86_RBP, 0)));
	EXPECT("mov ecx, dword ptr [r13]", x86_mov_rm(B, 4, X86_RCX, x86_mem(X86_R13, 0)));
	EXPECT("mov rdx, qword ptr [rbx + 0x1000]",
	       x86_mov_rm(B, 8, X86_RDX, x86_mem(X86_RBX, 0x1000)));
	EXPECT("mov r8, qword ptr [rbx - 0x80]", x86_mov_rm(B, 8, X86_R8, x86_mem(X86_RBX, -128)));
	EXPECT("mov rax, qword ptr [r14 + r12 - 8]",
	       x86_mov_rm(B, 8, X86_RAX, x86_mem_idx(X86_R14, X86_R12, 0, -8)));
	EXPECT("mov rax, qword ptr [r13 + rbp*8]",
	       x86_mov_rm(B, 8, X86_RAX, x86_mem_idx(X86_R13, X86_RBP, 3, 0)));
	EXPECT("mov rax, qword ptr [0x10000]",
	       x86_mov_rm(B, 8, X86_RAX, x86_mem(X86_NOREG, 0x10000)));
	EXPECT("mov qword ptr [rip + 0x10], rax",
	       x86_mov_mr(B, 8, x86_mem_rip(code + 0x17), X86_RAX));
	EXPECT("mov byte ptr [rsi], bpl", x86_mov_mr(B, 1, x86_mem(X86_RSI, 0), X86_RBP));
	EXPECT("mov word ptr [rdi + 2], r11w", x86_mov_mr(B, 2, x86_mem(X86_RDI, 2), X86_R11));
	EXPECT("mov dword ptr [rbx + 4], 0xffffffff", x86_mov_mi(B, 4, x86_mem(X86_RBX, 4), -1));
	EXPECT("mov qword ptr [rbx + 0x10], 0x7f", x86_mov_mi(B, 8, x86_mem(X86_RBX, 16), 0x7f));
	EXPECT("mov byte ptr [rax], 0x12", x86_mov_mi(B, 1, x86_mem(X86_RAX, 0), 0x12));
	EXPECT("mov word ptr [rax], 0x1234", x86_mov_mi(B, 2, x86_mem(X86_RAX, 0), 0x1234));
	EXPECT("lea r11, [rsp + rax*4 + 0x100]",
	       x86_lea(B, 8, X86_R11, x86_mem_idx(X86_RSP, X86_RAX, 2, 0x100)));
	EXPECT("lea ecx, [rsi - 1]", x86_lea(B, 4, X86_RCX, x86_mem(X86_RSI, -1)));
}
END_TEST

START_TEST(extensions)
{
	EXPECT("movzx eax, sil", x86_movzx_rr(B, 4, 1, X86_RAX, X86_RSI));
	EXPECT("movzx r8d, word ptr [r9]", x86_movzx_rm(B, 4, 2, X86_R8, x86_mem(X86_R9, 0)));
	EXPECT("movsx rax, byte ptr [rcx + rdx]",
	       x86_movsx_rm(B, 8, 1, X86_RAX, x86_mem_idx(X86_RCX, X86_RDX, 0, 0)));
	EXPECT("movsx ebp, r10w", x86_movsx_rr(B, 4, 2, X86_RBP, X86_R10));
	EXPECT("movsxd r12, r13d", x86_movsx_rr(B, 8, 4, X86_R12, X86_R13));
	EXPECT("movsxd rax, dword ptr [rbx]", x86_movsx_rm(B, 8, 4, X86_RAX, x86_mem(X86_RBX, 0)));
	EXPECT("mov eax, r15d", x86_movzx_rr(B, 8, 4, X86_RAX, X86_R15));
}
END_TEST

START_TEST(alu_and_shifts)
{
	EXPECT("add rax, r9", x86_alu_rr(B, X86_ADD, 8, X86_RAX, X86_R9));
	EXPECT("sub r12d, esi", x86_alu_rr(B, X86_SUB, 4, X86_R12, X86_RSI));
	EXPECT("xor ecx, ecx", x86_alu_rr(B, X86_XOR, 4, X86_RCX, X86_RCX));
	EXPECT("and rdi, 0x7f", x86_alu_ri(B, X86_AND, 8, X86_RDI, 0x7f));
	EXPECT("or r8, 0x80", x86_alu_ri(B, X86_OR, 8, X86_R8, 0x80));
	EXPECT("cmp eax, -1", x86_alu_ri(B, X86_CMP, 4, X86_RAX, -1));
	EXPECT("cmp rbp, -0x81", x86_alu_ri(B, X86_CMP, 8, X86_RBP, -129));
	EXPECT("add rax, qword ptr [rsp + 0x18]",
	       x86_alu_rm(B, X86_ADD, 8, X86_RAX, x86_mem(X86_RSP, 24)));
	EXPECT("cmp qword ptr [rbx + 8], rdx",
	       x86_alu_mr(B, X86_CMP, 8, x86_mem(X86_RBX, 8), X86_RDX));
	EXPECT("cmp dword ptr [rbx + 0x200], 0",
	       x86_alu_mi(B, X86_CMP, 4, x86_mem(X86_RBX, 0x200), 0));
	EXPECT("test r10, r10", x86_test_rr(B, 8, X86_R10, X86_R10));
	EXPECT("test cl, 7", x86_test_ri(B, 1, X86_RCX, 7));
	EXPECT("test esi, 0x10000", x86_test_ri(B, 4, X86_RSI, 0x10000));
	EXPECT("shl rax, 1", x86_shift_ri(B, X86_SHL, 8, X86_RAX, 1));
	EXPECT("sar r11d, 0x1f", x86_shift_ri(B, X86_SAR, 4, X86_R11, 31));
	EXPECT("ror r13, cl", x86_shift_rcl(B, X86_ROR, 8, X86_R13));
	EXPECT("rol ax, 8", x86_shift_ri(B, X86_ROL, 2, X86_RAX, 8));
	EXPECT("neg r15", x86_unary_r(B, X86_NEG, 8, X86_R15));
	EXPECT("not esi", x86_unary_r(B, X86_NOT, 4, X86_RSI));
	EXPECT("div r8", x86_unary_r(B, X86_DIV, 8, X86_R8));
	EXPECT("idiv dword ptr [rsp + 0x40]", x86_unary_m(B, X86_IDIV, 4, x86_mem(X86_RSP, 0x40)));
	EXPECT("mul rcx", x86_unary_r(B, X86_MUL, 8, X86_RCX));
	EXPECT("imul rdi", x86_unary_r(B, X86_IMUL1, 8, X86_RDI));
	EXPECT("imul r9, r10", x86_imul_rr(B, 8, X86_R9, X86_R10));
	EXPECT("imul eax, dword ptr [rbp + 8]", x86_imul_rm(B, 4, X86_RAX, x86_mem(X86_RBP, 8)));
	EXPECT("imul rax, rsi, 0xa", x86_imul_rri(B, 8, X86_RAX, X86_RSI, 10));
	EXPECT("imul r12, r13, 0x1000", x86_imul_rri(B, 8, X86_R12, X86_R13, 0x1000));
	EXPECT("cqo", x86_cqo(B, 8));
	EXPECT("cdq", x86_cqo(B, 4));
}
END_TEST

START_TEST(bits_conditions_and_jumps)
{
	EXPECT("bswap r9", x86_bswap(B, 8, X86_R9));
	EXPECT("bswap eax", x86_bswap(B, 4, X86_RAX));
	EXPECT("bsr rax, r12", x86_bsr(B, 8, X86_RAX, X86_R12));
	EXPECT("bsf ecx, edx", x86_bsf(B, 4, X86_RCX, X86_RDX));
	EXPECT("lzcnt r8, rax", x86_lzcnt(B, 8, X86_R8, X86_RAX));
	EXPECT("tzcnt eax, r15d", x86_tzcnt(B, 4, X86_RAX, X86_R15));
	EXPECT("popcnt rsi, rdi", x86_popcnt(B, 8, X86_RSI, X86_RDI));
	EXPECT("setb al", x86_setcc(B, X86_CC_B, X86_RAX));
	EXPECT("setg sil", x86_setcc(B, X86_CC_G, X86_RSI));
	EXPECT("setne r9b", x86_setcc(B, X86_CC_NE, X86_R9));
	EXPECT("cmovae r10, rcx", x86_cmov_rr(B, X86_CC_AE, 8, X86_R10, X86_RCX));
	EXPECT("cmove eax, dword ptr [rsp]",
	       x86_cmov_rm(B, X86_CC_E, 4, X86_RAX, x86_mem(X86_RSP, 0)));
	EXPECT("jmp 0x1105", x86_jmp_rel32(B, (const void *)((uintptr_t)code + 0x105)));
	EXPECT("jle 0xff6", x86_jcc_rel32(B, X86_CC_LE, (const void *)((uintptr_t)code - 10)));
	EXPECT("jmp rax", x86_jmp_r(B, X86_RAX));
	EXPECT("jmp qword ptr [rdx + rcx + 8]", x86_jmp_m(B, x86_mem_idx(X86_RDX, X86_RCX, 0, 8)));
	EXPECT("call r11", x86_call_r(B, X86_R11));
	EXPECT("push r12", x86_push(B, X86_R12));
	EXPECT("pop rbx", x86_pop(B, X86_RBX));
	EXPECT("ret", x86_ret(B));
	EXPECT("mfence", x86_mfence(B));
	EXPECT("stmxcsr dword ptr [rsp + 0x10]", x86_stmxcsr(B, x86_mem(X86_RSP, 16)));
	EXPECT("ldmxcsr dword ptr [r12 + 0x10]", x86_ldmxcsr(B, x86_mem(X86_R12, 16)));
	EXPECT("ud2", x86_ud2(B));
}
END_TEST

START_TEST(sse_scalar)
{
	EXPECT("movq xmm0, rax", x86_movq_xr(B, 8, 0, X86_RAX));
	EXPECT("movd xmm1, r9d", x86_movq_xr(B, 4, 1, X86_R9));
	EXPECT("movq r12, xmm0", x86_movq_rx(B, 8, X86_R12, 0));
	EXPECT("movd eax, xmm1", x86_movq_rx(B, 4, X86_RAX, 1));
	EXPECT("addsd xmm0, xmm1", x86_sse_rr(B, X86_ADDS, true, 0, 1));
	EXPECT("subss xmm0, xmm1", x86_sse_rr(B, X86_SUBS, false, 0, 1));
	EXPECT("mulsd xmm2, xmm3", x86_sse_rr(B, X86_MULS, true, 2, 3));
	EXPECT("divss xmm0, xmm1", x86_sse_rr(B, X86_DIVS, false, 0, 1));
	EXPECT("sqrtsd xmm0, xmm0", x86_sse_rr(B, X86_SQRT, true, 0, 0));
	EXPECT("ucomisd xmm0, xmm1", x86_ucomis(B, true, 0, 1));
	EXPECT("ucomiss xmm1, xmm0", x86_ucomis(B, false, 1, 0));
	EXPECT("cvtsi2sd xmm0, rax", x86_cvtsi2s(B, true, 8, 0, X86_RAX));
	EXPECT("cvtsi2ss xmm0, ecx", x86_cvtsi2s(B, false, 4, 0, X86_RCX));
	EXPECT("cvttsd2si rax, xmm0", x86_cvtts2si(B, true, 8, X86_RAX, 0));
	EXPECT("cvttss2si ecx, xmm1", x86_cvtts2si(B, false, 4, X86_RCX, 1));
	EXPECT("cvtss2sd xmm0, xmm0", x86_cvts2s(B, true, 0, 0));
	EXPECT("cvtsd2ss xmm1, xmm0", x86_cvts2s(B, false, 1, 0));
}
END_TEST

START_TEST(overflow_is_sticky_and_alignment_pads)
{
	uint8_t small[3];
	X86Buf b;
	x86_buf_init(&b, small, sizeof small);
	x86_mov_ri(&b, X86_RAX, 0x12345678);
	ck_assert(b.error);
	x86_ret(&b);
	ck_assert(b.error);
	ck_assert_uint_le(x86_buf_used(&b), sizeof small);

	uint8_t buf[32] __attribute__((aligned(16)));
	x86_buf_init(&b, buf, sizeof buf);
	x86_ret(&b);
	x86_align(&b, 4, 1); /* so that b.p + 1 is 4-aligned */
	ck_assert_uint_eq(((uintptr_t)b.p + 1) % 4, 0);
	csh h;
	cs_insn *insn;
	ck_assert_int_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
	size_t n = cs_disasm(h, buf, x86_buf_used(&b), 0, 0, &insn);
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += insn[i].size;
	ck_assert_uint_eq(bytes, x86_buf_used(&b));
	for (size_t i = 1; i < n; i++)
		ck_assert_str_eq(insn[i].mnemonic, "nop");
	cs_free(insn, n);
	cs_close(&h);
}
END_TEST

Suite *x86_emit_suite(void)
{
	Suite *s = suite_create("x86_emit");
	TCase *tc = tcase_create("encode");
	tcase_add_test(tc, moves_and_addressing);
	tcase_add_test(tc, extensions);
	tcase_add_test(tc, alu_and_shifts);
	tcase_add_test(tc, bits_conditions_and_jumps);
	tcase_add_test(tc, sse_scalar);
	tcase_add_test(tc, overflow_is_sticky_and_alignment_pads);
	suite_add_tcase(s, tc);
	return s;
}
