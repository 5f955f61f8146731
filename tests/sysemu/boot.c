/* Boot state at the first instruction: M-mode at 0x80000000, a0 = hartid = mhartid,
   a1 = the address of a flattened device tree (magic 0xd00dfeed, sane header), the
   UART transmitter usable, and a pass reported through the syscon. */
#include "common.h"

static u32 be32(const void *p)
{
	const u8 *b = p;
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

int main(u64 hartid, u64 dtb)
{
	u64 pc;
	asm volatile("auipc %0, 0" : "=r"(pc));
	CHECK(1, pc >= DRAM_BASE && pc < DRAM_BASE + 0x100000);
	CHECK_EQ(2, hartid, 0);
	CHECK_EQ(3, csr_read(mhartid), hartid);
	CHECK(4, dtb != 0 && (dtb & 7) == 0);
	CHECK_EQ(5, be32((void *)dtb), 0xd00dfeed);
	u32 total = be32((u8 *)dtb + 4), off_struct = be32((u8 *)dtb + 8);
	u32 off_strings = be32((u8 *)dtb + 12), version = be32((u8 *)dtb + 20);
	CHECK(6, total > 64 && total < 0x100000);
	CHECK(7, off_struct < total && off_strings < total);
	CHECK(8, version >= 16);
	/* the first structure token is FDT_BEGIN_NODE (1) for the root node */
	CHECK_EQ(9, be32((u8 *)dtb + off_struct), 1);
	/* mstatus is readable, so this is M-mode; mtvec holds what start.S wrote */
	extern char m_trap_entry[];
	CHECK_EQ(10, csr_read(mtvec), (u64)m_trap_entry);
	/* the UART's transmitter empties */
	u64 t0 = rdtime_mmio();
	while (!(mmio_read8(UART_BASE + 5) & 0x20))
		CHECK(11, rdtime_mmio() - t0 < 10000000);
	puts_("boot: hello from M-mode\n");
	return 0;
}
