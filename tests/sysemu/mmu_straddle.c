/* An instruction that crosses a page boundary, run in S-mode under Sv39: a 32-bit
   `addi a0, a0, 5` whose first half ends one page and whose second half starts the next.
   While the next page is unmapped, the fetch faults with stval = the next page's address;
   the S-mode handler maps the page and returns, and the instruction must then run (an
   emulator that kept reusing the faulting translation would fault forever). Unmapping
   the page again must make the same code fault again, even though a block reaching the
   instruction from earlier in the first page was translated while it was mapped. */
#include "common.h"

#define PTE_V 1UL
#define PTE_R 2UL
#define PTE_W 4UL
#define PTE_X 8UL
#define PTE_A 64UL
#define PTE_D 128UL
#define PTE_G 32UL
#define VA_S 0x40010000UL /* -> page_s, X; VA_S + 0x1000 -> page_t while mapped */

static u64 tables[3][512] __attribute__((aligned(4096)));
static u8 page_s[4096] __attribute__((aligned(4096)));
static u8 page_t[4096] __attribute__((aligned(4096)));
static volatile u64 *pte_t;
static volatile int faults;
static volatile u64 fault_tval, fault_epc;

static void put32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

/* The fetch fault for the second half: count it, map the page, retry. */
static int map_on_fault(struct frame *f, u64 cause, u64 tval)
{
	if (cause != EXC_INSN_PAGE)
		return 0;
	faults++;
	fault_tval = tval;
	fault_epc = csr_read(sepc);
	if (faults > 1) {
		puts_("the fetch fault came back after the page was mapped\n");
		exit_with(20);
	}
	*pte_t = ((u64)page_t >> 12) << 10 | PTE_V | PTE_X | PTE_A;
	asm volatile("sfence.vma" ::: "memory");
	return 1;
}

static u64 call(u64 va)
{
	register u64 a0 asm("a0") = 100;
	asm volatile("jalr ra, 0(%1)" : "+r"(a0) : "r"(va) : "ra", "memory");
	return a0;
}

static long s_tests(long arg)
{
	(void)arg;
	s_hook = map_on_fault;
	CHECK_EQ(10, call(VA_S + 0xff8), 106);
	CHECK_EQ(11, faults, 1);
	CHECK_EQ(12, fault_tval, VA_S + 0x1000);
	CHECK_EQ(17, fault_epc, VA_S + 0xffe);
	/* mapped now: code reaching it from earlier in the page (translated for the first
	 * time now) runs without a fault */
	faults = 0;
	CHECK_EQ(13, call(VA_S + 0xffc), 105);
	CHECK_EQ(14, faults, 0);
	/* unmapped again: the same code faults once more */
	*pte_t = 0;
	asm volatile("sfence.vma" ::: "memory");
	CHECK_EQ(15, call(VA_S + 0xffc), 105);
	CHECK_EQ(16, faults, 1);
	CHECK_EQ(18, fault_tval, VA_S + 0x1000);
	CHECK_EQ(19, fault_epc, VA_S + 0xffe);
	s_hook = 0;
	return 77;
}

int main(void)
{
	put32(page_s + 0xff8, 0x00150513); /* addi a0, a0, 1 */
	page_s[0xffc] = 0x01;              /* c.nop */
	page_s[0xffd] = 0x00;
	page_s[0xffe] = 0x13; /* addi a0, a0, 5 = 0x00550513, across the boundary */
	page_s[0xfff] = 0x05;
	page_t[0] = 0x55;
	page_t[1] = 0x00;
	put32(page_t + 2, 0x00008067); /* ret */
	asm volatile("fence.i" ::: "memory");

	/* Sv39: a 1 GiB identity map of RAM and devices, and the two code pages */
	u64 *root = tables[0], *l1 = tables[1], *l0 = tables[2];
	root[0] = (0UL >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G;
	root[2] = (DRAM_BASE >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | PTE_G;
	root[1] = ((u64)l1 >> 12) << 10 | PTE_V;
	l1[(VA_S >> 21) & 0x1ff] = ((u64)l0 >> 12) << 10 | PTE_V;
	l0[(VA_S >> 12) & 0x1ff] = ((u64)page_s >> 12) << 10 | PTE_V | PTE_X | PTE_A;
	pte_t = &l0[((VA_S + 0x1000) >> 12) & 0x1ff];
	*pte_t = 0;
	csr_write(satp, 8UL << 60 | (u64)root >> 12);
	asm volatile("sfence.vma" ::: "memory");
	csr_write(medeleg, 1UL << EXC_INSN_PAGE);
	CHECK_EQ(2, run_in_mode(PRV_S, s_tests, 0), 77);
	csr_write(satp, 0);
	asm volatile("sfence.vma" ::: "memory");
	return 0;
}
