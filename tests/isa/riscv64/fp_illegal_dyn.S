/* rm = dyn with frm holding a reserved value (5) is an illegal instruction when it
 * runs: the program prints two lines, then dies by SIGILL (status 132). */
#include "fp-test.h"

	START
	LD_S	f1, 0x3f800000
	csrwi	frm, 4
	fadd.s	f0, f1, f1, dyn
	SHOWF	"dyn frm=4", f0
	csrwi	frm, 5
	csrr	s1, frm
	SHOWX	"frm", s1
	fadd.s	f0, f1, f1, dyn
	SHOWF	"after", f0
	EXIT	0
