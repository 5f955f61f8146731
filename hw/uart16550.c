/*
 * ns16550a UART (hw/uart16550.h). The transmitter is infinitely fast: a byte written to
 * THR leaves at once (to the Chardev, or into the receive FIFO in loopback mode), so
 * THRE and TEMT always read 1 and the THR-empty interrupt is re-armed by every THR
 * write and by enabling it in IER, and cleared by THR writes and by reading IIR when it
 * is the reported source, as on the chip. The receiver has the 16550A's 16-byte FIFO
 * (one byte when FIFOs are off), its trigger levels and the character-timeout interrupt
 * (four character times at the programmed divisor, kept with a Timer). Registers are one
 * table of read and write handlers indexed by offset; DLAB selects the divisor latch.
 * A reset (also what the constructor does) empties the FIFO, puts every register back to
 * its power-on value and lowers the line; the Chardev is left as it is.
 */
#include "hw/uart16550.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sysemu/clock.h"

enum {
	IER_RDI = 0x01,
	IER_THRI = 0x02,
	IER_RLSI = 0x04,
	IER_MSI = 0x08,
	IIR_NO_INT = 0x01,
	IIR_MSI = 0x00,
	IIR_THRI = 0x02,
	IIR_RDI = 0x04,
	IIR_RLSI = 0x06,
	IIR_TIMEOUT = 0x0c,
	IIR_FIFO_ON = 0xc0,
	FCR_ENABLE = 0x01,
	FCR_CLEAR_RX = 0x02,
	FCR_TRIGGER = 0xc0,
	LCR_DLAB = 0x80,
	MCR_DTR = 0x01,
	MCR_RTS = 0x02,
	MCR_OUT1 = 0x04,
	MCR_OUT2 = 0x08,
	MCR_LOOP = 0x10,
	LSR_DR = 0x01,
	LSR_OE = 0x02,
	LSR_ERRORS = 0x1e,
	LSR_THRE = 0x20,
	LSR_TEMT = 0x40,
	MSR_DCTS = 0x01,
	MSR_DDSR = 0x02,
	MSR_TERI = 0x04,
	MSR_DDCD = 0x08,
	MSR_DELTAS = 0x0f,
	MSR_CTS = 0x10,
	MSR_DSR = 0x20,
	MSR_RI = 0x40,
	MSR_DCD = 0x80,
};

#define UART_VMSTATE_VERSION 1

struct Uart16550 {
	IrqLine irq;
	Chardev *chr;
	Timer *timeout_timer;
	uint8_t rx[UART16550_FIFO_DEPTH];
	unsigned rx_head, rx_count;
	uint8_t dll, dlm, ier, lcr, mcr, lsr_errors, msr, scr, fcr;
	bool thre_pending, timeout_pending, input_blocked;
	int level; /* last level driven on irq, -1 unknown */
};

static bool uart_fifo_on(const Uart16550 *u)
{
	return u->fcr & FCR_ENABLE;
}

static unsigned uart_rx_capacity(const Uart16550 *u)
{
	return uart_fifo_on(u) ? UART16550_FIFO_DEPTH : 1;
}

static unsigned uart_rx_trigger(const Uart16550 *u)
{
	static const unsigned levels[4] = {1, 4, 8, 14};
	return uart_fifo_on(u) ? levels[u->fcr >> 6] : 1;
}

/* The pending interrupt of highest priority, as IIR's identification bits. */
static uint8_t uart_iir_id(const Uart16550 *u)
{
	if ((u->ier & IER_RLSI) && (u->lsr_errors & LSR_ERRORS))
		return IIR_RLSI;
	if ((u->ier & IER_RDI) && u->rx_count >= uart_rx_trigger(u))
		return IIR_RDI;
	if ((u->ier & IER_RDI) && u->timeout_pending && u->rx_count)
		return IIR_TIMEOUT;
	if ((u->ier & IER_THRI) && u->thre_pending)
		return IIR_THRI;
	if ((u->ier & IER_MSI) && (u->msr & MSR_DELTAS))
		return IIR_MSI;
	return IIR_NO_INT;
}

