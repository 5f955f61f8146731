/*
 * brk raises SIGTRAP (exit status 128 + 5) and an mrs of an EL1 register that Linux
 * does not emulate would raise SIGILL; brk comes first.
 */
#include "a64-test.h"
	START
	mov	x1, #2
	SHOW	"before brk", x1
	brk	#0x3e8
	mrs	x1, sctlr_el1
	EXIT	0
