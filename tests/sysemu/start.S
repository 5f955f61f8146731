/* Startup and trap entry points shared by the bare-metal system-mode tests.
   _start runs in M-mode at 0x80000000 with a0 = hartid, a1 = DTB address: harts other
   than 0 park in wfi; hart 0 gets a stack, clears .bss, opens PMP for S/U (one NAPOT
   entry over all memory), sets mtvec/stvec to the entries below, enables the FPU and
   calls main(hartid, dtb); main's return value is reported through the syscon
   (0 = pass, else fail with that code).
   m_trap_entry/s_trap_entry save every register into a struct frame on the stack, call
   m_trap/s_trap (lib.c) and return with mret/sret; the C side may edit the frame.
   run_in_mode(mode, fn, arg) (a setjmp of sorts) calls fn(arg) in U or S mode through
   mret; when fn returns it ecalls back and m_return_to_caller() resumes the caller. */
#define FRAME 272
	.section .text.start, "ax"
	.globl _start
_start:
	csrr t0, mhartid
	bnez t0, park
	la sp, __stack_top
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:	li t0, -1
	csrw pmpaddr0, t0
	li t0, 0x1f		/* R W X, A = NAPOT */
	csrw pmpcfg0, t0
	la t0, m_trap_entry
	csrw mtvec, t0
	la t0, s_trap_entry
	csrw stvec, t0
	li t0, (1 << 13)	/* mstatus.FS = Initial */
	csrs mstatus, t0
	csrw mie, zero
	csrw satp, zero
	la t0, boot_hartid
	sd a0, 0(t0)
	la t0, boot_dtb
	sd a1, 0(t0)
	call main
	call exit_with
park:
	wfi
	j park

.macro SAVE_ALL
	addi sp, sp, -FRAME
	sd x1, 8(sp)
	sd x3, 24(sp)
	sd x4, 32(sp)
	sd x5, 40(sp)
	sd x6, 48(sp)
	sd x7, 56(sp)
	sd x8, 64(sp)
	sd x9, 72(sp)
	sd x10, 80(sp)
	sd x11, 88(sp)
	sd x12, 96(sp)
	sd x13, 104(sp)
	sd x14, 112(sp)
	sd x15, 120(sp)
	sd x16, 128(sp)
	sd x17, 136(sp)
	sd x18, 144(sp)
	sd x19, 152(sp)
	sd x20, 160(sp)
	sd x21, 168(sp)
	sd x22, 176(sp)
	sd x23, 184(sp)
	sd x24, 192(sp)
	sd x25, 200(sp)
	sd x26, 208(sp)
	sd x27, 216(sp)
	sd x28, 224(sp)
	sd x29, 232(sp)
	sd x30, 240(sp)
	sd x31, 248(sp)
	addi t0, sp, FRAME
	sd t0, 16(sp)
.endm

.macro RESTORE_ALL
	ld x1, 8(sp)
	ld x3, 24(sp)
	ld x4, 32(sp)
	ld x5, 40(sp)
	ld x6, 48(sp)
	ld x7, 56(sp)
	ld x8, 64(sp)
	ld x9, 72(sp)
	ld x10, 80(sp)
	ld x11, 88(sp)
	ld x12, 96(sp)
	ld x13, 104(sp)
	ld x14, 112(sp)
	ld x15, 120(sp)
	ld x16, 128(sp)
	ld x17, 136(sp)
	ld x18, 144(sp)
	ld x19, 152(sp)
	ld x20, 160(sp)
	ld x21, 168(sp)
	ld x22, 176(sp)
	ld x23, 184(sp)
	ld x24, 192(sp)
	ld x25, 200(sp)
	ld x26, 208(sp)
	ld x27, 216(sp)
	ld x28, 224(sp)
	ld x29, 232(sp)
	ld x30, 240(sp)
	ld x31, 248(sp)
	ld x2, 16(sp)
.endm

	.text
	.balign 4
	.globl m_trap_entry
m_trap_entry:
	SAVE_ALL
	mv a0, sp
	call m_trap
	RESTORE_ALL
	mret

	.balign 4
	.globl s_trap_entry
s_trap_entry:
	SAVE_ALL
	mv a0, sp
	call s_trap
	RESTORE_ALL
	sret

/* long run_in_mode(long mode, long (*fn)(long), long arg) */
	.globl run_in_mode
run_in_mode:
	la t0, m_ctx
	sd ra, 0(t0)
	sd sp, 8(t0)
	sd s0, 16(t0)
	sd s1, 24(t0)
	sd s2, 32(t0)
	sd s3, 40(t0)
	sd s4, 48(t0)
	sd s5, 56(t0)
	sd s6, 64(t0)
	sd s7, 72(t0)
	sd s8, 80(t0)
	sd s9, 88(t0)
	sd s10, 96(t0)
	sd s11, 104(t0)
	li t0, (3 << 11)
	csrc mstatus, t0
	slli t1, a0, 11
	csrs mstatus, t1
	csrw mepc, a1
	mv a0, a2
	la ra, lower_return
	addi sp, sp, -64
	mret
lower_return:
	li a7, 0x4d45
	ecall
1:	j 1b

/* void m_return_to_caller(long value): from M-mode (a trap handler), resume the caller
   of run_in_mode as if it returned value. */
	.globl m_return_to_caller
m_return_to_caller:
	la t0, m_ctx
	ld ra, 0(t0)
	ld sp, 8(t0)
	ld s0, 16(t0)
	ld s1, 24(t0)
	ld s2, 32(t0)
	ld s3, 40(t0)
	ld s4, 48(t0)
	ld s5, 56(t0)
	ld s6, 64(t0)
	ld s7, 72(t0)
	ld s8, 80(t0)
	ld s9, 88(t0)
	ld s10, 96(t0)
	ld s11, 104(t0)
	ret

/* void s_back_to_m(long value): from S-mode, the same ecall a returning function does */
	.globl s_back_to_m
s_back_to_m:
	li a7, 0x4d45
	ecall
1:	j 1b

	.bss
	.balign 8
m_ctx:	.space 112
