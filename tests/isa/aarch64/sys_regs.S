/*
 * EL0 system registers and system instructions under Linux's rules: TPIDR_EL0 read
 * back, TPIDRRO_EL0 reads 0, CNTVCT_EL0 never goes backwards and CNTFRQ_EL0, DCZID_EL0
 * (64-byte blocks), CTR_EL0, MIDR_EL1/MPIDR_EL1/REVIDR_EL1 and the ID_AA64* registers
 * as the kernel's ID emulation shows them (untracked ID-space registers read 0);
 * dc zva zeroes exactly its aligned 64-byte block; code rewritten in an RWX page runs
 * anew after dc cvau; dsb; ic ivau; dsb; isb. The expected values are ferry's own
 * (qemu's -cpu max reports other ID values and a 62.5 MHz timer): checked by hand
 * against a64_features.h.
 */
#include "a64-test.h"

	.data
	.p2align 7
zbuf:	.fill	32, 8, -1
	.text

	START
	ldr	x2, =0x123456789abcdef0
	msr	tpidr_el0, x2
	mrs	x1, tpidr_el0
	SHOW	"tpidr_el0", x1
	mrs	x1, tpidrro_el0
	SHOW	"tpidrro_el0", x1
	mrs	x2, cntvct_el0
	mov	x4, #1000
1:	subs	x4, x4, #1
	b.ne	1b
	mrs	x3, cntvct_el0
	cmp	x3, x2
	cset	x1, hs
	SHOW	"cntvct monotonic", x1
	mrs	x1, cntfrq_el0
	SHOW	"cntfrq_el0", x1
	mrs	x1, dczid_el0
	SHOW	"dczid_el0", x1
	mrs	x1, ctr_el0
	SHOW	"ctr_el0", x1
	mrs	x1, midr_el1
	SHOW	"midr_el1", x1
	mrs	x1, mpidr_el1
	SHOW	"mpidr_el1", x1
	mrs	x1, revidr_el1
	SHOW	"revidr_el1", x1
	mrs	x1, id_aa64pfr0_el1
	SHOW	"id_aa64pfr0_el1", x1
	mrs	x1, id_aa64isar0_el1
	SHOW	"id_aa64isar0_el1", x1
	mrs	x1, id_aa64isar1_el1
	SHOW	"id_aa64isar1_el1", x1
	mrs	x1, id_aa64mmfr0_el1
	SHOW	"id_aa64mmfr0_el1", x1
	mrs	x1, s3_0_c0_c7_7
	SHOW	"s3_0_c0_c7_7", x1
	mrs	x1, fpcr
	SHOW	"fpcr", x1
	ldr	x2, =0xffffffff
	msr	fpcr, x2
	mrs	x1, fpcr
	SHOW	"fpcr writable bits", x1
	msr	fpsr, x2
	mrs	x1, fpsr
	SHOW	"fpsr writable bits", x1
	/* dc zva on an address inside the second 64-byte block */
	ldr	x20, =zbuf
	add	x2, x20, #64 + 24
	dc	zva, x2
	ldr	x1, [x20, #56]
	SHOW	"zva before block", x1
	ldr	x1, [x20, #64]
	SHOW	"zva block start", x1
	ldr	x1, [x20, #120]
	SHOW	"zva block end", x1
	ldr	x1, [x20, #128]
	SHOW	"zva after block", x1
	/* self-modifying code: mmap an RWX page, run, rewrite, sync, run again */
	mov	x0, #0
	mov	x1, #4096
	mov	x2, #7
	mov	x3, #0x22
	mov	x4, #-1
	mov	x5, #0
	mov	x8, #222
	svc	#0
	mov	x20, x0
	ldr	w2, =0xd2800020     /* movz x0, #1 */
	ldr	w3, =0xd65f03c0     /* ret */
	stp	w2, w3, [x20]
	blr	x20
	SHOW	"code first", x0
	ldr	w2, =0xd2800040     /* movz x0, #2 */
	str	w2, [x20]
	dc	cvau, x20
	dsb	ish
	ic	ivau, x20
	dsb	ish
	isb
	blr	x20
	SHOW	"code rewritten", x0
	EXIT	0
