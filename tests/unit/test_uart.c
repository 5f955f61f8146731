/*
 * Unit tests of the ns16550a UART (hw/uart16550.c), driven through the bus: the probe
 * sequence Linux's 8250 driver runs (IER mask, loopback modem lines, FIFO identification
 * in IIR), the divisor latch, output to a Chardev, the receive FIFO with its trigger
 * levels, overrun and character timeout, THR-empty and receive interrupts on the line,
 * input arriving from a started Chardev with flow control, the snapshot section, and
 * the reset back to power-on values with the line lowered.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "hw/uart16550.h"
#include "sysemu/clock.h"
#include "tests/unit/device_test_util.h"
#include "tests/unit/suites.h"

#define UB 0x10000000ull
enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };
#define FCR IIR
#define DLL RBR
#define DLM IER

static uint8_t urd(Bus *bus, unsigned reg)
{
	return (uint8_t)mmio_rd(bus, UB + reg, 1);
}

static void uwr(Bus *bus, unsigned reg, uint8_t v)
{
	mmio_wr(bus, UB + reg, 1, v);
}

typedef struct UartFixture {
	Bus *bus;
	FakeIrq irq;
	Uart16550 *uart;
	Chardev *chr;
	int out[2], in[2];
} UartFixture;

static void fixture_init(UartFixture *f)
{
	memset(f, 0, sizeof *f);
	f->bus = bus_new();
	ck_assert_int_eq(pipe2(f->out, O_NONBLOCK), 0);
	ck_assert_int_eq(pipe(f->in), 0);
	f->chr = chardev_fd_new(f->bus, f->in[0], f->out[1]);
	f->uart = uart16550_new(f->bus, UB, fake_irq_line(&f->irq, 10), f->chr);
	ck_assert_ptr_nonnull(f->uart);
}

static void fixture_fini(UartFixture *f)
{
	chardev_free(f->chr);
	bus_free(f->bus);
	uart16550_free(f->uart);
	for (int i = 0; i < 2; i++) {
		close(f->out[i]);
		close(f->in[i]);
	}
}

START_TEST(test_uart_probe_registers)
{
	UartFixture f;
	fixture_init(&f);
	ck_assert_uint_eq(urd(f.bus, LSR), 0x60); /* THRE | TEMT, nothing received */
	ck_assert_uint_eq(urd(f.bus, IIR), 0x01); /* no interrupt, FIFOs off */
	uwr(f.bus, IER, 0xff);
	ck_assert_uint_eq(urd(f.bus, IER), 0x0f);
	uwr(f.bus, IER, 0);
	uwr(f.bus, SCR, 0xa5);
	ck_assert_uint_eq(urd(f.bus, SCR), 0xa5);
	uwr(f.bus, MCR, 0x1a); /* loopback with RTS and OUT2 */
	ck_assert_uint_eq(urd(f.bus, MSR) & 0xf0, 0x90);
	uwr(f.bus, MCR, 0x1f);
	ck_assert_uint_eq(urd(f.bus, MSR) & 0xf0, 0xf0);
	uwr(f.bus, MCR, 0x03);
	ck_assert_uint_eq(urd(f.bus, MCR), 0x03);
	ck_assert_uint_eq(urd(f.bus, MSR) & 0xf0, 0xb0);
	uwr(f.bus, FCR, 0x01);
	ck_assert_uint_eq(urd(f.bus, IIR) >> 6, 3); /* a 16550A's working FIFO */
	uwr(f.bus, LCR, 0xbf);
	ck_assert_uint_ne(mmio_rd(f.bus, UB + 2, 1), 0); /* no EFR: reads IIR */
	fixture_fini(&f);
}
END_TEST

START_TEST(test_uart_divisor_latch)
{
	UartFixture f;
	fixture_init(&f);
	uwr(f.bus, IER, 0x05);
	uwr(f.bus, LCR, 0x83);
	uwr(f.bus, DLL, 0x02);
	uwr(f.bus, DLM, 0x01);
	ck_assert_uint_eq(urd(f.bus, DLL), 0x02);
	ck_assert_uint_eq(urd(f.bus, DLM), 0x01);
	uwr(f.bus, LCR, 0x03);
	ck_assert_uint_eq(urd(f.bus, LCR), 0x03);
	ck_assert_uint_eq(urd(f.bus, IER), 0x05);
	char buf[8];
	ck_assert_int_lt(read(f.out[0], buf, sizeof buf), 0); /* DLL writes sent nothing */
	uwr(f.bus, LCR, 0x80);
	ck_assert_uint_eq(urd(f.bus, DLM), 0x01);
	fixture_fini(&f);
}
END_TEST

START_TEST(test_uart_output)
{
	UartFixture f;
	fixture_init(&f);
	const char *msg = "hi\r\n";
	for (const char *p = msg; *p; p++) {
		ck_assert_uint_ne(urd(f.bus, LSR) & 0x20, 0);
		uwr(f.bus, RBR, (uint8_t)*p);
	}
	char buf[16] = {0};
	ck_assert_int_eq(read(f.out[0], buf, sizeof buf), 4);
	ck_assert_str_eq(buf, msg);
	fixture_fini(&f);
}
END_TEST