static void uart_update_irq(Uart16550 *u)
{
	int level = uart_iir_id(u) != IIR_NO_INT;
	if (level != u->level) {
		u->level = level;
		irq_set(&u->irq, level);
	}
}

/* Drives the line whatever level was last driven. */
static void uart_drive_irq(Uart16550 *u)
{
	u->level = -1;
	uart_update_irq(u);
}

/* Four character times (10 bits each) at the divisor's baud rate, in guest ticks. */
static uint64_t uart_timeout_ticks(const Uart16550 *u)
{
	uint64_t divisor = (uint64_t)u->dlm << 8 | u->dll;
	uint64_t clocks = 4 * 10 * 16 * (divisor ? divisor : 1);
	uint64_t ticks = clocks * SYSEMU_TIMEBASE_HZ / UART16550_CLOCK_HZ;
	return ticks ? ticks : 1;
}

/* The receiver saw activity (a byte in or out): restart the character timeout. */
static void uart_restart_timeout(Uart16550 *u)
{
	u->timeout_pending = false;
	if (uart_fifo_on(u) && u->rx_count)
		timer_mod(u->timeout_timer, clock_ticks() + uart_timeout_ticks(u));
	else
		timer_del(u->timeout_timer);
}

static void uart_timeout_fire(void *opaque)
{
	Uart16550 *u = opaque;
	if (uart_fifo_on(u) && u->rx_count)
		u->timeout_pending = true;
	uart_update_irq(u);
}

static void uart_rx_reset(Uart16550 *u)
{
	u->rx_head = u->rx_count = 0;
	uart_restart_timeout(u);
}

static void uart_rx_push(Uart16550 *u, uint8_t byte)
{
	if (u->rx_count >= uart_rx_capacity(u)) {
		u->lsr_errors |= LSR_OE;
		return;
	}
	u->rx[(u->rx_head + u->rx_count) % UART16550_FIFO_DEPTH] = byte;
	u->rx_count++;
}

/* The chardev may send again once the receiver has room. */
static void uart_unblock_input(Uart16550 *u)
{
	if (u->input_blocked && u->chr) {
		u->input_blocked = false;
		chardev_accept_input(u->chr);
	}
}

/* CTS, DSR, RI and DCD: wired to RTS, DTR, OUT1 and OUT2 in loopback, else a connected
 * terminal (CTS, DSR and DCD asserted). */
static uint8_t uart_modem_lines(const Uart16550 *u)
{
	if (!(u->mcr & MCR_LOOP))
		return MSR_CTS | MSR_DSR | MSR_DCD;
	uint8_t m = 0;
	m |= (u->mcr & MCR_RTS) ? MSR_CTS : 0;
	m |= (u->mcr & MCR_DTR) ? MSR_DSR : 0;
	m |= (u->mcr & MCR_OUT1) ? MSR_RI : 0;
	m |= (u->mcr & MCR_OUT2) ? MSR_DCD : 0;
	return m;
}

static void uart_update_modem(Uart16550 *u)
{
	uint8_t now = uart_modem_lines(u), old = u->msr & 0xf0, changed = now ^ old;
	uint8_t deltas = u->msr & MSR_DELTAS;
	deltas |= (changed & MSR_CTS) ? MSR_DCTS : 0;
	deltas |= (changed & MSR_DSR) ? MSR_DDSR : 0;
	deltas |= (changed & MSR_DCD) ? MSR_DDCD : 0;
	deltas |= ((old & MSR_RI) && !(now & MSR_RI)) ? MSR_TERI : 0;
	u->msr = now | deltas;
}

static uint8_t uart_read_rbr(Uart16550 *u)
{
	if (u->lcr & LCR_DLAB)
		return u->dll;
	if (!u->rx_count)
		return 0;
	uint8_t byte = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % UART16550_FIFO_DEPTH;
	u->rx_count--;
	uart_restart_timeout(u);
	uart_unblock_input(u);
	return byte;
}

