/*
 * Unit tests of the console: the Ctrl-A escape state machine as a pure function
 * (hw/chardev_escape.c), the descriptor chardev (hw/chardev_stdio.c) over pipes with a
 * fake frontend (input held while the frontend is full, monitor mode with line editing
 * and held guest output, quit, end of input), and the monitor's command table
 * (hw/monitor.c) with recording hooks.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hw/chardev.h"
#include "hw/chardev_escape.h"
#include "hw/monitor.h"
#include "tests/unit/device_test_util.h"
#include "tests/unit/suites.h"

START_TEST(test_escape_state_machine)
{
	static const struct {
		const char *in;
		const char *actions; /* one letter per input byte: n none, b byte, q, m, h */
		const char *bytes;   /* the bytes passed through */
	} cases[] = {
	    {"ab", "bb", "ab"},
	    {"\x01x", "nq", ""},
	    {"\x01X", "nq", ""},
	    {"\x01"
	     "c",
	     "nm", ""},
	    {"\x01h", "nh", ""},
	    {"\x01\x01", "nb", "\x01"},
	    {"\x01z", "nn", ""},
	    {"a\x01\x01\x01x"
	     "b",
	     "bnbnqb",
	     "a\x01"
	     "b"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ChardevEscape e = {0};
		char acts[16] = {0}, bytes[16] = {0};
		size_t nb = 0;
		for (size_t j = 0; cases[i].in[j]; j++) {
			uint8_t out = 0;
			ChardevEscapeAction a =
			    chardev_escape_feed(&e, (uint8_t)cases[i].in[j], &out);
			acts[j] = "nbqmh"[a];
			if (a == CHR_ESC_BYTE)
				bytes[nb++] = (char)out;
		}
		ck_assert_msg(strcmp(acts, cases[i].actions) == 0, "case %zu: %s", i, acts);
		ck_assert_msg(strcmp(bytes, cases[i].bytes) == 0, "case %zu bytes", i);
	}
}
END_TEST

typedef struct FakeFrontend {
	size_t room;
	char got[256];
	size_t len;
} FakeFrontend;

static size_t fake_can_receive(void *opaque)
{
	FakeFrontend *f = opaque;
	return f->room;
}

static void fake_receive(void *opaque, const uint8_t *buf, size_t len)
{
	FakeFrontend *f = opaque;
	ck_assert_uint_le(len, f->room);
	memcpy(f->got + f->len, buf, len);
	f->len += len;
	f->room -= len;
}

typedef struct ConsoleFixture {
	Bus *bus;
	Chardev *chr;
	FakeFrontend fe;
	int in[2], out[2];
	char lines[4][64];
	int nlines, quits;
} ConsoleFixture;

static void console_init(ConsoleFixture *c, size_t room)
{
	memset(c, 0, sizeof *c);
	c->bus = bus_new();
	ck_assert_int_eq(pipe(c->in), 0);
	ck_assert_int_eq(pipe2(c->out, O_NONBLOCK), 0);
	c->chr = chardev_fd_new(c->bus, c->in[0], c->out[1]);
	c->fe.room = room;
	ChardevFrontend fe = {fake_can_receive, fake_receive, &c->fe};
	chardev_attach(c->chr, &fe);
	ck_assert_int_eq(chardev_start(c->chr), 0);
}

static void console_fini(ConsoleFixture *c)
{
	chardev_free(c->chr);
	bus_free(c->bus);
	for (int i = 0; i < 2; i++) {
		close(c->in[i]);
		close(c->out[i]);
	}
}

static void type(ConsoleFixture *c, const char *s)
{
	ck_assert_int_eq(write(c->in[1], s, strlen(s)), (ssize_t)strlen(s));
}

typedef struct GotWait {
	ConsoleFixture *c;
	size_t len;
} GotWait;

static bool frontend_has(void *arg)
{
	GotWait *w = arg;
	bus_lock(w->c->bus);
	bool done = w->c->fe.len >= w->len;
	bus_unlock(w->c->bus);
	return done;
}

