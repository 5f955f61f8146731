/*
 * udf is undefined: the program dies of SIGILL (exit status 128 + 4) after printing
 * the line before it. So do mrs of registers EL0 cannot read (see sys_regs.S for
 * those it can).
 */
#include "a64-test.h"
	START
	mov	x1, #1
	SHOW	"before udf", x1
	udf	#0
	SHOW	"after udf", x1
	EXIT	0