static void uart_write_thr(Uart16550 *u, uint8_t v)
{
	if (u->lcr & LCR_DLAB) {
		u->dll = v;
		return;
	}
	if (u->mcr & MCR_LOOP) {
		uart_rx_push(u, v);
		uart_restart_timeout(u);
	} else if (u->chr) {
		chardev_write(u->chr, &v, 1);
	}
	u->thre_pending = true; /* the byte left at once: THR is empty again */
}

static uint8_t uart_read_ier(Uart16550 *u)
{
	return (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
}

static void uart_write_ier(Uart16550 *u, uint8_t v)
{
	if (u->lcr & LCR_DLAB) {
		u->dlm = v;
		return;
	}
	if ((v & IER_THRI) && !(u->ier & IER_THRI))
		u->thre_pending = true; /* THR is empty when the interrupt is enabled */
	u->ier = v & 0x0f;
}

static uint8_t uart_read_iir(Uart16550 *u)
{
	uint8_t id = uart_iir_id(u);
	if (id == IIR_THRI)
		u->thre_pending = false;
	return id | (uart_fifo_on(u) ? IIR_FIFO_ON : 0);
}

static void uart_write_fcr(Uart16550 *u, uint8_t v)
{
	bool toggled = (v ^ u->fcr) & FCR_ENABLE;
	u->fcr = v & (FCR_ENABLE | FCR_TRIGGER);
	if (toggled || (v & FCR_CLEAR_RX)) {
		uart_rx_reset(u);
		uart_unblock_input(u);
	}
}

static uint8_t uart_read_lcr(Uart16550 *u)
{
	return u->lcr;
}

static void uart_write_lcr(Uart16550 *u, uint8_t v)
{
	u->lcr = v;
}

static uint8_t uart_read_mcr(Uart16550 *u)
{
	return u->mcr;
}

static void uart_write_mcr(Uart16550 *u, uint8_t v)
{
	u->mcr = v & 0x1f;
	uart_update_modem(u);
	if (!(u->mcr & MCR_LOOP))
		uart_unblock_input(u);
}

static uint8_t uart_read_lsr(Uart16550 *u)
{
	uint8_t v = u->lsr_errors | LSR_THRE | LSR_TEMT | (u->rx_count ? LSR_DR : 0);
	u->lsr_errors = 0;
	return v;
}

static uint8_t uart_read_msr(Uart16550 *u)
{
	uint8_t v = u->msr;
	u->msr &= ~MSR_DELTAS;
	return v;
}

static uint8_t uart_read_scr(Uart16550 *u)
{
	return u->scr;
}

static void uart_write_scr(Uart16550 *u, uint8_t v)
{
	u->scr = v;
}

static void uart_write_ignored(Uart16550 *u, uint8_t v)
{
}

/* Offsets 0..7; DLAB is looked at by the handlers of offsets 0 and 1. */
static const struct {
	uint8_t (*read)(Uart16550 *u);
	void (*write)(Uart16550 *u, uint8_t v);
} uart_regs[8] = {
    {uart_read_rbr, uart_write_thr},     {uart_read_ier, uart_write_ier},
    {uart_read_iir, uart_write_fcr},     {uart_read_lcr, uart_write_lcr},
    {uart_read_mcr, uart_write_mcr},     {uart_read_lsr, uart_write_ignored},
    {uart_read_msr, uart_write_ignored}, {uart_read_scr, uart_write_scr},
};

static uint64_t uart_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
	Uart16550 *u = opaque;
	if (offset >= 8)
		return 0;
	uint8_t v = uart_regs[offset].read(u);
	uart_update_irq(u);
	return v;
}

static void uart_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
	Uart16550 *u = opaque;
	if (offset >= 8)
		return;
	uart_regs[offset].write(u, (uint8_t)value);
	uart_update_irq(u);
}

static const MemRegionOps uart_ops = {uart_mmio_read, uart_mmio_write};