static void wait_frontend(ConsoleFixture *c, size_t len)
{
	GotWait w = {c, len};
	ck_assert(wait_until_true(frontend_has, &w));
}

/* Everything written to the output pipe so far (after 20 ms of quiet). */
static char *drain_output(ConsoleFixture *c)
{
	static char buf[4096];
	size_t len = 0;
	usleep(20000);
	for (;;) {
		ssize_t n = read(c->out[0], buf + len, sizeof buf - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = 0;
	return buf;
}

START_TEST(test_chardev_flow_control)
{
	ConsoleFixture c;
	console_init(&c, 3);
	type(&c, "hello");
	wait_frontend(&c, 3);
	usleep(20000);
	bus_lock(c.bus);
	ck_assert_uint_eq(c.fe.len, 3); /* the rest waits for the frontend */
	c.fe.room = 10;
	chardev_accept_input(c.chr);
	bus_unlock(c.bus);
	wait_frontend(&c, 5);
	ck_assert(memcmp(c.fe.got, "hello", 5) == 0);
	const uint8_t out[] = "guest says hi";
	chardev_write(c.chr, out, sizeof out - 1);
	ck_assert_str_eq(drain_output(&c), "guest says hi");
	console_fini(&c);
}
END_TEST

static void record_line(void *opaque, Chardev *chr, const char *line)
{
	ConsoleFixture *c = opaque;
	snprintf(c->lines[c->nlines++ % 4], 64, "%s", line);
	chardev_monitor_print(chr, "ran %s\n", line);
}

static bool lines_seen(void *arg)
{
	return __atomic_load_n(&((ConsoleFixture *)arg)->nlines, __ATOMIC_SEQ_CST) >= 2;
}

START_TEST(test_chardev_monitor_mode)
{
	ConsoleFixture c;
	console_init(&c, 100);
	chardev_set_monitor(c.chr, record_line, &c);
	type(&c, "a\x01"
	         "c");
	wait_frontend(&c, 1);
	usleep(20000);
	chardev_write(c.chr, (const uint8_t *)"held", 4); /* guest output waits */
	type(&c, "info stax\x7ftus\rstop\n");
	ck_assert(wait_until_true(lines_seen, &c));
	ck_assert_str_eq(c.lines[0], "info status");
	ck_assert_str_eq(c.lines[1], "stop");
	char *text = drain_output(&c);
	ck_assert_ptr_nonnull(strstr(text, "(ferry) "));
	ck_assert_ptr_nonnull(strstr(text, "ran info status"));
	ck_assert_ptr_null(strstr(text, "held"));
	type(&c, "\x01"
	         "cb");
	wait_frontend(&c, 2);
	ck_assert(memcmp(c.fe.got, "ab", 2) == 0); /* monitor lines never reached the guest */
	ck_assert_ptr_nonnull(strstr(drain_output(&c), "held"));
	type(&c, "\x01h");
	ck_assert_ptr_nonnull(strstr(drain_output(&c), "C-a x"));
	console_fini(&c);
}
END_TEST

static void record_quit(void *opaque)
{
	__atomic_add_fetch(&((ConsoleFixture *)opaque)->quits, 1, __ATOMIC_SEQ_CST);
}

static bool quit_seen(void *arg)
{
	return __atomic_load_n(&((ConsoleFixture *)arg)->quits, __ATOMIC_SEQ_CST) > 0;
}

START_TEST(test_chardev_quit_and_eof)
{
	ConsoleFixture c;
	console_init(&c, 0);
	chardev_set_quit(c.chr, record_quit, &c);
	type(&c, "xy\x01x");
	ck_assert(wait_until_true(quit_seen, &c));
	close(c.in[1]);
	c.in[1] = -1;
	usleep(20000); /* end of input: the thread stops reading, nothing else */
	ck_assert_int_eq(__atomic_load_n(&c.quits, __ATOMIC_SEQ_CST), 1);
	bus_lock(c.bus);
	c.fe.room = 10;
	chardev_accept_input(c.chr);
	bus_unlock(c.bus);
	wait_frontend(&c, 2); /* what was read before the end still arrives */
	ck_assert(memcmp(c.fe.got, "xy", 2) == 0);
	console_fini(&c);
}
END_TEST

typedef struct HookLog {
	int stops, conts, quits, powerdowns, resets;
	char saved[64], loaded[64];
	bool running;
} HookLog;

static bool hook_running(void *o)
{
	return ((HookLog *)o)->running;
}

static void hook_regs(void *o, Chardev *chr)
{
	chardev_monitor_print(chr, "pc 0000000080000000\n");
}

static int hook_savevm(void *o, const char *file)
{
	snprintf(((HookLog *)o)->saved, 64, "%s", file);
	return 0;
}

static int hook_loadvm(void *o, const char *file)
{
	snprintf(((HookLog *)o)->loaded, 64, "%s", file);
	return -ENOENT;
}

static void hook_stop(void *o)
{
	((HookLog *)o)->stops++;
}

static void hook_cont(void *o)
{
	((HookLog *)o)->conts++;
}

static void hook_quit(void *o)
{
	((HookLog *)o)->quits++;
}

static void hook_reset(void *o)
{
	((HookLog *)o)->resets++;
}

/* Runs one monitor line and returns what it printed. */
static char *mon_run(Monitor *m, Chardev *chr, int out_fd, const char *line)
{
	static char buf[2048];
	monitor_handle_line(m, chr, line);
	ssize_t n = read(out_fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

START_TEST(test_monitor_dispatch)
{
	int out[2];
	ck_assert_int_eq(pipe2(out, O_NONBLOCK), 0);
	Chardev *chr = chardev_fd_new(NULL, -1, out[1]);
	HookLog log = {.running = true};
	MonitorHooks hooks = {.opaque = &log,
	                      .running = hook_running,
	                      .info_registers = hook_regs,
	                      .savevm = hook_savevm,
	                      .loadvm = hook_loadvm,
	                      .stop = hook_stop,
	                      .cont = hook_cont,
	                      .quit = hook_quit,
	                      .system_reset = hook_reset};
	Monitor *m = monitor_new(&hooks);
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "help"), "savevm FILE"));
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "info status"), "running"));
	log.running = false;
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "  info   status "), "paused"));
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "info registers"), "pc 0000"));
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "info"), "info registers"));
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "savevm"), "usage: savevm FILE"));
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "savevm a b"), "usage"));
	ck_assert_str_eq(mon_run(m, chr, out[0], "savevm '/tmp/a b'"), "");
	ck_assert_str_eq(log.saved, "/tmp/a b");
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "loadvm x.snap"), "x.snap"));
	ck_assert_str_eq(log.loaded, "x.snap");
	mon_run(m, chr, out[0], "stop");
	mon_run(m, chr, out[0], "cont");
	mon_run(m, chr, out[0], "system_reset");
	mon_run(m, chr, out[0], "quit");
	ck_assert_int_eq(log.stops + log.conts + log.resets + log.quits, 4);
	ck_assert_int_eq(log.stops * log.conts * log.resets * log.quits, 1);
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "system_powerdown"), "not available"));
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "frobnicate"), "unknown command"));
	ck_assert_str_eq(mon_run(m, chr, out[0], "   "), "");
	ck_assert_ptr_nonnull(strstr(mon_run(m, chr, out[0], "savevm 'open"), "quot"));
	monitor_free(m);
	chardev_free(chr);
	close(out[0]);
	close(out[1]);
}
END_TEST

Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("chardev_monitor");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_escape_state_machine);
	tcase_add_test(tc, test_chardev_flow_control);
	tcase_add_test(tc, test_chardev_monitor_mode);
	tcase_add_test(tc, test_chardev_quit_and_eof);
	tcase_add_test(tc, test_monitor_dispatch);
	suite_add_tcase(s, tc);
	return s;
}
