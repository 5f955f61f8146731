/* A bare-metal program for the snapshot round trip (tests/integration/sysemu_images.sh):
   prints "ticker start" once, then "tick N" every 20 ms of machine time (CLINT mtime),
   counting in RAM; a 'q' typed on the UART ends it with a pass when at least one tick
   was counted, so a run resumed from a snapshot shows ticks continuing from where the
   saved machine was, without a second "ticker start". */
#include "../common.h"

#define UART_RBR (UART_BASE + 0)
#define UART_LSR (UART_BASE + 5)
#define TICK_TICKS 200000 /* 20 ms at 10 MHz */

static volatile u64 ticks;

int main(u64 hartid, u64 dtb)
{
	puts_("ticker start\n");
	u64 next = rdtime_mmio() + TICK_TICKS;
	for (;;) {
		if (mmio_read8(UART_LSR) & 1) {
			u8 c = mmio_read8(UART_RBR);
			if (c == 'q') {
				puts_("ticker done at ");
				putdec(ticks);
				putc_('\n');
				return ticks > 0 ? 0 : 1;
			}
		}
		if (rdtime_mmio() >= next) {
			ticks++;
			puts_("tick ");
			putdec(ticks);
			putc_('\n');
			next += TICK_TICKS;
		}
	}
}