START_TEST(test_uart_thre_interrupt)
{
	UartFixture f;
	fixture_init(&f);
	uwr(f.bus, FCR, 0x07);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0);
	uwr(f.bus, IER, 0x02);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 1);
	ck_assert_uint_eq(urd(f.bus, IIR), 0xc2);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0); /* reading IIR cleared it */
	ck_assert_uint_eq(urd(f.bus, IIR), 0xc1);
	uwr(f.bus, RBR, 'x');
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 1); /* sent: THR empty again */
	uwr(f.bus, IER, 0x00);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0);
	uwr(f.bus, IER, 0x02); /* re-enabling with THR empty raises it again */
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 1);
	fixture_fini(&f);
}
END_TEST

START_TEST(test_uart_loopback_fifo)
{
	UartFixture f;
	fixture_init(&f);
	uwr(f.bus, FCR, 0x81); /* FIFO on, trigger level 8 */
	uwr(f.bus, MCR, 0x10);
	uwr(f.bus, IER, 0x01);
	for (int i = 0; i < 7; i++)
		uwr(f.bus, RBR, (uint8_t)('a' + i));
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x01, 1);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0); /* below the trigger level */
	uwr(f.bus, RBR, 'h');
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 1);
	ck_assert_uint_eq(urd(f.bus, IIR), 0xc4);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(urd(f.bus, RBR), 'a' + i);
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x01, 0);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0);
	char buf[4];
	ck_assert_int_lt(read(f.out[0], buf, sizeof buf), 0); /* loopback sends nothing out */

	for (int i = 0; i < 17; i++)
		uwr(f.bus, RBR, (uint8_t)i);
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x03, 0x03); /* the 17th overran */
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x02, 0);    /* reading LSR cleared OE */
	uwr(f.bus, FCR, 0x83);                           /* clear the receive FIFO */
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x01, 0);

	uwr(f.bus, FCR, 0x00); /* no FIFO: one holding byte */
	uwr(f.bus, RBR, 'p');
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 1);
	ck_assert_uint_eq(urd(f.bus, IIR), 0x04);
	uwr(f.bus, RBR, 'q');
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x03, 0x03);
	ck_assert_uint_eq(urd(f.bus, RBR), 'p');
	fixture_fini(&f);
}
END_TEST

static bool uart_irq_high(void *arg)
{
	return fake_irq_level(arg, 10) == 1;
}

START_TEST(test_uart_char_timeout)
{
	UartFixture f;
	fixture_init(&f);
	timers_init(f.bus);
	uwr(f.bus, LCR, 0x80);
	uwr(f.bus, DLL, 1);
	uwr(f.bus, LCR, 0x03);
	uwr(f.bus, FCR, 0xc1); /* trigger level 14 */
	uwr(f.bus, MCR, 0x10);
	uwr(f.bus, IER, 0x01);
	uwr(f.bus, RBR, 'z');
	ck_assert(wait_until_true(uart_irq_high, &f.irq));
	ck_assert_uint_eq(urd(f.bus, IIR), 0xcc);
	ck_assert_uint_eq(urd(f.bus, RBR), 'z');
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0);
	timers_shutdown();
	fixture_fini(&f);
}
END_TEST

static bool uart_has_data(void *arg)
{
	return urd(arg, LSR) & 0x01;
}

START_TEST(test_uart_input_from_chardev)
{
	UartFixture f;
	fixture_init(&f);
	uwr(f.bus, FCR, 0x01);
	ck_assert_int_eq(chardev_start(f.chr), 0);
	char msg[40];
	for (int i = 0; i < 40; i++)
		msg[i] = (char)('0' + i);
	ck_assert_int_eq(write(f.in[1], msg, sizeof msg), (ssize_t)sizeof msg);
	ck_assert_int_eq(write(f.in[1], "\x01\x01", 2), 2); /* Ctrl-A Ctrl-A: one Ctrl-A */
	for (int i = 0; i < 41; i++) {
		ck_assert(wait_until_true(uart_has_data, f.bus));
		ck_assert_uint_eq(urd(f.bus, RBR), i < 40 ? (uint8_t)msg[i] : 0x01);
	}
	usleep(10000);
	ck_assert_uint_eq(urd(f.bus, LSR) & 0x03, 0); /* nothing more, no overrun */
	fixture_fini(&f);
}
END_TEST

