/*
 * The entry the personality uses for host system calls that may block. It looks at the
 * calling thread's "signal arrived" word and only then executes `syscall`; the runner's
 * host signal handler sets that word and, when it interrupts this code anywhere from
 * the check up to the `syscall` instruction itself, moves the saved instruction pointer
 * to linux_safe_syscall_not_started. Either way a guest signal that comes before the
 * host call has begun makes the call return -LINUX_NOT_STARTED without entering the
 * kernel, instead of being held until a call that may never return.
 *
 * long linux_safe_syscall_entry(const volatile int *arrived, long nr,
 *                               long a1, long a2, long a3, long a4, long a5, long a6)
 * returns what the kernel returned (a value or -errno) or -LINUX_NOT_STARTED.
 */
#define LINUX_NOT_STARTED 512

	.text
	.globl	linux_safe_syscall_entry
	.globl	linux_safe_syscall_window_start
	.globl	linux_safe_syscall_window_end
	.globl	linux_safe_syscall_not_started
	.hidden	linux_safe_syscall_entry
	.hidden	linux_safe_syscall_window_start
	.hidden	linux_safe_syscall_window_end
	.hidden	linux_safe_syscall_not_started
	.type	linux_safe_syscall_entry, @function
	.p2align 4
linux_safe_syscall_entry:
	.cfi_startproc
	/* C arguments to the kernel's registers; r11 keeps the word's address because
	 * `syscall` overwrites r11 only after the check has been made. */
	movq	%rdi, %r11
	movq	%rsi, %rax
	movq	%rdx, %rdi
	movq	%rcx, %rsi
	movq	%r8, %rdx
	movq	%r9, %r10
	movq	8(%rsp), %r8
	movq	16(%rsp), %r9
	/* From here up to and including the `syscall` instruction, a host signal handler
	 * that finds the interrupted pc in [window_start, window_end) resumes at
	 * not_started: the signal's effect cannot slip between the check and the call. */
linux_safe_syscall_window_start:
	cmpl	$0, (%r11)
	jne	linux_safe_syscall_not_started
	syscall
	/* A signal during the call itself leaves the pc here, with the kernel's EINTR. */
linux_safe_syscall_window_end:
	ret
linux_safe_syscall_not_started:
	movq	$-LINUX_NOT_STARTED, %rax
	ret
	.cfi_endproc
	.size	linux_safe_syscall_entry, .-linux_safe_syscall_entry

	.section .note.GNU-stack, "", @progbits
