/* The syscon's fail report itself: writing (7 << 16) | 0x3333 to the sifive,test
   register at 0x100000 must end the machine with exit status 7.
   expect-exit: 7 */
#include "common.h"

int main(void)
{
	puts_("syscon_fail: reporting failure code 7 on purpose\n");
	fence();
	mmio_write32(SYSCON_BASE, (7u << 16) | 0x3333);
	for (;;)
		;
}
