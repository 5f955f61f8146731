/* A reserved static rounding mode (rm = 5) is an illegal instruction: the program
 * prints one line, then dies by SIGILL (status 132) before printing the second. */
#include "fp-test.h"

	START
	LD_S	f1, 0x3f800000
	SHOWF	"before", f1
	.insn	r 0x53, 5, 0, f0, f1, f1
	SHOWF	"after", f0
	EXIT	0
