/* Runtime shared by the bare-metal system-mode tests: UART output (ns16550a), the
   syscon pass/fail exit, the C halves of the M- and S-mode trap entries in start.S
   (hooks, recording of expected traps, the "return to M-mode" ecall of run_in_mode),
   and the few libc functions the compiler may call. */
#include "common.h"

volatile struct trap_rec m_rec, s_rec;
volatile int m_catch, s_catch;
int (*volatile m_hook)(struct frame *f, u64 cause, u64 tval);
int (*volatile s_hook)(struct frame *f, u64 cause, u64 tval);
volatile u64 boot_hartid, boot_dtb;

#define ECALL_BACK_TO_M 0x4d45

void putc_(char c)
{
	if (c == '\n')
		putc_('\r');
	while (!(mmio_read8(UART_BASE + 5) & 0x20))
		;
	mmio_write8(UART_BASE, (u8)c);
}

void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

void puthex(u64 v)
{
	puts_("0x");
	for (int i = 60; i >= 0; i -= 4) {
		int d = (v >> i) & 15;
		if ((v >> i) == 0 && i)
			continue;
		putc_(d < 10 ? '0' + d : 'a' + d - 10);
	}
}

void putdec(u64 v)
{
	char b[24];
	int n = 0;
	do {
		b[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		putc_(b[--n]);
}

void exit_with(long code)
{
	u32 v = code == 0 ? 0x5555 : (((u32)code & 0xffff) << 16) | 0x3333;
	if (code == 0)
		puts_("sysemu-test: PASS\n");
	else {
		puts_("sysemu-test: FAIL ");
		putdec((u64)code);
		putc_('\n');
	}
	fence();
	mmio_write32(SYSCON_BASE, v);
	for (;;)
		asm volatile("wfi");
}

void reset_recs(void)
{
	m_rec.cause = m_rec.tval = m_rec.epc = m_rec.status = m_rec.count = 0;
	s_rec.cause = s_rec.tval = s_rec.epc = s_rec.status = s_rec.count = 0;
}

u64 insn_len_at(u64 pc)
{
	return (*(volatile u16 *)pc & 3) == 3 ? 4 : 2;
}

static void unexpected(const char *who, u64 cause, u64 epc, u64 tval)
{
	puts_(who);
	puts_(": unexpected trap cause=");
	puthex(cause);
	puts_(" epc=");
	puthex(epc);
	puts_(" tval=");
	puthex(tval);
	putc_('\n');
	exit_with(250);
}

/* The resume point after a caught synchronous exception: the next instruction, or the
   return address when the fetch itself failed. */
static u64 resume_pc(struct frame *f, u64 cause, u64 epc)
{
	if (cause == EXC_INSN_PAGE || cause == EXC_INSN_ACCESS || cause == EXC_INSN_MISALIGNED)
		return f->r[1];
	return epc + insn_len_at(epc);
}

extern void m_return_to_caller(long value) __attribute__((noreturn));

void m_trap(struct frame *f)
{
	u64 cause = csr_read(mcause), tval = csr_read(mtval), epc = csr_read(mepc);
	if (m_hook && m_hook(f, cause, tval))
		return;
	if ((cause == EXC_ECALL_U || cause == EXC_ECALL_S) && f->r[17] == ECALL_BACK_TO_M)
		m_return_to_caller((long)f->r[10]);
	if (m_catch && !(cause & CAUSE_INTR)) {
		m_rec.cause = cause;
		m_rec.tval = tval;
		m_rec.epc = epc;
		m_rec.status = csr_read(mstatus);
		m_rec.count++;
		csr_write(mepc, resume_pc(f, cause, epc));
		return;
	}
	unexpected("M", cause, epc, tval);
}

void s_trap(struct frame *f)
{
	u64 cause = csr_read(scause), tval = csr_read(stval), epc = csr_read(sepc);
	if (s_hook && s_hook(f, cause, tval))
		return;
	if (cause == EXC_ECALL_U && f->r[17] == ECALL_BACK_TO_M)
		s_back_to_m((long)f->r[10]);
	if (s_catch && !(cause & CAUSE_INTR)) {
		s_rec.cause = cause;
		s_rec.tval = tval;
		s_rec.epc = epc;
		s_rec.status = csr_read(sstatus);
		s_rec.count++;
		csr_write(sepc, resume_pc(f, cause, epc));
		return;
	}
	unexpected("S", cause, epc, tval);
}

void delay_ticks(u64 ticks)
{
	u64 t0 = rdtime_mmio();
	while (rdtime_mmio() - t0 < ticks)
		;
}

void *memset(void *d, int c, unsigned long n)
{
	u8 *p = d;
	while (n--)
		*p++ = (u8)c;
	return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	u8 *p = d;
	const u8 *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, unsigned long n)
{
	const u8 *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