START_TEST(test_uart_reset)
{
	UartFixture f;
	fixture_init(&f);
	uwr(f.bus, LCR, 0x80);
	uwr(f.bus, DLL, 1);
	uwr(f.bus, DLM, 2);
	uwr(f.bus, LCR, 0x03);
	uwr(f.bus, FCR, 0x01);
	uwr(f.bus, MCR, 0x1f);
	uwr(f.bus, SCR, 0x5a);
	uwr(f.bus, IER, 0x0f);
	uwr(f.bus, RBR, 'r'); /* loopback: into the FIFO */
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 1);

	uart16550_reset(f.uart);
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0);
	ck_assert_uint_eq(urd(f.bus, LSR), 0x60); /* the FIFO is empty */
	ck_assert_uint_eq(urd(f.bus, IIR), 0x01);
	ck_assert_uint_eq(urd(f.bus, IER), 0);
	ck_assert_uint_eq(urd(f.bus, LCR), 0);
	ck_assert_uint_eq(urd(f.bus, MCR), 0);
	ck_assert_uint_eq(urd(f.bus, MSR), 0xb0); /* CTS, DSR, DCD; no deltas */
	ck_assert_uint_eq(urd(f.bus, SCR), 0);
	uwr(f.bus, LCR, 0x80);
	ck_assert_uint_eq(urd(f.bus, DLL), 12);
	ck_assert_uint_eq(urd(f.bus, DLM), 0);
	uwr(f.bus, LCR, 0x03);
	uwr(f.bus, RBR, 'x'); /* out of loopback: to the Chardev */
	char c = 0;
	ck_assert_int_eq(read(f.out[0], &c, 1), 1);
	ck_assert_int_eq(c, 'x');
	ck_assert_int_eq(fake_irq_level(&f.irq, 10), 0);
	fixture_fini(&f);
}
END_TEST

START_TEST(test_uart_vmstate)
{
	UartFixture f;
	fixture_init(&f);
	uwr(f.bus, LCR, 0x80);
	uwr(f.bus, DLL, 0x34);
	uwr(f.bus, DLM, 0x12);
	uwr(f.bus, LCR, 0x1b);
	uwr(f.bus, FCR, 0x41);
	uwr(f.bus, MCR, 0x1b);
	uwr(f.bus, SCR, 0x77);
	uwr(f.bus, RBR, 'a');
	uwr(f.bus, RBR, 'b');
	uwr(f.bus, IER, 0x03);
	ck_assert_uint_eq(urd(f.bus, IIR), 0xc2); /* THRE reported and cleared */
	ck_assert_uint_eq(urd(f.bus, RBR), 'a');
	uwr(f.bus, RBR, 'c');

	VmStateSection sec = uart16550_vmstate(f.uart);
	ck_assert_str_eq(sec.name, "uart16550");
	GByteArray *bytes = g_byte_array_new();
	sec.save(sec.opaque, bytes);

	Bus *bus2 = bus_new();
	FakeIrq irq2 = {0};
	Uart16550 *u2 = uart16550_new(bus2, UB, fake_irq_line(&irq2, 10), NULL);
	VmStateSection sec2 = uart16550_vmstate(u2);
	VmReader short_in = {bytes->data, bytes->len - 1, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &short_in), -1);
	ck_assert_uint_eq(urd(bus2, SCR), 0); /* a failed load changed nothing */
	VmReader in = {bytes->data, bytes->len, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &in), 0);
	ck_assert_int_eq(fake_irq_level(&irq2, 10), 1); /* THRE again after the 'c' */
	ck_assert_uint_eq(urd(bus2, SCR), 0x77);
	ck_assert_uint_eq(urd(bus2, LCR), 0x1b);
	ck_assert_uint_eq(urd(bus2, MCR), 0x1b);
	ck_assert_uint_eq(urd(bus2, IER), 0x03);
	ck_assert_uint_eq(urd(bus2, IIR), 0xc2);
	ck_assert_uint_eq(urd(bus2, RBR), 'b');
	ck_assert_uint_eq(urd(bus2, RBR), 'c');
	ck_assert_uint_eq(urd(bus2, LSR) & 0x01, 0);
	uwr(bus2, LCR, 0x80);
	ck_assert_uint_eq(urd(bus2, DLL), 0x34);
	ck_assert_uint_eq(urd(bus2, DLM), 0x12);
	bytes->data[0] = 99;
	VmReader bad = {bytes->data, bytes->len, false};
	ck_assert_int_eq(sec2.load(sec2.opaque, &bad), -1);
	g_byte_array_free(bytes, TRUE);
	bus_free(bus2);
	uart16550_free(u2);
	fixture_fini(&f);
}
END_TEST

Suite *uart_suite(void)
{
	Suite *s = suite_create("uart16550");
	TCase *tc = tcase_create("uart");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_uart_probe_registers);
	tcase_add_test(tc, test_uart_divisor_latch);
	tcase_add_test(tc, test_uart_output);
	tcase_add_test(tc, test_uart_thre_interrupt);
	tcase_add_test(tc, test_uart_loopback_fifo);
	tcase_add_test(tc, test_uart_char_timeout);
	tcase_add_test(tc, test_uart_input_from_chardev);
	tcase_add_test(tc, test_uart_vmstate);
	tcase_add_test(tc, test_uart_reset);
	suite_add_tcase(s, tc);
	return s;
}
