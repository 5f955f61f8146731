/*
 * The trampolines between C and generated code, generated once at the start of the code
 * cache. `enter` is called as a C function (cpu in rdi, host code in rsi): it saves the
 * callee-saved registers, pins the CPU pointer in rbx and guest_base in r14, sets up the
 * spill frame and jumps to the block. Blocks leave by jumping to `exit` with the leaving
 * JitBlock in rax and an exit code in rdx, which `exit` returns as a JitRet (a 16-byte
 * struct comes back in rax:rdx under the SysV ABI). `miss` is where an inline jump-cache
 * lookup lands when it does not find the target: it stores the target pc (in rax) and
 * leaves with TB_LOOKUP.
 */
#include <stddef.h>

#include "jit/x86_64/internal.h"

static const X86Reg saved_regs[] = {X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15};
#define N_SAVED (sizeof saved_regs / sizeof saved_regs[0])
/* The return address and six pushes leave rsp 8 bytes off 16-byte alignment; the frame
 * size restores it so helper calls see an aligned stack. */
#define FRAME_SIZE (JIT_SPILL_SLOTS * 8 + 8)

bool jit_dispatch_init(CodeCache *cc, JitTrampolines *t)
{
	X86Buf b;
	x86_buf_init(&b, code_cache_free_start(cc), code_cache_free_size(cc));

	t->enter = (JitEnterFn)(void *)b.p;
	for (size_t i = 0; i < N_SAVED; i++)
		x86_push(&b, saved_regs[i]);
	x86_alu_ri(&b, X86_SUB, 8, X86_RSP, FRAME_SIZE);
	x86_mov_rr(&b, 8, JIT_CPU_REG, X86_RDI);
	x86_mov_rm(&b, 8, JIT_BASE_REG, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, guest_base)));
	x86_jmp_r(&b, X86_RSI);

	x86_align(&b, 16, 0);
	t->exit = b.p;
	x86_alu_ri(&b, X86_ADD, 8, X86_RSP, FRAME_SIZE);
	for (size_t i = N_SAVED; i-- > 0;)
		x86_pop(&b, saved_regs[i]);
	x86_ret(&b);

	x86_align(&b, 16, 0);
	t->miss = b.p;
	x86_mov_mr(&b, 8, x86_mem(JIT_CPU_REG, offsetof(CpuCommon, pc)), X86_RAX);
	x86_alu_rr(&b, X86_XOR, 4, X86_RAX, X86_RAX);
	x86_mov_ri(&b, X86_RDX, JIT_CODE(TB_LOOKUP, JIT_NO_SITE, 0, 0));
	x86_jmp_rel32(&b, t->exit);

	if (b.error)
		return false;
	code_cache_commit(cc, NULL, x86_buf_used(&b));
	cc->reserved = cc->used;
	return true;
}