static size_t uart_can_receive(void *opaque)
{
	Uart16550 *u = opaque;
	size_t room = (u->mcr & MCR_LOOP) ? 0 : uart_rx_capacity(u) - u->rx_count;
	if (!room)
		u->input_blocked = true;
	return room;
}

static void uart_receive(void *opaque, const uint8_t *buf, size_t len)
{
	Uart16550 *u = opaque;
	for (size_t i = 0; i < len; i++)
		uart_rx_push(u, buf[i]);
	uart_restart_timeout(u);
	uart_update_irq(u);
}

void uart16550_reset(Uart16550 *u)
{
	u->dll = 12; /* 9600 baud at 1.8432 MHz, a conventional reset value */
	u->dlm = u->ier = u->lcr = u->mcr = u->lsr_errors = u->scr = u->fcr = 0;
	u->thre_pending = false;
	u->msr = 0;
	uart_update_modem(u);
	u->msr &= ~MSR_DELTAS;
	uart_rx_reset(u);
	uart_drive_irq(u);
	uart_unblock_input(u);
}

Uart16550 *uart16550_new(Bus *bus, uint64_t base, IrqLine irq, Chardev *chr)
{
	Uart16550 *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	u->irq = irq;
	u->chr = chr;
	u->timeout_timer = timer_new(uart_timeout_fire, u);
	if (!u->timeout_timer || bus_add_mmio(bus, base, UART16550_SIZE, &uart_ops, u, "uart")) {
		timer_free(u->timeout_timer);
		free(u);
		return NULL;
	}
	uart16550_reset(u);
	if (chr) {
		ChardevFrontend fe = {uart_can_receive, uart_receive, u};
		chardev_attach(chr, &fe);
	}
	return u;
}

static void uart_save(void *opaque, GByteArray *out)
{
	Uart16550 *u = opaque;
	const uint8_t regs[9] = {u->dll,        u->dlm, u->ier, u->lcr, u->mcr,
	                         u->lsr_errors, u->msr, u->scr, u->fcr};
	vmstate_put_u32(out, UART_VMSTATE_VERSION);
	vmstate_put_bytes(out, regs, sizeof regs);
	vmstate_put_u32(out, (uint32_t)u->thre_pending | (uint32_t)u->timeout_pending << 1);
	vmstate_put_u32(out, u->rx_count);
	for (unsigned i = 0; i < u->rx_count; i++)
		vmstate_put_bytes(out, &u->rx[(u->rx_head + i) % UART16550_FIFO_DEPTH], 1);
}

static int uart_load(void *opaque, VmReader *in)
{
	Uart16550 *u = opaque;
	uint8_t regs[9];
	if (vmstate_get_u32(in) != UART_VMSTATE_VERSION)
		return -1;
	vmstate_get_bytes(in, regs, sizeof regs);
	uint32_t flags = vmstate_get_u32(in), count = vmstate_get_u32(in);
	if (in->error || count > UART16550_FIFO_DEPTH)
		return -1;
	uint8_t rx[UART16550_FIFO_DEPTH];
	vmstate_get_bytes(in, rx, count);
	if (in->error)
		return -1;
	u->dll = regs[0], u->dlm = regs[1], u->ier = regs[2], u->lcr = regs[3];
	u->mcr = regs[4], u->lsr_errors = regs[5], u->msr = regs[6], u->scr = regs[7];
	u->fcr = regs[8];
	u->thre_pending = flags & 1;
	u->rx_head = 0;
	u->rx_count = count;
	memcpy(u->rx, rx, count);
	uart_restart_timeout(u);
	u->timeout_pending = flags & 2;
	uart_drive_irq(u);
	u->input_blocked = true;
	uart_unblock_input(u);
	return 0;
}

VmStateSection uart16550_vmstate(Uart16550 *u)
{
	return (VmStateSection){"uart16550", uart_save, uart_load, u};
}

void uart16550_free(Uart16550 *u)
{
	if (!u)
		return;
	timer_free(u->timeout_timer);
	free(u);
}
