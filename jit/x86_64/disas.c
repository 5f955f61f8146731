/*
 * `-d out_asm`: the host code of each compiled block, disassembled with capstone, in the
 * same layout as `-d in_asm` prints the guest code (address, then instruction).
 */
#include <capstone/capstone.h>
#include <inttypes.h>

#include "common/log.h"
#include "jit/x86_64/internal.h"

void jit_log_block(const JitBlock *blk)
{
	csh h;
	log_printf("OUT: [guest 0x%" PRIx64 ", %u bytes]\n", blk->tb->pc, blk->size);
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
		log_printf("(capstone is not available)\n\n");
		return;
	}
	cs_insn *insn;
	size_t n = cs_disasm(h, blk->code, blk->size, (uint64_t)(uintptr_t)blk->code, 0, &insn);
	for (size_t i = 0; i < n; i++)
		log_printf("0x%016" PRIx64 ":  %s %s\n", insn[i].address, insn[i].mnemonic,
		           insn[i].op_str);
	if (n)
		cs_free(insn, n);
	cs_close(&h);
	log_printf("\n");
}
